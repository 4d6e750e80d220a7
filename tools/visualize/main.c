// SPDX-License-Identifier: GPL-2.0
/*
 * visualize [OPTIONS] VIEW [ARGS]: explain a /proc/osedu view in words and
 * pictures. The common options may stand anywhere before a "--"; what is
 * left goes to the view, which may take options of its own.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "viz.h"

static void usage(FILE *f)
{
	fputs("usage: visualize [OPTIONS] VIEW [ARGS]\n\nviews:\n", f);
	for (const struct viz_view *const *w = viz_views; *w; w++)
		fprintf(f, "  %-28s %s\n", (*w)->usage, (*w)->summary);
	fputs("\noptions:\n"
	      "  --format text|svg|html  output form (default text)\n"
	      "  --lang en|ko            language of the explanations (default en)\n"
	      "  --no-explain            diagrams and figures only\n"
	      "  --color auto|always|never\n"
	      "                          ANSI colour in text (auto: a terminal and no NO_COLOR)\n"
	      "  --root DIR              read DIR instead of /proc/osedu (a recorded copy)\n"
	      "  -o, --output FILE       write to FILE instead of standard output\n"
	      "  -h, --help              this help\n", f);
}

/* "--opt VALUE" or "--opt=VALUE" at argv[*i]; NULL if argv[*i] is not OPT. */
static const char *optval(int argc, char **argv, int *i, const char *opt,
			  bool *bad)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n])
		return NULL;
	if (*i + 1 >= argc) {
		viz_err("%s needs a value", opt);
		*bad = true;
		return NULL;
	}
	return argv[++*i];
}

int main(int argc, char **argv)
{
	struct viz v = { .format = VIZ_TEXT, .lang = VIZ_EN, .explain = true,
			 .root = "/proc/osedu", .out = stdout };
	const char *color = "auto", *output = NULL, *s, *nc;
	char **rest = calloc(argc + 1, sizeof(*rest));
	bool bad = false, dashdash = false;
	int i, n = 0, rc;

	if (!rest)
		return 1;
	for (i = 1; i < argc && !bad; i++) {
		if (dashdash) {
			rest[n++] = argv[i];
		} else if (!strcmp(argv[i], "--")) {
			dashdash = true;
			rest[n++] = argv[i];
		} else if ((s = optval(argc, argv, &i, "--format", &bad))) {
			if (!strcmp(s, "text"))
				v.format = VIZ_TEXT;
			else if (!strcmp(s, "svg"))
				v.format = VIZ_SVG;
			else if (!strcmp(s, "html"))
				v.format = VIZ_HTML;
			else
				bad = true, viz_err("--format %s: text, svg or html", s);
		} else if ((s = optval(argc, argv, &i, "--lang", &bad))) {
			if (!strcmp(s, "en"))
				v.lang = VIZ_EN;
			else if (!strcmp(s, "ko"))
				v.lang = VIZ_KO;
			else
				bad = true, viz_err("--lang %s: en or ko", s);
		} else if ((s = optval(argc, argv, &i, "--color", &bad))) {
			color = s;
		} else if ((s = optval(argc, argv, &i, "--root", &bad))) {
			v.root = s;
		} else if ((s = optval(argc, argv, &i, "--output", &bad)) ||
			   (s = optval(argc, argv, &i, "-o", &bad))) {
			output = s;
		} else if (!strcmp(argv[i], "--no-explain")) {
			v.explain = false;
		} else if (!strcmp(argv[i], "-h") ||
			   !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!bad) {
			rest[n++] = argv[i];
		}
	}
	if (bad)
		return 2;
	if (!n) {
		usage(stderr);
		return 2;
	}

	if (output && !(v.out = fopen(output, "w"))) {
		viz_err("%s: cannot write", output);
		return 1;
	}
	nc = getenv("NO_COLOR");
	if (!strcmp(color, "always"))
		v.color = true;
	else if (!strcmp(color, "auto"))
		v.color = !output && isatty(STDOUT_FILENO) && !(nc && *nc);
	else if (strcmp(color, "never")) {
		viz_err("--color %s: auto, always or never", color);
		return 2;
	}
	/* NO_COLOR wins even over --color always (https://no-color.org). */
	if (nc && *nc)
		v.color = false;

	for (const struct viz_view *const *w = viz_views; *w; w++) {
		if (strcmp((*w)->name, rest[0]))
			continue;
		rc = (*w)->run(&v, n, rest);
		if (fflush(v.out) || (output && fclose(v.out))) {
			viz_err("%s: write error",
				output ? output : "standard output");
			rc = 1;
		}
		free(rest);
		return rc;
	}
	viz_err("unknown view \"%s\" (visualize --help lists them)", rest[0]);
	return 2;
}
