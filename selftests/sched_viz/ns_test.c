// SPDX-License-Identifier: GPL-2.0
/*
 * sched/cpus lists only what the reader could see in /proc: tasks of its
 * own pid namespace, and under a hidepid=2 procfs mount only its own
 * tasks unless it is in the mount's gid= group. Oracle: a root spinner
 * that is certainly running on a CPU, and the reader's own tid.
 */
#include <sys/mount.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_ns.h"

#define MNT		"/tmp/osedu-proc-hidepid"
#define BUFSZ		65536

/* Is @tid a row of the task table (cpu tid pid role ...)? */
static bool listed(const char *buf, pid_t tid)
{
	const char *p;
	int c, t;

	osedu_for_each_line(p, buf) {
		if (!strncmp(p, "switches_live_threads", 21))
			break;
		if (sscanf(p, "%d %d", &c, &t) == 2 && t == tid)
			return true;
	}
	return false;
}

/* Rows of the task table whose tid is not @tid. */
static int others(const char *buf, pid_t tid)
{
	const char *p;
	int c, t, n = 0;

	osedu_for_each_line(p, buf) {
		if (!strncmp(p, "switches_live_threads", 21))
			break;
		if (sscanf(p, "%d %d", &c, &t) == 2 && t != tid)
			n++;
	}
	return n;
}

static int out_fd;

static int read_cpus(void *arg)
{
	static char buf[BUFSZ];
	ssize_t n;

	(void)arg;
	n = osedu_read_file("/proc/osedu/sched/cpus", buf, sizeof(buf));
	if (n <= 0)
		return 1;
	return write(out_fd, buf, n) == n ? 0 : 2;
}

TEST(cpus_in_child_pidns)
{
	static char buf[BUFSZ];
	int p[2], rc;
	pid_t spin, inner;
	ssize_t n;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	spin = osedu_spawn_spinner();
	ASSERT_LT(0, spin);
	usleep(100000);
	ASSERT_EQ(0, pipe(p));
	out_fd = p[1];
	rc = osedu_in_new_pidns(read_cpus, NULL, &inner);
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	osedu_kill_reap(spin);
	ASSERT_EQ(0, rc);
	ASSERT_LT(0, n);
	buf[n] = '\0';
	TH_LOG("reader %d in a child pid namespace; spinner %d listed: %d; other rows: %d",
	       inner, spin, listed(buf, spin), others(buf, inner));
	EXPECT_TRUE(listed(buf, inner));
	EXPECT_FALSE(listed(buf, spin));
	EXPECT_EQ(0, others(buf, inner));
}

/* Read MNT's cpus as the test user; 1 if @spin is listed, 0 if not. */
static int unpriv_sees(struct __test_metadata *_metadata, pid_t spin)
{
	static char buf[BUFSZ];
	int p[2], st;
	ssize_t n;
	pid_t pid;

	ASSERT_EQ(0, pipe(p));
	pid = fork();
	if (pid == 0) {
		if (osedu_drop_privileges())
			_exit(1);
		n = osedu_read_file(MNT "/osedu/sched/cpus", buf, sizeof(buf));
		_exit(n > 0 && write(p[1], buf, n) == n ? 0 : 2);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	waitpid(pid, &st, 0);
	if (n <= 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	buf[n] = '\0';
	/* The reader itself was running: it is always there. */
	if (!listed(buf, pid))
		return -2;
	return listed(buf, spin);
}

TEST(cpus_under_hidepid)
{
	pid_t spin;
	int seen;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	mkdir(MNT, 0755);
	ASSERT_EQ(0, mount("proc", MNT, "proc", 0, "hidepid=2"));
	spin = osedu_spawn_spinner();
	ASSERT_LT(0, spin);
	usleep(100000);

	seen = unpriv_sees(_metadata, spin);
	TH_LOG("hidepid=2: the test user sees root's spinner: %d", seen);
	EXPECT_EQ(0, seen);

	ASSERT_EQ(0, mount("proc", MNT, "proc", MS_REMOUNT, "hidepid=2,gid=1000"));
	seen = unpriv_sees(_metadata, spin);
	TH_LOG("hidepid=2,gid=1000: the test user sees root's spinner: %d", seen);
	EXPECT_EQ(1, seen);

	/* Without hidepid everything is listed, as in /proc. */
	ASSERT_EQ(0, mount("proc", MNT, "proc", MS_REMOUNT, "hidepid=0"));
	EXPECT_EQ(1, unpriv_sees(_metadata, spin));

	osedu_kill_reap(spin);
	umount(MNT);
}

TEST_HARNESS_MAIN
