// SPDX-License-Identifier: GPL-2.0
/*
 * visualize idt, drawn: the gates by kind as text, a 16 x 16 SVG grid and
 * an HTML page, each with the system-call entry paths (idt.c parses).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "idt.h"
#include "markup.h"

static const char *const kind_en[] = {
	"CPU exceptions (vectors 0-31)", "System call gate (int 0x80)",
	"APIC and IPI system vectors", "Unused system vectors",
	"Device interrupts (IRQs)" };
static const char *const kind_ko[] = {
	"CPU 예외 (벡터 0-31)", "시스템 콜 게이트 (int 0x80)",
	"APIC와 IPI 시스템 벡터", "사용하지 않는 시스템 벡터",
	"장치 인터럽트 (IRQ)" };
static const char *const kind_fill[] = { "#f4a6a6", "#ffd43b", "#a9c4f5",
					 "#e7ecf5", "#b8e0a8" };
static const enum viz_color kind_color[] = { VIZ_RED, VIZ_YELLOW, VIZ_BLUE,
					      VIZ_DIM, VIZ_GREEN };

static const char *sys(const struct idt *t, const char *key)
{
	const char *s = osedu_doc_get(&t->syscall, key);

	return s ? s : "?";
}

/* ------------------------------------------------------------------ */
/* Text */

static void text_gate(const struct viz *v, const struct idt_gate *g)
{
	const struct idt_desc *ds = idt_desc_of(g->name);
	FILE *f = v->out;
	char cnt[32] = "";

	if (g->counted)
		snprintf(cnt, sizeof(cnt), "%" PRIu64, g->count);
	fprintf(f, "  %s0x%02x %-24.24s %s%s%s %3d %-10s %-40.40s%s %s%s\n",
		g->dpl == 3 ? viz_c(v, VIZ_BOLD) : "", g->vec, g->name,
		g->dpl == 3 ? viz_c(v, VIZ_YELLOW) : "",
		g->dpl == 3 ? "3" : "0", g->dpl == 3 ? viz_c(v, VIZ_RESET) : "",
		g->ist, cnt,
		ds ? viz_tr(v, ds->en, ds->ko) : "",
		viz_c(v, VIZ_DIM), g->present ? g->handler : "-",
		viz_c(v, VIZ_RESET));
	if (g->dpl == 3)
		fprintf(f, "       %s%s%s\n", viz_c(v, VIZ_YELLOW), viz_tr(v,
			"^ DPL 3: user code may raise it with an int instruction",
			"^ DPL 3: 사용자 코드가 int 명령으로 일으킬 수 있음"),
			viz_c(v, VIZ_RESET));
}

static void text_group_head(const struct viz *v, enum idt_kind k, int n)
{
	fprintf(v->out, "\n%s%s%s (%d)\n", viz_c(v, kind_color[k]),
		viz_tr(v, kind_en[k], kind_ko[k]), viz_c(v, VIZ_RESET), n);
	fprintf(v->out, "  %s%-4s %-24s %s %3s %-10s %-40s %s%s\n",
		viz_c(v, VIZ_DIM), viz_tr(v, "vec", "벡터"),
		viz_tr(v, "name", "이름"), "dpl", "ist",
		viz_tr(v, "count", "횟수"), viz_tr(v, "meaning", "의미"),
		viz_tr(v, "handler", "핸들러"), viz_c(v, VIZ_RESET));
}

/* S left-aligned in W terminal columns (Hangul is two wide), then a space. */
static void pad(FILE *f, const char *s, size_t w)
{
	size_t n = viz_width(s);

	fputs(s, f);
	do
		fputc(' ', f);
	while (++n < w + 1);
}

static void text_paths(const struct viz *v, const struct idt *t)
{
	FILE *f = v->out;
	char via[96];

	viz_heading(v, "System call entry paths", "시스템 콜 진입 경로");
	viz_explain(v,
		"The lecture shows a system call as an interrupt: int $0x80 looks up gate 0x80 of the IDT, whose DPL 3 lets user code in, and the CPU switches to kernel mode (ring 0) at its handler. 64-bit programs use the faster syscall instruction instead: it skips the IDT and jumps to the address the kernel wrote into the MSR LSTAR register at boot. Either way the CPU enters the kernel only at an address the kernel chose.",
		"강의에서는 시스템 콜을 인터럽트로 설명합니다: int $0x80은 IDT의 0x80번 게이트를 찾고, 그 DPL이 3이라 사용자 코드가 들어갈 수 있으며, CPU는 커널 모드(ring 0)로 바뀌어 핸들러를 실행합니다. 64비트 프로그램은 더 빠른 syscall 명령을 씁니다: IDT를 거치지 않고 커널이 부팅 때 MSR LSTAR 레지스터에 적어 둔 주소로 바로 점프합니다. 어느 쪽이든 CPU는 커널이 정한 주소로만 커널에 들어갑니다.");
	fprintf(f, "\n  %s", viz_c(v, VIZ_DIM));
	pad(f, viz_tr(v, "user mode (ring 3)", "사용자 모드 (ring 3)"), 28);
	pad(f, viz_tr(v, "looked up in", "찾는 곳"), 38);
	fprintf(f, "%s%s\n", viz_tr(v, "kernel mode (ring 0)",
				    "커널 모드 (ring 0)"), viz_c(v, VIZ_RESET));
	snprintf(via, sizeof(via), "MSR LSTAR (%s)", sys(t, "lstar_msr"));
	fputs("  ", f);
	pad(f, viz_tr(v, "syscall (64-bit)", "syscall (64비트)"), 24);
	fprintf(f, "──► %-34s ──► %s%s%s (CS %s, CPL %s)\n", via,
		viz_c(v, VIZ_BOLD), sys(t, "lstar_handler"),
		viz_c(v, VIZ_RESET), sys(t, "syscall_kernel_cs"),
		sys(t, "syscall_cpl"));
	snprintf(via, sizeof(via), "IDT[%s], DPL %s", sys(t, "int80_vector"),
		 sys(t, "int80_dpl"));
	fputs("  ", f);
	pad(f, "int $0x80", 24);
	fprintf(f, "──► %s%-34s%s ──► %s%s%s (CS %s, CPL %s)\n",
		viz_c(v, VIZ_YELLOW), via, viz_c(v, VIZ_RESET),
		viz_c(v, VIZ_BOLD), sys(t, "int80_handler"),
		viz_c(v, VIZ_RESET), sys(t, "int80_selector"),
		sys(t, "int80_cpl"));
	snprintf(via, sizeof(via), "MSR CSTAR (%s)", sys(t, "cstar_msr"));
	fputs("  ", f);
	pad(f, viz_tr(v, "syscall (32-bit code)", "syscall (32비트 코드)"), 24);
	fprintf(f, "──► %-34s ──► %s\n", via, sys(t, "cstar_handler"));
	snprintf(via, sizeof(via), "MSR SYSENTER_EIP (%s)",
		 sys(t, "sysenter_eip_msr"));
	fputs("  ", f);
	pad(f, viz_tr(v, "sysenter (32-bit code)", "sysenter (32비트 코드)"),
	    24);
	fprintf(f, "──► %-34s ──► %s\n", via, sys(t, "sysenter_eip_handler"));
	fprintf(f, viz_tr(v,
		"\n  32-bit (IA32) emulation: %s; FRED: %s. sysret returns to user CS %s.\n",
		"\n  32비트(IA32) 에뮬레이션: %s; FRED: %s. sysret은 사용자 CS %s로 돌아갑니다.\n"),
		sys(t, "ia32_emulation"), sys(t, "fred"),
		sys(t, "sysret_user_cs64"));
}

/*
 * What the view's fred value means for this lecture: on a CPU with FRED
 * and a kernel that turns it on (Debian's 7.3 does by default; upstream
 * 6.9 to 6.12 only with fred=on; Debian's 6.12 has no CONFIG_X86_FRED),
 * events do not go through the IDT at all.
 */
static void explain_fred(const struct viz *v, const char *fred)
{
	if (!fred)
		return;
	if (!strcmp(fred, "enabled"))
		viz_explain(v,
			"FRED is on. This CPU has FRED (Flexible Return and Event Delivery) and this kernel enabled it, as newer kernels (Debian's 7.x) do by default: interrupts, exceptions and system calls now enter the kernel through two FRED entry points whose address is in an MSR, and the CPU never looks at the IDT below. Linux still fills the IDT, but on this machine the lecture's picture (vector -> IDT gate -> handler) is history: the vector is still there, delivered as part of the event.",
			"FRED가 켜져 있습니다. 이 CPU에는 FRED(Flexible Return and Event Delivery)가 있고, 새 커널(데비안의 7.x)은 기본으로 이를 켭니다: 인터럽트, 예외, 시스템 콜은 이제 MSR에 적힌 FRED 진입점 두 곳으로 커널에 들어가며, CPU는 아래의 IDT를 보지 않습니다. 리눅스는 IDT를 여전히 채우지만, 이 기계에서 강의의 그림(벡터 -> IDT 게이트 -> 핸들러)은 옛 방식입니다: 벡터 번호는 사건의 일부로 여전히 전달됩니다.");
	else if (!strcmp(fred, "supported_not_enabled") ||
		 !strcmp(fred, "not_enabled"))
		viz_explain(v,
			"FRED is not in use: the CPU has none, or the kernel keeps it off (Debian's 6.12 is built without it; upstream 6.9 to 6.12 enable it only when booted with fred=on). Events go through the IDT below, as in the lecture. Newer kernels such as Debian's 7.x enable FRED by default on CPUs that have it, and then the IDT is not used.",
			"FRED를 쓰지 않습니다: CPU에 없거나 커널이 끈 상태입니다 (데비안의 6.12는 FRED 없이 빌드되었고, 업스트림 6.9부터 6.12까지는 fred=on으로 부팅할 때만 켭니다). 사건은 강의에서처럼 아래 IDT를 거칩니다. 데비안의 7.x 같은 새 커널은 FRED가 있는 CPU에서 기본으로 켜며, 그때는 IDT가 쓰이지 않습니다.");
	else if (!strcmp(fred, "not_in_this_kernel"))
		viz_explain(v,
			"This kernel predates FRED (6.9): every interrupt, exception and int $0x80 goes through the IDT below. On a newer CPU with a 7.x kernel the IDT may not be used at all (FRED).",
			"이 커널은 FRED(6.9)보다 오래되었습니다: 모든 인터럽트, 예외, int $0x80이 아래 IDT를 거칩니다. FRED가 있는 새 CPU에서 7.x 커널을 쓰면 IDT가 아예 쓰이지 않을 수 있습니다.");
}

static void text_render(const struct viz *v, const struct idt *t)
{
	const char *fred = osedu_doc_get(&t->table, "fred");
	const char *agree = osedu_doc_get(&t->table, "all_cpus_agree");
	const char *idtr = osedu_doc_get(&t->table, "cpu0_idtr");
	FILE *f = v->out;
	int n[K_NKIND] = { 0 }, lo = -1, hi = -1;

	viz_heading(v, "Interrupt Descriptor Table (IDT)",
		    "인터럽트 디스크립터 테이블 (IDT)");
	viz_explain(v,
		"Every interrupt and exception has a number, its vector, and the IDT holds one gate per vector: the address of the kernel code that handles it. The kernel writes the IDT at boot into kernel memory, and each CPU's IDTR register points at it. When a timer ticks, a key is pressed or a program divides by zero, the CPU looks up the vector here and jumps to the handler in kernel mode.",
		"모든 인터럽트와 예외에는 번호(벡터)가 있고, IDT는 벡터마다 게이트 하나, 즉 그것을 처리할 커널 코드의 주소를 담고 있습니다. 운영체제가 부팅할 때 커널 영역에 IDT를 기록하고, 각 CPU의 IDTR 레지스터가 그것을 가리킵니다. 타이머가 울리거나 키를 누르거나 프로그램이 0으로 나누면 CPU는 여기서 벡터를 찾아 커널 모드로 핸들러에 점프합니다.");
	fprintf(f, viz_tr(v,
		"%d gates; CPU 0 IDTR: %s; all CPUs agree: %s; FRED: %s\n",
		"게이트 %d개; CPU 0 IDTR: %s; 모든 CPU 일치: %s; FRED: %s\n"),
		t->ngate, idtr ? idtr : "?", agree ? agree : "?",
		fred ? fred : "?");
	explain_fred(v, fred);
	for (int i = 0; i < t->ngate; i++)
		n[t->gate[i].kind]++;

	viz_explain(v,
		"DPL (descriptor privilege level) decides who may raise a vector with a software int n instruction: DPL 3 lets user programs in (int3 for debuggers, into, and int $0x80 for system calls); DPL 0 turns an int n from user mode into a general protection fault. Hardware interrupts and exceptions ignore it. IST is the separate kernel stack some exceptions switch to.",
		"DPL(디스크립터 특권 수준)은 소프트웨어 int n 명령으로 그 벡터를 일으킬 수 있는 주체를 정합니다: DPL 3은 사용자 프로그램을 허용하고(디버거의 int3, into, 시스템 콜의 int $0x80), DPL 0이면 사용자 모드의 int n은 일반 보호 예외가 됩니다. 하드웨어 인터럽트와 예외는 DPL과 상관없습니다. IST는 일부 예외가 전환하는 별도의 커널 스택입니다.");
	for (int k = K_EXC; k < K_NKIND; k++) {
		if (k == K_UNUSED || k == K_DEVICE)
			continue;
		text_group_head(v, k, n[k]);
		for (int i = 0; i < t->ngate; i++)
			if (t->gate[i].kind == (enum idt_kind)k)
				text_gate(v, &t->gate[i]);
	}
	for (int i = 0; i < t->ngate; i++) {
		if (t->gate[i].kind != K_DEVICE)
			continue;
		if (lo < 0)
			lo = t->gate[i].vec;
		hi = t->gate[i].vec;
	}
	fprintf(f, "\n%s%s%s (%d)\n", viz_c(v, VIZ_GREEN),
		viz_tr(v, kind_en[K_DEVICE], kind_ko[K_DEVICE]),
		viz_c(v, VIZ_RESET), n[K_DEVICE]);
	if (lo >= 0)
		fprintf(f, viz_tr(v,
			"  vectors 0x%02x-0x%02x are handed out to device IRQs; these are routed now:\n",
			"  벡터 0x%02x-0x%02x는 장치 IRQ에 배정됩니다; 지금 연결된 것:\n"),
			lo, hi);
	fprintf(f, "  %s%-4s %-5s %-12s %s%s\n", viz_c(v, VIZ_DIM),
		viz_tr(v, "vec", "벡터"), "irq", viz_tr(v, "count", "횟수"),
		viz_tr(v, "device", "장치"), viz_c(v, VIZ_RESET));
	for (int i = 0; i < t->nirq; i++)
		fprintf(f, "  0x%02x %5u %-12" PRIu64 " %s\n", t->irq[i].vec,
			t->irq[i].irq, t->irq[i].count, t->irq[i].name);
	if (n[K_UNUSED])
		fprintf(f, viz_tr(v,
			"\n%d more system vectors have no user in this kernel (handler spurious_entries_start).\n",
			"\n시스템 벡터 %d개는 이 커널에서 쓰지 않습니다 (핸들러 spurious_entries_start).\n"),
			n[K_UNUSED]);
	fprintf(f, viz_tr(v,
		"Counts are summed over %d CPUs since boot.\n",
		"횟수는 부팅 이후 CPU %d개의 합입니다.\n"), t->ncpu);
	text_paths(v, t);
}

/* ------------------------------------------------------------------ */
/* SVG: the 256 gates as a 16 x 16 grid, then the entry paths. */

#define CELL_W	58.0
#define CELL_H	30.0
#define GRID_X	50.0
#define GRID_Y	70.0

static const char *short_name(const struct idt_gate *g)
{
	static const struct { const char *n, *s; } sh[] = {
		{ "int80_syscall", "0x80" }, { "local_timer", "timer" },
		{ "ipi_reschedule", "resched" }, { "ipi_call_function", "call" },
		{ "ipi_call_function_single", "call1" },
		{ "ipi_reboot", "reboot" }, { "irq_work", "irqwork" },
		{ "platform_ipi", "platf" }, { "thermal", "therm" },
		{ "mce_threshold", "mce_thr" }, { "mce_deferred_error", "mce_def" },
		{ "apic_error", "apic_err" }, { "spurious", "spur" },
		{ "coproc_overrun", "cop_ovr" }, { "reserved_15", "rsvd" },
		{ "reserved", "rsvd" }, { "device", "dev" }, { "system", "-" },
		{ "hypervisor_callback", "hv_cb" },
		{ "kvm_posted_intr", "kvm_pi" },
		{ "kvm_posted_intr_wakeup", "kvm_wk" },
		{ "kvm_posted_intr_nested", "kvm_ne" },
		{ "managed_irq_shutdown", "mg_shut" },
		{ "hyperv_stimer0", "hv_st0" },
		{ "hyperv_reenlightenment", "hv_reen" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(sh); i++)
		if (!strcmp(sh[i].n, g->name))
			return sh[i].s;
	return g->name;
}

static void svg_render(const struct viz *v, const struct idt *t)
{
	const int w = (int)(GRID_X + 16 * CELL_W + 30);
	const double py = GRID_Y + 16 * CELL_H + 70;
	FILE *f = v->out;
	const char *title = viz_tr(v, "Interrupt Descriptor Table (IDT)",
				   "인터럽트 디스크립터 테이블 (IDT)");

	svg_begin(f, w, (int)py + 230, title);
	svg_text(f, 20, 24, "start", "title", "%s", title);
	svg_text(f, 20, 42, "start", "small dim", "%s", viz_tr(v,
		 "256 gates: row = high hex digit of the vector, column = low digit. Thick orange border: DPL 3 (user code may int). Bright green: a device IRQ routed there now.",
		 "게이트 256개: 행 = 벡터의 높은 16진 자리, 열 = 낮은 자리. 굵은 주황 테두리: DPL 3 (사용자 코드가 int 가능). 진한 초록: 지금 장치 IRQ가 연결된 벡터."));
	for (int c = 0; c < 16; c++)
		svg_text(f, GRID_X + c * CELL_W + CELL_W / 2, GRID_Y - 6,
			 "middle", "mono small", "x%X", c);
	for (int r = 0; r < 16; r++)
		svg_text(f, GRID_X - 6, GRID_Y + r * CELL_H + 19, "end",
			 "mono small", "%Xx", r);
	for (int i = 0; i < t->ngate; i++) {
		const struct idt_gate *g = &t->gate[i];
		double x = GRID_X + (g->vec & 15) * CELL_W;
		double y = GRID_Y + (g->vec >> 4) * CELL_H;

		const struct idt_irq *q = NULL;

		for (int j = 0; j < t->nirq && g->kind == K_DEVICE; j++)
			if (t->irq[j].vec == g->vec)
				q = &t->irq[j];
		svg_rect(f, x, y, CELL_W, CELL_H, !g->present ? "#ffffff" :
			 q ? "#69db7c" : kind_fill[g->kind], NULL);
		if (g->dpl == 3)
			mk_printf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#e67700\" stroke-width=\"3\"/>\n",
				x + 1.5, y + 1.5, CELL_W - 3, CELL_H - 3);
		svg_text(f, x + CELL_W / 2, y + 12, "middle", "small mono",
			 "%02x", g->vec);
		if (q)
			svg_text(f, x + CELL_W / 2, y + 25, "middle", "small",
				 "%.8s", q->name);
		else
			svg_text(f, x + CELL_W / 2, y + 25, "middle", "small",
				 "%.8s", short_name(g));
	}
	for (int k = 0; k < K_NKIND; k++) {
		double x = 20 + k * 190;

		svg_rect(f, x, GRID_Y + 16 * CELL_H + 14, 14, 14,
			 kind_fill[k], NULL);
		svg_text(f, x + 18, GRID_Y + 16 * CELL_H + 25, "start",
			 "small", "%s", viz_tr(v, kind_en[k], kind_ko[k]));
	}

	/* Entry paths: user mode on the left, kernel on the right. */
	svg_text(f, 20, py, "start", "title", "%s",
		 viz_tr(v, "System call entry paths", "시스템 콜 진입 경로"));
	svg_rect(f, 20, py + 14, 250, 190, "#f1f8ee", NULL);
	svg_rect(f, 640, py + 14, 330, 190, "#fdf0f0", NULL);
	svg_text(f, 30, py + 32, "start", "small dim", "%s",
		 viz_tr(v, "user mode (ring 3)", "사용자 모드 (ring 3)"));
	svg_text(f, 650, py + 32, "start", "small dim", "%s",
		 viz_tr(v, "kernel mode (ring 0)", "커널 모드 (ring 0)"));
	for (int i = 0; i < 4; i++) {
		static const char *const from[] = {
			"syscall (64-bit)", "int $0x80", "syscall (32-bit)",
			"sysenter (32-bit)" };
		static const char *const key[] = {
			"lstar_handler", "int80_handler", "cstar_handler",
			"sysenter_eip_handler" };
		static const char *const via[] = {
			"MSR LSTAR", "IDT gate 0x80 (DPL 3)", "MSR CSTAR",
			"MSR SYSENTER_EIP" };
		double y = py + 60 + i * 38;

		svg_rect(f, 30, y - 14, 200, 22, i == 1 ? "#ffd43b" : "#ffffff",
			 NULL);
		svg_text(f, 40, y + 1, "start", "mono", "%s", from[i]);
		svg_line(f, 230, y - 3, 330, y - 3, "#555");
		svg_rect(f, 330, y - 14, 200, 22, i == 1 ? "#ffd43b" : "#e7ecf5",
			 NULL);
		svg_text(f, 430, y + 1, "middle", "small", "%s", via[i]);
		svg_line(f, 530, y - 3, 650, y - 3, "#555");
		mk_printf(f, "<path d=\"M650 %.1f l-8 -4 v8 z\" fill=\"#555\"/>\n",
			y - 3);
		svg_text(f, 656, y + 1, "start", "mono", "%s", sys(t, key[i]));
	}
	svg_end(f);
}

/* ------------------------------------------------------------------ */
/* HTML */

static void html_render(const struct viz *v, const struct idt *t)
{
	const char *title = viz_tr(v, "Interrupt Descriptor Table (IDT)",
				   "인터럽트 디스크립터 테이블 (IDT)");
	struct viz svg = *v;
	FILE *f = v->out;

	viz_html_begin(v, title);
	viz_explain(v,
		"Every interrupt and exception has a vector, and the IDT holds one gate per vector: the kernel code that handles it. The grid shows all 256 gates, coloured by kind; a thick border marks DPL 3, the gates user code may reach with int n (int3, into, and int $0x80 for system calls). Below: the ways a system call enters the kernel.",
		"모든 인터럽트와 예외에는 벡터가 있고, IDT는 벡터마다 그것을 처리할 커널 코드를 가리키는 게이트를 하나씩 담고 있습니다. 격자는 게이트 256개 전부를 종류별 색으로 보여 주며, 굵은 테두리는 사용자 코드가 int n으로 들어갈 수 있는 DPL 3 게이트입니다(int3, into, 시스템 콜용 int $0x80). 아래는 시스템 콜이 커널에 들어가는 경로입니다.");
	svg.format = VIZ_SVG;
	svg_render(&svg, t);
	for (int k = K_EXC; k < K_NKIND; k++) {
		if (k == K_UNUSED || k == K_DEVICE)
			continue;
		viz_heading(v, kind_en[k], kind_ko[k]);
		mk_printf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>dpl</th><th>ist</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
			viz_tr(v, "vector", "벡터"), viz_tr(v, "name", "이름"),
			viz_tr(v, "count", "횟수"), viz_tr(v, "meaning", "의미"),
			viz_tr(v, "handler", "핸들러"));
		for (int i = 0; i < t->ngate; i++) {
			const struct idt_gate *g = &t->gate[i];
			const struct idt_desc *ds = idt_desc_of(g->name);

			if (g->kind != (enum idt_kind)k)
				continue;
			fputs(g->dpl == 3 ? "<tr style=\"background:#fff3bf;font-weight:bold\">" :
			      "<tr>", f);
			mk_printf(f, "<td>0x%02x</td><td>", g->vec);
			mk_text(f, g->name);
			mk_printf(f, "</td><td>%d</td><td>%d</td><td>", g->dpl,
				g->ist);
			if (g->counted)
				fprintf(f, "%" PRIu64, g->count);
			fputs("</td><td>", f);
			mk_text(f, ds ? viz_tr(v, ds->en, ds->ko) : "");
			fputs("</td><td>", f);
			mk_text(f, g->handler);
			fputs("</td></tr>\n", f);
		}
		fputs("</table>\n", f);
	}
	viz_heading(v, kind_en[K_DEVICE], kind_ko[K_DEVICE]);
	mk_printf(f, "<table>\n<tr><th>%s</th><th>irq</th><th>%s</th><th>%s</th></tr>\n",
		viz_tr(v, "vector", "벡터"), viz_tr(v, "count", "횟수"),
		viz_tr(v, "device", "장치"));
	for (int i = 0; i < t->nirq; i++) {
		mk_printf(f, "<tr><td>0x%02x</td><td>%u</td><td>%" PRIu64 "</td><td>",
			t->irq[i].vec, t->irq[i].irq, t->irq[i].count);
		mk_text(f, t->irq[i].name);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	viz_heading(v, "System call entry paths", "시스템 콜 진입 경로");
	viz_explain(v,
		"int $0x80 goes through IDT gate 0x80 (DPL 3); the syscall instruction of 64-bit code skips the IDT and jumps to the address in MSR LSTAR. Both enter kernel mode (ring 0) only at an address the kernel chose.",
		"int $0x80은 IDT의 0x80 게이트(DPL 3)를 거치고, 64비트 코드의 syscall 명령은 IDT를 거치지 않고 MSR LSTAR에 적힌 주소로 점프합니다. 둘 다 커널이 정한 주소에서만 커널 모드(ring 0)로 들어갑니다.");
	viz_html_end(v);
}

void idt_render(const struct viz *v, const struct idt *t)
{
	switch (v->format) {
	case VIZ_TEXT:
		text_render(v, t);
		break;
	case VIZ_SVG:
		svg_render(v, t);
		break;
	case VIZ_HTML:
		html_render(v, t);
		break;
	}
}
