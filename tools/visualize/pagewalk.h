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
	uint64_t mapped, present, not_present, swapped, cow, min_flt, maj_flt;
	struct pw_vma *vma;
	size_t nvma, cap;
	struct pw_xlate x[4];
	int nx;
};

/* pagewalk_parse.c */
void pw_free(struct pw *p);
void copy(char *dst, size_t n, const char *src);
int pw_parse(struct pw *p, const struct osedu_doc *d, const char *name);

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
void text_render(const struct viz *v, const struct pw *p);

/* pagewalk_svg.c */
void svg_render(const struct viz *v, const struct pw *p);

#endif /* OSEDU_VIZ_PAGEWALK_H */
