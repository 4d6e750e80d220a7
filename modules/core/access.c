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
#include <linux/module.h>
#include <linux/sched/coredump.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/security.h>
#include <linux/string.h>

#include <osedu/core.h>
#include "compat.h"

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

void osedu_access_init(struct osedu_access *acc, struct file *file)
{
	bool admin = file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN);
	/* LOCKDOWN_KCORE is denied exactly in confidentiality mode. */
	bool confidential = admin && security_locked_down(LOCKDOWN_KCORE);

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
 * The heart of __ptrace_may_access() for a read (PTRACE_MODE_READ_FSCREDS),
 * which modules cannot call: a process may always look at itself;
 * otherwise the opener's fsuid/fsgid must match every one of the target's
 * ids, and a target with an mm must be dumpable.
 */
int osedu_may_open_task(struct file *file, struct task_struct *task)
{
	const struct cred *opener = file->f_cred;
	const struct cred *tcred;
	struct mm_struct *mm;
	bool same;

	if (file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN))
		return 0;
	/* Open runs in the opener's context, so current is the opener. */
	if (same_thread_group(task, current) && file->f_cred == current_cred())
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

	task_lock(task);
	mm = task->mm;
	if (mm && !osedu_owner_dumpable(task, mm))
		same = false;
	task_unlock(task);

	return same ? 0 : -EACCES;
}
EXPORT_SYMBOL_GPL(osedu_may_open_task);

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
