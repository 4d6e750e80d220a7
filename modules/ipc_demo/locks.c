// SPDX-License-Identifier: GPL-2.0
/*
 * File locks: who holds the lock a blocked flock(2) or fcntl(F_SETLKW)
 * waits for. The kernel keeps the granted locks of an inode in its
 * file_lock_context (i_flctx: one list for flock locks, one for POSIX and
 * OFD locks) under flc_lock, and a blocked request on the blocker's
 * fl_blocked_requests; the request itself lives on the waiter's kernel
 * stack, out of a module's reach. So the conflict is recomputed here from
 * the request the waiter made (its system-call arguments) with the
 * kernel's own rules (locks_conflict(), posix_locks_conflict()): another
 * owner, overlapping ranges, one of the two a write lock. The holder's
 * pid is fl_pid, numbered in the initial pid namespace (-1 for OFD locks,
 * which belong to an open file, not a process).
 */
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/spinlock.h>

#include "compat.h"
#include "internal.h"

static bool conflicts(struct file_lock *fl, struct file *file,
		      const struct ipc_lock_req *req)
{
	bool fl_write = ipc_fl_type(fl) == F_WRLCK;

	if (!req->write && !fl_write)
		return false;
	if (req->flock)
		return ipc_fl_file(fl) != file;
	if (ipc_fl_owner(fl) == req->owner)
		return false;
	return fl->fl_start <= req->end && req->start <= fl->fl_end;
}

/* The conflicting holder, as a pid of the initial pid namespace. */
int ipc_lock_holder(struct file *file, const struct ipc_lock_req *req,
		    pid_t *holder)
{
	struct file_lock_context *ctx;
	struct file_lock *fl;
	struct list_head *list;
	int found = 0;

	*holder = 0;
	/* Set once, with release semantics, and freed with the inode. */
	ctx = smp_load_acquire(&file_inode(file)->i_flctx);
	if (!ctx)
		return 0;
	list = req->flock ? &ctx->flc_flock : &ctx->flc_posix;
	spin_lock(&ctx->flc_lock);
	list_for_each_entry(fl, list, ipc_fl_list) {
		if (conflicts(fl, file, req)) {
			*holder = ipc_fl_pid(fl);
			found = 1;
			break;
		}
	}
	spin_unlock(&ctx->flc_lock);
	return found;
}
