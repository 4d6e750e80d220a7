// SPDX-License-Identifier: GPL-2.0
/*
 * visualize pagewalk, on a terminal: the address-space map and the
 * worked translations.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "pagewalk.h"

/* ------------------------------------------------------------------ */
/* Text */

static void text_header(const struct viz *v, const struct pw *p)
{
	char title[256];

	snprintf(title, sizeof(title),
		 viz_tr(v, "Address space of process %s (%s)",
			"프로세스 %s (%s)의 주소 공간"),
		 p->pid, p->comm ? p->comm : "?");
	viz_heading(v, title, title);
}

static void text_map(const struct viz *v, const struct pw *p)
{
	char size[32], gap[32];
	int cell[PW_CELLS];
	FILE *f = v->out;

	fprintf(f, viz_tr(v, "%d-level paging, ", "%d단계 페이징, "),
		p->levels);
	fprintf(f, viz_tr(v, "%" PRIu64 "-byte pages; ",
			  "페이지 크기 %" PRIu64 " 바이트; "), p->page_size);
	fprintf(f, viz_tr(v, "%" PRIu64 " pages mapped: %" PRIu64 " present, %" PRIu64 " not present, %" PRIu64 " swapped out.\n",
			  "매핑된 페이지 %" PRIu64 "개: 메모리에 있음 %" PRIu64 ", 없음 %" PRIu64 ", 스왑 %" PRIu64 ".\n"),
		p->mapped, p->present, p->not_present, p->swapped);
	fprintf(f, viz_tr(v, "Page faults so far: %" PRIu64 " minor, %" PRIu64 " major.\n",
			  "지금까지의 페이지 폴트: minor %" PRIu64 ", major %" PRIu64 ".\n"),
		p->min_flt, p->maj_flt);
	fprintf(f, "\n%s%s%s\n", viz_c(v, VIZ_DIM),
		viz_tr(v, "  high addresses", "  높은 주소"),
		viz_c(v, VIZ_RESET));
	for (size_t i = p->nvma; i--;) {
		const struct pw_vma *m = &p->vma[i];
		const struct pw_kind *k = kind(m->label);
		int n = bar(p, m, cell);

		if (i + 1 == p->nvma || p->vma[i + 1].start != m->end)
			fprintf(f, "  0x%016" PRIx64 " ┌───────────────────────┐\n",
				m->end);
		human(size, sizeof(size), m->end - m->start);
		fprintf(f, "  %18s │ %s%-6.6s%s %-4s %9s │ ", "",
			viz_c(v, k->color), m->label, viz_c(v, VIZ_RESET),
			m->perms, size);
		for (int c = 0; c < n; c++) {
			static const char *const g[] = { "·", "▒", "█", "s" };
			static const enum viz_color gc[] = {
				VIZ_DIM, VIZ_GREEN, VIZ_GREEN, VIZ_YELLOW };

			fprintf(f, "%s%s%s", viz_c(v, gc[cell[c]]),
				g[cell[c]], viz_c(v, VIZ_RESET));
		}
		fprintf(f, "%*s %" PRIu64 "/%" PRIu64, PW_CELLS - n, "",
			m->in_ram, (m->end - m->start) / p->page_size);
		if (*m->path && strcmp(m->path, "-"))
			fprintf(f, " %s", m->path);
		fputc('\n', f);
		if (i && p->vma[i - 1].end == m->start) {
			fprintf(f, "  0x%016" PRIx64 " ├───────────────────────┤\n",
				m->start);
			continue;
		}
		fprintf(f, "  0x%016" PRIx64 " └───────────────────────┘\n",
			m->start);
		if (i) {
			human(gap, sizeof(gap), m->start - p->vma[i - 1].end);
			fprintf(f, "  %18s %s   ⋮ %s %s%s\n", "",
				viz_c(v, VIZ_DIM),
				viz_tr(v, "hole, not mapped:", "빈 공간 (매핑 없음):"),
				gap, viz_c(v, VIZ_RESET));
		}
	}
	fprintf(f, "%s%s%s\n", viz_c(v, VIZ_DIM),
		viz_tr(v, "  low addresses", "  낮은 주소"), viz_c(v, VIZ_RESET));
	fprintf(f, "%s\n", viz_tr(v,
		"  bar: █ page in RAM  ▒ some pages in RAM  · not present  s swapped out; n/m = pages in RAM / pages in the region",
		"  막대: █ 메모리에 있음  ▒ 일부만 있음  · 없음(not present)  s 스왑됨; n/m = 메모리에 있는 페이지 / 영역의 페이지"));
}

/* The bits of VA from HI down to LO, as 0s and 1s. */
void bits(char *buf, uint64_t va, int hi, int lo)
{
	int n = 0;

	for (int b = hi; b >= lo; b--)
		buf[n++] = va >> b & 1 ? '1' : '0';
	buf[n] = '\0';
}

static void text_xlate(const struct viz *v, const struct pw *p,
		       const struct pw_xlate *x)
{
	char title[160], b[72];
	int field = 0, depth = 0, w;
	FILE *f = v->out;

	snprintf(title, sizeof(title),
		 viz_tr(v, "Translation of a %s address", "%s 주소의 변환"),
		 x_label(v, x->label));
	viz_heading(v, title, title);
	if (x->none || !x->has_va) {
		fprintf(f, viz_tr(v,
			"No page of the %s region is in memory, so there is nothing to translate.\n",
			"%s 영역의 페이지가 하나도 메모리에 없어 변환할 것이 없습니다.\n"),
			x_label(v, x->label));
		return;
	}
	fprintf(f, "%s 0x%016" PRIx64 "   %s%s\n",
		viz_tr(v, "virtual address", "가상 주소"), x->va,
		x->in_vma ? viz_tr(v, "in ", "영역 ") : "",
		x->in_vma ? x->in_vma : "");

	/* The bit fields: one column per level that indexes, then offset. */
	fprintf(f, "  %-8s", viz_tr(v, "bits", "비트"));
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded)
			continue;
		w = s->hi - s->lo + 1;
		snprintf(title, sizeof(title), "%d-%d", s->hi, s->lo);
		fprintf(f, "%s%-*s%s ", viz_c(v, field_color[field % 6]),
			w, title, viz_c(v, VIZ_RESET));
		field++;
	}
	if (x->has_offset) {
		snprintf(title, sizeof(title), "%d-0", x->off_bits - 1);
		fprintf(f, "%s%s%s", viz_c(v, VIZ_BLUE), title,
			viz_c(v, VIZ_RESET));
	}
	fprintf(f, "\n  %-8s", viz_tr(v, "binary", "2진수"));
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded)
			continue;
		bits(b, x->va, s->hi, s->lo);
		fprintf(f, "%s%s%s ", viz_c(v, field_color[field % 6]), b,
			viz_c(v, VIZ_RESET));
		field++;
	}
	if (x->has_offset) {
		bits(b, x->va, x->off_bits - 1, 0);
		fprintf(f, "%s%s%s", viz_c(v, VIZ_BLUE), b,
			viz_c(v, VIZ_RESET));
	}
	fprintf(f, "\n  %-8s", viz_tr(v, "meaning", "의미"));
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		if (s->folded)
			continue;
		snprintf(title, sizeof(title), "%s[%u]", level_name(s->level),
			 s->index);
		fprintf(f, "%s%-*s%s ", viz_c(v, field_color[field % 6]),
			s->hi - s->lo + 1, title, viz_c(v, VIZ_RESET));
		field++;
	}
	if (x->has_offset)
		fprintf(f, "%s%s 0x%" PRIx64 "%s", viz_c(v, VIZ_BLUE),
			viz_tr(v, "offset", "변위"), x->offset,
			viz_c(v, VIZ_RESET));
	fputc('\n', f);

	/* The walk: one table per level, each entry pointing at the next. */
	fprintf(f, "\n  %s %s\n", arm64_flags(p) ? "TTBR0_EL1" : "CR3",
		viz_tr(v,
		"(the CPU register holding this process's top table)",
		"(이 프로세스의 최상위 페이지 테이블을 가리키는 CPU 레지스터)"));
	field = 0;
	for (int i = 0; i < x->nstep; i++) {
		const struct pw_step *s = &x->step[i];

		fprintf(f, "  %*s└─► ", depth * 3, "");
		if (s->folded) {
			fprintf(f, "%s%s%s\n", viz_c(v, VIZ_DIM), viz_tr(v,
				"P4D: folded into the PGD (4-level paging has no separate P4D table)",
				"P4D: PGD에 합쳐짐 (4단계 페이징에는 P4D 테이블이 따로 없음)"),
				viz_c(v, VIZ_RESET));
			continue;
		}
		snprintf(title, sizeof(title), "%s[%u]", level_name(s->level),
			 s->index);
		fprintf(f, "%s%-9s%s %s 0x%016" PRIx64 "  %s\n",
			viz_c(v, field_color[field % 6]), title,
			viz_c(v, VIZ_RESET), viz_tr(v, "entry", "엔트리"),
			s->entry, s->decoded);
		field++;
		depth++;
	}
	fprintf(f, "  %*s└─► ", depth * 3, "");
	if (x->state && strcmp(x->state, "present") &&
	    strcmp(x->state, "protnone")) {
		fprintf(f, viz_tr(v,
			"%s: no frame. An access is a page fault, and the kernel brings the page in.\n",
			"%s: 프레임 없음. 접근하면 페이지 폴트가 나고 커널이 페이지를 가져옵니다.\n"),
			x->state);
	} else if (x->has_pfn && x->has_phys && !x->pfn && !x->phys) {
		fprintf(f, viz_tr(v,
			"%s (%s): frame hidden (0x0): only root sees physical addresses\n",
			"%s (%s): 프레임 숨김 (0x0): 물리 주소는 root만 볼 수 있음\n"),
			x->leaf && !strcmp(x->leaf, "pte") ?
				viz_tr(v, "page", "페이지") :
				viz_tr(v, "huge page", "큰 페이지"),
			x->flags ? x->flags : "");
	} else if (x->has_pfn && x->has_phys) {
		fprintf(f, viz_tr(v,
			"%s (%s): frame 0x%" PRIx64 " x %" PRIu64 " + offset 0x%" PRIx64 " = physical address %s0x%016" PRIx64 "%s\n",
			"%s (%s): 프레임 0x%" PRIx64 " x %" PRIu64 " + 변위 0x%" PRIx64 " = 물리 주소 %s0x%016" PRIx64 "%s\n"),
			x->leaf && !strcmp(x->leaf, "pte") ?
				viz_tr(v, "page", "페이지") :
				viz_tr(v, "huge page", "큰 페이지"),
			x->flags ? x->flags : "",
			x->pfn, p->page_size, x->offset,
			viz_c(v, VIZ_BOLD), x->phys, viz_c(v, VIZ_RESET));
	} else {
		fprintf(f, "%s\n", x->state ? x->state : "?");
	}
}

void text_render(const struct viz *v, const struct pw *p,
		 const struct pw_pages *m)
{
	text_header(v, p);
	if (p->mm) {
		fprintf(v->out, "%s\nmm: %s\n", viz_tr(v,
			"This process has no user address space.",
			"이 프로세스에는 사용자 주소 공간이 없습니다."), p->mm);
		viz_explain(v,
			"Kernel threads run only in the kernel's part of memory and borrow the page tables of whatever ran before them; a zombie has already given its memory back. Pick a user process (a pid from ps) instead.",
			"커널 스레드는 커널 영역에서만 실행되고 직전에 실행된 프로세스의 페이지 테이블을 빌려 씁니다. 좀비 프로세스는 이미 메모리를 반납했습니다. ps로 사용자 프로세스의 pid를 골라 보세요.");
		return;
	}
	viz_explain(v,
		"Every process sees its own virtual address space. Each box is one region of it (a VMA), drawn like the lecture's picture: high addresses on top, the stack near the top growing down, the heap above the data growing up, the code (text) at the bottom. The gaps are holes: no mapping at all, so an access there is a segmentation fault. Not to scale.",
		"모든 프로세스는 자신만의 가상 주소 공간을 봅니다. 상자 하나가 그 공간의 영역(VMA) 하나이며, 강의의 프로세스 구조 그림처럼 위가 높은 주소입니다: 스택은 위쪽에서 아래로 자라고, 힙은 데이터 위에서 위로 자라며, 코드(text)는 맨 아래에 있습니다. 상자 사이의 틈은 매핑이 없는 빈 공간이라 접근하면 segmentation fault가 납니다. 크기 비율은 실제와 다릅니다.");
	text_map(v, p);
	viz_explain(v,
		"Region names: text = the program's code; data = its initialised globals (r--p: the part made read-only after loading); bss = uninitialised globals (zero-filled); heap = malloc's memory, grown with brk; stack = the main thread's stack; anon = other anonymous memory (large mallocs, mmap, thread stacks); file = other parts of a mapped file (headers, shared libraries); shm = shared memory; vdso/vvar = code and data the kernel maps into every process; guard = PROT_NONE, any access faults.",
		"영역 이름: text = 프로그램의 코드; data = 초기화된 전역 변수(r--p는 적재 후 읽기 전용이 된 부분); bss = 초기화되지 않은 전역 변수(0으로 채워짐); heap = malloc이 쓰는 힙, brk로 늘어남; stack = 메인 스레드의 스택; anon = 그 밖의 익명 메모리(큰 malloc, mmap, 스레드 스택); file = 매핑된 파일의 다른 부분(헤더, 공유 라이브러리); shm = 공유 메모리; vdso/vvar = 커널이 모든 프로세스에 매핑하는 코드와 데이터; guard = PROT_NONE, 접근하면 폴트.");
	viz_explain(v,
		"Only some pages of each region are in physical memory (present). The others were never touched: demand paging gives them a frame at the first access, through a page fault. That is why far fewer pages are present than mapped.",
		"각 영역의 페이지 중 일부만 물리 메모리에 있습니다(present). 나머지는 아직 한 번도 접근하지 않은 페이지로, 요구 페이징(demand paging)에 따라 처음 접근할 때 페이지 폴트를 거쳐 프레임을 받습니다. 그래서 매핑된 페이지보다 메모리에 있는 페이지가 훨씬 적습니다.");
	pm_text(v, p, m);
	if (!p->nx)
		return;
	viz_heading(v, "Page-table walks", "페이지 테이블 변환 과정");
	viz_explain(v,
		"The MMU translates a virtual address by cutting it into fields: one 9-bit index per page-table level (512 entries per table) and the offset within the page. The entry at each index holds the physical frame of the next table; the last one (the leaf) holds the page's frame, and physical address = frame x page size + offset (the lecture's p' + d). Levels that would only map empty space are never allocated: that is how multi-level tables save memory.",
		"MMU는 가상 주소를 여러 필드로 잘라 변환합니다: 페이지 테이블 단계마다 9비트 인덱스 하나(테이블당 엔트리 512개)와 페이지 안의 변위(offset)입니다. 각 인덱스의 엔트리에는 다음 테이블의 물리 프레임이 들어 있고, 마지막 엔트리(leaf)에는 페이지의 프레임이 들어 있어 물리 주소 = 프레임 x 페이지 크기 + 변위입니다(강의의 p' + d). 빈 공간만 가리킬 하위 테이블은 아예 만들지 않으므로 다단계 페이지 테이블이 메모리를 절약합니다.");
	viz_explain(v,
		"The bits decoded in each entry: present (the lecture's valid-invalid bit), rw (writable; without it a write faults, which is how copy-on-write and read-only code work), user (user mode may use it), accessed and dirty (the reference and modify bits page replacement reads), nx (not executable).",
		"각 엔트리에서 해석한 비트: present(강의의 valid-invalid 비트), rw(쓰기 가능; 없으면 쓰기 시 폴트가 나며 copy-on-write와 읽기 전용 코드가 이렇게 동작), user(사용자 모드에서 사용 가능), accessed와 dirty(페이지 교체가 보는 참조 비트와 변경 비트), nx(실행 불가).");
	if (arm64_flags(p))
		viz_explain(v,
			"This is arm64: its descriptors name the same ideas differently. AF is the reference bit (accessed); there is no hardware dirty bit: a clean writable page is read-only (AP[2]) with DBM set, and the first write clears AP[2], so dirty = DBM and AP[2] clear. ng: tagged with the process's ASID (every user page); pxn/uxn: not executable in the kernel / in user mode; cont: one TLB entry for 16 neighbouring entries; attr: the memory type (MAIR_EL1 index).",
			"이것은 arm64입니다: 디스크립터가 같은 개념을 다른 이름으로 부릅니다. AF가 참조 비트(accessed)입니다. 하드웨어 dirty 비트는 없습니다: 깨끗한 쓰기 가능 페이지는 읽기 전용(AP[2])에 DBM이 켜져 있고 첫 쓰기가 AP[2]를 지우므로 dirty = DBM이면서 AP[2]가 꺼진 상태입니다. ng: 프로세스의 ASID로 태그됨(모든 사용자 페이지), pxn/uxn: 커널/사용자 모드에서 실행 불가, cont: 이웃한 16개 엔트리를 TLB 엔트리 하나로, attr: 메모리 종류(MAIR_EL1 인덱스).");
	if (frames_hidden(p))
		viz_explain(v,
			"Frames read 0x0 here: only root (CAP_SYS_ADMIN) may see physical addresses.",
			"여기서는 프레임이 0x0으로 보입니다: 물리 주소는 root(CAP_SYS_ADMIN)만 볼 수 있습니다.");
	for (int i = 0; i < p->nx; i++)
		text_xlate(v, p, &p->x[i]);
}
