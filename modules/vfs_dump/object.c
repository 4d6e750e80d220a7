// SPDX-License-Identifier: GPL-2.0
/*
 * The objects behind an open file, printed the same way wherever they
 * appear: the struct file, its dentry, the inode and the superblock.
 *
 * Kernel addresses are not shown to anyone who is not allowed them
 * (DESIGN.md), but a student must still see that two fds share one
 * struct file: objects get an id, a keyed hash of their address with a
 * key drawn at load, equal for the same object and meaningless outside
 * this boot. (%p hashes too, but prints raw addresses under
 * no_hash_pointers, which slub_debug turns on.)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/kdev_t.h>
#include <linux/pagemap.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>

#include "compat.h"
#include "internal.h"

static siphash_key_t obj_key;

int vd_object_init(void)
{
	get_random_bytes(&obj_key, sizeof(obj_key));
	return 0;
}

u64 vd_obj_id(const void *p)
{
	return siphash_1u64((u64)(unsigned long)p, &obj_key);
}

const char *vd_type_name(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return "regular";
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symlink";
	case S_IFCHR:
		return "char-device";
	case S_IFBLK:
		return "block-device";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	default:
		return "unknown";
	}
}

/* Newlines, tabs and backslashes escaped as /proc/self/mountinfo does. */
void vd_show_path(struct seq_file *m, const char *key, const struct path *p)
{
	seq_printf(m, "%s: ", key);
	seq_path(m, p, "\t\n\\");
	seq_putc(m, '\n');
}

bool vd_cache_allowed(const struct file *opener, const struct osedu_access *acc,
		      struct inode *inode)
{
	if (acc->flags & OSEDU_ACC_ADMIN)
		return true;
	return uid_eq(opener->f_cred->fsuid, inode->i_uid);
}

/*
 * The dirty marks of the page cache, walked under RCU without taking a
 * folio: the count is a snapshot, like /proc/meminfo's. Nothing is
 * written back and no folio is locked, so looking changes nothing.
 */
unsigned long vd_dirty_pages(struct address_space *mapping)
{
	XA_STATE(xas, &mapping->i_pages, 0);
	unsigned long n = 0;
	void *entry;

	rcu_read_lock();
	xas_for_each_marked(&xas, entry, ULONG_MAX, PAGECACHE_TAG_DIRTY) {
		if (xas_retry(&xas, entry) || xa_is_value(entry))
			continue;
		n += folio_nr_pages((struct folio *)entry);
		if (need_resched()) {
			xas_pause(&xas);
			rcu_read_unlock();
			cond_resched();
			rcu_read_lock();
		}
	}
	rcu_read_unlock();
	return n;
}

static void show_time(struct seq_file *m, const char *key,
		      struct timespec64 ts)
{
	seq_printf(m, "%s: %lld.%09ld\n", key, (long long)ts.tv_sec,
		   ts.tv_nsec);
}

void vd_show_inode(struct seq_file *m, struct vfsmount *mnt,
		   struct inode *inode, bool cache_ok)
{
	struct user_namespace *ns = seq_user_ns(m);

	seq_printf(m, "ino: %llu\n", (unsigned long long)inode->i_ino);
	seq_printf(m, "type: %s\n", vd_type_name(inode->i_mode));
	seq_printf(m, "mode: 0%o\n", inode->i_mode);
	seq_printf(m, "nlink: %u\n", inode->i_nlink);
	seq_printf(m, "uid: %u\n",
		   from_kuid_munged(ns, vd_mnt_uid(mnt, inode)));
	seq_printf(m, "gid: %u\n",
		   from_kgid_munged(ns, vd_mnt_gid(mnt, inode)));
	seq_printf(m, "size: %lld\n", i_size_read(inode));
	seq_printf(m, "blocks_512: %llu\n", (unsigned long long)inode->i_blocks);
	seq_printf(m, "block_size: %u\n", 1U << inode->i_blkbits);
	seq_printf(m, "inode_refs: %d\n", atomic_read(&inode->i_count));
	seq_printf(m, "inode_state: 0x%lx\n", vd_inode_state(inode));
	show_time(m, "atime", vd_inode_atime(inode));
	show_time(m, "mtime", vd_inode_mtime(inode));
	show_time(m, "ctime", vd_inode_ctime(inode));
	if (cache_ok && inode->i_mapping) {
		seq_printf(m, "cache_pages: %lu\n",
			   READ_ONCE(inode->i_mapping->nrpages));
		seq_printf(m, "dirty_pages: %lu\n",
			   vd_dirty_pages(inode->i_mapping));
	} else {
		seq_puts(m, "cache_pages: -\ndirty_pages: -\n");
	}
}

void vd_show_sb(struct seq_file *m, struct super_block *sb)
{
	seq_printf(m, "sb_type: %s\n", sb->s_type->name);
	seq_printf(m, "sb_id: %s\n", sb->s_id);
	seq_printf(m, "sb_dev: %u:%u\n", MAJOR(sb->s_dev), MINOR(sb->s_dev));
}
