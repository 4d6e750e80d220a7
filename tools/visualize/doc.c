// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a /proc/osedu document for visualize: libosedu reads and checks
 * it; this file turns each refusal into a message for the user.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "viz.h"

bool viz_quiet;

void viz_err(const char *fmt, ...)
{
	va_list ap;

	if (viz_quiet)
		return;
	fputs("visualize: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int viz_doc_parse(struct osedu_doc *d, const char *name, char *buf,
		  size_t len)
{
	char why[256];

	if (!osedu_doc_parse(d, buf, len, why, sizeof(why)))
		return 0;
	viz_err("%s: %s", name, why);
	osedu_doc_free(d);
	return -1;
}

int viz_doc_parse_mem(struct osedu_doc *d, const char *name,
		      const void *data, size_t len)
{
	char *buf = malloc(len + 1);

	if (!buf) {
		viz_err("%s: out of memory", name);
		return -1;
	}
	memcpy(buf, data, len);
	return viz_doc_parse(d, name, buf, len);
}

int viz_fuzz_docs(const uint8_t *data, size_t len,
		  int (*attach)(void *ctx, struct osedu_doc *d), void *ctx)
{
	while (len) {
		const uint8_t *nul = memchr(data, '\0', len);
		size_t n = nul ? (size_t)(nul - data) : len;
		struct osedu_doc d;

		if (!viz_doc_parse_mem(&d, "fuzz", data, n) && attach(ctx, &d))
			return -1;
		data += n;
		len -= n;
		if (nul) {
			data++;
			len--;
		}
	}
	return 0;
}

void viz_missing(const struct viz *v, const char *rel, const char *module)
{
	char dir[4096], path[4096], why[8192];
	struct stat st;
	const char *slash = strchr(rel, '/');

	snprintf(dir, sizeof(dir), "%s/%.*s", v->root,
		 slash ? (int)(slash - rel) : (int)strlen(rel), rel);
	snprintf(path, sizeof(path), "%s/%s", v->root, rel);
	if (stat(v->root, &st) || stat(dir, &st))
		viz_err("%s", osedu_not_loaded(why, sizeof(why), path, module));
	else
		viz_err("%s: no such file (no such process, or it has exited)",
			path);
}

int viz_doc_load(const struct viz *v, struct osedu_doc *d, const char *rel,
		 const char *module)
{
	char path[4096];
	size_t len;
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", v->root, rel);
	buf = osedu_read_all(path, OSEDU_DOC_MAX, &len);
	if (buf)
		return viz_doc_parse(d, path, buf, len);
	if (errno == ENOENT)
		viz_missing(v, rel, module);
	else if (errno == EACCES)
		viz_err("%s: permission denied (another user's process? run as its owner or as root)",
			path);
	else if (errno == EFBIG)
		viz_err("%s: larger than %u MiB", path, OSEDU_DOC_MAX >> 20);
	else
		viz_err("%s: %s", path, strerror(errno));
	return -1;
}
