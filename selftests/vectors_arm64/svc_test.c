// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of /proc/osedu/vectors/control and svc. Every system call on
 * arm64 is an SVC instruction at EL0; the oracle is the number of calls a
 * child of this test makes itself, which must be counted exactly, under
 * its own system call number, and nothing for a process not targeted.
 * Then bad input: garbage commands, an unprivileged writer, a second
 * start, pids that do not exist.
 */
#include <sys/syscall.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"

#define VEC_DIR		"/proc/osedu/vectors"
#define CONTROL		VEC_DIR "/control"
#define SVC		VEC_DIR "/svc"
#define MODNAME		"osedu_vectors_arm64"
#define CALLS		1000
#define BIG		(64 * 1024)

static long ctl(const char *cmd)
{
	return osedu_write_file(CONTROL, cmd);
}

static long ctl_len(const char *cmd, size_t len)
{
	return osedu_write_len(CONTROL, cmd, len);
}

/* The count of system call @nr in the "abi nr count" rows, or 0. */
static long long svc_count(const char *text, const char *abi, long nr)
{
	char want[64];
	const char *p;

	snprintf(want, sizeof(want), "\n%s %ld ", abi, nr);
	p = strstr(text, want);
	return p ? atoll(p + strlen(want)) : 0;
}

FIXTURE(svc) {
	char text[BIG];
};

FIXTURE_SETUP(svc)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	ctl("stop");
	ASSERT_EQ(0, ctl("clear"));
}

FIXTURE_TEARDOWN(svc)
{
	ctl("stop");
}

/*
 * A child makes CALLS getppid() calls once counting for it has started
 * (it waits on a pipe, then exits): its getppid row is exactly CALLS.
 */
static pid_t run_caller(int go[2], int calls)
{
	pid_t pid = fork();
	char c;
	int i;

	if (pid)
		return pid;
	close(go[1]);
	if (read(go[0], &c, 1) != 1)
		_exit(2);
	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	_exit(0);
}

TEST_F(svc, every_syscall_is_counted_exactly)
{
	char cmd[64];
	int go[2];
	pid_t pid;

	ASSERT_EQ(0, pipe(go));
	pid = run_caller(go, CALLS);
	ASSERT_LT(0, pid);
	close(go[0]);
	snprintf(cmd, sizeof(cmd), "start pid=%d\n", pid);
	ASSERT_EQ(0, ctl(cmd));
	ASSERT_EQ(1, write(go[1], "g", 1));
	close(go[1]);
	ASSERT_EQ(0, osedu_reap(pid));
	ASSERT_EQ(0, ctl("stop"));

	ASSERT_LT(0, osedu_read_file(SVC, self->text, sizeof(self->text)));
	ASSERT_TRUE(osedu_is_header(self->text, "vectors/svc"));
	EXPECT_TRUE(strstr(self->text, "\nstate: stopped\n") != NULL);
	EXPECT_EQ(CALLS, svc_count(self->text, "aarch64", SYS_getppid))
		TH_LOG("%.1500s", self->text);
	/*
	 * Its exit came through the same door; its read of the pipe too,
	 * unless it was already blocked in it when counting started (a
	 * call is counted at entry), so only the exit is certain.
	 */
	EXPECT_LE(CALLS + 1, osedu_kv_ll(self->text, "aarch64"));
	EXPECT_EQ(0, osedu_kv_ll(self->text, "aarch32"));
}

/* Counting another process counts none of this one's calls. */
TEST_F(svc, only_the_target_is_counted)
{
	char cmd[64];
	pid_t pid = osedu_spawn_sleeper();
	int i;

	ASSERT_LT(0, pid);
	snprintf(cmd, sizeof(cmd), "start pid=%d", pid);
	ASSERT_EQ(0, ctl(cmd));
	for (i = 0; i < 100; i++)
		syscall(SYS_getppid);
	ASSERT_EQ(0, ctl("stop"));
	osedu_kill_reap(pid);
	ASSERT_LT(0, osedu_read_file(SVC, self->text, sizeof(self->text)));
	EXPECT_EQ(0, svc_count(self->text, "aarch64", SYS_getppid));
}

/* "start" counts everyone: at least our own calls. */
TEST_F(svc, start_counts_every_process)
{
	int i;

	ASSERT_EQ(0, ctl("start"));
	for (i = 0; i < 100; i++)
		syscall(SYS_getppid);
	ASSERT_EQ(0, ctl("stop"));
	ASSERT_LT(0, osedu_read_file(SVC, self->text, sizeof(self->text)));
	EXPECT_TRUE(strstr(self->text, "\ntarget: all\n") != NULL);
	EXPECT_LE(100, svc_count(self->text, "aarch64", SYS_getppid));
	ASSERT_EQ(0, ctl("clear"));
	ASSERT_LT(0, osedu_read_file(SVC, self->text, sizeof(self->text)));
	EXPECT_EQ(0, osedu_kv_ll(self->text, "aarch64"));
}

TEST_F(svc, bad_commands)
{
	static const char * const bad[] = {
		"", "\n", "go", "start pid=", "start pid=0", "start pid=-1",
		"start pid=12x", "start pid=99999999999", "stop\nstop",
		"start  pid=1", "clear\n\n",
	};
	char big[200];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, ctl_len(bad[i], strlen(bad[i])))
			TH_LOG("bad command %zu", i);
	EXPECT_EQ(-EINVAL, ctl_len("stop\0x", 6));
	memset(big, 'a', sizeof(big));
	EXPECT_EQ(-EINVAL, ctl_len(big, sizeof(big)));
	/* No such process (pid_max is at most 4194304). */
	EXPECT_EQ(-ESRCH, ctl("start pid=4194304"));
	ASSERT_EQ(0, ctl("start"));
	EXPECT_EQ(-EBUSY, ctl("start"));
	ASSERT_EQ(0, ctl("stop"));
	/* Core's control rule: stopping what is not running. */
	EXPECT_EQ(-EALREADY, ctl("stop"));
}

TEST(unprivileged_cannot_control)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load(MODNAME));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char buf[4096];

		if (osedu_drop_privileges())
			_exit(2);
		/* Mode 0200: not even opened for writing. */
		if (ctl("start") != -EACCES)
			_exit(3);
		if (osedu_read_file(SVC, buf, sizeof(buf)) <= 0)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
