// SPDX-License-Identifier: GPL-2.0
/*
 * Core's control-file rules (docs/proc-format.md, "Control files"), on
 * both files that use them: sched/control and idt/control. One grammar
 * ("VERB [KEY=VALUE]...", single spaces, one optional newline, at most
 * 128 bytes, no NUL or control byte, each key once), one privilege rule
 * (CAP_SYS_ADMIN, decided at open from the opener's credentials), one
 * idle rule (stop when idle: EALREADY) and one pid rule (the writer's
 * pid namespace; printed as the reader's procfs numbers it).
 * Oracles: the files' own state (sched/control, idt/syscalls), getpid()
 * in and out of a new pid namespace, and errno.
 */
#include <sched.h>
#include <sys/mount.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_ns.h"

#define SCHED_CTL	"/proc/osedu/sched/control"
#define IDT_CTL		"/proc/osedu/idt/control"
#define SYSCALLS	"/proc/osedu/idt/syscalls"

static const char *const controls[] = { SCHED_CTL, IDT_CTL };

/* One write of @len bytes: 0, or -errno of the open or the write. */
static int ctl_len(const char *path, const char *cmd, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, cmd, len) != (ssize_t)len)
		ret = -errno;
	close(fd);
	return ret;
}

static int ctl(const char *path, const char *cmd)
{
	return ctl_len(path, cmd, strlen(cmd));
}

/* Stopped, whatever the state was. */
static void idle(const char *path)
{
	ctl(path, "stop");
}

static bool has_idt(void)
{
	return access(IDT_CTL, F_OK) == 0;
}

static void load(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	/* idt_dump is x86 only. */
	osedu_load("osedu_idt_dump");
	idle(SCHED_CTL);
	if (has_idt())
		idle(IDT_CTL);
}

/* Is the trace or the count running, by the file's own account? */
static int running(const char *path)
{
	char buf[4096], v[32];

	if (!strcmp(path, SCHED_CTL)) {
		if (osedu_read_file(SCHED_CTL, buf, sizeof(buf)) <= 0)
			return -1;
		return (int)osedu_kv_ll(buf, "tracing");
	}
	if (osedu_read_file(SYSCALLS, buf, sizeof(buf)) <= 0 ||
	    !osedu_kv(buf, "state", v, sizeof(v)))
		return -1;
	return !strcmp(v, "counting");
}

TEST(garbage_is_refused_and_changes_nothing)
{
	static const char *const bad[] = {
		"", "\n", "\n\n", "bogus", "START", " start", "start ",
		"start  pid=1", "start\tpid=1", "start\n\n", "start\r",
		"start\x7f", "start\x01", "stop now", "clear all",
		"start pid", "start pid=", "start =1", "start pid==1",
		"start pid=1 pid=1", "start pid=+1", "start pid=01",
		"start pid=-1", "start pid=0", "start pid=0x1", "start pid=1x",
		"start pid=99999999999999999999", "start foo=1", "stop pid=1",
		"clear pid=1", "start\nstop",
	};
	char big[4096];

	load(_metadata);
	for (size_t f = 0; f < 2; f++) {
		const char *c = controls[f];

		if (f == 1 && !has_idt())
			continue;
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			EXPECT_EQ(-EINVAL, ctl(c, bad[i]))
				TH_LOG("%s: '%s'", c, bad[i]);
			EXPECT_EQ(0, running(c)) TH_LOG("%s: '%s'", c, bad[i]);
			idle(c);
		}
		/* A NUL anywhere: not a shorter command. */
		EXPECT_EQ(-EINVAL, ctl_len(c, "start\0", 6));
		EXPECT_EQ(-EINVAL, ctl_len(c, "stop\0xyz", 8));
		EXPECT_EQ(-EINVAL, ctl_len(c, "start\n\0", 7));
		/* Overlong: 129 bytes and a page, whatever they hold. */
		memset(big, 'a', sizeof(big));
		EXPECT_EQ(-EINVAL, ctl_len(c, big, 129));
		EXPECT_EQ(-EINVAL, ctl_len(c, big, sizeof(big)));
		memcpy(big, "start pid=", 10);
		memset(big + 10, '1', 119);
		EXPECT_EQ(-EINVAL, ctl_len(c, big, 129));
		EXPECT_EQ(0, running(c));
		/* The same grammar says yes to this: one trailing newline. */
		EXPECT_EQ(0, ctl(c, "start\n"));
		EXPECT_EQ(1, running(c));
		EXPECT_EQ(0, ctl(c, "stop"));
	}
}

TEST(stop_when_idle_is_ealready_start_when_running_is_ebusy)
{
	load(_metadata);
	for (size_t f = 0; f < 2; f++) {
		const char *c = controls[f];

		if (f == 1 && !has_idt())
			continue;
		EXPECT_EQ(-EALREADY, ctl(c, "stop")) TH_LOG("%s", c);
		EXPECT_EQ(0, ctl(c, "start"));
		EXPECT_EQ(-EBUSY, ctl(c, "start")) TH_LOG("%s", c);
		EXPECT_EQ(-EBUSY, ctl(c, "start pid=1")) TH_LOG("%s", c);
		EXPECT_EQ(0, ctl(c, "clear"));
		EXPECT_EQ(0, ctl(c, "stop"));
		EXPECT_EQ(-EALREADY, ctl(c, "stop")) TH_LOG("%s", c);
		EXPECT_EQ(0, ctl(c, "clear"));
	}
}

TEST(bad_pids)
{
	char cmd[64];
	pid_t gone;

	load(_metadata);
	gone = fork();
	ASSERT_LE(0, gone);
	if (gone == 0)
		_exit(0);
	ASSERT_EQ(gone, waitpid(gone, NULL, 0));
	for (size_t f = 0; f < 2; f++) {
		const char *c = controls[f];

		if (f == 1 && !has_idt())
			continue;
		/* Well-formed numbers that name no process. */
		snprintf(cmd, sizeof(cmd), "start pid=%d", gone);
		EXPECT_EQ(-ESRCH, ctl(c, cmd)) TH_LOG("%s", c);
		EXPECT_EQ(-ESRCH, ctl(c, "start pid=99999999"));
		EXPECT_EQ(-ESRCH, ctl(c, "start pid=2147483647"));
		/* One more does not fit a pid_t. */
		EXPECT_EQ(-EINVAL, ctl(c, "start pid=2147483648"));
		EXPECT_EQ(0, running(c));
	}
}

/* Drop every capability but stay uid 0, so file modes still admit us. */
static int drop_all_caps(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = { { 0 } };

	return syscall(SYS_capset, &h, d) ? -errno : 0;
}

/* In a child: 0 when every step gave what it should, else a bit mask. */
static int unprivileged_child(const char *c, int how)
{
	int bad = 0, fd;

	switch (how) {
	case 0:		/* uid 1000: the file's mode already refuses */
		if (osedu_drop_privileges())
			return 100;
		if (ctl(c, "start") != -EACCES)
			bad |= 1;
		break;
	case 1:		/* root without CAP_SYS_ADMIN (CAP_PERFMON kept) */
		if (osedu_drop_cap(CAP_SYS_ADMIN))
			return 100;
		if (ctl(c, "start") != -EPERM || ctl(c, "stop") != -EPERM)
			bad |= 2;
		break;
	case 2:		/* root with no capability at all */
		if (drop_all_caps())
			return 100;
		if (ctl(c, "clear") != -EPERM)
			bad |= 4;
		break;
	case 3:		/* opened by root, then written as uid 1000 */
		fd = open(c, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return 101;
		if (osedu_drop_privileges())
			return 100;
		if (write(fd, "clear", 5) != 5)
			bad |= 8;
		close(fd);
		break;
	}
	return bad;
}

TEST(privilege_is_cap_sys_admin_of_the_opener)
{
	int st;

	load(_metadata);
	for (size_t f = 0; f < 2; f++) {
		const char *c = controls[f];

		if (f == 1 && !has_idt())
			continue;
		for (int how = 0; how < 4; how++) {
			pid_t pid = fork();

			ASSERT_LE(0, pid);
			if (pid == 0)
				_exit(unprivileged_child(c, how));
			ASSERT_EQ(pid, waitpid(pid, &st, 0));
			EXPECT_EQ(0, WEXITSTATUS(st))
				TH_LOG("%s, case %d", c, how);
			EXPECT_EQ(0, running(c));
		}
	}
	/* Anyone may read the trace's state, not change it. */
	{
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (pid == 0) {
			char buf[1024];
			int fd;

			if (osedu_drop_privileges())
				_exit(100);
			if (osedu_read_file(SCHED_CTL, buf, sizeof(buf)) <= 0)
				_exit(1);
			fd = open(SCHED_CTL, O_RDONLY);
			if (fd < 0 || write(fd, "start", 5) != -1 ||
			    errno != EBADF)
				_exit(2);
			_exit(0);
		}
		ASSERT_EQ(pid, waitpid(pid, &st, 0));
		EXPECT_EQ(0, WEXITSTATUS(st));
	}
}

/*
 * As pid 1 of a new pid namespace with its own procfs: a pid of the
 * parent namespace does not exist here; "pid=1" is this process; and
 * the files print it as this procfs numbers it, 1.
 */
static int in_ns(void *arg)
{
	pid_t host = *(pid_t *)arg;
	char cmd[64], buf[4096], v[32];
	int bad = 0;

	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("proc", "/proc", "proc", 0, NULL))
		return 100;
	snprintf(cmd, sizeof(cmd), "start pid=%d", host);
	if (ctl(SCHED_CTL, cmd) != -ESRCH)
		bad |= 1;
	if (ctl(SCHED_CTL, "start pid=1"))
		return bad | 2;
	if (osedu_read_file(SCHED_CTL, buf, sizeof(buf)) <= 0 ||
	    osedu_kv_ll(buf, "filter_pid") != 1)
		bad |= 4;
	ctl(SCHED_CTL, "stop");
	if (!has_idt())
		return bad;
	if (ctl(IDT_CTL, cmd) != -ESRCH)
		bad |= 8;
	if (ctl(IDT_CTL, "start pid=1"))
		return bad | 16;
	if (osedu_read_file(SYSCALLS, buf, sizeof(buf)) <= 0 ||
	    !osedu_kv(buf, "target", v, sizeof(v)) || atoi(v) != 1)
		bad |= 32;
	/* Left running for the parent namespace to look at. */
	return bad;
}

TEST(pids_in_another_pid_namespace)
{
	pid_t me = getpid(), inner = -1;
	char buf[4096], v[32];
	int ret;

	load(_metadata);
	ret = osedu_in_new_pidns(in_ns, &me, &inner);
	if (ret == 100)
		SKIP(return, "cannot mount a procfs in a new namespace");
	EXPECT_EQ(0, ret);
	ASSERT_LT(0, inner);
	if (has_idt()) {
		/* The host's procfs numbers the same process its own way. */
		ASSERT_LT(0, osedu_read_file(SYSCALLS, buf, sizeof(buf)));
		ASSERT_TRUE(osedu_kv(buf, "target", v, sizeof(v)));
		EXPECT_EQ(inner, atoi(v));
		idle(IDT_CTL);
	}
	/* And pid=N from here names the host's process N. */
	snprintf(buf, sizeof(buf), "start pid=%d", me);
	EXPECT_EQ(0, ctl(SCHED_CTL, buf));
	ASSERT_LT(0, osedu_read_file(SCHED_CTL, buf, sizeof(buf)));
	EXPECT_EQ(me, osedu_kv_ll(buf, "filter_pid"));
	EXPECT_EQ(0, ctl(SCHED_CTL, "stop"));
}

TEST_HARNESS_MAIN
