// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_vfs_dump: the file system as data structures on the live kernel.
 * /proc/osedu/vfs/<pid> (and self): a process's fd -> file -> dentry ->
 * inode -> superblock chain; /proc/osedu/vfs/supers: the superblocks and
 * what statfs says; /proc/osedu/vfs/inodes (root only): the inodes of
 * one superblock in memory; /proc/osedu/vfs/blockmap: which disk blocks
 * hold a file, and the ext2/ext4/FAT structures that say so.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"

static int __init vfs_dump_init(void)
{
	int ret;

	ret = vd_object_init();
	if (ret)
		return ret;
	ret = vd_task_init();
	if (ret)
		return ret;
	ret = vd_supers_init(vd_dir());
	if (ret)
		goto task_exit;
	ret = vd_inodes_init(vd_dir());
	if (ret)
		goto supers_exit;
	ret = vd_blockmap_init(vd_dir());
	if (ret)
		goto inodes_exit;
	return 0;

inodes_exit:
	vd_inodes_exit();
supers_exit:
	vd_supers_exit();
task_exit:
	vd_task_exit();
	return ret;
}

/* osedu_file_remove() and the view's removal wait for their readers. */
static void __exit vfs_dump_exit(void)
{
	vd_blockmap_exit();
	vd_inodes_exit();
	vd_supers_exit();
	vd_task_exit();
}

module_init(vfs_dump_init);
module_exit(vfs_dump_exit);
MODULE_DESCRIPTION("osedu: superblocks, inodes, open files and block maps");
MODULE_LICENSE("GPL");
