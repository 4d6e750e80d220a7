// SPDX-License-Identifier: GPL-2.0
/*
 * wchan: the function a blocked task sleeps in.
 *
 * A sleeping task's kernel stack holds the return addresses of the calls
 * that led it into schedule(). get_wchan() and stack_trace_save_tsk() are
 * not exported to modules (6.1), but the x86 unwinder is, so we walk the
 * stack ourselves, the way the kernel's get_wchan() does: only while
 * core keeps the task blocked and off its CPU (osedu_task_call_blocked()),
 * when it cannot exit and free its stack under us.
 *
 * The kernel skips the frames in its scheduling text section, whose bounds
 * modules cannot see; we skip the same functions by name.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>
#include <asm/unwind.h>

#include <osedu/core.h>
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

static unsigned long first_caller(struct task_struct *t)
{
	struct unwind_state state;
	unsigned long addr;
	int depth = 0;

	for (unwind_start(&state, t, NULL, NULL);
	     !unwind_done(&state) && depth < MAX_FRAMES;
	     unwind_next_frame(&state), depth++) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		if (!in_sched_function(addr))
			return addr;
	}
	return 0;
}

static int find_wchan(struct task_struct *t, void *arg)
{
	unsigned long *ip = arg;

	*ip = first_caller(t);
	return 0;
}

unsigned long sv_wchan(struct task_struct *t)
{
	unsigned long ip = 0;

	osedu_task_call_blocked(t, find_wchan, &ip);
	return ip;
}
