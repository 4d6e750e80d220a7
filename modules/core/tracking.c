// SPDX-License-Identifier: GPL-2.0
/*
 * Keeps the per-task entries in step with the process list.
 *
 * sched_process_fork announces a new process and sched_process_free a
 * reaped one. Both fire where proc entries cannot be made (free runs in an
 * RCU callback), so the probes only queue the pid number; a work item then
 * reconciles each queued number with what is really alive. Reconciling,
 * rather than replaying events, makes order and duplicates harmless. If the
 * queue ever overflows, the work item rescans the whole process list.
 *
 * The probes run inside the scheduler's tracepoints with preemption
 * disabled, so queue_lock is a raw spinlock: on PREEMPT_RT a spinlock_t is
 * a sleeping lock and must not be taken there. It guards only a few word
 * copies, and queue_work() takes nothing but raw locks itself.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kfifo.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <osedu/core.h>
#include "compat.h"
#include "internal.h"

#define QUEUE_LEN	2048
#define BATCH		64

static DEFINE_RAW_SPINLOCK(queue_lock);
static DECLARE_KFIFO(queue, pid_t, QUEUE_LEN);
static bool overflowed;
static bool stopping;

static void sync_work_fn(struct work_struct *work);
static DECLARE_WORK(sync_work, sync_work_fn);

void osedu_tracking_queue(pid_t nr)
{
	unsigned long flags;
	bool run;

	atomic_long_inc(&osedu_stats.queued);
	raw_spin_lock_irqsave(&queue_lock, flags);
	if (!kfifo_put(&queue, nr)) {
		overflowed = true;
		atomic_long_inc(&osedu_stats.overflows);
	}
	run = !stopping;
	raw_spin_unlock_irqrestore(&queue_lock, flags);
	if (run)
		queue_work(osedu_unbound_wq, &sync_work);
}

static void sync_work_fn(struct work_struct *work)
{
	pid_t batch[BATCH];
	unsigned long flags;
	unsigned int n, i;
	bool rescan;

	for (;;) {
		raw_spin_lock_irqsave(&queue_lock, flags);
		n = kfifo_out(&queue, batch, BATCH);
		rescan = overflowed;
		overflowed = false;
		raw_spin_unlock_irqrestore(&queue_lock, flags);

		if (rescan)
			osedu_views_sync_all();
		if (!n)
			break;
		for (i = 0; i < n; i++)
			osedu_views_sync_pid(batch[i]);
		cond_resched();
	}
}

static void probe_fork(void *data, struct task_struct *parent,
		       struct task_struct *child)
{
	atomic_long_inc(&osedu_stats.events);
	if (child->pid == child->tgid)
		osedu_tracking_queue(child->tgid);
}

static void probe_free(void *data, struct task_struct *task)
{
	atomic_long_inc(&osedu_stats.events);
	osedu_tracking_queue(task->tgid);
}

static struct osedu_probe probes[] = {
	{ .name = "sched_process_fork", .func = probe_fork },
	{ .name = "sched_process_free", .func = probe_free },
};

int osedu_tracking_start(void)
{
	INIT_KFIFO(queue);
	return osedu_probes_register(probes, ARRAY_SIZE(probes));
}

void osedu_tracking_stop(void)
{
	unsigned long flags;

	osedu_probes_unregister(probes, ARRAY_SIZE(probes));
	raw_spin_lock_irqsave(&queue_lock, flags);
	stopping = true;
	raw_spin_unlock_irqrestore(&queue_lock, flags);
	cancel_work_sync(&sync_work);
}
