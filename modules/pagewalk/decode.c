// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding an x86-64 page-table entry into what the lectures name: present
 * or not, the protection bits, the frame it maps, or where a swapped-out
 * page went. The frame is read with pte_pfn()/pmd_pfn()/pud_pfn(), which
 * undo the L1TF inversion of non-present (PROT_NONE) entries.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/page-flags.h>
#include <linux/pgtable.h>
#include <linux/swap.h>
#include <linux/swapops.h>

#include "compat.h"
#include "internal.h"

static const char * const level_names[] = {
	[PW_PTE] = "pte",
	[PW_PMD] = "pmd",
	[PW_PUD] = "pud",
	[PW_P4D] = "p4d",
	[PW_PGD] = "pgd",
	[PW_NLEVELS] = "-",
};

static const char * const state_names[] = {
	[PW_NONE] = "none",
	[PW_PRESENT] = "present",
	[PW_PROTNONE] = "protnone",
	[PW_SWAP] = "swap",
	[PW_MIGRATION] = "migration",
	[PW_OTHER] = "other",
};

const char *pw_level_name(enum pw_level level)
{
	return level_names[min_t(unsigned int, level, PW_NLEVELS)];
}

const char *pw_state_name(enum pw_state state)
{
	return state < ARRAY_SIZE(state_names) ? state_names[state] : "?";
}

bool pw_page_present(const struct pw_page *pg)
{
	return pg->state == PW_PRESENT || pg->state == PW_PROTNONE;
}

static void decode_swap(swp_entry_t e, struct pw_page *pg)
{
	if (pw_leaf_is_migration(e)) {
		pg->state = PW_MIGRATION;
		pg->pfn = swp_offset(e);
	} else if (!pw_leaf_is_swap(e)) {
		pg->state = PW_OTHER;
	} else {
		pg->state = PW_SWAP;
		pg->swap_type = swp_type(e);
		pg->pfn = swp_offset(e);
	}
}

/*
 * Is @folio, mapped by a PMD leaf in @vma, the huge zero page? The kernel's
 * own test (is_huge_zero_pmd()) reads huge_zero_pfn, which is not exported.
 * The huge zero folio is the one large folio that is neither anonymous nor
 * in a page cache and yet is mapped into anonymous memory (no vm_ops).
 */
static bool huge_zero(const struct vm_area_struct *vma, struct folio *folio,
		      enum pw_level level)
{
	return level == PW_PMD && !vma->vm_ops &&
	       folio_test_large(folio) && !folio_test_anon(folio) &&
	       !READ_ONCE(folio->mapping);
}

/* Facts about the frame itself: the zero page, anonymous or page cache. */
static void decode_frame(const struct vm_area_struct *vma,
			 struct pw_page *pg)
{
	struct folio *folio;
	struct page *page;

	if (is_zero_pfn(pg->pfn)) {
		pg->flags |= PW_F_ZERO;
		return;
	}
	if (vma->vm_flags & (VM_PFNMAP | VM_IO))
		return;
	/*
	 * Only an online section's struct pages are initialised: pfn_valid()
	 * is also true for offline memory and ZONE_DEVICE holes.
	 */
	page = pfn_to_online_page(pg->pfn);
	if (!page)
		return;
	/* Racy but safe: struct pages are never freed, only reused. */
	folio = page_folio(page);
	if (huge_zero(vma, folio, pg->level))
		pg->flags |= PW_F_ZERO;
	else if (folio_test_anon(folio))
		pg->flags |= PW_F_ANON;
	else if (READ_ONCE(folio->mapping))
		pg->flags |= PW_F_FILE;
}

static u32 hw_flags(u64 val, bool protnone)
{
	u32 f = 0;

	if (val & _PAGE_RW)
		f |= PW_F_RW;
	if (val & _PAGE_USER)
		f |= PW_F_USER;
	if (val & _PAGE_PWT)
		f |= PW_F_PWT;
	if (val & _PAGE_PCD)
		f |= PW_F_PCD;
	if (val & _PAGE_ACCESSED)
		f |= PW_F_ACCESSED;
	if (val & _PAGE_DIRTY)
		f |= PW_F_DIRTY;
	/* In a PROT_NONE entry the global bit means "protnone". */
	if ((val & _PAGE_GLOBAL) && !protnone)
		f |= PW_F_GLOBAL;
	if (val & _PAGE_NX)
		f |= PW_F_NX;
	return f;
}

void pw_decode(const struct pw_leaf *leaf, const struct vm_area_struct *vma,
	       struct pw_page *pg)
{
	unsigned long off = leaf->addr;
	u64 val = leaf->val;

	memset(pg, 0, sizeof(*pg));
	pg->level = leaf->level;
	if (!val) {
		pg->state = PW_NONE;
		pg->level = PW_NLEVELS;
		return;
	}

	switch (leaf->level) {
	case PW_PTE:
		if (!pte_present(__pte(val))) {
			decode_swap(pw_pte_leaf(__pte(val)), pg);
			return;
		}
		pg->pfn = pte_pfn(__pte(val));
		break;
	case PW_PMD:
		if (!pmd_present(__pmd(val))) {
			decode_swap(pw_pmd_leaf(__pmd(val)), pg);
			return;
		}
		pg->pfn = pmd_pfn(__pmd(val)) +
			  ((off & ~PMD_MASK) >> PAGE_SHIFT);
		break;
	case PW_PUD:
		if (!pud_present(__pud(val)) || !(val & _PAGE_PSE)) {
			pg->state = PW_OTHER;
			return;
		}
		pg->pfn = pud_pfn(__pud(val)) +
			  ((off & ~PUD_MASK) >> PAGE_SHIFT);
		break;
	default:
		pg->state = PW_OTHER;
		return;
	}

	/*
	 * Present to the kernel but not to the CPU: PROT_NONE (or NUMA
	 * hinting) sets _PAGE_PROTNONE; a huge PMD being split is briefly
	 * invalidated (pmdp_invalidate()) with neither bit, and still maps
	 * its page.
	 */
	pg->state = ((val & _PAGE_PRESENT) || !(val & _PAGE_PROTNONE)) ?
		    PW_PRESENT : PW_PROTNONE;
	pg->flags = hw_flags(val, pg->state == PW_PROTNONE);
	decode_frame(vma, pg);
	if (pg->state == PW_PRESENT && !(pg->flags & (PW_F_RW | PW_F_ZERO)) &&
	    (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		pg->flags |= PW_F_COW;
}

static const char * const flag_names[] = {
	"rw", "user", "pwt", "pcd", "accessed", "dirty", "global", "nx",
	"zero", "cow", "anon", "file",
};

void pw_seq_flags(struct seq_file *m, const struct pw_page *pg)
{
	bool any = false;
	unsigned int i;

	if (pg->state == PW_SWAP) {
		seq_printf(m, "swap_type=%u", pg->swap_type);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(flag_names); i++) {
		if (!(pg->flags & BIT(i)))
			continue;
		seq_printf(m, "%s%s", any ? " " : "", flag_names[i]);
		any = true;
	}
	if (!any)
		seq_putc(m, '-');
}

/* The bits of any entry, table or leaf, as the hardware reads them. */
void pw_seq_entry_bits(struct seq_file *m, enum pw_level level, u64 val)
{
	bool leaf = level == PW_PTE || (val & _PAGE_PSE);
	bool protnone = leaf && !(val & _PAGE_PRESENT) &&
			(val & _PAGE_PROTNONE);
	u32 f;
	unsigned int i;

	if (!val) {
		seq_puts(m, "none");
		return;
	}
	if (!(val & _PAGE_PRESENT) && !protnone) {
		seq_puts(m, "not-present");
		return;
	}
	seq_puts(m, protnone ? "not-present protnone" : "present");
	f = hw_flags(val, protnone);
	for (i = 0; i < 8; i++)
		if (f & BIT(i))
			seq_printf(m, " %s", flag_names[i]);
	if (level != PW_PTE && (val & _PAGE_PSE))
		seq_puts(m, " huge");
}
