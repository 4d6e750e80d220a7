/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels vfs_dump supports (6.1, 6.12, 7.3),
 * one helper each, so that the logic has no #if. The OSEDU_HAVE_*
 * macros come from Kbuild, which looks at the kernel's headers.
 */
#ifndef _OSEDU_VFS_COMPAT_H
#define _OSEDU_VFS_COMPAT_H

#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/time64.h>

/* Inode times: fields until 6.5, accessors from 6.6 (multigrain ctime). */
static inline struct timespec64 vd_inode_atime(struct inode *inode)
{
#ifdef OSEDU_HAVE_INODE_TIME_ACCESSORS
	return inode_get_atime(inode);
#else
	return inode->i_atime;
#endif
}

static inline struct timespec64 vd_inode_mtime(struct inode *inode)
{
#ifdef OSEDU_HAVE_INODE_TIME_ACCESSORS
	return inode_get_mtime(inode);
#else
	return inode->i_mtime;
#endif
}

static inline struct timespec64 vd_inode_ctime(struct inode *inode)
{
#ifdef OSEDU_HAVE_INODE_TIME_ACCESSORS
	return inode_get_ctime(inode);
#else
	return inode->i_ctime;
#endif
}

/* The inode's state bits (I_DIRTY_*, I_NEW, ...), read once. */
static inline unsigned long vd_inode_state(struct inode *inode)
{
#ifdef OSEDU_HAVE_INODE_STATE_READ
	return inode_state_read_once(inode);
#else
	return READ_ONCE(inode->i_state);
#endif
}

/*
 * The owner as stat(2) through @mnt sees it: mapped by the mount's idmap
 * (a user_namespace until 6.2, a mnt_idmap from 6.3).
 */
static inline kuid_t vd_mnt_uid(struct vfsmount *mnt, struct inode *inode)
{
#ifdef OSEDU_HAVE_MNT_IDMAP
	return vfsuid_into_kuid(i_uid_into_vfsuid(mnt_idmap(mnt), inode));
#else
	return i_uid_into_mnt(mnt_user_ns(mnt), inode);
#endif
}

static inline kgid_t vd_mnt_gid(struct vfsmount *mnt, struct inode *inode)
{
#ifdef OSEDU_HAVE_MNT_IDMAP
	return vfsgid_into_kgid(i_gid_into_vfsgid(mnt_idmap(mnt), inode));
#else
	return i_gid_into_mnt(mnt_user_ns(mnt), inode);
#endif
}

/* May the caller's credentials read @inode reached through @mnt? */
static inline int vd_may_read(struct vfsmount *mnt, struct inode *inode)
{
#ifdef OSEDU_HAVE_MNT_IDMAP
	return inode_permission(mnt_idmap(mnt), inode, MAY_READ);
#else
	return inode_permission(mnt_user_ns(mnt), inode, MAY_READ);
#endif
}

#ifndef OSEDU_HAVE_VFS_PATH_LOOKUP_DECL
/* Exported since 2.6 (fs/namei.c), declared only in fs/internal.h in 6.1. */
int vfs_path_lookup(struct dentry *dentry, struct vfsmount *mnt,
		    const char *name, unsigned int flags, struct path *path);
#endif

#endif /* _OSEDU_VFS_COMPAT_H */
