/* SPDX-License-Identifier: GPL-2.0 */
/*
 * osedu_pagewalk internals: a lockless page-table walker for user address
 * spaces, the decoding of what it finds, and the printers the per-task
 * view and the query file share.
 */
#ifndef _OSEDU_PAGEWALK_H
#define _OSEDU_PAGEWALK_H

#include <linux/mm_types.h>
#include <linux/seq_file.h>
#include <linux/types.h>

#include <osedu/core.h>

/* Page-table levels, leaf first. */
enum pw_level {
	PW_PTE,
	PW_PMD,
	PW_PUD,
	PW_P4D,
	PW_PGD,
	PW_NLEVELS,
};

/*
 * One step of a walk: the range [addr, addr + size) that a single entry
 * at @level decides. @val is that entry's raw value; 0 for an empty entry,
 * which may sit at any level (a whole empty table is skipped at once).
 */
struct pw_leaf {
	unsigned long addr;
	unsigned long size;
	enum pw_level level;
	u64 val;
};

/* Return non-zero to stop the walk; pw_walk() returns that value. */
typedef int (*pw_leaf_fn)(const struct pw_leaf *leaf, void *arg);

/*
 * Walk [addr, end) of @mm. The caller holds mmap_read_lock(mm). @fn runs
 * under rcu_read_lock() for PMD- and PTE-level entries, so it must not sleep.
 */
int pw_walk(struct mm_struct *mm, unsigned long addr, unsigned long end,
	    pw_leaf_fn fn, void *arg);

/* Every level's entry for one address, from the top down to the leaf. */
struct pw_xlate {
	unsigned long va;
	int depth;			/* entries read, from the top */
	enum pw_level level[PW_NLEVELS];
	unsigned int index[PW_NLEVELS];
	u64 val[PW_NLEVELS];
};

void pw_translate(struct mm_struct *mm, unsigned long va, struct pw_xlate *x);

/* What one page (or a leaf's worth of pages) is. */
enum pw_state {
	PW_NONE,		/* nothing there yet: demand paging */
	PW_PRESENT,
	PW_PROTNONE,		/* in memory, PROT_NONE: no access */
	PW_SWAP,
	PW_MIGRATION,
	PW_OTHER,		/* another non-present entry (marker) */
};

/* Decoded bits, hardware ones first, then facts derived from the page. */
#define PW_F_RW		BIT(0)
#define PW_F_USER	BIT(1)
#define PW_F_PWT	BIT(2)
#define PW_F_PCD	BIT(3)
#define PW_F_ACCESSED	BIT(4)
#define PW_F_DIRTY	BIT(5)
#define PW_F_GLOBAL	BIT(6)
#define PW_F_NX		BIT(7)
#define PW_F_ZERO	BIT(8)	/* the shared zero page */
#define PW_F_COW	BIT(9)	/* read-only in a private writable VMA */
#define PW_F_ANON	BIT(10)
#define PW_F_FILE	BIT(11)

struct pw_page {
	enum pw_state state;
	enum pw_level level;	/* of the leaf entry; PW_NLEVELS when none */
	u32 flags;
	u64 pfn;		/* first page's frame, or swap offset */
	unsigned int swap_type;
};

void pw_decode(const struct pw_leaf *leaf, const struct vm_area_struct *vma,
	       struct pw_page *pg);
bool pw_page_present(const struct pw_page *pg);
void pw_seq_flags(struct seq_file *m, const struct pw_page *pg);
void pw_seq_entry_bits(struct seq_file *m, enum pw_level level, u64 val);
const char *pw_level_name(enum pw_level level);
const char *pw_state_name(enum pw_state state);
unsigned int pw_paging_levels(void);
unsigned int pw_index(enum pw_level level, unsigned long va);

/* VMAs: what the lectures call each region. */
const char *pw_vma_label(const struct vm_area_struct *vma);
void pw_seq_vma(struct seq_file *m, struct vm_area_struct *vma);

/* Worked translation of @va, with frames zeroed unless @acc allows. */
void pw_seq_translation(struct seq_file *m, struct mm_struct *mm,
			unsigned long va, const struct osedu_access *acc);
/* The first present page of the first VMA labelled @label, or 0. */
unsigned long pw_first_present(struct mm_struct *mm, const char *label);

/* Register/unregister the per-task view and the query file. */
struct proc_dir_entry;
int pw_view_init(void);
void pw_view_exit(void);
struct proc_dir_entry *pw_view_dir(void);
int pw_query_init(struct proc_dir_entry *dir);
void pw_query_exit(void);

#endif /* _OSEDU_PAGEWALK_H */
