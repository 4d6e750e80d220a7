/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lab records visualize draws (docs/proc-format.md, "Lab records"):
 * what the page-replacement and thrashing labs measured, written by the
 * lab when OSEDU_LAB_RECORD names a directory. Views replacement.c and
 * thrashing.c.
 */
#ifndef OSEDU_VIZ_LABREC_H
#define OSEDU_VIZ_LABREC_H

#include "viz.h"

/*
 * Read the record at PATH and parse it as an osedu document of view VIEW
 * ("lab-page-replacement"); 0, or -1 with the reason said.
 */
int labrec_load(struct osedu_doc *d, const char *path, const char *view);
/* The same for bytes in memory (make fuzz). */
int labrec_parse_mem(struct osedu_doc *d, const void *data, size_t len,
		     const char *view);
/* A decimal number in [0, MAX] that is the whole of S; false otherwise. */
bool labrec_int(const char *s, int max, int *out);
/* The value of "KEY: N" in D as such a number; false if absent or bad. */
bool labrec_key(const struct osedu_doc *d, const char *key, int max,
		int *out);

#endif /* OSEDU_VIZ_LABREC_H */
