// SPDX-License-Identifier: GPL-2.0
/*
 * visualize vectors, drawn: VBAR_EL1 per CPU, the 16 entries as the 4 x 4
 * grid the architecture defines (rows: where the CPU was; columns: what
 * happened), where the lectures' events enter, the counts, and the
 * comparison with x86's IDT; as text, SVG and HTML (vectors.c loads).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "vectors.h"

/* The rows (sources) and columns (kinds) of the table. */
static const char *const src_en[4] = {
	"current EL, SP_EL0", "current EL, SP_ELx", "lower EL, AArch64",
	"lower EL, AArch32" };
static const char *const src_ko[4] = {
	"현재 EL, SP_EL0", "현재 EL, SP_ELx", "하위 EL, AArch64",
	"하위 EL, AArch32" };
static const char *const src_who_en[4] = {
	"the kernel on SP_EL0: Linux never runs so (its handlers panic)",
	"the kernel itself was interrupted",
	"a 64-bit user program",
	"a 32-bit user program (compat)" };
static const char *const src_who_ko[4] = {
	"SP_EL0을 쓰는 커널: 리눅스는 그렇게 실행하지 않음 (핸들러가 패닉)",
	"커널 자신이 실행 중이었음",
	"64비트 사용자 프로그램",
	"32비트 사용자 프로그램 (호환 모드)" };
static const char *const kind_en[4] = { "Synchronous", "IRQ", "FIQ",
					"SError" };
static const char *const kind_ko[4] = { "동기 예외", "IRQ", "FIQ",
					"SError" };

/* The entries the lectures' events arrive at. */
#define E_SYNC_USER	8	/* lower EL AArch64, Synchronous: 0x400 */
#define E_IRQ_USER	9	/* lower EL AArch64, IRQ: 0x480 */
#define E_SYNC_KERNEL	4	/* current EL SPx, Synchronous: 0x200 */
#define E_IRQ_KERNEL	5	/* current EL SPx, IRQ: 0x280 */

enum mark { M_NONE, M_SYSCALL, M_IRQ };

static enum mark mark_of(unsigned int i)
{
	if (i == E_SYNC_USER)
		return M_SYSCALL;
	if (i == E_IRQ_USER || i == E_IRQ_KERNEL)
		return M_IRQ;
	return M_NONE;
}

static const char *const mark_fill[] = { "#ffffff", "#ffd43b", "#b8e0a8" };
static const enum viz_color mark_color[] = { VIZ_RESET, VIZ_YELLOW,
					      VIZ_GREEN };

/* One event of the lectures and the entry it arrives at. */
struct event {
	unsigned int entry;
	const char *en, *ko;	/* the event */
	const char *ec;		/* ESR_EL1.EC, or NULL for an interrupt */
	const char *then;	/* what the entry's handler calls for it */
};

static const struct event events[] = {
	{ E_SYNC_USER, "system call (svc #0 in a 64-bit program)",
	  "시스템 콜 (64비트 프로그램의 svc #0)", "0x15 SVC64", "el0_svc" },
	{ E_SYNC_USER, "page fault in user code (data abort)",
	  "사용자 코드의 페이지 폴트 (데이터 어보트)", "0x24 DABT_LOW",
	  "el0_da -> do_mem_abort" },
	{ E_SYNC_USER, "page fault on an instruction fetch (instruction abort)",
	  "명령어 가져오기의 페이지 폴트 (명령어 어보트)", "0x20 IABT_LOW",
	  "el0_ia -> do_mem_abort" },
	{ E_IRQ_USER, "device or timer interrupt while a program runs",
	  "프로그램 실행 중 장치/타이머 인터럽트", NULL,
	  "gic_handle_irq -> generic_handle_domain_irq" },
	{ E_IRQ_KERNEL, "device or timer interrupt while the kernel runs",
	  "커널 실행 중 장치/타이머 인터럽트", NULL,
	  "gic_handle_irq -> generic_handle_domain_irq" },
	{ E_SYNC_KERNEL, "page fault in the kernel (copy_from_user)",
	  "커널의 페이지 폴트 (copy_from_user)", "0x25 DABT_CUR",
	  "el1_abort -> do_mem_abort" },
};

static const char *const intro_en =
	"On arm64 there is no table of 256 numbered gates. Each CPU's VBAR_EL1 register holds the address of the exception vector table: 16 entries of 0x80 bytes (32 instructions) each. On an exception the CPU picks the entry by two questions only: where was it running (the kernel at the current exception level EL1, on the SP_EL0 or its own SP_EL1 stack pointer, or a program at the lower level EL0, 64-bit AArch64 or 32-bit AArch32 code), and what kind of event is it (Synchronous: caused by the instruction itself, such as svc or a fault; IRQ and FIQ: interrupts; SError: an asynchronous system error). It jumps there in kernel mode (EL1).";
static const char *const intro_ko =
	"arm64에는 번호가 붙은 게이트 256개의 테이블이 없습니다. CPU마다 VBAR_EL1 레지스터가 예외 벡터 테이블의 주소를 담고 있습니다: 0x80바이트(명령어 32개)짜리 항목 16개입니다. 예외가 일어나면 CPU는 두 가지만 보고 항목을 고릅니다: 어디서 실행 중이었는가(현재 예외 수준 EL1의 커널이 SP_EL0 또는 자신의 SP_EL1 스택 포인터를 쓰고 있었는지, 하위 수준 EL0의 프로그램이 64비트 AArch64 또는 32비트 AArch32 코드였는지), 그리고 어떤 종류의 사건인가(동기 예외: svc나 폴트처럼 명령어 자체가 일으킨 것; IRQ와 FIQ: 인터럽트; SError: 비동기 시스템 오류). 그리고 커널 모드(EL1)로 그 항목에 점프합니다.";

static const char *const x86_en =
	"Compared with x86's IDT: x86 has one table of 256 gates indexed by the vector number each event carries (14 is a page fault, 0x80 the int $0x80 system call, 0x20 and up devices), and 64-bit system calls skip it (syscall jumps to MSR LSTAR). arm64's table has 16 entries, four groups of four, selected by where the CPU was and what kind of event happened; the entry does not say which exception it was. Inside the Synchronous entry the kernel reads ESR_EL1, whose exception class (EC) says svc, data abort, instruction abort, ..., and software dispatches on it (el0t_64_sync_handler). An interrupt's number comes from the interrupt controller (the GIC), not from the table. And a system call is just another synchronous exception through the table; no DPL is needed: svc always enters at the one entry the kernel chose.";
static const char *const x86_ko =
	"x86의 IDT와 비교하면: x86은 사건마다 가진 벡터 번호로 찾는 게이트 256개짜리 테이블 하나를 쓰며(14는 페이지 폴트, 0x80은 int $0x80 시스템 콜, 0x20 이상은 장치), 64비트 시스템 콜은 IDT를 거치지 않습니다(syscall은 MSR LSTAR로 점프). arm64의 테이블은 4개씩 네 묶음, 16개 항목이며, CPU가 어디에 있었는지와 어떤 종류의 사건인지로 고릅니다. 항목만으로는 어떤 예외인지 알 수 없습니다: 동기 예외 항목 안에서 커널이 ESR_EL1을 읽고, 그 예외 클래스(EC)가 svc, 데이터 어보트, 명령어 어보트 등을 알려 주면 소프트웨어가 그에 따라 나눕니다(el0t_64_sync_handler). 인터럽트 번호는 테이블이 아니라 인터럽트 컨트롤러(GIC)에게서 얻습니다. 그리고 시스템 콜은 테이블을 거치는 동기 예외의 하나일 뿐입니다. DPL도 필요 없습니다: svc는 언제나 커널이 정한 한 항목으로만 들어갑니다.";

/* S (from a /proc file) as a terminal may show it. */
static const char *clean(char *buf, size_t n, const char *s)
{
	return mk_clean(buf, n, s);
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

static const struct osedu_vec_entry *entry(const struct vec *t, unsigned int i)
{
	return &t->table.entry[i];
}

/* Do all CPUs' VBAR_EL1 hold the same table, and which symbol? */
static const char *common_symbol(const struct vec *t, bool *same)
{
	const struct osedu_vectors *tb = &t->table;

	*same = true;
	for (size_t i = 1; i < tb->ncpu; i++)
		if (tb->cpu[i].vbar != tb->cpu[0].vbar ||
		    strcmp(tb->cpu[i].symbol, tb->cpu[0].symbol))
			*same = false;
	return tb->cpu[0].symbol;
}

/* The IPIs: the SGIs arm64 requests as "IPI". */
static uint64_t ipi_total(const struct vec *t)
{
	uint64_t n = 0;

	for (size_t i = 0; i < t->counts.nirq; i++)
		if (!strcmp(t->counts.irq[i].kind, "sgi") &&
		    !strcmp(t->counts.irq[i].name, "IPI"))
			n += t->counts.irq[i].total;
	return n;
}

static const char *gic_meaning(const struct viz *v, const char *kind,
			       unsigned long long hwirq)
{
	/*
	 * The GIC numbers SPIs from 32. An SPI row with a smaller hwirq is
	 * a PCI device's MSI: /proc/interrupts (and the hwirq column) give
	 * its number in the MSI domain (virtio0-req.0 is 1), and GICv2m
	 * turns the message into one of its SPIs, which the module's kind
	 * comes from.
	 */
	if (!strcmp(kind, "spi") && hwirq < 32)
		return viz_tr(v, "SPI from a device's MSI (hwirq: its MSI domain's number)",
			      "장치의 MSI가 바뀐 SPI (hwirq: MSI 도메인의 번호)");
	if (!strcmp(kind, "sgi"))
		return viz_tr(v, "SGI: an IPI from another CPU",
			      "SGI: 다른 CPU가 보낸 IPI");
	if (!strcmp(kind, "ppi"))
		return viz_tr(v, "PPI: private to one CPU (its timer, PMU)",
			      "PPI: CPU 하나에 전용 (그 CPU의 타이머, PMU)");
	if (!strcmp(kind, "spi"))
		return viz_tr(v, "SPI: a device, shared",
			      "SPI: 장치, 공유");
	if (!strcmp(kind, "lpi"))
		return viz_tr(v, "LPI: message-based (PCIe MSI)",
			      "LPI: 메시지 기반 (PCIe MSI)");
	return "";
}

/* ------------------------------------------------------------------ */
/* the note: the measured figures in one paragraph (--note) */

void vec_note(const struct viz *v, const struct vec *t, FILE *f)
{
	const struct osedu_vec_irq *timer =
		osedu_vec_irq_named(&t->counts, "arch_timer");
	bool same;
	const char *sym = common_symbol(t, &same);
	char s1[64], s2[64], s3[64], s4[64];

	fprintf(f, viz_tr(v,
		"On this arm64 kernel VBAR_EL1 points at %s%s on %zu CPUs; a system call (svc from EL0) enters at offset 0x400 (%s), an interrupt at 0x480 from a program (%s) or 0x280 from the kernel (%s).",
		"이 arm64 커널에서 VBAR_EL1은 %s%s을(를) 가리킵니다(CPU %zu개); 시스템 콜(EL0의 svc)은 오프셋 0x400(%s)으로, 인터럽트는 프로그램 실행 중이면 0x480(%s), 커널 실행 중이면 0x280(%s)으로 들어옵니다."),
		clean(s1, sizeof(s1), sym),
		same ? "" : viz_tr(v, " (not the same on all)", " (CPU마다 다름)"),
		t->table.ncpu,
		clean(s2, sizeof(s2), entry(t, E_SYNC_USER)->handler),
		clean(s3, sizeof(s3), entry(t, E_IRQ_USER)->handler),
		clean(s4, sizeof(s4), entry(t, E_IRQ_KERNEL)->handler));
	fprintf(f, viz_tr(v, " Counted since boot: %" PRIu64 " page faults",
			  " 부팅 이후: 페이지 폴트 %" PRIu64 "번"),
		t->counts.faults_total);
	if (timer)
		fprintf(f, viz_tr(v, ", %" PRIu64 " timer interrupts (arch_timer, GIC %" PRIu64 ")",
				  ", 타이머 인터럽트 %" PRIu64 "번 (arch_timer, GIC %" PRIu64 ")"),
			timer->total, timer->hwirq);
	fprintf(f, viz_tr(v, ", %" PRIu64 " IPIs; system calls counted: %" PRIu64 " (aarch64) and %" PRIu64 " (aarch32).",
			  ", IPI %" PRIu64 "번; 센 시스템 콜: %" PRIu64 "번(aarch64), %" PRIu64 "번(aarch32)."),
		ipi_total(t), t->svc.aarch64, t->svc.aarch32);
	fputc('\n', f);
}

/* ------------------------------------------------------------------ */
/* Text */

#define CELL	16	/* "el0t_64_sync [S]" */

/* Cell K of a row: padded, but nothing after the last one. */
static void cell(FILE *f, const char *s, int k)
{
	if (k < 3)
		pad(f, s, CELL);
	else
		fputs(s, f);
}

static void text_grid(const struct viz *v, const struct vec *t)
{
	FILE *f = v->out;
	char buf[64], off[16];

	viz_heading(v, "The 16 entries: VBAR_EL1 + row + column",
		    "항목 16개: VBAR_EL1 + 행 + 열");
	viz_explain(v,
		"Rows: where the CPU was when the exception came. Columns: what kind it is. Each cell names the handler its entry branches to (Linux's el<level><t|h>_<64|32>_<kind>). Marked [S]: where a system call and a user page fault arrive; [I]: where interrupts arrive.",
		"행: 예외가 왔을 때 CPU가 있던 곳. 열: 예외의 종류. 칸마다 그 항목이 분기하는 핸들러의 이름이 있습니다(리눅스의 el<수준><t|h>_<64|32>_<종류>). [S]: 시스템 콜과 사용자 페이지 폴트가 도착하는 곳; [I]: 인터럽트가 도착하는 곳.");
	fputc('\n', f);
	fputs(viz_c(v, VIZ_DIM), f);
	pad(f, "", 27);
	for (int k = 0; k < 4; k++)
		cell(f, viz_tr(v, kind_en[k], kind_ko[k]), k);
	fprintf(f, "%s\n", viz_c(v, VIZ_RESET));
	fputs(viz_c(v, VIZ_DIM), f);
	pad(f, "", 27);
	for (int k = 0; k < 4; k++) {
		snprintf(off, sizeof(off), "+0x%03x", k * t->table.entry_size);
		cell(f, off, k);
	}
	fprintf(f, "%s\n", viz_c(v, VIZ_RESET));
	for (int r = 0; r < 4; r++) {
		fprintf(f, "  0x%03x ", r * 4 * t->table.entry_size);
		pad(f, viz_tr(v, src_en[r], src_ko[r]), 19);
		for (int k = 0; k < 4; k++) {
			unsigned int i = r * 4 + k;
			enum mark m = mark_of(i);
			char txt[80];

			snprintf(txt, sizeof(txt), "%s%s",
				 clean(buf, sizeof(buf), entry(t, i)->handler),
				 m == M_SYSCALL ? " [S]" : m == M_IRQ ? " [I]" : "");
			fputs(m ? viz_c(v, VIZ_BOLD) : "", f);
			fputs(m ? viz_c(v, mark_color[m]) : "", f);
			cell(f, txt, k);
			fputs(m ? viz_c(v, VIZ_RESET) : "", f);
		}
		fputc('\n', f);
		fprintf(f, "        %s%s%s\n", viz_c(v, VIZ_DIM),
			viz_tr(v, src_who_en[r], src_who_ko[r]),
			viz_c(v, VIZ_RESET));
	}
	for (int i = 0; i < OSEDU_VEC_ENTRIES; i++)
		if (!strcmp(entry(t, i)->handler, "?")) {
			viz_explain(v,
				"A \"?\": that entry's branch could not be followed, as with trampoline vectors (KPTI, Spectre-BHB mitigations), which reach the handlers indirectly.",
				"\"?\": 그 항목의 분기를 따라갈 수 없었습니다. 트램펄린 벡터(KPTI, Spectre-BHB 완화)는 핸들러에 간접적으로 도달하기 때문입니다.");
			break;
		}
}

static void text_events(const struct viz *v, const struct vec *t)
{
	FILE *f = v->out;
	char buf[64];

	viz_heading(v, "Where the lectures' events enter",
		    "강의의 사건이 들어오는 곳");
	viz_explain(v,
		"One Synchronous entry serves every synchronous exception from a program; the handler reads ESR_EL1's exception class (EC) to tell a system call from a page fault. An interrupt enters at the IRQ entry of where the CPU was, and the GIC says which one it is.",
		"프로그램이 일으킨 동기 예외는 모두 동기 예외 항목 하나로 들어옵니다. 핸들러는 ESR_EL1의 예외 클래스(EC)를 읽어 시스템 콜과 페이지 폴트를 구별합니다. 인터럽트는 CPU가 있던 곳의 IRQ 항목으로 들어오고, 어떤 인터럽트인지는 GIC가 알려 줍니다.");
	fputc('\n', f);
	for (size_t i = 0; i < ARRAY_SIZE(events); i++) {
		const struct event *e = &events[i];
		enum mark m = mark_of(e->entry);
		char ec[48] = "";

		if (e->ec)
			snprintf(ec, sizeof(ec), "ESR_EL1.EC %s", e->ec);
		fputs("  ", f);
		pad(f, viz_tr(v, e->en, e->ko), 54);
		fprintf(f, "%s%s0x%03x %s%s\n", m ? viz_c(v, VIZ_BOLD) : "",
			m ? viz_c(v, mark_color[m]) : "",
			e->entry * t->table.entry_size,
			clean(buf, sizeof(buf), entry(t, e->entry)->handler),
			m ? viz_c(v, VIZ_RESET) : "");
		fprintf(f, "    %s%s, %s; %s%s\n", viz_c(v, VIZ_DIM),
			viz_tr(v, src_en[e->entry / 4], src_ko[e->entry / 4]),
			viz_tr(v, kind_en[e->entry % 4], kind_ko[e->entry % 4]),
			*ec ? ec : viz_tr(v, "the GIC says which interrupt",
					  "어떤 인터럽트인지는 GIC가 알려 줌"),
			viz_c(v, VIZ_RESET));
		fprintf(f, "    %s-> %s%s\n", viz_c(v, VIZ_DIM), e->then,
			viz_c(v, VIZ_RESET));
	}
}

static void text_counts(const struct viz *v, const struct vec *t)
{
	const struct osedu_vec_counts *c = &t->counts;
	const struct osedu_vec_svc *s = &t->svc;
	FILE *f = v->out;
	char buf[64];

	viz_heading(v, "What the kernel counted", "커널이 센 것");
	fprintf(f, viz_tr(v,
		"  page faults (data and instruction aborts that reached the fault handler): %" PRIu64,
		"  페이지 폴트 (폴트 핸들러에 도달한 데이터/명령어 어보트): %" PRIu64),
		c->faults_total);
	for (size_t i = 0; i < c->ncpu; i++)
		fprintf(f, "%scpu%u %" PRIu64, i ? ", " : " (", c->cpu[i],
			c->faults[i]);
	fputs(c->ncpu ? ")\n" : "\n", f);

	fprintf(f, viz_tr(v,
		"  system calls (svc from EL0): %" PRIu64 " from 64-bit code, %" PRIu64 " from 32-bit code; %s, target %s\n",
		"  시스템 콜 (EL0의 svc): 64비트 코드 %" PRIu64 "번, 32비트 코드 %" PRIu64 "번; %s, 대상 %s\n"),
		s->aarch64, s->aarch32,
		s->counting ? viz_tr(v, "counting", "세는 중") :
		viz_tr(v, "stopped", "멈춤"), clean(buf, sizeof(buf), s->target));
	if (!s->nrow)
		viz_explain(v,
			"No system call counted: root starts counting with echo start > /proc/osedu/vectors/control (or start pid=N) and stops it with stop.",
			"센 시스템 콜이 없습니다: root가 echo start > /proc/osedu/vectors/control (또는 start pid=N)로 세기 시작하고 stop으로 멈춥니다.");
	for (size_t i = 0; i < s->nrow; i++) {
		const struct osedu_vec_svc_row *r = &s->row[i];
		const char *name = r->abi == 0 ? vec_syscall_name(r->nr) : NULL;
		char nr[16];

		if (r->nr < 0)
			snprintf(nr, sizeof(nr), "other");
		else
			snprintf(nr, sizeof(nr), "%d", r->nr);
		fprintf(f, "    %-8s %5s %-18s %" PRIu64 "\n",
			r->abi ? "aarch32" : "aarch64", nr, name ? name : "",
			r->count);
	}

	fprintf(f, viz_tr(v,
		"\n  interrupts through the GIC, summed over %zu CPUs:\n",
		"\n  GIC를 거친 인터럽트, CPU %zu개의 합:\n"), c->irq_cpus);
	fprintf(f, "  %s%5s %6s %-4s %12s %-24s %s%s\n", viz_c(v, VIZ_DIM),
		"irq", "hwirq", viz_tr(v, "kind", "종류"),
		viz_tr(v, "count", "횟수"), viz_tr(v, "name", "이름"),
		viz_tr(v, "meaning", "의미"), viz_c(v, VIZ_RESET));
	for (size_t i = 0; i < c->nirq; i++) {
		const struct osedu_vec_irq *q = &c->irq[i];
		bool timer = !strcmp(q->name, "arch_timer");

		fprintf(f, "  %s%5u %6" PRIu64 " %-4s %12" PRIu64 " %-24s %s%s\n",
			timer ? viz_c(v, VIZ_GREEN) : "", q->irq, q->hwirq,
			q->kind, q->total, clean(buf, sizeof(buf), q->name),
			timer ? viz_tr(v, "the timer: the scheduler's tick",
				       "타이머: 스케줄러의 틱") :
			gic_meaning(v, q->kind, q->hwirq),
			timer ? viz_c(v, VIZ_RESET) : "");
	}
}

static void text_render(const struct viz *v, const struct vec *t)
{
	FILE *f = v->out;
	bool same;
	const char *sym = common_symbol(t, &same);
	char buf[64];

	viz_heading(v, "Exception vector table (arm64)",
		    "예외 벡터 테이블 (arm64)");
	viz_explain(v, intro_en, intro_ko);
	fputs(viz_tr(v, "\nVBAR_EL1, the table's address, per CPU:\n",
		     "\nCPU별 VBAR_EL1 (테이블의 주소):\n"), f);
	for (size_t i = 0; i < t->table.ncpu; i++) {
		const struct osedu_vec_cpu *c = &t->table.cpu[i];

		fprintf(f, "  cpu %-3u 0x%016" PRIx64 "  %s\n", c->cpu, c->vbar,
			clean(buf, sizeof(buf), c->symbol));
	}
	if (same && !strcmp(sym, "vectors"))
		viz_explain(v,
			"Every CPU points at the same table, the kernel's \"vectors\" (arch/arm64/kernel/entry.S). Addresses are 0 when this reader may not see kernel addresses.",
			"모든 CPU가 같은 테이블, 커널의 \"vectors\"(arch/arm64/kernel/entry.S)를 가리킵니다. 커널 주소를 볼 수 없는 사용자에게는 주소가 0으로 보입니다.");
	else
		viz_explain(v,
			"Not every CPU points at \"vectors\": with the KPTI or Spectre-BHB mitigations a CPU may use trampoline vectors (tramp_vectors, __bp_harden_el1_vectors), which lead to the same handlers.",
			"모든 CPU가 \"vectors\"를 가리키지는 않습니다: KPTI나 Spectre-BHB 완화가 켜지면 CPU가 트램펄린 벡터(tramp_vectors, __bp_harden_el1_vectors)를 쓸 수 있으며, 이것도 같은 핸들러로 이어집니다.");
	text_grid(v, t);
	text_events(v, t);
	text_counts(v, t);
	viz_heading(v, "arm64 and x86", "arm64와 x86");
	viz_explain(v, x86_en, x86_ko);
	if (!v->explain)
		fputs(viz_tr(v, "x86's counterpart: visualize idt (on an x86-64 kernel).\n",
			     "x86의 대응물: visualize idt (x86-64 커널에서).\n"), f);
}

/* ------------------------------------------------------------------ */
/* SVG: the grid, the events arriving, a small x86 comparison. */

#define GX	190.0
#define GY	110.0
#define GW	150.0
#define GH	46.0

static void svg_render(const struct viz *v, const struct vec *t)
{
	const char *title = viz_tr(v, "Exception vector table (arm64)",
				   "예외 벡터 테이블 (arm64)");
	const double w = GX + 4 * GW + 30, ey = GY + 4 * GH + 60;
	FILE *f = v->out;
	bool same;
	const char *sym = common_symbol(t, &same);

	svg_begin(f, (int)w, (int)(ey + 28 * ARRAY_SIZE(events) + 130), title);
	svg_text(f, 20, 24, "start", "title", "%s", title);
	svg_text(f, 20, 44, "start", "small dim", "%s", viz_tr(v,
		 "VBAR_EL1 + offset: row = where the CPU was, column = what happened; 16 entries of 0x80 bytes.",
		 "VBAR_EL1 + 오프셋: 행 = CPU가 있던 곳, 열 = 일어난 일; 0x80바이트 항목 16개."));
	svg_text(f, 20, 62, "start", "small mono", "VBAR_EL1 = %s%s (%zu CPU)",
		 sym, same ? "" : " ...", t->table.ncpu);
	for (int k = 0; k < 4; k++) {
		svg_text(f, GX + k * GW + GW / 2, GY - 22, "middle", NULL, "%s",
			 viz_tr(v, kind_en[k], kind_ko[k]));
		svg_text(f, GX + k * GW + GW / 2, GY - 8, "middle",
			 "small mono dim", "+0x%03x", k * t->table.entry_size);
	}
	for (int r = 0; r < 4; r++) {
		svg_text(f, GX - 8, GY + r * GH + 18, "end", NULL, "%s",
			 viz_tr(v, src_en[r], src_ko[r]));
		svg_text(f, GX - 8, GY + r * GH + 34, "end", "small mono dim",
			 "0x%03x", r * 4 * t->table.entry_size);
		for (int k = 0; k < 4; k++) {
			unsigned int i = r * 4 + k;
			enum mark m = mark_of(i);
			double x = GX + k * GW, y = GY + r * GH;

			svg_rect(f, x, y, GW, GH, r == 0 ? "#f1f3f5" :
				 mark_fill[m], NULL);
			svg_text(f, x + GW / 2, y + 18, "middle", "mono", "%s",
				 entry(t, i)->handler);
			svg_text(f, x + GW / 2, y + 34, "middle", "small dim",
				 "0x%03x%s", entry(t, i)->offset,
				 m == M_SYSCALL ? viz_tr(v, "  svc, faults", "  svc, 폴트") :
				 m == M_IRQ ? viz_tr(v, "  interrupts", "  인터럽트") : "");
		}
	}
	svg_text(f, 20, ey - 14, "start", "title", "%s",
		 viz_tr(v, "Where the lectures' events enter",
			"강의의 사건이 들어오는 곳"));
	for (size_t i = 0; i < ARRAY_SIZE(events); i++) {
		const struct event *e = &events[i];
		double y = ey + i * 28;

		svg_rect(f, 20, y - 14, 330, 22, mark_fill[mark_of(e->entry)],
			 NULL);
		svg_text(f, 26, y + 1, "start", "small", "%s",
			 viz_tr(v, e->en, e->ko));
		svg_line(f, 350, y - 3, 420, y - 3, "#555");
		mk_printf(f, "<path d=\"M420 %.1f l-8 -4 v8 z\" fill=\"#555\"/>\n",
			  y - 3);
		svg_text(f, 426, y + 1, "start", "mono", "0x%03x %s",
			 e->entry * t->table.entry_size,
			 entry(t, e->entry)->handler);
		svg_text(f, w - 20, y + 1, "end", "small dim", "%s",
			 e->ec ? e->ec : "GIC");
	}
	svg_text(f, 20, ey + 28 * ARRAY_SIZE(events) + 20, "start", "small",
		 "%s", viz_tr(v,
		 "x86: one IDT of 256 gates, indexed by the event's vector number (14 page fault, 0x80 int $0x80).",
		 "x86: 사건의 벡터 번호로 찾는 게이트 256개의 IDT 하나 (14 페이지 폴트, 0x80 int $0x80)."));
	svg_text(f, 20, ey + 28 * ARRAY_SIZE(events) + 38, "start", "small",
		 "%s", viz_tr(v,
		 "arm64: 16 entries by where x what; the exception class (ESR_EL1.EC) is decoded by software in the Synchronous entry.",
		 "arm64: 어디서 x 무엇으로 고르는 항목 16개; 예외 클래스(ESR_EL1.EC)는 동기 예외 항목 안에서 소프트웨어가 해석."));
	svg_text(f, 20, ey + 28 * ARRAY_SIZE(events) + 62, "start", "small dim",
		 viz_tr(v, "counted: %" PRIu64 " page faults, %" PRIu64 " system calls (svc), %" PRIu64 " timer interrupts",
			"센 값: 페이지 폴트 %" PRIu64 "번, 시스템 콜(svc) %" PRIu64 "번, 타이머 인터럽트 %" PRIu64 "번"),
		 t->counts.faults_total, t->svc.aarch64 + t->svc.aarch32,
		 osedu_vec_irq_named(&t->counts, "arch_timer") ?
		 osedu_vec_irq_named(&t->counts, "arch_timer")->total : 0);
	svg_end(f);
}

/* ------------------------------------------------------------------ */
/* HTML */

static void html_render(const struct viz *v, const struct vec *t)
{
	const char *title = viz_tr(v, "Exception vector table (arm64)",
				   "예외 벡터 테이블 (arm64)");
	const struct osedu_vec_counts *c = &t->counts;
	struct viz svg = *v;
	FILE *f = v->out;

	viz_html_begin(v, title);
	viz_explain(v, intro_en, intro_ko);
	svg.format = VIZ_SVG;
	svg_render(&svg, t);

	viz_heading(v, "VBAR_EL1 per CPU", "CPU별 VBAR_EL1");
	mk_printf(f, "<table>\n<tr><th>cpu</th><th>VBAR_EL1</th><th>%s</th></tr>\n",
		  viz_tr(v, "symbol", "심볼"));
	for (size_t i = 0; i < t->table.ncpu; i++)
		mk_printf(f, "<tr><td>%u</td><td>0x%016llx</td><td>%s</td></tr>\n",
			  t->table.cpu[i].cpu,
			  (unsigned long long)t->table.cpu[i].vbar,
			  t->table.cpu[i].symbol);
	fputs("</table>\n", f);

	viz_heading(v, "The 16 entries", "항목 16개");
	mk_printf(f, "<table>\n<tr><th>%s</th>", viz_tr(v, "from", "어디서"));
	for (int k = 0; k < 4; k++)
		mk_printf(f, "<th>%s +0x%03x</th>", viz_tr(v, kind_en[k], kind_ko[k]),
			  k * t->table.entry_size);
	fputs("</tr>\n", f);
	for (int r = 0; r < 4; r++) {
		mk_printf(f, "<tr><th>0x%03x %s</th>", r * 4 * t->table.entry_size,
			  viz_tr(v, src_en[r], src_ko[r]));
		for (int k = 0; k < 4; k++) {
			enum mark m = mark_of(r * 4 + k);

			mk_printf(f, "<td style=\"background:%s\">%s</td>",
				  mark_fill[m], entry(t, r * 4 + k)->handler);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);

	viz_heading(v, "Where the lectures' events enter",
		    "강의의 사건이 들어오는 곳");
	mk_printf(f, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>ESR_EL1.EC</th><th>%s</th></tr>\n",
		  viz_tr(v, "event", "사건"), viz_tr(v, "entry", "항목"),
		  viz_tr(v, "handler", "핸들러"), viz_tr(v, "then", "그다음"));
	for (size_t i = 0; i < ARRAY_SIZE(events); i++) {
		const struct event *e = &events[i];

		mk_printf(f, "<tr><td>%s</td><td>0x%03x %s, %s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			  viz_tr(v, e->en, e->ko), e->entry * t->table.entry_size,
			  viz_tr(v, src_en[e->entry / 4], src_ko[e->entry / 4]),
			  viz_tr(v, kind_en[e->entry % 4], kind_ko[e->entry % 4]),
			  entry(t, e->entry)->handler, e->ec ? e->ec : "-",
			  e->then);
	}
	fputs("</table>\n", f);

	viz_heading(v, "What the kernel counted", "커널이 센 것");
	mk_printf(f, "<table>\n<tr><th>irq</th><th>hwirq</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		  viz_tr(v, "kind", "종류"), viz_tr(v, "count", "횟수"),
		  viz_tr(v, "name", "이름"), viz_tr(v, "meaning", "의미"));
	for (size_t i = 0; i < c->nirq; i++)
		mk_printf(f, "<tr><td>%u</td><td>%llu</td><td>%s</td><td>%llu</td><td>%s</td><td>%s</td></tr>\n",
			  c->irq[i].irq, (unsigned long long)c->irq[i].hwirq,
			  c->irq[i].kind, (unsigned long long)c->irq[i].total,
			  c->irq[i].name,
			  gic_meaning(v, c->irq[i].kind, c->irq[i].hwirq));
	fputs("</table>\n<p>", f);
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);

		if (m) {
			vec_note(v, t, m);
			fclose(m);
			mk_text(f, buf);
			free(buf);
		}
	}
	fputs("</p>\n", f);
	viz_heading(v, "arm64 and x86", "arm64와 x86");
	viz_explain(v, x86_en, x86_ko);
	viz_html_end(v);
}

void vec_render(const struct viz *v, const struct vec *t)
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
