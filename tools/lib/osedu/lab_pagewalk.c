// SPDX-License-Identifier: GPL-2.0
/*
 * What the memory labs share: ask /proc/osedu/pagewalk/query about a
 * range of pages of any process, and read the same pages from the
 * kernel's own /proc/<pid>/pagemap, the independent oracle. Frame numbers
 * are root-only in both, so the memory labs run as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"

bool pw_has(const struct pw_page *p, const char *word)
{
	size_t n = strlen(word);
	const char *s = p->flags;

	while ((s = strstr(s, word))) {
		if ((s == p->flags || s[-1] == ' ') &&
		    (s[n] == ' ' || s[n] == '\0'))
			return true;
		s += n;
	}
	return false;
}

/*
 * The pages [start, start + n pages) of PID, one struct each, from one
 * query; 0 or -errno.
 */
int pw_range(pid_t pid, unsigned long start, size_t n,
	     struct pw_page *out)
{
	size_t cap = 4096 + n * 256, i = 0;
	char req[96], *buf, *line, *next;
	int fd, ret = 0;
	ssize_t r;

	fd = open(PW_QUERY, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	snprintf(req, sizeof(req), "%d 0x%lx-0x%lx\n", (int)pid, start,
		 (unsigned long)(start + n * PW_PAGE));
	if (write(fd, req, strlen(req)) < 0) {
		ret = -errno;
		goto out;
	}
	r = osedu_read_fd(fd, buf, cap + 1);
	if (r < 0) {
		ret = r;
		goto out;
	}
	if (!osedu_is_header(buf, "pagewalk-query")) {
		ret = -EPROTO;
		goto out;
	}
	for (line = buf; line && *line && i < n; line = next) {
		struct osedu_pwq_row r;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		/* One parser of the rows: libosedu's (pagewalk_query.c). */
		if (strncmp(line, "0x", 2) ||
		    !osedu_pwq_row_parse(line, strlen(line), &r))
			continue;
		memset(&out[i], 0, sizeof(out[i]));
		out[i].va = r.va;
		out[i].pfn = r.pfn;
		snprintf(out[i].state, sizeof(out[i].state), "%s", r.state);
		snprintf(out[i].flags, sizeof(out[i].flags), "%s",
			 line + r.flags_off);
		i++;
	}
	if (i != n)
		ret = -EPROTO;
out:
	free(buf);
	close(fd);
	return ret;
}

int pw_one(pid_t pid, unsigned long va, struct pw_page *out)
{
	return pw_range(pid, va & ~(PW_PAGE - 1), 1, out);
}

/* Page VA of PID from /proc/PID/pagemap; 0 or -errno. */
int pm_page(pid_t pid, unsigned long va, struct pm_page *out)
{
	char path[64];
	uint64_t e;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = pread(fd, &e, sizeof(e), (off_t)(va / PW_PAGE) * sizeof(e));
	close(fd);
	if (r != sizeof(e))
		return r < 0 ? -errno : -EIO;
	out->present = e >> 63 & 1;
	out->exclusive = e >> 56 & 1;
	out->pfn = out->present ? e & ((1ULL << 55) - 1) : 0;
	return 0;
}

bool pw_check_pagemap(const char *who, pid_t pid, const struct pw_page *p,
		      struct pm_page *pm)
{
	struct pm_page mine = { 0 };
	int ret;

	if (!pm)
		pm = &mine;
	*pm = (struct pm_page){ 0 };
	ret = pm_page(pid, p->va, pm);
	if (!lab_check(!ret, "%s: /proc/%d/pagemap readable", who, (int)pid))
		return false;
	return lab_check(pm->present && pm->pfn == p->pfn,
			 "%s page 0x%llx: pagemap pfn 0x%llx = pagewalk pfn 0x%llx",
			 who, p->va, pm->pfn, p->pfn);
}

/* The memory labs compare frames, which only root may see. */
void pw_need_root(void)
{
	if (geteuid())
		lab_die("run as root: frame numbers are shown to root only");
	if (access(PW_QUERY, R_OK | W_OK))
		lab_die("%s: %s (load osedu_pagewalk: sudo make load)",
			PW_QUERY, strerror(errno));
}

