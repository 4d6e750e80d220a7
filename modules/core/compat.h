/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs for osedu_core between the kernels it supports (6.1 to
 * 7.3), kept here so that the logic carries no #if. The OSEDU_HAVE_*
 * macros come from Kbuild, which looks for the feature in the headers of
 * the kernel being built for.
 */
#ifndef _OSEDU_CORE_COMPAT_H
#define _OSEDU_CORE_COMPAT_H

#include <linux/irqnr.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/workqueue.h>
#ifdef OSEDU_HAVE_TASK_EXEC_STATE
#include <linux/sched/exec_state.h>
#endif

/*
 * Is @task dumpable by its owner (the ptrace read check's "dumpable")?
 * @mm is @task's mm, read under task_lock() by the caller. Until 7.1 the
 * mode lived in mm->flags (get_dumpable(mm) == SUID_DUMP_USER); 7.2 moved
 * it to task->exec_state (enum task_dumpable, TASK_DUMPABLE_OWNER), and
 * task_exec_state_get_dumpable() is not exported, so it is read here the
 * way that function does: under RCU. task_lock() also keeps the pointer
 * from being replaced (an exec replaces it under alloc_lock).
 */
static inline bool osedu_owner_dumpable(struct task_struct *task,
					struct mm_struct *mm)
{
#ifdef OSEDU_HAVE_TASK_EXEC_STATE
	bool owner;

	rcu_read_lock();
	owner = READ_ONCE(rcu_dereference(task->exec_state)->dumpable) ==
		TASK_DUMPABLE_OWNER;
	rcu_read_unlock();
	return owner;
#else
	return get_dumpable(mm) == SUID_DUMP_USER;
#endif
}

/*
 * The system's unbound workqueue. 6.17 named it system_dfl_wq (Debian's
 * 6.12.117 has the name too) and 7.x warns when work is queued on the old
 * system_unbound_wq ("enqueued on deprecated workqueue").
 */
#ifdef OSEDU_HAVE_SYSTEM_DFL_WQ
#define osedu_unbound_wq	system_dfl_wq
#else
#define osedu_unbound_wq	system_unbound_wq
#endif

/*
 * Is @task waiting in a run queue to run? Since 6.12 a task that blocks
 * with negative lag stays on its run queue (on_rq set, se.sched_delayed
 * set) until its lag has been paid back, though it will not run before a
 * wakeup.
 */
static inline bool osedu_on_runqueue(struct task_struct *task)
{
#ifdef OSEDU_HAVE_SCHED_DELAYED
	return READ_ONCE(task->on_rq) && !READ_ONCE(task->se.sched_delayed);
#else
	return READ_ONCE(task->on_rq);
#endif
}

/* 6.13 made nr_irqs private to the interrupt core: irq_get_nr_irqs(). */
static inline unsigned int osedu_nr_irqs(void)
{
#ifdef OSEDU_HAVE_IRQ_GET_NR_IRQS
	return irq_get_nr_irqs();
#else
	return nr_irqs;
#endif
}

#endif /* _OSEDU_CORE_COMPAT_H */
