/* SPDX-License-Identifier: GPL-2.0 */
/*
 * osedu_vfs_dump internals: the printers of a struct file, its dentry,
 * inode and superblock (object.c), the per-task view (task.c), the
 * superblock list (supers.c), a superblock's inodes (inodes.c), the
 * block-map query (blockmap.c) and the readers of on-disk structures
 * behind it (ext.c, fat.c).
 */
#ifndef _OSEDU_VFS_DUMP_H
#define _OSEDU_VFS_DUMP_H

#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/types.h>

#include <asm/byteorder.h>

#include <osedu/core.h>

struct proc_dir_entry;

/* object.c */
int vd_object_init(void);
/* An identifier of @p, stable for the boot, that does not reveal it. */
u64 vd_obj_id(const void *p);
/* "regular", "directory", ... for an S_IFMT mode. */
const char *vd_type_name(umode_t mode);
/*
 * The inode, dentry and superblock lines of a fd record or a block map.
 * Page-cache counts are printed only when @cache_ok (the opener owns
 * the file or is CAP_SYS_ADMIN: the rule of mincore and cachestat);
 * otherwise "-".
 */
void vd_show_path(struct seq_file *m, const char *key, const struct path *p);
void vd_show_inode(struct seq_file *m, struct vfsmount *mnt,
		   struct inode *inode, bool cache_ok);
void vd_show_sb(struct seq_file *m, struct super_block *sb);
/* Does the opener of @seq_file own @inode (or is it CAP_SYS_ADMIN)? */
bool vd_cache_allowed(const struct file *opener, const struct osedu_access *acc,
		      struct inode *inode);
/* Dirty page-cache pages of @mapping, counted without taking any. */
unsigned long vd_dirty_pages(struct address_space *mapping);

/* task.c: /proc/osedu/vfs/<pid> and self. */
int vd_task_init(void);
void vd_task_exit(void);
struct proc_dir_entry *vd_dir(void);

/* supers.c: /proc/osedu/vfs/supers. */
int vd_supers_init(struct proc_dir_entry *dir);
void vd_supers_exit(void);
/*
 * Call @fn(sb, @arg) for every superblock mounted in the namespace of the
 * reader of @opener (the devices of its procfs instance's
 * self/mountinfo), with the superblock's s_umount held for reading
 * (iterate_supers_type()): @fn may sleep and call ->statfs(). Sets
 * *@truncated (if not NULL) when the mount list was too long to read
 * whole (some superblock may be missed). 0 or -errno.
 */
typedef void (*vd_super_fn)(struct super_block *sb, void *arg);
int vd_supers_walk(struct file *opener, vd_super_fn fn, void *arg,
		   bool *truncated);

/* inodes.c: /proc/osedu/vfs/inodes (root only). */
int vd_inodes_init(struct proc_dir_entry *dir);
void vd_inodes_exit(void);

/* blockmap.c: /proc/osedu/vfs/blockmap. */
int vd_blockmap_init(struct proc_dir_entry *dir);
void vd_blockmap_exit(void);

/*
 * A block map being built: runs of logical -> physical blocks (physical
 * 0: a hole), merged as they are added (blockmap.c).
 */
struct vd_run {
	u64 logical;
	u64 physical;			/* 0: a hole */
	u64 count;
};

struct vd_map {
	struct vd_run *runs;
	unsigned int nr, cap;
	bool truncated;
	u64 nblocks;			/* blocks below i_size */
	u64 data_blocks;
	u64 hole_blocks;
	u64 beyond_device;		/* numbers past the device */
	u64 dev_blocks;
	sector_t first_block;
};

/* Add COUNT blocks from LBLK at PBLK (0: a hole); 0 or -ENOMEM. */
int vd_map_add(struct vd_map *map, u64 lblk, u64 pblk, u64 count);

/*
 * On-disk structures behind a block map. @first_block is what bmap()
 * says of logical block 0 (0: none), which FAT needs to find the chain.
 * The image is untrusted input: every field read is checked against the
 * buffer it lies in and the device's size; a bad one ends the dump with
 * "ondisk_error:".
 */
struct vd_ondisk {
	struct super_block *sb;
	struct inode *inode;
	sector_t first_block;
	u64 dev_blocks;			/* device size in fs blocks */
};

bool vd_ext_handles(struct super_block *sb);
void vd_ext_show(struct seq_file *m, const struct vd_ondisk *od);
bool vd_fat_handles(struct super_block *sb);
void vd_fat_show(struct seq_file *m, const struct vd_ondisk *od);

/*
 * The map read from the structures the file system itself reads (ext4's
 * extent tree, ext2's block pointers, the FAT chain) rather than asked of
 * bmap() block by block: 0, or an error when a structure is bad or may
 * be stale (the caller then asks bmap()). *@held: the blocks the
 * structures say the file holds (data and index blocks, past i_size too),
 * to be checked against i_blocks; FAT: the clusters of the chain.
 */
int vd_ext_map(const struct vd_ondisk *od, struct vd_map *map, u64 *held);
int vd_fat_map(const struct vd_ondisk *od, struct vd_map *map, u64 *held);

/*
 * Little-endian fields of on-disk structures, at any alignment
 * (<asm/unaligned.h> moved to <linux/unaligned.h> in 6.12).
 */
static inline u16 vd_le16(const void *p)
{
	__le16 v;

	memcpy(&v, p, sizeof(v));
	return le16_to_cpu(v);
}

static inline u32 vd_le32(const void *p)
{
	__le32 v;

	memcpy(&v, p, sizeof(v));
	return le32_to_cpu(v);
}

/* Read block @nr of @od's device, or NULL past its end or on error. */
struct buffer_head *vd_bread(const struct vd_ondisk *od, u64 nr);

#endif /* _OSEDU_VFS_DUMP_H */
