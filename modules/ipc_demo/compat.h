/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels ipc_demo supports (6.1, 6.12, 6.12-rt,
 * 7.3), kept here so that the logic does not carry #if. The IPC_HAVE_*
 * macros come from Kbuild, which looks in the kernel's headers.
 */
#ifndef _OSEDU_IPC_COMPAT_H
#define _OSEDU_IPC_COMPAT_H

#include <linux/fs.h>
#include <linux/shmem_fs.h>
#include <linux/signal.h>
#ifdef IPC_HAVE_FILELOCK_H
#include <linux/filelock.h>
#endif

/*
 * The common part of a file lock: in struct file_lock itself up to 6.8,
 * in its struct file_lock_core (fl->c) from 6.9.
 */
#ifdef IPC_HAVE_FILE_LOCK_CORE
#define ipc_fl_list		c.flc_list
#define ipc_fl_owner(fl)	((fl)->c.flc_owner)
#define ipc_fl_flags(fl)	((fl)->c.flc_flags)
#define ipc_fl_type(fl)		((fl)->c.flc_type)
#define ipc_fl_pid(fl)		((fl)->c.flc_pid)
#define ipc_fl_file(fl)		((fl)->c.flc_file)
#else
#define ipc_fl_list		fl_list
#define ipc_fl_owner(fl)	((fl)->fl_owner)
#define ipc_fl_flags(fl)	((fl)->fl_flags)
#define ipc_fl_type(fl)		((fl)->fl_type)
#define ipc_fl_pid(fl)		((fl)->fl_pid)
#define ipc_fl_file(fl)		((fl)->fl_file)
#endif

/* Signals 1..64 as one word, bit (n - 1) for signal n, as /proc shows. */
static inline u64 ipc_sigset_u64(const sigset_t *set)
{
#if _NSIG_WORDS == 1
	return set->sig[0];
#else
	return set->sig[0] | ((u64)set->sig[1] << 32);
#endif
}

/*
 * A unix socket's peer and its SIOCINQ and SIOCOUTQ. Exported on every
 * supported kernel, declared in <net/af_unix.h> only up to 6.14.
 */
#ifndef IPC_HAVE_UNIX_INQ_DECL
struct sock;
long unix_inq_len(struct sock *sk);
long unix_outq_len(struct sock *sk);
struct sock *unix_peer_get(struct sock *sk);
#endif

/* A file on the kernel's internal tmpfs mount, the one SysV shm uses. */
static inline struct file *ipc_shmem_file(const char *name)
{
#ifdef IPC_HAVE_SHMEM_VMA_FLAGS
	return shmem_file_setup(name, 0, EMPTY_VMA_FLAGS);
#else
	return shmem_file_setup(name, 0, 0);
#endif
}

#endif /* _OSEDU_IPC_COMPAT_H */
