/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the kernels the walker supports (6.1 to 7.3) differ. Kbuild tests
 * the kernel's headers for each feature (OSEDU_HAVE_*).
 */
#ifndef _OSEDU_PAGEWALK_COMPAT_H
#define _OSEDU_PAGEWALK_COMPAT_H

#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/pgtable.h>
#include <linux/swap.h>		/* before swapops.h, which needs it */
#include <linux/swapops.h>
#ifdef OSEDU_HAVE_LEAFOPS
#include <linux/leafops.h>
#endif

/*
 * 6.5 added pmdp_get_lockless() for walkers that read a pmd without its
 * lock (PTE tables became freeable under RCU). On x86-64 both forms read
 * the pmd exactly once.
 */
static inline pmd_t pw_pmdp_get(pmd_t *pmdp)
{
#ifdef OSEDU_HAVE_PMDP_GET_LOCKLESS
	return pmdp_get_lockless(pmdp);
#else
	return READ_ONCE(*pmdp);
#endif
}

/*
 * A p4d folded when the kernel is built (asm-generic/pgtable-nop4d.h:
 * 6.1 arm64, 4 levels) has no p4d_index(): its one entry is index 0.
 * x86-64 and 6.12 arm64 fold it at boot, if at all, and define it.
 */
static inline unsigned int pw_p4d_index(unsigned long va)
{
#ifdef __PAGETABLE_P4D_FOLDED
	return 0;
#else
	return p4d_index(va);
#endif
}

/*
 * A non-present, non-empty entry holds a software "leaf" entry: a swap
 * slot, a migration entry, or another kind (device, hwpoison, marker).
 * Until 6.18 it was read with pte_to_swp_entry()/pmd_to_swp_entry() and
 * classified with is_migration_entry()/non_swap_entry(); 6.19 introduced
 * softleaf_t and <linux/leafops.h> (softleaf_from_pte(),
 * softleaf_is_migration(), softleaf_is_swap()), and the old helpers were
 * removed after it (gone in Debian's 7.2 and 7.3). softleaf_t is still
 * swp_entry_t, so swp_type() and swp_offset() read both.
 */
static inline swp_entry_t pw_pte_leaf(pte_t pte)
{
#ifdef OSEDU_HAVE_LEAFOPS
	return softleaf_from_pte(pte);
#else
	return pte_to_swp_entry(pte);
#endif
}

static inline swp_entry_t pw_pmd_leaf(pmd_t pmd)
{
#ifdef OSEDU_HAVE_LEAFOPS
	return softleaf_from_pmd(pmd);
#else
	return pmd_to_swp_entry(pmd);
#endif
}

static inline bool pw_leaf_is_migration(swp_entry_t e)
{
#ifdef OSEDU_HAVE_LEAFOPS
	return softleaf_is_migration(e);
#else
	return is_migration_entry(e);
#endif
}

/* A real swap slot (type and offset name a place in a swap area). */
static inline bool pw_leaf_is_swap(swp_entry_t e)
{
#ifdef OSEDU_HAVE_LEAFOPS
	return softleaf_is_swap(e);
#else
	return !non_swap_entry(e);
#endif
}

/* The frame a migration entry names (not its raw offset, 6.1+). */
static inline unsigned long pw_leaf_pfn(swp_entry_t e)
{
#ifdef OSEDU_HAVE_LEAFOPS
	return softleaf_to_pfn(e);
#else
	return swp_offset_pfn(e);
#endif
}

/*
 * How many page-table entries map @page, as /proc/kpagecount counts it.
 * 6.1 has page_mapcount() (its compound case calls the exported
 * __page_mapcount()); from 6.12 kpagecount uses
 * folio_precise_page_mapcount() from mm/internal.h, which is this: the
 * page's own mappings (0 for a typed page) plus the folio's mappings as a
 * whole (by a PMD or PUD).
 */
static inline int pw_page_mapcount(struct folio *folio, struct page *page)
{
#ifdef OSEDU_HAVE_PAGE_MAPCOUNT
	return page_mapcount(page);
#else
	int n = atomic_read(&page->_mapcount) + 1;

	if (page_mapcount_is_type(n))
		n = 0;
	if (folio_test_large(folio))
		n += folio_entire_mapcount(folio);
	return n;
#endif
}

/* The MGLRU generation of @folio, or -1 (not on an MGLRU list, or none). */
static inline int pw_folio_gen(struct folio *folio)
{
#ifdef CONFIG_LRU_GEN
	return folio_lru_gen(folio);
#else
	return -1;
#endif
}

#endif /* _OSEDU_PAGEWALK_COMPAT_H */
