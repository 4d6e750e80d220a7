// SPDX-License-Identifier: GPL-2.0
/*
 * The access policy of DESIGN.md, in one place. Every decision is made at
 * open from the opener's credentials, so a file opened by an unprivileged
 * user and handed to (or read by) a privileged process shows no more.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/kallsyms.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/security.h>
#include <linux/string.h>

#include <osedu/core.h>
#include "compat.h"
#include "internal.h"

/*
 * kptr_restrict is not exported, but %pK applies it for us: it prints
 * zeros when kptr_restrict is 2, or when it is 1 and current lacks
 * CAP_SYSLOG. At open, current is the opener, so this asks the kernel's own
 * rule about the right process.
 */
static bool kptr_restrict_allows(void)
{
	char buf[32];
	const char *p;

	snprintf(buf, sizeof(buf), "%pK", (void *)kptr_restrict_allows);
	for (p = buf; *p; p++)
		if (*p != '0')
			return true;
	return false;
}

/*
 * LOCKDOWN_KCORE is denied exactly in confidentiality mode. The kernel logs
 * a "/proc/kcore access is restricted" line for every denied check, so ask
 * until the answer is yes and remember it: lockdown can be raised at run
 * time but never lowered.
 */
static bool locked_down_confidential(void)
{
	static bool confidential;

	if (READ_ONCE(confidential))
		return true;
	if (!security_locked_down(LOCKDOWN_KCORE))
		return false;
	WRITE_ONCE(confidential, true);
	return true;
}

void osedu_access_init(struct osedu_access *acc, struct file *file)
{
	bool admin = file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN);
	bool confidential = admin && locked_down_confidential();

	acc->flags = 0;
	if (!admin)
		return;
	acc->flags |= OSEDU_ACC_ADMIN;
	if (confidential)
		return;
	acc->flags |= OSEDU_ACC_PHYS;
	if (kptr_restrict_allows())
		acc->flags |= OSEDU_ACC_KADDR;
}
EXPORT_SYMBOL_GPL(osedu_access_init);

/*
 * A process looking at itself through a file it opened with its own
 * credentials. Open runs in the opener's context, so current is the opener.
 */
bool osedu_opener_is_task(const struct file *file, struct task_struct *task)
{
	return same_thread_group(task, current) &&
	       file->f_cred == current_cred();
}

/* A target with an mm must be dumpable by its owner (the ptrace rule). */
static bool owner_dumpable(struct task_struct *task)
{
	struct mm_struct *mm;
	bool ok;

	task_lock(task);
	mm = task->mm;
	ok = !mm || osedu_owner_dumpable(task, mm);
	task_unlock(task);
	return ok;
}

/*
 * The heart of __ptrace_may_access() for a read (PTRACE_MODE_READ_FSCREDS),
 * which modules cannot call: a process may always look at itself;
 * otherwise the opener's fsuid/fsgid must match every one of the target's
 * ids, and a target with an mm must be dumpable.
 */
int osedu_may_open_task(const struct file *file, struct task_struct *task)
{
	const struct cred *opener = file->f_cred;
	const struct cred *tcred;
	bool same;

	/* Not there for the opener at all, as in its own /proc. */
	if (!osedu_task_visible(file, task))
		return -ENOENT;
	if (file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN))
		return 0;
	if (osedu_opener_is_task(file, task))
		return 0;

	rcu_read_lock();
	tcred = __task_cred(task);
	same = uid_eq(opener->fsuid, tcred->uid) &&
	       uid_eq(opener->fsuid, tcred->euid) &&
	       uid_eq(opener->fsuid, tcred->suid) &&
	       gid_eq(opener->fsgid, tcred->gid) &&
	       gid_eq(opener->fsgid, tcred->egid) &&
	       gid_eq(opener->fsgid, tcred->sgid);
	rcu_read_unlock();
	if (!same)
		return -EACCES;
	return owner_dumpable(task) ? 0 : -EACCES;
}
EXPORT_SYMBOL_GPL(osedu_may_open_task);

bool osedu_task_shown(const struct file *file, struct task_struct *task)
{
	return osedu_task_listed(file, task) &&
	       !osedu_may_open_task(file, task);
}
EXPORT_SYMBOL_GPL(osedu_task_shown);

/*
 * Exec replaces the mm and commits the new credentials under the target's
 * exec_update_lock, held for writing from exec_mmap() to past
 * commit_creds(). In between, a setuid image still carries the caller's
 * credentials and a dumpable mm: a check made then would pass and pin the
 * new mm. Holding the lock for reading across the check and the pinning
 * (as mm_access() does) makes them see one image, before or after.
 */
int osedu_task_pin(struct file *file, struct task_struct *task,
		   struct mm_struct **mmp, u64 *exec_id)
{
	struct mm_struct *mm = NULL;
	int ret;

	ret = down_read_killable(&task->signal->exec_update_lock);
	if (ret)
		return ret;
	ret = osedu_may_open_task(file, task);
	if (ret)
		goto unlock;
	if (exec_id)
		*exec_id = READ_ONCE(task->self_exec_id);
	if (mmp) {
		mm = get_task_mm(task);
		if (mm) {
			/* Keep the struct, not the address space. */
			mmgrab(mm);
			mmput(mm);
		}
		*mmp = mm;
	}
unlock:
	up_read(&task->signal->exec_update_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(osedu_task_pin);

void osedu_mm_unpin(struct mm_struct *mm)
{
	if (mm)
		mmdrop(mm);
}
EXPORT_SYMBOL_GPL(osedu_mm_unpin);

int osedu_mm_lock(struct mm_struct *mm)
{
	if (!mm || !mmget_not_zero(mm))
		return -ESRCH;
	if (mmap_read_lock_killable(mm)) {
		mmput(mm);
		return -EINTR;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(osedu_mm_lock);

void osedu_mm_unlock(struct mm_struct *mm)
{
	mmap_read_unlock(mm);
	mmput(mm);
}
EXPORT_SYMBOL_GPL(osedu_mm_unlock);

/*
 * The read-time half of the policy for task views. An open allowed one
 * image of the process: once it has exec'd (self_exec_id moved on) the
 * file shows nothing more to anyone but an admin, even to the process
 * itself (a file it opened and kept across exec of a setuid program would
 * otherwise show the new image). An owner's open also ends when the
 * process makes itself non-dumpable, as a ptrace read check would.
 */
int osedu_task_recheck(const struct osedu_task_file *tf,
		       struct task_struct *task)
{
	if (tf->access.flags & OSEDU_ACC_ADMIN)
		return 0;
	if (READ_ONCE(task->self_exec_id) != tf->exec_id)
		return -EACCES;
	if (tf->self)
		return 0;
	return owner_dumpable(task) ? 0 : -EACCES;
}

void osedu_seq_symbol(struct seq_file *m, unsigned long addr)
{
	char name[KSYM_SYMBOL_LEN];

	/* sprint_symbol_no_offset() prints "0x<addr>" when the lookup fails. */
	sprint_symbol_no_offset(name, addr);
	if (!addr || !strncmp(name, "0x", 2))
		seq_putc(m, '?');
	else
		seq_puts(m, name);
}
EXPORT_SYMBOL_GPL(osedu_seq_symbol);

void osedu_seq_header(struct seq_file *m, const char *view)
{
	seq_printf(m, "osedu %s %d\n", view, OSEDU_FORMAT_VERSION);
}
EXPORT_SYMBOL_GPL(osedu_seq_header);
