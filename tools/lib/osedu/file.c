// SPDX-License-Identifier: GPL-2.0
/*
 * Reading files whole. procfs files report size 0 and a seq_file returns
 * at most a page or so per read, so every reader loops to end of file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "osedu.h"

#define CHUNK	65536

int osedu_buf_drain(struct osedu_buf *b, int fd, size_t max)
{
	char sink[4096];
	ssize_t r;

	for (;;) {
		if (b->cap - b->len < CHUNK + 1 && !b->full) {
			size_t c = b->cap ? 2 * b->cap : CHUNK + 1;
			char *n;

			if (c - 1 > max)
				c = max + 1;
			if (c - b->len < 2) {
				b->full = true;
			} else {
				n = realloc(b->p, c);
				if (!n)
					return -1;
				b->p = n;
				b->cap = c;
			}
		}
		if (b->full)
			r = read(fd, sink, sizeof(sink));
		else
			r = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (!r)
			break;
		if (!b->full)
			b->len += r;
	}
	if (b->p)
		b->p[b->len] = '\0';
	return 0;
}

void osedu_buf_free(struct osedu_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

char *osedu_read_fd_all(int fd, size_t max, size_t *lenp)
{
	struct osedu_buf b = { 0 };

	if (osedu_buf_drain(&b, fd, max) || b.full) {
		if (b.full)
			errno = EFBIG;
		osedu_buf_free(&b);
		return NULL;
	}
	if (!b.p) {
		b.p = calloc(1, 1);
		if (!b.p)
			return NULL;
	}
	if (lenp)
		*lenp = b.len;
	return b.p;
}

char *osedu_ask(const char *path, const char *req, size_t max)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	char *text;
	int err;

	if (fd < 0)
		return NULL;
	if (write(fd, req, strlen(req)) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return NULL;
	}
	text = osedu_read_fd_all(fd, max, NULL);
	err = errno;
	close(fd);
	errno = err;
	return text;
}

char *osedu_read_all(const char *path, size_t max, size_t *lenp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = osedu_read_fd_all(fd, max, lenp);
	e = errno;
	close(fd);
	errno = e;
	return buf;
}

ssize_t osedu_read_fd(int fd, char *buf, size_t len)
{
	size_t off = 0;
	ssize_t n;

	if (!len)
		return -EINVAL;
	while (off + 1 < len) {
		n = pread(fd, buf + off, len - 1 - off, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		off += n;
	}
	buf[off] = '\0';
	return off;
}

ssize_t osedu_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t ret;

	if (fd < 0)
		return -errno;
	ret = osedu_read_fd(fd, buf, len);
	close(fd);
	return ret;
}

int osedu_write_len(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	close(fd);
	return ret;
}

int osedu_write_file(const char *path, const char *s)
{
	return osedu_write_len(path, s, strlen(s));
}

/*
 * osedu's core makes the entry of a new process shortly after the fork,
 * from a work item, not during it: a young process's file may take a
 * moment to appear, longer on a loaded emulator.
 */
char *osedu_read_view(const char *dir, pid_t pid, size_t max, int wait_ms)
{
	char path[256], *buf;
	int waited = 0;

	if (pid)
		snprintf(path, sizeof(path), "%s/%d", dir, (int)pid);
	else
		snprintf(path, sizeof(path), "%s/self", dir);
	for (;;) {
		buf = osedu_read_all(path, max, NULL);
		if (buf || errno != ENOENT || !pid || waited >= wait_ms)
			return buf;
		usleep(10000);
		waited += 10;
	}
}

const char *osedu_not_loaded(char *buf, size_t len, const char *path,
			     const char *module)
{
	snprintf(buf, len,
		 "%s is missing: the %s module is not loaded. Load it with \"make load\" (or: sudo insmod %s.ko after osedu_core.ko)",
		 path, module, module);
	return buf;
}
