// SPDX-License-Identifier: GPL-2.0
/*
 * Reading idt/table asks every CPU for its IDTR with an IPI. The file is
 * readable by anyone, so those rounds are rate-limited to one a second: a
 * user reading in a loop must not interrupt every CPU once per read.
 * Oracle: the kernel's count of function-call IPIs (the CAL line of
 * /proc/interrupts less its TLB line) during the loop, against the same
 * loop over idt/gdt, which asks no CPU anything.
 *
 * The CAL line also counts what the rest of the system does meanwhile:
 * a wakeup of a task on another CPU is queued there with a function-call
 * IPI (ttwu_queue_wakelist(): always when the CPUs share no cache level,
 * and whenever the target CPU is idle), and RCU, timers and the test's own
 * forks and exits wake tasks all the time. That background is a rate, so
 * the control loop's count is scaled to the table loop's duration: the
 * table loop is slower (a bigger file), much more so under KASAN.
 */
#include "../kselftest_harness.h"
#include "osedu_test.h"

#define TABLE		"/proc/osedu/idt/table"
#define READS		200

/* The sum of row @key of /proc/interrupts over all CPUs, or -1. */
static long long row_sum(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);
	long long sum = 0, v;
	int n;

	if (!p)
		return -1;
	for (p += strlen(key); sscanf(p, " %lld%n", &v, &n) == 1; p += n)
		sum += v;
	return sum;
}

/*
 * Function-call IPIs that are not TLB shootdowns: x86 counts a shootdown
 * both in CAL and in TLB, and the test's own forks and exits cause some.
 */
static long long cal_ipis(void)
{
	static char buf[1 << 16];
	long long cal, tlb;

	if (osedu_read_file("/proc/interrupts", buf, sizeof(buf)) <= 0)
		return -1;
	cal = row_sum(buf, "CAL:");
	tlb = row_sum(buf, "TLB:");
	return cal < 0 ? -1 : cal - (tlb < 0 ? 0 : tlb);
}

/* IPIs while the test user reads @path READS times; its time in *@usecs. */
static long long loop_ipis(const char *path, long long *usecs)
{
	long long before, start = osedu_now_us();
	int st, i;
	pid_t pid;

	before = cal_ipis();
	if (before < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		static char buf[1 << 16];

		if (osedu_drop_privileges())
			_exit(1);
		for (i = 0; i < READS; i++)
			if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
				_exit(2);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st))
		return -1;
	*usecs = osedu_now_us() - start;
	return cal_ipis() - before;
}

TEST(table_reads_do_not_ipi_every_cpu_each_time)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	long long table, control, us, cus, background, allowed;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_idt_dump"));
	if (ncpu < 2)
		SKIP(return, "one CPU: no IPIs to count");
	control = loop_ipis("/proc/osedu/idt/gdt", &cus);
	ASSERT_LE(0, control);
	table = loop_ipis(TABLE, &us);
	ASSERT_LE(0, table);
	ASSERT_LT(0, cus);
	/* The background at the control's rate, over the table's time. */
	background = us > cus ? control * us / cus : control;
	/*
	 * A round a read would reach the ncpu - 1 other CPUs READS times.
	 * Allow half that: reads of either file also cause some IPIs of
	 * their own (vfree() of the seq_file buffer purges lazily with a
	 * kernel TLB flush, which x86 counts in CAL, not TLB), and the
	 * rate-limited rounds themselves, one a second.
	 */
	allowed = background + READS * (ncpu - 1) / 2;
	TH_LOG("%d reads by the test user: idt/table %lld IPIs in %lld ms, idt/gdt %lld in %lld ms (%lld over the table's time); allowed %lld",
	       READS, table, us / 1000, control, cus / 1000, background,
	       allowed);
	EXPECT_GE(allowed, table);
}

TEST_HARNESS_MAIN
