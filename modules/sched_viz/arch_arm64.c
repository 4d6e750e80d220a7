// SPDX-License-Identifier: GPL-2.0
/*
 * sched_viz on arm64 (arch.h). A switch saves the callee-saved registers,
 * the frame pointer, the stack pointer and the return address in
 * thread.cpu_context (cpu_switch_to); the user registers x0..x30, sp, pc
 * and pstate are in the pt_regs at the very top of the kernel stack.
 *
 * The stack of a blocked task is walked with stack_trace_save_tsk()
 * where the kernel exports it (6.12), and otherwise by following the
 * frame records from the saved fp and pc (arm64 kernels always keep
 * frame pointers), as the kernel's own unwinder does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/seq_file.h>
#include <linux/sched/task_stack.h>
#include <linux/stacktrace.h>
#include <linux/uaccess.h>
#include <asm/pointer_auth.h>
#include <asm/processor.h>

#include <osedu/core.h>
#include "arch.h"

#define MAX_WALK	32

#ifdef SV_HAVE_STACK_TRACE_SAVE_TSK
static unsigned int walk_stack(struct task_struct *t, unsigned long *pcs,
			       unsigned int max)
{
	return stack_trace_save_tsk(t, pcs, max, 0);
}
#else
/* An AAPCS64 frame record: the caller's frame pointer, then the LR. */
struct frame_record {
	unsigned long fp;
	unsigned long lr;
};

static unsigned int walk_stack(struct task_struct *t, unsigned long *pcs,
			       unsigned int max)
{
	unsigned long low = (unsigned long)task_stack_page(t);
	unsigned long high = low + THREAD_SIZE;
	unsigned long fp = thread_saved_fp(t), pc = thread_saved_pc(t);
	struct frame_record rec;
	unsigned int n = 0;

	while (n < max && pc) {
		/* Return addresses are signed when the kernel uses PAC. */
		pcs[n++] = ptrauth_strip_insn_pac(pc);
		/* The next record: aligned, inside the task's stack. */
		if (fp < low || fp > high - sizeof(rec) || (fp & 0xf))
			break;
		if (copy_from_kernel_nofault(&rec, (void *)fp, sizeof(rec)))
			break;
		/* Callers' frames are further up: stop on a loop. */
		if (rec.fp && rec.fp <= fp)
			break;
		fp = rec.fp;
		pc = rec.lr;
	}
	return n;
}
#endif

unsigned long sv_arch_first_caller(struct task_struct *t,
				   bool (*skip)(unsigned long addr),
				   int max_frames)
{
	unsigned long pcs[MAX_WALK];
	unsigned int i, n;

	n = walk_stack(t, pcs, min_t(unsigned int, max_frames, MAX_WALK));
	for (i = 0; i < n; i++)
		if (pcs[i] && !skip(pcs[i]))
			return pcs[i];
	return 0;
}

void sv_arch_show_switch_context(struct seq_file *m,
				 const struct osedu_access *acc,
				 struct task_struct *t)
{
	seq_printf(m, "kernel_sp: 0x%lx\n",
		   osedu_kaddr(acc, READ_ONCE(t->thread.cpu_context.sp)));
	seq_printf(m, "kernel_fp: 0x%lx\n",
		   osedu_kaddr(acc, READ_ONCE(t->thread.cpu_context.fp)));
	seq_printf(m, "kernel_pc: 0x%lx\n",
		   osedu_kaddr(acc, READ_ONCE(t->thread.cpu_context.pc)));
}

struct pt_regs *sv_arch_user_regs(void *stack)
{
	return (struct pt_regs *)(stack + THREAD_SIZE) - 1;
}

/*
 * user_ip and user_sp are the lecture's PC and SP under the names every
 * architecture shares; pstate holds the condition flags and the
 * exception level the task returns to (EL0).
 */
void sv_arch_show_user_regs(struct seq_file *m, const struct pt_regs *regs)
{
	int i;

	if (!regs) {
		seq_puts(m, "user_ip: -\nuser_sp: -\nuser_pstate: -\n");
		for (i = 0; i < 31; i++)
			seq_printf(m, "user_x%d: -\n", i);
		return;
	}
	seq_printf(m, "user_ip: 0x%llx\nuser_sp: 0x%llx\nuser_pstate: 0x%llx\n",
		   regs->pc, regs->sp, regs->pstate);
	for (i = 0; i < 31; i++)
		seq_printf(m, "user_x%d: 0x%llx\n", i, regs->regs[i]);
}
