/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the vfs_dump tests share: the disks vm/run -d attaches, and the
 * values the host computed for them before boot (vm/disks: debugfs,
 * dumpe2fs, mtools), one record a line in /opt/osedu/disks/NAME.expect.
 */
#ifndef OSEDU_VFS_UTIL_H
#define OSEDU_VFS_UTIL_H

#include <sys/mman.h>

#include <osedu/vfs.h>

#include "osedu_test.h"

#define DISKS_EXPECT	"/opt/osedu/disks"
#define DISKS_MNT	"/mnt/disks"

/*
 * The line of NAME.expect that starts with PREFIX ("super", "file /big
 * "), malloc'ed; NULL if there is none.
 */
static inline char *disk_expect(const char *name, const char *prefix)
{
	char path[128], *text, *line = NULL;
	const char *p;

	snprintf(path, sizeof(path), DISKS_EXPECT "/%s.expect", name);
	text = osedu_read_all(path, 1 << 20, NULL);
	if (!text)
		return NULL;
	osedu_for_each_line(p, text) {
		if (!strncmp(p, prefix, strlen(prefix))) {
			line = strndup(p, strcspn(p, "\n"));
			break;
		}
	}
	free(text);
	return line;
}

/* The word after KEY in a record line ("... runs 0:1+2 ..."), copied. */
static inline bool expect_word(const char *line, const char *key, char *out,
			       size_t len)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), " %s ", key);
	p = strstr(line, pat);
	if (!p)
		return false;
	p += strlen(pat);
	n = strcspn(p, " ");
	if (n >= len)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static inline long long expect_num(const char *line, const char *key)
{
	char w[64];

	return expect_word(line, key, w, sizeof(w)) ? strtoll(w, NULL, 0) : -1;
}

/* Create PATH holding S (mode MODE); 0 or -errno. */
static inline int make_file(const char *path, const char *s, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		ret = -EIO;
	close(fd);
	return ret;
}

/* Pages of FD's first LEN bytes in the page cache, as mincore(2) says. */
static inline long resident_pages(int fd, size_t len)
{
	long page = sysconf(_SC_PAGESIZE), n = 0;
	size_t pages = (len + page - 1) / page, i;
	unsigned char *vec = calloc(pages, 1);
	void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED || !vec || mincore(p, len, vec))
		n = -1;
	for (i = 0; n >= 0 && i < pages; i++)
		n += vec[i] & 1;
	if (p != MAP_FAILED)
		munmap(p, len);
	free(vec);
	return n;
}

/* Are the disks there (vm/run -d)? */
static inline bool disks_present(void)
{
	struct stat st;

	return !stat(DISKS_EXPECT "/ext4.expect", &st) &&
	       !stat(DISKS_MNT "/ext4/big", &st);
}

/* The osedu modules this collection needs. */
static inline int vfs_load(void)
{
	int ret = osedu_load("osedu_core");

	return ret ? ret : osedu_load("osedu_vfs_dump");
}

#endif /* OSEDU_VFS_UTIL_H */
