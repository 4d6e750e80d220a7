// SPDX-License-Identifier: GPL-2.0
/*
 * sched_viz on x86-64 (arch.h): the kernel's ORC/frame-pointer unwinder,
 * which modules may call, thread.sp, and the pt_regs at the top of the
 * kernel stack below its padding.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/seq_file.h>
#include <linux/sched/task_stack.h>
#include <asm/unwind.h>

#include <osedu/core.h>
#include "arch.h"

unsigned long sv_arch_first_caller(struct task_struct *t,
				   bool (*skip)(unsigned long addr),
				   int max_frames)
{
	struct unwind_state state;
	unsigned long addr;
	int depth = 0;

	for (unwind_start(&state, t, NULL, NULL);
	     !unwind_done(&state) && depth < max_frames;
	     unwind_next_frame(&state), depth++) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		if (!skip(addr))
			return addr;
	}
	return 0;
}

/* The kernel stack pointer is saved in thread.sp at every switch away. */
void sv_arch_show_switch_context(struct seq_file *m,
				 const struct osedu_access *acc,
				 struct task_struct *t)
{
	seq_printf(m, "kernel_sp: 0x%lx\n",
		   osedu_kaddr(acc, READ_ONCE(t->thread.sp)));
}

struct pt_regs *sv_arch_user_regs(void *stack)
{
	return (struct pt_regs *)(stack + THREAD_SIZE -
				  TOP_OF_KERNEL_STACK_PADDING) - 1;
}

void sv_arch_show_user_regs(struct seq_file *m, const struct pt_regs *regs)
{
	if (regs)
		seq_printf(m, "user_ip: 0x%lx\nuser_sp: 0x%lx\n", regs->ip,
			   regs->sp);
	else
		seq_puts(m, "user_ip: -\nuser_sp: -\n");
}
