// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk, the words and colours that text, SVG and HTML
 * share: sizes, region kinds, the bit fields of an address, the present-
 * pages bar.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "pagewalk.h"

/* ------------------------------------------------------------------ */
/* Words */

void human(char *buf, size_t n, uint64_t bytes)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB",
					    "PiB", "EiB" };
	double v = bytes;
	int u = 0;

	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	if (!u || v >= 100 || v == (uint64_t)v)
		snprintf(buf, n, "%.0f %s", v, unit[u]);
	else
		snprintf(buf, n, "%.1f %s", v, unit[u]);
}

static const struct pw_kind pw_kinds[] = {
	{ "text", "code (text)", "코드 (text)", VIZ_BLUE, "#9ec5fe" },
	{ "data", "data (initialised globals)", "데이터 (초기화된 전역 변수)",
	  VIZ_CYAN, "#a6e9d5" },
	{ "bss", "BSS (uninitialised globals)", "BSS (초기화되지 않은 전역 변수)",
	  VIZ_CYAN, "#c3f0e0" },
	{ "heap", "heap (malloc, brk)", "힙 (malloc, brk)", VIZ_GREEN,
	  "#b8e0a8" },
	{ "stack", "stack", "스택", VIZ_MAGENTA, "#e2b6f0" },
	{ "shm", "shared memory", "공유 메모리", VIZ_YELLOW, "#ffe08a" },
	{ "file", "mapped file", "매핑된 파일", VIZ_BLUE, "#d6e4f5" },
	{ "anon", "anonymous mapping (mmap)", "익명 매핑 (mmap)", VIZ_YELLOW,
	  "#fff1b8" },
	{ "vdso", "vDSO (kernel code for fast calls)",
	  "vDSO (빠른 호출용 커널 코드)", VIZ_DIM, "#e4e4e4" },
	{ "vvar", "vvar (kernel data for the vDSO)", "vvar (vDSO용 커널 데이터)",
	  VIZ_DIM, "#e4e4e4" },
	{ "guard", "guard (no access)", "가드 (접근 불가)", VIZ_DIM, "#f4f4f4" },
};

const struct pw_kind *kind(const char *label)
{
	static const struct pw_kind other = { "?", "other", "기타", VIZ_DIM,
					      "#eeeeee" };

	for (size_t i = 0; i < ARRAY_SIZE(pw_kinds); i++)
		if (!strcmp(pw_kinds[i].label, label))
			return &pw_kinds[i];
	return &other;
}

/* Colours of the address fields, top level first, then the offset. */
const enum viz_color field_color[] = { VIZ_RED, VIZ_YELLOW, VIZ_GREEN,
					       VIZ_CYAN, VIZ_MAGENTA,
					       VIZ_BLUE };
const char *const field_fill[] = { "#f4a6a6", "#f6d38b", "#a8dc9b",
					  "#9fdde6", "#dcb0ee", "#a9c4f5" };

bool frames_hidden(const struct pw *p)
{
	for (int i = 0; i < p->nx; i++)
		if (p->x[i].has_pfn && p->x[i].pfn)
			return false;
	for (size_t i = 0; i < p->nvma; i++)
		for (size_t j = 0; j < p->vma[i].nrun; j++)
			if (p->vma[i].run[j].pfn)
				return false;
	return true;
}

/* arm64's descriptors: a worked translation's flags name uxn or pxn. */
bool arm64_flags(const struct pw *p)
{
	for (int i = 0; i < p->nx; i++) {
		const char *f = p->x[i].flags;

		if (f && (strstr(f, "uxn") || strstr(f, "pxn")))
			return true;
	}
	return false;
}

/* Per cell of a VMA's bar: 2 all in RAM, 1 some, 3 swapped, 0 none. */
int bar(const struct pw *p, const struct pw_vma *v, int *cell)
{
	uint64_t pages = (v->end - v->start) / p->page_size, ram[PW_CELLS];
	uint64_t swp[PW_CELLS], per[PW_CELLS];
	int n = pages < PW_CELLS ? (int)pages : PW_CELLS;

	if (n <= 0)
		return 0;
	for (int c = 0; c < n; c++) {
		uint64_t a = pages * c / n, b = pages * (c + 1) / n;

		ram[c] = 0;
		swp[c] = 0;
		per[c] = b - a;
	}
	for (size_t i = 0; i < v->nrun; i++) {
		const struct pw_run *r = &v->run[i];
		uint64_t a = (r->start - v->start) / p->page_size;
		uint64_t b = (r->end - v->start) / p->page_size;
		bool in = !strcmp(r->state, "present") ||
			  !strcmp(r->state, "protnone");
		bool sw = !strcmp(r->state, "swap");

		if (!in && !sw)
			continue;
		for (int c = 0; c < n; c++) {
			uint64_t ca = pages * c / n, cb = pages * (c + 1) / n;
			uint64_t lo = a > ca ? a : ca, hi = b < cb ? b : cb;

			if (lo >= hi)
				continue;
			if (in)
				ram[c] += hi - lo;
			else
				swp[c] += hi - lo;
		}
	}
	for (int c = 0; c < n; c++)
		cell[c] = ram[c] >= per[c] ? 2 : ram[c] ? 1 : swp[c] ? 3 : 0;
	return n;
}

const char *level_name(const char *l)
{
	return !strcmp(l, "pgd") ? "PGD" : !strcmp(l, "p4d") ? "P4D" :
	       !strcmp(l, "pud") ? "PUD" : !strcmp(l, "pmd") ? "PMD" :
	       !strcmp(l, "pte") ? "PTE" : "?";
}

const char *x_label(const struct viz *v, const char *label)
{
	const struct pw_kind *k = kind(label);

	if (!strcmp(k->label, "?"))
		return label;
	return viz_tr(v, k->label, !strcmp(label, "text") ? "코드" :
		      !strcmp(label, "data") ? "데이터" :
		      !strcmp(label, "heap") ? "힙" :
		      !strcmp(label, "stack") ? "스택" : k->ko);
}
