/* SPDX-License-Identifier: GPL-2.0 */
/*
 * visualize: turns /proc/osedu files into explained terminal diagrams, SVG
 * and HTML. Every view (pagewalk, sched, idt, later ipc and vfs) is one
 * file that parses the documented format (docs/proc-format.md) into a model
 * and renders the model; this header is what they share.
 */
#ifndef OSEDU_VIZ_H
#define OSEDU_VIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <osedu/osedu.h>

enum viz_format { VIZ_TEXT, VIZ_SVG, VIZ_HTML };
enum viz_lang { VIZ_EN, VIZ_KO };

struct viz {
	enum viz_format format;
	enum viz_lang lang;
	bool explain;		/* explanations on (default) or --no-explain */
	bool color;		/* ANSI colour: a terminal and no NO_COLOR */
	const char *root;	/* /proc/osedu, or a recorded copy (--root) */
	const char *id_prefix;	/* before every SVG/HTML id (--id-prefix) */
	FILE *out;
};

/* One view: a subcommand. */
struct viz_view {
	const char *name;
	const char *usage;	/* "pagewalk PID" */
	const char *summary;
	int (*run)(struct viz *v, int argc, char **argv);
	/*
	 * Parse DATA as the documents this view reads and render the result
	 * in v->format to v->out, trusting nothing in DATA (make fuzz).
	 */
	int (*fuzz)(struct viz *v, const uint8_t *data, size_t len);
};

extern const struct viz_view *const viz_views[];	/* NULL-terminated */

/*
 * A /proc/osedu document (libosedu's struct osedu_doc), parsed with any
 * refusal reported as "visualize: NAME: why". Takes BUF (malloc'ed,
 * LEN + 1 bytes); 0, or -1.
 */
int viz_doc_parse(struct osedu_doc *d, const char *name, char *buf,
		  size_t len);
/* Parse a copy of DATA (for fuzzers and tests). */
int viz_doc_parse_mem(struct osedu_doc *d, const char *name,
		      const void *data, size_t len);
/*
 * A fuzz input holds documents separated by NUL bytes: give each that
 * parses to ATTACH, in order. -1 as soon as ATTACH refuses one, else 0.
 */
int viz_fuzz_docs(const uint8_t *data, size_t len,
		  int (*attach)(void *ctx, struct osedu_doc *d), void *ctx);
/*
 * Read <v->root>/<rel> and parse it. MODULE names the kernel module that
 * provides it, for the message when it is not loaded.
 */
int viz_doc_load(const struct viz *v, struct osedu_doc *d, const char *rel,
		 const char *module);
/* The message for a missing <v->root>/<rel>: no module, or no process. */
void viz_missing(const struct viz *v, const char *rel, const char *module);

/* Messages to stderr, prefixed "visualize: "; none if viz_quiet (fuzzing). */
extern bool viz_quiet;
void viz_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Output. */
const char *viz_tr(const struct viz *v, const char *en, const char *ko);
enum viz_color { VIZ_RESET, VIZ_BOLD, VIZ_DIM, VIZ_RED, VIZ_GREEN,
		 VIZ_YELLOW, VIZ_BLUE, VIZ_MAGENTA, VIZ_CYAN };
const char *viz_c(const struct viz *v, enum viz_color c); /* "" if no colour */
/* Display width of UTF-8 text on a terminal (Hangul counts two). */
size_t viz_width(const char *s);
/* A heading and, if explanations are on, a wrapped paragraph. */
void viz_heading(const struct viz *v, const char *en, const char *ko);
void viz_explain(const struct viz *v, const char *en, const char *ko);

void viz_html_begin(const struct viz *v, const char *title);
void viz_html_end(const struct viz *v);

/* SVG primitives; coordinates in px. CLASS may be NULL. */
void svg_begin(FILE *f, int w, int h, const char *title);
void svg_end(FILE *f);
void svg_rect(FILE *f, double x, double y, double w, double h,
	      const char *fill, const char *class);
void svg_line(FILE *f, double x1, double y1, double x2, double y2,
	      const char *stroke);
/* ANCHOR: "start", "middle" or "end". */
void svg_text(FILE *f, double x, double y, const char *anchor,
	      const char *class, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* ---- the machine a /proc/osedu copy comes from (branch vecview) ---- */

enum viz_machine { VIZ_MACHINE_UNKNOWN, VIZ_MACHINE_X86, VIZ_MACHINE_ARM64 };
/*
 * From <v->root>/version's "machine:", else from which architecture's
 * directory is there (idt/ or vectors/), else, reading the live
 * /proc/osedu, from uname(2).
 */
enum viz_machine viz_machine(const struct viz *v);
bool viz_exists(const char *path);

#endif /* OSEDU_VIZ_H */
