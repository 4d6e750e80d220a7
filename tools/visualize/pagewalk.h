/* SPDX-License-Identifier: GPL-2.0 */
/* visualize pagewalk: the model and what its files share (pagewalk.c). */
#ifndef OSEDU_VIZ_PAGEWALK_H
#define OSEDU_VIZ_PAGEWALK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "viz.h"

#define PW_CELLS	32	/* width of a region's present-pages bar */
#define PW_MAX_STEPS	6	/* pgd p4d pud pmd pte, and a spare */

struct pw_run {
	uint64_t start, end, pages, pfn;
	char level[8];
	char state[12];
};

struct pw_vma {
	uint64_t start, end, pages;
	char perms[8];
	char label[12];
	const char *path;
	const char *vm_flags;
	struct pw_run *run;
	size_t nrun, cap;
	/* Pages by state, summed from the runs. */
	uint64_t in_ram, swapped, absent;
};

struct pw_step {
	char level[8];
	bool folded;		/* "p4d folded into pgd" */
	unsigned int index;
	int hi, lo;		/* va_bits */
	uint64_t entry;
	const char *decoded;
	size_t line;		/* in the file, for errors */
};

struct pw_xlate {
	char label[12];
	bool none;		/* "va: none (no present page)" */
	bool has_va, has_pfn, has_phys, has_swap, has_offset;
	uint64_t va, pfn, phys, swap, offset;
	int off_bits;		/* the offset's width: 12, 21 or 30 */
	const char *in_vma, *leaf, *state, *flags;
	struct pw_step step[PW_MAX_STEPS];
	int nstep;
};

struct pw {
	const char *pid, *comm, *mm;
	int levels;
	uint64_t page_size;
	/*
	 * The split of a virtual address the page size and level count
	 * imply (pw_split()): the offset is page_shift bits, each level
	 * below the top indexes level_bits more, the top at most as many.
	 */
	int page_shift, level_bits;
	uint64_t mapped, present, not_present, swapped, cow, min_flt, maj_flt;
	struct pw_vma *vma;
	size_t nvma, cap;
	struct pw_xlate x[4];
	int nx;
};

/*
 * The page map (pagewalk_pages.c): each page's replacement state, from
 * pagewalk/query, as cells and runs per region.
 */
#define PM_COLS		64	/* cells per line of a region's map */
#define PM_LINES	4	/* lines per region at most */
#define PM_CELLS	(PM_COLS * PM_LINES)
#define PM_RUNS		12	/* runs listed per region */
#define PM_REGIONS	48	/* regions drawn */
#define PM_MAX_PAGES	(4 * OSEDU_PWQ_MAX_PAGES)	/* asked in all */

enum pm_kind { PM_NONE, PM_PRESENT, PM_SWAP, PM_OTHER, PM_UNKNOWN };
enum pm_list { PM_L_OFF, PM_L_ACTIVE, PM_L_INACTIVE, PM_L_UNEVICTABLE,
	       PM_L_GEN, PM_L_NOFRAME, PM_L_NA };

/* What one page shows; equal states make one run (compared whole). */
struct pm_state {
	uint8_t kind;		/* enum pm_kind */
	uint8_t list;		/* enum pm_list */
	uint8_t gen;		/* PM_L_GEN: the generation slot */
	uint8_t rm;		/* NUR class 2R + M */
	uint8_t zero, file;
	uint16_t k;		/* OSEDU_PWK_* */
	int32_t mapcount;	/* -1: none */
	int32_t swap_type;	/* -1: hidden */
};

struct pm_run {
	uint64_t start, pages;
	uint64_t slot;		/* PM_SWAP: the first page's slot */
	struct pm_state s;
};

struct pm_region {
	size_t vma;		/* index in struct pw's vma */
	struct pm_run *run;
	size_t nrun, cap;
	uint64_t pages, per_cell;
	int ncell;
	struct pm_state cell[PM_CELLS];
};

struct pw_pages {
	bool have;		/* per-page state was read */
	char why[320];		/* why not, when not */
	struct pm_region *reg;
	size_t nreg;
	size_t left_out;	/* regions with nothing in RAM or swap */
	size_t not_drawn;	/* regions past PM_REGIONS */
	uint64_t unknown;	/* pages in RAM whose state was not read */
	bool capped;		/* PM_MAX_PAGES reached */
	bool mglru, slots_hidden;
	/* Totals over the regions. */
	uint64_t cls[4], list[PM_L_NA + 1], gen[4], swapped, k[8];
};

/* pagewalk_pages.c */
int pm_load(const struct viz *v, const struct pw *p, struct pw_pages *m,
	    const char *fuzz_text);
void pm_free(struct pw_pages *m);
char pm_nur_glyph(const struct pm_state *s);
char pm_list_glyph(const struct pm_state *s);
const char *pm_list_name(const struct viz *v, const struct pm_state *s,
			 char *buf, size_t n);
/* The kernel's other words of S ("referenced swapbacked mapcount=1"). */
void pm_words(const struct pm_state *s, char *buf, size_t n);
const char *pm_nur_fill(const struct pm_state *s);
const char *pm_list_fill(const struct pm_state *s);

/* pagewalk_pages_draw.c */
void pm_text(const struct viz *v, const struct pw *p,
	     const struct pw_pages *m);
double pm_svg_height(const struct pw_pages *m);
void pm_svg(const struct viz *v, const struct pw *p,
	    const struct pw_pages *m, double y);
void pm_html(const struct viz *v, const struct pw *p,
	     const struct pw_pages *m);

/* pagewalk_parse.c */
void pw_free(struct pw *p);
void copy(char *dst, size_t n, const char *src);
int pw_parse(struct pw *p, const struct osedu_doc *d, const char *name);
int pw_field_lo(const struct pw *p, int from_bottom);

/* pagewalk_draw.c */
struct pw_kind {
	const char *label, *en, *ko;
	enum viz_color color;
	const char *fill;	/* SVG */
};

void human(char *buf, size_t n, uint64_t bytes);
const struct pw_kind *kind(const char *label);
bool frames_hidden(const struct pw *p);
bool arm64_flags(const struct pw *p);
int bar(const struct pw *p, const struct pw_vma *v, int *cell);
const char *level_name(const char *l);
const char *x_label(const struct viz *v, const char *label);
extern const enum viz_color field_color[];
extern const char *const field_fill[];

/* pagewalk_text.c */
void bits(char *buf, uint64_t va, int hi, int lo);
void text_render(const struct viz *v, const struct pw *p,
		 const struct pw_pages *m);

/* pagewalk_svg.c */
void svg_render(const struct viz *v, const struct pw *p,
		const struct pw_pages *m);

#endif /* OSEDU_VIZ_PAGEWALK_H */
