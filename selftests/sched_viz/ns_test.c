// SPDX-License-Identifier: GPL-2.0
/*
 * sched/cpus lists only what the reader could open (DESIGN.md: "System-wide
 * views that list tasks show only tasks the reader could open"): tasks of
 * its own pid namespace that procfs would show it, and of those only its
 * own dumpable ones unless it has CAP_SYS_ADMIN, whatever the procfs
 * mount's hidepid=/gid= say. Oracle: spinners that are certainly running
 * or queued (root's, the test user's, the test user's non-dumpable one),
 * listed to root, and the reader's own tid.
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

/*
 * Read MNT's cpus as the test user (or as root with @root) into @buf;
 * 0, or -1 when the read failed or the reader, which runs while it reads,
 * is not listed.
 */
static int cpus_as(bool root, char *buf)
{
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		if (!root && osedu_drop_privileges())
			_exit(1);
		n = osedu_read_file(MNT "/osedu/sched/cpus", buf, BUFSZ);
		_exit(n > 0 && write(p[1], buf, n) == n ? 0 : 2);
	}
	close(p[1]);
	n = read(p[0], buf, BUFSZ - 1);
	close(p[0]);
	waitpid(pid, &st, 0);
	if (n <= 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	buf[n] = '\0';
	return listed(buf, pid) ? 0 : -1;
}

/* A spinner of the test user, dumpable or not. */
static pid_t spawn_user_spinner(bool dumpable)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* Changing uid made it non-dumpable: say which it is. */
		if (osedu_drop_privileges() ||
		    prctl(PR_SET_DUMPABLE, dumpable ? 1 : 0))
			_exit(1);
		for (;;)
			;
	}
	return pid;
}

/*
 * Whether @pid has become the test user, and dumpable or not: its /proc
 * directory belongs to its uid only while it is dumpable, to root
 * otherwise. Up to 30 s: under emulation a child may not have run yet.
 */
static bool wait_user(pid_t pid, bool dumpable)
{
	char path[64], buf[4096], *uid;
	struct stat st;

	for (int i = 0; i < 3000; i++) {
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		if (osedu_read_file(path, buf, sizeof(buf)) > 0 &&
		    (uid = strstr(buf, "\nUid:")) &&
		    atoi(uid + 5) == OSEDU_UNPRIV_ID &&
		    !stat(path, &st) &&
		    st.st_uid == (dumpable ? OSEDU_UNPRIV_ID : 0))
			return true;
		usleep(10000);
	}
	return false;
}

TEST(cpus_shows_only_what_the_reader_could_open)
{
	static const char *const opts[] = {
		"hidepid=0", "hidepid=2", "hidepid=2,gid=1000",
	};
	static char buf[BUFSZ];
	pid_t root_spin, user_spin, hidden_spin;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	mkdir(MNT, 0755);
	ASSERT_EQ(0, mount("proc", MNT, "proc", 0, "hidepid=0"));
	root_spin = osedu_spawn_spinner();
	user_spin = spawn_user_spinner(true);
	hidden_spin = spawn_user_spinner(false);
	ASSERT_LT(0, root_spin);
	ASSERT_LT(0, user_spin);
	ASSERT_LT(0, hidden_spin);
	ASSERT_TRUE(wait_user(user_spin, true));
	ASSERT_TRUE(wait_user(hidden_spin, false));

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		ASSERT_EQ(0, mount("proc", MNT, "proc", MS_REMOUNT, opts[i]));
		/* Root (CAP_SYS_ADMIN) sees all three: they are there. */
		ASSERT_EQ(0, cpus_as(true, buf));
		EXPECT_TRUE(listed(buf, root_spin)) TH_LOG("%s", opts[i]);
		EXPECT_TRUE(listed(buf, user_spin)) TH_LOG("%s", opts[i]);
		EXPECT_TRUE(listed(buf, hidden_spin)) TH_LOG("%s", opts[i]);
		/* The test user: its own dumpable task only. */
		ASSERT_EQ(0, cpus_as(false, buf));
		EXPECT_FALSE(listed(buf, root_spin)) TH_LOG("%s", opts[i]);
		EXPECT_TRUE(listed(buf, user_spin)) TH_LOG("%s", opts[i]);
		EXPECT_FALSE(listed(buf, hidden_spin)) TH_LOG("%s", opts[i]);
	}
	osedu_kill_reap(root_spin);
	osedu_kill_reap(user_spin);
	osedu_kill_reap(hidden_spin);
	umount(MNT);
}

TEST_HARNESS_MAIN
