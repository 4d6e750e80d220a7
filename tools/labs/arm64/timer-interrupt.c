// SPDX-License-Identifier: GPL-2.0
/*
 * Lab timer-interrupt (arm64): each CPU's generic timer raises a private
 * peripheral interrupt (PPI) through the GIC, which enters the kernel at
 * the "irq" entries of the vector table. A child spins on CPU 0 for two
 * seconds; the lab reads the arch_timer counts from
 * /proc/osedu/vectors/counts before and after, beside the arch_timer row
 * of /proc/interrupts (the oracle) taken between them. The x86 version of
 * this lab (tools/labs/timer-interrupt.c) shows the local APIC timer.
 *
 *   timer-interrupt
 */
#include <errno.h>
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

#define TABLE		"/proc/osedu/vectors/table"
#define COUNTS		"/proc/osedu/vectors/counts"
#define MODULE		"osedu_vectors_arm64"
#define SECONDS		2

static const struct lab lab = {
	.name = "timer-interrupt",
	.explain_en =
"timer interrupt (arm64): the clock that drives preemption (lectures 5, 16)\n"
"\n"
"The kernel takes the CPU back from a running program because a timer\n"
"interrupts it. On arm64 each CPU has its own generic timer; when it\n"
"fires, the interrupt controller (the GIC) signals that CPU with a\n"
"private peripheral interrupt (PPI), and the CPU jumps to the 'irq' entry\n"
"of the exception vector table at VBAR_EL1: offset 0x480 if it was\n"
"running a program (EL0), 0x280 if it was in the kernel (EL1). The\n"
"handler counts the tick, updates the time and lets the scheduler decide\n"
"whether another task should run.\n"
"\n"
"What to notice:\n"
"  - the irq entries branch to el0t_64_irq and el1h_64_irq;\n"
"  - the timer's interrupt is a PPI (GIC number 16-31) named arch_timer;\n"
"  - a CPU kept busy for 2 s takes many timer interrupts: about HZ (250)\n"
"    a second on real hardware, fewer under emulation;\n"
"  - the counts osedu reads bracket the arch_timer row of\n"
"    /proc/interrupts: they are the same per-CPU counters.\n",
	.explain_ko =
"타이머 인터럽트 (arm64): 선점을 일으키는 시계 (5강, 16강)\n"
"\n"
"커널이 실행 중인 프로그램에서 CPU를 되찾는 것은 타이머가 인터럽트를 걸기\n"
"때문이다. arm64에서는 CPU마다 generic timer가 있고, 타이머가 울리면\n"
"인터럽트 컨트롤러(GIC)가 그 CPU에 PPI(private peripheral interrupt)를\n"
"보낸다. CPU는 VBAR_EL1이 가리키는 예외 벡터 테이블의 'irq' 항목으로\n"
"점프한다: 프로그램(EL0)을 실행 중이었으면 0x480, 커널(EL1)이었으면 0x280.\n"
"핸들러는 틱을 세고 시간을 갱신하며 다른 태스크를 실행할지 스케줄러가\n"
"판단하게 한다.\n"
"\n"
"주목할 점:\n"
"  - irq 항목은 el0t_64_irq와 el1h_64_irq로 분기한다;\n"
"  - 타이머 인터럽트는 arch_timer라는 이름의 PPI(GIC 번호 16-31)이다;\n"
"  - 2초 동안 바쁜 CPU는 타이머 인터럽트를 많이 받는다: 실제 하드웨어에서는\n"
"    초당 약 HZ(250)번, 에뮬레이션에서는 더 적다;\n"
"  - osedu가 읽은 값은 /proc/interrupts의 arch_timer 줄을 사이에 둔다: 같은\n"
"    CPU별 카운터이기 때문이다.\n",
};

/* The handler of the table entry at OFFSET, or lab_die. */
static void entry_handler(const char *table, const char *offset, char *out,
			  size_t len)
{
	char want[16], src[32], kind[16], handler[128];
	const char *p;

	snprintf(want, sizeof(want), "\n%s ", offset);
	p = strstr(table, want);
	if (!p || sscanf(p + 1, "%*x %31s %15s %127s", src, kind,
			 handler) != 3)
		lab_die("%s: no entry at %s", TABLE, offset);
	snprintf(out, len, "%s", handler);
	printf("vector entry %s (%s, %s) -> %s\n", offset, src, kind, handler);
}

/* CPU 0's and CPU 1's arch_timer counts and its GIC number; 0 or -1. */
static int timer_counts(long long *c0, long long *c1, unsigned long *hwirq,
			char *kind, size_t klen)
{
	char *t = lab_must_read(COUNTS), name[64], k[8];
	const char *p = strstr(t, "\nirq hwirq kind cpu0 cpu1 name\n");
	unsigned int irq;
	int ret = -1;

	for (p = p ? strchr(p + 1, '\n') : NULL; p && p[1];
	     p = strchr(p + 1, '\n'))
		if (sscanf(p + 1, "%u %lu %7s %lld %lld %63s", &irq, hwirq, k,
			   c0, c1, name) == 6 && !strcmp(name, "arch_timer")) {
			snprintf(kind, klen, "%s", k);
			ret = 0;
			break;
		}
	free(t);
	return ret;
}

/* The arch_timer row of /proc/interrupts on CPUs 0 and 1; 0 or -1. */
static int proc_timer(long long *c0, long long *c1)
{
	char *t = lab_must_read("/proc/interrupts");
	char *p = strstr(t, "arch_timer"), *line;
	int ret = -1;

	if (p) {
		*p = '\0';
		line = strrchr(t, '\n');
		line = line ? line + 1 : t;
		if (sscanf(line, " %*u: %lld %lld", c0, c1) == 2)
			ret = 0;
	}
	free(t);
	return ret;
}

static pid_t spinner(void)
{
	cpu_set_t set;
	pid_t pid = fork();

	if (pid)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(0);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
	for (;;)
		__asm__ volatile("" ::: "memory");
}

int main(int argc, char **argv)
{
	long long a0, a1, p0, p1, b0, b1;
	char h[128], kind[8], *table;
	unsigned long hwirq;
	pid_t pid;

	lab_start(&lab, argc, argv);
	lab_need(TABLE, MODULE);
	table = lab_must_read(TABLE);
	entry_handler(table, "0x480", h, sizeof(h));
	lab_check(!strcmp(h, "el0t_64_irq"),
		  "an interrupt in a program enters at el0t_64_irq");
	entry_handler(table, "0x280", h, sizeof(h));
	lab_check(!strcmp(h, "el1h_64_irq"),
		  "an interrupt in the kernel enters at el1h_64_irq");
	free(table);

	if (timer_counts(&a0, &a1, &hwirq, kind, sizeof(kind)))
		lab_die("%s: no arch_timer row", COUNTS);
	printf("arch_timer: GIC interrupt %lu (%s)\n", hwirq, kind);
	lab_check(!strcmp(kind, "ppi") && hwirq >= 16 && hwirq < 32,
		  "the timer is a private peripheral interrupt of each CPU");

	pid = spinner();
	if (pid < 0)
		lab_die("fork: %s", strerror(errno));
	sleep(SECONDS);
	if (timer_counts(&a0, &a1, &hwirq, kind, sizeof(kind)) ||
	    proc_timer(&p0, &p1) ||
	    timer_counts(&b0, &b1, &hwirq, kind, sizeof(kind))) {
		kill(pid, SIGKILL);
		lab_die("cannot read the timer counts");
	}
	{
		long long s0, s1;

		/* The spinner's seconds: counts at their start and end. */
		sleep(SECONDS);
		if (timer_counts(&s0, &s1, &hwirq, kind, sizeof(kind)))
			lab_die("cannot read the timer counts");
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		printf("timer interrupts on CPU 0 (busy) in %d s: %lld\n",
		       SECONDS, s0 - b0);
		printf("cpu osedu_before proc_interrupts osedu_after\n");
		printf("0 %lld %lld %lld\n1 %lld %lld %lld\n", a0, p0, b0, a1,
		       p1, b1);
		lab_check(s0 - b0 > 0,
			  "the busy CPU kept taking timer interrupts");
	}
	lab_check(a0 <= p0 && p0 <= b0 && a1 <= p1 && p1 <= b1,
		  "osedu's counts bracket /proc/interrupts' arch_timer row");
	return lab_finish("the timer interrupt, counted by the GIC's PPI");
}
