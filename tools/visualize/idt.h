/* SPDX-License-Identifier: GPL-2.0 */
/*
 * visualize idt: the model read from /proc/osedu/idt/{table,syscall,counts}
 * (docs/proc-format.md, "idt_dump"); idt.c parses, idt_draw.c renders.
 */
#ifndef OSEDU_VIZ_IDT_H
#define OSEDU_VIZ_IDT_H

#include "viz.h"

enum idt_kind { K_EXC, K_SYSCALL, K_SYSVEC, K_UNUSED, K_DEVICE, K_NKIND };

struct idt_gate {
	unsigned int vec;
	char name[32], type[12], handler[64];
	int dpl, ist, present;
	enum idt_kind kind;
	uint64_t count;		/* from idt/counts, when it has one */
	bool counted;
};

struct idt_irq {
	unsigned int irq, vec;
	uint64_t count;
	char name[32];
};

struct idt {
	struct osedu_doc table, syscall, counts;
	bool have_table, have_syscall, have_counts;
	struct idt_gate gate[256];
	int ngate;
	struct idt_irq *irq;
	int nirq;
	int ncpu;
};

struct idt_desc {
	const char *name, *en, *ko, *counter;
};

/* What the vector named NAME is, or NULL. */
const struct idt_desc *idt_desc_of(const char *name);
void idt_render(const struct viz *v, const struct idt *t);

#endif
