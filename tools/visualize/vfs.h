/* SPDX-License-Identifier: GPL-2.0 */
/*
 * visualize vfs: the models read from /proc/osedu/vfs (docs/proc-format.md,
 * "vfs_dump"): the open files of one or more processes as the chain
 * fd -> struct file -> dentry -> inode -> superblock (vfs.c parses,
 * vfs_chain.c renders), and block maps with the on-disk structures behind
 * them (vfs_map.c parses and renders).
 */
#ifndef OSEDU_VIZ_VFS_H
#define OSEDU_VIZ_VFS_H

#include <osedu/vfs.h>

#include "viz.h"

#define VFS_PROCS_MAX	4	/* processes drawn side by side */
#define VFS_MAPS_MAX	4	/* block maps drawn side by side */

struct vfs_fd {
	size_t proc;			/* index into vfs_chain.procs */
	int fd;
	char file_id[24], dentry_id[24], inode_id[24];
	long long pos, file_refs, dentry_refs, inode_refs;
	long long ino, nlink, size, cloexec;
	unsigned long long flags;
	char dentry[64], path[160], type[16];
	char sb_type[24], sb_id[40], sb_dev[16];
};

struct vfs_proc {
	int pid;
	char comm[32], cwd[160], root[160];
};

struct vfs_chain {
	struct vfs_proc procs[VFS_PROCS_MAX];
	size_t nprocs;
	struct vfs_fd *fds;
	size_t nfds;
};

/* One entry of an ext4 extent tree, in the order the answer lists it. */
struct vfs_extent {
	enum { VFS_EXT_NODE, VFS_EXT_LEAF, VFS_EXT_INDEX } kind;
	unsigned long long depth, a, b, c;	/* node: block entries max */
	int unwritten;				/* leaf: logical physical count */
};					/* index: logical child */

struct vfs_chain_run {
	unsigned long long first, last;		/* clusters */
};

struct vfs_map {
	char path[256], sb_type[24], state[16], reason[96];
	char ondisk[16], ondisk_error[96], layout[16];
	struct osedu_blockmap bm;
	unsigned long long ino, size, block_size, allocated;
	/* ext2/ext3/ext4 */
	unsigned long long sb_blocks, first_data_block, ipg, inode_size;
	unsigned long long group, gdt_block, itable, inode_block, inode_offset;
	unsigned long long direct[12], ind[3], ind_ptrs[3];
	bool have_ind[3];
	struct vfs_extent *ext;
	size_t next;
	/* FAT */
	unsigned long long total_sectors, reserved, fats, fat_sectors;
	unsigned long long data_start, spc, clusters, first_cluster;
	unsigned long long chain_length;
	int fat_bits;
	struct vfs_chain_run *chain;
	size_t nchain;
	bool chain_truncated;
};

void vfs_chain_free(struct vfs_chain *c);
/* Add a vfs/<pid> document; 0, or -1 (said on stderr). */
int vfs_chain_add(struct vfs_chain *c, const struct osedu_doc *d,
		  const char *name);
void vfs_chain_render(const struct viz *v, const struct vfs_chain *c);

void vfs_map_free(struct vfs_map *m);
/* Parse a vfs/blockmap answer TEXT; 0, or -1 (said on stderr). */
int vfs_map_parse(struct vfs_map *m, const char *text, const char *name);
void vfs_map_render(const struct viz *v, const struct vfs_map *maps,
		    size_t n);

/* Shared by the two renderers: "0x...d8a9" as "#d8a9". */
const char *vfs_short_id(const char *id, char *buf, size_t n);
/* A line from (X1, Y1) with an arrow head at (X2, Y2). */
void vfs_svg_arrow(FILE *f, double x1, double y1, double x2, double y2,
		   const char *stroke);

#endif /* OSEDU_VIZ_VFS_H */
