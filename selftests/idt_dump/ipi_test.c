// SPDX-License-Identifier: GPL-2.0
/*
 * Reading idt/table asks every CPU for its IDTR with an IPI. The file is
 * readable by anyone, so those rounds are rate-limited: a user reading in
 * a loop must not interrupt every CPU once per read. Oracle: the kernel's
 * count of function-call IPIs, the CAL line of /proc/interrupts.
 */
#include "../kselftest_harness.h"
#include "osedu_test.h"

#define TABLE		"/proc/osedu/idt/table"
#define READS		200

/* The sum of the CAL row of /proc/interrupts over all CPUs, or -1. */
static long long cal_ipis(void)
{
	static char buf[1 << 16];
	long long sum = 0, v;
	char *p;
	int n;

	if (osedu_read_file("/proc/interrupts", buf, sizeof(buf)) <= 0)
		return -1;
	p = strstr(buf, "CAL:");
	if (!p)
		return -1;
	for (p += 4; sscanf(p, " %lld%n", &v, &n) == 1; p += n)
		sum += v;
	return sum;
}

TEST(table_reads_do_not_ipi_every_cpu_each_time)
{
	long long before, after;
	int st, i;
	pid_t pid;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_idt_dump"));
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "one CPU: no IPIs to count");
	before = cal_ipis();
	ASSERT_LE(0, before);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		static char buf[1 << 16];

		if (osedu_drop_privileges())
			_exit(1);
		for (i = 0; i < READS; i++)
			if (osedu_read_file(TABLE, buf, sizeof(buf)) <= 0)
				_exit(2);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_EQ(0, WEXITSTATUS(st));
	after = cal_ipis();
	TH_LOG("%d reads of %s by the test user: %lld function-call IPIs",
	       READS, TABLE, after - before);
	EXPECT_GT(READS / 4, after - before);
}

TEST_HARNESS_MAIN
