// SPDX-License-Identifier: GPL-2.0
/*
 * The access policy as one table: who opens (root, the test user, root
 * without CAP_SYS_ADMIN, root in a child pid namespace, the test user
 * through a hidepid=2 mount), what (its own process, a test-user process,
 * a root process), under each kptr_restrict, and what the open shows:
 * refused with which errno, or admin fields (phys_task, kaddr_show) shown
 * or zeroed. Then a file opened by one and read by the other. The
 * expectations are DESIGN.md's rules written out, not the module's output.
 */
#include <sys/socket.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_ns.h"
#include "osedu_exec.h"
#include "osedu_matrix.h"

#define BUFSZ		4096

/* What an open shows: -errno, or 1 + (admin fields shown ? 2 : 0) + kaddr. */
#define SHOWN		1
#define PHYS		2
#define KADDR		4

static pid_t targets[TG_N];

static int open_and_report(const char *proc, void *arg)
{
	enum osedu_matrix_target tg = (enum osedu_matrix_target)(long)arg;
	char path[96], buf[BUFSZ];
	int res;
	ssize_t n;

	if (tg == TG_SELF)
		snprintf(path, sizeof(path), "%s/osedu/coretest/self", proc);
	else
		snprintf(path, sizeof(path), "%s/osedu/coretest/%d", proc,
			 targets[tg]);
	n = osedu_read_file(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	res = SHOWN;
	if (osedu_kv_ull(buf, "phys_task"))
		res |= PHYS;
	if (osedu_kv_ull(buf, "kaddr_show"))
		res |= KADDR;
	return res;
}

/* The rules of DESIGN.md for one cell. */
static int expected(enum osedu_matrix_opener op, enum osedu_matrix_target tg,
		    int kptr)
{
	bool admin = op == OP_ROOT;
	int open = osedu_matrix_open_rule(op, tg);

	if (open)
		return open;
	return SHOWN | (admin ? PHYS : 0) | (admin && kptr < 2 ? KADDR : 0);
}

TEST(permission_matrix)
{
	char old_kptr[16];
	int kptr, op, tg, bad = 0;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
	ASSERT_LT(0, osedu_read_file("/proc/sys/kernel/kptr_restrict",
				     old_kptr, sizeof(old_kptr)));
	ASSERT_EQ(0, osedu_matrix_mount_hidepid());

	targets[TG_ROOT_PROC] = osedu_spawn_sleeper();
	ASSERT_LT(0, targets[TG_ROOT_PROC]);
	targets[TG_USER_PROC] = osedu_matrix_user_proc(false);
	ASSERT_LT(0, targets[TG_USER_PROC]);
	ASSERT_EQ(0, osedu_matrix_wait_entries("coretest", targets + 1, 2));

	for (kptr = 0; kptr <= 2; kptr++) {
		ASSERT_EQ(0, osedu_matrix_kptr(kptr));
		for (op = 0; op < OP_N; op++) {
			for (tg = 0; tg < TG_N; tg++) {
				int want = expected(op, tg, kptr);
				int got = osedu_as_opener(op, open_and_report,
							  (void *)(long)tg);

				if (got == want)
					continue;
				bad++;
				TH_LOG("kptr_restrict %d, %s opening %s: got %d, want %d",
				       kptr, osedu_opener_names[op],
				       osedu_target_names[tg], got, want);
			}
		}
	}
	osedu_write_file("/proc/sys/kernel/kptr_restrict", old_kptr);
	osedu_matrix_umount_hidepid();
	osedu_kill_reap(targets[TG_ROOT_PROC]);
	osedu_kill_reap(targets[TG_USER_PROC]);
	EXPECT_EQ(0, bad);
}

/* A file shows what its opener may see, whoever reads it. */
TEST(fd_passed_between_root_and_user)
{
	char buf[BUFSZ];
	int fd, sv[2], st;
	pid_t pid;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
	ASSERT_EQ(0, osedu_matrix_kptr(1));

	/* Opened by the test user, read by root: no admin fields. */
	{
		struct osedu_target t = { 0 };
		char path[64];

		ASSERT_EQ(0, osedu_target_spawn(&t, "/nonexistent", 0, NULL,
						true));
		snprintf(path, sizeof(path), "/proc/osedu/coretest/%d", t.pid);
		ASSERT_LE(0, osedu_wait_path(path, true, 2000));
		fd = osedu_open_unpriv(path, O_RDONLY);
		ASSERT_LE(0, fd);
		ASSERT_LT(0, osedu_read_fd(fd, buf, sizeof(buf)));
		EXPECT_EQ(t.pid, osedu_kv_ll(buf, "pid"));
		EXPECT_EQ(0, osedu_kv_ll(buf, "opener_admin"));
		EXPECT_EQ(0, osedu_kv_ull(buf, "phys_task"));
		EXPECT_EQ(0, osedu_kv_ull(buf, "kaddr_show"));
		close(fd);
		osedu_target_end(&t);
	}
	EXPECT_EQ(-EACCES, osedu_open_unpriv("/proc/osedu/coretest/1",
					     O_RDONLY));

	/* Opened by root, read by the test user: root's view. */
	fd = open("/proc/osedu/coretest/self", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int rfd;

		close(sv[0]);
		if (osedu_drop_privileges())
			_exit(1);
		rfd = osedu_recv_fd(sv[1]);
		if (rfd < 0 || osedu_read_fd(rfd, buf, sizeof(buf)) <= 0)
			_exit(2);
		_exit(osedu_kv_ll(buf, "opener_admin") == 1 &&
		      osedu_kv_ull(buf, "phys_task") &&
		      osedu_kv_ull(buf, "kaddr_show") ? 0 : 3);
	}
	close(sv[1]);
	ASSERT_EQ(0, osedu_send_fd(sv[0], fd));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0)
		TH_LOG("the test user's read of root's file: status %d",
		       WEXITSTATUS(st));
	close(sv[0]);
	close(fd);
}

OSEDU_HOLD_MAIN
