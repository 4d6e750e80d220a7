// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vectors/{table,counts,svc} (docs/proc-format.md,
 * "vectors_arm64"): the arm64 exception vector table, the page-fault and
 * GIC interrupt counts, and the system calls (SVCs) counted. Parsed for
 * visualize vectors; trusts nothing (make fuzz). Every function takes a
 * document osedu_doc_parse() accepted, and refuses one of another view.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

static const char *const sources[4] = {
	"current_el_sp0", "current_el_spx", "lower_el_aarch64",
	"lower_el_aarch32",
};
static const char *const kinds[4] = { "sync", "irq", "fiq", "serror" };

const char *osedu_vec_source_name(unsigned int source)
{
	return source < 4 ? sources[source] : NULL;
}

const char *osedu_vec_kind_name(unsigned int kind)
{
	return kind < 4 ? kinds[kind] : NULL;
}

static int why_line(char *why, size_t whylen, size_t line, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));

static int why_line(char *why, size_t whylen, size_t line, const char *fmt,
		    ...)
{
	va_list ap;
	int n = snprintf(why, whylen, "line %zu: ", line + 1);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < whylen)
		vsnprintf(why + n, whylen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static bool view_is(const struct osedu_doc *d, const char *view, char *why,
		    size_t whylen)
{
	if (d->nlines && !strcmp(d->view, view))
		return true;
	snprintf(why, whylen, "an \"osedu %s\" file, not %s", d->view, view);
	return false;
}

/* The next blank-separated word of *P (advanced past it), or NULL. */
static const char *word(const char **p, size_t *n)
{
	const char *s = *p + strspn(*p, " \t");

	*n = strcspn(s, " \t");
	*p = s + *n;
	return *n ? s : NULL;
}

/* Word W of N bytes as a number (decimal, or 0x hex); false if not one. */
static bool num(const char *w, size_t n, uint64_t *out)
{
	char buf[24];

	if (!w || !n || n >= sizeof(buf))
		return false;
	memcpy(buf, w, n);
	buf[n] = '\0';
	if (n > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X'))
		return strspn(buf + 2, "0123456789abcdefABCDEF") == n - 2 &&
		       n - 2 <= 16 && osedu_u64(buf, out);
	return strspn(buf, "0123456789") == n && osedu_u64(buf, out);
}

static bool copy_word(char *dst, size_t len, const char *w, size_t n)
{
	if (!w || n >= len)
		return false;
	memcpy(dst, w, n);
	dst[n] = '\0';
	return true;
}

static bool is(const char *w, size_t n, const char *s)
{
	return w && strlen(s) == n && !memcmp(w, s, n);
}

/* A malformed last line is most likely a read cut short: say so. */
static void maybe_truncated(const struct osedu_doc *d, size_t i, char *why,
			    size_t whylen)
{
	size_t n = strlen(why);

	if (i + 1 == d->nlines && n + 14 < whylen)
		snprintf(why + n, whylen - n, " (truncated?)");
}

/* ---- vectors/table --------------------------------------------------- */

void osedu_vectors_free(struct osedu_vectors *t)
{
	free(t->cpu);
	memset(t, 0, sizeof(*t));
}

static int table_cpu(struct osedu_vectors *t, const char *l, size_t i,
		     char *why, size_t whylen)
{
	struct osedu_vec_cpu c = { 0 }, *nc;
	const char *w[3], *p = l;
	uint64_t u;
	size_t n[3], extra;

	for (int k = 0; k < 3; k++)
		w[k] = word(&p, &n[k]);
	if (word(&p, &extra) || !num(w[0], n[0], &u) ||
	    u >= OSEDU_MAX_CPUS || !num(w[1], n[1], &c.vbar) ||
	    n[1] != 18 || !copy_word(c.symbol, sizeof(c.symbol), w[2], n[2]))
		return why_line(why, whylen, i,
				"malformed CPU row (cpu vbar_el1 symbol)");
	c.cpu = u;
	if (t->ncpu && c.cpu <= t->cpu[t->ncpu - 1].cpu)
		return why_line(why, whylen, i, "CPU %u out of order", c.cpu);
	nc = realloc(t->cpu, (t->ncpu + 1) * sizeof(*nc));
	if (!nc)
		return why_line(why, whylen, i, "out of memory");
	t->cpu = nc;
	t->cpu[t->ncpu++] = c;
	return 0;
}

static int table_entry(struct osedu_vectors *t, const char *l, size_t i,
		       char *why, size_t whylen)
{
	struct osedu_vec_entry *e = &t->entry[t->nentry];
	unsigned int k = t->nentry;
	const char *w[5], *p = l;
	uint64_t off;
	size_t n[5], extra;

	if (k == OSEDU_VEC_ENTRIES)
		return why_line(why, whylen, i, "more than 16 entries");
	for (int j = 0; j < 5; j++)
		w[j] = word(&p, &n[j]);
	if (word(&p, &extra) || !num(w[0], n[0], &off) ||
	    !copy_word(e->handler, sizeof(e->handler), w[3], n[3]) ||
	    !num(w[4], n[4], &e->address) || n[4] != 18)
		return why_line(why, whylen, i,
				"malformed entry (offset source kind handler address)");
	if (off != (uint64_t)k * t->entry_size || !is(w[1], n[1], sources[k / 4]) ||
	    !is(w[2], n[2], kinds[k % 4]))
		return why_line(why, whylen, i,
				"entry %u should be at 0x%03x, %s %s", k,
				k * t->entry_size, sources[k / 4], kinds[k % 4]);
	e->offset = off;
	t->nentry++;
	return 0;
}

int osedu_vectors_parse(struct osedu_vectors *t, const struct osedu_doc *d,
			char *why, size_t whylen)
{
	enum { NONE, CPUS, ENTRIES } where = NONE;
	const char *size;
	uint64_t u;

	memset(t, 0, sizeof(*t));
	if (!view_is(d, "vectors/table", why, whylen))
		return -1;
	size = osedu_doc_get(d, "entry_size");
	if (!size || !osedu_u64(size, &u) || u != 128) {
		snprintf(why, whylen,
			 "no \"entry_size: 128\" (the architecture's 0x80 bytes an entry)");
		return -1;
	}
	t->entry_size = u;
	for (size_t i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i];
		int rc = 0;

		if (!strcmp(l, "cpu vbar_el1 symbol")) {
			where = CPUS;
		} else if (!strcmp(l, "offset source kind handler address")) {
			where = ENTRIES;
		} else if (!strncmp(l, "entry_size:", 11)) {
			where = NONE;
		} else if (!*l) {
			continue;
		} else if (where == CPUS) {
			rc = table_cpu(t, l, i, why, whylen);
		} else if (where == ENTRIES) {
			rc = table_entry(t, l, i, why, whylen);
		} else {
			rc = why_line(why, whylen, i, "unexpected line");
		}
		if (rc) {
			maybe_truncated(d, i, why, whylen);
			osedu_vectors_free(t);
			return -1;
		}
	}
	if (!t->ncpu || t->nentry != OSEDU_VEC_ENTRIES) {
		snprintf(why, whylen,
			 "%zu CPU rows and %u of the 16 entries (truncated?)",
			 t->ncpu, t->nentry);
		osedu_vectors_free(t);
		return -1;
	}
	return 0;
}

/* ---- vectors/counts -------------------------------------------------- */

void osedu_vec_counts_free(struct osedu_vec_counts *c)
{
	free(c->cpu);
	free(c->faults);
	free(c->irq);
	free(c->irq_count);
	memset(c, 0, sizeof(*c));
}

static int counts_cpu(struct osedu_vec_counts *c, const char *l, size_t i,
		      char *why, size_t whylen)
{
	const char *w[2], *p = l;
	unsigned int *ncpu;
	uint64_t cpu, f, *nf;
	size_t n[2], extra;

	w[0] = word(&p, &n[0]);
	w[1] = word(&p, &n[1]);
	if (word(&p, &extra) || !num(w[0], n[0], &cpu) ||
	    cpu >= OSEDU_MAX_CPUS || !num(w[1], n[1], &f) ||
	    (c->ncpu && cpu <= c->cpu[c->ncpu - 1]))
		return why_line(why, whylen, i,
				"malformed per-CPU row (cpu page_faults)");
	ncpu = realloc(c->cpu, (c->ncpu + 1) * sizeof(*ncpu));
	if (ncpu)
		c->cpu = ncpu;
	nf = ncpu ? realloc(c->faults, (c->ncpu + 1) * sizeof(*nf)) : NULL;
	if (!nf)
		return why_line(why, whylen, i, "out of memory");
	c->faults = nf;
	c->cpu[c->ncpu] = cpu;
	c->faults[c->ncpu++] = f;
	c->faults_total += f;
	return 0;
}

/* "irq hwirq kind cpuA cpuB ... name": the CPU columns, in order. */
static int counts_irq_head(struct osedu_vec_counts *c, const char *l,
			   size_t i, char *why, size_t whylen)
{
	const char *p = l + strlen("irq hwirq kind"), *w;
	size_t n, k = 0;
	uint64_t u;

	while ((w = word(&p, &n)) && !is(w, n, "name")) {
		if (n < 4 || memcmp(w, "cpu", 3) || !num(w + 3, n - 3, &u) ||
		    k >= c->ncpu || u != c->cpu[k])
			return why_line(why, whylen, i,
					"IRQ header's CPU columns are not the per-CPU rows' CPUs");
		k++;
	}
	if (!w || word(&p, &n) || k != c->ncpu)
		return why_line(why, whylen, i,
				"malformed IRQ header (irq hwirq kind cpuN... name)");
	c->irq_cpus = k;
	return 0;
}

static int counts_irq(struct osedu_vec_counts *c, const char *l, size_t i,
		      char *why, size_t whylen)
{
	struct osedu_vec_irq q = { 0 }, *nq;
	const char *w[3], *p = l, *name;
	size_t n[3], k, len;
	uint64_t u, *cnt;

	for (int j = 0; j < 3; j++)
		w[j] = word(&p, &n[j]);
	if (!num(w[0], n[0], &u) || u > 1u << 20 ||
	    !num(w[1], n[1], &q.hwirq) ||
	    !copy_word(q.kind, sizeof(q.kind), w[2], n[2]) ||
	    !(is(w[2], n[2], "sgi") || is(w[2], n[2], "ppi") ||
	      is(w[2], n[2], "spi") || is(w[2], n[2], "lpi") ||
	      is(w[2], n[2], "-")))
		return why_line(why, whylen, i,
				"malformed IRQ row (irq hwirq kind cpuN... name)");
	q.irq = u;
	cnt = realloc(c->irq_count,
		      (c->nirq + 1) * (c->irq_cpus ? c->irq_cpus : 1) *
		      sizeof(*cnt));
	if (!cnt)
		return why_line(why, whylen, i, "out of memory");
	c->irq_count = cnt;
	cnt += c->nirq * c->irq_cpus;
	for (k = 0; k < c->irq_cpus; k++) {
		const char *x = word(&p, &n[0]);

		if (!num(x, n[0], &cnt[k]))
			return why_line(why, whylen, i, "malformed count");
		q.total += cnt[k];
	}
	/* The name: the rest of the line (a handler's name is any string). */
	name = p + strspn(p, " \t");
	len = strlen(name);
	if (!len || len >= sizeof(q.name))
		return why_line(why, whylen, i, "IRQ row without a name");
	memcpy(q.name, name, len + 1);
	nq = realloc(c->irq, (c->nirq + 1) * sizeof(*nq));
	if (!nq)
		return why_line(why, whylen, i, "out of memory");
	c->irq = nq;
	c->irq[c->nirq++] = q;
	return 0;
}

int osedu_vec_counts_parse(struct osedu_vec_counts *c,
			   const struct osedu_doc *d, char *why, size_t whylen)
{
	enum { NONE, CPUS, IRQS } where = NONE;
	const char *online;
	uint64_t u;

	memset(c, 0, sizeof(*c));
	if (!view_is(d, "vectors/counts", why, whylen))
		return -1;
	online = osedu_doc_get(d, "online_cpus");
	if (!online || !osedu_u64(online, &u) || !u || u > OSEDU_MAX_CPUS) {
		snprintf(why, whylen, "no \"online_cpus:\" line");
		return -1;
	}
	c->online_cpus = u;
	for (size_t i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i];
		int rc = 0;

		if (!*l || !strncmp(l, "online_cpus:", 12))
			continue;
		if (!strcmp(l, "cpu page_faults")) {
			where = CPUS;
		} else if (!strncmp(l, "irq hwirq kind ", 15)) {
			rc = where == CPUS ?
			     counts_irq_head(c, l, i, why, whylen) :
			     why_line(why, whylen, i, "IRQ table before the CPU rows");
			where = IRQS;
		} else if (where == CPUS) {
			rc = counts_cpu(c, l, i, why, whylen);
		} else if (where == IRQS) {
			rc = counts_irq(c, l, i, why, whylen);
		} else {
			rc = why_line(why, whylen, i, "unexpected line");
		}
		if (rc) {
			maybe_truncated(d, i, why, whylen);
			osedu_vec_counts_free(c);
			return -1;
		}
	}
	if (!c->ncpu || where != IRQS) {
		snprintf(why, whylen, "%s (truncated?)", c->ncpu ?
			 "no IRQ table" : "no per-CPU rows");
		osedu_vec_counts_free(c);
		return -1;
	}
	return 0;
}

const struct osedu_vec_irq *osedu_vec_irq_named(const struct osedu_vec_counts *c,
						const char *name)
{
	for (size_t i = 0; i < c->nirq; i++)
		if (!strcmp(c->irq[i].name, name))
			return &c->irq[i];
	return NULL;
}

/* ---- vectors/svc ----------------------------------------------------- */

void osedu_vec_svc_free(struct osedu_vec_svc *s)
{
	free(s->row);
	memset(s, 0, sizeof(*s));
}

static bool key_num(const struct osedu_doc *d, const char *key, uint64_t *out)
{
	return osedu_u64(osedu_doc_get(d, key), out);
}

int osedu_vec_svc_parse(struct osedu_vec_svc *s, const struct osedu_doc *d,
			char *why, size_t whylen)
{
	const char *state, *target;
	bool rows = false;
	uint64_t sum[2] = { 0 };

	memset(s, 0, sizeof(*s));
	if (!view_is(d, "vectors/svc", why, whylen))
		return -1;
	state = osedu_doc_get(d, "state");
	target = osedu_doc_get(d, "target");
	if (!state || (strcmp(state, "counting") && strcmp(state, "stopped")) ||
	    !target || !copy_word(s->target, sizeof(s->target), target,
				  strlen(target)) ||
	    !key_num(d, "aarch64", &s->aarch64) ||
	    !key_num(d, "aarch32", &s->aarch32)) {
		snprintf(why, whylen,
			 "malformed header (state, target, aarch64, aarch32)");
		return -1;
	}
	s->counting = !strcmp(state, "counting");
	for (size_t i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i], *w[3], *p = l;
		struct osedu_vec_svc_row r = { 0 }, *nr;
		size_t n[3], extra;
		uint64_t u;

		if (!strcmp(l, "abi nr count")) {
			rows = true;
			continue;
		}
		if (!rows || !*l)
			continue;
		for (int j = 0; j < 3; j++)
			w[j] = word(&p, &n[j]);
		r.abi = is(w[0], n[0], "aarch64") ? 0 :
			is(w[0], n[0], "aarch32") ? 1 : -1;
		if (is(w[1], n[1], "other"))
			r.nr = -1;
		else if (num(w[1], n[1], &u) && u < 1024)
			r.nr = u;
		else
			r.abi = -1;
		if (r.abi < 0 || word(&p, &extra) || !num(w[2], n[2], &r.count) ||
		    !r.count) {
			osedu_vec_svc_free(s);
			why_line(why, whylen, i, "malformed row (abi nr count)");
			maybe_truncated(d, i, why, whylen);
			return -1;
		}
		sum[r.abi] += r.count;
		nr = realloc(s->row, (s->nrow + 1) * sizeof(*nr));
		if (!nr) {
			osedu_vec_svc_free(s);
			return why_line(why, whylen, i, "out of memory");
		}
		s->row = nr;
		s->row[s->nrow++] = r;
	}
	if (!rows) {
		snprintf(why, whylen, "no \"abi nr count\" table (truncated?)");
		return -1;
	}
	/*
	 * The totals and rows are read one after the other while counting
	 * goes on: they agree only when counting has stopped.
	 */
	if (!s->counting && (sum[0] != s->aarch64 || sum[1] != s->aarch32)) {
		snprintf(why, whylen,
			 "rows add up to %llu and %llu, not the totals %llu and %llu (truncated?)",
			 (unsigned long long)sum[0], (unsigned long long)sum[1],
			 (unsigned long long)s->aarch64,
			 (unsigned long long)s->aarch32);
		osedu_vec_svc_free(s);
		return -1;
	}
	return 0;
}
