// SPDX-License-Identifier: GPL-2.0
/* The labs' harness: --explain, checks, the RESULT line (lab.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"

static int lab_failures;

int lab_start(const struct lab *l, int argc, char **argv)
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

bool lab_check(bool ok, const char *fmt, ...)
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

int lab_finish(const char *shown)
{
	if (lab_failures)
		printf("RESULT: FAIL %d check(s) failed\n", lab_failures);
	else
		printf("RESULT: PASS %s\n", shown);
	fflush(stdout);
	return lab_failures ? 1 : 0;
}

void lab_die(const char *fmt, ...)
{
	va_list ap;

	printf("RESULT: FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(1);
}

char *lab_must_read(const char *path)
{
	char *buf = osedu_read_all(path, OSEDU_DOC_MAX, NULL);

	if (!buf)
		lab_die("cannot read %s: %s", path, strerror(errno));
	return buf;
}

char *lab_must_read_view(const char *dir, pid_t pid)
{
	char *buf = osedu_read_view(dir, pid, OSEDU_DOC_MAX, 5000);

	if (!buf)
		lab_die("cannot read %s/%d: %s", dir, (int)pid,
			strerror(errno));
	return buf;
}

void lab_need(const char *path, const char *module)
{
	char why[512];

	if (access(path, F_OK))
		lab_die("%s", osedu_not_loaded(why, sizeof(why), path, module));
}
