/* SPDX-License-Identifier: GPL-2.0 */
/* What the parts of osedu_core share; nothing here is exported. */
#ifndef _OSEDU_CORE_INTERNAL_H
#define _OSEDU_CORE_INTERNAL_H

#include <linux/atomic.h>
#include <linux/types.h>

struct dentry;
struct seq_file;

struct osedu_core_stats {
	atomic_long_t events;		/* fork and free events seen */
	atomic_long_t overflows;	/* events lost to a full queue */
	atomic_long_t queued;		/* pid numbers queued for a sync */
	atomic_long_t rescans;		/* full scans of the process list */
	atomic_long_t created;		/* per-task entries created */
	atomic_long_t removed;		/* per-task entries removed */
	atomic_long_t create_failed;	/* entries proc could not create */
	atomic_t fail_open;		/* fault injection: fail next N opens */
};

extern struct osedu_core_stats osedu_stats;

/* tracking.c: keeps per-task entries in step with fork and exit. */
int osedu_tracking_start(void);
void osedu_tracking_stop(void);
void osedu_tracking_queue(pid_t nr);

/* views.c: the per-task view registry. */
void osedu_views_sync_pid(pid_t nr);
void osedu_views_sync_all(void);
long osedu_views_live_entries(void);
int osedu_views_seq_names(struct seq_file *m);

/* access.c: the parts of the policy that only core applies. */
struct file;
struct task_struct;
struct osedu_task_file;
bool osedu_opener_is_task(const struct file *file, struct task_struct *task);
int osedu_task_recheck(const struct osedu_task_file *tf,
		       struct task_struct *task);

/* stats.c: debugfs statistics and fault-injection knobs. */
void osedu_stats_init(struct dentry *dir);

#endif /* _OSEDU_CORE_INTERNAL_H */
