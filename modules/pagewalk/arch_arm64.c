// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 (VMSAv8-64, stage 1) translation-table descriptor, and only
 * that: bits 1:0 say invalid, block, table or page; a page or block
 * descriptor carries the attribute index into MAIR_EL1 (4:2), AP[2:1]
 * (7:6: read-only, EL0 access), the access flag AF (10: the reference
 * bit, which the CPU sets itself when it has FEAT_HAFDBS, else the kernel
 * does on the fault), nG (11: tagged with the ASID), DBM (51: dirty bit
 * management, the kernel's PTE_WRITE), the contiguous hint (52), PXN and
 * UXN (53, 54: no execution at EL1, at EL0). The output address is read
 * with the kernel's own accessors (with 52-bit physical addresses part
 * of it sits in bits 9:8 or 15:12). The walk around it uses the generic
 * accessors; the level count and page size are the kernel's, never
 * assumed here.
 *
 * arm64 has no hardware dirty bit as x86 has: a writable clean page is
 * read-only (AP[2] set) with DBM set, and the first write clears AP[2]
 * (the CPU does it with FEAT_HAFDBS, else the kernel on the fault). So
 * "dirty" is the kernel's pte_dirty(): DBM with AP[2] clear, or the
 * software dirty bit kept when the kernel write-protects a dirty page.
 * "rw" is the kernel's pte_write() (DBM): the page may be written
 * without the kernel deciding anything (no copy-on-write).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pgtable.h>
#include <linux/seq_file.h>

#include "internal.h"

/* The bits of the flags column that are arm64's own (internal.h). */
#define PW_F_NG		BIT(2)
#define PW_F_CONT	BIT(3)
#define PW_F_PXN	BIT(6)
#define PW_F_UXN	BIT(7)

static const char * const flag_names[PW_F_NHW] = {
	"rw", "user", "ng", "cont", "accessed", "dirty", "pxn", "uxn",
};

const char *pw_arch_flag_name(unsigned int bit)
{
	return bit < PW_F_NHW ? flag_names[bit] : "?";
}

/* Present as the kernel says, valid or not. */
static bool present(enum pw_level level, u64 val)
{
	switch (level) {
	case PW_PTE:
		return pte_present(__pte(val));
	case PW_PMD:
		return pmd_present(__pmd(val));
	case PW_PUD:
		return pud_present(__pud(val));
	default:
		return false;
	}
}

/* Bits 1:0 = 0b01 above the last level: a block maps memory itself. */
static bool block(enum pw_level level, u64 val)
{
	return level != PW_PTE && !(val & PTE_TABLE_BIT);
}

bool pw_arch_protnone(enum pw_level level, u64 val)
{
	/*
	 * PROT_NONE and NUMA hinting entries are invalid to the CPU and
	 * present to the kernel (a software bit: 6.1's PTE_PROT_NONE,
	 * 6.12's PTE_PRESENT_INVALID); so is a huge PMD being split.
	 */
	return !(val & PTE_VALID) && present(level, val) &&
	       (level == PW_PTE || block(level, val));
}

u32 pw_arch_flags(enum pw_level level, u64 val)
{
	pte_t pte = __pte(val);
	u32 f = 0;

	if (pte_write(pte))
		f |= PW_F_RW;
	if (val & PTE_USER)
		f |= PW_F_USER;
	if (val & PTE_AF)
		f |= PW_F_ACCESSED;
	if (pte_dirty(pte))
		f |= PW_F_DIRTY;
	/* In an invalid entry 6.12 keeps its present bit in nG's place. */
	if ((val & PTE_NG) && (val & PTE_VALID))
		f |= PW_F_NG;
	if (val & PTE_CONT)
		f |= PW_F_CONT;
	if (val & PTE_PXN)
		f |= PW_F_PXN;
	if (val & PTE_UXN)
		f |= PW_F_UXN;
	return f;
}

u64 pw_arch_phys_bits(enum pw_level level, u64 val)
{
	pte_t pte = __pte(val);

	/* A swap or migration entry: its offset is as private as a frame. */
	if (!(val & PTE_VALID) && !pw_arch_protnone(level, val))
		return (u64)__SWP_OFFSET_MASK << __SWP_OFFSET_SHIFT;
	/*
	 * The bits the kernel reads the output address from, found by
	 * writing back the address it reads: right with 48-bit and with
	 * 52-bit physical addresses (LPA2 on or off), no mask assumed.
	 */
	return pte_val(pfn_pte(pte_pfn(pte), __pgprot(0)));
}

/* The MAIR_EL1 slots Linux programs, by index (asm/memory.h's MT_*). */
static const char * const attr_names[] = {
	"normal", "normal-tagged", "normal-nc", "device-ngnrne",
	"device-ngnre",
};

void pw_arch_seq_entry(struct seq_file *m, enum pw_level level, u64 val)
{
	bool protnone = pw_arch_protnone(level, val);
	unsigned int attr;

	if (!val) {
		seq_puts(m, "none");
		return;
	}
	if (!(val & PTE_VALID) && !protnone) {
		seq_puts(m, "not-present");
		return;
	}
	seq_puts(m, protnone ? "not-present protnone" : "present valid");
	if (level != PW_PTE && !block(level, val)) {
		/* Table descriptors: hierarchical limits on what is below. */
		seq_puts(m, " table");
		if (val & PMD_TABLE_PXN)
			seq_puts(m, " pxntable");
		if (val & PMD_TABLE_UXN)
			seq_puts(m, " uxntable");
		return;
	}
	seq_puts(m, level == PW_PTE ? " page" : " block");
	attr = (val & PTE_ATTRINDX_MASK) >> 2;
	seq_printf(m, " attr=%u(%s) ap=%u%u", attr,
		   attr < ARRAY_SIZE(attr_names) ? attr_names[attr] : "?",
		   !!(val & PTE_RDONLY), !!(val & PTE_USER));
	if (val & PTE_AF)
		seq_puts(m, " af");
	if ((val & PTE_NG) && (val & PTE_VALID))
		seq_puts(m, " ng");
	if (val & PTE_DBM)
		seq_puts(m, " dbm");
	if (val & PTE_CONT)
		seq_puts(m, " cont");
	if (val & PTE_PXN)
		seq_puts(m, " pxn");
	if (val & PTE_UXN)
		seq_puts(m, " uxn");
}
