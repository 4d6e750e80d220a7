/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the ipc_demo tests share: reading /proc/osedu/ipc through
 * libosedu, the kernel's own per-thread oracles (/proc/<pid>/task/<tid>/
 * syscall, wchan, stat) and waiting for a thread to block.
 */
#ifndef IPC_UTIL_H
#define IPC_UTIL_H

#include <pthread.h>

#include "osedu_test.h"

#define IPC_DIR		"/proc/osedu/ipc"
#define IPC_WAITS	IPC_DIR "/waits"
#define IPC_SYSV	IPC_DIR "/sysv"
#define IPC_MAX		(16u << 20)

static inline int ipc_load(void)
{
	int ret = osedu_load("osedu_core");

	return ret ? ret : osedu_load("osedu_ipc_demo");
}

static inline pid_t gettid_(void)
{
	return syscall(SYS_gettid);
}

/* The line at P, without its newline, in LINE (512 bytes). */
static inline const char *one_line(const char *p, char line[512])
{
	snprintf(line, 512, "%.*s", (int)strcspn(p, "\n"), p);
	return line;
}

/* The whole of /proc/osedu/ipc/<pid> (0: self), malloc'ed, or NULL. */
static inline char *ipc_view(pid_t pid)
{
	return osedu_read_view(IPC_DIR, pid, IPC_MAX, 0);
}

/* The "fd: N" block of a view, malloc'ed, or NULL. */
static inline char *ipc_fd_block(const char *view, int fd)
{
	char v[16];

	snprintf(v, sizeof(v), "%d", fd);
	return osedu_ipc_block(view, "fd", v);
}

/* What /proc/self/fd/N points to ("pipe:[123]"). */
static inline bool fd_link(pid_t pid, int fd, char *out, size_t len)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	n = readlink(path, out, len - 1);
	if (n < 0)
		return false;
	out[n] = '\0';
	return true;
}

/*
 * The kernel's /proc/<pid>/task/<tid>/syscall: the number and the six
 * arguments; false unless the thread is blocked in a system call.
 */
static inline bool proc_syscall(pid_t pid, pid_t tid, long *nr,
				unsigned long long args[6])
{
	char path[96], buf[512];
	int n;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
	if (osedu_read_file(path, buf, sizeof(buf)) <= 0)
		return false;
	n = sscanf(buf, "%ld %llx %llx %llx %llx %llx %llx", nr, &args[0],
		   &args[1], &args[2], &args[3], &args[4], &args[5]);
	return n == 7;
}

static inline bool proc_wchan(pid_t pid, pid_t tid, char *out, size_t len)
{
	char path[96];

	snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan", pid, tid);
	return osedu_read_file(path, out, len) > 0;
}

/* Wait until thread @tid of @pid sleeps in system call @nr; ms or -1. */
static inline long ipc_wait_blocked(pid_t pid, pid_t tid, long nr,
				    int timeout_ms)
{
	long long start = osedu_now_us();
	unsigned long long a[6];
	long n;

	for (;;) {
		char path[96];
		char buf[1024], *p;

		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
		if (osedu_read_file(path, buf, sizeof(buf)) > 0 &&
		    (p = strrchr(buf, ')')) && (p[2] == 'S' || p[2] == 'D') &&
		    proc_syscall(pid, tid, &n, a) && n == nr) {
			/* Twice, some time apart: it stays asleep. */
			usleep(20000);
			if (osedu_read_file(path, buf, sizeof(buf)) > 0 &&
			    (p = strrchr(buf, ')')) &&
			    (p[2] == 'S' || p[2] == 'D'))
				return (osedu_now_us() - start) / 1000;
		}
		if (osedu_now_us() - start > timeout_ms * 1000LL)
			return -1;
		usleep(2000);
	}
}

/* The waits row of @tid, read now; false if it is not listed. */
static inline bool ipc_wait_of(pid_t tid, struct osedu_wait *w)
{
	char *text = osedu_read_all(IPC_WAITS, IPC_MAX, NULL);
	const char *p;
	bool found = false;

	if (!text)
		return false;
	osedu_for_each_line(p, text) {
		size_t len = strcspn(p, "\n");

		if (osedu_wait_parse(p, len, w) && w->tid == tid) {
			found = true;
			break;
		}
	}
	free(text);
	return found;
}

/* How many rows of ipc/waits parse, and how many do not. */
static inline int ipc_waits_count(const char *text, int *bad)
{
	struct osedu_wait w;
	const char *p;
	int n = 0, line = 0;

	*bad = 0;
	osedu_for_each_line(p, text) {
		size_t len = strcspn(p, "\n");

		if (line++ < 2 || !len)
			continue;
		if (osedu_wait_parse(p, len, &w))
			n++;
		else
			(*bad)++;
	}
	return n;
}

#endif /* IPC_UTIL_H */
