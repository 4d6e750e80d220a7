/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What sched_viz reads differently on each architecture: the kernel
 * stack of a blocked task (for wchan), the context its last switch saved
 * in thread_struct, and the user registers saved on entry to the kernel.
 * One file per architecture implements it (arch_x86.c, arch_arm64.c);
 * the rest of the module is arch-neutral.
 */
#ifndef _OSEDU_SCHED_VIZ_ARCH_H
#define _OSEDU_SCHED_VIZ_ARCH_H

#include <linux/ptrace.h>
#include <linux/sched.h>

struct osedu_access;
struct seq_file;

/*
 * The first return address on @t's kernel stack, from the innermost
 * frame out, for which @skip() is false; 0 if there is none within
 * @max_frames. @t must be blocked and kept so (osedu_task_call_blocked()):
 * its stack and saved registers do not move meanwhile.
 */
unsigned long sv_arch_first_caller(struct task_struct *t,
				   bool (*skip)(unsigned long addr),
				   int max_frames);

/*
 * Print what the last switch away from @t saved in its thread_struct
 * (the kernel stack pointer on x86; sp, fp and pc on arm64), kernel
 * addresses per @acc's policy.
 */
void sv_arch_show_switch_context(struct seq_file *m,
				 const struct osedu_access *acc,
				 struct task_struct *t);

/* Where the user registers sit in a kernel stack that begins at @stack. */
struct pt_regs *sv_arch_user_regs(void *stack);

/* Print the user registers of @regs, or (@regs NULL) that there are none. */
void sv_arch_show_user_regs(struct seq_file *m, const struct pt_regs *regs);

#endif /* _OSEDU_SCHED_VIZ_ARCH_H */
