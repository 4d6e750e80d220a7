// SPDX-License-Identifier: GPL-2.0
/*
 * Lab timer-interrupt: the local APIC timer interrupt (IDT vector 0xec)
 * firing. Keeps one CPU busy for two seconds and reads each CPU's
 * local_timer count from /proc/osedu/idt/counts before and after, beside
 * the LOC row of /proc/interrupts (the oracle) taken at the same moments;
 * estimates the tick rate and compares it with the kernel's HZ measured
 * from jiffies in /proc/timer_list. Tolerant of emulation: under TCG a
 * vCPU runs only part of the time and receives fewer ticks.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/lab.h>

#define COUNTS	"/proc/osedu/idt/counts"
#define MAXCPU	256
#define BUSY_S	2.0

static const struct lab lab = {
	.name = "timer-interrupt",
	.explain_en =
"timer-interrupt: the tick that lets the scheduler preempt (lectures 14, 15)\n"
"\n"
"A preemptive scheduler must be able to take the CPU back from a process\n"
"that never gives it up. The hardware that makes this possible is the\n"
"timer interrupt: each CPU's local APIC timer raises IDT vector 0xec,\n"
"the kernel's handler runs, counts time and asks the scheduler whether\n"
"the running process has used up its slice. Linux programs the timer for\n"
"HZ ticks a second (250 on Debian) on a busy CPU, but stops it on an idle\n"
"CPU (tickless idle, NO_HZ): there is nothing to preempt there.\n"
"\n"
"What to notice:\n"
"  - gate 0xec is the local timer, DPL 0 (only the hardware raises it);\n"
"  - over two seconds, the busy CPU takes many timer interrupts, about HZ\n"
"    a second on real hardware (fewer under emulation, where a virtual\n"
"    CPU runs only part of the time); an idle CPU may take far fewer;\n"
"  - the counts osedu reads agree with the LOC row of /proc/interrupts:\n"
"    they are the same per-CPU counters.\n",
	.explain_ko =
"timer-interrupt: 스케줄러가 CPU를 되찾게 하는 타이머 인터럽트 (14강, 15강)\n"
"\n"
"선점형 스케줄러는 CPU를 내놓지 않는 프로세스에게서도 CPU를 되찾아야 한다.\n"
"그것을 가능하게 하는 하드웨어가 타이머 인터럽트다: CPU마다 있는 local APIC\n"
"타이머가 IDT 0xec번 인터럽트를 일으키면 커널의 핸들러가 실행되어 시간을 세고,\n"
"실행 중인 프로세스가 자기 시간을 다 썼는지 스케줄러에게 묻는다. 리눅스는\n"
"바쁜 CPU에서 타이머를 초당 HZ번(데비안은 250) 울리게 하지만, 쉬는 CPU에서는\n"
"멈춘다 (tickless idle, NO_HZ): 거기에는 선점할 프로세스가 없다.\n"
"\n"
"주목할 점:\n"
"  - 0xec번 게이트는 local timer이고 DPL 0이다 (하드웨어만 일으킨다);\n"
"  - 2초 동안 바쁜 CPU는 타이머 인터럽트를 많이 받는다: 실제 하드웨어에서는\n"
"    초당 약 HZ번 (에뮬레이션에서는 가상 CPU가 일부 시간만 실행되므로 더\n"
"    적다); 쉬는 CPU는 훨씬 적을 수 있다;\n"
"  - osedu가 읽은 값은 /proc/interrupts의 LOC 줄과 같다: 같은 CPU별\n"
"    카운터이기 때문이다.\n",
};

/* cpu -> local_timer count; number of CPUs read. */
static int read_counts(long long *loc, int *cpu)
{
	char *buf = osedu_read_all(COUNTS, OSEDU_DOC_MAX, NULL), *p;
	int n = 0;

	p = buf ? strstr(buf, "\ncpu local_timer") : NULL;
	for (p = p ? strchr(p + 1, '\n') : NULL; p && n < MAXCPU;
	     p = strchr(p + 1, '\n')) {
		if (!isdigit((unsigned char)p[1]) ||
		    sscanf(p + 1, "%d %lld", &cpu[n], &loc[n]) != 2)
			break;
		n++;
	}
	free(buf);
	return buf ? n : -1;
}

static int read_loc(long long *loc)
{
	char *buf = osedu_read_all("/proc/interrupts", OSEDU_DOC_MAX, NULL), *p, *end;
	int n = 0;

	p = buf ? strstr(buf, "LOC:") : NULL;
	for (p = p ? p + 4 : NULL; p && n < MAXCPU; p = end) {
		loc[n] = strtoll(p, &end, 10);
		if (end == p)
			break;
		n++;
	}
	free(buf);
	return n;
}

static long long jiffies(void)
{
	char *buf = osedu_read_all("/proc/timer_list", OSEDU_DOC_MAX, NULL);
	long long j = buf ? osedu_kv_num(buf, "jiffies", -1) : -1;

	free(buf);
	return j;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A busy loop pinned to CPU: its tick cannot stop. Killed by the parent. */
static pid_t spinner(int cpu)
{
	cpu_set_t set;
	pid_t pid = fork();

	if (pid)
		return pid;
	/* However the lab ends, its spinner must not outlive it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(0);
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
	for (;;)
		asm volatile("" ::: "memory");
}

int main(int argc, char **argv)
{
	static long long before[MAXCPU], after[MAXCPU];
	static long long lb[MAXCPU], la[MAXCPU];
	static int cpu[MAXCPU], cpu2[MAXCPU];
	long long j0, j1, d, busyd = 0, worst = 0;
	double t0, t1, dt, hz = 0;
	int n, i, nl, busy;
	struct idt_gate g;
	pid_t kid;

	lab_start(&lab, argc, argv);
	if (idt_gate(0xec, &g))
		lab_die("%s: cannot read (load osedu_idt_dump: sudo make load)",
			IDT_TABLE);
	idt_show(&g);
	lab_check(!strcmp(g.name, "local_timer") && g.present && g.dpl == 0,
		  "vector 0xec is the local APIC timer, present, DPL 0");
	idt_check_kallsyms(&g);

	n = read_counts(before, cpu);
	if (n <= 0)
		lab_die("%s: cannot read (load osedu_idt_dump)", COUNTS);
	busy = cpu[n - 1];
	fflush(stdout);
	kid = spinner(busy);
	if (kid < 0)
		lab_die("fork: %s", strerror(errno));
	/* Let the spinner reach its CPU before the window opens. */
	usleep(200000);

	/* Bracket LOC inside our reads: theirs span no more than ours. */
	j0 = jiffies();
	t0 = now();
	n = read_counts(before, cpu);
	nl = read_loc(lb);
	usleep((useconds_t)(BUSY_S * 1e6));
	if (read_loc(la) != nl)
		nl = 0;
	if (read_counts(after, cpu2) != n)
		lab_die("the set of CPUs changed during the measurement");
	t1 = now();
	j1 = jiffies();
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	dt = t1 - t0;

	printf("local timer interrupts (vector 0xec) in %.2f s, CPU %d busy:\n",
	       dt, busy);
	printf("cpu osedu_local_timer proc_interrupts_LOC\n");
	for (i = 0; i < n; i++) {
		printf("%d %lld", cpu[i], after[i] - before[i]);
		if (i < nl)
			printf(" %lld", la[i] - lb[i]);
		printf("\n");
	}
	lab_check(nl == n, "/proc/interrupts has a LOC count for each of the "
		  "%d CPUs", n);
	for (i = 0; i < n && i < nl; i++) {
		d = (after[i] - before[i]) - (la[i] - lb[i]);
		if (llabs(d) > llabs(worst))
			worst = d;
		if (cpu[i] == busy)
			busyd = after[i] - before[i];
	}
	/* The two reads of a pair are moments apart, not simultaneous. */
	lab_check(llabs(worst) <= 10 + busyd / 5,
		  "osedu counts agree with LOC (largest difference %lld)",
		  worst);

	if (j0 >= 0 && j1 > j0) {
		hz = (j1 - j0) / dt;
		printf("jiffies advanced %lld in %.2f s: HZ = %.0f "
		       "(/proc/timer_list)\n", j1 - j0, dt, hz);
	} else {
		hz = 250;
		printf("/proc/timer_list unreadable (run as root): assuming "
		       "Debian's HZ = 250\n");
	}
	printf("busy CPU %d: %.0f timer interrupts a second (estimate of HZ; "
	       "low under emulation)\n", busy, busyd / dt);
	/*
	 * Single-threaded TCG on a loaded host runs a vCPU a fraction of the
	 * time and a late timer fires once however many ticks it missed:
	 * 64/s was seen for HZ 250 at a load of 4 per host core.
	 */
	lab_check(busyd / dt >= hz / 25,
		  "the busy CPU's tick kept running: %.0f/s >= HZ/25 = %.0f/s",
		  busyd / dt, hz / 25);
	lab_check(busyd / dt <= 2 * hz + 50,
		  "and no faster than the timer allows: %.0f/s <= 2*HZ+50",
		  busyd / dt);
	return lab_finish("the timer interrupt drives the tick");
}
