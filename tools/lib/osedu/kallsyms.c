// SPDX-License-Identifier: GPL-2.0
/* /proc/kallsyms, the independent oracle for a handler's address. */
#include <stdio.h>
#include <string.h>

#include "osedu.h"

/*
 * The first symbol NAME in /proc/kallsyms, at *ADDR unless ANY: true,
 * with its address in *ADDR, or false.
 */
static bool kallsyms_scan(const char *name, bool any, unsigned long long *addr)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], sym[256], type;
	unsigned long long a;
	bool ok = false;

	if (!f)
		return false;
	while (!ok && fgets(line, sizeof(line), f))
		ok = sscanf(line, "%llx %c %255s", &a, &type, sym) == 3 &&
		     (any || a == *addr) && !strcmp(sym, name);
	fclose(f);
	if (ok)
		*addr = a;
	return ok;
}

bool osedu_kallsyms_has(unsigned long long want, const char *name)
{
	return kallsyms_scan(name, false, &want);
}

unsigned long long osedu_kallsyms_addr(const char *name)
{
	unsigned long long addr = 0;

	return kallsyms_scan(name, true, &addr) ? addr : 0;
}
