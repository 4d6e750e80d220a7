// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/pagewalk/query range answers (docs/proc-format.md,
 * "pagewalk/query"): one row per page, whose flags end with the kernel's
 * page-replacement state of the page's folio. Parsed for visualize's page
 * map and the memory labs; trusts nothing (make fuzz).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "osedu.h"

static const char *const hw_names[] = {
	"rw", "user", "accessed", "dirty", "zero", "cow", "anon", "file",
};

static const char *const k_names[] = {
	"lru", "active", "referenced", "workingset", "unevictable",
	"swapbacked", "swapcache", "ksm",
};

static const char *const states[] = {
	"present", "protnone", "none", "swap", "migration", "other",
	"unmapped",
};

const char *osedu_pwk_name(unsigned int b)
{
	return b < ARRAY_SIZE(k_names) ? k_names[b] : NULL;
}

/* The next blank-separated word of [*P, END): its start, *N bytes. */
static const char *word(const char **p, const char *end, size_t *n)
{
	const char *s = *p;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	*p = s;
	while (*p < end && **p != ' ' && **p != '\t')
		(*p)++;
	*n = *p - s;
	return *n ? s : NULL;
}

static bool is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && !memcmp(w, s, n);
}

/* "KEY=N" with N decimal, at most MAX: true and *OUT if W is that. */
static bool num_word(const char *w, size_t n, const char *key, int max,
		     int *out, bool *bad)
{
	size_t k = strlen(key);

	if (n <= k || memcmp(w, key, k) || w[k] != '=')
		return false;
	*bad = !osedu_parse_int(w + k + 1, n - k - 1, out, max);
	return true;
}

/* A word of the flags column: known, or one the format may add later. */
static bool flag_word(const char *w, size_t n, struct osedu_pwq_row *r)
{
	bool bad = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hw_names); i++)
		if (is(w, n, hw_names[i])) {
			r->hw |= 1u << i;
			return true;
		}
	for (i = 0; i < ARRAY_SIZE(k_names); i++)
		if (is(w, n, k_names[i])) {
			r->k |= 1u << i;
			return true;
		}
	if (num_word(w, n, "gen", 3, &r->gen, &bad) ||
	    num_word(w, n, "swap_type", 31, &r->swap_type, &bad))
		return !bad;
	if (num_word(w, n, "mapcount", INT_MAX, &r->mapcount, &bad)) {
		r->has_k = !bad;
		return !bad;
	}
	/* The architecture's bits (nx, ng, ...), or a word added later. */
	for (i = 0; i < n; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') ||
		      (w[i] >= '0' && w[i] <= '9') || w[i] == '_' ||
		      w[i] == '='))
			return false;
	return true;
}

bool osedu_pwq_row_parse(const char *line, size_t len,
			 struct osedu_pwq_row *r)
{
	const char *p = line, *end = line + len, *w;
	bool known = false;
	char num[32];
	size_t n, i;
	int idx;

	memset(r, 0, sizeof(*r));
	r->gen = r->mapcount = r->swap_type = -1;
	if (memchr(line, '\0', len) || memchr(line, '\n', len))
		return false;
	w = word(&p, end, &n);
	if (!w || n < 3 || n >= sizeof(num) || memcmp(w, "0x", 2))
		return false;
	memcpy(num, w, n);
	num[n] = '\0';
	if (!osedu_u64(num, &r->va))
		return false;
	/* The index at each level: 0-511, or "-" for a folded level. */
	for (i = 0; i < 5; i++) {
		w = word(&p, end, &n);
		if (!w || (!is(w, n, "-") && !osedu_parse_int(w, n, &idx, 511)))
			return false;
	}
	w = word(&p, end, &n);
	if (!w || !(is(w, n, "-") || is(w, n, "pte") || is(w, n, "pmd") ||
		    is(w, n, "pud")))
		return false;
	memcpy(r->level, w, n);
	w = word(&p, end, &n);
	for (i = 0; w && i < ARRAY_SIZE(states); i++)
		known |= is(w, n, states[i]);
	if (!known)
		return false;
	memcpy(r->state, w, n);
	w = word(&p, end, &n);
	if (!w || n < 3 || n >= sizeof(num) || memcmp(w, "0x", 2))
		return false;
	memcpy(num, w, n);
	num[n] = '\0';
	if (!osedu_u64(num, &r->pfn))
		return false;
	w = word(&p, end, &n);
	if (!w)
		return false;
	r->flags_off = w - line;
	if (is(w, n, "-"))
		return !word(&p, end, &n);
	do {
		if (!flag_word(w, n, r))
			return false;
	} while ((w = word(&p, end, &n)));
	/* The kernel's words come with mapcount, and only on a page in RAM. */
	if ((r->k || r->gen >= 0) && !r->has_k)
		return false;
	if (r->has_k && strcmp(r->state, "present") &&
	    strcmp(r->state, "protnone"))
		return false;
	return r->swap_type < 0 || !strcmp(r->state, "swap");
}

static int cmp_va(const void *a, const void *b)
{
	const struct osedu_pwq_row *x = a, *y = b;

	return x->va < y->va ? -1 : x->va > y->va;
}

/*
 * LINE (N bytes) is "KEY: VALUE": VALUE into OUT, "" if it does not fit
 * (no number is that long); 0. 1 if it is another line.
 */
static int value(const char *line, size_t n, const char *key, char *out,
		 size_t len)
{
	size_t k = strlen(key);

	if (n < k + 1 || memcmp(line, key, k) || line[k] != ':')
		return 1;
	line += k + 1;
	n -= k + 1;
	while (n && *line == ' ') {
		line++;
		n--;
	}
	if (n >= len)
		n = 0;
	memcpy(out, line, n);
	out[n] = '\0';
	return 0;
}

static int fail(char *why, size_t len, size_t line, const char *what)
{
	snprintf(why, len, "line %zu: %s", line, what);
	return -1;
}

/* One row, checked against the answer's range; appended to Q. */
static int add_row(struct osedu_pwq *q, const char *l, size_t n,
		   uint64_t start, uint64_t end, char *why, size_t whylen,
		   size_t ln)
{
	struct osedu_pwq_row r;

	if (!osedu_pwq_row_parse(l, n, &r))
		return fail(why, whylen, ln, "malformed row");
	if (r.va < start || r.va >= end)
		return fail(why, whylen, ln, "row outside its answer's range");
	if (q->n == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 256;
		struct osedu_pwq_row *nr = realloc(q->rows, cap * sizeof(*nr));

		if (!nr)
			return fail(why, whylen, ln, "out of memory");
		q->rows = nr;
		q->cap = cap;
	}
	q->rows[q->n++] = r;
	return 0;
}

int osedu_pwq_parse(struct osedu_pwq *q, const char *text, char *why,
		    size_t whylen)
{
	uint64_t start = 0, end = 0, v;
	bool in_answer = false, table = false;
	const char *l;
	size_t ln = 0, i, j;
	int pid;

	osedu_for_each_line(l, text) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		char val[40];

		ln++;
		if (!n)
			continue;
		if (!strncmp(l, "osedu ", 6)) {
			if (!osedu_is_header(l, "pagewalk-query"))
				return fail(why, whylen, ln,
					    "not a pagewalk/query answer");
			in_answer = true;
			table = false;
			start = end = 0;
			continue;
		}
		if (!in_answer)
			return fail(why, whylen, ln, "no \"osedu pagewalk-query 1\" line first");
		if (table && !strncmp(l, "0x", 2)) {
			if (add_row(q, l, n, start, end, why, whylen, ln))
				return -1;
			continue;
		}
		if (!strncmp(l, "va ", 3)) {
			if (!end)
				return fail(why, whylen, ln, "a table before start: and end:");
			table = true;
			continue;
		}
		if (table || !memchr(l, ':', n))
			return fail(why, whylen, ln, "unexpected line");
		if (!value(l, n, "pid", val, sizeof(val))) {
			if (!osedu_parse_int(val, strlen(val), &pid, INT_MAX) ||
			    !pid || (q->pid && q->pid != pid))
				return fail(why, whylen, ln, "a bad or second pid");
			q->pid = pid;
		} else if (!value(l, n, "start", val, sizeof(val))) {
			if (!osedu_u64(val, &start))
				return fail(why, whylen, ln, "malformed start:");
		} else if (!value(l, n, "end", val, sizeof(val))) {
			if (!osedu_u64(val, &end) || end <= start)
				return fail(why, whylen, ln, "malformed end:");
		} else if (!value(l, n, "pages", val, sizeof(val))) {
			if (!osedu_u64(val, &v) || v > OSEDU_PWQ_MAX_PAGES)
				return fail(why, whylen, ln, "malformed pages:");
		}
		/* paging_levels, mm, and keys added later: not needed. */
	}
	if (!q->n)
		return 0;
	qsort(q->rows, q->n, sizeof(*q->rows), cmp_va);
	/* A repeated address (overlapping answers) keeps the later row. */
	for (i = j = 0; i < q->n; i++) {
		if (j && q->rows[j - 1].va == q->rows[i].va)
			j--;
		q->rows[j++] = q->rows[i];
	}
	q->n = j;
	return 0;
}

const struct osedu_pwq_row *osedu_pwq_find(const struct osedu_pwq *q,
					   uint64_t va)
{
	struct osedu_pwq_row key = { .va = va };

	if (!q->n)
		return NULL;
	return bsearch(&key, q->rows, q->n, sizeof(key), cmp_va);
}

void osedu_pwq_free(struct osedu_pwq *q)
{
	free(q->rows);
	memset(q, 0, sizeof(*q));
}

char *osedu_pwq_ask_at(const char *file, int pid, uint64_t start,
		       uint64_t end)
{
	char req[96];
	long page = sysconf(_SC_PAGESIZE);

	if (pid <= 0 || start >= end || page <= 0 ||
	    (end - start) / (uint64_t)page > OSEDU_PWQ_MAX_PAGES) {
		errno = EINVAL;
		return NULL;
	}
	snprintf(req, sizeof(req), "%d 0x%llx-0x%llx", pid,
		 (unsigned long long)start, (unsigned long long)end);
	return osedu_ask(file, req, OSEDU_DOC_MAX);
}
