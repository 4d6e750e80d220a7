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
