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

/*
 * One descent through the page tables, as mm/ptdump.c feeds note_page():
 * the walker reads each entry once and hands it to a callback of its
 * level's kind. @table sees an entry that points to a lower table, just
 * before the walk descends into it; @leaf sees an entry that decides a
 * range by itself (empty, non-present, a huge leaf, or a pte). Either may
 * be NULL. A callback returns 0 to go on, or a value that stops the walk
 * and that pw_walk() returns.
 *
 * A level the kernel folds (the p4d with 4-level paging) is not reported
 * on its own: its entry is the one above, reported once under the name
 * of the highest level of the fold (pgd).
 */
struct pw_walk;

struct pw_walk_ops {
	int (*table)(struct pw_walk *w, enum pw_level level,
		     unsigned long addr, u64 val);
	int (*leaf)(struct pw_walk *w, const struct pw_leaf *leaf);
};

/*
 * Bounded lock holds (#11): every entry read costs one unit of @budget.
 * Once it is spent, the walk stops at the next entry boundary above the
 * PTE level and returns -EAGAIN with @resume set; the caller may then let
 * the mmap lock go (pw_hold_pause()) and walk on from @resume.
 */
#define PW_HOLD_ENTRIES	1024
/* What a VMA visited and a record printed cost, in entries' worth. */
#define PW_COST_VMA	8
#define PW_COST_RECORD	32

struct pw_walk {
	struct mm_struct *mm;
	const struct pw_walk_ops *ops;
	void *priv;
	struct vm_area_struct *vma;	/* the VMA being walked, if known */
	long budget;
	unsigned long resume;		/* after -EAGAIN: where to go on */
	unsigned long pauses;		/* times the lock was let go */
	bool lost;			/* the lock could not be taken again */
};

/*
 * Walk [addr, end) of @w->mm under mmap_read_lock. Callbacks for PMD- and
 * PTE-level entries run under rcu_read_lock() and must not sleep.
 */
int pw_walk(struct pw_walk *w, unsigned long addr, unsigned long end);

/*
 * Walk every VMA that meets [start, end), letting the lock go whenever
 * the budget is spent and someone waits for the lock or the CPU. @vma_fn
 * (may be NULL) is told of each VMA before it is walked from its start,
 * with @w->vma set; non-zero skips it (> 0) or stops (< 0). Returns 0,
 * a callback's value, -EINTR on a fatal signal, -ESRCH when the address
 * space went while the lock was free (@w->lost is then set: the caller
 * no longer holds the lock).
 */
int pw_walk_vmas(struct pw_walk *w, unsigned long start, unsigned long end,
		 int (*vma_fn)(struct pw_walk *w));

/*
 * A pause point: refill @budget; return -EINTR on a fatal signal;
 * when a writer waits for the mmap lock or the CPU is wanted, let the
 * lock go and take it again. 0 with the lock held, or an error with it
 * dropped (@w->lost set).
 */
int pw_hold_pause(struct pw_walk *w);

/* Every level's entry for one address, from the top down to the leaf. */
struct pw_xlate {
	unsigned long va;
	int depth;			/* entries read, from the top */
	enum pw_level level[PW_NLEVELS];
	unsigned int index[PW_NLEVELS];
	u64 val[PW_NLEVELS];
};

/* One walk of the page at @va, recording each entry it reads once. */
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

/*
 * Decoded bits, hardware ones first, then facts derived from the page.
 * Four hardware bits mean the same on every architecture: the CPU may
 * write (as pte_write() says), user mode may access, the reference bit,
 * the dirty state (as pte_dirty() says). Bits 2, 3, 6 and 7 are the
 * architecture's own, named by its file (pw_arch_flag_name()): x86-64
 * pwt pcd global nx, arm64 ng cont pxn uxn.
 */
#define PW_F_RW		BIT(0)
#define PW_F_USER	BIT(1)
#define PW_F_ACCESSED	BIT(4)
#define PW_F_DIRTY	BIT(5)
#define PW_F_NHW	8	/* bits below this are the hardware's */
#define PW_F_ZERO	BIT(8)	/* the shared zero page */
#define PW_F_COW	BIT(9)	/* read-only in a private writable VMA */
#define PW_F_ANON	BIT(10)
#define PW_F_FILE	BIT(11)

/*
 * The kernel's replacement state of a present page's folio (pagestate.c),
 * read from the folio's flags word with the public accessors: a snapshot,
 * as /proc/kpageflags is.
 */
#define PW_K_LRU		BIT(0)	/* on an LRU list */
#define PW_K_ACTIVE		BIT(1)	/* on the active list (classic LRU) */
#define PW_K_REFERENCED		BIT(2)	/* PG_referenced: the software bit */
#define PW_K_WORKINGSET		BIT(3)	/* refaulted soon after eviction */
#define PW_K_UNEVICTABLE	BIT(4)	/* mlocked, ramfs, SHM_LOCK... */
#define PW_K_SWAPBACKED		BIT(5)	/* anon or shmem: evicted to swap */
#define PW_K_SWAPCACHE		BIT(6)	/* has a swap slot too */
#define PW_K_KSM		BIT(7)	/* merged by KSM: shared, read-only */
#define PW_K_NBITS		8

struct pw_kstate {
	u32 bits;		/* PW_K_* */
	int gen;		/* MGLRU generation, -1 when not on one */
	int mapcount;		/* page-table entries mapping this page */
};

struct pw_page {
	enum pw_state state;
	enum pw_level level;	/* of the leaf entry; PW_NLEVELS when none */
	u32 flags;
	u64 pfn;		/* first page's frame, or swap offset */
	unsigned int swap_type;
};

/* The replacement state of the frame of a present @pg, or false. */
bool pw_kstate(const struct pw_page *pg, const struct vm_area_struct *vma,
	       struct pw_kstate *ks);
/* " lru active ... gen=N mapcount=N" (leading space; nothing if none). */
void pw_seq_kstate(struct seq_file *m, const struct pw_kstate *ks);

void pw_decode(const struct pw_leaf *leaf, const struct vm_area_struct *vma,
	       struct pw_page *pg);

/*
 * The architecture's page-table entry format (arch_x86.c, arch_arm64.c).
 * Everything else reads entries through the kernel's generic accessors
 * (pte_present(), pmd_leaf(), pte_pfn(), ...).
 */
/* The name of hardware bit @bit (< PW_F_NHW) of the flags column. */
const char *pw_arch_flag_name(unsigned int bit);
/* Hardware bits of a leaf entry, as PW_F_* flags. */
u32 pw_arch_flags(enum pw_level level, u64 val);
/* Present to the kernel but not to the CPU (PROT_NONE, NUMA hinting). */
bool pw_arch_protnone(enum pw_level level, u64 val);
/* The bits of an entry, table or leaf, that hold a physical address. */
u64 pw_arch_phys_bits(enum pw_level level, u64 val);
/* Print the bits of any entry as the hardware reads them. */
void pw_arch_seq_entry(struct seq_file *m, enum pw_level level, u64 val);
/* The name of PW_F_* bit @bit, for the bits the architecture sets. */
const char *pw_flag_name(unsigned int bit);
bool pw_page_present(const struct pw_page *pg);
/* The flags column; a swap slot only when @acc may see frames. */
void pw_seq_flags(struct seq_file *m, const struct pw_page *pg,
		  const struct osedu_access *acc);
/* The pfn column: a frame, a swap offset, or 0 when @acc may not see it. */
u64 pw_shown_pfn(const struct pw_page *pg, const struct osedu_access *acc);
const char *pw_level_name(enum pw_level level);
const char *pw_state_name(enum pw_state state);
/* Levels the hardware walks for @mm (the kernel folds the others). */
unsigned int pw_paging_levels(struct mm_struct *mm);
bool pw_level_folded(struct mm_struct *mm, enum pw_level level);
/* The index in its table of the entry at @level for @va. */
unsigned int pw_index(struct mm_struct *mm, enum pw_level level,
		      unsigned long va);
/* The lowest bit of a virtual address that @level's index uses. */
unsigned int pw_level_shift(struct mm_struct *mm, enum pw_level level);
/* How many address bits @level's index uses. */
unsigned int pw_level_bits(struct mm_struct *mm, enum pw_level level);

/* VMAs: what the lectures call each region. */
const char *pw_vma_label(const struct vm_area_struct *vma);
void pw_seq_vma(struct seq_file *m, struct vm_area_struct *vma);

/* Worked translation of @va, with frames zeroed unless @acc allows. */
void pw_seq_translation(struct seq_file *m, struct mm_struct *mm,
			unsigned long va, const struct osedu_access *acc);
/*
 * The first present page of the first VMA labelled @label in *@va (0 if
 * none), walked with @w's budget and pauses; 0 or pw_walk_vmas()'s error.
 */
int pw_first_present(struct pw_walk *w, const char *label,
		     unsigned long *va);

/* Register/unregister the per-task view and the query file. */
struct proc_dir_entry;
int pw_view_init(void);
void pw_view_exit(void);
struct proc_dir_entry *pw_view_dir(void);
int pw_query_init(struct proc_dir_entry *dir);
void pw_query_exit(void);

#endif /* _OSEDU_PAGEWALK_H */
