// SPDX-License-Identifier: GPL-2.0
/*
 * visualize replacement RECORD: the page-replacement lab's record drawn
 * (labrec.h): on one reference string, the faults of the kernel (classic
 * LRU, and the multi-generational LRU where the kernel has it) next to
 * FIFO, LRU, OPT, clock, LFU and NUR with the kernel's measured frame
 * count, and a timeline of when each of them evicted. --note prints only
 * the measured figures as one paragraph (the report's closing note).
 */
#include <stdlib.h>
#include <string.h>

#include "labrec.h"
#include "markup.h"

#define RP_VIEW		"lab-page-replacement"
#define RP_MAX_REFS	100000
#define RP_MAX_PAGES	65536
#define RP_MAX_RUNS	2
#define RP_MAX_POL	8
#define RP_COLS		60	/* text timeline columns */

struct rp_pol {
	char name[16];
	int faults, n;
	int *t, *page;		/* evictions: at step t[i], page page[i] */
};

struct rp_run {
	char name[16];
	int frames, first_touches, swapins, majflt;
	struct rp_pol pol[RP_MAX_POL];
	int npol;
};

struct rp {
	int pages, refs, frames_asked;
	struct rp_run run[RP_MAX_RUNS];
	int nrun;
};

static void rp_free(struct rp *r)
{
	for (int i = 0; i < r->nrun; i++)
		for (int j = 0; j < r->run[i].npol; j++) {
			free(r->run[i].pol[j].t);
			free(r->run[i].pol[j].page);
		}
	memset(r, 0, sizeof(*r));
}

/* "STEP:PAGE,STEP:PAGE..." or "-". */
static bool parse_evictions(const struct rp *r, struct rp_pol *p, char *s)
{
	char *tok, *save = NULL, *colon;
	size_t cap;

	if (!strcmp(s, "-"))
		return true;
	cap = 1;
	for (const char *c = s; *c; c++)
		cap += *c == ',';
	if (cap > (size_t)r->refs * 64)
		return false;
	p->t = malloc(cap * sizeof(int));
	p->page = malloc(cap * sizeof(int));
	if (!p->t || !p->page)
		return false;
	for (tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		colon = strchr(tok, ':');
		if (!colon)
			return false;
		*colon = '\0';
		if (!labrec_int(tok, r->refs - 1, &p->t[p->n]) ||
		    !labrec_int(colon + 1, r->pages - 1, &p->page[p->n]))
			return false;
		p->n++;
	}
	return p->n > 0;
}

static bool parse_row(const struct rp *r, struct rp_run *run,
		      const char *line)
{
	struct osedu_cols c = { 0 };
	struct rp_pol *p;
	bool ok = false;

	if (run->npol == RP_MAX_POL || osedu_split(&c, line) != 3)
		goto out;
	p = &run->pol[run->npol++];
	if (strlen(c.col[0]) >= sizeof(p->name) ||
	    !labrec_int(c.col[1], RP_MAX_REFS, &p->faults))
		goto out;
	strcpy(p->name, c.col[0]);
	ok = parse_evictions(r, p, c.col[2]);
out:
	osedu_cols_free(&c);
	return ok;
}

static int rp_parse(struct rp *r, const struct osedu_doc *d, const char *name)
{
	struct rp_run *run = NULL;
	bool table = false;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (!labrec_key(d, "pages", RP_MAX_PAGES, &r->pages) ||
	    !labrec_key(d, "references", RP_MAX_REFS, &r->refs) ||
	    !labrec_key(d, "frames_asked", RP_MAX_PAGES, &r->frames_asked) ||
	    !r->pages || !r->refs)
		goto bad;
	for (i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i];

		if (!*l) {
			table = false;
			continue;
		}
		if (!strncmp(l, "run: ", 5)) {
			if (r->nrun == RP_MAX_RUNS ||
			    strlen(l + 5) >= sizeof(run->name))
				goto bad;
			run = &r->run[r->nrun++];
			strcpy(run->name, l + 5);
			table = false;
		} else if (!run) {
			continue;	/* the string and the sizes */
		} else if (!strcmp(l, "policy faults evictions")) {
			table = true;
		} else if (table) {
			if (!parse_row(r, run, l))
				goto bad;
		} else if (!strncmp(l, "frames: ", 8)) {
			if (!labrec_int(l + 8, RP_MAX_PAGES, &run->frames))
				goto bad;
		} else if (!strncmp(l, "first_touches: ", 15)) {
			if (!labrec_int(l + 15, RP_MAX_REFS, &run->first_touches))
				goto bad;
		} else if (!strncmp(l, "swapins: ", 9)) {
			if (!labrec_int(l + 9, RP_MAX_REFS, &run->swapins))
				goto bad;
		} else if (!strncmp(l, "majflt: ", 8)) {
			if (!labrec_int(l + 8, RP_MAX_REFS * 64, &run->majflt))
				goto bad;
		}
	}
	if (!r->nrun)
		goto bad;
	for (int k = 0; k < r->nrun; k++)
		if (r->run[k].npol < 2 || strcmp(r->run[k].pol[0].name, "kernel"))
			goto bad;
	return 0;
bad:
	viz_err("%s: not a page-replacement record as docs/proc-format.md describes it", name);
	rp_free(r);
	return -1;
}

static const char *run_title(const struct viz *v, const char *run)
{
	if (!strcmp(run, "classic"))
		return viz_tr(v, "Classic LRU (active and inactive lists)",
			      "고전적 LRU (active, inactive 리스트)");
	if (!strcmp(run, "mglru"))
		return viz_tr(v, "Multi-generational LRU", "다세대 LRU (MGLRU)");
	return run;
}

static const struct rp_pol *find_pol(const struct rp_run *run,
				     const char *name)
{
	for (int i = 0; i < run->npol; i++)
		if (!strcmp(run->pol[i].name, name))
			return &run->pol[i];
	return NULL;
}

static int max_faults(const struct rp_run *run)
{
	int m = 1;

	for (int i = 0; i < run->npol; i++)
		if (run->pol[i].faults > m)
			m = run->pol[i].faults;
	return m;
}

static const char *const explain_en =
	"The same reference string ran twice: once in the kernel, in a cgroup whose memory.high leaves room for a few of the pages (with swap), and once in each textbook policy simulated with F frames, F being the most pages the kernel held at once (measured: memory.high also pays for the page tables and the process's other memory, so F is fuzzy). OPT, which evicts the page used farthest in the future, is the lower bound no policy beats. The timeline marks when each evicted: the kernel reclaims in batches, the policies one page per fault.";
static const char *const explain_ko =
	"같은 참조열을 두 번 돌렸다: 한 번은 커널에서, memory.high가 페이지 일부만 담는 cgroup 안에서(스왑 사용), 또 한 번은 교과서의 각 정책을 F개 프레임으로 시뮬레이션해서. F는 커널이 한꺼번에 가졌던 페이지 수의 최댓값이다(측정값: memory.high는 페이지 테이블과 프로세스의 다른 메모리에도 쓰이므로 F는 정확하지 않다). 앞으로 가장 늦게 쓰일 페이지를 내보내는 OPT가 어떤 정책도 넘을 수 없는 하한이다. 타임라인은 각자 언제 페이지를 내보냈는지 보여 준다: 커널은 묶음으로 회수하고, 정책은 폴트마다 한 페이지씩 내보낸다.";

/* ------------------------------------------------------------------ */
/* text */

static void text_run(const struct viz *v, const struct rp *r,
		     const struct rp_run *run)
{
	FILE *f = v->out;
	int m = max_faults(run);
	int per = (r->refs + RP_COLS - 1) / RP_COLS;

	fprintf(f, "\n%s%s%s: F = %d %s\n", viz_c(v, VIZ_BOLD),
		run_title(v, run->name), viz_c(v, VIZ_RESET), run->frames,
		viz_tr(v, "frames (measured)", "프레임 (측정값)"));
	{
		const char *a = viz_tr(v, "policy", "정책");
		const char *b = viz_tr(v, "faults", "폴트");

		fprintf(f, "  %s", a);
		for (size_t n = viz_width(a) + viz_width(b); n < 14; n++)
			fputc(' ', f);
		fprintf(f, "%s\n", b);
	}
	for (int i = 0; i < run->npol; i++) {
		const struct rp_pol *p = &run->pol[i];
		int n = p->faults * 40 / m;
		bool k = !strcmp(p->name, "kernel");

		fprintf(f, "  %s%-7s %6d %.*s%s\n", viz_c(v, k ? VIZ_RED : VIZ_BLUE),
			p->name, p->faults, n,
			"########################################",
			viz_c(v, VIZ_RESET));
	}
	fprintf(f, "  %s: %d, %s: %d, %s: %d\n",
		viz_tr(v, "kernel's first touches", "커널의 첫 접근"),
		run->first_touches, viz_tr(v, "swap-ins", "스왑 인"),
		run->swapins, viz_tr(v, "major faults (/proc/pid/stat)",
				     "major fault (/proc/pid/stat)"),
		run->majflt);
	fprintf(f, "\n  %s (%s %d %s; %s)\n",
		viz_tr(v, "evictions over the reference string",
		       "참조열을 따라 일어난 교체"),
		viz_tr(v, "a column is", "한 칸은"), per,
		viz_tr(v, "references", "개 참조"),
		viz_tr(v, "digit = pages evicted, + = 10 or more",
		       "숫자 = 내보낸 페이지 수, + = 10개 이상"));
	for (int i = 0; i < run->npol; i++) {
		const struct rp_pol *p = &run->pol[i];
		int cnt[RP_COLS] = { 0 };

		for (int e = 0; e < p->n; e++)
			cnt[p->t[e] / per]++;
		fprintf(f, "  %-7s |", p->name);
		for (int c = 0; c < RP_COLS && c * per < r->refs; c++)
			fputc(!cnt[c] ? '.' : cnt[c] > 9 ? '+' : '0' + cnt[c], f);
		fputs("|\n", f);
	}
}

static void text_render(const struct viz *v, const struct rp *r)
{
	viz_heading(v, "Page replacement: the kernel against the textbook policies",
		    "페이지 교체: 커널과 교과서의 정책");
	viz_explain(v, explain_en, explain_ko);
	fprintf(v->out, "%d %s, %d %s, memory.high %s %d %s\n", r->pages,
		viz_tr(v, "pages", "페이지"), r->refs,
		viz_tr(v, "references", "참조"),
		viz_tr(v, "for about", "약"), r->frames_asked,
		viz_tr(v, "pages", "페이지 분"));
	for (int i = 0; i < r->nrun; i++)
		text_run(v, r, &r->run[i]);
}

/* ------------------------------------------------------------------ */
/* SVG */

#define SV_W		1000.0
#define SV_LABEL	90.0
#define SV_ROW		16.0
#define SV_PLOT		(SV_W - SV_LABEL - 60.0)

static double svg_run_height(const struct rp_run *run)
{
	return 40 + run->npol * SV_ROW + 30 + run->npol * SV_ROW + 40;
}

static const char *pol_fill(const char *name)
{
	return !strcmp(name, "kernel") ? "#e03131" :
	       !strcmp(name, "OPT") ? "#2f9e44" : "#4a7ab5";
}

static double svg_run(const struct viz *v, const struct rp *r,
		      const struct rp_run *run, double y)
{
	FILE *f = v->out;
	int m = max_faults(run);

	svg_text(f, 20, y + 18, "start", "title", "%s: F = %d",
		 run_title(v, run->name), run->frames);
	y += 34;
	for (int i = 0; i < run->npol; i++) {
		const struct rp_pol *p = &run->pol[i];
		double w = SV_PLOT / 2 * p->faults / m;

		svg_text(f, SV_LABEL - 6, y + 12, "end", "mono", "%s", p->name);
		svg_rect(f, SV_LABEL, y + 2, w, SV_ROW - 4, pol_fill(p->name),
			 NULL);
		svg_text(f, SV_LABEL + w + 6, y + 12, "start", "mono small",
			 "%d %s", p->faults, viz_tr(v, "faults", "폴트"));
		y += SV_ROW;
	}
	y += 24;
	svg_text(f, 20, y, "start", NULL, "%s",
		 viz_tr(v, "Evictions along the reference string (a tick: pages evicted at that reference; the kernel evicts many at once)",
			"참조열을 따라 일어난 교체 (눈금: 그 참조에서 페이지를 내보냄; 커널은 한 번에 여러 페이지를 내보낸다)"));
	y += 6;
	for (int i = 0; i < run->npol; i++) {
		const struct rp_pol *p = &run->pol[i];

		svg_text(f, SV_LABEL - 6, y + 12, "end", "mono", "%s", p->name);
		svg_rect(f, SV_LABEL, y + 2, SV_PLOT, SV_ROW - 4, "#f4f6fa",
			 NULL);
		for (int e = 0; e < p->n; e++)
			mk_printf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
				  SV_LABEL + SV_PLOT * p->t[e] / r->refs,
				  y + 3, SV_LABEL + SV_PLOT * p->t[e] / r->refs,
				  y + SV_ROW - 3, pol_fill(p->name));
		y += SV_ROW;
	}
	svg_text(f, SV_LABEL, y + 14, "start", "small dim", "0");
	svg_text(f, SV_LABEL + SV_PLOT, y + 14, "end", "small dim", "%d %s",
		 r->refs, viz_tr(v, "references", "참조"));
	return y + 40;
}

static void svg_render(const struct viz *v, const struct rp *r)
{
	double h = 50, y;

	for (int i = 0; i < r->nrun; i++)
		h += svg_run_height(&r->run[i]);
	svg_begin(v->out, (int)SV_W, (int)h,
		  viz_tr(v, "Page replacement: the kernel and the textbook policies",
			 "페이지 교체: 커널과 교과서의 정책"));
	svg_text(v->out, 20, 24, "start", "title", "%s",
		 viz_tr(v, "Page replacement on one reference string",
			"한 참조열에서의 페이지 교체"));
	svg_text(v->out, 20, 42, "start", "small dim", "%d %s, %d %s",
		 r->pages, viz_tr(v, "pages", "페이지"), r->refs,
		 viz_tr(v, "references", "참조"));
	y = 50;
	for (int i = 0; i < r->nrun; i++)
		y = svg_run(v, r, &r->run[i], y);
	svg_end(v->out);
}

/* ------------------------------------------------------------------ */
/* the note: the measured figures in one paragraph */

static void note(const struct viz *v, const struct rp *r, FILE *f)
{
	static const char *const shown[] = { "FIFO", "LRU", "OPT", "clock" };

	if (v->lang == VIZ_KO)
		fprintf(f, "%d개 페이지에 대한 %d개 참조로 된 한 참조열에서 측정했다.",
			r->pages, r->refs);
	else
		fprintf(f, "Measured on one string of %d references to %d pages.",
			r->refs, r->pages);
	for (int i = 0; i < r->nrun; i++) {
		const struct rp_run *run = &r->run[i];
		int other = 0;

		fprintf(f, viz_tr(v, " %s: the kernel %d faults; with its F = %d frames",
				  " %s: 커널 %d번 폴트; 같은 F = %d 프레임으로"),
			run_title(v, run->name), run->pol[0].faults,
			run->frames);
		for (size_t s = 0; s < ARRAY_SIZE(shown); s++) {
			const struct rp_pol *p = find_pol(run, shown[s]);

			if (p)
				fprintf(f, "%s %s %d", s ? "," : "", p->name,
					p->faults);
		}
		for (int j = 1; j < run->npol; j++) {
			const struct rp_pol *p = &run->pol[j];
			bool main4 = false;

			for (size_t s = 0; s < ARRAY_SIZE(shown); s++)
				main4 |= !strcmp(p->name, shown[s]);
			if (!main4)
				fprintf(f, "%s%s %d", other++ ? ", " : " (",
					p->name, p->faults);
		}
		fputs(other ? ")." : ".", f);
	}
	fputc('\n', f);
}

/* ------------------------------------------------------------------ */
/* HTML */

static void html_render(const struct viz *v, const struct rp *r)
{
	struct viz plain = *v;
	FILE *f = v->out;

	viz_html_begin(v, viz_tr(v, "Page replacement: the kernel against the textbook policies",
				 "페이지 교체: 커널과 교과서의 정책"));
	viz_explain(v, explain_en, explain_ko);
	plain.format = VIZ_SVG;
	svg_render(&plain, r);
	for (int i = 0; i < r->nrun; i++) {
		const struct rp_run *run = &r->run[i];

		fputs("<h2>", f);
		mk_text(f, run_title(v, run->name));
		mk_printf(f, ": F = %d</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
			  run->frames, viz_tr(v, "policy", "정책"),
			  viz_tr(v, "faults", "폴트"),
			  viz_tr(v, "pages evicted", "내보낸 페이지"));
		for (int j = 0; j < run->npol; j++)
			mk_printf(f, "<tr><td>%s</td><td>%d</td><td>%d</td></tr>\n",
				  run->pol[j].name, run->pol[j].faults,
				  run->pol[j].n);
		fputs("</table>\n", f);
	}
	fputs("<p>", f);
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);

		if (m) {
			note(v, r, m);
			fclose(m);
			mk_text(f, buf);
			free(buf);
		}
	}
	fputs("</p>\n", f);
	viz_html_end(v);
}

static int rp_doc(struct viz *v, const struct osedu_doc *d, const char *name,
		  bool only_note)
{
	struct rp r;

	if (rp_parse(&r, d, name))
		return 1;
	if (only_note)
		note(v, &r, v->out);
	else if (v->format == VIZ_TEXT)
		text_render(v, &r);
	else if (v->format == VIZ_SVG)
		svg_render(v, &r);
	else
		html_render(v, &r);
	rp_free(&r);
	return 0;
}

static int rp_run(struct viz *v, int argc, char **argv)
{
	bool only_note = argc == 3 && !strcmp(argv[1], "--note");
	struct osedu_doc d;
	int rc;

	if (argc != 2 + only_note || argv[argc - 1][0] == '-') {
		viz_err("usage: visualize replacement [--note] RECORD (the page-replacement lab's record)");
		return 2;
	}
	if (labrec_load(&d, argv[argc - 1], RP_VIEW))
		return 1;
	rc = rp_doc(v, &d, argv[argc - 1], only_note);
	osedu_doc_free(&d);
	return rc;
}

static int rp_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	struct osedu_doc d;
	int rc;

	if (labrec_parse_mem(&d, data, len, RP_VIEW))
		return 1;
	rc = rp_doc(v, &d, "fuzz", len & 1);
	osedu_doc_free(&d);
	return rc;
}

const struct viz_view viz_view_replacement = {
	.name = "replacement",
	.usage = "replacement [--note] RECORD",
	.summary = "the kernel's page replacement next to FIFO, LRU, OPT, clock (a lab record)",
	.run = rp_run,
	.fuzz = rp_fuzz,
};
