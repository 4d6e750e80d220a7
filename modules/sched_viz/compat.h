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

#endif /* _OSEDU_SCHED_VIZ_COMPAT_H */
