// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/sched/cpus against the CPU placement and state /proc/<pid>/stat
 * reports (fields 3 and 39), and the switch count of /proc/stat.
 */
#include <sched.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define CPUS		"/proc/osedu/sched/cpus"
#define BUFSZ		(1024 * 1024)
#define WAIT_MS		30000

static void load(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
}

static int pin(pid_t pid, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(pid, sizeof(set), &set);
}

static pid_t spawn_spinner(int cpu)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (pin(0, cpu))
			_exit(1);
		for (;;)
			;
	}
	return pid;
}

/* The role ("running"/"queued") and CPU of @tid in the task table. */
static bool find_row(const char *buf, pid_t tid, int *cpu, char *role)
{
	const char *line = strstr(buf, "\ncpu tid pid role");
	int c, t, p;
	char r[16];

	for (line = line ? strchr(line + 1, '\n') : NULL; line;
	     line = strchr(line + 1, '\n')) {
		if (sscanf(line + 1, "%d %d %d %15s", &c, &t, &p, r) != 4)
			break;
		if (t == tid) {
			*cpu = c;
			snprintf(role, 16, "%s", r);
			return true;
		}
	}
	return false;
}

static long long stat_ll(pid_t pid, int field)
{
	char v[32];

	if (!osedu_proc_stat_field(pid, field, v, sizeof(v)))
		return -1;
	return field == 3 ? v[0] : atoll(v);
}

TEST(running_and_queued)
{
	char *buf = malloc(BUFSZ), role[2][16], srole[16], sleeper_role[16];
	int cpu[2], scpu, sleeper_cpu, i;
	bool ok = false;
	long long start;
	pid_t spin[2], sleeper;

	ASSERT_NE(NULL, buf);
	load(_metadata);
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "needs two CPUs (vm/run gives the guest two)");
	ASSERT_EQ(0, pin(0, 0));
	sleeper = osedu_spawn_sleeper();
	ASSERT_LT(0, sleeper);
	/*
	 * Asleep in pause() before the table is read: a child just forked
	 * on this CPU may not have run yet, and then it is queued (seen on
	 * 6.1-arm64 under TCG with the host loaded).
	 */
	ASSERT_TRUE(osedu_wait_asleep(sleeper, sleeper, 'S', WAIT_MS));
	spin[0] = spawn_spinner(1);
	spin[1] = spawn_spinner(1);
	ASSERT_LT(0, spin[0]);
	ASSERT_LT(0, spin[1]);

	/* Both spinners on CPU 1: one runs there, the other waits there. */
	start = osedu_now_us();
	while (!ok && osedu_now_us() - start < WAIT_MS * 1000LL) {
		ASSERT_LT(0, osedu_read_file(CPUS, buf, BUFSZ));
		ok = find_row(buf, spin[0], &cpu[0], role[0]) &&
		     find_row(buf, spin[1], &cpu[1], role[1]) &&
		     find_row(buf, getpid(), &scpu, srole) &&
		     cpu[0] == 1 && cpu[1] == 1 && scpu == 0 &&
		     strcmp(role[0], role[1]) && !strcmp(srole, "running");
		if (!ok)
			usleep(10000);
	}
	ASSERT_TRUE(ok) TH_LOG("table:\n%s", buf);
	for (i = 0; i < 2; i++) {
		EXPECT_EQ(1, stat_ll(spin[i], 39));
		EXPECT_EQ('R', stat_ll(spin[i], 3));
	}
	/* A sleeping task is neither running nor queued. */
	EXPECT_FALSE(find_row(buf, sleeper, &sleeper_cpu, sleeper_role));

	/* The summary: CPU 1 runs one spinner and has at least one queued. */
	{
		const char *s = strstr(buf, "\ncpu current_tid current_comm queued\n");
		char line[64], comm[32];
		int c, tid;
		unsigned int queued;
		bool seen = false;

		ASSERT_NE(NULL, s);
		for (s = strchr(s + 1, '\n'); s && s[1]; s = strchr(s + 1, '\n')) {
			int n;

			snprintf(line, sizeof(line), "%s", s + 1);
			n = sscanf(line, "%d %d %31s %u", &c, &tid, comm,
				   &queued);
			ASSERT_EQ(4, n);
			if (c != 1)
				continue;
			seen = true;
			EXPECT_TRUE(tid == spin[0] || tid == spin[1]);
			EXPECT_LE(1, queued);
		}
		EXPECT_TRUE(seen);
	}
	for (i = 0; i < 2; i++)
		osedu_kill_reap(spin[i]);
	osedu_kill_reap(sleeper);
	free(buf);
}

/* Live threads' switches are a part of all switches since boot. */
TEST(switch_count)
{
	char buf[8192], *p;
	long long ours, ctxt_before, ctxt_after;
	char *big = malloc(BUFSZ);

	ASSERT_NE(NULL, big);
	load(_metadata);
	ASSERT_LT(0, osedu_read_file("/proc/stat", buf, sizeof(buf)));
	p = strstr(buf, "\nctxt ");
	ASSERT_NE(NULL, p);
	ctxt_before = atoll(p + 6);
	ASSERT_LT(0, osedu_read_file(CPUS, big, BUFSZ));
	ours = osedu_kv_ll(big, "switches_live_threads");
	ASSERT_LT(0, osedu_read_file("/proc/stat", buf, sizeof(buf)));
	p = strstr(buf, "\nctxt ");
	ASSERT_NE(NULL, p);
	ctxt_after = atoll(p + 6);
	EXPECT_LT(0, ours);
	EXPECT_LE(ours, ctxt_after) TH_LOG("before %lld", ctxt_before);
	free(big);
}

TEST(concurrent_readers)
{
	pid_t kids[8];
	int i, status, bad = 0;

	load(_metadata);
	for (i = 0; i < 8; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			char *b = malloc(BUFSZ);
			int n;

			for (n = 0; n < 50; n++)
				if (osedu_read_file(CPUS, b, BUFSZ) <= 0 ||
				    !osedu_is_header(b, "sched-cpus"))
					_exit(1);
			_exit(0);
		}
		ASSERT_LT(0, kids[i]);
	}
	for (i = 0; i < 8; i++) {
		ASSERT_EQ(kids[i], waitpid(kids[i], &status, 0));
		bad += WEXITSTATUS(status) != 0;
	}
	EXPECT_EQ(0, bad);
}

TEST_HARNESS_MAIN
