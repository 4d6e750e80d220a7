/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The markup writer for SVG and HTML: text is escaped by construction.
 * Also the cleaning of text for a terminal, by the same rules.
 * mk_printf writes its format, a string literal the compiler checks, as
 * markup, and every argument as text: escaped, and with invalid UTF-8
 * (a comm the kernel cut inside a Hangul syllable) and the control
 * characters XML 1.0 forbids repaired, so whatever a /proc file or a
 * process name holds, the document stays well-formed.
 */
#ifndef OSEDU_VIZ_MARKUP_H
#define OSEDU_VIZ_MARKUP_H

#include <stdio.h>

/* S as XML text or attribute value. */
void mk_text(FILE *f, const char *s);
void mk_textn(FILE *f, const char *s, size_t n);
/*
 * FMT written as markup, each argument as text. Conversions: %s, %c,
 * %d %i %u %x (with l, ll, z), %f %g (with a precision); %% is '%'.
 */
void mk_printf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * SRC as text a terminal may show, into DST (N bytes, cut only between
 * characters): control characters as '?', invalid UTF-8 as U+FFFD. A
 * process name must not move a student's cursor or recolour the screen.
 */
char *mk_clean(char *dst, size_t n, const char *src);

#endif /* OSEDU_VIZ_MARKUP_H */
