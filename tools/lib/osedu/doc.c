// SPDX-License-Identifier: GPL-2.0
/*
 * A /proc/osedu document: split into lines, its first line checked
 * against the format this library was built for (include/uapi/osedu/
 * format.h): "osedu <view> <OSEDU_FORMAT_VERSION>".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

void osedu_doc_free(struct osedu_doc *d)
{
	free(d->lines);
	free(d->buf);
	memset(d, 0, sizeof(*d));
}

static int split_lines(struct osedu_doc *d, char *buf, size_t len)
{
	size_t n = 0, cap = 64;
	char *p, *end = buf + len;

	d->lines = malloc(cap * sizeof(*d->lines));
	if (!d->lines)
		return -1;
	for (p = buf; p < end; p++) {
		char *nl = memchr(p, '\n', end - p);

		if (n == cap) {
			char **l = realloc(d->lines, 2 * cap * sizeof(*l));

			if (!l)
				return -1;
			d->lines = l;
			cap *= 2;
		}
		d->lines[n++] = p;
		if (!nl)
			break;	/* a last line without a newline: truncated */
		*nl = '\0';
		p = nl;
	}
	buf[len] = '\0';
	d->nlines = n;
	return 0;
}

int osedu_doc_parse(struct osedu_doc *d, char *buf, size_t len, char *why,
		    size_t whylen)
{
	unsigned long ver;
	char *p, *vw;
	size_t i;

	memset(d, 0, sizeof(*d));
	d->buf = buf;
	if (memchr(buf, '\0', len)) {
		snprintf(why, whylen, "not an osedu file (it holds NUL bytes)");
		return -1;
	}
	if (split_lines(d, buf, len)) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (!d->nlines || strncmp(d->lines[0], "osedu ", 6)) {
		snprintf(why, whylen,
			 "not an osedu file (no \"osedu <view> <format>\" first line)");
		return -1;
	}
	vw = d->lines[0] + 6;
	i = strcspn(vw, " ");
	if (!i || i >= sizeof(d->view) || vw[i] != ' ') {
		snprintf(why, whylen, "malformed first line \"%.80s\"",
			 d->lines[0]);
		return -1;
	}
	memcpy(d->view, vw, i);
	d->view[i] = '\0';
	errno = 0;
	ver = strtoul(vw + i + 1, &p, 10);
	if (errno || p == vw + i + 1 || *p || vw[i + 1] < '0' ||
	    vw[i + 1] > '9') {
		snprintf(why, whylen, "malformed format version in \"%.80s\"",
			 d->lines[0]);
		return -1;
	}
	if (ver != OSEDU_FORMAT_VERSION) {
		snprintf(why, whylen,
			 "format version %lu, but these tools read version %d: use the tools built with these modules",
			 ver, OSEDU_FORMAT_VERSION);
		return -1;
	}
	return 0;
}


bool osedu_is_header(const char *line, const char *view)
{
	char want[128];
	size_t n;

	n = snprintf(want, sizeof(want), "osedu %s %d", view,
		     OSEDU_FORMAT_VERSION);
	return n < sizeof(want) && !strncmp(line, want, n) &&
	       (line[n] == '\n' || line[n] == '\0');
}
