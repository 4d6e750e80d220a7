// SPDX-License-Identifier: GPL-2.0
/*
 * Core's access policy across exec (DESIGN.md, "Exec ends what an open
 * allowed"), through the test-only task view "coretest". Oracles: the
 * euid the exec'd image reports itself, and the kernel's own rule for
 * /proc/<pid>/stack (read-time re-check: EACCES).
 */
#include <sys/prctl.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_exec.h"

#define VIEW		"/proc/osedu/coretest"
#define SUID_PROG	"/tmp/osedu-access-suid"
#define PLAIN_PROG	"/tmp/osedu-access-plain"
#define BUFSZ		4096

static void load_view(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
}

/* The setuid copy; tests SKIP when the exec'd copy is not euid 0. */
static void make_suid(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_copy_self(SUID_PROG, 04755));
}

/*
 * A test-user process, a file on it opened as the test user and handed to
 * root; then the process execs @prog. Returns what root's read of the
 * held file gives after the exec (bytes or -errno), and the new euid.
 */
static ssize_t read_after_exec(struct __test_metadata *_metadata,
			       const char *prog, int *euid)
{
	struct osedu_target t = { 0 };
	char path[64], buf[BUFSZ];
	ssize_t n;
	long rd;
	int fd;

	ASSERT_EQ(0, osedu_target_spawn(&t, prog, 0, NULL, true));
	snprintf(path, sizeof(path), VIEW "/%d", t.pid);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	fd = osedu_open_unpriv(path, O_RDONLY);
	ASSERT_LE(0, fd);
	/* Before the exec, the owner's open shows the process. */
	ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	EXPECT_EQ(t.pid, osedu_kv_ll(buf, "pid"));
	EXPECT_EQ(0, osedu_kv_ll(buf, "opener_admin"));

	ASSERT_EQ(0, osedu_target_exec(&t));
	*euid = osedu_target_report(&t, &rd);
	n = osedu_read_fd(fd, buf, sizeof(buf));
	TH_LOG("%s: euid %d, read after exec: %zd%s%.60s", prog, *euid, n,
	       n > 0 ? ", shows: " : "", n > 0 ? buf : "");
	close(fd);
	osedu_target_end(&t);
	return n;
}

TEST(held_fd_denied_after_setuid_exec)
{
	int euid;
	ssize_t n;

	load_view(_metadata);
	make_suid(_metadata);
	n = read_after_exec(_metadata, SUID_PROG, &euid);
	if (euid != 0)
		SKIP(return, "the guest's /tmp ignores the setuid bit");
	EXPECT_EQ(-EACCES, n);
}

/* Exec ends the open even when the new image has the same credentials. */
TEST(held_fd_denied_after_plain_exec)
{
	int euid;

	load_view(_metadata);
	ASSERT_EQ(0, osedu_copy_self(PLAIN_PROG, 0755));
	EXPECT_EQ(-EACCES, read_after_exec(_metadata, PLAIN_PROG, &euid));
	EXPECT_EQ(OSEDU_UNPRIV_ID, euid);
}

/* An admin's open may see any process, exec or not. */
TEST(admin_fd_survives_exec)
{
	struct osedu_target t = { 0 };
	char path[64], buf[BUFSZ];
	long rd;
	int fd;

	load_view(_metadata);
	make_suid(_metadata);
	ASSERT_EQ(0, osedu_target_spawn(&t, SUID_PROG, 0, NULL, true));
	snprintf(path, sizeof(path), VIEW "/%d", t.pid);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, osedu_target_exec(&t));
	ASSERT_LE(0, osedu_target_report(&t, &rd));
	ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	EXPECT_EQ(t.pid, osedu_kv_ll(buf, "pid"));
	EXPECT_EQ(1, osedu_kv_ll(buf, "opener_admin"));
	close(fd);
	osedu_target_end(&t);
}

/*
 * The process's own file, opened before it execs a setuid program and
 * inherited by it: the new image must not read itself through it.
 */
TEST(self_fd_kept_across_setuid_exec)
{
	struct osedu_target t = { 0 };
	long rd = 0;
	int euid;

	load_view(_metadata);
	make_suid(_metadata);
	ASSERT_EQ(0, osedu_target_spawn(&t, SUID_PROG, 0, VIEW "/self", true));
	ASSERT_EQ(0, osedu_target_exec(&t));
	euid = osedu_target_report(&t, &rd);
	TH_LOG("euid %d, read of the inherited self fd: %ld", euid, rd);
	osedu_target_end(&t);
	if (euid != 0)
		SKIP(return, "the guest's /tmp ignores the setuid bit");
	EXPECT_EQ(-EACCES, rd);
}

/* The ptrace read rule at read time: a non-dumpable process is closed. */
TEST(held_fd_denied_once_not_dumpable)
{
	char path[64], buf[BUFSZ];
	int up[2], down[2], fd;
	pid_t pid;
	char c;

	load_view(_metadata);
	ASSERT_EQ(0, pipe(up));
	ASSERT_EQ(0, pipe(down));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (osedu_drop_privileges() ||
		    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ||
		    write(up[1], "r", 1) != 1 ||
		    read(down[0], &c, 1) != 1 ||
		    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) ||
		    write(up[1], "d", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	ASSERT_EQ(1, read(up[0], &c, 1));
	snprintf(path, sizeof(path), VIEW "/%d", pid);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	fd = osedu_open_unpriv(path, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
	ASSERT_EQ(1, write(down[1], "n", 1));
	ASSERT_EQ(1, read(up[0], &c, 1));
	EXPECT_EQ(-EACCES, osedu_read_fd(fd, buf, sizeof(buf)));
	/* A new open by the owner is refused as well. */
	EXPECT_EQ(-EACCES, osedu_open_unpriv(path, O_RDONLY));
	close(fd);
	osedu_kill_reap(pid);
}

OSEDU_HOLD_MAIN
