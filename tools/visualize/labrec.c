// SPDX-License-Identifier: GPL-2.0
/* Reading a lab record (labrec.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "labrec.h"

static int check_view(struct osedu_doc *d, const char *name,
		      const char *view)
{
	if (!strcmp(d->view, view))
		return 0;
	viz_err("%s: a record of \"%s\", not \"%s\"", name, d->view, view);
	osedu_doc_free(d);
	return -1;
}

int labrec_load(struct osedu_doc *d, const char *path, const char *view)
{
	size_t len;
	char *buf = osedu_read_all(path, OSEDU_DOC_MAX, &len);

	if (!buf) {
		viz_err("%s: %s", path, errno == EFBIG ?
			"too large for a lab record" : strerror(errno));
		return -1;
	}
	if (viz_doc_parse(d, path, buf, len))
		return -1;
	return check_view(d, path, view);
}

int labrec_parse_mem(struct osedu_doc *d, const void *data, size_t len,
		     const char *view)
{
	if (viz_doc_parse_mem(d, "fuzz", data, len))
		return -1;
	return check_view(d, "fuzz", view);
}

bool labrec_int(const char *s, int max, int *out)
{
	return s && osedu_parse_int(s, strlen(s), out, max);
}

bool labrec_key(const struct osedu_doc *d, const char *key, int max,
		int *out)
{
	return labrec_int(osedu_doc_get(d, key), max, out);
}
