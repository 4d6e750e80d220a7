// SPDX-License-Identifier: GPL-2.0
/*
 * visualize vfs PID..., rendering: per process its fds, each followed to
 * its struct file, dentry, inode and superblock; then what is shared,
 * said in words: two fds on one struct file share one offset (fork, dup),
 * two struct files on one inode have one each (two opens). Text, SVG,
 * HTML; English and Korean.
 */
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "vfs.h"

#define SVG_FDS_MAX	12	/* fds drawn per process; the rest counted */

static const char *access_mode(unsigned long long flags)
{
	switch (flags & 3) {
	case 0:
		return "O_RDONLY";
	case 1:
		return "O_WRONLY";
	case 2:
		return "O_RDWR";
	default:
		return "O_ACCMODE";
	}
}

/* The index of the first fd whose ID (at OFF in struct vfs_fd) is ID. */
static size_t first_with(const struct vfs_chain *c, size_t off, const char *id)
{
	for (size_t i = 0; i < c->nfds; i++)
		if (!strcmp((const char *)&c->fds[i] + off, id))
			return i;
	return c->nfds;
}

static size_t count_with(const struct vfs_chain *c, size_t off, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nfds; i++)
		if (!strcmp((const char *)&c->fds[i] + off, id))
			n++;
	return n;
}

#define OFF_FILE	offsetof(struct vfs_fd, file_id)
#define OFF_INODE	offsetof(struct vfs_fd, inode_id)

/* Distinct struct files on the inode of fd I. */
static size_t files_of_inode(const struct vfs_chain *c, size_t i)
{
	size_t n = 0;

	for (size_t j = 0; j < c->nfds; j++)
		if (!strcmp(c->fds[j].inode_id, c->fds[i].inode_id) &&
		    first_with(c, OFF_FILE, c->fds[j].file_id) == j)
			n++;
	return n;
}

/* ---- text ------------------------------------------------------------ */

static void text_table(const struct viz *v, const struct vfs_chain *c)
{
	FILE *f = v->out;
	char comm[64], path[200], root[200], a[16], b[16], d[16];

	for (size_t p = 0; p < c->nprocs; p++) {
		const struct vfs_proc *pr = &c->procs[p];

		mk_clean(comm, sizeof(comm), pr->comm);
		fprintf(f, "%s%s %d (%s)%s  cwd %s  root %s\n",
			viz_c(v, VIZ_BOLD), viz_tr(v, "process", "프로세스"),
			pr->pid, comm, viz_c(v, VIZ_RESET),
			mk_clean(path, sizeof(path), pr->cwd),
			mk_clean(root, sizeof(root), pr->root));
		fprintf(f, "  %4s  %-6s %8s %4s %-12s  %-6s %4s  %-6s %8s %4s  %-12s %-14s %s\n",
			"fd", "file", "pos", "refs", "flags", "dentry", "refs",
			"inode", "ino", "refs", "type", "sb", "path");
		for (size_t i = 0; i < c->nfds; i++) {
			const struct vfs_fd *x = &c->fds[i];
			bool shared = count_with(c, OFF_FILE, x->file_id) > 1;

			if (x->proc != p)
				continue;
			fprintf(f, "  %4d  %s%-6s%s %8lld %4lld %-8s%-4s  %-6s %4lld  %-6s %8lld %4lld  %-12s %-14s %s\n",
				x->fd, shared ? viz_c(v, VIZ_YELLOW) : "",
				vfs_short_id(x->file_id, a, sizeof(a)),
				shared ? viz_c(v, VIZ_RESET) : "", x->pos,
				x->file_refs, access_mode(x->flags),
				x->cloexec ? " CE" : "",
				vfs_short_id(x->dentry_id, b, sizeof(b)),
				x->dentry_refs,
				vfs_short_id(x->inode_id, d, sizeof(d)),
				x->ino, x->inode_refs, x->type, x->sb_type,
				mk_clean(path, sizeof(path), x->path));
		}
	}
}

static void text_shared(const struct viz *v, const struct vfs_chain *c)
{
	FILE *f = v->out;
	char id[16], path[200];
	bool any = false;

	viz_heading(v, "What is shared", "무엇을 공유하나");
	for (size_t i = 0; i < c->nfds; i++) {
		const struct vfs_fd *x = &c->fds[i];
		size_t n = count_with(c, OFF_FILE, x->file_id);

		if (first_with(c, OFF_FILE, x->file_id) != i)
			continue;
		if (n > 1) {
			fprintf(f, "%s %s:", viz_tr(v, "struct file", "struct file"),
				vfs_short_id(x->file_id, id, sizeof(id)));
			for (size_t j = i; j < c->nfds; j++)
				if (!strcmp(c->fds[j].file_id, x->file_id))
					fprintf(f, " fd %d (%s %d)", c->fds[j].fd,
						viz_tr(v, "pid", "pid"),
						c->procs[c->fds[j].proc].pid);
			fprintf(f, "\n  %s %lld.\n",
				viz_tr(v, "one struct file behind these fds (fork or dup): one offset for all of them, now",
				       "이 fd들 뒤에 struct file 하나 (fork 또는 dup): 오프셋도 하나, 지금"),
				x->pos);
			any = true;
		} else if (x->file_refs > 1 && c->nprocs == 1) {
			fprintf(f, "fd %d: %s %s %lld %s\n", x->fd,
				vfs_short_id(x->file_id, id, sizeof(id)),
				viz_tr(v, "has", "의 참조"), x->file_refs,
				viz_tr(v, "references: other fds or processes (after fork) share it",
				       "개: 다른 fd나 (fork 뒤의) 다른 프로세스가 공유"));
			any = true;
		}
	}
	for (size_t i = 0; i < c->nfds; i++) {
		const struct vfs_fd *x = &c->fds[i];

		if (first_with(c, OFF_INODE, x->inode_id) != i ||
		    files_of_inode(c, i) < 2 || strcmp(x->type, "regular"))
			continue;
		fprintf(f, "%s %lld (%s):", viz_tr(v, "inode", "inode"), x->ino,
			mk_clean(path, sizeof(path), x->path));
		for (size_t j = i; j < c->nfds; j++) {
			const struct vfs_fd *y = &c->fds[j];
			bool first = true;

			if (strcmp(y->inode_id, x->inode_id) ||
			    first_with(c, OFF_FILE, y->file_id) != j)
				continue;
			fprintf(f, "\n  %s pos %lld (",
				vfs_short_id(y->file_id, id, sizeof(id)), y->pos);
			for (size_t k = j; k < c->nfds; k++)
				if (!strcmp(c->fds[k].file_id, y->file_id)) {
					fprintf(f, "%sfd %d %s %d", first ? "" : ", ",
						c->fds[k].fd,
						viz_tr(v, "of", "pid"),
						c->procs[c->fds[k].proc].pid);
					first = false;
				}
			fputc(')', f);
		}
		fprintf(f, "\n  %s\n",
			viz_tr(v, "one inode, opened more than once: a struct file, and an offset, per open(2).",
			       "inode 하나를 여러 번 open: open(2)마다 struct file과 오프셋이 따로 있습니다."));
		any = true;
	}
	if (!any)
		fprintf(f, "%s\n", viz_tr(v, "Nothing shared among the fds shown.",
					  "보이는 fd 사이에 공유가 없습니다."));
}

static void text_render(const struct viz *v, const struct vfs_chain *c)
{
	viz_heading(v, "Open files: fd -> struct file -> dentry -> inode -> superblock",
		    "열린 파일: fd -> struct file -> dentry -> inode -> 슈퍼블록");
	viz_explain(v,
		"open(2) builds a chain: the fd is an index into the process's table; it points to a struct file (the offset, the open flags), which points to a dentry (a name in a directory) and to the inode (the file itself: size, owner, blocks), which belongs to a superblock (one mounted file system). Equal #ids are the same kernel object. CE marks close-on-exec.",
		"open(2)은 사슬을 만듭니다. fd는 프로세스 표의 번호이고, struct file(오프셋, 열기 플래그)을 가리키며, struct file은 dentry(디렉터리 안의 이름)와 inode(파일 그 자체: 크기, 소유자, 블록)를 가리키고, inode는 슈퍼블록(마운트된 파일 시스템 하나)에 속합니다. #id가 같으면 같은 커널 객체입니다. CE는 close-on-exec 표시입니다.");
	text_table(v, c);
	text_shared(v, c);
}

/* ---- SVG ------------------------------------------------------------- */

#define ROW	24
#define X_FD	10
#define X_FILE	150
#define X_DEN	330
#define X_INO	500
#define X_SB	680
#define W_BOX	130

/* The SVG row of each fd (-1: not drawn), and the number of rows. */
static int svg_rows(const struct vfs_chain *c, int *row)
{
	int r = 1;

	for (size_t p = 0; p < c->nprocs; p++) {
		int shown = 0, more = 0;

		r++;				/* the process's title */
		for (size_t i = 0; i < c->nfds; i++) {
			if (c->fds[i].proc != p)
				continue;
			if (shown < SVG_FDS_MAX) {
				row[i] = r++;
				shown++;
			} else {
				row[i] = -1;
				more++;
			}
		}
		if (more)
			r++;
	}
	return r;
}

static double row_y(int r)
{
	return 20 + r * ROW;
}

static void svg_chain(const struct viz *v, const struct vfs_chain *c)
{
	FILE *f = v->out;
	int *row = calloc(c->nfds + 1, sizeof(int));
	char a[16], comm[64];
	int rows, r;

	if (!row)
		return;
	rows = svg_rows(c, row);
	svg_begin(f, 820, (int)row_y(rows) + 50,
		  viz_tr(v, "fd -> struct file -> dentry -> inode -> superblock",
			 "fd -> struct file -> dentry -> inode -> 슈퍼블록"));
	svg_text(f, X_FD, 20, "start", "title", "%s",
		 viz_tr(v, "Open files as kernel objects",
			"커널 객체로 본 열린 파일"));
	svg_text(f, X_FD, row_y(1) - 6, "start", "dim", "fd");
	svg_text(f, X_FILE, row_y(1) - 6, "start", "dim", "struct file");
	svg_text(f, X_DEN, row_y(1) - 6, "start", "dim", "dentry");
	svg_text(f, X_INO, row_y(1) - 6, "start", "dim", "inode");
	svg_text(f, X_SB, row_y(1) - 6, "start", "dim", "%s",
		 viz_tr(v, "superblock", "슈퍼블록"));
	r = 1;
	for (size_t p = 0; p < c->nprocs; p++) {
		size_t more = 0;

		r++;
		mk_clean(comm, sizeof(comm), c->procs[p].comm);
		svg_text(f, X_FD, row_y(r - 1) + 14, "start", NULL, "%s %d (%s)",
			 viz_tr(v, "process", "프로세스"), c->procs[p].pid, comm);
		for (size_t i = 0; i < c->nfds; i++)
			if (c->fds[i].proc == p) {
				if (row[i] < 0)
					more++;
				else
					r = row[i] + 1;
			}
		if (more) {
			svg_text(f, X_FD, row_y(r) + 14, "start", "dim",
				 "+%zu fd", more);
			r++;
		}
	}
	for (size_t i = 0; i < c->nfds; i++) {
		const struct vfs_fd *x = &c->fds[i];
		size_t fi = first_with(c, OFF_FILE, x->file_id);
		size_t di = first_with(c, offsetof(struct vfs_fd, dentry_id),
				       x->dentry_id);
		size_t ii = first_with(c, OFF_INODE, x->inode_id);
		bool shared = count_with(c, OFF_FILE, x->file_id) > 1;
		double y = row_y(row[i]);

		if (row[i] < 0 || row[fi] < 0)
			continue;
		svg_rect(f, X_FD + 10, y, 90, ROW - 6, "#f1f3f5", NULL);
		svg_text(f, X_FD + 14, y + 13, "start", "mono", "fd %d%s", x->fd,
			 x->cloexec ? " CE" : "");
		vfs_svg_arrow(f, X_FD + 100, y + 9, X_FILE, row_y(row[fi]) + 9,
			      shared ? "#e8590c" : "#555");
		if (fi != i)
			continue;
		/* The first fd of a struct file draws the rest of its chain. */
		svg_rect(f, X_FILE, y, W_BOX + 20, ROW - 6,
			 shared ? "#ffd8a8" : "#e7ecf5", NULL);
		svg_text(f, X_FILE + 4, y + 13, "start", "small", "%s pos %lld %s %lld",
			 vfs_short_id(x->file_id, a, sizeof(a)), x->pos,
			 viz_tr(v, "refs", "참조"), x->file_refs);
		if (row[di] >= 0)
			vfs_svg_arrow(f, X_FILE + W_BOX + 20, y + 9, X_DEN,
				      row_y(row[di]) + 9, "#555");
		if (row[ii] >= 0)
			vfs_svg_arrow(f, X_FILE + W_BOX + 20, y + 13, X_INO,
				      row_y(row[ii]) + 13, "#aaa");
		if (di == i) {
			char name[40];

			svg_rect(f, X_DEN, y, W_BOX + 10, ROW - 6, "#e6fcf5",
				 NULL);
			svg_text(f, X_DEN + 4, y + 13, "start", "small", "%s",
				 mk_clean(name, sizeof(name), x->dentry));
			if (row[ii] >= 0)
				vfs_svg_arrow(f, X_DEN + W_BOX + 10, y + 9, X_INO,
					      row_y(row[ii]) + 9, "#555");
		}
		if (ii == i) {
			size_t sbi = c->nfds;

			for (size_t j = 0; j < c->nfds && sbi == c->nfds; j++)
				if (!strcmp(c->fds[j].sb_dev, x->sb_dev) &&
				    !strcmp(c->fds[j].sb_id, x->sb_id))
					sbi = j;
			svg_rect(f, X_INO, y, W_BOX + 20, ROW - 6,
				 files_of_inode(c, i) > 1 ? "#a5d8ff" : "#fff3bf",
				 NULL);
			svg_text(f, X_INO + 4, y + 13, "start", "small",
				 "ino %lld %s %lld", x->ino,
				 viz_tr(v, "size", "크기"), x->size);
			if (sbi == i) {
				svg_rect(f, X_SB, y, W_BOX - 10, ROW - 6,
					 "#f3d9fa", NULL);
				svg_text(f, X_SB + 4, y + 13, "start", "small",
					 "%s %s", x->sb_type, x->sb_id);
			}
			if (sbi < c->nfds && row[sbi] >= 0)
				vfs_svg_arrow(f, X_INO + W_BOX + 20, y + 9, X_SB,
					      row_y(row[sbi]) + 9, "#555");
		}
	}
	svg_text(f, X_FD, row_y(rows) + 20, "start", "small", "%s",
		 viz_tr(v, "orange: one struct file behind several fds (one offset); blue: one inode opened more than once (an offset per open)",
			"주황: 여러 fd 뒤의 struct file 하나(오프셋 하나), 파랑: 여러 번 연 inode 하나(open마다 오프셋)"));
	svg_end(f);
	free(row);
}

/* ---- HTML ------------------------------------------------------------ */

static void html_render(const struct viz *v, const struct vfs_chain *c)
{
	struct viz svg = *v, text = *v;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	viz_html_begin(v, viz_tr(v, "Open files", "열린 파일"));
	svg.format = VIZ_SVG;
	viz_explain(v,
		"Each fd points to a struct file; several fds may share one (after fork or dup), and then they share its offset. Each open(2) makes a new struct file, even of the same inode.",
		"fd마다 struct file을 가리킵니다. 여러 fd가 하나를 공유할 수 있고(fork나 dup 뒤) 그러면 오프셋도 공유합니다. open(2)은 같은 inode라도 매번 새 struct file을 만듭니다.");
	svg_chain(&svg, c);
	text.format = VIZ_TEXT;
	text.color = false;
	text.explain = false;
	mem = open_memstream(&buf, &len);
	if (mem) {
		text.out = mem;
		text_table(&text, c);
		text_shared(&text, c);
		fclose(mem);
		fputs("<pre>\n", v->out);
		mk_text(v->out, buf ? buf : "");
		fputs("</pre>\n", v->out);
		free(buf);
	}
	viz_html_end(v);
}

void vfs_chain_render(const struct viz *v, const struct vfs_chain *c)
{
	switch (v->format) {
	case VIZ_TEXT:
		text_render(v, c);
		break;
	case VIZ_SVG:
		svg_chain(v, c);
		break;
	case VIZ_HTML:
		html_render(v, c);
		break;
	}
}
