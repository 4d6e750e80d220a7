// SPDX-License-Identifier: GPL-2.0
/*
 * The permission matrix over the transaction files, where the target is
 * named in a request rather than by the file: pagewalk/query ("PID
 * ADDR") and vfs/blockmap ("PID FD" and "/PATH"). Each opener of
 * osedu_matrix.h asks about each target, and what it gets is compared
 * with DESIGN.md's rules written out here: the per-task rule decides,
 * with the opener's credentials; a pid is read in the writer's pid
 * namespace, so a host process is no such process (ESRCH) from a child
 * namespace; a frame number is shown only to CAP_SYS_ADMIN; a path is
 * checked for read permission as open(2) would. vfs/inodes ("MAJOR:MINOR"
 * of a superblock) answers CAP_SYS_ADMIN only: the test user cannot open
 * it (mode 0600), root without CAP_SYS_ADMIN has its request refused.
 */
#include "../kselftest_harness.h"

#include <sys/sysmacros.h>

#include "osedu_test.h"
#include "osedu_ns.h"
#include "osedu_matrix.h"

#define BUFSZ		(64 << 10)
#define HELD_FD		100
#define HELD_PATH	"/tmp/osedu-queries-held"	/* root's, mode 0600 */
#define SHOWN		1
#define PFN		2

static pid_t targets[TG_N];
/* Private memory written before the targets fork: present in each. */
static char probe[4096] __attribute__((aligned(4096)));

struct query {
	const char *file;	/* under <proc>/osedu/ */
	enum osedu_matrix_target tg;
	bool by_path;		/* blockmap: "/PATH" instead of "PID FD" */
};

/* Write the request, read the answer: -errno, or SHOWN | PFN. */
static int ask(const char *proc, void *arg)
{
	const struct query *q = arg;
	static char buf[BUFSZ];
	char path[128], req[128];
	pid_t pid = q->tg == TG_SELF ? getpid() : targets[q->tg];
	ssize_t n;
	int fd, res;

	snprintf(path, sizeof(path), "%s/osedu/%s", proc, q->file);
	if (q->by_path)
		snprintf(req, sizeof(req), "%s", HELD_PATH);
	else if (!strcmp(q->file, "vfs/blockmap"))
		snprintf(req, sizeof(req), "%d %d", pid, HELD_FD);
	else
		snprintf(req, sizeof(req), "%d 0x%lx", pid,
			 (unsigned long)probe);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return -10000 - errno;
	if (write(fd, req, strlen(req)) < 0) {
		res = -errno;
		close(fd);
		return res;
	}
	n = osedu_read_fd(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return -20000 + (int)n;
	if (!strcmp(q->file, "vfs/blockmap"))
		return osedu_kv_find(buf, "state", NULL) ? SHOWN : -1000;
	if (!osedu_kv_find(buf, "pfn", NULL))
		return -1001;
	return SHOWN | (osedu_kv_ull(buf, "pfn") ? PFN : 0);
}

static int expected(const struct query *q, enum osedu_matrix_opener op)
{
	int open;

	if (q->by_path)	/* root's file, mode 0600: uid 0 may read it */
		return op == OP_USER || op == OP_USER_HIDEPID ? -EACCES :
								 SHOWN;
	open = osedu_matrix_open_rule(op, q->tg);
	if (open == -ENOENT)
		return -ESRCH;	/* no such pid in the writer's namespace */
	if (open)
		return open;
	if (!strcmp(q->file, "vfs/blockmap"))
		return SHOWN;
	return SHOWN | (op == OP_ROOT ? PFN : 0);
}

FIXTURE(queries) {
	int unused;
};

FIXTURE_SETUP(queries)
{
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
	ASSERT_EQ(0, osedu_load("osedu_vfs_dump"));
	memset(probe, 0x5a, sizeof(probe));
	ASSERT_EQ(0, osedu_matrix_scene_up(HELD_PATH, HELD_FD, targets));
}

FIXTURE_TEARDOWN(queries)
{
	osedu_matrix_scene_down(HELD_PATH, HELD_FD, targets);
}

static int run_cells(struct __test_metadata *_metadata, const char *file,
		     bool by_path)
{
	int op, tg, bad = 0;

	for (op = 0; op < OP_N; op++) {
		for (tg = 0; tg < TG_N; tg++) {
			struct query q = { file, tg, by_path };
			int want = expected(&q, op);
			int got = osedu_as_opener(op, ask, &q);

			if (got == want)
				continue;
			bad++;
			TH_LOG("%s%s, %s asking about %s: got %d, want %d",
			       file, by_path ? " by path" : "",
			       osedu_opener_names[op],
			       osedu_target_names[tg], got, want);
			if (by_path)
				break;	/* the target does not matter */
		}
	}
	return bad;
}

TEST_F(queries, pagewalk_query_every_cell)
{
	EXPECT_EQ(0, run_cells(_metadata, "pagewalk/query", false));
}

TEST_F(queries, vfs_blockmap_by_pid_every_cell)
{
	EXPECT_EQ(0, run_cells(_metadata, "vfs/blockmap", false));
}

TEST_F(queries, vfs_blockmap_by_path_every_opener)
{
	EXPECT_EQ(0, run_cells(_metadata, "vfs/blockmap", true));
}

/* vfs/inodes about /tmp's superblock: -errno, or SHOWN with a row. */
static int ask_inodes(const char *proc, void *arg)
{
	static char buf[BUFSZ];
	const dev_t *dev = arg;
	char path[128], req[32];
	ssize_t n;
	int fd, res;

	snprintf(path, sizeof(path), "%s/osedu/vfs/inodes", proc);
	snprintf(req, sizeof(req), "%u:%u", major(*dev), minor(*dev));
	fd = open(path, O_RDWR);
	if (fd < 0)
		return -10000 - errno;
	if (write(fd, req, strlen(req)) < 0) {
		res = -errno;
		/* A refused request leaves nothing to read. */
		if (osedu_read_fd(fd, buf, sizeof(buf)) != 0)
			res = -1002;
		close(fd);
		return res;
	}
	n = osedu_read_fd(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return -20000 + (int)n;
	return osedu_kv_ll(buf, "shown") > 0 ? SHOWN : -1000;
}

TEST_F(queries, vfs_inodes_every_opener)
{
	static const int want[OP_N] = {
		/* root, uid 1000, no SYS_ADMIN, child pidns, hidepid */
		SHOWN, -10000 - EACCES, -EACCES, -EACCES, -10000 - EACCES,
	};
	struct stat st;
	int op, bad = 0;

	ASSERT_EQ(0, stat("/tmp", &st));
	for (op = 0; op < OP_N; op++) {
		int got = osedu_as_opener(op, ask_inodes, &st.st_dev);

		if (got == want[op])
			continue;
		bad++;
		TH_LOG("vfs/inodes, %s: got %d, want %d",
		       osedu_opener_names[op], got, want[op]);
	}
	EXPECT_EQ(0, bad);
}

TEST_HARNESS_MAIN
