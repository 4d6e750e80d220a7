// SPDX-License-Identifier: GPL-2.0
/*
 * The vfs_dump files: fd records of vfs/<pid>, the vfs/blockmap answer
 * and the rows of vfs/supers (vfs.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vfs.h"

char *osedu_vfs_fd_record(const char *text, int fd)
{
	char key[32];
	const char *p, *end;
	size_t k;

	k = (size_t)snprintf(key, sizeof(key), "fd: %d\n", fd);
	for (p = text; p && *p; p = osedu_next_line(p)) {
		if (strncmp(p, key, k))
			continue;
		end = strstr(p, "\n\n");
		end = end ? end + 1 : p + strlen(p);
		return strndup(p, (size_t)(end - p));
	}
	return NULL;
}

size_t osedu_vfs_count_fds(const char *text)
{
	const char *p;
	size_t n = 0;

	osedu_for_each_line(p, text)
		if (!strncmp(p, "fd: ", 4))
			n++;
	return n;
}

void osedu_blockmap_free(struct osedu_blockmap *bm)
{
	free(bm->runs);
	bm->runs = NULL;
	bm->nruns = 0;
}

static bool get_u64(const char *text, const char *key, uint64_t *out)
{
	size_t n;
	const char *v = osedu_kv_find(text, key, &n);

	return v && osedu_parse_u64(v, n, out);
}

int osedu_blockmap_parse(const char *text, struct osedu_blockmap *bm)
{
	const char *p;
	uint64_t nruns, trunc;
	size_t cap;

	memset(bm, 0, sizeof(*bm));
	if (!osedu_is_header(text, "vfs-blockmap") ||
	    !osedu_kv(text, "state", bm->state, sizeof(bm->state)))
		return -1;
	if (strcmp(bm->state, "mapped"))
		return 0;
	if (!get_u64(text, "data_blocks", &bm->data_blocks) ||
	    !get_u64(text, "hole_blocks", &bm->hole_blocks) ||
	    !get_u64(text, "index_blocks", &bm->index_blocks) ||
	    !get_u64(text, "runs", &nruns) ||
	    !get_u64(text, "runs_truncated", &trunc) || nruns > 1000000)
		return -1;
	bm->truncated = trunc;
	cap = nruns ? nruns : 1;
	bm->runs = calloc(cap, sizeof(*bm->runs));
	if (!bm->runs)
		return -1;
	for (p = text; p && *p; p = osedu_next_line(p))
		if (!strncmp(p, "logical physical count\n", 23))
			break;
	if (!p)
		goto bad;
	for (p = osedu_next_line(p); p && *p && bm->nruns < nruns;
	     p = osedu_next_line(p)) {
		struct osedu_run *r = &bm->runs[bm->nruns];
		char *line = strndup(p, strcspn(p, "\n"));
		struct osedu_cols c;
		bool ok;
		int n;

		if (!line)
			goto bad;
		n = osedu_split(&c, line);
		free(line);
		if (n != 3) {
			osedu_cols_free(&c);
			goto bad;
		}
		r->hole = !strcmp(c.col[1], "-");
		ok = osedu_u64(c.col[0], &r->logical) &&
		     osedu_u64(c.col[2], &r->count) && r->count &&
		     (r->hole || osedu_u64(c.col[1], &r->physical));
		osedu_cols_free(&c);
		if (!ok)
			goto bad;
		bm->nruns++;
	}
	if (bm->nruns != nruns)
		goto bad;
	return 0;
bad:
	osedu_blockmap_free(bm);
	return -1;
}

int osedu_runs_format(const struct osedu_blockmap *bm, char *out, size_t len)
{
	size_t used = 0, i;
	int n;

	if (!len)
		return -1;
	out[0] = '\0';
	for (i = 0; i < bm->nruns; i++) {
		const struct osedu_run *r = &bm->runs[i];

		if (r->hole)
			continue;
		n = snprintf(out + used, len - used, "%s%" PRIu64 ":%" PRIu64
			     "+%" PRIu64, used ? "," : "", r->logical,
			     r->physical, r->count);
		if (n < 0 || (size_t)n >= len - used)
			return -1;
		used += (size_t)n;
	}
	if (!used)
		snprintf(out, len, "-");
	return 0;
}

char *osedu_blockmap_ask_at(const char *file, const char *req)
{
	return osedu_ask(file, req, OSEDU_DOC_MAX);
}

char *osedu_blockmap_ask(const char *req)
{
	return osedu_blockmap_ask_at(OSEDU_VFS_BLOCKMAP, req);
}

bool osedu_super_parse(const char *line, struct osedu_super *s)
{
	struct osedu_cols c;
	bool ok = false;
	int i;

	memset(s, 0, sizeof(*s));
	if (osedu_split(&c, line) != 13)
		goto out;
	if (strlen(c.col[0]) >= sizeof(s->type) ||
	    strlen(c.col[1]) >= sizeof(s->id) ||
	    sscanf(c.col[2], "%u:%u", &s->major, &s->minor) != 2 ||
	    !osedu_u64(c.col[3], &s->block_size) ||
	    !osedu_u64(c.col[4], &s->magic) ||
	    !osedu_u64(c.col[5], &s->flags) ||
	    !osedu_u64(c.col[12], &s->inodes_cached))
		goto out;
	strcpy(s->type, c.col[0]);
	strcpy(s->id, c.col[1]);
	s->have_statfs = strcmp(c.col[6], "-");
	if (s->have_statfs) {
		uint64_t *f[] = { &s->f_bsize, &s->blocks, &s->bfree,
				  &s->bavail, &s->files, &s->ffree };

		for (i = 0; i < 6; i++)
			if (!osedu_u64(c.col[6 + i], f[i]))
				goto out;
	}
	ok = true;
out:
	osedu_cols_free(&c);
	return ok;
}

bool osedu_supers_find(const char *text, unsigned int major,
		       unsigned int minor, struct osedu_super *s)
{
	const char *p;
	char *line;
	bool ok;

	osedu_for_each_line(p, text) {
		line = strndup(p, strcspn(p, "\n"));
		if (!line)
			return false;
		ok = osedu_super_parse(line, s) && s->major == major &&
		     s->minor == minor;
		free(line);
		if (ok)
			return true;
	}
	return false;
}

int osedu_fiemap_runs(int fd, unsigned int bs, char *out, size_t len)
{
	enum { MAX = 256 };
	size_t sz = sizeof(struct fiemap) + MAX * sizeof(struct fiemap_extent);
	struct fiemap *fm = calloc(1, sz);
	uint64_t L[MAX], P[MAX], C[MAX];
	unsigned int i, n = 0;
	size_t used = 0;

	if (!fm || !bs || !len)
		return -EINVAL;
	fm->fm_length = FIEMAP_MAX_OFFSET;
	fm->fm_flags = FIEMAP_FLAG_SYNC;
	fm->fm_extent_count = MAX;
	if (ioctl(fd, FS_IOC_FIEMAP, fm)) {
		int err = -errno;

		free(fm);
		return err;
	}
	for (i = 0; i < fm->fm_mapped_extents; i++) {
		const struct fiemap_extent *e = &fm->fm_extents[i];
		uint64_t l = e->fe_logical / bs, p = e->fe_physical / bs;
		uint64_t c = (e->fe_length + bs - 1) / bs;

		if (e->fe_flags & FIEMAP_EXTENT_UNWRITTEN)
			continue;
		if (n && L[n - 1] + C[n - 1] == l && P[n - 1] + C[n - 1] == p) {
			C[n - 1] += c;
			continue;
		}
		L[n] = l;
		P[n] = p;
		C[n++] = c;
	}
	free(fm);
	out[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(out + used, len - used,
					 "%s%" PRIu64 ":%" PRIu64 "+%" PRIu64,
					 i ? "," : "", L[i], P[i], C[i]);
	if (!n)
		snprintf(out, len, "-");
	return used < len ? 0 : -ENOSPC;
}
