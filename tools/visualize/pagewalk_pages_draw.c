// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk, the page map drawn (model: pagewalk_pages.c): per
 * region two rows of cells, the NUR class (R,M) and the kernel's list or
 * MGLRU generation, then the runs of pages that share a state; as text,
 * SVG and an HTML table, with a legend for a student.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "pagewalk.h"

static const char *const nur_en =
	"Page replacement needs to know which pages were used lately. The CPU sets two bits in a page's table entry: R (accessed, the reference bit) on any use and M (dirty, the modify bit) on a write. The NUR (not used recently) policy sorts pages into four classes 2R+M: 0 = not used, not written (the best victim), 1 = not used but written (it must be written back first), 2 = used, clean, 3 = used and written. The kernel clears R as it scans; here /proc/<pid>/clear_refs does it. Linux itself keeps evictable pages on lists per memory cgroup: with the classic LRU an active and an inactive list; reclaim takes victims from the old end of the inactive list, and a page found referenced there gets a second chance (back to the active list). With the multi-generational LRU (MGLRU) the two lists become up to four generations; each aging moves the pages found accessed into a new youngest generation, and reclaim evicts from the oldest. A page evicted from an anonymous mapping goes to swap: its entry then holds the swap slot where its content is, and the next access is a major fault that reads it back.";
static const char *const nur_ko =
	"페이지 교체는 어떤 페이지가 최근에 쓰였는지 알아야 합니다. CPU는 페이지 테이블 엔트리의 두 비트를 켭니다: 접근하면 R(accessed, 참조 비트), 쓰면 M(dirty, 변경 비트). NUR(not used recently) 정책은 페이지를 2R+M의 네 부류로 나눕니다: 0 = 참조 안 됨·변경 안 됨(가장 좋은 희생자), 1 = 참조 안 됨·변경됨(먼저 디스크에 써야 함), 2 = 참조됨·변경 안 됨, 3 = 참조됨·변경됨. 커널은 훑으면서 R을 지웁니다(여기서는 /proc/<pid>/clear_refs가 지웠습니다). 리눅스는 축출할 수 있는 페이지를 메모리 cgroup마다 리스트에 둡니다: 고전적인 LRU에서는 활성(active)과 비활성(inactive) 두 리스트입니다. 회수(reclaim)는 비활성 리스트의 오래된 쪽에서 희생자를 고르고, 거기서 참조된 것으로 보이는 페이지는 두 번째 기회를 받아 활성 리스트로 돌아갑니다. 다세대 LRU(MGLRU)에서는 두 리스트 대신 최대 네 세대가 있습니다: 에이징할 때마다 접근된 페이지를 새 가장 젊은 세대로 옮기고, 회수는 가장 오래된 세대에서 축출합니다. 익명 매핑의 페이지가 축출되면 스왑으로 갑니다: 엔트리에는 내용이 있는 스왑 슬롯이 남고, 다음 접근은 그것을 다시 읽는 major 폴트가 됩니다.";

static enum viz_color nur_color(const struct pm_state *s)
{
	static const enum viz_color cls[] = { VIZ_BLUE, VIZ_CYAN, VIZ_YELLOW,
					      VIZ_RED };

	switch (s->kind) {
	case PM_PRESENT:
		return cls[s->rm & 3];
	case PM_SWAP:
		return VIZ_MAGENTA;
	default:
		return VIZ_DIM;
	}
}

static enum viz_color list_color(const struct pm_state *s)
{
	if (s->kind != PM_PRESENT)
		return nur_color(s);
	switch (s->list) {
	case PM_L_ACTIVE:
		return VIZ_RED;
	case PM_L_INACTIVE:
		return VIZ_BLUE;
	case PM_L_UNEVICTABLE:
		return VIZ_MAGENTA;
	case PM_L_GEN:
		return VIZ_GREEN;
	default:
		return VIZ_DIM;
	}
}

/* One run's words for the tables: "in RAM, R=1 M=0", swap slots, ... */
static void run_state(const struct viz *v, const struct pw *p,
		      const struct pm_run *r, char *buf, size_t n)
{
	char list[48], words[160];

	switch (r->s.kind) {
	case PM_SWAP:
		if (!r->slot)
			snprintf(buf, n, "%s", viz_tr(v,
				 "swapped out (slot shown to root only)",
				 "스왑됨 (슬롯은 root만 볼 수 있음)"));
		else if (r->pages == 1)
			snprintf(buf, n, viz_tr(v,
				 "swapped out: slot 0x%" PRIx64 " of swap area %d",
				 "스왑됨: 스왑 영역 %2$d의 슬롯 0x%1$" PRIx64),
				 r->slot, r->s.swap_type);
		else
			snprintf(buf, n, viz_tr(v,
				 "swapped out: slots 0x%" PRIx64 "-0x%" PRIx64 " of swap area %d",
				 "스왑됨: 스왑 영역 %3$d의 슬롯 0x%1$" PRIx64 "-0x%2$" PRIx64),
				 r->slot, r->slot + r->pages - 1,
				 r->s.swap_type);
		return;
	case PM_UNKNOWN:
		snprintf(buf, n, "%s", viz_tr(v, "in RAM, state not read",
					      "메모리에 있음, 상태 읽지 않음"));
		return;
	case PM_OTHER:
		snprintf(buf, n, "%s", viz_tr(v,
			 "not present (migrating, or another entry)",
			 "없음 (이동 중이거나 다른 엔트리)"));
		return;
	case PM_NONE:
		snprintf(buf, n, "%s", viz_tr(v, "not present", "없음"));
		return;
	}
	pm_words(&r->s, words, sizeof(words));
	snprintf(buf, n, viz_tr(v, "class %d (R=%d M=%d), %s; %s",
				"부류 %d (R=%d M=%d), %s; %s"),
		 r->s.rm, r->s.rm >> 1, r->s.rm & 1,
		 pm_list_name(v, &r->s, list, sizeof(list)), words);
	(void)p;
}

/* "heap rw-p 0x...-0x... 50 pages" and the cell size. */
static void region_title(const struct viz *v, const struct pw *p,
			 const struct pm_region *g, char *buf, size_t n)
{
	const struct pw_vma *m = &p->vma[g->vma];
	int o;

	o = snprintf(buf, n, viz_tr(v,
		     "%s %s 0x%016" PRIx64 "-0x%016" PRIx64 ", %" PRIu64 " pages",
		     "%s %s 0x%016" PRIx64 "-0x%016" PRIx64 ", 페이지 %" PRIu64 "개"),
		     x_label(v, m->label), m->perms, m->start, m->end,
		     g->pages);
	if (o > 0 && (size_t)o < n && g->per_cell > 1)
		snprintf(buf + o, n - o, viz_tr(v,
			 " (1 cell = %" PRIu64 " pages)",
			 " (칸 하나 = 페이지 %" PRIu64 "개)"), g->per_cell);
}

static void summary(const struct viz *v, const struct pw_pages *m,
		    FILE *f)
{
	fprintf(f, viz_tr(v,
		"Pages in RAM by NUR class: 0: %" PRIu64 ", 1: %" PRIu64 ", 2: %" PRIu64 ", 3: %" PRIu64 "; swapped out: %" PRIu64 ".\n",
		"메모리에 있는 페이지의 NUR 부류: 0: %" PRIu64 ", 1: %" PRIu64 ", 2: %" PRIu64 ", 3: %" PRIu64 "; 스왑됨: %" PRIu64 ".\n"),
		m->cls[0], m->cls[1], m->cls[2], m->cls[3], m->swapped);
	if (m->mglru)
		fprintf(f, viz_tr(v,
			"The kernel's lists: MGLRU on; by generation slot 0: %" PRIu64 ", 1: %" PRIu64 ", 2: %" PRIu64 ", 3: %" PRIu64 "; unevictable %" PRIu64 ", on no list %" PRIu64 ".\n",
			"커널의 리스트: MGLRU 켜짐; 세대 슬롯 0: %" PRIu64 ", 1: %" PRIu64 ", 2: %" PRIu64 ", 3: %" PRIu64 "; 축출 불가 %" PRIu64 ", 리스트에 없음 %" PRIu64 ".\n"),
			m->gen[0], m->gen[1], m->gen[2], m->gen[3],
			m->list[PM_L_UNEVICTABLE], m->list[PM_L_OFF]);
	else
		fprintf(f, viz_tr(v,
			"The kernel's lists (classic LRU): active %" PRIu64 ", inactive %" PRIu64 ", unevictable %" PRIu64 ", on no list %" PRIu64 ".\n",
			"커널의 리스트 (고전적인 LRU): 활성 %" PRIu64 ", 비활성 %" PRIu64 ", 축출 불가 %" PRIu64 ", 리스트에 없음 %" PRIu64 ".\n"),
			m->list[PM_L_ACTIVE], m->list[PM_L_INACTIVE],
			m->list[PM_L_UNEVICTABLE], m->list[PM_L_OFF]);
	fprintf(f, viz_tr(v,
		"Also: referenced %" PRIu64 ", workingset %" PRIu64 ", swapcache %" PRIu64 ", ksm %" PRIu64 ".\n",
		"그 밖에: referenced %" PRIu64 ", workingset %" PRIu64 ", swapcache %" PRIu64 ", ksm %" PRIu64 ".\n"),
		m->k[2], m->k[3], m->k[6], m->k[7]);
}

/* What was left out, and why: the caps. */
static void caps(const struct viz *v, const struct pw_pages *m, FILE *f,
		 const char *pre, const char *post)
{
	if (m->left_out)
		fprintf(f, viz_tr(v,
			"%s%zu regions with no page in RAM or swap are left out.%s",
			"%s메모리에도 스왑에도 페이지가 없는 영역 %zu개는 뺐습니다.%s"),
			pre, m->left_out, post);
	if (m->not_drawn)
		fprintf(f, viz_tr(v,
			"%sOnly the first %d regions are drawn; %zu more are not.%s",
			"%s처음 %d개 영역만 그렸고 %zu개는 그리지 않았습니다.%s"),
			pre, PM_REGIONS, m->not_drawn, post);
	if (m->capped)
		fprintf(f, viz_tr(v,
			"%sThe state of at most %d pages is read; the other %" PRIu64 " pages in RAM show '?'.%s",
			"%s상태는 최대 %d페이지만 읽었습니다; 나머지 메모리의 %" PRIu64 "페이지는 '?'로 보입니다.%s"),
			pre, PM_MAX_PAGES, m->unknown, post);
	else if (m->unknown)
		fprintf(f, viz_tr(v,
			"%s%" PRIu64 " pages in RAM have no state in the answers ('?'): they came in after the query was read, or the recording lacks them.%s",
			"%s메모리에 있는 %" PRIu64 "페이지는 답에 상태가 없습니다('?'): 질의 뒤에 들어왔거나 기록에 없습니다.%s"),
			pre, m->unknown, post);
	if (m->slots_hidden)
		fprintf(f, "%s%s%s", pre, viz_tr(v,
			"Swap slots read 0x0: only root (CAP_SYS_ADMIN) may see them.",
			"스왑 슬롯이 0x0으로 보입니다: root(CAP_SYS_ADMIN)만 볼 수 있습니다."),
			post);
}

/* ------------------------------------------------------------------ */
/* Text */

static void text_cells(const struct viz *v, const struct pm_region *g,
		       int from, int to, bool list)
{
	for (int c = from; c < to; c++) {
		const struct pm_state *s = &g->cell[c];

		char g = list ? pm_list_glyph(s) : pm_nur_glyph(s);

		fprintf(v->out, "%s%s%s",
			viz_c(v, list ? list_color(s) : nur_color(s)),
			g == '.' ? "·" : (char[2]){ g, '\0' },
			viz_c(v, VIZ_RESET));
	}
	fputc('\n', v->out);
}

void pm_text(const struct viz *v, const struct pw *p,
	     const struct pw_pages *m)
{
	char title[256], state[320];
	FILE *f = v->out;

	if (p->mm)
		return;
	viz_heading(v, "Page replacement state", "페이지 교체 상태");
	if (!m->have) {
		fprintf(f, viz_tr(v, "Not shown: %s.\n", "보이지 않음: %s.\n"),
			m->why[0] ? m->why : "?");
		return;
	}
	viz_explain(v, nur_en, nur_ko);
	summary(v, m, f);
	caps(v, m, f, "", "\n");
	for (size_t i = 0; i < m->nreg; i++) {
		const struct pm_region *g = &m->reg[i];
		size_t listed = 0, more = 0;

		region_title(v, p, g, title, sizeof(title));
		fprintf(f, "\n  %s%s%s\n", viz_c(v, VIZ_BOLD), title,
			viz_c(v, VIZ_RESET));
		for (int c = 0; c < g->ncell; c += PM_COLS) {
			int e = c + PM_COLS < g->ncell ? c + PM_COLS : g->ncell;

			const char *l = viz_tr(v, "list", "목록");

			fprintf(f, "    0x%016" PRIx64 " %-5s ",
				p->vma[g->vma].start +
				c * g->per_cell * p->page_size, "R,M");
			text_cells(v, g, c, e, false);
			/* Padded by display width: Hangul takes two columns. */
			fprintf(f, "    %18s %s%*s ", "", l,
				(int)(5 - viz_width(l)), "");
			text_cells(v, g, c, e, true);
		}
		for (size_t r = 0; r < g->nrun; r++) {
			const struct pm_run *x = &g->run[r];

			if (x->s.kind == PM_NONE)
				continue;
			if (listed == PM_RUNS) {
				more++;
				continue;
			}
			run_state(v, p, x, state, sizeof(state));
			fprintf(f, "    0x%016" PRIx64 " %6" PRIu64 " %s\n",
				x->start, x->pages, state);
			listed++;
		}
		if (more)
			fprintf(f, viz_tr(v,
				"    ... %zu more runs (the map above shows them)\n",
				"    ... 구간 %zu개 더 (위의 지도에 보임)\n"), more);
	}
	fprintf(f, "\n%s\n%s\n%s\n%s\n", viz_tr(v,
		"  R,M:  the NUR class 2R+M of a page in RAM: 0 = R0 M0  1 = R0 M1  2 = R1 M0  3 = R1 M1",
		"  R,M:  메모리에 있는 페이지의 NUR 부류 2R+M: 0 = R0 M0  1 = R0 M1  2 = R1 M0  3 = R1 M1"),
		viz_tr(v,
		"  list: A active  i inactive  0-3 MGLRU generation slot  u unevictable  - on no list now  z no frame of its own (zero page)",
		"  목록: A 활성  i 비활성  0-3 MGLRU 세대 슬롯  u 축출 불가  - 지금 리스트에 없음  z 자기 프레임 없음 (zero 페이지)"),
		viz_tr(v,
		"  both: s swapped out  · not present  ? state not read  o migrating or another entry",
		"  공통: s 스왑됨  · 없음  ? 상태 읽지 않음  o 이동 중 또는 다른 엔트리"),
		viz_tr(v,
		"  rows: first page, pages, state. A cell of several pages shows s if one is swapped out, else its longest run in RAM.",
		"  줄: 첫 페이지, 페이지 수, 상태. 여러 페이지의 칸은 그중 하나라도 스왑됐으면 s, 아니면 메모리에 있는 가장 긴 구간을 보입니다."));
	viz_explain(v,
		"The generation slot is the generation's sequence number modulo 4, so a slot tells which of the four live generations a page is in, not how old it is: /sys/kernel/debug/lru_gen lists the sequence numbers. Everything here is a snapshot: the bits and lists change while they are read.",
		"세대 슬롯은 세대 번호를 4로 나눈 나머지입니다: 슬롯은 살아 있는 네 세대 중 어느 것인지를 말할 뿐 나이를 말하지 않습니다(/sys/kernel/debug/lru_gen에 번호가 있습니다). 여기 보이는 모든 것은 스냅숏입니다: 비트와 리스트는 읽는 동안에도 바뀝니다.");
}

/* ------------------------------------------------------------------ */
/* SVG */

#define PM_X		230.0
#define PM_CW		11.0	/* cell pitch */
#define PM_TITLE_H	18.0
#define PM_LINE_H	18.0
#define PM_GAP		8.0
#define PM_LEGEND_H	96.0

double pm_svg_height(const struct pw_pages *m)
{
	double h = 50;

	if (!m->have)
		return 40;
	for (size_t i = 0; i < m->nreg; i++)
		h += PM_TITLE_H + PM_GAP +
		     PM_LINE_H * ((m->reg[i].ncell + PM_COLS - 1) / PM_COLS);
	return h + PM_LEGEND_H;
}

/* The legend's boxes beside the four NUR classes: where, what, the label. */
static const struct pm_key {
	double x, dy;
	bool list_row;		/* the bottom band's colour, not the square's */
	struct pm_state s;
	const char *en, *ko;
} pm_keys[] = {
	{ 380, 8, false, { .kind = PM_SWAP }, "swapped out", "스왑됨" },
	{ 480, 8, false, { .kind = PM_NONE }, "not present", "없음" },
	{ 580, 8, false, { .kind = PM_UNKNOWN },
	  "not read / other", "읽지 않음 / 기타" },
	{ 20, 28, true, { .kind = PM_PRESENT, .list = PM_L_ACTIVE },
	  "active list", "활성 리스트" },
	{ 130, 28, true, { .kind = PM_PRESENT, .list = PM_L_INACTIVE },
	  "inactive list", "비활성 리스트" },
	{ 250, 28, true, { .kind = PM_PRESENT, .list = PM_L_UNEVICTABLE },
	  "unevictable", "축출 불가" },
	{ 360, 28, true, { .kind = PM_PRESENT, .list = PM_L_OFF },
	  "on no list", "리스트에 없음" },
	{ 470, 28, true, { .kind = PM_PRESENT, .list = PM_L_NOFRAME },
	  "no frame of its own (zero page)", "자기 프레임 없음 (zero 페이지)" },
};

static void legend_box(FILE *f, double x, double y, const char *fill,
		       const char *label)
{
	svg_rect(f, x, y, 10, 10, fill, NULL);
	svg_text(f, x + 14, y + 9, "start", "small", "%s", label);
}

void pm_svg(const struct viz *v, const struct pw *p,
	    const struct pw_pages *m, double y)
{
	static const struct pm_state nur[4] = {
		{ .kind = PM_PRESENT, .rm = 0 }, { .kind = PM_PRESENT, .rm = 1 },
		{ .kind = PM_PRESENT, .rm = 2 }, { .kind = PM_PRESENT, .rm = 3 },
	};
	char title[256], buf[64];
	FILE *f = v->out;
	struct pm_state s;

	if (p->mm)
		return;
	svg_text(f, 20, y, "start", "title", "%s",
		 viz_tr(v, "Page replacement state", "페이지 교체 상태"));
	if (!m->have) {
		svg_text(f, 20, y + 20, "start", "small", "%s: %s",
			 viz_tr(v, "not shown", "보이지 않음"), m->why);
		return;
	}
	svg_text(f, 20, y + 18, "start", "small dim", "%s", viz_tr(v,
		 "per page: top square the NUR class (R,M), bottom band the kernel's list or MGLRU generation",
		 "페이지마다: 위 네모는 NUR 부류 (R,M), 아래 띠는 커널의 리스트 또는 MGLRU 세대"));
	y += 34;
	for (size_t i = 0; i < m->nreg; i++) {
		const struct pm_region *g = &m->reg[i];

		region_title(v, p, g, title, sizeof(title));
		svg_text(f, 20, y + 12, "start", "small", "%s", title);
		y += PM_TITLE_H;
		for (int c = 0; c < g->ncell; c++) {
			double x = PM_X + (c % PM_COLS) * PM_CW;
			double cy = y + (c / PM_COLS) * PM_LINE_H;

			if (c % PM_COLS == 0)
				svg_text(f, PM_X - 6, cy + 10, "end",
					 "mono small", "0x%" PRIx64,
					 p->vma[g->vma].start +
					 c * g->per_cell * p->page_size);
			svg_rect(f, x, cy, PM_CW - 1, 10,
				 pm_nur_fill(&g->cell[c]), NULL);
			svg_rect(f, x, cy + 11, PM_CW - 1, 4,
				 pm_list_fill(&g->cell[c]), NULL);
		}
		y += PM_LINE_H * ((g->ncell + PM_COLS - 1) / PM_COLS) + PM_GAP;
	}
	/* Legend. */
	for (int c = 0; c < 4; c++) {
		snprintf(buf, sizeof(buf), "%d: R%d M%d", c, c >> 1, c & 1);
		legend_box(f, 20 + c * 90, y + 8, pm_nur_fill(&nur[c]), buf);
	}
	for (size_t i = 0; i < sizeof(pm_keys) / sizeof(pm_keys[0]); i++) {
		const struct pm_key *k = &pm_keys[i];

		legend_box(f, k->x, y + k->dy, k->list_row ?
			   pm_list_fill(&k->s) : pm_nur_fill(&k->s),
			   viz_tr(v, k->en, k->ko));
	}
	memset(&s, 0, sizeof(s));
	s.kind = PM_PRESENT;
	s.list = PM_L_GEN;
	for (int gsl = 0; gsl < 4; gsl++) {
		s.gen = gsl;
		snprintf(buf, sizeof(buf), viz_tr(v, "MGLRU generation slot %d",
						  "MGLRU 세대 슬롯 %d"), gsl);
		legend_box(f, 20 + gsl * 170, y + 48, pm_list_fill(&s), buf);
	}
	svg_text(f, 20, y + 78, "start", "small dim", "%s", viz_tr(v,
		 "NUR evicts from class 0 first; reclaim takes the inactive list's (or the oldest generation's) pages first.",
		 "NUR은 부류 0부터 축출하고, 회수는 비활성 리스트(또는 가장 오래된 세대)의 페이지를 먼저 가져갑니다."));
}

/* ------------------------------------------------------------------ */
/* HTML */

void pm_html(const struct viz *v, const struct pw *p,
	     const struct pw_pages *m)
{
	char title[256], state[320];
	FILE *f = v->out;

	if (p->mm)
		return;
	viz_heading(v, "Page replacement state", "페이지 교체 상태");
	if (!m->have) {
		fputs("<p>", f);
		mk_printf(f, "%s: %s", viz_tr(v, "Not shown", "보이지 않음"),
			  m->why);
		fputs("</p>\n", f);
		return;
	}
	viz_explain(v, nur_en, nur_ko);
	fputs("<p>", f);
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *mf = open_memstream(&buf, &len);

		if (mf) {
			summary(v, m, mf);
			caps(v, m, mf, "", " ");
			fclose(mf);
			mk_text(f, buf);
		}
		free(buf);
	}
	fputs("</p>\n", f);
	for (size_t i = 0; i < m->nreg; i++) {
		const struct pm_region *g = &m->reg[i];
		size_t listed = 0, more = 0;

		region_title(v, p, g, title, sizeof(title));
		fputs("<h3>", f);
		mk_text(f, title);
		fputs("</h3>\n<table>\n", f);
		mk_printf(f, "<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
			  viz_tr(v, "first page", "첫 페이지"),
			  viz_tr(v, "pages", "페이지"),
			  viz_tr(v, "state", "상태"));
		for (size_t r = 0; r < g->nrun; r++) {
			const struct pm_run *x = &g->run[r];

			if (x->s.kind == PM_NONE)
				continue;
			if (listed == PM_RUNS) {
				more++;
				continue;
			}
			run_state(v, p, x, state, sizeof(state));
			mk_printf(f, "<tr><td>0x%016llx</td><td>%llu</td><td>%s</td></tr>\n",
				  (unsigned long long)x->start,
				  (unsigned long long)x->pages, state);
			listed++;
		}
		fputs("</table>\n", f);
		if (more) {
			fputs("<p>", f);
			mk_printf(f, viz_tr(v,
				  "%zu more runs (the figure shows them).",
				  "구간 %zu개 더 (그림에 보임)."), more);
			fputs("</p>\n", f);
		}
	}
}
