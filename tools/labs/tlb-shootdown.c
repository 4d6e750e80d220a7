// SPDX-License-Identifier: GPL-2.0
/*
 * Lab tlb-shootdown: a page-table change (munmap of a touched page) in a
 * process whose other thread runs on another CPU makes the kernel send
 * that CPU a TLB-flush interrupt; a single-threaded process doing the
 * same sends none. Evidence: idt_dump's per-CPU ipi_tlb counters
 * (/proc/osedu/idt/counts); oracle: the TLB row of /proc/interrupts.
 * The TLB itself cannot be read, and timing a TLB miss in an emulated
 * CPU means nothing: only the interrupts are evidence. x86, 2+ CPUs.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <osedu/lab.h>

#define ROUNDS		300
#define COUNTS		OSEDU_ROOT "/idt/counts"

static const struct lab lab = {
	.name = "tlb-shootdown",
	.explain_en =
"tlb-shootdown: changing a page table interrupts the other CPUs (lecture 35)\n"
"\n"
"The TLB caches translations, one TLB per CPU. When the kernel removes\n"
"or restricts a mapping (munmap, mprotect), a stale entry in any CPU's\n"
"TLB would still allow the old access, so every CPU that may hold one\n"
"must flush it: the CPU making the change flushes its own TLB and sends\n"
"the others an inter-processor interrupt, a TLB shootdown. Only CPUs\n"
"running a thread of the same process (the same page tables) need it.\n"
"The TLB itself cannot be read by software, and timing a TLB miss in an\n"
"emulated CPU (this VM) means nothing; the interrupts are the evidence.\n"
"\n"
"What to notice:\n"
"  - with a second thread of the process running on the other CPU, each\n"
"    munmap of a touched page sends that CPU a TLB interrupt;\n"
"  - a single-threaded process doing the same sends (almost) none;\n"
"  - idt_dump's ipi_tlb counter and /proc/interrupts' TLB row agree.\n",
	.explain_ko =
"tlb-shootdown: 페이지 테이블을 바꾸면 다른 CPU가 인터럽트를 받는다 (35강)\n"
"\n"
"TLB는 주소 변환을 캐시하며 CPU마다 하나씩 있다. 커널이 매핑을 없애거나\n"
"제한하면(munmap, mprotect) 어느 CPU의 TLB에 남은 옛 항목이 예전 접근을\n"
"계속 허용할 수 있으므로, 그런 항목을 가질 수 있는 모든 CPU가 TLB를 비워야\n"
"한다: 바꾸는 CPU는 자기 TLB를 비우고 다른 CPU들에 프로세서 간 인터럽트\n"
"(IPI)를 보낸다. 이것이 TLB shootdown이다. 같은 프로세스(같은 페이지\n"
"테이블)의 쓰레드를 실행 중인 CPU만 필요하다. TLB 자체는 소프트웨어로 읽을\n"
"수 없고, 에뮬레이션된 CPU(이 VM)에서 TLB 미스 시간을 재는 것은 의미가\n"
"없다; 증거는 인터럽트뿐이다.\n"
"\n"
"주목할 점:\n"
"  - 프로세스의 두 번째 쓰레드가 다른 CPU에서 실행 중이면, 건드린 페이지를\n"
"    munmap할 때마다 그 CPU가 TLB 인터럽트를 받는다;\n"
"  - 같은 일을 하는 단일 쓰레드 프로세스는 (거의) 보내지 않는다;\n"
"  - idt_dump의 ipi_tlb 카운터와 /proc/interrupts의 TLB 행이 일치한다.\n",
};

/* The ipi_tlb counter of CPU from idt/counts, or -1. */
static long long idt_tlb(int cpu)
{
	char *buf = lab_must_read(COUNTS), *line, *next;
	struct osedu_cols c;
	int col = -1;
	long long v = -1;

	for (line = buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (osedu_split(&c, line) < 0)
			continue;
		if (c.n > 1 && !strcmp(c.col[0], "cpu")) {
			for (int i = 0; i < c.n; i++)
				if (!strcmp(c.col[i], "ipi_tlb"))
					col = i;
		} else if (c.n > 1 && !strcmp(c.col[0], "irq")) {
			col = -1;
		} else if (col > 0 && col < c.n &&
			   strtol(c.col[0], NULL, 10) == cpu &&
			   c.col[0][0] >= '0' && c.col[0][0] <= '9') {
			v = strtoll(c.col[col], NULL, 10);
		}
		osedu_cols_free(&c);
	}
	free(buf);
	return v;
}

/* The TLB row of /proc/interrupts for CPU (the kernel's own count). */
static long long proc_tlb(int cpu)
{
	char *buf = lab_must_read("/proc/interrupts"), *p;
	long long v = -1;
	int i;

	p = strstr(buf, "\n TLB:");
	if (!p)
		p = strstr(buf, "\nTLB:");
	if (p) {
		p = strchr(p, ':') + 1;
		for (i = 0; i <= cpu; i++)
			v = strtoll(p, &p, 10);
	}
	free(buf);
	return v;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		lab_die("sched_setaffinity(%d): %s", cpu, strerror(errno));
}

static atomic_int stop, on_cpu1;

/* The second thread: keep running on CPU 1, in this process's tables. */
static void *spinner(void *arg)
{
	volatile long n = 0;

	(void)arg;
	pin(1);
	while (sched_getcpu() != 1)
		;
	atomic_store(&on_cpu1, 1);
	while (!atomic_load(&stop))
		n++;
	return NULL;
}

static void churn(void)
{
	for (int i = 0; i < ROUNDS; i++) {
		char *p = mmap(NULL, PW_PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			lab_die("mmap: %s", strerror(errno));
		p[0] = 1;	/* a TLB entry to shoot down */
		munmap(p, PW_PAGE);
	}
}

struct delta {
	long long idt, proc;
};

static struct delta measure(bool threaded)
{
	long long i0, p0;
	struct delta d;
	pthread_t th;

	pin(0);
	atomic_store(&stop, 0);
	atomic_store(&on_cpu1, 0);
	if (threaded && pthread_create(&th, NULL, spinner, NULL))
		lab_die("pthread_create: %s", strerror(errno));
	/* Shootdowns go to CPU 1 only once the spinner runs there. */
	while (threaded && !atomic_load(&on_cpu1))
		usleep(1000);
	i0 = idt_tlb(1);
	p0 = proc_tlb(1);
	churn();
	d.idt = idt_tlb(1) - i0;
	d.proc = proc_tlb(1) - p0;
	atomic_store(&stop, 1);
	if (threaded)
		pthread_join(th, NULL);
	return d;
}

int main(int argc, char **argv)
{
	struct delta one, two;

	lab_start(&lab, argc, argv);
	lab_need(COUNTS, "osedu_idt_dump");
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		lab_die("this lab needs two CPUs");
	if (idt_tlb(1) < 0 || proc_tlb(1) < 0)
		lab_die("no TLB counter for CPU 1 (idt/counts or /proc/interrupts)");

	printf("%d rounds of mmap, write, munmap of one page on CPU 0\n\n",
	       ROUNDS);
	one = measure(false);
	printf("single-threaded process: CPU 1 got %lld TLB interrupts (idt_dump), %lld (/proc/interrupts)\n",
	       one.idt, one.proc);
	two = measure(true);
	printf("second thread running on CPU 1: CPU 1 got %lld TLB interrupts (idt_dump), %lld (/proc/interrupts)\n",
	       two.idt, two.proc);

	lab_check(two.idt >= ROUNDS / 2,
		  "with a thread on CPU 1: %lld shootdowns for %d munmaps",
		  two.idt, ROUNDS);
	lab_check(one.idt <= ROUNDS / 10,
		  "single-threaded: %lld shootdowns for %d munmaps", one.idt,
		  ROUNDS);
	/* Other activity may add a few between the two reads. */
	lab_check(llabs(two.idt - two.proc) <= 5 && llabs(one.idt - one.proc) <= 5,
		  "idt_dump's ipi_tlb and /proc/interrupts' TLB row agree (%lld/%lld, %lld/%lld)",
		  one.idt, one.proc, two.idt, two.proc);
	printf("RESULT-DATA single=%lld threaded=%lld rounds=%d\n", one.idt,
	       two.idt, ROUNDS);
	return lab_finish("TLB shootdowns only to a CPU running the same page tables");
}
