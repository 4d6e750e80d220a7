// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding a page-table entry into what the lectures name: present or
 * not, the protection bits, the frame it maps, or where a swapped-out
 * page went. The entry is classified with the kernel's generic accessors
 * (pte_present(), pud_leaf(), ...) and the frame read with
 * pte_pfn()/pmd_pfn()/pud_pfn(), which undo the x86 L1TF inversion of
 * non-present (PROT_NONE) entries and read arm64's 52-bit output
 * addresses; only the hardware bits come from the architecture's file
 * (arch_x86.c, arch_arm64.c).
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
		pg->pfn = pw_leaf_pfn(e);
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
		if (!pud_present(__pud(val)) || !pud_leaf(__pud(val))) {
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
	 * hinting; x86 sets _PAGE_PROTNONE, arm64 clears the valid bit and
	 * sets a software one); on x86 a huge PMD being split is briefly
	 * invalidated (pmdp_invalidate()) with neither bit, and still maps
	 * its page.
	 */
	pg->state = pw_arch_protnone(leaf->level, val) ? PW_PROTNONE :
							  PW_PRESENT;
	pg->flags = pw_arch_flags(leaf->level, val);
	decode_frame(vma, pg);
	if (pg->state == PW_PRESENT && !(pg->flags & (PW_F_RW | PW_F_ZERO)) &&
	    (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		pg->flags |= PW_F_COW;
}

/* After the architecture's PW_F_NHW hardware bits. */
static const char * const flag_names[] = {
	"zero", "cow", "anon", "file",
};

#define PW_F_NBITS	(PW_F_NHW + ARRAY_SIZE(flag_names))

const char *pw_flag_name(unsigned int bit)
{
	if (bit < PW_F_NHW)
		return pw_arch_flag_name(bit);
	return bit < PW_F_NBITS ? flag_names[bit - PW_F_NHW] : "?";
}

u64 pw_shown_pfn(const struct pw_page *pg, const struct osedu_access *acc)
{
	/* A swap slot is as private as a frame (pagemap hides both). */
	return osedu_phys(acc, pg->pfn);
}

void pw_seq_flags(struct seq_file *m, const struct pw_page *pg,
		  const struct osedu_access *acc)
{
	bool any = false;
	unsigned int i;

	if (pg->state == PW_SWAP) {
		if (osedu_phys(acc, 1))
			seq_printf(m, "swap_type=%u", pg->swap_type);
		else
			seq_putc(m, '-');
		return;
	}
	for (i = 0; i < PW_F_NBITS; i++) {
		if (!(pg->flags & BIT(i)))
			continue;
		seq_printf(m, "%s%s", any ? " " : "", pw_flag_name(i));
		any = true;
	}
	if (!any)
		seq_putc(m, '-');
}
