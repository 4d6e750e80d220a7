// SPDX-License-Identifier: GPL-2.0
/*
 * visualize [OPTIONS] VIEW [ARGS]: explain a /proc/osedu view in words and
 * pictures. The common options (getopt_long) come before the view; what
 * follows it goes to the view, which may take options of its own.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "viz.h"

static void usage(FILE *f)
{
	fputs("usage: visualize [OPTIONS] VIEW [ARGS]   (options before the view)\n\nviews:\n", f);
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
	      "  --id-prefix P           start every id in SVG/HTML with P, so that\n"
	      "                          figures can share one page (tools/report/gen)\n"
	      "  -h, --help              this help\n", f);
}

/* An XML id may start with a letter or '_' and hold letters, digits, _.- */
static bool id_prefix_ok(const char *p)
{
	if (!*p)
		return true;
	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
	      *p == '_'))
		return false;
	return strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789_.-") == strlen(p);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "color", required_argument, NULL, 'c' },
		{ "root", required_argument, NULL, 'r' },
		{ "output", required_argument, NULL, 'o' },
		{ "id-prefix", required_argument, NULL, 'i' },
		{ "no-explain", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct viz v = { .format = VIZ_TEXT, .lang = VIZ_EN, .explain = true,
			 .root = "/proc/osedu", .out = stdout, .id_prefix = "" };
	const char *color = "auto", *output = NULL, *nc;
	bool bad = false;
	int c, n, rc;
	char **rest;

	/* "+": options stop at the view; what follows is the view's. */
	opterr = 0;
	while (!bad && (c = getopt_long(argc, argv, "+:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "text"))
				v.format = VIZ_TEXT;
			else if (!strcmp(optarg, "svg"))
				v.format = VIZ_SVG;
			else if (!strcmp(optarg, "html"))
				v.format = VIZ_HTML;
			else
				bad = true, viz_err("--format %s: text, svg or html", optarg);
			break;
		case 'l':
			if (!strcmp(optarg, "en"))
				v.lang = VIZ_EN;
			else if (!strcmp(optarg, "ko"))
				v.lang = VIZ_KO;
			else
				bad = true, viz_err("--lang %s: en or ko", optarg);
			break;
		case 'c':
			color = optarg;
			break;
		case 'r':
			v.root = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'i':
			if (!id_prefix_ok(optarg))
				bad = true, viz_err("--id-prefix %s: an XML name (a letter or _, then letters, digits, _ . -)", optarg);
			v.id_prefix = optarg;
			break;
		case 'n':
			v.explain = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case ':':
			bad = true;
			viz_err("%s needs a value", argv[optind - 1]);
			break;
		default:
			bad = true;
			viz_err("unknown option %s (visualize --help lists them)",
				argv[optind - 1]);
		}
	}
	if (bad)
		return 2;
	n = argc - optind;
	rest = argv + optind;
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
		return rc;
	}
	viz_err("unknown view \"%s\" (visualize --help lists them)", rest[0]);
	return 2;
}
