// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk, the page map: the replacement state of every page
 * in RAM or swap (the NUR class from the accessed and dirty bits, the
 * kernel's list or MGLRU generation, swap slots), read from
 * pagewalk/query (docs/proc-format.md) through libosedu. Live, the query
 * is asked about every stretch of pages the region table shows in RAM or
 * swap (at most PM_MAX_PAGES in all); in a recorded copy
 * (tools/visualize/tests), <root>/pagewalk/query is a directory holding,
 * per process, the answers for its VMAs one after the other in a file
 * named after its pid.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "markup.h"
#include "pagewalk.h"

void pm_free(struct pw_pages *m)
{
	for (size_t i = 0; i < m->nreg; i++)
		free(m->reg[i].run);
	free(m->reg);
	memset(m, 0, sizeof(*m));
}

static bool in_ram(const char *state)
{
	return !strcmp(state, "present") || !strcmp(state, "protnone");
}

/* A page's state from its query row. */
static void from_row(const struct osedu_pwq_row *r, struct pm_state *s)
{
	memset(s, 0, sizeof(*s));
	s->mapcount = r->mapcount;
	s->swap_type = r->swap_type;
	s->list = PM_L_NA;
	if (!strcmp(r->state, "none") || !strcmp(r->state, "unmapped")) {
		s->kind = PM_NONE;
		return;
	}
	if (!strcmp(r->state, "swap")) {
		s->kind = PM_SWAP;
		return;
	}
	if (!in_ram(r->state)) {
		s->kind = PM_OTHER;
		return;
	}
	s->kind = PM_PRESENT;
	s->rm = (r->hw & OSEDU_PWF_ACCESSED ? 2 : 0) |
		(r->hw & OSEDU_PWF_DIRTY ? 1 : 0);
	s->zero = !!(r->hw & OSEDU_PWF_ZERO);
	s->file = !!(r->hw & OSEDU_PWF_FILE);
	s->k = r->k & ~(OSEDU_PWK_LRU | OSEDU_PWK_ACTIVE |
			OSEDU_PWK_UNEVICTABLE);
	if (!r->has_k)
		s->list = PM_L_NOFRAME;
	else if (r->k & OSEDU_PWK_UNEVICTABLE)
		s->list = PM_L_UNEVICTABLE;
	else if (!(r->k & OSEDU_PWK_LRU))
		s->list = PM_L_OFF;
	else if (r->gen >= 0)
		s->list = PM_L_GEN, s->gen = r->gen;
	else if (r->k & OSEDU_PWK_ACTIVE)
		s->list = PM_L_ACTIVE;
	else
		s->list = PM_L_INACTIVE;
}

static void state_of(enum pm_kind kind, struct pm_state *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->list = PM_L_NA;
	s->mapcount = s->swap_type = -1;
}

static int add_run(struct pm_region *g, uint64_t start, uint64_t pages,
		   const struct pm_state *s, uint64_t slot, bool slot_known)
{
	struct pm_run *r = g->nrun ? &g->run[g->nrun - 1] : NULL;

	if (r && !memcmp(&r->s, s, sizeof(*s)) &&
	    (s->kind != PM_SWAP || !slot_known || r->slot + r->pages == slot)) {
		r->pages += pages;
		return 0;
	}
	if (g->nrun == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		struct pm_run *nr = realloc(g->run, cap * sizeof(*nr));

		if (!nr)
			return -1;
		g->run = nr;
		g->cap = cap;
	}
	g->run[g->nrun++] = (struct pm_run){ start, pages, slot, *s };
	return 0;
}

static void count(struct pw_pages *m, const struct pm_state *s,
		  uint64_t pages)
{
	if (s->kind == PM_SWAP) {
		m->swapped += pages;
		return;
	}
	if (s->kind == PM_UNKNOWN)
		m->unknown += pages;
	if (s->kind != PM_PRESENT)
		return;
	m->cls[s->rm] += pages;
	m->list[s->list] += pages;
	if (s->list == PM_L_GEN)
		m->gen[s->gen] += pages, m->mglru = true;
	for (int b = 0; b < 8; b++)
		if (s->k & 1u << b)
			m->k[b] += pages;
}

/*
 * The cells of a region: a cell of one page shows that page; a cell of
 * several shows a swapped-out page if it has one (swap is what the map is
 * for, and a few such pages would vanish among thousands), else the state
 * of the longest run it overlaps among pages in RAM (a not-present page
 * only when the cell has nothing else).
 */
static void cells(const struct pw *p, const struct pw_vma *v,
		  struct pm_region *g)
{
	size_t r = 0;

	g->pages = (v->end - v->start) / p->page_size;
	g->per_cell = (g->pages + PM_CELLS - 1) / PM_CELLS;
	if (!g->per_cell)
		g->per_cell = 1;
	g->ncell = (int)((g->pages + g->per_cell - 1) / g->per_cell);
	for (int c = 0; c < g->ncell; c++) {
		uint64_t a = c * g->per_cell, b = a + g->per_cell, best = 0;
		const struct pm_run *pick = NULL;

		if (b > g->pages)
			b = g->pages;
		state_of(PM_NONE, &g->cell[c]);
		while (r < g->nrun && (g->run[r].start - v->start) /
		       p->page_size + g->run[r].pages <= a)
			r++;
		for (size_t i = r; i < g->nrun; i++) {
			const struct pm_run *x = &g->run[i];
			uint64_t xa = (x->start - v->start) / p->page_size;
			uint64_t lo = xa > a ? xa : a;
			uint64_t hi = xa + x->pages < b ? xa + x->pages : b;

			if (xa >= b)
				break;
			if (x->s.kind == PM_SWAP && !(pick &&
						      pick->s.kind == PM_SWAP)) {
				pick = x;
				best = UINT64_MAX;
			}
			if (x->s.kind != PM_NONE && hi - lo > best)
				best = hi - lo, pick = x;
		}
		if (pick)
			g->cell[c] = pick->s;
	}
}

/*
 * The runs of VMA VI: from the region table, each page in RAM or swap
 * from its query row when there is one.
 */
static int region(struct pw_pages *m, const struct pw *p, size_t vi,
		  const struct osedu_pwq *q, struct pm_region *g)
{
	const struct pw_vma *v = &p->vma[vi];
	struct pm_state s;
	uint64_t at = v->start;

	g->vma = vi;
	for (size_t i = 0; i <= v->nrun; i++) {
		const struct pw_run *rr = i < v->nrun ? &v->run[i] : NULL;
		uint64_t end = rr ? rr->start : v->end;

		/* What the region table leaves out has no entry. */
		if (at < end) {
			state_of(PM_NONE, &s);
			if (add_run(g, at, (end - at) / p->page_size, &s, 0,
				    false))
				return -1;
		}
		if (!rr)
			break;
		at = rr->end;
		if (!strcmp(rr->state, "none") || !strcmp(rr->state, "other") ||
		    !strcmp(rr->state, "migration")) {
			state_of(strcmp(rr->state, "none") ? PM_OTHER :
				 PM_NONE, &s);
			if (add_run(g, rr->start, (rr->end - rr->start) /
				    p->page_size, &s, 0, false))
				return -1;
			continue;
		}
		for (uint64_t a = rr->start; a < rr->end; a += p->page_size) {
			const struct osedu_pwq_row *row = osedu_pwq_find(q, a);
			uint64_t slot = 0;

			if (row) {
				from_row(row, &s);
				if (s.kind == PM_SWAP)
					slot = row->pfn;
			} else if (!strcmp(rr->state, "swap")) {
				state_of(PM_SWAP, &s);
			} else {
				state_of(PM_UNKNOWN, &s);
			}
			if (s.kind == PM_SWAP && !slot)
				m->slots_hidden = true;
			count(m, &s, 1);
			if (add_run(g, a, 1, &s, slot, slot != 0))
				return -1;
		}
	}
	if (at < v->end) {
		state_of(PM_NONE, &s);
		if (add_run(g, at, (v->end - at) / p->page_size, &s, 0, false))
			return -1;
	}
	cells(p, v, g);
	return 0;
}

/* Append TEXT to the buffer *ALL (*LEN bytes); 0, or -1. */
static int append(char **all, size_t *len, const char *text)
{
	size_t n = strlen(text);
	char *na;

	if (*len + n + 1 > OSEDU_DOC_MAX)
		return -1;
	na = realloc(*all, *len + n + 1);
	if (!na)
		return -1;
	memcpy(na + *len, text, n + 1);
	*all = na;
	*len += n;
	return 0;
}

/*
 * Ask FILE about every stretch of P's pages in RAM or swap, as the region
 * table shows them, up to PM_MAX_PAGES; the answers one after the other.
 */
static char *ask_live(const char *file, const struct pw *p, int pid,
		      struct pw_pages *m)
{
	uint64_t asked = 0, cap_pages = PM_MAX_PAGES;
	size_t len = 0;
	char *all = NULL;

	if (append(&all, &len, ""))
		return NULL;
	for (size_t i = 0; i < p->nvma && !m->capped; i++) {
		const struct pw_vma *v = &p->vma[i];

		for (size_t j = 0; j < v->nrun && !m->capped; j++) {
			uint64_t a = v->run[j].start, e = v->run[j].end;

			if (!strcmp(v->run[j].state, "none"))
				continue;
			/* Join the stretches that follow without a gap. */
			while (j + 1 < v->nrun && v->run[j + 1].start == e &&
			       strcmp(v->run[j + 1].state, "none"))
				e = v->run[++j].end;
			while (a < e) {
				uint64_t n = (e - a) / p->page_size, b;
				char *text;

				if (n > OSEDU_PWQ_MAX_PAGES)
					n = OSEDU_PWQ_MAX_PAGES;
				if (asked + n > cap_pages) {
					m->capped = true;
					n = cap_pages - asked;
					if (!n)
						break;
				}
				b = a + n * p->page_size;
				text = osedu_pwq_ask_at(file, pid, a, b);
				if (!text) {
					snprintf(m->why, sizeof(m->why),
						 "%s: %d 0x%" PRIx64 "-0x%" PRIx64 ": %s",
						 file, pid, a, b,
						 strerror(errno));
					free(all);
					return NULL;
				}
				if (append(&all, &len, text)) {
					free(text);
					free(all);
					snprintf(m->why, sizeof(m->why),
						 "%s: out of memory", file);
					return NULL;
				}
				free(text);
				asked += n;
				a = b;
			}
		}
	}
	return all;
}

/* The answers for P: asked live, or read from a recorded copy. */
static char *answers(const struct viz *v, const struct pw *p, int pid,
		     struct pw_pages *m, char *name, size_t n)
{
	struct stat st;
	char *text;

	snprintf(name, n, "%s/pagewalk/query", v->root);
	if (stat(name, &st)) {
		snprintf(m->why, sizeof(m->why), "%s: %s", name,
			 strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode))
		return ask_live(name, p, pid, m);
	snprintf(name + strlen(name), n - strlen(name), "/%d", pid);
	text = osedu_read_all(name, OSEDU_DOC_MAX, NULL);
	if (!text)
		snprintf(m->why, sizeof(m->why), "%s: no recorded answers (%s)",
			 name, strerror(errno));
	return text;
}

/*
 * Read the page state of P into M. A missing query (no module, an older
 * recording, a refused request) leaves M->have false with the reason in
 * M->why and is no error; answers that are malformed or of another
 * process are (-1). FUZZ_TEXT, if not NULL, stands for the answers.
 */
int pm_load(const struct viz *v, const struct pw *p, struct pw_pages *m,
	    const char *fuzz_text)
{
	struct osedu_pwq q = { 0 };
	char name[4200], why[128], *text;
	int pid, rc = -1;

	memset(m, 0, sizeof(*m));
	if (p->mm || !p->pid ||
	    !osedu_parse_int(p->pid, strlen(p->pid), &pid, 1 << 30) || !pid)
		return 0;
	if (fuzz_text) {
		snprintf(name, sizeof(name), "fuzz");
		text = strdup(fuzz_text);
	} else {
		text = answers(v, p, pid, m, name, sizeof(name));
	}
	if (!text)
		return 0;
	if (osedu_pwq_parse(&q, text, why, sizeof(why))) {
		viz_err("%s: %s", name, why);
		goto out;
	}
	if (q.pid && q.pid != pid) {
		viz_err("%s: answers about process %d, not %d", name, q.pid,
			pid);
		goto out;
	}
	m->reg = calloc(p->nvma ? p->nvma : 1, sizeof(*m->reg));
	if (!m->reg) {
		viz_err("%s: out of memory", name);
		goto out;
	}
	for (size_t i = 0; i < p->nvma; i++) {
		const struct pw_vma *pv = &p->vma[i];

		if (!pv->in_ram && !pv->swapped) {
			m->left_out++;
			continue;
		}
		if (m->nreg == PM_REGIONS) {
			m->not_drawn++;
			continue;
		}
		if (region(m, p, i, &q, &m->reg[m->nreg++])) {
			viz_err("%s: out of memory", name);
			goto out;
		}
	}
	m->have = true;
	rc = 0;
out:
	if (rc)
		pm_free(m);
	osedu_pwq_free(&q);
	free(text);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Glyphs, names and colours */

char pm_nur_glyph(const struct pm_state *s)
{
	switch (s->kind) {
	case PM_PRESENT:
		return (char)('0' + s->rm);
	case PM_SWAP:
		return 's';
	case PM_OTHER:
		return 'o';
	case PM_UNKNOWN:
		return '?';
	}
	return '.';
}

char pm_list_glyph(const struct pm_state *s)
{
	switch (s->kind) {
	case PM_PRESENT:
		break;
	case PM_SWAP:
		return 's';
	case PM_OTHER:
		return 'o';
	case PM_UNKNOWN:
		return '?';
	default:
		return '.';
	}
	switch (s->list) {
	case PM_L_ACTIVE:
		return 'A';
	case PM_L_INACTIVE:
		return 'i';
	case PM_L_UNEVICTABLE:
		return 'u';
	case PM_L_GEN:
		return (char)('0' + s->gen);
	case PM_L_NOFRAME:
		return 'z';
	default:
		return '-';
	}
}

const char *pm_list_name(const struct viz *v, const struct pm_state *s,
			 char *buf, size_t n)
{
	switch (s->list) {
	case PM_L_ACTIVE:
		return viz_tr(v, "active", "활성");
	case PM_L_INACTIVE:
		return viz_tr(v, "inactive", "비활성");
	case PM_L_UNEVICTABLE:
		return viz_tr(v, "unevictable", "축출 불가");
	case PM_L_GEN:
		snprintf(buf, n, viz_tr(v, "generation %d", "세대 %d"), s->gen);
		return buf;
	case PM_L_NOFRAME:
		return viz_tr(v, "no frame of its own", "자기 프레임 없음");
	case PM_L_OFF:
		return viz_tr(v, "on no list", "리스트에 없음");
	}
	return "-";
}

void pm_words(const struct pm_state *s, char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	if (s->zero)
		o += snprintf(buf + o, n - o, "zero ");
	if (s->kind == PM_PRESENT && o < n)
		o += snprintf(buf + o, n - o, "%s ", s->file ? "file" : "anon");
	for (unsigned int b = 0; b < 8 && o < n; b++)
		if (s->k & 1u << b)
			o += snprintf(buf + o, n - o, "%s ", osedu_pwk_name(b));
	if (s->mapcount >= 0 && o < n)
		o += snprintf(buf + o, n - o, "mapcount=%d ", s->mapcount);
	if (o && o <= n)
		buf[o - 1] = '\0';
}

const char *pm_nur_fill(const struct pm_state *s)
{
	static const char *const cls[] = { "#d0ebff", "#74c0fc", "#ffa94d",
					   "#e03131" };

	switch (s->kind) {
	case PM_PRESENT:
		return cls[s->rm & 3];
	case PM_SWAP:
		return "#495057";
	case PM_OTHER:
	case PM_UNKNOWN:
		return "#ced4da";
	}
	return "#ffffff";
}

const char *pm_list_fill(const struct pm_state *s)
{
	static const char *const gen[] = { "#2b8a3e", "#51cf66", "#8ce99a",
					   "#d3f9d8" };

	if (s->kind != PM_PRESENT)
		return pm_nur_fill(s);
	switch (s->list) {
	case PM_L_ACTIVE:
		return "#c92a2a";
	case PM_L_INACTIVE:
		return "#1c7ed6";
	case PM_L_UNEVICTABLE:
		return "#7048e8";
	case PM_L_GEN:
		return gen[s->gen & 3];
	case PM_L_NOFRAME:
		return "#adb5bd";
	}
	return "#ffffff";
}
