/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the osedu selftests share: read a /proc/osedu file, pick a
 * "key: value" out of it, load and unload modules, drop privileges, and
 * wait for a path to appear or vanish. Header-only so that every test stays
 * one static binary built from one .c file.
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

#define OSEDU_MODDIR		"/lib/modules/osedu"
#define OSEDU_TEST_MODDIR	"/lib/modules/osedu/test"
#define OSEDU_UNPRIV_ID		1000

static inline long long osedu_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* Read a whole file from an open fd, from offset 0; length or -errno. */
static inline ssize_t osedu_read_fd(int fd, char *buf, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off + 1 < len) {
		n = pread(fd, buf + off, len - 1 - off, off);
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		off += n;
	}
	buf[off] = '\0';
	return off;
}

static inline ssize_t osedu_read_file(const char *path, char *buf, size_t len)
{
	ssize_t ret;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	ret = osedu_read_fd(fd, buf, len);
	close(fd);
	return ret;
}

static inline int osedu_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

/* The line after the one @p is in, or NULL after the last. */
static inline const char *osedu_next_line(const char *p)
{
	p = strchr(p, '\n');
	return p ? p + 1 : NULL;
}

/* Walk @text a line at a time; @p points at each line's first byte. */
#define osedu_for_each_line(p, text) \
	for ((p) = (text); (p) && *(p); (p) = osedu_next_line(p))

/* Copy the value of "key: value" in @text into @out; false if absent. */
static inline bool osedu_kv(const char *text, const char *key, char *out,
			    size_t len)
{
	size_t klen = strlen(key);
	const char *p;

	osedu_for_each_line(p, text) {
		if (!strncmp(p, key, klen) && p[klen] == ':' &&
		    p[klen + 1] == ' ') {
			const char *v = p + klen + 2;
			size_t n = strcspn(v, "\n");

			if (n >= len)
				n = len - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

/* The numeric value of @key (decimal or 0x hex), or -1 if absent. */
static inline long long osedu_kv_ll(const char *text, const char *key)
{
	char v[64];

	if (!osedu_kv(text, key, v, sizeof(v)))
		return -1;
	return strtoll(v, NULL, 0);
}

static inline unsigned long long osedu_kv_ull(const char *text,
					      const char *key)
{
	char v[64];

	if (!osedu_kv(text, key, v, sizeof(v)))
		return 0;
	return strtoull(v, NULL, 0);
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

/* Load /lib/modules/osedu[/test]/<name>.ko; 0 if loaded or already in. */
static inline int osedu_load(const char *name)
{
	const char *dirs[] = { OSEDU_MODDIR, OSEDU_TEST_MODDIR };
	char path[256];
	unsigned int i;
	int fd, ret;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%.64s.ko", dirs[i], name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			break;
	}
	if (fd < 0)
		return -ENOENT;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret == -EEXIST ? 0 : ret;
}

static inline int osedu_unload(const char *name)
{
	if (syscall(SYS_delete_module, name, O_NONBLOCK))
		return errno == ENOENT ? 0 : -errno;
	return 0;
}

static inline bool osedu_module_loaded(const char *name)
{
	char buf[65536], pat[80];
	ssize_t n;

	n = osedu_read_file("/proc/modules", buf, sizeof(buf));
	if (n <= 0)
		return false;
	/* /proc/modules: one module a line, its name first. */
	snprintf(pat, sizeof(pat), "\n%s ", name);
	return !strncmp(buf, pat + 1, strlen(pat + 1)) || strstr(buf, pat);
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

static inline void osedu_kill_reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

#endif /* OSEDU_TEST_H */
