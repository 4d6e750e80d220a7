// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk, parsing /proc/osedu/pagewalk/<pid> into the model
 * (struct pw).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "pagewalk.h"

void pw_free(struct pw *p)
{
	for (size_t i = 0; i < p->nvma; i++)
		free(p->vma[i].run);
	free(p->vma);
	memset(p, 0, sizeof(*p));
}

/* LINE (one line) is "K: VALUE": *VAL is VALUE (libosedu's lookup). */
static bool key(const char *line, const char *k, const char **val)
{
	*val = osedu_kv_find(line, k, NULL);
	return *val;
}

void copy(char *dst, size_t n, const char *src)
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
		return bad(name, ln, "more page-table levels than any CPU has");
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
	if (c.n < 5 || !osedu_u64(c.col[1], &idx) ||
	    sscanf(c.col[2], "%d-%d%n", &s->hi, &s->lo, &n) != 2 ||
	    n < 0 || c.col[2][n] || s->lo < 0 || s->hi > 63 || s->lo > s->hi ||
	    !osedu_u64(c.col[3], &s->entry)) {
		bad(name, ln, "malformed translation row (level index va_bits entry decoded)");
		goto out;
	}
	/* An index has as many bits as its field (pw_check_split()). */
	if (s->hi - s->lo >= 16 || idx >> (s->hi - s->lo + 1)) {
		bad(name, ln, "translation row's index does not fit its va_bits");
		goto out;
	}
	s->line = ln;
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

/*
 * The split of a virtual address, derived from the header's page_size and
 * paging_levels alone, as arm64's ARM64_HW_PGTABLE_LEVEL_SHIFT() and x86's
 * fixed 4K/9-bit tables give it: the offset is the page shift s, and
 * every level indexes s - 3 bits (a table is one page of 8-byte
 * entries), except the top, which indexes what is left of the virtual
 * address (1 to s - 3 bits). So 4K pages: 9 bits a level above 12; 16K:
 * 11 above 14 (3 levels, 47-bit VA; 4 levels, 48-bit, a 1-bit top); 64K:
 * 13 above 16 (2 levels, 42-bit; 3 levels, 48 or 52-bit, a 6 or 10-bit
 * top). FROM_BOTTOM 0 is the last level (the PTE): its field's low bit.
 */
int pw_field_lo(const struct pw *p, int from_bottom)
{
	return p->page_shift + from_bottom * p->level_bits;
}

static int pw_split(struct pw *p, const char *name, size_t ln)
{
	int s = 0;

	while ((1ull << s) < p->page_size)
		s++;
	p->page_shift = s;
	p->level_bits = s - 3;
	/* The top level's field starts below bit 63. */
	if (pw_field_lo(p, p->levels - 1) > 62)
		return bad(name, ln,
			   "paging_levels and page_size make an address wider than 64 bits");
	return 0;
}

/*
 * Every worked translation's rows against the split: row i of n (top
 * first) is level levels - 1 - i from the bottom, its field starts at that
 * level's low bit and is level_bits wide (the top one: 1 to level_bits),
 * and the offset is the bits below the last row. A file whose rows say
 * otherwise was not written by a kernel with that page size and levels.
 */
static int pw_check_split(const struct pw *p, const char *name)
{
	for (int i = 0; i < p->nx; i++) {
		const struct pw_xlate *x = &p->x[i];
		int row = 0, lo = -1;

		for (int j = 0; j < x->nstep; j++) {
			const struct pw_step *s = &x->step[j];
			int want = pw_field_lo(p, p->levels - 1 - row);
			int w = s->hi - s->lo + 1;

			if (s->folded)
				continue;
			if (row >= p->levels)
				return bad(name, s->line,
					   "more translation rows than paging_levels");
			if (s->lo != want || w > p->level_bits ||
			    (row && w != p->level_bits)) {
				char why[160];

				snprintf(why, sizeof(why),
					 "va_bits %d-%d do not fit %" PRIu64 "-byte pages with %d levels (this row: bits from %d, %d wide%s)",
					 s->hi, s->lo, p->page_size, p->levels,
					 want, p->level_bits,
					 row ? "" : " at most");
				return bad(name, s->line, why);
			}
			lo = s->lo;
			row++;
		}
		if (x->has_offset && lo >= 0 && x->off_bits != lo)
			return bad(name, x->nstep ? x->step[x->nstep - 1].line : 0,
				   "the offset's bits do not end where the last row's begin");
	}
	return 0;
}

static int header_u64(const char *name, size_t ln, const char *val,
		      uint64_t *out)
{
	if (!osedu_u64(val, out))
		return bad(name, ln, "malformed number");
	return 0;
}

int pw_parse(struct pw *p, const struct osedu_doc *d, const char *name)
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
			/* Its rows are checked against the split. */
			if (!p->levels || !p->page_size) {
				rc = bad(name, i, "a translation before paging_levels and page_size");
				break;
			}
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
			/*
			 * x86-64: 4 or 5; arm64: 3, 4 or 5 with 4K pages,
			 * 3 or 4 with 16K, 2 or 3 with 64K (pw_split()).
			 */
			if (!rc && (u < 2 || u > 5))
				rc = bad(name, i, "paging_levels is not 2, 3, 4 or 5");
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
	if (!rc && !p->mm)
		rc = pw_split(p, name, d->nlines - 1);
	if (!rc && !p->mm)
		rc = pw_check_split(p, name);
	val = rc || p->mm ? NULL : osedu_doc_get(d, "vmas");
	if (!rc && !p->mm && (!val || !osedu_u64(val, &u) || u != p->nvma))
		rc = bad(name, d->nlines - 1,
			 "fewer VMAs than \"vmas:\" says (truncated?)");
	if (rc)
		pw_free(p);
	return rc;
}
