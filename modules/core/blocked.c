// SPDX-License-Identifier: GPL-2.0
/*
 * Looking at a blocked task from outside: its saved registers, its kernel
 * stack, the system call it sleeps in. A running task changes all of
 * these under a reader, so they are read only while the task is blocked,
 * off its CPU and kept so, the rule of the kernel's own get_wchan()
 * (which modules cannot call): hold the task's pi_lock, which keeps
 * try_to_wake_up() out, and check that it is neither running, waking,
 * queued to run nor on a CPU. Such a task cannot run, so it can neither
 * exit and free its stack nor return to user mode and change its
 * registers until we let go.
 *
 * Also here, because it is the same kind of borrowing from the scheduler
 * and signal code: lock_task_sighand(), whose worker is not exported.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/spinlock.h>
#include <asm/syscall.h>

#include <osedu/core.h>
#include "compat.h"

bool osedu_task_queued(struct task_struct *task)
{
	return osedu_on_runqueue(task);
}
EXPORT_SYMBOL_GPL(osedu_task_queued);

int osedu_task_call_blocked(struct task_struct *task,
			    int (*fn)(struct task_struct *task, void *arg),
			    void *arg)
{
	unsigned long flags;
	unsigned int state;
	int ret = -EAGAIN;

	if (task == current)
		return -EAGAIN;
	raw_spin_lock_irqsave(&task->pi_lock, flags);
	state = READ_ONCE(task->__state);
	/* Pairs with the barriers of try_to_wake_up(), as in get_wchan(). */
	smp_rmb();
	if (state != TASK_RUNNING && state != TASK_WAKING &&
	    !(state & TASK_DEAD) && !task->exit_state &&
	    !osedu_task_queued(task) && !READ_ONCE(task->on_cpu) &&
	    READ_ONCE(task->stack))
		ret = fn(task, arg);
	raw_spin_unlock_irqrestore(&task->pi_lock, flags);
	return ret;
}
EXPORT_SYMBOL_GPL(osedu_task_call_blocked);

static int read_syscall(struct task_struct *task, void *arg)
{
	struct osedu_syscall *sc = arg;
	struct pt_regs *regs;

	memset(sc->args, 0, sizeof(sc->args));
	sc->nr = -1;
	sc->arch = 0;
	/* A kernel thread's pt_regs hold no user state. */
	if (task->flags & PF_KTHREAD)
		return 0;
	regs = task_pt_regs(task);
	sc->nr = syscall_get_nr(task, regs);
	/* Set at entry, kept until the return to user mode (TS_COMPAT). */
	sc->arch = syscall_get_arch(task);
	if (sc->nr >= 0)
		syscall_get_arguments(task, regs, sc->args);
	return 0;
}

int osedu_task_blocked_syscall(struct task_struct *task,
			       struct osedu_syscall *sc)
{
	return osedu_task_call_blocked(task, read_syscall, sc);
}
EXPORT_SYMBOL_GPL(osedu_task_blocked_syscall);

/*
 * The retry loop of __lock_task_sighand(): the sighand may be replaced
 * (exec) or released (exit) between reading the pointer and taking its
 * lock; sighand structs are freed by RCU (SLAB_TYPESAFE_BY_RCU), so the
 * lock may be taken and the pointer re-checked under it.
 */
struct sighand_struct *__osedu_lock_task_sighand(struct task_struct *task,
						 unsigned long *flags)
	__acquires(&task->sighand->siglock)
{
	struct sighand_struct *sighand;

	rcu_read_lock();
	for (;;) {
		sighand = rcu_dereference(task->sighand);
		if (!sighand) {
			/* Balanced by osedu_lock_task_sighand(), for sparse. */
			__acquire(&task->sighand->siglock);
			break;
		}
		spin_lock_irqsave(&sighand->siglock, *flags);
		if (likely(sighand == rcu_access_pointer(task->sighand)))
			break;
		spin_unlock_irqrestore(&sighand->siglock, *flags);
	}
	rcu_read_unlock();
	return sighand;
}
EXPORT_SYMBOL_GPL(__osedu_lock_task_sighand);

void osedu_unlock_task_sighand(struct sighand_struct *sighand,
			       unsigned long *flags)
	__releases(&sighand->siglock)
{
	spin_unlock_irqrestore(&sighand->siglock, *flags);
}
EXPORT_SYMBOL_GPL(osedu_unlock_task_sighand);
