// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/sched/cpus: what each CPU runs and what waits for it.
 *
 * The run queue (struct rq, cpu_curr()) is private to the scheduler, so
 * the picture is derived from fields every task_struct carries, in one
 * pass over all threads under RCU: a thread with on_cpu set is running on
 * task_cpu(); a thread with on_rq set that is not on a CPU is queued on
 * task_cpu()'s run queue (on 6.12, unless se.sched_delayed says it is a
 * sleeper whose dequeue EEVDF has delayed). A CPU with no such running thread runs its idle
 * task (pid 0, which is in no process list). Threads are not stopped
 * while we look, so during a switch a CPU may briefly show two threads
 * as running (the kernel clears on_cpu of the previous one last).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include <osedu/core.h>
#include "compat.h"
#include "internal.h"

struct cpu_sum {
	bool hidden;		/* its running thread is not the reader's to see */
	pid_t tid;
	char comm[TASK_COMM_LEN];
	unsigned int queued;
};

/*
 * Threads are listed by core's rule for lists (osedu_task_listed(): the
 * reader's pid namespace and the procfs mount's hidepid/gid options) and
 * numbered as in that procfs instance.
 */
static int cpus_show(struct seq_file *m, void *v)
{
	struct task_struct *p, *t;
	unsigned long long switches = 0;
	struct cpu_sum *sum;
	unsigned int cpu;
	bool running;

	sum = kcalloc(nr_cpu_ids, sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return -ENOMEM;
	osedu_seq_header(m, "sched-cpus");
	seq_puts(m, "cpu tid pid role prio policy state comm\n");
	rcu_read_lock();
	for_each_process_thread(p, t) {
		switches += READ_ONCE(t->nvcsw) + READ_ONCE(t->nivcsw);
		cpu = task_cpu(t);
		running = READ_ONCE(t->on_cpu);
		if (cpu >= nr_cpu_ids || (!running && !osedu_task_queued(t)))
			continue;
		if (!osedu_task_listed(m->file, t)) {
			if (running)
				sum[cpu].hidden = true;
			continue;
		}
		if (running) {
			sum[cpu].tid = osedu_pid_nr(m->file, t);
			memcpy(sum[cpu].comm, t->comm, TASK_COMM_LEN);
		} else {
			sum[cpu].queued++;
		}
		seq_printf(m, "%u %d %d %s %d %s %c %s\n", cpu,
			   osedu_pid_nr(m->file, t),
			   osedu_pid_nr(m->file, t->group_leader),
			   running ? "running" : "queued", READ_ONCE(t->prio),
			   sv_policy_name(READ_ONCE(t->policy)),
			   task_state_to_char(t), t->comm);
	}
	rcu_read_unlock();

	seq_printf(m, "switches_live_threads: %llu\n", switches);
	seq_puts(m, "cpu current_tid current_comm queued\n");
	for_each_online_cpu(cpu) {
		if (sum[cpu].tid)
			seq_printf(m, "%u %d %s %u\n", cpu, sum[cpu].tid,
				   sum[cpu].comm, sum[cpu].queued);
		else if (sum[cpu].hidden)
			seq_printf(m, "%u -1 - %u\n", cpu, sum[cpu].queued);
		else
			seq_printf(m, "%u 0 swapper/%u %u\n", cpu, cpu,
				   sum[cpu].queued);
	}
	kfree(sum);
	return 0;
}

struct proc_dir_entry *sv_cpus_create(struct proc_dir_entry *dir)
{
	return proc_create_single("cpus", 0444, dir, cpus_show);
}
