// SPDX-License-Identifier: GPL-2.0
/*
 * Which processes a reader can see at all, before any owner rule: the one
 * namespace rule of DESIGN.md, and the procfs mount's hidepid/gid options.
 *
 * A process is visible to a file's user when it has a pid in the caller's
 * own pid namespace (as in that caller's /proc) and in the pid namespace
 * of the procfs instance the file was opened through (a container's
 * /proc). Pid numbers written to osedu files are read in the caller's pid
 * namespace. Every module looks processes up and filters lists through
 * here, never with find_get_pid() or its own namespace rule.
 *
 * What a module cannot check: the LSM hooks the kernel's ptrace check
 * calls (Yama's ptrace_scope, SELinux, AppArmor) are not exported, so an
 * owner's open is allowed here where /proc/<pid>/stack might be denied by
 * an LSM. docs/proc-format.md says what that means for a lab machine.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>

#include <osedu/core.h>
#include "internal.h"

static struct pid_namespace *file_proc_ns(const struct file *file)
{
	return proc_pid_ns(file_inode(file)->i_sb);
}

/* Caller holds rcu_read_lock() or a reference on @pid. */
static bool pid_visible(const struct file *file, struct pid *pid)
{
	struct pid_namespace *own = task_active_pid_ns(current);

	/* A task on its way out of its namespace has no active one. */
	if (!own)
		return false;
	return pid_nr_ns(pid, own) > 0 && pid_nr_ns(pid, file_proc_ns(file)) > 0;
}

bool osedu_task_visible(const struct file *file, struct task_struct *task)
{
	bool visible;

	rcu_read_lock();
	visible = pid_alive(task) && pid_visible(file, task_tgid(task));
	rcu_read_unlock();
	return visible;
}
EXPORT_SYMBOL_GPL(osedu_task_visible);

struct pid *osedu_find_pid(const struct file *file, pid_t nr)
{
	struct pid *pid;

	if (nr <= 0)
		return NULL;
	rcu_read_lock();
	pid = find_vpid(nr);
	if (pid && pid_has_task(pid, PIDTYPE_TGID) && pid_visible(file, pid))
		pid = get_pid(pid);
	else
		pid = NULL;
	rcu_read_unlock();
	return pid;
}
EXPORT_SYMBOL_GPL(osedu_find_pid);

pid_t osedu_pid_nr(const struct file *file, struct task_struct *task)
{
	return task_pid_nr_ns(task, file_proc_ns(file));
}
EXPORT_SYMBOL_GPL(osedu_pid_nr);

/* in_group_p() for the opener's credentials rather than current's. */
static bool opener_in_group(const struct cred *cred, kgid_t gid)
{
	const struct group_info *gi = cred->group_info;
	int i;

	if (gid_eq(cred->fsgid, gid))
		return true;
	for (i = 0; gi && i < gi->ngroups; i++)
		if (gid_eq(gi->gid[i], gid))
			return true;
	return false;
}

/*
 * has_pid_permissions() of fs/proc/base.c for a listing (the threshold
 * procfs uses for readdir), with the opener's credentials and core's
 * owner rule in place of ptrace_may_access().
 */
bool osedu_task_listed(const struct file *file, struct task_struct *task)
{
	struct proc_fs_info *fs_info = proc_sb_info(file_inode(file)->i_sb);

	if (!osedu_task_visible(file, task))
		return false;
	if (fs_info->hide_pid == HIDEPID_NOT_PTRACEABLE)
		return !osedu_may_open_task(file, task);
	if (fs_info->hide_pid < HIDEPID_INVISIBLE)
		return true;
	if (opener_in_group(file->f_cred, fs_info->pid_gid))
		return true;
	return !osedu_may_open_task(file, task);
}
EXPORT_SYMBOL_GPL(osedu_task_listed);
