/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where 6.1 and 6.12 differ for the walker: 6.5 added
 * pmdp_get_lockless() for walkers that read a pmd without its lock (PTE
 * tables became freeable under RCU). Kbuild tests the kernel's headers
 * for it. On x86-64 both forms read the pmd exactly once.
 */
#ifndef _OSEDU_PAGEWALK_COMPAT_H
#define _OSEDU_PAGEWALK_COMPAT_H

#include <linux/pgtable.h>

static inline pmd_t pw_pmdp_get(pmd_t *pmdp)
{
#ifdef OSEDU_HAVE_PMDP_GET_LOCKLESS
	return pmdp_get_lockless(pmdp);
#else
	return READ_ONCE(*pmdp);
#endif
}

#endif /* _OSEDU_PAGEWALK_COMPAT_H */
