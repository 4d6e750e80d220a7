// SPDX-License-Identifier: GPL-2.0
/*
 * The rows of /proc/osedu/vfs/inodes (osedu.h, "vfs_inodes.c"): the
 * in-memory inodes of one superblock, root only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osedu.h"

#define INODE_COLS	11

/* mountinfo's escapes (\040 for a space...) undone; false if malformed. */
static bool unescape(const char *s, char *out, size_t len)
{
	size_t n = 0;

	while (*s) {
		char c = *s++;

		if (c == '\\') {
			if (s[0] < '0' || s[0] > '3' || s[1] < '0' ||
			    s[1] > '7' || s[2] < '0' || s[2] > '7')
				return false;
			c = (char)((s[0] - '0') << 6 | (s[1] - '0') << 3 |
				   (s[2] - '0'));
			s += 3;
		}
		if (n + 1 >= len)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return true;
}

bool osedu_inode_row_parse(const char *line, struct osedu_inode_row *r)
{
	struct osedu_cols c;
	uint64_t mode;
	int64_t refs;
	char *copy;
	bool ok = false;

	memset(r, 0, sizeof(*r));
	copy = strndup(line, strcspn(line, "\n"));
	if (!copy)
		return false;
	if (osedu_split(&c, copy) != INODE_COLS)
		goto out;
	if (!osedu_u64(c.col[0], &r->ino) ||
	    strlen(c.col[1]) >= sizeof(r->type) ||
	    c.col[2][0] != '0' || !osedu_u64(c.col[2], &mode) ||
	    mode > 0177777 || !osedu_u64(c.col[3], &r->nlink) ||
	    !osedu_s64(c.col[4], &r->size) ||
	    !osedu_u64(c.col[5], &r->blocks_512) ||
	    !osedu_s64(c.col[6], &refs) ||
	    !osedu_u64(c.col[7], &r->cache_pages) ||
	    strncmp(c.col[8], "0x", 2) || !osedu_u64(c.col[8], &r->state_word) ||
	    strlen(c.col[9]) >= sizeof(r->state))
		goto out;
	strcpy(r->type, c.col[1]);
	r->mode = (unsigned int)mode;
	r->refs = refs;
	strcpy(r->state, c.col[9]);
	r->has_path = strcmp(c.col[10], "-") && strcmp(c.col[10], "?");
	if (r->has_path)
		ok = unescape(c.col[10], r->path, sizeof(r->path));
	else
		ok = true;
out:
	osedu_cols_free(&c);
	free(copy);
	return ok;
}

/* The table's rows: the lines after the header row, if TEXT is ours. */
static const char *first_row(const char *text)
{
	const char *p;

	if (!osedu_is_header(text, "vfs-inodes"))
		return NULL;
	osedu_for_each_line(p, text)
		if (!strncmp(p, "ino type ", 9))
			return osedu_next_line(p);
	return NULL;
}

long osedu_inodes_count(const char *text)
{
	struct osedu_inode_row r;
	const char *p;
	long n = 0;

	if (!osedu_is_header(text, "vfs-inodes"))
		return -1;
	for (p = first_row(text); p && *p; p = osedu_next_line(p)) {
		if (!osedu_inode_row_parse(p, &r))
			return -1;
		n++;
	}
	return n;
}

bool osedu_inodes_find(const char *text, uint64_t ino,
		       struct osedu_inode_row *r)
{
	const char *p;

	for (p = first_row(text); p && *p; p = osedu_next_line(p))
		if (osedu_inode_row_parse(p, r) && r->ino == ino)
			return true;
	return false;
}

bool osedu_inode_state_has(const struct osedu_inode_row *r, const char *name)
{
	size_t n = strlen(name);
	const char *p = r->state;

	while (*p) {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}
