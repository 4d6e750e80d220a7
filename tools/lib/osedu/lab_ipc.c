// SPDX-License-Identifier: GPL-2.0
/*
 * What the IPC and synchronisation labs share: reading /proc/osedu/ipc
 * (docs/proc-format.md, ipc_demo) and the kernel's own per-thread and
 * per-process answers used as oracles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lab.h"

char *il_view(pid_t pid)
{
	lab_need(IL_WAITS, IL_MODULE);
	return lab_must_read_view(OSEDU_ROOT "/ipc", pid);
}

char *il_fd_block(const char *view, int fd)
{
	char v[16], *b;

	snprintf(v, sizeof(v), "%d", fd);
	b = osedu_ipc_block(view, "fd", v);
	if (!b)
		lab_die("the view has no block for fd %d", fd);
	return b;
}

bool il_wait_row(pid_t tid, struct osedu_wait *w)
{
	char *text = lab_must_read(IL_WAITS);
	struct osedu_wait *rows;
	bool found = false;
	size_t n;

	if (osedu_waits_parse(text, &rows, &n) < 0)
		lab_die("out of memory");
	for (size_t i = 0; i < n; i++)
		if (rows[i].tid == tid) {
			*w = rows[i];
			found = true;
		}
	free(rows);
	free(text);
	return found;
}

int il_waiters(const char *object)
{
	char *text = lab_must_read(IL_WAITS);
	struct osedu_wait *rows;
	int count = 0;
	size_t n;

	if (osedu_waits_parse(text, &rows, &n) < 0)
		lab_die("out of memory");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].object, object))
			count++;
	free(rows);
	free(text);
	return count;
}

void il_wait_syscall(pid_t pid, pid_t tid, long nr)
{
	char path[96], buf[256], stat[512], *p;
	long n;

	for (int i = 0; i < 3000; i++) {
		snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid,
			 tid);
		if (osedu_read_file(path, buf, sizeof(buf)) > 0 &&
		    sscanf(buf, "%ld", &n) == 1 && n == nr) {
			snprintf(path, sizeof(path), "/proc/%d/task/%d/stat",
				 pid, tid);
			if (osedu_read_file(path, stat, sizeof(stat)) > 0 &&
			    (p = strrchr(stat, ')')) && p[2] == 'S')
				return;
		}
		usleep(10000);
	}
	lab_die("thread %d never slept in system call %ld", tid, nr);
}

unsigned long long il_status_mask(pid_t pid, const char *key)
{
	char path[64], v[32], *text;
	unsigned long long m = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	text = lab_must_read(path);
	if (osedu_kv(text, key, v, sizeof(v)))
		m = strtoull(v, NULL, 16);
	free(text);
	return m;
}

pid_t il_gettid(void)
{
	return syscall(SYS_gettid);
}
