/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the interrupt labs share: one gate of /proc/osedu/idt/table, and
 * /proc/kallsyms as the independent oracle for its handler's address.
 */
#ifndef OSEDU_LAB_IDT_H
#define OSEDU_LAB_IDT_H

#include "lab.h"

#define IDT_TABLE	"/proc/osedu/idt/table"

/* One row of idt/table (docs/proc-format.md). */
struct idt_gate {
	unsigned int vector;
	char name[32];
	char type[16];
	int dpl, ist, present;
	unsigned int selector;
	char handler[96];
	unsigned long long address;	/* 0 unless shown to the reader */
};

/* The gate for VECTOR; 0, or -1 when the table is missing or lacks it. */
static inline int idt_gate(unsigned int vector, struct idt_gate *g)
{
	char *buf = lab_read(IDT_TABLE), *line;
	int ret = -1;

	if (!buf || strncmp(buf, "osedu idt/table 1\n", 18)) {
		free(buf);
		return -1;
	}
	for (line = buf; line; line = strchr(line, '\n'), line = line ?
	     line + 1 : NULL) {
		memset(g, 0, sizeof(*g));
		if (sscanf(line, "0x%x %31s %15s %d %d %d 0x%x %95s 0x%llx",
			   &g->vector, g->name, g->type, &g->dpl, &g->ist,
			   &g->present, &g->selector, g->handler,
			   &g->address) == 9 && g->vector == vector) {
			ret = 0;
			break;
		}
	}
	free(buf);
	return ret;
}

static inline void idt_show(const struct idt_gate *g)
{
	printf("  idt/table: vector 0x%02x %s type %s dpl %d ist %d present %d "
	       "selector 0x%04x handler %s\n", g->vector, g->name, g->type,
	       g->dpl, g->ist, g->present, g->selector, g->handler);
}

/* Is a symbol NAME at exactly ADDR in /proc/kallsyms? */
static inline bool kallsyms_has(unsigned long long want, const char *name)
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

/* Check the handler against kallsyms when the reader may see addresses. */
static inline void idt_check_kallsyms(const struct idt_gate *g)
{
	if (!g->address) {
		printf("  (addresses hidden from this reader: kallsyms "
		       "comparison skipped; run as root)\n");
		return;
	}
	lab_check(kallsyms_has(g->address, g->handler),
		  "/proc/kallsyms has %s at the gate's address 0x%llx",
		  g->handler, g->address);
}

#endif /* OSEDU_LAB_IDT_H */
