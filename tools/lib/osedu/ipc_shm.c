// SPDX-License-Identifier: GPL-2.0
/*
 * Who maps a SysV shared-memory segment. The kernel keeps the answer in
 * the segment's reverse map, which modules cannot walk, and counts it in
 * nattch (/proc/sysvipc/shm), which names nobody. So the tools join:
 * every process's ipc/<pid> lists the segments it has attached ("shm:"
 * blocks, docs/proc-format.md), and /proc/sysvipc/shm says how many
 * attachments there are in all. When the two agree, the list is whole.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

int osedu_sysvipc_shm_parse(const char *text, struct osedu_sysvipc_shm **rows,
			    size_t *n)
{
	size_t cap = 0, line = 0;
	const char *p;
	int bad = 0;

	*rows = NULL;
	*n = 0;
	osedu_for_each_line(p, text) {
		struct osedu_sysvipc_shm r = { 0 };
		struct osedu_cols c;
		uint64_t u[16];
		bool ok = true;
		char *copy;
		int i;

		if (line++ == 0 || *p == '\n')
			continue;	/* the header */
		copy = strndup(p, strcspn(p, "\n"));
		if (!copy || osedu_split(&c, copy) < 0) {
			free(copy);
			return -1;
		}
		free(copy);
		/* key shmid perms size cpid lpid nattch uid gid cuid cgid
		 * atime dtime ctime rss swap
		 */
		ok = c.n == 16;
		for (i = 0; ok && i < 16; i++) {
			int64_t v;

			if (i == 0 && osedu_s64(c.col[0], &v)) {
				u[0] = (uint32_t)v;	/* a key prints signed */
				continue;
			}
			ok = osedu_u64(c.col[i], &u[i]);
		}
		osedu_cols_free(&c);
		if (!ok || u[1] > INT32_MAX || u[4] > INT32_MAX ||
		    u[5] > INT32_MAX) {
			bad++;
			continue;
		}
		r.key = u[0];
		r.shmid = u[1];
		r.size = u[3];
		r.cpid = u[4];
		r.lpid = u[5];
		r.nattch = u[6];
		r.uid = u[7];
		r.rss = u[14];
		r.swap = u[15];
		if (*n == cap) {
			struct osedu_sysvipc_shm *q;

			cap = cap ? 2 * cap : 8;
			q = realloc(*rows, cap * sizeof(*q));
			if (!q)
				return -1;
			*rows = q;
		}
		(*rows)[(*n)++] = r;
	}
	return bad;
}

static int push(struct osedu_shm_map **rows, size_t *n, size_t *cap,
		const struct osedu_shm_map *m)
{
	if (*n == *cap) {
		struct osedu_shm_map *q;

		*cap = *cap ? 2 * *cap : 8;
		q = realloc(*rows, *cap * sizeof(*q));
		if (!q)
			return -1;
		*rows = q;
	}
	(*rows)[(*n)++] = *m;
	return 0;
}

/* "KEY: number" at line P into OUT; false if P is another key. */
static bool key_u64(const char *p, size_t len, const char *key, uint64_t *out)
{
	size_t k = strlen(key);
	char v[32];

	if (len <= k + 2 || strncmp(p, key, k) || p[k] != ':' ||
	    p[k + 1] != ' ' || len - k - 2 >= sizeof(v))
		return false;
	memcpy(v, p + k + 2, len - k - 2);
	v[len - k - 2] = '\0';
	return osedu_u64(v, out);
}

int osedu_ipc_shm_parse(const char *text, struct osedu_shm_map **rows,
			size_t *n)
{
	struct osedu_shm_map proc = { .pid = -1 }, cur = { 0 };
	bool in_shm = false, in_proc = true, start = false;
	size_t cap = *n, line = 0;
	const char *p;
	int bad = 0;

	if (!osedu_is_header(text, "ipc"))
		return 1;
	osedu_for_each_line(p, text) {
		size_t len = strcspn(p, "\n");
		uint64_t v;

		if (line++ == 0)
			continue;
		if (!len) {
			if (in_shm && (cur.shmid < 0 || !cur.end))
				bad++;
			else if (in_shm && push(rows, n, &cap, &cur))
				return -1;
			in_shm = in_proc = false;
			start = true;
			continue;
		}
		if (in_proc) {
			if (key_u64(p, len, "pid", &v) && v <= INT32_MAX)
				proc.pid = v;
			else if (key_u64(p, len, "ns_ipc", &v) &&
				 v <= UINT32_MAX)
				proc.ns_ipc = v;
			else if (!strncmp(p, "comm: ", 6) && len - 6 <
				 sizeof(proc.comm)) {
				memcpy(proc.comm, p + 6, len - 6);
				proc.comm[len - 6] = '\0';
			}
			continue;
		}
		if (start && key_u64(p, len, "shm", &v)) {
			cur = proc;
			cur.shmid = -1;
			cur.start = v;
			in_shm = true;
			start = false;
			continue;
		}
		start = false;
		if (!in_shm)
			continue;
		if (key_u64(p, len, "end", &v))
			cur.end = v;
		else if (key_u64(p, len, "shmid", &v) && v <= INT32_MAX)
			cur.shmid = v;
		else if (key_u64(p, len, "key", &v) && v <= UINT32_MAX)
			cur.key = v;
		else if (key_u64(p, len, "size", &v))
			cur.size = v;
		else if (key_u64(p, len, "resident_pages", &v))
			cur.resident_pages = v;
		else if (key_u64(p, len, "writable", &v))
			cur.writable = v != 0;
	}
	if (in_shm && (cur.shmid < 0 || !cur.end))
		bad++;
	else if (in_shm && push(rows, n, &cap, &cur))
		return -1;
	if (proc.pid < 0)
		bad++;
	return bad;
}

/* By pid, then address: the same order whatever readdir() gave. */
static int map_cmp(const void *a, const void *b)
{
	const struct osedu_shm_map *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

int osedu_shm_maps(const char *root, struct osedu_shm_map **rows, size_t *n,
		   size_t *unread)
{
	char path[4096];
	struct dirent *e;
	DIR *d;

	*rows = NULL;
	*n = 0;
	*unread = 0;
	snprintf(path, sizeof(path), "%s/ipc", root);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char *text;

		if (!*e->d_name ||
		    strspn(e->d_name, "0123456789") != strlen(e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/ipc/%s", root, e->d_name);
		text = osedu_read_all(path, OSEDU_DOC_MAX, NULL);
		if (!text) {
			/* Gone since the listing is no attachment. */
			if (errno != ESRCH && errno != ENOENT)
				(*unread)++;
			continue;
		}
		if (osedu_ipc_shm_parse(text, rows, n) < 0) {
			free(text);
			closedir(d);
			return -1;
		}
		free(text);
	}
	closedir(d);
	if (*n)
		qsort(*rows, *n, sizeof(**rows), map_cmp);
	return 0;
}

size_t osedu_shm_sharers(const struct osedu_shm_map *maps, size_t n,
			 unsigned int ns_ipc, int shmid, int *pids,
			 size_t max, size_t *attaches)
{
	size_t np = 0;

	*attaches = 0;
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (maps[i].shmid != shmid || maps[i].ns_ipc != ns_ipc)
			continue;
		(*attaches)++;
		for (size_t j = 0; j < np && j < max; j++)
			seen |= pids[j] == maps[i].pid;
		if (seen)
			continue;
		if (np < max)
			pids[np] = maps[i].pid;
		np++;
	}
	return np;
}
