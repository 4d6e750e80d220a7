// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk PID: a process's address space drawn like the
 * lecture's process-memory picture (high addresses on top, holes between
 * the regions), which of its pages are in RAM, and the worked page-table
 * walks of /proc/osedu/pagewalk/<pid> with the virtual address cut into its
 * bit fields. Format: docs/proc-format.md, section "pagewalk".
 *
 * The view is split by concept: parsing (pagewalk_parse.c), what the
 * renderings share (pagewalk_draw.c), text, SVG (pagewalk_text.c,
 * pagewalk_svg.c), the page map of replacement state and swap
 * (pagewalk_pages.c, pagewalk_pages_draw.c); HTML and the subcommand are
 * here.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "pagewalk.h"

/* ------------------------------------------------------------------ */
/* HTML */

static void html_render(const struct viz *v, const struct pw *p,
			const struct pw_pages *pm)
{
	char title[256], size[32];
	FILE *f = v->out;
	struct viz plain = *v;

	snprintf(title, sizeof(title), viz_tr(v,
		 "Address space of process %s (%s)",
		 "프로세스 %s (%s)의 주소 공간"), p->pid,
		 p->comm ? p->comm : "?");
	viz_html_begin(v, title);
	plain.format = VIZ_SVG;
	if (p->mm) {
		fputs("<p>", f);
		mk_text(f, p->mm);
		fputs("</p>\n", f);
		viz_html_end(v);
		return;
	}
	viz_explain(v,
		"Every process sees its own virtual address space. Each box is one region of it (a VMA), high addresses on top as in the lecture's picture; the gaps are holes with no mapping. The bar next to a region shows which of its pages are in physical memory now; the others get a frame at their first access (demand paging). On the right, the page-table walks of one address in the code, data, heap and stack: the address cut into a 9-bit index per level and the offset, and the entry found at each level.",
		"모든 프로세스는 자신만의 가상 주소 공간을 봅니다. 상자 하나가 영역(VMA) 하나이며 강의 그림처럼 위가 높은 주소이고, 상자 사이의 틈은 매핑이 없는 빈 공간입니다. 옆의 막대는 그 영역의 어떤 페이지가 지금 물리 메모리에 있는지 보여 줍니다. 나머지는 처음 접근할 때 프레임을 받습니다(요구 페이징). 오른쪽은 코드, 데이터, 힙, 스택 주소 하나씩의 페이지 테이블 변환입니다: 주소를 단계별 9비트 인덱스와 변위로 자르고, 각 단계에서 찾은 엔트리를 보여 줍니다.");
	svg_render(&plain, p, pm);
	viz_heading(v, "Regions", "영역");
	mk_printf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		viz_tr(v, "start", "시작"), viz_tr(v, "end", "끝"),
		viz_tr(v, "region", "영역"), viz_tr(v, "perms", "권한"),
		viz_tr(v, "size", "크기"),
		viz_tr(v, "pages in RAM", "메모리에 있는 페이지"),
		viz_tr(v, "backing", "대상"));
	for (size_t i = 0; i < p->nvma; i++) {
		const struct pw_vma *m = &p->vma[i];

		human(size, sizeof(size), m->end - m->start);
		mk_printf(f, "<tr><td>0x%016" PRIx64 "</td><td>0x%016" PRIx64 "</td><td>",
			m->start, m->end);
		mk_text(f, x_label(v, m->label));
		fputs("</td><td>", f);
		mk_text(f, m->perms);
		mk_printf(f, "</td><td>%s</td><td>%" PRIu64 " / %" PRIu64 "</td><td>",
			size, m->in_ram, (m->end - m->start) / p->page_size);
		mk_text(f, m->path);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	if (frames_hidden(p))
		viz_explain(v,
			"Frames read 0x0: only root (CAP_SYS_ADMIN) may see physical addresses.",
			"프레임이 0x0으로 보입니다: 물리 주소는 root(CAP_SYS_ADMIN)만 볼 수 있습니다.");
	pm_html(v, p, pm);
	viz_html_end(v);
}

static void render(const struct viz *v, const struct pw *p,
		   const struct pw_pages *m)
{
	switch (v->format) {
	case VIZ_TEXT:
		text_render(v, p, m);
		break;
	case VIZ_SVG:
		svg_render(v, p, m);
		break;
	case VIZ_HTML:
		html_render(v, p, m);
		break;
	}
}

/* The document, and the page state (QUERY: the answers when fuzzing). */
static int pw_doc(struct viz *v, const struct osedu_doc *d, const char *name,
		  const char *query)
{
	struct pw_pages m;
	struct pw p;
	int rc = 1;

	if (pw_parse(&p, d, name))
		return 1;
	if (!pm_load(v, &p, &m, query)) {
		render(v, &p, &m);
		rc = 0;
	}
	pm_free(&m);
	pw_free(&p);
	return rc;
}

int pw_run(struct viz *v, int argc, char **argv)
{
	char rel[128], path[4096];
	struct osedu_doc d;
	int rc;

	if (argc != 2 || !argv[1][0] || strchr(argv[1], '/') ||
	    !strcmp(argv[1], ".") || !strcmp(argv[1], "..") ||
	    strlen(argv[1]) > 64) {
		viz_err("usage: visualize pagewalk PID (a process id, or self)");
		return 2;
	}
	snprintf(rel, sizeof(rel), "pagewalk/%s", argv[1]);
	if (viz_doc_load(v, &d, rel, "osedu_pagewalk"))
		return 1;
	snprintf(path, sizeof(path), "%s/%s", v->root, rel);
	rc = pw_doc(v, &d, path, NULL);
	osedu_doc_free(&d);
	return rc;
}

/* The pagewalk/<pid> document, then after a NUL byte the query's answers. */
static int pw_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	const uint8_t *nul = memchr(data, '\0', len);
	size_t n = nul ? (size_t)(nul - data) : len;
	struct osedu_doc d;
	char *query = NULL;
	int rc;

	if (nul) {
		query = strndup((const char *)nul + 1, len - n - 1);
		if (!query)
			return 1;
	}
	if (viz_doc_parse_mem(&d, "fuzz", data, n)) {
		free(query);
		return 1;
	}
	/* No answers: an empty query, never the live file. */
	rc = pw_doc(v, &d, "fuzz", query ? query : "");
	osedu_doc_free(&d);
	free(query);
	return rc;
}

const struct viz_view viz_view_pagewalk = {
	.name = "pagewalk",
	.usage = "pagewalk PID|self",
	.summary = "a process's address space and page-table walks",
	.run = pw_run,
	.fuzz = pw_fuzz,
};
