/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the osedu selftests share beyond libosedu (tools/lib/osedu:
 * reading files, "key: value" lookups, the sched trace parser, loading
 * modules, which lib.mk links into every test): /proc/<pid>/stat
 * fields, dropping privileges, waiting for a path, sleeper children.
 */
#ifndef OSEDU_TEST_H
#define OSEDU_TEST_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <osedu/osedu.h>

#define OSEDU_UNPRIV_ID		1000

static inline long long osedu_now_us(void)
{
	return osedu_now_ns() / 1000;
}

/* Field @n (1-based, as in proc(5)) of /proc/<pid>/stat, as text. */
static inline bool osedu_proc_stat_field(pid_t pid, int n, char *out,
					 size_t len)
{
	char path[64], buf[1024], *p, *save = NULL;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
		return false;
	/* comm (field 2) may hold spaces: resume after its last ')'. */
	p = strrchr(buf, ')');
	if (!p)
		return false;
	if (n == 2) {
		char *s = strchr(buf, '(');

		snprintf(out, len, "%.*s", (int)(p - s - 1), s + 1);
		return true;
	}
	p = strtok_r(p + 2, " ", &save);
	for (i = 3; p && i < n; i++)
		p = strtok_r(NULL, " ", &save);
	if (!p)
		return false;
	snprintf(out, len, "%s", p);
	return true;
}

/*
 * Wait until @path exists (or, with !@exists, is gone); returns the time
 * waited in microseconds, or -1 after @timeout_ms.
 */
static inline long long osedu_wait_path(const char *path, bool exists,
					int timeout_ms)
{
	long long start = osedu_now_us();
	struct stat st;

	for (;;) {
		bool there = stat(path, &st) == 0;
		long long waited = osedu_now_us() - start;

		if (there == exists)
			return waited;
		if (waited > timeout_ms * 1000LL)
			return -1;
		usleep(200);
	}
}

/* Become the unprivileged test user (uid and gid 1000) for good. */
static inline int osedu_drop_privileges(void)
{
	gid_t gid = OSEDU_UNPRIV_ID;

	if (setgroups(1, &gid) || setresgid(gid, gid, gid) ||
	    setresuid(OSEDU_UNPRIV_ID, OSEDU_UNPRIV_ID, OSEDU_UNPRIV_ID))
		return -errno;
	return 0;
}

/*
 * A child that sleeps until killed; its pid, or -1. It dies with its
 * parent, so a failed assertion never leaves it holding the runner's
 * output open.
 */
static inline pid_t osedu_spawn_sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	return pid;
}

/*
 * A sleeper with the pid number @nr, which must be free (a reaped
 * process's): ns_last_pid makes the next fork take it, unless another
 * fork takes it first, hence the tries. Its pid, or -1.
 */
static inline pid_t osedu_spawn_sleeper_at(pid_t nr)
{
	char last[32];
	pid_t pid = -1;

	for (int i = 0; i < 20; i++) {
		snprintf(last, sizeof(last), "%d", nr - 1);
		if (osedu_write_file("/proc/sys/kernel/ns_last_pid", last))
			return -1;
		pid = osedu_spawn_sleeper();
		if (pid == nr || pid < 0)
			return pid;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return -1;
}

static inline void osedu_kill_reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * A count from the environment, or @def: the full counts are the tests'
 * own; make check sets lower ones (OSEDU_STRESS_REDUCED in vm/common.sh).
 */
static inline int osedu_env_int(const char *name, int def)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : def;
}

#endif /* OSEDU_TEST_H */
