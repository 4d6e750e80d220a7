// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/ipc (docs/proc-format.md, ipc_demo): the blocks of
 * ipc/<pid>, the rows of ipc/waits and of ipc/sysv. Nothing here trusts
 * its input: a row that is not exactly what the module writes is refused.
 */
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

/* Does the line at P begin with "KIND:" (and " VALUE" then its end)? */
static bool block_head(const char *p, const char *kind, const char *value)
{
	size_t k = strlen(kind), v;

	if (strncmp(p, kind, k) || p[k] != ':')
		return false;
	if (!value)
		return true;
	p += k + 1;
	if (*p != ' ')
		return false;
	p++;
	v = strlen(value);
	return !strncmp(p, value, v) && (p[v] == '\n' || p[v] == '\0');
}

/* Does the line at P of TEXT begin a block (the first after an empty line)? */
static bool block_start(const char *text, const char *p)
{
	return p - text >= 2 && p[-1] == '\n' && p[-2] == '\n';
}

/* The line after P's block: past the next empty line, or NULL. */
static const char *block_end(const char *p)
{
	const char *e = strstr(p, "\n\n");

	return e ? e + 1 : p + strlen(p);
}

char *osedu_ipc_block(const char *text, const char *kind, const char *value)
{
	const char *p, *e;
	char *out;

	if (!text || !kind)
		return NULL;
	osedu_for_each_line(p, text) {
		if (!block_start(text, p) || !block_head(p, kind, value))
			continue;
		e = block_end(p);
		out = malloc(e - p + 1);
		if (!out)
			return NULL;
		memcpy(out, p, e - p);
		out[e - p] = '\0';
		return out;
	}
	return NULL;
}

size_t osedu_ipc_count(const char *text, const char *kind)
{
	const char *p;
	size_t n = 0;

	if (!text || !kind)
		return 0;
	osedu_for_each_line(p, text)
		if (block_start(text, p) && block_head(p, kind, NULL))
			n++;
	return n;
}

/* The next blank-separated word of *P (at most LEN - 1 bytes) into OUT. */
static bool word(const char **p, const char *end, char *out, size_t len)
{
	const char *s = *p, *e;

	while (s < end && *s == ' ')
		s++;
	for (e = s; e < end && *e != ' '; e++)
		if (*e == '\n' || *e == '\0')
			return false;
	if (e == s || (size_t)(e - s) >= len)
		return false;
	memcpy(out, s, e - s);
	out[e - s] = '\0';
	*p = e;
	return true;
}

static bool num(const char *s, long long *out)
{
	int64_t v;

	if (!osedu_s64(s, &v))
		return false;
	*out = v;
	return true;
}

bool osedu_wait_parse(const char *line, size_t len, struct osedu_wait *w)
{
	const char *p = line, *end = line + len;
	char tok[600], *a, *save = NULL;
	long long v;
	int i;

	memset(w, 0, sizeof(*w));
	if (!word(&p, end, tok, 16) || !num(tok, &v) || v <= 0 || v > INT32_MAX)
		return false;
	w->tid = v;
	if (!word(&p, end, tok, 16) || !num(tok, &v) || v <= 0 || v > INT32_MAX)
		return false;
	w->pid = v;
	if (!word(&p, end, tok, 2))
		return false;
	w->state = tok[0];
	if (!word(&p, end, w->syscall, sizeof(w->syscall)))
		return false;
	if (!word(&p, end, tok, 24) || !num(tok, &v) || v < -1 || v > 1 << 20)
		return false;
	w->nr = v;
	if (!word(&p, end, w->kind, sizeof(w->kind)) ||
	    !word(&p, end, w->object, sizeof(w->object)) ||
	    !word(&p, end, tok, 16))
		return false;
	if (!strcmp(tok, "-"))
		w->holder = 0;
	else if (!strcmp(tok, "ofd"))
		w->holder = -1;
	else if (num(tok, &v) && v > 0 && v <= INT32_MAX)
		w->holder = v;
	else
		return false;
	if (!word(&p, end, w->detail, sizeof(w->detail)) ||
	    !word(&p, end, tok, sizeof(tok)))
		return false;
	for (i = 0, a = strtok_r(tok, ",", &save); a && i < 6;
	     i++, a = strtok_r(NULL, ",", &save)) {
		uint64_t u;

		if (!osedu_u64(a, &u))
			return false;
		w->args[i] = u;
	}
	if (i != 6 || a)
		return false;
	/* The comm is the rest of the line, spaces and all. */
	if (p >= end || *p != ' ')
		return false;
	p++;
	if ((size_t)(end - p) >= sizeof(w->comm) || memchr(p, '\0', end - p))
		return false;
	memcpy(w->comm, p, end - p);
	w->comm[end - p] = '\0';
	return true;
}

bool osedu_wait_detail(const struct osedu_wait *w, const char *key,
		       char *out, size_t len)
{
	size_t k = strlen(key), n;
	const char *p = w->detail;

	if (!len)
		return false;
	while (p && *p) {
		if (!strncmp(p, key, k) && p[k] == '=') {
			p += k + 1;
			n = strcspn(p, ",");
			if (n >= len)
				n = len - 1;
			memcpy(out, p, n);
			out[n] = '\0';
			return true;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

bool osedu_sysv_parse(const char *line, size_t len, struct osedu_sysv *o)
{
	struct osedu_cols c;
	uint64_t u[8];
	char *copy;
	bool ok = false;
	int i;

	memset(o, 0, sizeof(*o));
	copy = strndup(line, len);
	if (!copy)
		return false;
	i = osedu_split(&c, copy);
	free(copy);
	if (i < 0)
		return false;
	if (c.n != 11 || (strcmp(c.col[0], "sem") && strcmp(c.col[0], "msg") &&
			  strcmp(c.col[0], "shm")))
		goto out;
	strcpy(o->type, c.col[0]);
	for (i = 0; i < 8; i++)
		if (!osedu_u64(c.col[i + 2], &u[i]) ||
		    (i < 7 && u[i] > UINT32_MAX))
			goto out;
	{
		int64_t id;

		if (!osedu_s64(c.col[1], &id) || id < 0 || id > INT32_MAX)
			goto out;
		o->id = id;
	}
	o->key = u[0];
	o->mode = u[1];
	o->uid = u[2];
	o->gid = u[3];
	o->cuid = u[4];
	o->cgid = u[5];
	o->slot = u[6];
	o->seq = u[7];
	if (strcmp(c.col[10], "0") && strcmp(c.col[10], "1"))
		goto out;
	o->deleted = c.col[10][0] == '1';
	ok = true;
out:
	osedu_cols_free(&c);
	return ok;
}

int osedu_wait_graph(const struct osedu_wait *w, size_t n, int *next,
		     int *cycle)
{
	size_t *mark = calloc(n + 1, sizeof(*mark));
	int ncycles = 0;

	if (!mark)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int h = w[i].holder, by_pid = -1;

		next[i] = -1;
		cycle[i] = 0;
		if (h <= 0)
			continue;
		for (size_t j = 0; j < n; j++) {
			if (w[j].tid == h) {
				next[i] = j;
				break;
			}
			if (by_pid < 0 && w[j].pid == h)
				by_pid = j;
		}
		if (next[i] < 0)
			next[i] = by_pid;
	}
	/* mark: 0 unseen, else 1 + the row the walk that saw it began at. */
	for (size_t s = 0; s < n; s++) {
		int i = s;

		while (i >= 0 && !mark[i]) {
			mark[i] = s + 1;
			i = next[i];
		}
		if (i >= 0 && mark[i] == s + 1) {
			int j = i;

			ncycles++;
			do {
				cycle[j] = ncycles;
				j = next[j];
			} while (j != i);
		}
	}
	free(mark);
	return ncycles;
}

int osedu_waits_parse(const char *text, struct osedu_wait **rows, size_t *n)
{
	size_t cap = 16, line = 0;
	const char *p;
	int bad = 0;

	*n = 0;
	*rows = malloc(cap * sizeof(**rows));
	if (!*rows)
		return -1;
	osedu_for_each_line(p, text) {
		size_t len = strcspn(p, "\n");

		if (line++ < 2 || !len)
			continue;
		if (*n == cap) {
			struct osedu_wait *q = realloc(*rows,
						       2 * cap * sizeof(*q));

			if (!q)
				return -1;
			*rows = q;
			cap *= 2;
		}
		if (osedu_wait_parse(p, len, &(*rows)[*n]))
			(*n)++;
		else
			bad++;
	}
	return bad;
}
