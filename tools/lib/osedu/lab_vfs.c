// SPDX-License-Identifier: GPL-2.0
/* What the file-system labs share (lab.h, "lab_vfs.c"). */
#include <errno.h>
#include <inttypes.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "lab.h"
#include "vfs.h"

void vl_need_disks(void)
{
	struct stat st;

	lab_need(OSEDU_VFS_BLOCKMAP, "osedu_vfs_dump");
	if (stat(VL_DISKS "/ext4/big", &st) || stat(VL_DISKS "/ext2/big", &st) ||
	    stat(VL_DISKS "/vfat/big", &st))
		lab_die("this lab needs the disks of vm/run -d under %s (tools/labs/run attaches them)",
			VL_DISKS);
}

void vl_map(const char *req, struct osedu_blockmap *bm, char **textp)
{
	char *text = osedu_blockmap_ask(req);

	if (!text)
		lab_die("blockmap %s: %s", req, strerror(errno));
	if (osedu_blockmap_parse(text, bm))
		lab_die("blockmap %s: a malformed answer", req);
	if (textp)
		*textp = text;
	else
		free(text);
}

int vl_fiemap_runs(int fd, unsigned int bs, char *out, size_t len)
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

void vl_show_runs(const struct osedu_blockmap *bm)
{
	size_t i;

	printf("    logical  physical  count\n");
	for (i = 0; i < bm->nruns; i++) {
		const struct osedu_run *r = &bm->runs[i];

		if (r->hole)
			printf("    %7" PRIu64 "  %8s  %5" PRIu64 "\n",
			       r->logical, "hole", r->count);
		else
			printf("    %7" PRIu64 "  %8" PRIu64 "  %5" PRIu64 "\n",
			       r->logical, r->physical, r->count);
	}
}
