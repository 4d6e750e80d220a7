// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk, as SVG: the address-space map beside the present-
 * pages bars, and each translation as a walk down the levels.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "pagewalk.h"

/* ------------------------------------------------------------------ */
/* SVG */

#define MAP_X		150.0
#define MAP_W		150.0
#define BAR_X		310.0
#define BOX_H		34.0
#define GAP_H		22.0
#define XL_X		560.0
#define XL_H		250.0
#define SVG_W		1080

static double svg_map_height(const struct pw *p)
{
	double h = 0;

	for (size_t i = 0; i < p->nvma; i++) {
		h += BOX_H;
		if (i && p->vma[i - 1].end != p->vma[i].start)
			h += GAP_H;
	}
	return h;
}

static void svg_map(const struct viz *v, const struct pw *p, double y)
{
	char size[32], gap[32];
	int cell[PW_CELLS];
	FILE *f = v->out;

	svg_text(f, 20, y - 28, "start", "title", "%s",
		 viz_tr(v, "Virtual address space", "가상 주소 공간"));
	svg_text(f, MAP_X + MAP_W / 2, y - 8, "middle", "dim small", "%s",
		 viz_tr(v, "high addresses", "높은 주소"));
	for (size_t i = p->nvma; i--;) {
		const struct pw_vma *m = &p->vma[i];
		const struct pw_kind *k = kind(m->label);
		uint64_t pages = (m->end - m->start) / p->page_size;
		int n = bar(p, m, cell);
		double cw = n ? (SVG_W / 2.0 - 40 - BAR_X - 60) / n : 0;

		human(size, sizeof(size), m->end - m->start);
		svg_rect(f, MAP_X, y, MAP_W, BOX_H, k->fill, NULL);
		svg_text(f, MAP_X + 6, y + 14, "start", NULL, "%s",
			 viz_tr(v, k->label, x_label(v, m->label)));
		svg_text(f, MAP_X + MAP_W - 6, y + 14, "end", "mono small",
			 "%s", m->perms);
		svg_text(f, MAP_X + 6, y + 28, "start", "small", "%s", size);
		svg_text(f, MAP_X - 6, y + 10, "end", "mono small",
			 "0x%" PRIx64, m->end);
		if (!i || p->vma[i - 1].end != m->start)
			svg_text(f, MAP_X - 6, y + BOX_H, "end", "mono small",
				 "0x%" PRIx64, m->start);
		for (int c = 0; c < n; c++) {
			static const char *const fill[] = {
				"#ffffff", "#9fd89f", "#2f9e44", "#f59f00" };

			svg_rect(f, BAR_X + c * cw, y + 4, cw, 14,
				 fill[cell[c]], NULL);
		}
		svg_text(f, BAR_X, y + 30, "start", "small dim",
			 "%" PRIu64 "/%" PRIu64 " %s", m->in_ram, pages,
			 strcmp(m->path, "-") ? m->path : "");
		y += BOX_H;
		if (i && p->vma[i - 1].end != m->start) {
			human(gap, sizeof(gap), m->start - p->vma[i - 1].end);
			svg_text(f, MAP_X + MAP_W / 2, y + 15, "middle",
				 "dim small", "⋮ %s %s",
				 viz_tr(v, "hole", "빈 공간"), gap);
			y += GAP_H;
		}
	}
	svg_text(f, MAP_X + MAP_W / 2, y + 14, "middle", "dim small", "%s",
		 viz_tr(v, "low addresses", "낮은 주소"));
	y += 34;
	svg_rect(f, 20, y, 12, 12, "#2f9e44", NULL);
	svg_text(f, 36, y + 10, "start", "small", "%s",
		 viz_tr(v, "in RAM", "메모리에 있음"));
	svg_rect(f, 130, y, 12, 12, "#9fd89f", NULL);
	svg_text(f, 146, y + 10, "start", "small", "%s",
		 viz_tr(v, "partly", "일부"));
	svg_rect(f, 200, y, 12, 12, "#ffffff", NULL);
	svg_text(f, 216, y + 10, "start", "small", "%s",
		 viz_tr(v, "not present", "없음"));
	svg_rect(f, 300, y, 12, 12, "#f59f00", NULL);
	svg_text(f, 316, y + 10, "start", "small", "%s",
		 viz_tr(v, "swapped", "스왑됨"));
}

/* The walk's staircase: each table one step right, its entry after it. */
#define STEP_DX		16
#define ENTRY_DX	68

/* The narrowest bit field drawn, in bits: room for "PGD 47-47". */
#define MIN_BITS	7

static void svg_xlate(const struct viz *v, const struct pw *p,
		      const struct pw_xlate *x, double y)
{
	const double fw = (SVG_W - XL_X - 20) / 64.0;	/* px per bit */
	double bx, cx, cy, sign_w = 0;
	int field = 0, top = 0;
	FILE *f = v->out;

	svg_text(f, XL_X, y, "start", "title", viz_tr(v,
		 "Translation of a %s address", "%s 주소의 변환"),
		 x_label(v, x->label));
	if (x->none || !x->has_va) {
		svg_text(f, XL_X, y + 20, "start", NULL, "%s", viz_tr(v,
			 "no page of this region is in memory",
			 "이 영역의 페이지가 메모리에 없음"));
		return;
	}
	svg_text(f, XL_X, y + 18, "start", "mono", "%s 0x%016" PRIx64,
		 viz_tr(v, "virtual address", "가상 주소"), x->va);
	/*
	 * Bit fields, widths proportional to their bits, 63 on the left. A
	 * field too narrow for its label (the 1-bit top level of 16K pages
	 * with 48-bit addresses) gets MIN_BITS' width, taken from the unused
	 * high bits on the left.
	 */
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded)
			continue;
		if (s->hi > top)
			top = s->hi;
		if (s->hi - s->lo + 1 < MIN_BITS)
			sign_w -= (MIN_BITS - (s->hi - s->lo + 1)) * fw;
	}
	sign_w += (63 - top) * fw;
	bx = XL_X;
	if (top < 63 && sign_w > 0) {
		svg_rect(f, bx, y + 26, sign_w, 34, "#eeeeee", NULL);
		svg_text(f, bx + sign_w / 2, y + 47, "middle",
			 "small dim", "%s", viz_tr(v, "sign", "부호"));
		bx += sign_w;
	}
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];
		int nb = s->hi - s->lo + 1;
		double w = (nb < MIN_BITS ? MIN_BITS : nb) * fw;

		if (s->folded)
			continue;
		svg_rect(f, bx, y + 26, w, 34, field_fill[field % 6], NULL);
		svg_text(f, bx + w / 2, y + 40, "middle", "small", "%s %d-%d",
			 level_name(s->level), s->hi, s->lo);
		svg_text(f, bx + w / 2, y + 55, "middle", "mono", "%u",
			 s->index);
		bx += w;
		field++;
	}
	if (x->has_offset) {
		double w = x->off_bits * fw;

		svg_rect(f, bx, y + 26, w, 34, field_fill[5], NULL);
		svg_text(f, bx + w / 2, y + 40, "middle", "small", "%s %d-0",
			 viz_tr(v, "offset", "변위"), x->off_bits - 1);
		svg_text(f, bx + w / 2, y + 55, "middle", "mono",
			 "0x%" PRIx64, x->offset);
	}
	/* The walk as a staircase of tables. */
	cx = XL_X;
	cy = y + 72;
	svg_text(f, cx, cy + 12, "start", "small", "%s",
		 arm64_flags(p) ? "TTBR0_EL1" : "CR3");
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded) {
			/* Right of the register's name, whichever it is. */
			svg_text(f, XL_X + (arm64_flags(p) ? 80 : 40), y + 84,
				 "start", "small dim",
				 viz_tr(v,
				 "(%d-level paging: P4D folded into PGD)",
				 "(%d단계 페이징: P4D는 PGD에 합쳐짐)"),
				 p->levels);
			continue;
		}
		cx += STEP_DX;
		cy += 22;
		svg_line(f, cx - 10, cy - 8, cx - 10, cy + 7, "#555");
		svg_line(f, cx - 10, cy + 7, cx, cy + 7, "#555");
		svg_rect(f, cx, cy, 62, 16, field_fill[field % 6], NULL);
		svg_text(f, cx + 31, cy + 12, "middle", "small mono",
			 "%s[%u]", level_name(s->level), s->index);
		svg_text(f, cx + ENTRY_DX, cy + 12, "start", "small mono",
			 "0x%016" PRIx64 " %s", s->entry, s->decoded);
		field++;
	}
	cx += STEP_DX;
	cy += 22;
	svg_line(f, cx - 10, cy - 8, cx - 10, cy + 7, "#555");
	svg_line(f, cx - 10, cy + 7, cx, cy + 7, "#555");
	if (x->has_pfn && x->has_phys && !x->pfn && !x->phys)
		svg_text(f, cx, cy + 12, "start", "small", "%s", viz_tr(v,
			 "frame hidden (0x0): only root sees physical addresses",
			 "프레임 숨김 (0x0): 물리 주소는 root만 볼 수 있음"));
	else if (x->has_pfn && x->has_phys)
		svg_text(f, cx, cy + 12, "start", "small", viz_tr(v,
			 "frame 0x%" PRIx64 " x %" PRIu64 " + 0x%" PRIx64 " = physical 0x%" PRIx64,
			 "프레임 0x%" PRIx64 " x %" PRIu64 " + 0x%" PRIx64 " = 물리 주소 0x%" PRIx64),
			 x->pfn, p->page_size, x->offset, x->phys);
	else
		svg_text(f, cx, cy + 12, "start", "small", "%s: %s",
			 viz_tr(v, "not present", "메모리에 없음"),
			 x->state ? x->state : "?");
}

/*
 * A class "small mono" character (10px DejaVu Sans Mono advances 0.602 em)
 * with a little to spare for other monospace fonts.
 */
#define MONO_SMALL_W	6.2

/*
 * The picture's width: SVG_W, or wider where a walk's entry line would
 * run past the edge (arm64's descriptors decode to more flags than x86's:
 * "attr=0(normal) ap=01 af ng dbm pxn uxn").
 */
static int svg_width(const struct pw *p)
{
	double w = SVG_W;

	for (int i = 0; i < p->nx; i++) {
		const struct pw_xlate *x = &p->x[i];
		int depth = 0;

		for (int k = 0; k < x->nstep; k++) {
			const struct pw_step *s = &x->step[k];
			double r;

			if (s->folded)
				continue;
			depth++;
			/* svg_xlate's entry line: "0x%016x %s". */
			r = XL_X + STEP_DX * depth + ENTRY_DX + MONO_SMALL_W *
			    (19 + strlen(s->decoded ? s->decoded : ""));
			if (r + 20 > w)
				w = r + 20;
		}
	}
	return (int)w;
}

void svg_render(const struct viz *v, const struct pw *p,
		const struct pw_pages *m)
{
	double mh = p->mm ? 40 : svg_map_height(p) + 110;
	double xh = p->nx * XL_H + 60;
	double top = (mh > xh ? mh : xh) + 20;
	int h = (int)(top + (p->mm ? 0 : pm_svg_height(m)));
	char title[256];

	snprintf(title, sizeof(title), viz_tr(v,
		 "Address space of process %s (%s)",
		 "프로세스 %s (%s)의 주소 공간"), p->pid,
		 p->comm ? p->comm : "?");
	svg_begin(v->out, p->mm ? SVG_W : svg_width(p), h, title);
	if (p->mm) {
		svg_text(v->out, 20, 30, "start", "title", "%s", title);
		svg_text(v->out, 20, 50, "start", NULL, "%s", p->mm);
		svg_end(v->out);
		return;
	}
	svg_map(v, p, 60);
	for (int i = 0; i < p->nx; i++)
		svg_xlate(v, p, &p->x[i], 40 + i * XL_H);
	pm_svg(v, p, m, top + 10);
	svg_end(v->out);
}
