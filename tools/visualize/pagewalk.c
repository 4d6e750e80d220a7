// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk PID: a process's address space drawn like the
 * lecture's process-memory picture (high addresses on top, holes between
 * the regions), which of its pages are in RAM, and the worked page-table
 * walks of /proc/osedu/pagewalk/<pid> with the virtual address cut into its
 * bit fields. Format: docs/proc-format.md, section "pagewalk".
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
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

static void pw_free(struct pw *p)
{
	for (size_t i = 0; i < p->nvma; i++)
		free(p->vma[i].run);
	free(p->vma);
	memset(p, 0, sizeof(*p));
}

/* "KEY: VALUE" -> VALUE, if LINE starts with KEY and ": ". */
static const char *keyval(const char *line, const char *key)
{
	size_t n = strlen(key);

	if (strncmp(line, key, n) || line[n] != ':')
		return NULL;
	return line[n + 1] == ' ' ? line + n + 2 : line + n + 1;
}

static bool key(const char *line, const char *k, const char **val)
{
	*val = keyval(line, k);
	return *val;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

/* "0xSTART-0xEND" */
static bool range(const char *s, uint64_t *a, uint64_t *b)
{
	char buf[64];
	const char *dash = strchr(s, '-');

	if (!dash || (size_t)(dash - s) >= sizeof(buf))
		return false;
	memcpy(buf, s, dash - s);
	buf[dash - s] = '\0';
	return osedu_u64(buf, a) && osedu_u64(dash + 1, b) && *a < *b;
}

static int bad(const char *name, size_t line, const char *what)
{
	viz_err("%s: line %zu: %s", name, line + 1, what);
	return -1;
}

/* "vma: START-END PERMS LABEL PATH" */
static int parse_vma(struct pw *p, const char *name, size_t ln,
		     const char *val)
{
	struct osedu_cols c;
	struct pw_vma *v;
	int rc = -1;

	/* Runs are counted in pages: page_size must come first. */
	if (!p->page_size)
		return bad(name, ln, "a VMA before page_size");
	if (p->nvma == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 32;
		struct pw_vma *nv = realloc(p->vma, cap * sizeof(*nv));

		if (!nv)
			return bad(name, ln, "out of memory");
		p->vma = nv;
		p->cap = cap;
	}
	v = &p->vma[p->nvma];
	memset(v, 0, sizeof(*v));
	if (osedu_split(&c, val) < 0)
		return bad(name, ln, "out of memory");
	if (c.n < 4 || !range(c.col[0], &v->start, &v->end) ||
	    strlen(c.col[1]) != 4) {
		bad(name, ln, "malformed \"vma:\" line");
		goto out;
	}
	if (p->nvma && v->start < p->vma[p->nvma - 1].end) {
		bad(name, ln, "VMAs out of address order");
		goto out;
	}
	copy(v->perms, sizeof(v->perms), c.col[1]);
	copy(v->label, sizeof(v->label), c.col[2]);
	/* The path runs to the end of the line and may hold spaces. */
	v->path = val;
	for (int i = 0; i < 3; i++) {
		v->path += strspn(v->path, " ");
		v->path += strcspn(v->path, " ");
	}
	v->path += strspn(v->path, " ");
	v->vm_flags = "";
	p->nvma++;
	rc = 0;
out:
	osedu_cols_free(&c);
	return rc;
}

/* "  START END PAGES LEVEL STATE PFN FLAGS..." */
static int parse_run(struct pw *p, const char *name, size_t ln,
		     const char *line)
{
	struct pw_vma *v = &p->vma[p->nvma - 1];
	struct osedu_cols c;
	struct pw_run *r;
	int rc = -1;

	if (v->nrun == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 8;
		struct pw_run *nr = realloc(v->run, cap * sizeof(*nr));

		if (!nr)
			return bad(name, ln, "out of memory");
		v->run = nr;
		v->cap = cap;
	}
	r = &v->run[v->nrun];
	if (osedu_split(&c, line) < 0)
		return bad(name, ln, "out of memory");
	if (c.n < 7 || !osedu_u64(c.col[0], &r->start) ||
	    !osedu_u64(c.col[1], &r->end) || !osedu_u64(c.col[2], &r->pages) ||
	    !osedu_u64(c.col[5], &r->pfn) || r->start >= r->end) {
		bad(name, ln, "malformed run (start end pages level state pfn flags)");
		goto out;
	}
	if (r->start < v->start || r->end > v->end) {
		bad(name, ln, "run outside its VMA");
		goto out;
	}
	copy(r->level, sizeof(r->level), c.col[3]);
	copy(r->state, sizeof(r->state), c.col[4]);
	/* Count by address, not by the pages column, so that bars add up. */
	if (!strcmp(r->state, "present") || !strcmp(r->state, "protnone"))
		v->in_ram += (r->end - r->start) / p->page_size;
	else if (!strcmp(r->state, "swap"))
		v->swapped += (r->end - r->start) / p->page_size;
	else
		v->absent += (r->end - r->start) / p->page_size;
	v->nrun++;
	rc = 0;
out:
	osedu_cols_free(&c);
	return rc;
}

/* "  LEVEL INDEX HI-LO ENTRY DECODED..." or "  p4d   folded into pgd ..." */
static int parse_step(struct pw_xlate *x, const char *name, size_t ln,
		      const char *line)
{
	struct pw_step *s;
	struct osedu_cols c;
	uint64_t idx;
	int rc = -1, n;

	if (x->nstep == PW_MAX_STEPS)
		return bad(name, ln, "more page-table levels than x86-64 has");
	s = &x->step[x->nstep];
	memset(s, 0, sizeof(*s));
	if (osedu_split(&c, line) < 0)
		return bad(name, ln, "out of memory");
	if (c.n >= 2 && !strcmp(c.col[1], "folded")) {
		copy(s->level, sizeof(s->level), c.col[0]);
		s->folded = true;
		x->nstep++;
		rc = 0;
		goto out;
	}
	n = -1;
	if (c.n < 5 || !osedu_u64(c.col[1], &idx) || idx > 511 ||
	    sscanf(c.col[2], "%d-%d%n", &s->hi, &s->lo, &n) != 2 ||
	    n < 0 || c.col[2][n] || s->lo < 0 || s->hi > 63 || s->lo > s->hi ||
	    !osedu_u64(c.col[3], &s->entry)) {
		bad(name, ln, "malformed translation row (level index va_bits entry decoded)");
		goto out;
	}
	copy(s->level, sizeof(s->level), c.col[0]);
	s->index = idx;
	/* DECODED is the rest of the line, from the fifth column. */
	s->decoded = line;
	for (int i = 0; i < 4; i++) {
		s->decoded += strspn(s->decoded, " ");
		s->decoded += strcspn(s->decoded, " ");
	}
	s->decoded += strspn(s->decoded, " ");
	x->nstep++;
	rc = 0;
out:
	osedu_cols_free(&c);
	return rc;
}

static int parse_xlate_key(struct pw_xlate *x, const char *name, size_t ln,
			   const char *l)
{
	const char *val;
	int bits, n;

	if (key(l, "va", &val)) {
		x->none = !strncmp(val, "none", 4);
		x->has_va = !x->none && osedu_u64(val, &x->va);
		if (!x->none && !x->has_va)
			return bad(name, ln, "malformed \"va:\"");
	} else if (key(l, "in_vma", &val)) {
		x->in_vma = val;
	} else if (key(l, "offset", &val)) {
		char num[32];

		/* %n is not stored when the literal after %d fails. */
		n = -1;
		if (sscanf(val, "%31s (bits %d-0)%n", num, &bits, &n) != 2 ||
		    n < 0 || val[n] || bits < 0 || bits > 40 ||
		    !osedu_u64(num, &x->offset))
			return bad(name, ln, "malformed \"offset:\"");
		x->off_bits = bits + 1;
		x->has_offset = true;
	} else if (key(l, "leaf", &val)) {
		x->leaf = val;
	} else if (key(l, "state", &val)) {
		x->state = val;
	} else if (key(l, "flags", &val)) {
		x->flags = val;
	} else if (key(l, "pfn", &val)) {
		if (!osedu_u64(val, &x->pfn))
			return bad(name, ln, "malformed \"pfn:\"");
		x->has_pfn = true;
	} else if (key(l, "phys", &val)) {
		if (!osedu_u64(val, &x->phys))
			return bad(name, ln, "malformed \"phys:\"");
		x->has_phys = true;
	} else if (key(l, "swap_offset", &val)) {
		if (!osedu_u64(val, &x->swap))
			return bad(name, ln, "malformed \"swap_offset:\"");
		x->has_swap = true;
	} else if (!strchr(l, ':')) {
		return bad(name, ln, "unexpected line in a translation");
	}
	/* Other keys: added within this format version; ignored. */
	return 0;
}

static int header_u64(const char *name, size_t ln, const char *val,
		      uint64_t *out)
{
	if (!osedu_u64(val, out))
		return bad(name, ln, "malformed number");
	return 0;
}

static int pw_parse(struct pw *p, const struct osedu_doc *d, const char *name)
{
	enum { HEAD, VMA, XLATE } where = HEAD;
	struct pw_xlate *x = NULL;
	const char *val;
	uint64_t u;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	if (strcmp(d->view, "pagewalk")) {
		viz_err("%s: an \"osedu %s\" file, not pagewalk", name, d->view);
		return -1;
	}
	for (size_t i = 1; i < d->nlines && !rc; i++) {
		const char *l = d->lines[i];

		if (!*l)
			continue;
		if (key(l, "vma", &val)) {
			where = VMA;
			rc = parse_vma(p, name, i, val);
		} else if (key(l, "translation", &val)) {
			if (p->nx == 4) {
				rc = bad(name, i, "more than four translations");
				break;
			}
			where = XLATE;
			x = &p->x[p->nx++];
			copy(x->label, sizeof(x->label), val);
		} else if (where == XLATE && l[0] == ' ') {
			if (strncmp(l, "  level ", 8))
				rc = parse_step(x, name, i, l);
		} else if (where == XLATE) {
			rc = parse_xlate_key(x, name, i, l);
		} else if (where == VMA && l[0] == ' ') {
			if (strncmp(l, "  start ", 8))
				rc = parse_run(p, name, i, l);
		} else if (where == VMA) {
			if (key(l, "pages", &val))
				rc = header_u64(name, i, val,
						&p->vma[p->nvma - 1].pages);
			else if (key(l, "vm_flags", &val))
				p->vma[p->nvma - 1].vm_flags = val;
			else if (!strchr(l, ':'))
				rc = bad(name, i, "unexpected line in a VMA block");
		} else if (key(l, "pid", &val)) {
			p->pid = val;
		} else if (key(l, "comm", &val)) {
			p->comm = val;
		} else if (key(l, "mm", &val)) {
			p->mm = val;
		} else if (key(l, "paging_levels", &val)) {
			rc = header_u64(name, i, val, &u);
			if (!rc && u != 4 && u != 5)
				rc = bad(name, i, "paging_levels is not 4 or 5");
			p->levels = u;
		} else if (key(l, "page_size", &val)) {
			rc = header_u64(name, i, val, &p->page_size);
			if (!rc && (p->page_size < 512 ||
				    p->page_size > (1u << 30) ||
				    (p->page_size & (p->page_size - 1))))
				rc = bad(name, i, "page_size is not a power of two");
		} else if (key(l, "pages_mapped", &val)) {
			rc = header_u64(name, i, val, &p->mapped);
		} else if (key(l, "pages_present", &val)) {
			rc = header_u64(name, i, val, &p->present);
		} else if (key(l, "pages_not_present", &val)) {
			rc = header_u64(name, i, val, &p->not_present);
		} else if (key(l, "pages_swapped", &val)) {
			rc = header_u64(name, i, val, &p->swapped);
		} else if (key(l, "pages_cow", &val)) {
			rc = header_u64(name, i, val, &p->cow);
		} else if (key(l, "min_flt", &val)) {
			rc = header_u64(name, i, val, &p->min_flt);
		} else if (key(l, "maj_flt", &val)) {
			rc = header_u64(name, i, val, &p->maj_flt);
		} else if (!strchr(l, ':')) {
			rc = bad(name, i, "unexpected line in the header");
		}
	}
	if (!rc && !p->pid)
		rc = bad(name, d->nlines - 1, "no \"pid:\" line (truncated?)");
	if (!rc && !p->mm && (!p->levels || !p->page_size))
		rc = bad(name, d->nlines - 1,
			 "no paging_levels or page_size (truncated?)");
	val = rc || p->mm ? NULL : osedu_doc_get(d, "vmas");
	if (!rc && !p->mm && (!val || !osedu_u64(val, &u) || u != p->nvma))
		rc = bad(name, d->nlines - 1,
			 "fewer VMAs than \"vmas:\" says (truncated?)");
	if (rc)
		pw_free(p);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Words */

static void human(char *buf, size_t n, uint64_t bytes)
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

struct pw_kind {
	const char *label, *en, *ko;
	enum viz_color color;
	const char *fill;	/* SVG */
};

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

static const struct pw_kind *kind(const char *label)
{
	static const struct pw_kind other = { "?", "other", "기타", VIZ_DIM,
					      "#eeeeee" };

	for (size_t i = 0; i < ARRAY_SIZE(pw_kinds); i++)
		if (!strcmp(pw_kinds[i].label, label))
			return &pw_kinds[i];
	return &other;
}

/* Colours of the address fields, top level first, then the offset. */
static const enum viz_color field_color[] = { VIZ_RED, VIZ_YELLOW, VIZ_GREEN,
					       VIZ_CYAN, VIZ_MAGENTA,
					       VIZ_BLUE };
static const char *const field_fill[] = { "#f4a6a6", "#f6d38b", "#a8dc9b",
					  "#9fdde6", "#dcb0ee", "#a9c4f5" };

static bool frames_hidden(const struct pw *p)
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

/* Per cell of a VMA's bar: 2 all in RAM, 1 some, 3 swapped, 0 none. */
static int bar(const struct pw *p, const struct pw_vma *v, int *cell)
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

static const char *level_name(const char *l)
{
	return !strcmp(l, "pgd") ? "PGD" : !strcmp(l, "p4d") ? "P4D" :
	       !strcmp(l, "pud") ? "PUD" : !strcmp(l, "pmd") ? "PMD" :
	       !strcmp(l, "pte") ? "PTE" : "?";
}

static const char *x_label(const struct viz *v, const char *label)
{
	const struct pw_kind *k = kind(label);

	if (!strcmp(k->label, "?"))
		return label;
	return viz_tr(v, k->label, !strcmp(label, "text") ? "코드" :
		      !strcmp(label, "data") ? "데이터" :
		      !strcmp(label, "heap") ? "힙" :
		      !strcmp(label, "stack") ? "스택" : k->ko);
}

/* ------------------------------------------------------------------ */
/* Text */

static void text_header(const struct viz *v, const struct pw *p)
{
	char title[256];

	snprintf(title, sizeof(title),
		 viz_tr(v, "Address space of process %s (%s)",
			"프로세스 %s (%s)의 주소 공간"),
		 p->pid, p->comm ? p->comm : "?");
	viz_heading(v, title, title);
}

static void text_map(const struct viz *v, const struct pw *p)
{
	char size[32], gap[32];
	int cell[PW_CELLS];
	FILE *f = v->out;

	fprintf(f, viz_tr(v, "%d-level paging, ", "%d단계 페이징, "),
		p->levels);
	fprintf(f, viz_tr(v, "%" PRIu64 "-byte pages; ",
			  "페이지 크기 %" PRIu64 " 바이트; "), p->page_size);
	fprintf(f, viz_tr(v, "%" PRIu64 " pages mapped: %" PRIu64 " present, %" PRIu64 " not present, %" PRIu64 " swapped out.\n",
			  "매핑된 페이지 %" PRIu64 "개: 메모리에 있음 %" PRIu64 ", 없음 %" PRIu64 ", 스왑 %" PRIu64 ".\n"),
		p->mapped, p->present, p->not_present, p->swapped);
	fprintf(f, viz_tr(v, "Page faults so far: %" PRIu64 " minor, %" PRIu64 " major.\n",
			  "지금까지의 페이지 폴트: minor %" PRIu64 ", major %" PRIu64 ".\n"),
		p->min_flt, p->maj_flt);
	fprintf(f, "\n%s%s%s\n", viz_c(v, VIZ_DIM),
		viz_tr(v, "  high addresses", "  높은 주소"),
		viz_c(v, VIZ_RESET));
	for (size_t i = p->nvma; i--;) {
		const struct pw_vma *m = &p->vma[i];
		const struct pw_kind *k = kind(m->label);
		int n = bar(p, m, cell);

		if (i + 1 == p->nvma || p->vma[i + 1].start != m->end)
			fprintf(f, "  0x%016" PRIx64 " ┌───────────────────────┐\n",
				m->end);
		human(size, sizeof(size), m->end - m->start);
		fprintf(f, "  %18s │ %s%-6.6s%s %-4s %9s │ ", "",
			viz_c(v, k->color), m->label, viz_c(v, VIZ_RESET),
			m->perms, size);
		for (int c = 0; c < n; c++) {
			static const char *const g[] = { "·", "▒", "█", "s" };
			static const enum viz_color gc[] = {
				VIZ_DIM, VIZ_GREEN, VIZ_GREEN, VIZ_YELLOW };

			fprintf(f, "%s%s%s", viz_c(v, gc[cell[c]]),
				g[cell[c]], viz_c(v, VIZ_RESET));
		}
		fprintf(f, "%*s %" PRIu64 "/%" PRIu64, PW_CELLS - n, "",
			m->in_ram, (m->end - m->start) / p->page_size);
		if (*m->path && strcmp(m->path, "-"))
			fprintf(f, " %s", m->path);
		fputc('\n', f);
		if (i && p->vma[i - 1].end == m->start) {
			fprintf(f, "  0x%016" PRIx64 " ├───────────────────────┤\n",
				m->start);
			continue;
		}
		fprintf(f, "  0x%016" PRIx64 " └───────────────────────┘\n",
			m->start);
		if (i) {
			human(gap, sizeof(gap), m->start - p->vma[i - 1].end);
			fprintf(f, "  %18s %s   ⋮ %s %s%s\n", "",
				viz_c(v, VIZ_DIM),
				viz_tr(v, "hole, not mapped:", "빈 공간 (매핑 없음):"),
				gap, viz_c(v, VIZ_RESET));
		}
	}
	fprintf(f, "%s%s%s\n", viz_c(v, VIZ_DIM),
		viz_tr(v, "  low addresses", "  낮은 주소"), viz_c(v, VIZ_RESET));
	fprintf(f, "%s\n", viz_tr(v,
		"  bar: █ page in RAM  ▒ some pages in RAM  · not present  s swapped out; n/m = pages in RAM / pages in the region",
		"  막대: █ 메모리에 있음  ▒ 일부만 있음  · 없음(not present)  s 스왑됨; n/m = 메모리에 있는 페이지 / 영역의 페이지"));
}

/* The bits of VA from HI down to LO, as 0s and 1s. */
static void bits(char *buf, uint64_t va, int hi, int lo)
{
	int n = 0;

	for (int b = hi; b >= lo; b--)
		buf[n++] = va >> b & 1 ? '1' : '0';
	buf[n] = '\0';
}

static void text_xlate(const struct viz *v, const struct pw *p,
		       const struct pw_xlate *x)
{
	char title[160], b[72];
	int field = 0, depth = 0, w;
	FILE *f = v->out;

	snprintf(title, sizeof(title),
		 viz_tr(v, "Translation of a %s address", "%s 주소의 변환"),
		 x_label(v, x->label));
	viz_heading(v, title, title);
	if (x->none || !x->has_va) {
		fprintf(f, viz_tr(v,
			"No page of the %s region is in memory, so there is nothing to translate.\n",
			"%s 영역의 페이지가 하나도 메모리에 없어 변환할 것이 없습니다.\n"),
			x_label(v, x->label));
		return;
	}
	fprintf(f, "%s 0x%016" PRIx64 "   %s%s\n",
		viz_tr(v, "virtual address", "가상 주소"), x->va,
		x->in_vma ? viz_tr(v, "in ", "영역 ") : "",
		x->in_vma ? x->in_vma : "");

	/* The bit fields: one column per level that indexes, then offset. */
	fprintf(f, "  %-8s", viz_tr(v, "bits", "비트"));
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded)
			continue;
		w = s->hi - s->lo + 1;
		snprintf(title, sizeof(title), "%d-%d", s->hi, s->lo);
		fprintf(f, "%s%-*s%s ", viz_c(v, field_color[field % 6]),
			w, title, viz_c(v, VIZ_RESET));
		field++;
	}
	if (x->has_offset) {
		snprintf(title, sizeof(title), "%d-0", x->off_bits - 1);
		fprintf(f, "%s%s%s", viz_c(v, VIZ_BLUE), title,
			viz_c(v, VIZ_RESET));
	}
	fprintf(f, "\n  %-8s", viz_tr(v, "binary", "2진수"));
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded)
			continue;
		bits(b, x->va, s->hi, s->lo);
		fprintf(f, "%s%s%s ", viz_c(v, field_color[field % 6]), b,
			viz_c(v, VIZ_RESET));
		field++;
	}
	if (x->has_offset) {
		bits(b, x->va, x->off_bits - 1, 0);
		fprintf(f, "%s%s%s", viz_c(v, VIZ_BLUE), b,
			viz_c(v, VIZ_RESET));
	}
	fprintf(f, "\n  %-8s", viz_tr(v, "meaning", "의미"));
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded)
			continue;
		snprintf(title, sizeof(title), "%s[%u]", level_name(s->level),
			 s->index);
		fprintf(f, "%s%-*s%s ", viz_c(v, field_color[field % 6]),
			s->hi - s->lo + 1, title, viz_c(v, VIZ_RESET));
		field++;
	}
	if (x->has_offset)
		fprintf(f, "%s%s 0x%" PRIx64 "%s", viz_c(v, VIZ_BLUE),
			viz_tr(v, "offset", "변위"), x->offset,
			viz_c(v, VIZ_RESET));
	fputc('\n', f);

	/* The walk: one table per level, each entry pointing at the next. */
	fprintf(f, "\n  CR3 %s\n", viz_tr(v,
		"(the CPU register holding this process's top table)",
		"(이 프로세스의 최상위 페이지 테이블을 가리키는 CPU 레지스터)"));
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		fprintf(f, "  %*s└─► ", depth * 3, "");
		if (s->folded) {
			fprintf(f, "%s%s%s\n", viz_c(v, VIZ_DIM), viz_tr(v,
				"P4D: folded into the PGD (4-level paging has no separate P4D table)",
				"P4D: PGD에 합쳐짐 (4단계 페이징에는 P4D 테이블이 따로 없음)"),
				viz_c(v, VIZ_RESET));
			continue;
		}
		snprintf(title, sizeof(title), "%s[%u]", level_name(s->level),
			 s->index);
		fprintf(f, "%s%-9s%s %s 0x%016" PRIx64 "  %s\n",
			viz_c(v, field_color[field % 6]), title,
			viz_c(v, VIZ_RESET), viz_tr(v, "entry", "엔트리"),
			s->entry, s->decoded);
		field++;
		depth++;
	}
	fprintf(f, "  %*s└─► ", depth * 3, "");
	if (x->state && strcmp(x->state, "present") &&
	    strcmp(x->state, "protnone")) {
		fprintf(f, viz_tr(v,
			"%s: no frame. An access is a page fault, and the kernel brings the page in.\n",
			"%s: 프레임 없음. 접근하면 페이지 폴트가 나고 커널이 페이지를 가져옵니다.\n"),
			x->state);
	} else if (x->has_pfn && x->has_phys && !x->pfn && !x->phys) {
		fprintf(f, viz_tr(v,
			"%s (%s): frame hidden (0x0): only root sees physical addresses\n",
			"%s (%s): 프레임 숨김 (0x0): 물리 주소는 root만 볼 수 있음\n"),
			x->leaf && !strcmp(x->leaf, "pte") ?
				viz_tr(v, "page", "페이지") :
				viz_tr(v, "huge page", "큰 페이지"),
			x->flags ? x->flags : "");
	} else if (x->has_pfn && x->has_phys) {
		fprintf(f, viz_tr(v,
			"%s (%s): frame 0x%" PRIx64 " x %" PRIu64 " + offset 0x%" PRIx64 " = physical address %s0x%016" PRIx64 "%s\n",
			"%s (%s): 프레임 0x%" PRIx64 " x %" PRIu64 " + 변위 0x%" PRIx64 " = 물리 주소 %s0x%016" PRIx64 "%s\n"),
			x->leaf && !strcmp(x->leaf, "pte") ?
				viz_tr(v, "page", "페이지") :
				viz_tr(v, "huge page", "큰 페이지"),
			x->flags ? x->flags : "",
			x->pfn, p->page_size, x->offset,
			viz_c(v, VIZ_BOLD), x->phys, viz_c(v, VIZ_RESET));
	} else {
		fprintf(f, "%s\n", x->state ? x->state : "?");
	}
}

static void text_render(const struct viz *v, const struct pw *p)
{
	text_header(v, p);
	if (p->mm) {
		fprintf(v->out, "%s\nmm: %s\n", viz_tr(v,
			"This process has no user address space.",
			"이 프로세스에는 사용자 주소 공간이 없습니다."), p->mm);
		viz_explain(v,
			"Kernel threads run only in the kernel's part of memory and borrow the page tables of whatever ran before them; a zombie has already given its memory back. Pick a user process (a pid from ps) instead.",
			"커널 스레드는 커널 영역에서만 실행되고 직전에 실행된 프로세스의 페이지 테이블을 빌려 씁니다. 좀비 프로세스는 이미 메모리를 반납했습니다. ps로 사용자 프로세스의 pid를 골라 보세요.");
		return;
	}
	viz_explain(v,
		"Every process sees its own virtual address space. Each box is one region of it (a VMA), drawn like the lecture's picture: high addresses on top, the stack near the top growing down, the heap above the data growing up, the code (text) at the bottom. The gaps are holes: no mapping at all, so an access there is a segmentation fault. Not to scale.",
		"모든 프로세스는 자신만의 가상 주소 공간을 봅니다. 상자 하나가 그 공간의 영역(VMA) 하나이며, 강의의 프로세스 구조 그림처럼 위가 높은 주소입니다: 스택은 위쪽에서 아래로 자라고, 힙은 데이터 위에서 위로 자라며, 코드(text)는 맨 아래에 있습니다. 상자 사이의 틈은 매핑이 없는 빈 공간이라 접근하면 segmentation fault가 납니다. 크기 비율은 실제와 다릅니다.");
	text_map(v, p);
	viz_explain(v,
		"Region names: text = the program's code; data = its initialised globals (r--p: the part made read-only after loading); bss = uninitialised globals (zero-filled); heap = malloc's memory, grown with brk; stack = the main thread's stack; anon = other anonymous memory (large mallocs, mmap, thread stacks); file = other parts of a mapped file (headers, shared libraries); shm = shared memory; vdso/vvar = code and data the kernel maps into every process; guard = PROT_NONE, any access faults.",
		"영역 이름: text = 프로그램의 코드; data = 초기화된 전역 변수(r--p는 적재 후 읽기 전용이 된 부분); bss = 초기화되지 않은 전역 변수(0으로 채워짐); heap = malloc이 쓰는 힙, brk로 늘어남; stack = 메인 스레드의 스택; anon = 그 밖의 익명 메모리(큰 malloc, mmap, 스레드 스택); file = 매핑된 파일의 다른 부분(헤더, 공유 라이브러리); shm = 공유 메모리; vdso/vvar = 커널이 모든 프로세스에 매핑하는 코드와 데이터; guard = PROT_NONE, 접근하면 폴트.");
	viz_explain(v,
		"Only some pages of each region are in physical memory (present). The others were never touched: demand paging gives them a frame at the first access, through a page fault. That is why far fewer pages are present than mapped.",
		"각 영역의 페이지 중 일부만 물리 메모리에 있습니다(present). 나머지는 아직 한 번도 접근하지 않은 페이지로, 요구 페이징(demand paging)에 따라 처음 접근할 때 페이지 폴트를 거쳐 프레임을 받습니다. 그래서 매핑된 페이지보다 메모리에 있는 페이지가 훨씬 적습니다.");
	if (!p->nx)
		return;
	viz_heading(v, "Page-table walks", "페이지 테이블 변환 과정");
	viz_explain(v,
		"The MMU translates a virtual address by cutting it into fields: one 9-bit index per page-table level (512 entries per table) and the offset within the page. The entry at each index holds the physical frame of the next table; the last one (the leaf) holds the page's frame, and physical address = frame x page size + offset (the lecture's p' + d). Levels that would only map empty space are never allocated: that is how multi-level tables save memory.",
		"MMU는 가상 주소를 여러 필드로 잘라 변환합니다: 페이지 테이블 단계마다 9비트 인덱스 하나(테이블당 엔트리 512개)와 페이지 안의 변위(offset)입니다. 각 인덱스의 엔트리에는 다음 테이블의 물리 프레임이 들어 있고, 마지막 엔트리(leaf)에는 페이지의 프레임이 들어 있어 물리 주소 = 프레임 x 페이지 크기 + 변위입니다(강의의 p' + d). 빈 공간만 가리킬 하위 테이블은 아예 만들지 않으므로 다단계 페이지 테이블이 메모리를 절약합니다.");
	viz_explain(v,
		"The bits decoded in each entry: present (the lecture's valid-invalid bit), rw (writable; without it a write faults, which is how copy-on-write and read-only code work), user (user mode may use it), accessed and dirty (the reference and modify bits page replacement reads), nx (not executable).",
		"각 엔트리에서 해석한 비트: present(강의의 valid-invalid 비트), rw(쓰기 가능; 없으면 쓰기 시 폴트가 나며 copy-on-write와 읽기 전용 코드가 이렇게 동작), user(사용자 모드에서 사용 가능), accessed와 dirty(페이지 교체가 보는 참조 비트와 변경 비트), nx(실행 불가).");
	if (frames_hidden(p))
		viz_explain(v,
			"Frames read 0x0 here: only root (CAP_SYS_ADMIN) may see physical addresses.",
			"여기서는 프레임이 0x0으로 보입니다: 물리 주소는 root(CAP_SYS_ADMIN)만 볼 수 있습니다.");
	for (int i = 0; i < p->nx; i++)
		text_xlate(v, p, &p->x[i]);
}

/* ------------------------------------------------------------------ */
/* SVG */

#define MAP_X		150.0
#define MAP_W		150.0
#define BAR_X		310.0
#define BOX_H		34.0
#define GAP_H		22.0
#define XL_X		560.0
#define XL_H		250.0
#define SVG_W		1080

static double svg_map_height(const struct pw *p)
{
	double h = 0;

	for (size_t i = 0; i < p->nvma; i++) {
		h += BOX_H;
		if (i && p->vma[i - 1].end != p->vma[i].start)
			h += GAP_H;
	}
	return h;
}

static void svg_map(const struct viz *v, const struct pw *p, double y)
{
	char size[32], gap[32];
	int cell[PW_CELLS];
	FILE *f = v->out;

	svg_text(f, 20, y - 28, "start", "title", "%s",
		 viz_tr(v, "Virtual address space", "가상 주소 공간"));
	svg_text(f, MAP_X + MAP_W / 2, y - 8, "middle", "dim small", "%s",
		 viz_tr(v, "high addresses", "높은 주소"));
	for (size_t i = p->nvma; i--;) {
		const struct pw_vma *m = &p->vma[i];
		const struct pw_kind *k = kind(m->label);
		uint64_t pages = (m->end - m->start) / p->page_size;
		int n = bar(p, m, cell);
		double cw = n ? (SVG_W / 2.0 - 40 - BAR_X - 60) / n : 0;

		human(size, sizeof(size), m->end - m->start);
		svg_rect(f, MAP_X, y, MAP_W, BOX_H, k->fill, NULL);
		svg_text(f, MAP_X + 6, y + 14, "start", NULL, "%s",
			 viz_tr(v, k->label, x_label(v, m->label)));
		svg_text(f, MAP_X + MAP_W - 6, y + 14, "end", "mono small",
			 "%s", m->perms);
		svg_text(f, MAP_X + 6, y + 28, "start", "small", "%s", size);
		svg_text(f, MAP_X - 6, y + 10, "end", "mono small",
			 "0x%" PRIx64, m->end);
		if (!i || p->vma[i - 1].end != m->start)
			svg_text(f, MAP_X - 6, y + BOX_H, "end", "mono small",
				 "0x%" PRIx64, m->start);
		for (int c = 0; c < n; c++) {
			static const char *const fill[] = {
				"#ffffff", "#9fd89f", "#2f9e44", "#f59f00" };

			svg_rect(f, BAR_X + c * cw, y + 4, cw, 14,
				 fill[cell[c]], NULL);
		}
		svg_text(f, BAR_X, y + 30, "start", "small dim",
			 "%" PRIu64 "/%" PRIu64 " %s", m->in_ram, pages,
			 strcmp(m->path, "-") ? m->path : "");
		y += BOX_H;
		if (i && p->vma[i - 1].end != m->start) {
			human(gap, sizeof(gap), m->start - p->vma[i - 1].end);
			svg_text(f, MAP_X + MAP_W / 2, y + 15, "middle",
				 "dim small", "⋮ %s %s",
				 viz_tr(v, "hole", "빈 공간"), gap);
			y += GAP_H;
		}
	}
	svg_text(f, MAP_X + MAP_W / 2, y + 14, "middle", "dim small", "%s",
		 viz_tr(v, "low addresses", "낮은 주소"));
	y += 34;
	svg_rect(f, 20, y, 12, 12, "#2f9e44", NULL);
	svg_text(f, 36, y + 10, "start", "small", "%s",
		 viz_tr(v, "in RAM", "메모리에 있음"));
	svg_rect(f, 130, y, 12, 12, "#9fd89f", NULL);
	svg_text(f, 146, y + 10, "start", "small", "%s",
		 viz_tr(v, "partly", "일부"));
	svg_rect(f, 200, y, 12, 12, "#ffffff", NULL);
	svg_text(f, 216, y + 10, "start", "small", "%s",
		 viz_tr(v, "not present", "없음"));
	svg_rect(f, 300, y, 12, 12, "#f59f00", NULL);
	svg_text(f, 316, y + 10, "start", "small", "%s",
		 viz_tr(v, "swapped", "스왑됨"));
}

static void svg_xlate(const struct viz *v, const struct pw *p,
		      const struct pw_xlate *x, double y)
{
	const double fw = (SVG_W - XL_X - 20) / 64.0;	/* px per bit */
	double bx, cx, cy;
	int field = 0, top = 0;
	FILE *f = v->out;

	svg_text(f, XL_X, y, "start", "title", viz_tr(v,
		 "Translation of a %s address", "%s 주소의 변환"),
		 x_label(v, x->label));
	if (x->none || !x->has_va) {
		svg_text(f, XL_X, y + 20, "start", NULL, "%s", viz_tr(v,
			 "no page of this region is in memory",
			 "이 영역의 페이지가 메모리에 없음"));
		return;
	}
	svg_text(f, XL_X, y + 18, "start", "mono", "%s 0x%016" PRIx64,
		 viz_tr(v, "virtual address", "가상 주소"), x->va);
	/* Bit fields, widths proportional to their bits, 63 on the left. */
	for (int i = 0; i < x->nstep; i++)
		if (!x->step[i].folded && x->step[i].hi > top)
			top = x->step[i].hi;
	bx = XL_X;
	if (top < 63) {
		svg_rect(f, bx, y + 26, (63 - top) * fw, 34, "#eeeeee", NULL);
		svg_text(f, bx + (63 - top) * fw / 2, y + 47, "middle",
			 "small dim", "%s", viz_tr(v, "sign", "부호"));
		bx += (63 - top) * fw;
	}
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];
		double w = (s->hi - s->lo + 1) * fw;

		if (s->folded)
			continue;
		svg_rect(f, bx, y + 26, w, 34, field_fill[field % 6], NULL);
		svg_text(f, bx + w / 2, y + 40, "middle", "small", "%s %d-%d",
			 level_name(s->level), s->hi, s->lo);
		svg_text(f, bx + w / 2, y + 55, "middle", "mono", "%u",
			 s->index);
		bx += w;
		field++;
	}
	if (x->has_offset) {
		double w = x->off_bits * fw;

		svg_rect(f, bx, y + 26, w, 34, field_fill[5], NULL);
		svg_text(f, bx + w / 2, y + 40, "middle", "small", "%s %d-0",
			 viz_tr(v, "offset", "변위"), x->off_bits - 1);
		svg_text(f, bx + w / 2, y + 55, "middle", "mono",
			 "0x%" PRIx64, x->offset);
	}
	/* The walk as a staircase of tables. */
	cx = XL_X;
	cy = y + 72;
	svg_text(f, cx, cy + 12, "start", "small", "CR3");
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded) {
			svg_text(f, XL_X + 40, y + 84, "start", "small dim",
				 "%s", viz_tr(v,
				 "(4-level paging: P4D folded into PGD)",
				 "(4단계 페이징: P4D는 PGD에 합쳐짐)"));
			continue;
		}
		cx += 16;
		cy += 22;
		svg_line(f, cx - 10, cy - 8, cx - 10, cy + 7, "#555");
		svg_line(f, cx - 10, cy + 7, cx, cy + 7, "#555");
		svg_rect(f, cx, cy, 62, 16, field_fill[field % 6], NULL);
		svg_text(f, cx + 31, cy + 12, "middle", "small mono",
			 "%s[%u]", level_name(s->level), s->index);
		svg_text(f, cx + 68, cy + 12, "start", "small mono",
			 "0x%016" PRIx64 " %s", s->entry, s->decoded);
		field++;
	}
	cx += 16;
	cy += 22;
	svg_line(f, cx - 10, cy - 8, cx - 10, cy + 7, "#555");
	svg_line(f, cx - 10, cy + 7, cx, cy + 7, "#555");
	if (x->has_pfn && x->has_phys && !x->pfn && !x->phys)
		svg_text(f, cx, cy + 12, "start", "small", "%s", viz_tr(v,
			 "frame hidden (0x0): only root sees physical addresses",
			 "프레임 숨김 (0x0): 물리 주소는 root만 볼 수 있음"));
	else if (x->has_pfn && x->has_phys)
		svg_text(f, cx, cy + 12, "start", "small", viz_tr(v,
			 "frame 0x%" PRIx64 " x %" PRIu64 " + 0x%" PRIx64 " = physical 0x%" PRIx64,
			 "프레임 0x%" PRIx64 " x %" PRIu64 " + 0x%" PRIx64 " = 물리 주소 0x%" PRIx64),
			 x->pfn, p->page_size, x->offset, x->phys);
	else
		svg_text(f, cx, cy + 12, "start", "small", "%s: %s",
			 viz_tr(v, "not present", "메모리에 없음"),
			 x->state ? x->state : "?");
}

static void svg_render(const struct viz *v, const struct pw *p)
{
	double mh = p->mm ? 40 : svg_map_height(p) + 110;
	double xh = p->nx * XL_H + 60;
	int h = (int)(mh > xh ? mh : xh) + 20;
	char title[256];

	snprintf(title, sizeof(title), viz_tr(v,
		 "Address space of process %s (%s)",
		 "프로세스 %s (%s)의 주소 공간"), p->pid,
		 p->comm ? p->comm : "?");
	svg_begin(v->out, SVG_W, h, title);
	if (p->mm) {
		svg_text(v->out, 20, 30, "start", "title", "%s", title);
		svg_text(v->out, 20, 50, "start", NULL, "%s", p->mm);
		svg_end(v->out);
		return;
	}
	svg_map(v, p, 60);
	for (int i = 0; i < p->nx; i++)
		svg_xlate(v, p, &p->x[i], 40 + i * XL_H);
	svg_end(v->out);
}

/* ------------------------------------------------------------------ */
/* HTML */

static void html_render(const struct viz *v, const struct pw *p)
{
	char title[256], size[32];
	FILE *f = v->out;
	struct viz plain = *v;

	snprintf(title, sizeof(title), viz_tr(v,
		 "Address space of process %s (%s)",
		 "프로세스 %s (%s)의 주소 공간"), p->pid,
		 p->comm ? p->comm : "?");
	viz_html_begin(v, title);
	plain.format = VIZ_SVG;
	if (p->mm) {
		fputs("<p>", f);
		mk_text(f, p->mm);
		fputs("</p>\n", f);
		viz_html_end(v);
		return;
	}
	viz_explain(v,
		"Every process sees its own virtual address space. Each box is one region of it (a VMA), high addresses on top as in the lecture's picture; the gaps are holes with no mapping. The bar next to a region shows which of its pages are in physical memory now; the others get a frame at their first access (demand paging). On the right, the page-table walks of one address in the code, data, heap and stack: the address cut into a 9-bit index per level and the offset, and the entry found at each level.",
		"모든 프로세스는 자신만의 가상 주소 공간을 봅니다. 상자 하나가 영역(VMA) 하나이며 강의 그림처럼 위가 높은 주소이고, 상자 사이의 틈은 매핑이 없는 빈 공간입니다. 옆의 막대는 그 영역의 어떤 페이지가 지금 물리 메모리에 있는지 보여 줍니다. 나머지는 처음 접근할 때 프레임을 받습니다(요구 페이징). 오른쪽은 코드, 데이터, 힙, 스택 주소 하나씩의 페이지 테이블 변환입니다: 주소를 단계별 9비트 인덱스와 변위로 자르고, 각 단계에서 찾은 엔트리를 보여 줍니다.");
	svg_render(&plain, p);
	viz_heading(v, "Regions", "영역");
	mk_printf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		viz_tr(v, "start", "시작"), viz_tr(v, "end", "끝"),
		viz_tr(v, "region", "영역"), viz_tr(v, "perms", "권한"),
		viz_tr(v, "size", "크기"),
		viz_tr(v, "pages in RAM", "메모리에 있는 페이지"),
		viz_tr(v, "backing", "대상"));
	for (size_t i = 0; i < p->nvma; i++) {
		const struct pw_vma *m = &p->vma[i];

		human(size, sizeof(size), m->end - m->start);
		mk_printf(f, "<tr><td>0x%016" PRIx64 "</td><td>0x%016" PRIx64 "</td><td>",
			m->start, m->end);
		mk_text(f, x_label(v, m->label));
		fputs("</td><td>", f);
		mk_text(f, m->perms);
		mk_printf(f, "</td><td>%s</td><td>%" PRIu64 " / %" PRIu64 "</td><td>",
			size, m->in_ram, (m->end - m->start) / p->page_size);
		mk_text(f, m->path);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	if (frames_hidden(p))
		viz_explain(v,
			"Frames read 0x0: only root (CAP_SYS_ADMIN) may see physical addresses.",
			"프레임이 0x0으로 보입니다: 물리 주소는 root(CAP_SYS_ADMIN)만 볼 수 있습니다.");
	viz_html_end(v);
}

static void render(const struct viz *v, const struct pw *p)
{
	switch (v->format) {
	case VIZ_TEXT:
		text_render(v, p);
		break;
	case VIZ_SVG:
		svg_render(v, p);
		break;
	case VIZ_HTML:
		html_render(v, p);
		break;
	}
}

static int pw_doc(struct viz *v, const struct osedu_doc *d, const char *name)
{
	struct pw p;

	if (pw_parse(&p, d, name))
		return 1;
	render(v, &p);
	pw_free(&p);
	return 0;
}

static int pw_run(struct viz *v, int argc, char **argv)
{
	char rel[128], path[4096];
	struct osedu_doc d;
	int rc;

	if (argc != 2 || !argv[1][0] || strchr(argv[1], '/') ||
	    !strcmp(argv[1], ".") || !strcmp(argv[1], "..") ||
	    strlen(argv[1]) > 64) {
		viz_err("usage: visualize pagewalk PID (a process id, or self)");
		return 2;
	}
	snprintf(rel, sizeof(rel), "pagewalk/%s", argv[1]);
	if (viz_doc_load(v, &d, rel, "osedu_pagewalk"))
		return 1;
	snprintf(path, sizeof(path), "%s/%s", v->root, rel);
	rc = pw_doc(v, &d, path);
	osedu_doc_free(&d);
	return rc;
}

static int pw_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	struct osedu_doc d;
	int rc;

	if (viz_doc_parse_mem(&d, "fuzz", data, len))
		return 1;
	rc = pw_doc(v, &d, "fuzz");
	osedu_doc_free(&d);
	return rc;
}

const struct viz_view viz_view_pagewalk = {
	.name = "pagewalk",
	.usage = "pagewalk PID|self",
	.summary = "a process's address space and page-table walks",
	.run = pw_run,
	.fuzz = pw_fuzz,
};
