/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libosedu: the vfs_dump files (docs/proc-format.md, "vfs"):
 * /proc/osedu/vfs/<pid>, vfs/supers and the vfs/blockmap query, parsed
 * for visualize, the labs and the selftests. The parsers trust nothing.
 */
#ifndef OSEDU_LIB_VFS_H
#define OSEDU_LIB_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osedu.h"

#define OSEDU_VFS_DIR		OSEDU_ROOT "/vfs"
#define OSEDU_VFS_SUPERS	OSEDU_VFS_DIR "/supers"
#define OSEDU_VFS_BLOCKMAP	OSEDU_VFS_DIR "/blockmap"

/*
 * The record of fd FD in the text of vfs/<pid>: a malloc'ed copy of its
 * lines, from "fd: FD" to the blank line that ends it; NULL if absent.
 */
char *osedu_vfs_fd_record(const char *text, int fd);
/* How many fd records the text holds. */
size_t osedu_vfs_count_fds(const char *text);

/* One row of a block map: PHYSICAL 0 and HOLE set for a hole. */
struct osedu_run {
	uint64_t logical, physical, count;
	bool hole;
};

struct osedu_blockmap {
	char state[16];			/* "mapped", "delayed" or "none" */
	uint64_t data_blocks, hole_blocks, index_blocks;
	struct osedu_run *runs;
	size_t nruns;
	bool truncated;
};

/* Parse a vfs/blockmap answer; 0, or -1 when it is malformed. */
int osedu_blockmap_parse(const char *text, struct osedu_blockmap *bm);
void osedu_blockmap_free(struct osedu_blockmap *bm);
/*
 * The data runs as "L:P+C,..." (holes left out; "-" for none), the form
 * vm/disks writes its expected values in. 0, or -1 if LEN is too small.
 */
int osedu_runs_format(const struct osedu_blockmap *bm, char *out, size_t len);
/*
 * Ask the block-map file: write REQ, read the answer. A malloc'ed text,
 * or NULL with errno (the write's: ENOENT, EACCES, EINVAL, ...).
 */
char *osedu_blockmap_ask(const char *req);
/* The same through FILE (a block-map file under another root). */
char *osedu_blockmap_ask_at(const char *file, const char *req);

/* One row of vfs/supers; statfs fields are 0 without HAVE_STATFS. */
struct osedu_super {
	char type[32], id[32];
	unsigned int major, minor;
	uint64_t block_size, magic, flags;
	bool have_statfs;
	uint64_t f_bsize, blocks, bfree, bavail, files, ffree;
	uint64_t inodes_cached;
};

/* Parse row LINE (not the header); true if it is well formed. */
bool osedu_super_parse(const char *line, struct osedu_super *s);
/* The first row of TEXT for device MAJOR:MINOR; true if found. */
bool osedu_supers_find(const char *text, unsigned int major,
		       unsigned int minor, struct osedu_super *s);

/*
 * FIEMAP of FD (FIEMAP_FLAG_SYNC), in blocks of BS, merged into the
 * "L:P+C,..." form of osedu_runs_format() ("-" when nothing is mapped):
 * the kernel's own answer, the oracle for vfs/blockmap. 0, or -errno.
 */
int osedu_fiemap_runs(int fd, unsigned int bs, char *out, size_t len);

#endif /* OSEDU_LIB_VFS_H */
