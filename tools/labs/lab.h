/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every lab shares. A lab is one program per concept: it makes the
 * phenomenon happen, prints the live evidence from /proc/osedu beside an
 * independent source, and asserts the phenomenon. Contract (tools/labs/run
 * and the labs kselftest rely on it):
 *
 *   LAB [ARGS]                    run; the last line is "RESULT: PASS ..."
 *                                 or "RESULT: FAIL ...", exit 0 or 1
 *   LAB --explain [--lang en|ko]  print the concept and what to notice
 */
#ifndef OSEDU_LAB_H
#define OSEDU_LAB_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct lab {
	const char *name;
	const char *explain_en;	/* the concept, then what to notice */
	const char *explain_ko;
};

static int lab_failures;

/*
 * Handle --explain and --lang; returns the index of the first argument
 * left for the lab itself (argv[i..argc-1]).
 */
static inline int lab_start(const struct lab *l, int argc, char **argv)
{
	bool explain = false, ko = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--explain"))
			explain = true;
		else if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			ko = !strcmp(argv[++i], "ko");
		else
			break;
	}
	if (explain) {
		fputs(ko && l->explain_ko ? l->explain_ko : l->explain_en,
		      stdout);
		exit(0);
	}
	printf("== lab %s ==\n", l->name);
	fflush(stdout);
	return i;
}

/* Record one assertion of the phenomenon; prints it either way. */
static inline bool lab_check(bool ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline bool lab_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("  [%s] ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (!ok)
		lab_failures++;
	return ok;
}

/* The last line of every lab; returns the exit status. */
static inline int lab_finish(const char *shown)
{
	if (lab_failures)
		printf("RESULT: FAIL %d check(s) failed\n", lab_failures);
	else
		printf("RESULT: PASS %s\n", shown);
	fflush(stdout);
	return lab_failures ? 1 : 0;
}

/* Give up: the lab could not run at all (module missing, no memory...). */
static inline __attribute__((noreturn)) void lab_die(const char *fmt, ...)
{
	va_list ap;

	printf("RESULT: FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(1);
}

/* Read a whole (proc) file into a NUL-terminated malloc'ed buffer. */
static inline char *lab_read(const char *path)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap + 1), *nb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0 || !buf)
		goto fail;
	while ((r = read(fd, buf + len, cap - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		len += r;
		if (len == cap) {
			nb = realloc(buf, 2 * cap + 1);
			if (!nb)
				goto fail;
			buf = nb;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

/* The number after "key:" on its own line in BUF, or DEF. */
static inline long long lab_kv(const char *buf, const char *key, long long def)
{
	size_t k = strlen(key);
	const char *p;

	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, k) && p[k] == ':')
			return strtoll(p + k + 1, NULL, 0);
	return def;
}

#endif /* OSEDU_LAB_H */
