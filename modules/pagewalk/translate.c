// SPDX-License-Identifier: GPL-2.0
/*
 * A worked VA -> PA translation, as drawn in the paging lectures: the
 * virtual address split into one index per level and the page offset,
 * each level's entry and its bits, and the frame the last one names.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>

#include "internal.h"

struct first_present {
	struct vm_area_struct *vma;
	unsigned long found;
};

static int find_present(const struct pw_leaf *leaf, void *arg)
{
	struct first_present *fp = arg;
	struct pw_page pg;

	pw_decode(leaf, fp->vma, &pg);
	if (!pw_page_present(&pg))
		return 0;
	fp->found = leaf->addr;
	return 1;
}

unsigned long pw_first_present(struct mm_struct *mm, const char *label)
{
	VMA_ITERATOR(vmi, mm, 0);
	struct first_present fp = { };

	for_each_vma(vmi, fp.vma) {
		if (strcmp(pw_vma_label(fp.vma), label))
			continue;
		if (pw_walk(mm, fp.vma->vm_start, fp.vma->vm_end,
			    find_present, &fp))
			return fp.found;
	}
	return 0;
}

/* Bits of a user virtual address each level consumes. */
static unsigned int level_shift(enum pw_level level)
{
	switch (level) {
	case PW_PTE:
		return PAGE_SHIFT;
	case PW_PMD:
		return PMD_SHIFT;
	case PW_PUD:
		return PUD_SHIFT;
	case PW_P4D:
		return P4D_SHIFT;
	default:
		return PGDIR_SHIFT;
	}
}

void pw_seq_translation(struct seq_file *m, struct mm_struct *mm,
			unsigned long va, const struct osedu_access *acc)
{
	struct vm_area_struct *vma = find_vma(mm, va);
	struct pw_xlate x;
	struct pw_leaf leaf;
	struct pw_page pg;
	unsigned int shift;
	int i;

	seq_printf(m, "va: 0x%016lx\n", va);
	if (!vma || va < vma->vm_start) {
		seq_puts(m, "in_vma: none\nstate: unmapped\n");
		return;
	}
	seq_printf(m, "in_vma: 0x%016lx-0x%016lx %s\n", vma->vm_start,
		   vma->vm_end, pw_vma_label(vma));
	pw_translate(mm, va, &x);
	seq_puts(m, "  level index va_bits entry              decoded\n");
	for (i = 0; i < x.depth; i++) {
		u64 val = x.val[i];
		u64 frame = val & PTE_PFN_MASK;

		shift = level_shift(x.level[i]);
		/* The frame bits of an entry are a physical address. */
		val = (val & ~PTE_PFN_MASK) | osedu_phys(acc, frame);
		seq_printf(m, "  %-5s %5u %2u-%-4u 0x%016llx ",
			   pw_level_name(x.level[i]), x.index[i], shift + 8,
			   shift, val);
		pw_seq_entry_bits(m, x.level[i], x.val[i]);
		seq_putc(m, '\n');
		/* In the p4d's place, so the rows read top-down as walked. */
		if (i == 0 && !pgtable_l5_enabled())
			seq_puts(m, "  p4d   folded into pgd (4-level paging)\n");
	}

	i = x.depth - 1;
	leaf.level = x.level[i];
	leaf.val = x.val[i];
	shift = level_shift(leaf.level);
	leaf.addr = va & PAGE_MASK;
	leaf.size = PAGE_SIZE;
	pw_decode(&leaf, vma, &pg);
	seq_printf(m, "offset: 0x%lx (bits %u-0)\nleaf: %s\nstate: %s\n",
		   va & ((1UL << shift) - 1), shift - 1,
		   pg.state == PW_NONE ? "-" : pw_level_name(leaf.level),
		   pw_state_name(pg.state));
	seq_puts(m, "flags: ");
	pw_seq_flags(m, &pg);
	if (pw_page_present(&pg)) {
		seq_printf(m, "\npfn: 0x%llx\nphys: 0x%016llx\n",
			   osedu_phys(acc, pg.pfn),
			   osedu_phys(acc, ((u64)pg.pfn << PAGE_SHIFT) |
				      (va & ~PAGE_MASK)));
	} else if (pg.state == PW_SWAP) {
		seq_printf(m, "\nswap_offset: 0x%llx\n", pg.pfn);
	} else {
		seq_putc(m, '\n');
	}
}
