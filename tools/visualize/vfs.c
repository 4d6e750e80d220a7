// SPDX-License-Identifier: GPL-2.0
/*
 * visualize vfs PID|self [PID...]: the open files of up to four processes
 * as the chain fd -> struct file -> dentry -> inode -> superblock, with
 * what is shared named: one struct file behind two fds (fork, dup: one
 * offset) against two struct files of one inode (two opens: two
 * offsets). vfs/<pid> (docs/proc-format.md, "vfs_dump").
 *
 * visualize vfs map PATH [PATH...]: the block maps of up to four files
 * side by side (vfs/blockmap), so that the same file on FAT, ext2 and
 * ext4 shows the three ways of keeping track of blocks: a chain, index
 * blocks, extents. Live, the answer is asked of <root>/vfs/blockmap (a
 * transaction file); in a recorded copy (tools/visualize/tests), that is
 * a directory holding one answer per path, named after the path with its
 * first '/' dropped and the others as '%'.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "markup.h"
#include "vfs.h"

static int bad(const char *name, size_t line, const char *what)
{
	viz_err("%s: line %zu: %s", name, line + 1, what);
	return -1;
}

const char *vfs_short_id(const char *id, char *buf, size_t n)
{
	size_t k = strlen(id);

	snprintf(buf, n, "#%s", k > 4 ? id + k - 4 : id);
	return buf;
}

void vfs_svg_arrow(FILE *f, double x1, double y1, double x2, double y2,
		   const char *stroke)
{
	double dx = x2 - x1, dy = y2 - y1;
	double ux, uy, len, sq;

	svg_line(f, x1, y1, x2, y2, stroke);
	/* A head of 6 px along the line, 3 px either side (no libm). */
	len = dx * dx + dy * dy;
	if (len <= 0)
		return;
	sq = len;
	for (int i = 0; i < 40; i++)
		len = (len + sq / len) / 2;
	ux = dx / len;
	uy = dy / len;
	mk_printf(f, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>\n",
		  x2, y2, x2 - 6 * ux - 3 * uy, y2 - 6 * uy + 3 * ux,
		  x2 - 6 * ux + 3 * uy, y2 - 6 * uy - 3 * ux,
		  stroke ? stroke : "#333");
}

void vfs_chain_free(struct vfs_chain *c)
{
	free(c->fds);
	memset(c, 0, sizeof(*c));
}

/* "KEY: value" of LINE into OUT (cut to N - 1 bytes); true if it is KEY. */
static bool kv_str(const char *line, const char *key, char *out, size_t n)
{
	size_t k = strlen(key);

	if (strncmp(line, key, k) || line[k] != ':' || line[k + 1] != ' ')
		return false;
	snprintf(out, n, "%s", line + k + 2);
	return true;
}

/* The same for a number; a malformed one is an error (-1), absent 0. */
static int kv_ll(const char *line, const char *key, long long *out)
{
	size_t k = strlen(key);
	int64_t v;

	if (strncmp(line, key, k) || line[k] != ':' || line[k + 1] != ' ')
		return 0;
	if (!osedu_s64(line + k + 2, &v))
		return -1;
	*out = v;
	return 1;
}

static int fd_line(struct vfs_fd *f, const char *l)
{
	static const struct { const char *key; size_t off; } nums[] = {
		{ "pos", offsetof(struct vfs_fd, pos) },
		{ "file_refs", offsetof(struct vfs_fd, file_refs) },
		{ "dentry_refs", offsetof(struct vfs_fd, dentry_refs) },
		{ "inode_refs", offsetof(struct vfs_fd, inode_refs) },
		{ "ino", offsetof(struct vfs_fd, ino) },
		{ "nlink", offsetof(struct vfs_fd, nlink) },
		{ "size", offsetof(struct vfs_fd, size) },
		{ "cloexec", offsetof(struct vfs_fd, cloexec) },
	};
	uint64_t u;

	for (size_t i = 0; i < ARRAY_SIZE(nums); i++) {
		int r = kv_ll(l, nums[i].key,
			      (long long *)((char *)f + nums[i].off));

		if (r)
			return r < 0 ? -1 : 0;
	}
	if (!strncmp(l, "flags: ", 7))
		return osedu_u64(l + 7, &u) ? (f->flags = u, 0) : -1;
	if (kv_str(l, "file_id", f->file_id, sizeof(f->file_id)) ||
	    kv_str(l, "dentry_id", f->dentry_id, sizeof(f->dentry_id)) ||
	    kv_str(l, "inode_id", f->inode_id, sizeof(f->inode_id)) ||
	    kv_str(l, "dentry", f->dentry, sizeof(f->dentry)) ||
	    kv_str(l, "path", f->path, sizeof(f->path)) ||
	    kv_str(l, "type", f->type, sizeof(f->type)) ||
	    kv_str(l, "sb_type", f->sb_type, sizeof(f->sb_type)) ||
	    kv_str(l, "sb_id", f->sb_id, sizeof(f->sb_id)))
		return 0;
	kv_str(l, "sb_dev", f->sb_dev, sizeof(f->sb_dev));
	return 0;
}

int vfs_chain_add(struct vfs_chain *c, const struct osedu_doc *d,
		  const char *name)
{
	struct vfs_proc *p;
	struct vfs_fd *f = NULL;
	long long n;

	if (strcmp(d->view, "vfs"))
		return bad(name, 0, "not a vfs/<pid> file");
	if (c->nprocs >= VFS_PROCS_MAX)
		return bad(name, 0, "too many processes");
	p = &c->procs[c->nprocs];
	memset(p, 0, sizeof(*p));
	p->pid = -1;
	for (size_t i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i];

		if (!*l)
			continue;
		if (i > 1 && !*d->lines[i - 1] && !strncmp(l, "fd: ", 4)) {
			void *q = realloc(c->fds, (c->nfds + 1) * sizeof(*c->fds));

			if (!q)
				return -1;
			c->fds = q;
			f = &c->fds[c->nfds++];
			memset(f, 0, sizeof(*f));
			f->proc = c->nprocs;
			n = -1;
			if (kv_ll(l, "fd", &n) < 0 || n < 0 || n > INT32_MAX)
				return bad(name, i, "bad fd");
			f->fd = n;
			continue;
		}
		if (f) {
			if (fd_line(f, l))
				return bad(name, i, "malformed value");
			continue;
		}
		n = p->pid;
		if (kv_ll(l, "pid", &n) < 0 || n > INT32_MAX)
			return bad(name, i, "bad pid");
		p->pid = n;
		kv_str(l, "comm", p->comm, sizeof(p->comm));
		kv_str(l, "cwd", p->cwd, sizeof(p->cwd));
		kv_str(l, "root", p->root, sizeof(p->root));
	}
	if (p->pid <= 0)
		return bad(name, 1, "no pid");
	/* sb_dev ends a record: a record without it was cut. */
	for (size_t i = 0; i < c->nfds; i++)
		if (c->fds[i].proc == c->nprocs &&
		    (!c->fds[i].file_id[0] || !c->fds[i].inode_id[0] ||
		     !c->fds[i].sb_dev[0]))
			return bad(name, d->nlines - 1, "an fd record cut short");
	c->nprocs++;
	return 0;
}

static bool pid_arg(const char *s)
{
	return !strcmp(s, "self") ||
	       (*s && strlen(s) < 11 && strspn(s, "0123456789") == strlen(s));
}

static int chain_run(struct viz *v, int argc, char **argv)
{
	struct vfs_chain c = { 0 };
	struct osedu_doc d;
	char rel[64], path[4200];
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		snprintf(rel, sizeof(rel), "vfs/%s", argv[i]);
		snprintf(path, sizeof(path), "%s/%s", v->root, rel);
		if (viz_doc_load(v, &d, rel, "osedu_vfs_dump"))
			goto out;
		if (vfs_chain_add(&c, &d, path)) {
			osedu_doc_free(&d);
			goto out;
		}
		osedu_doc_free(&d);
	}
	vfs_chain_render(v, &c);
	rc = 0;
out:
	vfs_chain_free(&c);
	return rc;
}

/* The answer for PATH: asked live, or read from a recorded copy. */
static char *map_answer(const struct viz *v, const char *path, char *name,
			size_t n)
{
	struct stat st;
	char *text;

	snprintf(name, n, "%s/vfs/blockmap", v->root);
	if (stat(name, &st)) {
		if (errno == ENOENT)
			viz_missing(v, "vfs/blockmap", "osedu_vfs_dump");
		else
			viz_err("%s: %s", name, strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		size_t k = strlen(name);

		snprintf(name + k, n - k, "/%s", path + 1);
		for (char *s = name + k + 1; *s; s++)
			if (*s == '/')
				*s = '%';
		text = osedu_read_all(name, OSEDU_DOC_MAX, NULL);
		if (!text)
			viz_err("%s: no recorded answer for %s", name, path);
		return text;
	}
	text = osedu_blockmap_ask_at(name, path);
	if (!text)
		viz_err("%s: %s: %s", name, path, strerror(errno));
	return text;
}

static int map_run(struct viz *v, int argc, char **argv)
{
	struct vfs_map maps[VFS_MAPS_MAX];
	size_t n = 0;
	char name[4400];
	int rc = 1;

	memset(maps, 0, sizeof(maps));
	for (int i = 2; i < argc; i++) {
		char *text = map_answer(v, argv[i], name, sizeof(name));

		if (!text)
			goto out;
		if (vfs_map_parse(&maps[n], text, name)) {
			free(text);
			vfs_map_free(&maps[n]);
			goto out;
		}
		free(text);
		n++;
	}
	vfs_map_render(v, maps, n);
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		vfs_map_free(&maps[i]);
	return rc;
}

static int vfs_run(struct viz *v, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "map")) {
		bool ok = argc >= 3 && argc - 2 <= VFS_MAPS_MAX;

		for (int i = 2; ok && i < argc; i++)
			ok = argv[i][0] == '/' && strlen(argv[i]) < 256 &&
			     !strchr(argv[i], '\n');
		if (!ok) {
			viz_err("usage: visualize vfs map PATH [PATH...] (1 to %d absolute paths)",
				VFS_MAPS_MAX);
			return 2;
		}
		return map_run(v, argc, argv);
	}
	if (argc < 2 || argc - 1 > VFS_PROCS_MAX) {
		viz_err("usage: visualize vfs PID|self [PID...] (1 to %d processes), or vfs map PATH...",
			VFS_PROCS_MAX);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (!pid_arg(argv[i])) {
			viz_err("vfs: %s: a process id or self", argv[i]);
			return 2;
		}
	return chain_run(v, argc, argv);
}

/* Documents separated by NUL bytes: vfs/<pid> files, or block maps. */
static int vfs_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	struct vfs_map maps[VFS_MAPS_MAX];
	struct vfs_chain c = { 0 };
	size_t nmaps = 0;
	int rc = 1;

	memset(maps, 0, sizeof(maps));
	while (len) {
		const uint8_t *nul = memchr(data, '\0', len);
		size_t n = nul ? (size_t)(nul - data) : len;
		char *text = strndup((const char *)data, n);
		struct osedu_doc d;

		if (!text)
			goto out;
		if (osedu_is_header(text, "vfs-blockmap")) {
			if (nmaps == VFS_MAPS_MAX ||
			    vfs_map_parse(&maps[nmaps], text, "fuzz")) {
				free(text);
				if (nmaps < VFS_MAPS_MAX)
					vfs_map_free(&maps[nmaps]);
				goto out;
			}
			nmaps++;
		} else if (!viz_doc_parse_mem(&d, "fuzz", data, n)) {
			int r = vfs_chain_add(&c, &d, "fuzz");

			osedu_doc_free(&d);
			if (r) {
				free(text);
				goto out;
			}
		}
		free(text);
		data += n;
		len -= n;
		if (nul) {
			data++;
			len--;
		}
	}
	if (c.nprocs)
		vfs_chain_render(v, &c);
	if (nmaps)
		vfs_map_render(v, maps, nmaps);
	rc = 0;
out:
	for (size_t i = 0; i < nmaps; i++)
		vfs_map_free(&maps[i]);
	vfs_chain_free(&c);
	return rc;
}

const struct viz_view viz_view_vfs = {
	.name = "vfs",
	.usage = "vfs PID|self [PID...]",
	.summary = "open files as fd -> file -> dentry -> inode -> superblock; vfs map PATH...: block maps",
	.run = vfs_run,
	.fuzz = vfs_fuzz,
};
