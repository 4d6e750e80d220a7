// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/sched/<pid>: the process's task_struct read as the PCB of
 * the lectures: identity, state, scheduling parameters, accounting, the
 * saved context and the resources its threads share.
 *
 * Pid numbers are those of the initial pid namespace, as in core's entry
 * names. Fields that move while a task runs (times, switch counts,
 * vruntime) are read without stopping it: each value is one the task had.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ipc_namespace.h>
#include <linux/mm_types.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/siphash.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>

#include <osedu/core.h>
#include "compat.h"
#include "internal.h"

/* Makes mm_id an opaque name for an mm that reveals no address. */
static siphash_key_t mm_key;

const char *sv_policy_name(unsigned int policy)
{
	static const char * const names[] = {
		[SCHED_NORMAL] = "SCHED_OTHER", [SCHED_FIFO] = "SCHED_FIFO",
		[SCHED_RR] = "SCHED_RR", [SCHED_BATCH] = "SCHED_BATCH",
		[SCHED_IDLE] = "SCHED_IDLE", [SCHED_DEADLINE] = "SCHED_DEADLINE",
	};

	if (policy < ARRAY_SIZE(names) && names[policy])
		return names[policy];
	return "?";
}

/* The textbook state for the kernel's state letter. */
const char *sv_state_name(struct task_struct *t)
{
	switch (task_state_to_char(t)) {
	case 'R':
		return READ_ONCE(t->on_cpu) ? "Running" : "Ready";
	case 'S':
		return "Blocked(interruptible)";
	case 'D':
		return "Blocked(uninterruptible)";
	case 'I':
		return "Blocked(idle)";
	case 'P':
		return "Blocked(parked)";
	case 'T':
	case 't':
		return "Stopped";
	case 'Z':
		return "Zombie";
	case 'X':
		return "Dead";
	}
	return "?";
}

static void show_identity(struct seq_file *m, struct task_struct *t)
{
	struct task_struct *parent;
	pid_t ppid;

	rcu_read_lock();
	parent = rcu_dereference(t->real_parent);
	ppid = pid_alive(t) ? task_tgid_nr(parent) : 0;
	rcu_read_unlock();

	seq_printf(m, "pid: %d\ntgid: %d\nppid: %d\n", task_pid_nr(t),
		   task_tgid_nr(t), ppid);
	seq_printf(m, "comm: %s\n", t->comm);
	seq_printf(m, "kernel_thread: %d\n", !!(t->flags & PF_KTHREAD));
}

static void show_state(struct seq_file *m, struct task_struct *t)
{
	unsigned long wchan = sv_wchan(t);

	seq_printf(m, "state: %c\n", task_state_to_char(t));
	seq_printf(m, "state_name: %s\n", sv_state_name(t));
	seq_printf(m, "on_cpu: %d\n", READ_ONCE(t->on_cpu));
	seq_printf(m, "on_rq: %d\n", READ_ONCE(t->on_rq));
	seq_printf(m, "queued: %d\n", osedu_task_queued(t));
	seq_printf(m, "cpu: %u\n", task_cpu(t));
	seq_puts(m, "wchan: ");
	if (wchan)
		osedu_seq_symbol(m, wchan);
	else
		seq_putc(m, '-');
	seq_putc(m, '\n');
}

static void show_sched(struct seq_file *m, struct task_struct *t)
{
	unsigned int policy = READ_ONCE(t->policy);
	struct sv_eevdf e;

	seq_printf(m, "policy: %u\npolicy_name: %s\n", policy,
		   sv_policy_name(policy));
	seq_printf(m, "prio: %d\nstatic_prio: %d\nnormal_prio: %d\n",
		   READ_ONCE(t->prio), READ_ONCE(t->static_prio),
		   READ_ONCE(t->normal_prio));
	seq_printf(m, "rt_priority: %u\nnice: %d\n", READ_ONCE(t->rt_priority),
		   PRIO_TO_NICE(READ_ONCE(t->static_prio)));
	seq_printf(m, "vruntime_ns: %llu\n", READ_ONCE(t->se.vruntime));
	seq_printf(m, "sum_exec_runtime_ns: %llu\n",
		   READ_ONCE(t->se.sum_exec_runtime));
	sv_eevdf_read(t, &e);
	seq_printf(m, "eevdf: %d\n", e.eevdf);
	if (e.eevdf)
		seq_printf(m, "deadline_ns: %llu\nlag_ns: %lld\nslice_ns: %llu\n",
			   e.deadline, e.lag, e.slice);
}

static void show_accounting(struct seq_file *m, struct task_struct *t)
{
	u64 utime, stime;

	task_cputime_adjusted(t, &utime, &stime);
	seq_printf(m, "nvcsw: %lu\nnivcsw: %lu\n", READ_ONCE(t->nvcsw),
		   READ_ONCE(t->nivcsw));
	seq_printf(m, "utime_ns: %llu\nstime_ns: %llu\n", utime, stime);
	seq_printf(m, "min_flt: %lu\nmaj_flt: %lu\n", READ_ONCE(t->min_flt),
		   READ_ONCE(t->maj_flt));
	seq_printf(m, "start_boottime_ns: %llu\n", t->start_boottime);
}

/*
 * The register save area. The kernel stack pointer is saved in
 * thread.sp at every switch away from the task; the user-mode registers
 * are in the pt_regs at the top of its kernel stack, saved on entry to
 * the kernel. The stack is freed after an RCU grace period once the task
 * is dead, so it is read under rcu_read_lock() and without faulting.
 */
static void show_context(struct seq_file *m, struct osedu_task_file *tf,
			 struct task_struct *t)
{
	unsigned long ip = 0, sp = 0;
	struct pt_regs *regs;
	void *stack;
	bool user = false;

	seq_printf(m, "kernel_sp: 0x%lx\n",
		   osedu_kaddr(&tf->access, READ_ONCE(t->thread.sp)));
	/*
	 * An exited task never returns to user mode, and its stack is freed
	 * at its last switch, which may come after it is seen as a zombie:
	 * show no user registers from exit on, not only once they are gone.
	 */
	rcu_read_lock();
	stack = READ_ONCE(t->stack);
	if (stack && !(t->flags & PF_KTHREAD) && !READ_ONCE(t->exit_state)) {
		regs = (struct pt_regs *)(stack + THREAD_SIZE -
					  TOP_OF_KERNEL_STACK_PADDING) - 1;
		user = !copy_from_kernel_nofault(&ip, &regs->ip, sizeof(ip)) &&
		       !copy_from_kernel_nofault(&sp, &regs->sp, sizeof(sp));
		/*
		 * The task may have exited while we copied, and its stack
		 * been freed and reused by someone else: what we read is
		 * its registers only if it had not exited after the copy.
		 */
		smp_rmb();
		if (READ_ONCE(t->exit_state) || READ_ONCE(t->stack) != stack)
			user = false;
	}
	rcu_read_unlock();
	if (user)
		seq_printf(m, "user_ip: 0x%lx\nuser_sp: 0x%lx\n", ip, sp);
	else
		seq_puts(m, "user_ip: -\nuser_sp: -\n");
}

static void show_shared(struct seq_file *m, struct osedu_task_file *tf,
			struct task_struct *t)
{
	unsigned int pid_ns = 0, mnt = 0, uts = 0, net = 0, ipc = 0;
	struct pid_namespace *pns;
	struct nsproxy *nsp;
	struct mm_struct *mm;

	task_lock(t);
	mm = t->mm;
	seq_printf(m, "mm_id: 0x%016llx\nmm: 0x%lx\n",
		   mm ? siphash_1u64((unsigned long)mm, &mm_key) : 0,
		   osedu_kaddr(&tf->access, (unsigned long)mm));
	nsp = t->nsproxy;
	if (nsp) {
		uts = nsp->uts_ns->ns.inum;
		ipc = nsp->ipc_ns->ns.inum;
		net = nsp->net_ns->ns.inum;
		/*
		 * struct mnt_namespace is private to fs/; on both supported
		 * kernels it begins with its struct ns_common.
		 */
		mnt = ((struct ns_common *)nsp->mnt_ns)->inum;
	}
	task_unlock(t);

	rcu_read_lock();
	pns = task_active_pid_ns(t);
	if (pns)
		pid_ns = pns->ns.inum;
	rcu_read_unlock();
	seq_printf(m, "ns_pid: %u\nns_mnt: %u\nns_uts: %u\nns_net: %u\nns_ipc: %u\n",
		   pid_ns, mnt, uts, net, ipc);
}

/* One line per thread of the process, in the order the kernel lists them. */
static void show_threads(struct seq_file *m, struct task_struct *leader)
{
	struct task_struct *t;
	int n = 0;

	rcu_read_lock();
	for_each_thread(leader, t)
		n++;
	seq_printf(m, "threads: %d\n", n);
	seq_puts(m, "tid state cpu prio nice policy nvcsw nivcsw sum_exec_runtime_ns comm\n");
	for_each_thread(leader, t)
		seq_printf(m, "%d %c %u %d %d %u %lu %lu %llu %s\n",
			   task_pid_nr(t), task_state_to_char(t), task_cpu(t),
			   READ_ONCE(t->prio),
			   PRIO_TO_NICE(READ_ONCE(t->static_prio)),
			   READ_ONCE(t->policy), READ_ONCE(t->nvcsw),
			   READ_ONCE(t->nivcsw),
			   READ_ONCE(t->se.sum_exec_runtime), t->comm);
	rcu_read_unlock();
}

static int pcb_show(struct seq_file *m, struct osedu_task_file *tf,
		    struct task_struct *t)
{
	osedu_seq_header(m, "sched");
	show_identity(m, t);
	show_state(m, t);
	show_sched(m, t);
	show_accounting(m, t);
	show_context(m, tf, t);
	show_shared(m, tf, t);
	show_threads(m, t);
	return 0;
}

struct osedu_view sv_pcb_view = {
	.name = "sched",
	.show = pcb_show,
};

void sv_pcb_init(void)
{
	get_random_bytes(&mm_key, sizeof(mm_key));
}
