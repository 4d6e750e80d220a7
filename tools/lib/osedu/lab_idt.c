// SPDX-License-Identifier: GPL-2.0
/*
 * What the interrupt labs share: one gate of /proc/osedu/idt/table, and
 * /proc/kallsyms as the independent oracle for its handler's address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab.h"

int idt_gate(unsigned int vector, struct idt_gate *g)
{
	char *buf = osedu_read_all(IDT_TABLE, OSEDU_DOC_MAX, NULL);
	const char *line;
	int ret = -1;

	if (!buf || !osedu_is_header(buf, "idt/table")) {
		free(buf);
		return -1;
	}
	osedu_for_each_line(line, buf) {
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

void idt_show(const struct idt_gate *g)
{
	printf("  idt/table: vector 0x%02x %s type %s dpl %d ist %d present %d "
	       "selector 0x%04x handler %s\n", g->vector, g->name, g->type,
	       g->dpl, g->ist, g->present, g->selector, g->handler);
}

void idt_check_kallsyms(const struct idt_gate *g)
{
	if (!g->address) {
		printf("  (addresses hidden from this reader: kallsyms "
		       "comparison skipped; run as root)\n");
		return;
	}
	lab_check(osedu_kallsyms_has(g->address, g->handler),
		  "/proc/kallsyms has %s at the gate's address 0x%llx",
		  g->handler, g->address);
}
