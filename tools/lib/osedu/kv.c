// SPDX-License-Identifier: GPL-2.0
/*
 * "key: value" lines and table columns (docs/proc-format.md: after the
 * first line, key: value blocks and/or tables with one header row).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

const char *osedu_next_line(const char *p)
{
	p = strchr(p, '\n');
	return p ? p + 1 : NULL;
}

const char *osedu_kv_find(const char *text, const char *key, size_t *vlen)
{
	size_t k = strlen(key);
	const char *p, *v;

	osedu_for_each_line(p, text) {
		if (strncmp(p, key, k) || p[k] != ':')
			continue;
		v = p + k + 1;
		v += strspn(v, " \t");
		if (vlen)
			*vlen = strcspn(v, "\n");
		return v;
	}
	return NULL;
}

const char *osedu_doc_get(const struct osedu_doc *d, const char *key)
{
	const char *v;
	size_t i;

	/* Lines are NUL-terminated: each is a text of one line. */
	for (i = 1; i < d->nlines; i++) {
		v = osedu_kv_find(d->lines[i], key, NULL);
		if (v)
			return v;
	}
	return NULL;
}

bool osedu_kv(const char *text, const char *key, char *out, size_t len)
{
	size_t n;
	const char *v = osedu_kv_find(text, key, &n);

	if (!len)
		return false;
	out[0] = '\0';
	if (!v)
		return false;
	if (n >= len)
		n = len - 1;
	memcpy(out, v, n);
	out[n] = '\0';
	return true;
}

long long osedu_kv_num(const char *text, const char *key, long long def)
{
	const char *v = osedu_kv_find(text, key, NULL);

	return v ? strtoll(v, NULL, 0) : def;
}

long long osedu_kv_ll(const char *text, const char *key)
{
	return osedu_kv_num(text, key, -1);
}

unsigned long long osedu_kv_ull(const char *text, const char *key)
{
	const char *v = osedu_kv_find(text, key, NULL);

	return v ? strtoull(v, NULL, 0) : 0;
}

int osedu_split(struct osedu_cols *c, const char *line)
{
	char *p, *save;

	c->n = 0;
	c->buf = strdup(line);
	if (!c->buf)
		return -1;
	for (p = strtok_r(c->buf, " \t", &save); p && c->n < 64;
	     p = strtok_r(NULL, " \t", &save))
		c->col[c->n++] = p;
	return c->n;
}

void osedu_cols_free(struct osedu_cols *c)
{
	free(c->buf);
	c->buf = NULL;
	c->n = 0;
}

bool osedu_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return !errno && !*end;
}

bool osedu_s64(const char *s, int64_t *out)
{
	char *end;

	if (!s || !*s)
		return false;
	errno = 0;
	*out = strtoll(s, &end, 0);
	return !errno && !*end;
}

bool osedu_parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (!n || n > 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v > (UINT64_MAX - (s[i] - '0')) / 10)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool osedu_parse_int(const char *s, size_t n, int *out, int max)
{
	uint64_t v;

	if (n > 10 || !osedu_parse_u64(s, n, &v) || max < 0 ||
	    v > (uint64_t)max)
		return false;
	*out = (int)v;
	return true;
}
