// SPDX-License-Identifier: GPL-2.0
/*
 * Signals as the PCB keeps them: each thread has its own pending set and
 * blocked mask (task->pending, task->blocked); the process shares a
 * pending set (signal->shared_pending) and one action per signal
 * (sighand->action[]), from which "ignored" and "caught" are derived as
 * /proc/<pid>/status does for SigIgn and SigCgt. A pending signal is a
 * bit in a set plus, for queued ones, a struct sigqueue holding the
 * siginfo (who sent it). All of it is read under the process's siglock.
 *
 * The handler addresses are user addresses of the process: this view is
 * opened only by its owner or an administrator (core's rule), who may
 * read that memory anyway, so they are shown as they are.
 */
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>

#include "compat.h"
#include "internal.h"

/* Queued siginfo shown per pending set; the rest are counted. */
#define SIGQUEUE_SHOWN	32

static void show_queue(struct seq_file *m, const char *key,
		       struct sigpending *p)
{
	struct sigqueue *q;
	unsigned int n = 0;

	list_for_each_entry(q, &p->list, list) {
		if (n++ >= SIGQUEUE_SHOWN)
			continue;
		/* si_pid was numbered in our pid namespace at send time. */
		seq_printf(m, "%s: %d %d %d %u\n", key, q->info.si_signo,
			   q->info.si_code, q->info.si_pid,
			   (unsigned int)q->info.si_uid);
	}
	seq_printf(m, "%s_count: %u\n", key, n);
}

void ipc_signal_process_show(struct seq_file *m, struct osedu_task_file *tf,
			     struct task_struct *task)
{
	struct sighand_struct *sighand;
	u64 ign = 0, cgt = 0;
	unsigned long flags;
	int sig;

	sighand = osedu_lock_task_sighand(task, &flags);
	if (!sighand) {
		seq_puts(m, "signals: exited\n");
		return;
	}
	for (sig = 1; sig <= 64 && sig <= _NSIG; sig++) {
		void __user *h = sighand->action[sig - 1].sa.sa_handler;

		if (h == SIG_IGN)
			ign |= 1ULL << (sig - 1);
		else if (h != SIG_DFL)
			cgt |= 1ULL << (sig - 1);
	}
	seq_printf(m, "sig_shared_pending: 0x%016llx\nsig_ignored: 0x%016llx\nsig_caught: 0x%016llx\n",
		   ipc_sigset_u64(&task->signal->shared_pending.signal),
		   ign, cgt);
	/* signo handler sa_flags, for every caught signal */
	for (sig = 1; sig <= 64 && sig <= _NSIG; sig++) {
		const struct k_sigaction *ka = &sighand->action[sig - 1];

		if (cgt & (1ULL << (sig - 1)))
			seq_printf(m, "handler: %d 0x%lx 0x%lx\n", sig,
				   (unsigned long)ka->sa.sa_handler,
				   (unsigned long)ka->sa.sa_flags);
	}
	/* signo si_code si_pid si_uid of each queued siginfo */
	show_queue(m, "shared_queued", &task->signal->shared_pending);
	spin_unlock_irqrestore(&sighand->siglock, flags);
}

void ipc_signal_threads_show(struct seq_file *m, struct task_struct *task)
{
	struct sighand_struct *sighand;
	struct task_struct *t;
	unsigned long flags;

	/* The siglock keeps the thread list and every pending set still. */
	sighand = osedu_lock_task_sighand(task, &flags);
	if (!sighand)
		return;
	for_each_thread(task, t) {
		seq_printf(m, "\nthread: %d\nstate: %c\nsig_pending: 0x%016llx\nsig_blocked: 0x%016llx\n",
			   ipc_pid_nr(m, task_pid(t)), task_state_to_char(t),
			   ipc_sigset_u64(&t->pending.signal),
			   ipc_sigset_u64(&t->blocked));
		show_queue(m, "queued", &t->pending);
		if (seq_has_overflowed(m))
			break;
	}
	spin_unlock_irqrestore(&sighand->siglock, flags);
}
