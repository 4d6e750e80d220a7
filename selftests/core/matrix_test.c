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
#include <sys/mount.h>
#include <sys/socket.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_ns.h"
#include "osedu_exec.h"

#define PROC_HP		"/tmp/osedu-matrix-hidepid"
#define BUFSZ		4096

enum opener { ROOT, USER, ROOT_NO_ADMIN, ROOT_CHILD_NS, USER_HIDEPID };
enum target { SELF, USER_PROC, ROOT_PROC };

static const char * const opener_names[] = {
	"root", "uid 1000", "root without CAP_SYS_ADMIN",
	"root in a child pid namespace", "uid 1000 via hidepid=2",
};
static const char * const target_names[] = {
	"itself", "a uid 1000 process", "a root process",
};

/* What an open shows: -errno, or 1 + (admin fields shown ? 2 : 0) + kaddr. */
#define SHOWN		1
#define PHYS		2
#define KADDR		4

static pid_t targets[3];
static const char *proc_root;
static int result_fd;
static bool drop_admin;

static int open_and_report(void *arg)
{
	char path[96], buf[BUFSZ];
	enum target tg = (enum target)(long)arg;
	int res;
	ssize_t n;

	if (drop_admin && osedu_drop_cap(CAP_SYS_ADMIN))
		return 1;
	if (tg == SELF)
		snprintf(path, sizeof(path), "%s/osedu/coretest/self",
			 proc_root);
	else
		snprintf(path, sizeof(path), "%s/osedu/coretest/%d",
			 proc_root, targets[tg]);
	n = osedu_read_file(path, buf, sizeof(buf));
	if (n < 0) {
		res = (int)n;
	} else {
		res = SHOWN;
		if (osedu_kv_ull(buf, "phys_task"))
			res |= PHYS;
		if (osedu_kv_ull(buf, "kaddr_show"))
			res |= KADDR;
	}
	return write(result_fd, &res, sizeof(res)) == sizeof(res) ? 0 : 1;
}

static int as_opener(enum opener op, enum target tg)
{
	int p[2], res = -9999, st;
	pid_t pid, inner;

	if (pipe(p))
		return res;
	result_fd = p[1];
	proc_root = op == USER_HIDEPID ? PROC_HP : "/proc";
	drop_admin = op == ROOT_CHILD_NS || op == ROOT_NO_ADMIN;
	if (op == ROOT_CHILD_NS) {
		/* Container root: a pid namespace, and no CAP_SYS_ADMIN. */
		if (osedu_in_new_pidns(open_and_report, (void *)(long)tg,
				       &inner) != 0)
			goto out;
		goto read;
	}
	pid = fork();
	if (pid == 0) {
		if ((op == USER || op == USER_HIDEPID) &&
		    osedu_drop_privileges())
			_exit(1);
		_exit(open_and_report((void *)(long)tg));
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		goto out;
read:
	if (read(p[0], &res, sizeof(res)) != sizeof(res))
		res = -9999;
out:
	close(p[0]);
	close(p[1]);
	return res;
}

/* The rules of DESIGN.md for one cell. */
static int expected(enum opener op, enum target tg, int kptr)
{
	bool admin = op == ROOT;
	int shown = SHOWN | (admin ? PHYS : 0) |
		    (admin && kptr < 2 ? KADDR : 0);

	if (tg == SELF)
		return shown;
	switch (op) {
	case ROOT:
		return shown;
	case USER:
	case USER_HIDEPID:
		return tg == USER_PROC ? shown : -EACCES;
	case ROOT_NO_ADMIN:
		/* The owner rule: uid 0 owns root's processes only. */
		return tg == ROOT_PROC ? shown : -EACCES;
	case ROOT_CHILD_NS:
		/* Not in its pid namespace: not there at all. */
		return -ENOENT;
	}
	return -9999;
}

static void set_kptr(struct __test_metadata *_metadata, int v)
{
	char s[4];

	snprintf(s, sizeof(s), "%d", v);
	ASSERT_EQ(0, osedu_write_file("/proc/sys/kernel/kptr_restrict", s));
}

TEST(permission_matrix)
{
	char old_kptr[16], c;
	int kptr, op, tg, bad = 0, ready[2];
	pid_t user_proc;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
	ASSERT_LT(0, osedu_read_file("/proc/sys/kernel/kptr_restrict",
				     old_kptr, sizeof(old_kptr)));
	mkdir(PROC_HP, 0755);
	ASSERT_EQ(0, mount("proc", PROC_HP, "proc", 0, "hidepid=2"));

	targets[ROOT_PROC] = osedu_spawn_sleeper();
	ASSERT_LT(0, targets[ROOT_PROC]);
	ASSERT_EQ(0, pipe(ready));
	user_proc = fork();
	ASSERT_LE(0, user_proc);
	if (user_proc == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (osedu_drop_privileges() ||
		    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ||
		    write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	targets[USER_PROC] = user_proc;
	/* The test user's, and dumpable again after the change of ids. */
	ASSERT_EQ(1, read(ready[0], &c, 1));

	for (kptr = 0; kptr <= 2; kptr++) {
		set_kptr(_metadata, kptr);
		for (op = ROOT; op <= USER_HIDEPID; op++) {
			for (tg = SELF; tg <= ROOT_PROC; tg++) {
				int want = expected(op, tg, kptr);
				int got = as_opener(op, tg);

				if (got == want)
					continue;
				bad++;
				TH_LOG("kptr_restrict %d, %s opening %s: got %d, want %d",
				       kptr, opener_names[op], target_names[tg],
				       got, want);
			}
		}
	}
	osedu_write_file("/proc/sys/kernel/kptr_restrict", old_kptr);
	umount(PROC_HP);
	osedu_kill_reap(targets[ROOT_PROC]);
	osedu_kill_reap(user_proc);
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
	ASSERT_EQ(0, osedu_write_file("/proc/sys/kernel/kptr_restrict", "1"));

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
