/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The permission matrix's openers and targets, for the tests that walk it
 * over the real views (selftests/access): who opens (root, the test user,
 * root without CAP_SYS_ADMIN, root as pid 1 of a child pid namespace, the
 * test user through a hidepid=2 procfs mount), and whose process (its
 * own, a test-user process, a root process). A test gives a function that
 * opens and reads what it wants through the opener's procfs mount and
 * returns an int; osedu_as_opener() runs it as that opener.
 */
#ifndef OSEDU_MATRIX_H
#define OSEDU_MATRIX_H

#include <sys/mount.h>

#include "osedu_test.h"
#include "osedu_ns.h"

#define OSEDU_MATRIX_HIDEPID	"/tmp/osedu-matrix-hidepid"
/* osedu_as_opener()'s answer when the opener could not even run. */
#define OSEDU_MATRIX_BROKEN	(-9999)

enum osedu_matrix_opener {
	OP_ROOT, OP_USER, OP_ROOT_NO_ADMIN, OP_ROOT_CHILD_NS, OP_USER_HIDEPID,
	OP_N
};
enum osedu_matrix_target { TG_SELF, TG_USER_PROC, TG_ROOT_PROC, TG_N };

static const char * const osedu_opener_names[OP_N] = {
	"root", "uid 1000", "root without CAP_SYS_ADMIN",
	"root in a child pid namespace", "uid 1000 via hidepid=2",
};
static const char * const osedu_target_names[TG_N] = {
	"itself", "a uid 1000 process", "a root process",
};

/* The function an opener runs: PROC is its procfs mount ("/proc"...). */
typedef int (*osedu_opener_fn)(const char *proc, void *arg);

struct osedu_opener_call {
	osedu_opener_fn fn;
	void *arg;
	const char *proc;
	int result_fd;
	bool drop_admin;
};

static inline int osedu_opener_run(void *p)
{
	struct osedu_opener_call *c = p;
	int res;

	if (c->drop_admin && osedu_drop_cap(CAP_SYS_ADMIN))
		return 1;
	res = c->fn(c->proc, c->arg);
	return write(c->result_fd, &res, sizeof(res)) == sizeof(res) ? 0 : 1;
}

/* FN(proc, ARG) run as opener OP; its result, or OSEDU_MATRIX_BROKEN. */
static inline int osedu_as_opener(enum osedu_matrix_opener op, osedu_opener_fn fn,
				  void *arg)
{
	struct osedu_opener_call c = { .fn = fn, .arg = arg };
	int p[2], res = OSEDU_MATRIX_BROKEN, st;
	pid_t pid, inner;

	if (pipe(p))
		return res;
	c.result_fd = p[1];
	c.proc = op == OP_USER_HIDEPID ? OSEDU_MATRIX_HIDEPID : "/proc";
	c.drop_admin = op == OP_ROOT_NO_ADMIN || op == OP_ROOT_CHILD_NS;
	if (op == OP_ROOT_CHILD_NS) {
		/* Container root: a pid namespace, and no CAP_SYS_ADMIN. */
		if (osedu_in_new_pidns(osedu_opener_run, &c, &inner) != 0)
			goto out;
		goto read;
	}
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if ((op == OP_USER || op == OP_USER_HIDEPID) &&
		    osedu_drop_privileges())
			_exit(1);
		_exit(osedu_opener_run(&c));
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st))
		goto out;
read:
	if (read(p[0], &res, sizeof(res)) != sizeof(res))
		res = OSEDU_MATRIX_BROKEN;
out:
	close(p[0]);
	close(p[1]);
	return res;
}

/*
 * DESIGN.md's open rule for a per-task view: 0 (opened), or the -errno.
 * Root without CAP_SYS_ADMIN is still uid 0, the owner of root's
 * processes; a process in a child pid namespace sees no host process.
 */
static inline int osedu_matrix_open_rule(enum osedu_matrix_opener op,
					 enum osedu_matrix_target tg)
{
	if (tg == TG_SELF || op == OP_ROOT)
		return 0;
	switch (op) {
	case OP_USER:
	case OP_USER_HIDEPID:
		return tg == TG_USER_PROC ? 0 : -EACCES;
	case OP_ROOT_NO_ADMIN:
		return tg == TG_ROOT_PROC ? 0 : -EACCES;
	default:
		return -ENOENT;
	}
}

/* A test-user process, dumpable again after the change of ids, paused. */
static inline pid_t osedu_matrix_user_proc(bool spin)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (osedu_drop_privileges() ||
		    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ||
		    write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			if (!spin)
				pause();
	}
	close(ready[1]);
	if (pid > 0 && read(ready[0], &c, 1) != 1) {
		osedu_kill_reap(pid);
		pid = -1;
	}
	close(ready[0]);
	return pid;
}

/*
 * Wait until VIEW has its entries for PIDS (core creates them from a
 * worker, milliseconds after the fork); 0, or -1 after 10 s.
 */
static inline int osedu_matrix_wait_entries(const char *view,
					    const pid_t *pids, int n)
{
	char path[96];

	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/osedu/%s/%d", view,
			 pids[i]);
		if (osedu_wait_path(path, true, 10000) < 0)
			return -1;
	}
	return 0;
}

/* Mount the hidepid=2 procfs the OP_USER_HIDEPID opener reads through. */
static inline int osedu_matrix_mount_hidepid(void)
{
	mkdir(OSEDU_MATRIX_HIDEPID, 0755);
	return mount("proc", OSEDU_MATRIX_HIDEPID, "proc", 0, "hidepid=2") ?
	       -errno : 0;
}

static inline void osedu_matrix_umount_hidepid(void)
{
	umount(OSEDU_MATRIX_HIDEPID);
	rmdir(OSEDU_MATRIX_HIDEPID);
}

/*
 * The scene the view tests read: a root-owned file (mode 0600, one byte,
 * so a page in the cache) held at @held_fd, which every target inherits;
 * the hidepid=2 mount; and the two targets, a root process and a uid
 * 1000 one, in @targets. 0, or -1 with what is already up still to be
 * taken down by osedu_matrix_scene_down().
 */
static inline int osedu_matrix_scene_up(const char *held_path, int held_fd,
					pid_t *targets)
{
	int fd;

	unlink(held_path);
	fd = open(held_path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -1;
	if (write(fd, "x", 1) != 1 || dup2(fd, held_fd) != held_fd) {
		close(fd);
		return -1;
	}
	close(fd);
	if (osedu_matrix_mount_hidepid())
		return -1;
	targets[TG_ROOT_PROC] = osedu_spawn_sleeper();
	if (targets[TG_ROOT_PROC] <= 0)
		return -1;
	targets[TG_USER_PROC] = osedu_matrix_user_proc(false);
	return targets[TG_USER_PROC] > 0 ? 0 : -1;
}

static inline void osedu_matrix_scene_down(const char *held_path,
					   int held_fd, pid_t *targets)
{
	osedu_matrix_umount_hidepid();
	if (targets[TG_ROOT_PROC] > 0)
		osedu_kill_reap(targets[TG_ROOT_PROC]);
	if (targets[TG_USER_PROC] > 0)
		osedu_kill_reap(targets[TG_USER_PROC]);
	close(held_fd);
	unlink(held_path);
}

static inline int osedu_matrix_kptr(int v)
{
	char s[4];

	snprintf(s, sizeof(s), "%d", v);
	return osedu_write_file("/proc/sys/kernel/kptr_restrict", s);
}

#endif /* OSEDU_MATRIX_H */
