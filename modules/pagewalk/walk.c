// SPDX-License-Identifier: GPL-2.0
/*
 * Walking a user page table from a module: one descent, with a callback
 * per kind of entry (internal.h), used by every reader of the tables.
 *
 * walk_page_range() and __pte_offset_map() are not exported, so this is a
 * walker of its own, built the way the kernel's lockless walkers are:
 * upper levels are stable while the caller holds the mmap lock (they are
 * freed only under the write lock), but since 6.5 a PTE table may be
 * retracted (khugepaged, MADV_COLLAPSE) under the read lock and freed
 * after an RCU grace period. So each pmd is read once inside
 * rcu_read_lock(), checked there, and the PTE table it points to is read
 * in the same section, through that one value.
 *
 * Nothing here knows the entry format or the number of levels: entries
 * are classified with the generic accessors (pmd_none(), pmd_present(),
 * pmd_leaf(), pmd_bad()), and a level the kernel folds (mm_p4d_folded())
 * reads as the level above it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "compat.h"
#include "internal.h"

bool pw_level_folded(struct mm_struct *mm, enum pw_level level)
{
	switch (level) {
	case PW_P4D:
		return mm_p4d_folded(mm);
	case PW_PUD:
		return mm_pud_folded(mm);
	case PW_PMD:
		return mm_pmd_folded(mm);
	default:
		return false;
	}
}

unsigned int pw_paging_levels(struct mm_struct *mm)
{
	unsigned int n = 0;
	int level;

	for (level = PW_PTE; level < PW_NLEVELS; level++)
		n += !pw_level_folded(mm, level);
	return n;
}

/*
 * The table a walk starts from when the p4d is folded at boot. x86-64
 * then moves its pgd index down to the p4d's bits (its PGDIR_SHIFT
 * follows the paging mode) and gives the p4d one entry; arm64 keeps its
 * 5-level PGDIR_SHIFT, and its p4d_offset() indexes the real root with
 * p4d_index(). Either way the root is whichever of the two has more than
 * one entry; the walk names it pgd.
 */
static enum pw_level indexed(struct mm_struct *mm, enum pw_level level)
{
	if (level == PW_PGD && pw_level_folded(mm, PW_P4D) && PTRS_PER_P4D > 1)
		return PW_P4D;
	return level;
}

unsigned int pw_index(struct mm_struct *mm, enum pw_level level,
		      unsigned long va)
{
	switch (indexed(mm, level)) {
	case PW_PTE:
		return pte_index(va);
	case PW_PMD:
		return pmd_index(va);
	case PW_PUD:
		return pud_index(va);
	case PW_P4D:
		return pw_p4d_index(va);
	default:
		return pgd_index(va);
	}
}

static unsigned int shift_of(enum pw_level level)
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

unsigned int pw_level_shift(struct mm_struct *mm, enum pw_level level)
{
	return shift_of(indexed(mm, level));
}

unsigned int pw_level_bits(struct mm_struct *mm, enum pw_level level)
{
	level = indexed(mm, level);
	if (level == PW_PGD)
		return ilog2(PTRS_PER_PGD);
	return shift_of(level + 1) - shift_of(level);
}

/*
 * The name an entry read at @level is reported under: a folded level's
 * entry is the one of the level above it.
 */
static enum pw_level named(struct pw_walk *w, enum pw_level level)
{
	while (level < PW_PGD && pw_level_folded(w->mm, level))
		level++;
	return level;
}

static int leaf(struct pw_walk *w, unsigned long addr, unsigned long next,
		enum pw_level level, u64 val)
{
	struct pw_leaf l = {
		.addr = addr,
		.size = next - addr,
		.level = named(w, level),
		.val = val,
	};

	w->budget--;
	return w->ops->leaf ? w->ops->leaf(w, &l) : 0;
}

/* An entry that points to a table of @level - 1; folded ones are not. */
static int table(struct pw_walk *w, unsigned long addr, enum pw_level level,
		 u64 val)
{
	w->budget--;
	if (level > PW_PTE && pw_level_folded(w->mm, level - 1))
		return 0;
	return w->ops->table ? w->ops->table(w, named(w, level), addr, val) :
			       0;
}

/* After an entry that ends at @next: pause once the budget is spent. */
static int spent(struct pw_walk *w, unsigned long next, unsigned long end)
{
	if (w->budget > 0 || next >= end)
		return 0;
	w->resume = next;
	return -EAGAIN;
}

/*
 * Caller holds rcu_read_lock() and read @pmd inside that section. A run
 * of empty (all-zero) entries is one leaf: most of a sparse mapping's
 * tables is empty, and with a leaf (a decode, a run check) per empty
 * entry a read of a 1 TiB sparse mapping took 1.3-2 s under emulation,
 * the kernel's smaps of it 15-40 ms; now 50-100 ms. The output is the
 * same: empty entries always joined one run. Every entry read still
 * costs a unit of the budget.
 */
static int walk_pte(struct pw_walk *w, pmd_t pmd, unsigned long addr,
		    unsigned long end)
{
	pte_t *ptep = pte_offset_kernel(&pmd, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, ptep++) {
		u64 val = pte_val(ptep_get(ptep));

		next = addr + PAGE_SIZE;
		while (!val && next < end && !pte_val(ptep_get(ptep + 1))) {
			ptep++;
			next += PAGE_SIZE;
			w->budget--;
		}
		ret = leaf(w, addr, next, PW_PTE, val);
		if (ret)
			break;
	}
	return ret;
}

/*
 * One pmd entry, read and used inside one RCU read section, as
 * __pte_offset_map() does: a PTE table that khugepaged or MADV_COLLAPSE
 * retracts under the mmap read lock is freed only after a grace period, so
 * the value read here names a table that stays readable until the section
 * ends. A value read before rcu_read_lock() would not: the grace period
 * could end between the read and the lock. The value is re-checked inside
 * the section (none, leaf, bad) before it is followed.
 */
static int walk_one_pmd(struct pw_walk *w, pmd_t *pmdp, unsigned long addr,
			unsigned long next)
{
	pmd_t pmd;
	int ret;

	rcu_read_lock();
	pmd = pw_pmdp_get(pmdp);
	if (pmd_none(pmd))
		ret = leaf(w, addr, next, PW_PMD, 0);
	else if (!pmd_present(pmd) || pmd_leaf(pmd) || pmd_bad(pmd))
		ret = leaf(w, addr, next, PW_PMD, pmd_val(pmd));
	else
		ret = table(w, addr, PW_PMD, pmd_val(pmd)) ?:
		      walk_pte(w, pmd, addr, next);
	rcu_read_unlock();
	return ret;
}

static int walk_pmd(struct pw_walk *w, pud_t *pudp, unsigned long addr,
		    unsigned long end)
{
	pmd_t *pmdp = pmd_offset(pudp, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, pmdp++) {
		next = pmd_addr_end(addr, end);
		/*
		 * A run of empty entries is one leaf (as in walk_pte()); an
		 * empty entry names no PTE table, so it is read outside RCU.
		 */
		if (!pmd_val(pw_pmdp_get(pmdp))) {
			while (next < end && !pmd_val(pw_pmdp_get(pmdp + 1))) {
				pmdp++;
				next = pmd_addr_end(next, end);
				w->budget--;
			}
			ret = leaf(w, addr, next, PW_PMD, 0);
		} else {
			ret = walk_one_pmd(w, pmdp, addr, next);
		}
		ret = ret ?: spent(w, next, end);
		if (ret)
			break;
	}
	return ret;
}

static int walk_pud(struct pw_walk *w, p4d_t *p4dp, unsigned long addr,
		    unsigned long end)
{
	pud_t *pudp = pud_offset(p4dp, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, pudp++) {
		pud_t pud = READ_ONCE(*pudp);

		next = pud_addr_end(addr, end);
		if (pud_none(pud))
			ret = leaf(w, addr, next, PW_PUD, 0);
		else if (!pud_present(pud) || pud_leaf(pud) || pud_bad(pud))
			ret = leaf(w, addr, next, PW_PUD, pud_val(pud));
		else
			ret = table(w, addr, PW_PUD, pud_val(pud)) ?:
			      walk_pmd(w, pudp, addr, next);
		ret = ret ?: spent(w, next, end);
		if (ret)
			break;
	}
	return ret;
}

static int walk_p4d(struct pw_walk *w, pgd_t *pgdp, unsigned long addr,
		    unsigned long end)
{
	p4d_t *p4dp = p4d_offset(pgdp, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, p4dp++) {
		p4d_t p4d = READ_ONCE(*p4dp);

		next = p4d_addr_end(addr, end);
		if (p4d_none(p4d) || p4d_bad(p4d))
			ret = leaf(w, addr, next, PW_P4D, 0);
		else
			ret = table(w, addr, PW_P4D, p4d_val(p4d)) ?:
			      walk_pud(w, p4dp, addr, next);
		ret = ret ?: spent(w, next, end);
		if (ret)
			break;
	}
	return ret;
}

int pw_walk(struct pw_walk *w, unsigned long addr, unsigned long end)
{
	pgd_t *pgdp = pgd_offset(w->mm, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, pgdp++) {
		pgd_t pgd = READ_ONCE(*pgdp);

		next = pgd_addr_end(addr, end);
		if (pgd_none(pgd) || pgd_bad(pgd))
			ret = leaf(w, addr, next, PW_PGD, 0);
		else
			ret = table(w, addr, PW_PGD, pgd_val(pgd)) ?:
			      walk_p4d(w, pgdp, addr, next);
		ret = ret ?: spent(w, next, end);
		if (ret)
			break;
	}
	return ret;
}
