/* SPDX-License-Identifier: GPL-2.0 */
/*
 * visualize vectors: arm64's exception vector table, read from
 * /proc/osedu/vectors/{table,counts,svc} (docs/proc-format.md,
 * "vectors_arm64") through libosedu's parsers; vectors.c loads,
 * vectors_draw.c renders. x86's counterpart is visualize idt.
 */
#ifndef OSEDU_VIZ_VECTORS_H
#define OSEDU_VIZ_VECTORS_H

#include "viz.h"

struct vec {
	struct osedu_vectors table;
	struct osedu_vec_counts counts;
	struct osedu_vec_svc svc;
	bool have_table, have_counts, have_svc;
};

/* The name of arm64 system call NR (asm-generic's table), or NULL. */
const char *vec_syscall_name(int nr);
void vec_render(const struct viz *v, const struct vec *t);
/* Only the measured figures, as one paragraph (--note). */
void vec_note(const struct viz *v, const struct vec *t, FILE *f);

#endif
