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
	const char *label;
	unsigned long found;
};

static int find_present(struct pw_walk *w, const struct pw_leaf *leaf)
{
	struct first_present *fp = w->priv;
	struct pw_page pg;

	pw_decode(leaf, w->vma, &pg);
	if (!pw_page_present(&pg))
		return 0;
	fp->found = leaf->addr;
	return 1;
}

static int label_only(struct pw_walk *w)
{
	struct first_present *fp = w->priv;

	return strcmp(pw_vma_label(w->vma), fp->label) ? 1 : 0;
}

static const struct pw_walk_ops first_present_ops = {
	.leaf = find_present,
};

int pw_first_present(struct pw_walk *w, const char *label,
		     unsigned long *va)
{
	struct first_present fp = { .label = label };
	int ret;

	w->ops = &first_present_ops;
	w->priv = &fp;
	ret = pw_walk_vmas(w, 0, TASK_SIZE_MAX, label_only);
	*va = ret > 0 ? fp.found : 0;
	return ret < 0 ? ret : 0;
}

/* The translation is what one walk of one page saw, entry by entry. */
static void record(struct pw_walk *w, enum pw_level level, u64 val)
{
	struct pw_xlate *x = w->priv;

	if (x->depth >= PW_NLEVELS)
		return;
	x->level[x->depth] = level;
	x->index[x->depth] = pw_index(w->mm, level, x->va);
	x->val[x->depth] = val;
	x->depth++;
}

static int record_table(struct pw_walk *w, enum pw_level level,
			unsigned long addr, u64 val)
{
	record(w, level, val);
	return 0;
}

static int record_leaf(struct pw_walk *w, const struct pw_leaf *leaf)
{
	record(w, leaf->level, leaf->val);
	return 0;
}

static const struct pw_walk_ops translate_ops = {
	.table = record_table,
	.leaf = record_leaf,
};

void pw_translate(struct mm_struct *mm, unsigned long va, struct pw_xlate *x)
{
	struct pw_walk w = {
		.mm = mm,
		.ops = &translate_ops,
		.priv = x,
		.budget = LONG_MAX,
	};

	x->va = va;
	x->depth = 0;
	pw_walk(&w, va & PAGE_MASK, (va & PAGE_MASK) + PAGE_SIZE);
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
		u64 frame = pw_arch_phys_bits(x.level[i], val);

		shift = pw_level_shift(mm, x.level[i]);
		/* The frame bits of an entry are a physical address. */
		val = (val & ~frame) | osedu_phys(acc, frame);
		seq_printf(m, "  %-5s %5u %2u-%-4u 0x%016llx ",
			   pw_level_name(x.level[i]), x.index[i],
			   shift + pw_level_bits(mm, x.level[i]) - 1, shift, val);
		pw_arch_seq_entry(m, x.level[i], x.val[i]);
		seq_putc(m, '\n');
		/* In the p4d's place, so the rows read top-down as walked. */
		if (x.level[i] == PW_PGD && pw_level_folded(mm, PW_P4D))
			seq_printf(m, "  p4d   folded into pgd (%u-level paging)\n",
				   pw_paging_levels(mm));
	}

	i = x.depth - 1;
	leaf.level = x.level[i];
	leaf.val = x.val[i];
	shift = pw_level_shift(mm, leaf.level);
	leaf.addr = va & PAGE_MASK;
	leaf.size = PAGE_SIZE;
	pw_decode(&leaf, vma, &pg);
	seq_printf(m, "offset: 0x%lx (bits %u-0)\nleaf: %s\nstate: %s\n",
		   va & ((1UL << shift) - 1), shift - 1,
		   pg.state == PW_NONE ? "-" : pw_level_name(leaf.level),
		   pw_state_name(pg.state));
	seq_puts(m, "flags: ");
	pw_seq_flags(m, &pg, acc);
	if (pw_page_present(&pg)) {
		seq_printf(m, "\npfn: 0x%llx\nphys: 0x%016llx\n",
			   osedu_phys(acc, pg.pfn),
			   osedu_phys(acc, ((u64)pg.pfn << PAGE_SHIFT) |
				      (va & ~PAGE_MASK)));
	} else if (pg.state == PW_SWAP) {
		seq_printf(m, "\nswap_offset: 0x%llx\n",
			   pw_shown_pfn(&pg, acc));
	} else {
		seq_putc(m, '\n');
	}
}
