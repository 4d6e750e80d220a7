// SPDX-License-Identifier: GPL-2.0
/*
 * Output shared by every view: language choice, terminal colour, wrapped
 * explanations, the HTML page frame and SVG primitives (markup through
 * markup.c, which escapes). SVG
 * carries its own style so a figure pasted into a report needs nothing else.
 */
#include <stdarg.h>
#include <string.h>

#include "markup.h"
#include "viz.h"

const char *viz_tr(const struct viz *v, const char *en, const char *ko)
{
	return v->lang == VIZ_KO && ko ? ko : en;
}

const char *viz_c(const struct viz *v, enum viz_color c)
{
	static const char *const esc[] = {
		[VIZ_RESET] = "\033[0m", [VIZ_BOLD] = "\033[1m",
		[VIZ_DIM] = "\033[2m", [VIZ_RED] = "\033[31m",
		[VIZ_GREEN] = "\033[32m", [VIZ_YELLOW] = "\033[33m",
		[VIZ_BLUE] = "\033[34m", [VIZ_MAGENTA] = "\033[35m",
		[VIZ_CYAN] = "\033[36m",
	};

	return v->color && v->format == VIZ_TEXT ? esc[c] : "";
}

/* Bytes of the UTF-8 sequence starting at S, and its display width. */
static size_t glyph(const char *s, size_t *width)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned int cp;
	size_t n;

	if (u[0] < 0x80) {
		*width = 1;
		return 1;
	}
	n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
	cp = u[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return *width = 1, i;
		cp = cp << 6 | (u[i] & 0x3f);
	}
	/* East Asian wide: Hangul Jamo, CJK, Hangul syllables, fullwidth. */
	*width = (cp >= 0x1100 && cp <= 0x115f) ||
		 (cp >= 0x2e80 && cp <= 0xa4cf) ||
		 (cp >= 0xac00 && cp <= 0xd7a3) ||
		 (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
	return n;
}

size_t viz_width(const char *s)
{
	size_t w = 0, gw;

	while (*s) {
		s += glyph(s, &gw);
		w += gw;
	}
	return w;
}

void viz_heading(const struct viz *v, const char *en, const char *ko)
{
	const char *t = viz_tr(v, en, ko);

	switch (v->format) {
	case VIZ_TEXT:
		fprintf(v->out, "\n%s%s%s\n", viz_c(v, VIZ_BOLD), t,
			viz_c(v, VIZ_RESET));
		for (size_t i = viz_width(t); i; i--)
			fputc('=', v->out);
		fputc('\n', v->out);
		break;
	case VIZ_HTML:
		fputs("<h2>", v->out);
		mk_text(v->out, t);
		fputs("</h2>\n", v->out);
		break;
	case VIZ_SVG:
		break;
	}
}

/* Word-wrap T at 76 columns, counting wide glyphs as two. */
static void wrap(FILE *f, const char *t)
{
	size_t col = 0, w, gw;
	const char *p = t, *word;

	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\n') {
			fputc('\n', f);
			col = 0;
			p++;
			continue;
		}
		for (word = p, w = 0; *p && *p != ' ' && *p != '\n';) {
			p += glyph(p, &gw);
			w += gw;
		}
		if (p == word)
			break;
		if (col && col + 1 + w > 76) {
			fputc('\n', f);
			col = 0;
		}
		if (col) {
			fputc(' ', f);
			col++;
		}
		fwrite(word, 1, p - word, f);
		col += w;
	}
	if (col)
		fputc('\n', f);
}

void viz_explain(const struct viz *v, const char *en, const char *ko)
{
	const char *t = viz_tr(v, en, ko);

	if (!v->explain)
		return;
	switch (v->format) {
	case VIZ_TEXT:
		fputs(viz_c(v, VIZ_DIM), v->out);
		wrap(v->out, t);
		fputs(viz_c(v, VIZ_RESET), v->out);
		break;
	case VIZ_HTML:
		fputs("<p class=\"explain\">", v->out);
		mk_text(v->out, t);
		fputs("</p>\n", v->out);
		break;
	case VIZ_SVG:
		break;
	}
}

void viz_html_begin(const struct viz *v, const char *title)
{
	mk_printf(v->out,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>",
		v->lang == VIZ_KO ? "ko" : "en");
	mk_text(v->out, title);
	fputs("</title>\n<style>\n"
	      "body{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em;color:#222}\n"
	      "pre,code{font-family:monospace}\n"
	      "p.explain{color:#444;background:#f4f6fa;padding:.5em .8em;border-left:3px solid #7a9cc6}\n"
	      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-family:monospace}\n"
	      "</style>\n</head>\n<body>\n<h1>", v->out);
	mk_text(v->out, title);
	fputs("</h1>\n", v->out);
}

void viz_html_end(const struct viz *v)
{
	fputs("</body>\n</html>\n", v->out);
}

void svg_begin(FILE *f, int w, int h, const char *title)
{
	mk_printf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n<title>",
		w, h, w, h);
	mk_text(f, title);
	fputs("</title>\n<style>"
	      ".mono{font-family:monospace}.small{font-size:10px}"
	      ".title{font-size:15px;font-weight:bold}.dim{fill:#666}"
	      "</style>\n", f);
	mk_printf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		w, h);
}

void svg_end(FILE *f)
{
	fputs("</svg>\n", f);
}

void svg_rect(FILE *f, double x, double y, double w, double h,
	      const char *fill, const char *class)
{
	mk_printf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"",
		x, y, w, h, fill ? fill : "none");
	if (class)
		mk_printf(f, " class=\"%s\"", class);
	fputs("/>\n", f);
}

void svg_line(FILE *f, double x1, double y1, double x2, double y2,
	      const char *stroke)
{
	mk_printf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
		x1, y1, x2, y2, stroke ? stroke : "#333");
}

void svg_text(FILE *f, double x, double y, const char *anchor,
	      const char *class, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	mk_printf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"", x, y,
		anchor ? anchor : "start");
	if (class)
		mk_printf(f, " class=\"%s\"", class);
	fputc('>', f);
	mk_text(f, buf);
	fputs("</text>\n", f);
}
