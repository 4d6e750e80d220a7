/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels sched_viz supports (6.1 and 6.12),
 * kept here so that the logic does not carry #if. The SV_HAVE_* macros
 * come from Kbuild, which looks for the fields in the kernel's headers.
 */
#ifndef _OSEDU_SCHED_VIZ_COMPAT_H
#define _OSEDU_SCHED_VIZ_COMPAT_H

#include <linux/sched.h>

/*
 * EEVDF (6.6) gave every scheduling entity a virtual deadline, a lag and a
 * requested slice; CFS before it had none of these.
 */
struct sv_eevdf {
	bool eevdf;
	u64 deadline;
	s64 lag;
	u64 slice;
};

static inline void sv_eevdf_read(struct task_struct *t, struct sv_eevdf *e)
{
#ifdef SV_HAVE_EEVDF
	e->eevdf = true;
	e->deadline = READ_ONCE(t->se.deadline);
	e->lag = READ_ONCE(t->se.vlag);
	e->slice = READ_ONCE(t->se.slice);
#else
	e->eevdf = false;
	e->deadline = 0;
	e->lag = 0;
	e->slice = 0;
#endif
}

/*
 * Is @t waiting in a run queue to run? Since 6.12 a task that blocks with
 * negative lag stays on its run queue (on_rq set, se.sched_delayed set)
 * until its lag has been paid back, though it will not run before a
 * wakeup.
 */
static inline bool sv_task_queued(struct task_struct *t)
{
#ifdef SV_HAVE_SCHED_DELAYED
	return READ_ONCE(t->on_rq) && !READ_ONCE(t->se.sched_delayed);
#else
	return READ_ONCE(t->on_rq);
#endif
}

#endif /* _OSEDU_SCHED_VIZ_COMPAT_H */
