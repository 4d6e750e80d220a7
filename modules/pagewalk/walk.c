// SPDX-License-Identifier: GPL-2.0
/*
 * Walking a user page table from a module.
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
 * With 4-level paging the P4D level is folded into the PGD: p4d_offset()
 * returns the PGD entry itself and pgd_none() is always false.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "compat.h"
#include "internal.h"

unsigned int pw_paging_levels(void)
{
	return pgtable_l5_enabled() ? 5 : 4;
}

unsigned int pw_index(enum pw_level level, unsigned long va)
{
	switch (level) {
	case PW_PTE:
		return pte_index(va);
	case PW_PMD:
		return pmd_index(va);
	case PW_PUD:
		return pud_index(va);
	case PW_P4D:
		return p4d_index(va);
	default:
		return pgd_index(va);
	}
}

static int emit(pw_leaf_fn fn, void *arg, unsigned long addr,
		unsigned long next, enum pw_level level, u64 val)
{
	struct pw_leaf leaf = {
		.addr = addr,
		.size = next - addr,
		.level = level,
		.val = val,
	};

	return fn(&leaf, arg);
}

/* A pmd or pud that maps memory itself, or holds a non-present entry. */
static bool is_leaf(u64 val)
{
	return !(val & _PAGE_PRESENT) || (val & _PAGE_PSE);
}

/* Caller holds rcu_read_lock() and read @pmd inside that section. */
static int walk_pte(pmd_t pmd, unsigned long addr, unsigned long end,
		    pw_leaf_fn fn, void *arg)
{
	pte_t *ptep = pte_offset_kernel(&pmd, addr);
	int ret = 0;

	for (; addr < end; addr += PAGE_SIZE, ptep++) {
		ret = emit(fn, arg, addr, addr + PAGE_SIZE, PW_PTE,
			   pte_val(ptep_get(ptep)));
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
static int walk_one_pmd(pmd_t *pmdp, unsigned long addr, unsigned long next,
			pw_leaf_fn fn, void *arg)
{
	pmd_t pmd;
	int ret;

	rcu_read_lock();
	pmd = pw_pmdp_get(pmdp);
	if (pmd_none(pmd))
		ret = emit(fn, arg, addr, next, PW_PMD, 0);
	else if (is_leaf(pmd_val(pmd)) || pmd_bad(pmd))
		ret = emit(fn, arg, addr, next, PW_PMD, pmd_val(pmd));
	else
		ret = walk_pte(pmd, addr, next, fn, arg);
	rcu_read_unlock();
	return ret;
}

static int walk_pmd(pud_t *pudp, unsigned long addr, unsigned long end,
		    pw_leaf_fn fn, void *arg)
{
	pmd_t *pmdp = pmd_offset(pudp, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, pmdp++) {
		next = pmd_addr_end(addr, end);
		ret = walk_one_pmd(pmdp, addr, next, fn, arg);
		if (ret)
			break;
		cond_resched();
	}
	return ret;
}

static int walk_pud(p4d_t *p4dp, unsigned long addr, unsigned long end,
		    pw_leaf_fn fn, void *arg)
{
	pud_t *pudp = pud_offset(p4dp, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, pudp++) {
		pud_t pud = READ_ONCE(*pudp);

		next = pud_addr_end(addr, end);
		if (pud_none(pud))
			ret = emit(fn, arg, addr, next, PW_PUD, 0);
		else if (is_leaf(pud_val(pud)) || pud_bad(pud))
			ret = emit(fn, arg, addr, next, PW_PUD, pud_val(pud));
		else
			ret = walk_pmd(pudp, addr, next, fn, arg);
		if (ret)
			break;
	}
	return ret;
}

static int walk_p4d(pgd_t *pgdp, unsigned long addr, unsigned long end,
		    pw_leaf_fn fn, void *arg)
{
	p4d_t *p4dp = p4d_offset(pgdp, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, p4dp++) {
		p4d_t p4d = READ_ONCE(*p4dp);

		next = p4d_addr_end(addr, end);
		if (p4d_none(p4d) || p4d_bad(p4d))
			ret = emit(fn, arg, addr, next, PW_P4D, 0);
		else
			ret = walk_pud(p4dp, addr, next, fn, arg);
		if (ret)
			break;
	}
	return ret;
}

int pw_walk(struct mm_struct *mm, unsigned long addr, unsigned long end,
	    pw_leaf_fn fn, void *arg)
{
	pgd_t *pgdp = pgd_offset(mm, addr);
	unsigned long next;
	int ret = 0;

	for (; addr < end; addr = next, pgdp++) {
		pgd_t pgd = READ_ONCE(*pgdp);

		next = pgd_addr_end(addr, end);
		if (pgd_none(pgd) || pgd_bad(pgd))
			ret = emit(fn, arg, addr, next, PW_PGD, 0);
		else
			ret = walk_p4d(pgdp, addr, next, fn, arg);
		if (ret)
			break;
	}
	return ret;
}

static void record(struct pw_xlate *x, enum pw_level level, u64 val)
{
	x->level[x->depth] = level;
	x->index[x->depth] = pw_index(level, x->va);
	x->val[x->depth] = val;
	x->depth++;
}

/*
 * The same descent for one address, keeping every entry on the way. With
 * 4-level paging the folded P4D entry is the PGD entry, recorded once.
 */
void pw_translate(struct mm_struct *mm, unsigned long va, struct pw_xlate *x)
{
	pgd_t *pgdp = pgd_offset(mm, va);
	p4d_t *p4dp;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	pte_t *ptep;

	x->va = va;
	x->depth = 0;
	if (pgtable_l5_enabled()) {
		pgd_t pgd = READ_ONCE(*pgdp);

		record(x, PW_PGD, pgd_val(pgd));
		if (pgd_none(pgd) || pgd_bad(pgd))
			return;
	}
	p4dp = p4d_offset(pgdp, va);
	record(x, pgtable_l5_enabled() ? PW_P4D : PW_PGD,
	       p4d_val(READ_ONCE(*p4dp)));
	if (p4d_none(*p4dp) || p4d_bad(*p4dp))
		return;

	pudp = pud_offset(p4dp, va);
	pud = READ_ONCE(*pudp);
	record(x, PW_PUD, pud_val(pud));
	if (pud_none(pud) || is_leaf(pud_val(pud)) || pud_bad(pud))
		return;

	pmdp = pmd_offset(pudp, va);
	/* As in walk_one_pmd(): read, check and follow in one RCU section. */
	rcu_read_lock();
	pmd = pw_pmdp_get(pmdp);
	record(x, PW_PMD, pmd_val(pmd));
	if (!pmd_none(pmd) && !is_leaf(pmd_val(pmd)) && !pmd_bad(pmd)) {
		ptep = pte_offset_kernel(&pmd, va);
		record(x, PW_PTE, pte_val(ptep_get(ptep)));
	}
	rcu_read_unlock();
}
