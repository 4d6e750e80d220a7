// SPDX-License-Identifier: GPL-2.0
/* /proc/kallsyms, the independent oracle for a handler's address. */
#include <stdio.h>
#include <string.h>

#include "osedu.h"

bool osedu_kallsyms_has(unsigned long long want, const char *name)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], sym[256], type;
	unsigned long long addr;
	bool ok = false;

	if (!f)
		return false;
	while (!ok && fgets(line, sizeof(line), f))
		ok = sscanf(line, "%llx %c %255s", &addr, &type, sym) == 3 &&
		     addr == want && !strcmp(sym, name);
	fclose(f);
	return ok;
}
