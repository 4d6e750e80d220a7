// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a /proc/osedu document: the whole file into memory, split into
 * lines, its first line checked against the format this tool was written
 * for. procfs files report size 0, so they are read until end of file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "viz.h"
#include "../../include/uapi/osedu/format.h"

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

void viz_doc_free(struct viz_doc *d)
{
	free(d->lines);
	free(d->buf);
	memset(d, 0, sizeof(*d));
}

int viz_doc_parse(struct viz_doc *d, const char *name, char *buf, size_t len)
{
	size_t i, n = 0, cap = 64;
	char *p, *end, *vw;
	unsigned long ver;

	memset(d, 0, sizeof(*d));
	d->buf = buf;
	if (memchr(buf, '\0', len)) {
		viz_err("%s: not an osedu file (it holds NUL bytes)", name);
		goto fail;
	}
	d->lines = malloc(cap * sizeof(*d->lines));
	if (!d->lines)
		goto oom;
	for (p = buf, end = buf + len; p < end; p++) {
		char *nl = memchr(p, '\n', end - p);

		if (n == cap) {
			char **l = realloc(d->lines, 2 * cap * sizeof(*l));

			if (!l)
				goto oom;
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

	if (!n || strncmp(d->lines[0], "osedu ", 6)) {
		viz_err("%s: not an osedu file (no \"osedu <view> <format>\" first line)",
			name);
		goto fail;
	}
	vw = d->lines[0] + 6;
	i = strcspn(vw, " ");
	if (!i || i >= sizeof(d->view) || vw[i] != ' ') {
		viz_err("%s: malformed first line \"%.80s\"", name,
			d->lines[0]);
		goto fail;
	}
	memcpy(d->view, vw, i);
	d->view[i] = '\0';
	errno = 0;
	ver = strtoul(vw + i + 1, &p, 10);
	if (errno || p == vw + i + 1 || *p) {
		viz_err("%s: malformed format version in \"%.80s\"", name,
			d->lines[0]);
		goto fail;
	}
	if (ver != OSEDU_FORMAT_VERSION) {
		viz_err("%s: format version %lu, but this visualize reads version %d: use the tools built with these modules",
			name, ver, OSEDU_FORMAT_VERSION);
		goto fail;
	}
	return 0;
oom:
	viz_err("%s: out of memory", name);
fail:
	viz_doc_free(d);
	return -1;
}

int viz_doc_parse_mem(struct viz_doc *d, const char *name, const void *data,
		      size_t len)
{
	char *buf = malloc(len + 1);

	if (!buf) {
		viz_err("%s: out of memory", name);
		return -1;
	}
	memcpy(buf, data, len);
	return viz_doc_parse(d, name, buf, len);
}

/* Explain a missing file: the module, or the process, is not there. */
static void missing(const struct viz *v, const char *rel, const char *module)
{
	char dir[4096];
	struct stat st;
	const char *slash = strchr(rel, '/');

	snprintf(dir, sizeof(dir), "%s/%.*s", v->root,
		 slash ? (int)(slash - rel) : (int)strlen(rel), rel);
	if (stat(v->root, &st) || stat(dir, &st))
		viz_err("%s/%s is missing: the %s module is not loaded. Load it with \"make load\" (or: sudo insmod %s.ko after osedu_core.ko)",
			v->root, rel, module, module);
	else
		viz_err("%s/%s: no such file (no such process, or it has exited)",
			v->root, rel);
}

int viz_doc_load(const struct viz *v, struct viz_doc *d, const char *rel,
		 const char *module)
{
	char path[4096];
	size_t len = 0, cap = 1 << 16;
	char *buf, *nb;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", v->root, rel);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			missing(v, rel, module);
		else if (errno == EACCES)
			viz_err("%s: permission denied (another user's process? run as its owner or as root)",
				path);
		else
			viz_err("%s: %s", path, strerror(errno));
		return -1;
	}
	buf = malloc(cap + 1);
	if (!buf)
		goto oom;
	for (;;) {
		if (len == cap) {
			if (cap >= VIZ_DOC_MAX) {
				viz_err("%s: larger than %u MiB", path,
					VIZ_DOC_MAX >> 20);
				goto fail;
			}
			cap *= 2;
			nb = realloc(buf, cap + 1);
			if (!nb)
				goto oom;
			buf = nb;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			viz_err("%s: %s", path, strerror(errno));
			goto fail;
		}
		if (!r)
			break;
		len += r;
	}
	close(fd);
	return viz_doc_parse(d, path, buf, len);
oom:
	viz_err("%s: out of memory", path);
fail:
	free(buf);
	close(fd);
	return -1;
}

const char *viz_doc_get(const struct viz_doc *d, const char *key)
{
	size_t i, k = strlen(key);

	for (i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i];

		if (!strncmp(l, key, k) && l[k] == ':')
			return l[k + 1] == ' ' ? l + k + 2 : l + k + 1;
	}
	return NULL;
}

int viz_split(struct viz_cols *c, const char *line)
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

void viz_cols_free(struct viz_cols *c)
{
	free(c->buf);
	c->buf = NULL;
	c->n = 0;
}

bool viz_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return !errno && !*end;
}

bool viz_s64(const char *s, int64_t *out)
{
	char *end;

	if (!s || !*s)
		return false;
	errno = 0;
	*out = strtoll(s, &end, 0);
	return !errno && !*end;
}
