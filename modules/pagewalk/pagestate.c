// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel knows of a page when memory runs short: the page
 * replacement lectures' reference bit is the accessed bit of the entry
 * (decode.c); this is the other half, the kernel's own bookkeeping in the
 * folio: which LRU list it is on (active or inactive with the classic
 * two-list LRU, a generation with the multi-generational LRU), the
 * software referenced bit, whether it came back soon after eviction
 * (workingset), whether it may be evicted at all, whether KSM merged it
 * with identical pages (one read-only frame for all), and how many page
 * tables map it.
 *
 * Everything is read with the public inline folio accessors, without a
 * reference or the folio lock: a struct page is never freed, only reused,
 * so the read is safe, and it is a snapshot of a state that reclaim
 * changes under us, exactly as /proc/kpageflags is.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/page-flags.h>

#include "compat.h"
#include "internal.h"

bool pw_kstate(const struct pw_page *pg, const struct vm_area_struct *vma,
	       struct pw_kstate *ks)
{
	struct folio *folio;
	struct page *page;

	memset(ks, 0, sizeof(*ks));
	ks->gen = -1;
	if (!pw_page_present(pg) || (pg->flags & PW_F_ZERO) ||
	    (vma->vm_flags & (VM_PFNMAP | VM_IO)))
		return false;
	page = pfn_to_online_page(pg->pfn);
	if (!page)
		return false;
	folio = page_folio(page);
	if (folio_test_lru(folio))
		ks->bits |= PW_K_LRU;
	if (folio_test_active(folio))
		ks->bits |= PW_K_ACTIVE;
	if (folio_test_referenced(folio))
		ks->bits |= PW_K_REFERENCED;
	if (folio_test_workingset(folio))
		ks->bits |= PW_K_WORKINGSET;
	if (folio_test_unevictable(folio))
		ks->bits |= PW_K_UNEVICTABLE;
	if (folio_test_swapbacked(folio))
		ks->bits |= PW_K_SWAPBACKED;
	if (folio_test_swapcache(folio))
		ks->bits |= PW_K_SWAPCACHE;
	if (folio_test_ksm(folio))
		ks->bits |= PW_K_KSM;
	ks->gen = pw_folio_gen(folio);
	ks->mapcount = pw_page_mapcount(folio, page);
	return true;
}

static const char * const kstate_names[PW_K_NBITS] = {
	"lru", "active", "referenced", "workingset", "unevictable",
	"swapbacked", "swapcache", "ksm",
};

void pw_seq_kstate(struct seq_file *m, const struct pw_kstate *ks)
{
	unsigned int i;

	for (i = 0; i < PW_K_NBITS; i++)
		if (ks->bits & BIT(i))
			seq_printf(m, " %s", kstate_names[i]);
	if (ks->gen >= 0)
		seq_printf(m, " gen=%d", ks->gen);
	seq_printf(m, " mapcount=%d", ks->mapcount);
}
