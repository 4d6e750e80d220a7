// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup v2 memory groups for the memory labs (cgroup.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "osedu.h"

static void cg_path(char *out, size_t len, const char *name,
		    const char *file)
{
	snprintf(out, len, OSEDU_CG_ROOT "/%s%s%s", name, file ? "/" : "",
		 file ? file : "");
}

int osedu_cg_make(const char *name)
{
	char path[256];

	if (access(OSEDU_CG_ROOT "/cgroup.controllers", F_OK)) {
		mkdir(OSEDU_CG_ROOT, 0755);
		if (mount("none", OSEDU_CG_ROOT, "cgroup2", 0, NULL))
			return -errno;
	}
	if (osedu_write_file(OSEDU_CG_ROOT "/cgroup.subtree_control",
			     "+memory") < 0)
		return -errno;
	cg_path(path, sizeof(path), name, NULL);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

int osedu_cg_write(const char *name, const char *file, const char *s)
{
	char path[256];

	cg_path(path, sizeof(path), name, file);
	return osedu_write_file(path, s) < 0 ? -errno : 0;
}

int osedu_cg_enter(const char *name, pid_t pid)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d", (int)pid);
	return osedu_cg_write(name, "cgroup.procs", buf);
}

long long osedu_cg_num(const char *name, const char *file, const char *key)
{
	char path[256], *buf;
	const char *p;
	long long v = -1;
	size_t n = key ? strlen(key) : 0;

	cg_path(path, sizeof(path), name, file);
	buf = osedu_read_all(path, 1 << 20, NULL);
	if (!buf)
		return -1;
	for (p = buf; key && p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, n) && p[n] == ' ')
			break;
	if (p)
		v = strtoll(p + n, NULL, 10);
	free(buf);
	return v;
}

long long osedu_cg_usage(const char *name)
{
	long long cur = osedu_cg_num(name, "memory.current", NULL), v;
	char buf[32];
	int ret;

	if (cur < 0)
		return -EIO;
	/* Nothing charged yet (charges stay where they were made). */
	if (cur < sysconf(_SC_PAGESIZE))
		return cur;
	snprintf(buf, sizeof(buf), "%lld", cur - sysconf(_SC_PAGESIZE));
	/* memory.high, not memory.max: it reclaims but never OOM-kills. */
	ret = osedu_cg_write(name, "memory.high", buf);
	if (ret)
		return ret;
	v = osedu_cg_num(name, "memory.current", NULL);
	ret = osedu_cg_write(name, "memory.high", "max");
	return ret ? ret : v;
}

int osedu_cg_remove(const char *name)
{
	char path[256];

	cg_path(path, sizeof(path), name, NULL);
	return rmdir(path) ? -errno : 0;
}
