// SPDX-License-Identifier: GPL-2.0
/*
 * The x86-64 page-table entry format, and only that: which bits mean
 * writable, user, write-through, cache-disable, accessed, dirty, global
 * and no-execute, how a PROT_NONE entry is marked, and where the frame
 * bits sit. The walk and the decoding around it use the kernel's generic
 * accessors; an arm64 sibling of this file gives its own answers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pgtable.h>
#include <linux/seq_file.h>

#include "internal.h"

/* The bits of the flags column that are x86's own (internal.h). */
#define PW_F_PWT	BIT(2)
#define PW_F_PCD	BIT(3)
#define PW_F_GLOBAL	BIT(6)
#define PW_F_NX		BIT(7)

static const char * const flag_names[PW_F_NHW] = {
	"rw", "user", "pwt", "pcd", "accessed", "dirty", "global", "nx",
};

const char *pw_arch_flag_name(unsigned int bit)
{
	return bit < PW_F_NHW ? flag_names[bit] : "?";
}

/* A PMD or PUD entry with the page-size bit maps memory itself. */
static bool huge(enum pw_level level, u64 val)
{
	return level != PW_PTE && (val & _PAGE_PSE);
}

bool pw_arch_protnone(enum pw_level level, u64 val)
{
	/* PROT_NONE and NUMA hinting entries trade PRESENT for PROTNONE. */
	return (level == PW_PTE || huge(level, val)) &&
	       !(val & _PAGE_PRESENT) && (val & _PAGE_PROTNONE);
}

u32 pw_arch_flags(enum pw_level level, u64 val)
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
	/* In a PROT_NONE entry the global bit is the PROTNONE bit. */
	if ((val & _PAGE_GLOBAL) && !pw_arch_protnone(level, val))
		f |= PW_F_GLOBAL;
	if (val & _PAGE_NX)
		f |= PW_F_NX;
	return f;
}

u64 pw_arch_phys_bits(enum pw_level level, u64 val)
{
	return val & PTE_PFN_MASK;
}

void pw_arch_seq_entry(struct seq_file *m, enum pw_level level, u64 val)
{
	bool protnone = pw_arch_protnone(level, val);
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
	f = pw_arch_flags(level, val);
	for (i = 0; i < PW_F_NHW; i++)
		if (f & BIT(i))
			seq_printf(m, " %s", pw_flag_name(i));
	if (huge(level, val))
		seq_puts(m, " huge");
}
