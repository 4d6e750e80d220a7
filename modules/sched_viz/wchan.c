// SPDX-License-Identifier: GPL-2.0
/*
 * wchan: the function a blocked task sleeps in.
 *
 * A sleeping task's kernel stack holds the return addresses of the calls
 * that led it into schedule(). get_wchan() and stack_trace_save_tsk() are
 * not exported to modules (6.1), but the x86 unwinder is, so we walk the
 * stack ourselves, the way the kernel's get_wchan() does: holding the
 * task's pi_lock, which keeps try_to_wake_up() out, and only for a task
 * that is blocked, not queued to run and off its CPU. Such a task cannot
 * run until woken, so it cannot exit and free its stack while we read it.
 *
 * The kernel skips the frames in its scheduling text section, whose bounds
 * modules cannot see; we skip the same functions by name.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "arch.h"
#include "compat.h"
#include "internal.h"

#define MAX_FRAMES	16

/* Functions marked __sched (or __lockfunc) that a sleeper passes through. */
static const char * const sched_prefixes[] = {
	"__schedule", "schedule", "io_schedule", "preempt_schedule",
	"__cond_resched", "yield", "do_nanosleep", "wait_for_completion",
	"__wait_for_common", "wait_for_common", "__mutex_lock", "mutex_lock",
	"__ww_mutex_lock", "ww_mutex_lock", "__down", "down_",
	"rwsem_down", "rt_mutex", "__rt_mutex", "_raw_", "__wait_on_bit",
	"out_of_line_wait_on_bit", "bit_wait", "usleep_range",
	"__percpu_down", "percpu_down",
	/* arm64's switch, marked __sched there (cpu_switch_to returns to it). */
	"__switch_to",
};

static bool in_sched_function(unsigned long addr)
{
	char name[KSYM_SYMBOL_LEN];
	size_t i;

	sprint_symbol_no_offset(name, addr);
	if (!strcmp(name, "down"))
		return true;
	for (i = 0; i < ARRAY_SIZE(sched_prefixes); i++)
		if (!strncmp(name, sched_prefixes[i],
			     strlen(sched_prefixes[i])))
			return true;
	return false;
}

unsigned long sv_wchan(struct task_struct *t)
{
	unsigned long ip = 0;
	unsigned int state;

	if (t == current)
		return 0;
	raw_spin_lock_irq(&t->pi_lock);
	state = READ_ONCE(t->__state);
	/* Pairs with the barriers of try_to_wake_up(), as in get_wchan(). */
	smp_rmb();
	if (state != TASK_RUNNING && state != TASK_WAKING &&
	    !(state & TASK_DEAD) && !t->exit_state &&
	    !sv_task_queued(t) && !READ_ONCE(t->on_cpu) &&
	    READ_ONCE(t->stack))
		ip = sv_arch_first_caller(t, in_sched_function,
					  MAX_FRAMES);
	raw_spin_unlock_irq(&t->pi_lock);
	return ip;
}
