// SPDX-License-Identifier: GPL-2.0
/*
 * The permission matrix over every real per-task view (sched, pagewalk,
 * ipc, vfs), not the test view: each opener of osedu_matrix.h opens each
 * target's file under each kptr_restrict, and what it gets is compared
 * with DESIGN.md's rules written out here: refused with which errno, and
 * whether the view's guarded field shows:
 *   sched     mm (a kernel address): CAP_SYS_ADMIN and kptr_restrict < 2
 *   pagewalk  the pfn of a present page: CAP_SYS_ADMIN (pagemap's rule)
 *   vfs       cache_pages of a root-owned file the target holds open:
 *             CAP_SYS_ADMIN or the inode's owner (mincore's rule)
 *   ipc       nothing guarded beyond the open
 * Then a file opened by the test user and read by root, and one opened
 * by root and read by the test user: each shows what its opener may see.
 */
#include <sys/socket.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_ns.h"
#include "osedu_exec.h"
#include "osedu_matrix.h"

#define BUFSZ		(128 << 10)
#define HELD_FD		100	/* the root-owned file every target holds */
#define HELD_PATH	"/tmp/osedu-views-held"
#define SHOWN		1
#define GUARDED		2	/* the view's guarded field is shown */

struct view {
	const char *dir, *module;
	/* 1 if BUF shows the guarded field, 0 if it is hidden, -1 if neither. */
	int (*guarded)(const char *buf);
	/* DESIGN.md: is the guarded field shown to OP under KPTR? */
	bool (*rule)(enum osedu_matrix_opener op, int kptr);
};

static int sched_guarded(const char *buf)
{
	return osedu_kv_find(buf, "mm", NULL) ? osedu_kv_ull(buf, "mm") != 0 :
						  -1;
}

static bool sched_rule(enum osedu_matrix_opener op, int kptr)
{
	return op == OP_ROOT && kptr < 2;
}

/* The pfn column of the first present page row. */
static int pagewalk_guarded(const char *buf)
{
	unsigned long long s, e, pfn;
	char level[16], state[16];
	const char *p;
	long n;

	for (p = buf; p && *p; p = osedu_next_line(p))
		if (sscanf(p, " %llx %llx %ld %15s %15s %llx", &s, &e, &n,
			   level, state, &pfn) == 6 &&
		    !strcmp(state, "present"))
			return pfn != 0;
	return -1;
}

static bool pagewalk_rule(enum osedu_matrix_opener op, int kptr)
{
	(void)kptr;
	return op == OP_ROOT;
}

/* cache_pages in the block of fd HELD_FD: a number, or "-". */
static int vfs_guarded(const char *buf)
{
	char head[32], v[32];
	const char *p;

	snprintf(head, sizeof(head), "\nfd: %d\n", HELD_FD);
	p = strstr(buf, head);
	if (!p || !osedu_kv(p + 1, "cache_pages", v, sizeof(v)))
		return -1;
	return strcmp(v, "-") != 0;
}

/* uid 0 owns the file: root with or without CAP_SYS_ADMIN. */
static bool vfs_rule(enum osedu_matrix_opener op, int kptr)
{
	(void)kptr;
	return op == OP_ROOT || op == OP_ROOT_NO_ADMIN ||
	       op == OP_ROOT_CHILD_NS;
}

static int no_guarded(const char *buf)
{
	(void)buf;
	return 0;
}

static bool no_rule(enum osedu_matrix_opener op, int kptr)
{
	(void)op;
	(void)kptr;
	return false;
}

static const struct view views[] = {
	{ "sched", "osedu_sched_viz", sched_guarded, sched_rule },
	{ "pagewalk", "osedu_pagewalk", pagewalk_guarded, pagewalk_rule },
	{ "ipc", "osedu_ipc_demo", no_guarded, no_rule },
	{ "vfs", "osedu_vfs_dump", vfs_guarded, vfs_rule },
};
#define NVIEWS	(sizeof(views) / sizeof(views[0]))

static pid_t targets[TG_N];

struct open_arg {
	const struct view *v;
	enum osedu_matrix_target tg;
};

/* -errno, or SHOWN | GUARDED if shown; -1000 when the file is malformed. */
static int classify(const struct view *v, const char *buf, ssize_t n,
		    pid_t want_pid)
{
	int g;

	if (n < 0)
		return (int)n;
	if (want_pid && osedu_kv_ll(buf, "pid") != want_pid)
		return -1000;
	g = v->guarded(buf);
	if (g < 0)
		return -1001;
	return SHOWN | (g ? GUARDED : 0);
}

static int open_view(const char *proc, void *p)
{
	struct open_arg *a = p;
	char path[128];
	static char buf[BUFSZ];
	ssize_t n;

	if (a->tg == TG_SELF)
		snprintf(path, sizeof(path), "%s/osedu/%s/self", proc,
			 a->v->dir);
	else
		snprintf(path, sizeof(path), "%s/osedu/%s/%d", proc,
			 a->v->dir, targets[a->tg]);
	n = osedu_read_file(path, buf, sizeof(buf));
	return classify(a->v, buf, n, 0);
}

static int expected(const struct view *v, enum osedu_matrix_opener op,
		    enum osedu_matrix_target tg, int kptr)
{
	int open = osedu_matrix_open_rule(op, tg);

	if (open)
		return open;
	return SHOWN | (v->rule(op, kptr) ? GUARDED : 0);
}

FIXTURE(matrix) {
	char old_kptr[16];
};

FIXTURE_SETUP(matrix)
{
	for (size_t i = 0; i < NVIEWS; i++) {
		ASSERT_EQ(0, osedu_load(views[i].module)) {
			TH_LOG("load %s", views[i].module);
		}
	}
	ASSERT_LT(0, osedu_read_file("/proc/sys/kernel/kptr_restrict",
				     self->old_kptr, sizeof(self->old_kptr)));
	/* The held file is vfs's guarded field (cache_pages). */
	ASSERT_EQ(0, osedu_matrix_scene_up(HELD_PATH, HELD_FD, targets));
	for (size_t i = 0; i < NVIEWS; i++)
		ASSERT_EQ(0, osedu_matrix_wait_entries(views[i].dir,
						       targets + 1, 2));
}

FIXTURE_TEARDOWN(matrix)
{
	osedu_write_file("/proc/sys/kernel/kptr_restrict", self->old_kptr);
	osedu_matrix_scene_down(HELD_PATH, HELD_FD, targets);
}

/* Every view, every opener, every target, every kptr_restrict. */
TEST_F(matrix, every_view_every_cell)
{
	int kptr, op, tg, bad = 0, cells = 0;

	for (size_t i = 0; i < NVIEWS; i++) {
		for (kptr = 0; kptr <= 2; kptr++) {
			ASSERT_EQ(0, osedu_matrix_kptr(kptr));
			for (op = 0; op < OP_N; op++) {
				for (tg = 0; tg < TG_N; tg++) {
					struct open_arg a = { &views[i], tg };
					int want = expected(&views[i], op, tg,
							    kptr);
					int got = osedu_as_opener(op, open_view,
								  &a);

					cells++;
					if (got == want)
						continue;
					bad++;
					TH_LOG("%s, kptr_restrict %d, %s opening %s: got %d, want %d",
					       views[i].dir, kptr,
					       osedu_opener_names[op],
					       osedu_target_names[tg], got,
					       want);
				}
			}
		}
	}
	TH_LOG("%d cells over %zu views", cells, NVIEWS);
	EXPECT_EQ(0, bad);
}

/*
 * A file opened by the test user (its own process's view), read by root:
 * what the test user may see, and no more.
 */
TEST_F(matrix, opened_by_user_read_by_root)
{
	static char buf[BUFSZ];
	char path[96];
	int fd;

	ASSERT_EQ(0, osedu_matrix_kptr(1));
	for (size_t i = 0; i < NVIEWS; i++) {
		const struct view *v = &views[i];
		int want = SHOWN | (v->rule(OP_USER, 1) ? GUARDED : 0);

		snprintf(path, sizeof(path), "/proc/osedu/%s/%d", v->dir,
			 targets[TG_USER_PROC]);
		fd = osedu_open_unpriv(path, O_RDONLY);
		ASSERT_LE(0, fd) TH_LOG("%s", path);
		EXPECT_EQ(want, classify(v, buf, osedu_read_fd(fd, buf,
							       sizeof(buf)),
					 targets[TG_USER_PROC]))
			TH_LOG("%s opened by uid 1000, read by root", path);
		close(fd);
		/* And the test user's open of root's process stays refused. */
		snprintf(path, sizeof(path), "/proc/osedu/%s/%d", v->dir,
			 targets[TG_ROOT_PROC]);
		EXPECT_EQ(-EACCES, osedu_open_unpriv(path, O_RDONLY))
			TH_LOG("%s", path);
	}
}

/*
 * A file opened by root (a root process's view), handed to the test user:
 * root's view, guarded fields included.
 */
TEST_F(matrix, opened_by_root_read_by_user)
{
	static char buf[BUFSZ];
	char path[96];
	int sv[2], st, fd;
	pid_t pid;

	ASSERT_EQ(0, osedu_matrix_kptr(1));
	for (size_t i = 0; i < NVIEWS; i++) {
		const struct view *v = &views[i];
		int want = SHOWN | (v->rule(OP_ROOT, 1) ? GUARDED : 0);

		snprintf(path, sizeof(path), "/proc/osedu/%s/%d", v->dir,
			 targets[TG_ROOT_PROC]);
		fd = open(path, O_RDONLY);
		ASSERT_LE(0, fd) TH_LOG("%s", path);
		ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			int rfd, got;

			close(sv[0]);
			close(fd);
			if (osedu_drop_privileges())
				_exit(100);
			rfd = osedu_recv_fd(sv[1]);
			if (rfd < 0)
				_exit(101);
			got = classify(v, buf, osedu_read_fd(rfd, buf,
							     sizeof(buf)),
				       targets[TG_ROOT_PROC]);
			_exit(got == want ? 0 : 102);
		}
		close(sv[1]);
		ASSERT_EQ(0, osedu_send_fd(sv[0], fd));
		ASSERT_EQ(pid, waitpid(pid, &st, 0));
		EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0)
			TH_LOG("%s opened by root, read by uid 1000: status %d",
			       path, WEXITSTATUS(st));
		close(sv[0]);
		close(fd);
	}
}

TEST_HARNESS_MAIN
