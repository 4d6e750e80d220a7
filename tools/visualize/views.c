// SPDX-License-Identifier: GPL-2.0
/* The views visualize knows; a new one adds its file and one line here. */
#include <stddef.h>

#include "viz.h"

extern const struct viz_view viz_view_pagewalk;
extern const struct viz_view viz_view_idt;
extern const struct viz_view viz_view_sched;
extern const struct viz_view viz_view_ipc;
extern const struct viz_view viz_view_vfs;
extern const struct viz_view viz_view_replacement;
extern const struct viz_view viz_view_thrashing;
extern const struct viz_view viz_view_vectors;

const struct viz_view *const viz_views[] = {
	&viz_view_pagewalk,
	&viz_view_idt,
	&viz_view_sched,
	&viz_view_ipc,
	&viz_view_vfs,
	&viz_view_replacement,
	&viz_view_thrashing,
	&viz_view_vectors,
	NULL
};
