// SPDX-License-Identifier: GPL-2.0
/*
 * visualize idt: the Interrupt Descriptor Table grouped by kind (CPU
 * exceptions, the int 0x80 system-call gate, APIC/IPI system vectors,
 * device IRQs) with the gates user code may reach (DPL 3) marked, the
 * interrupt counts the kernel keeps, and the two ways a system call enters
 * the kernel (syscall via MSR LSTAR, int 0x80 via the IDT). Reads
 * /proc/osedu/idt/{table,syscall,counts}: docs/proc-format.md, "idt_dump".
 * This file parses them; idt_draw.c renders.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "idt.h"

/* What each named vector is; COUNTER is its column in idt/counts. */
static const struct idt_desc descs[] = {
	{ "#DE", "divide error (division by zero)", "나눗셈 오류 (0으로 나누기)", NULL },
	{ "#DB", "debug (single step, hardware breakpoint)", "디버그 (단일 단계, 하드웨어 중단점)", NULL },
	{ "NMI", "non-maskable interrupt", "마스크 불가능 인터럽트 (NMI)", "nmi" },
	{ "#BP", "breakpoint (int3, used by debuggers)", "중단점 (int3, 디버거가 사용)", NULL },
	{ "#OF", "overflow (into)", "오버플로 (into)", NULL },
	{ "#BR", "bound range exceeded", "범위 초과 (bound)", NULL },
	{ "#UD", "invalid opcode", "잘못된 명령어", NULL },
	{ "#NM", "device not available (FPU)", "장치 사용 불가 (FPU)", NULL },
	{ "#DF", "double fault", "이중 폴트", NULL },
	{ "coproc_overrun", "coprocessor segment overrun (obsolete)", "보조 프로세서 세그먼트 오버런 (사용 안 함)", NULL },
	{ "#TS", "invalid TSS", "잘못된 TSS", NULL },
	{ "#NP", "segment not present", "세그먼트 없음", NULL },
	{ "#SS", "stack-segment fault", "스택 세그먼트 폴트", NULL },
	{ "#GP", "general protection fault", "일반 보호 예외", NULL },
	{ "#PF", "page fault", "페이지 폴트", NULL },
	{ "#MF", "x87 floating-point error", "x87 부동소수점 오류", NULL },
	{ "#AC", "alignment check", "정렬 검사", NULL },
	{ "#MC", "machine check (hardware error)", "머신 체크 (하드웨어 오류)", NULL },
	{ "#XM", "SIMD floating-point error", "SIMD 부동소수점 오류", NULL },
	{ "#VE", "virtualization exception", "가상화 예외", NULL },
	{ "#CP", "control protection (shadow stack)", "제어 보호 (섀도 스택)", NULL },
	{ "#HV", "hypervisor injection", "하이퍼바이저 주입", NULL },
	{ "#VC", "VMM communication (SEV-ES)", "VMM 통신 (SEV-ES)", NULL },
	{ "#SX", "security exception", "보안 예외", NULL },
	{ "int80_syscall", "system call by int $0x80 (i386 ABI)", "int $0x80 시스템 콜 (i386 ABI)", NULL },
	{ "local_timer", "local APIC timer: the scheduler's tick", "로컬 APIC 타이머: 스케줄러의 틱", "local_timer" },
	{ "ipi_reschedule", "IPI: another CPU asks this one to reschedule", "IPI: 다른 CPU가 재스케줄을 요청", "ipi_reschedule" },
	{ "ipi_call_function", "IPI: run a function for another CPU", "IPI: 다른 CPU 대신 함수 실행", "ipi_call_function" },
	{ "ipi_call_function_single", "IPI: run a function (one target)", "IPI: 함수 실행 (대상 하나)", NULL },
	{ "ipi_reboot", "IPI: stop for reboot", "IPI: 재부팅을 위해 정지", NULL },
	{ "irq_work", "self-IPI for deferred work", "미뤄 둔 작업을 위한 자기 IPI", "irq_work" },
	{ "platform_ipi", "platform IPI", "플랫폼 IPI", "platform_ipi" },
	{ "thermal", "thermal event", "온도 이벤트", "thermal" },
	{ "mce_threshold", "machine-check threshold", "머신 체크 임계값", "mce_threshold" },
	{ "mce_deferred_error", "deferred machine-check error", "지연된 머신 체크 오류", "mce_deferred" },
	{ "apic_error", "APIC error", "APIC 오류", NULL },
	{ "spurious", "spurious APIC interrupt", "가짜(spurious) APIC 인터럽트", "spurious" },
};

const struct idt_desc *idt_desc_of(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(descs); i++)
		if (!strcmp(descs[i].name, name))
			return &descs[i];
	return NULL;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

static int bad(const char *name, size_t line, const char *what)
{
	viz_err("%s: line %zu: %s", name, line + 1, what);
	return -1;
}

static void idt_free(struct idt *t)
{
	if (t->have_table)
		osedu_doc_free(&t->table);
	if (t->have_syscall)
		osedu_doc_free(&t->syscall);
	if (t->have_counts)
		osedu_doc_free(&t->counts);
	free(t->irq);
	memset(t, 0, sizeof(*t));
}

static int parse_table(struct idt *t, const char *name)
{
	const struct osedu_doc *d = &t->table;
	const char *gates;
	bool rows = false;
	uint64_t want;

	for (size_t i = 1; i < d->nlines; i++) {
		const char *l = d->lines[i];
		struct idt_gate *g;
		struct osedu_cols c;
		uint64_t u[4];
		int rc = 0;

		if (!strncmp(l, "vector ", 7)) {
			rows = true;
			continue;
		}
		if (!rows || !*l)
			continue;	/* the header's key: value lines */
		if (t->ngate == 256)
			return bad(name, i, "more than 256 gates");
		g = &t->gate[t->ngate];
		memset(g, 0, sizeof(*g));
		if (osedu_split(&c, l) < 0)
			return bad(name, i, "out of memory");
		if (c.n < 8 || !osedu_u64(c.col[0], &u[0]) || u[0] > 255 ||
		    !osedu_u64(c.col[3], &u[1]) || u[1] > 3 ||
		    !osedu_u64(c.col[4], &u[2]) || u[2] > 7 ||
		    !osedu_u64(c.col[5], &u[3]) || u[3] > 1 ||
		    (t->ngate && u[0] <= t->gate[t->ngate - 1].vec)) {
			rc = bad(name, i, "malformed gate (vector name type dpl ist present selector handler address)");
		} else {
			g->vec = u[0];
			g->dpl = u[1];
			g->ist = u[2];
			g->present = u[3];
			copy(g->name, sizeof(g->name), c.col[1]);
			copy(g->type, sizeof(g->type), c.col[2]);
			copy(g->handler, sizeof(g->handler), c.col[7]);
			g->kind = g->vec < 32 ? K_EXC :
				  !strcmp(g->name, "int80_syscall") ? K_SYSCALL :
				  !strcmp(g->name, "device") ? K_DEVICE :
				  !strcmp(g->name, "system") ||
				  !strcmp(g->handler, "spurious_entries_start") ?
				  K_UNUSED : K_SYSVEC;
			t->ngate++;
		}
		osedu_cols_free(&c);
		if (rc)
			return rc;
	}
	if (!rows)
		return bad(name, d->nlines - 1, "no gate table (truncated?)");
	gates = osedu_doc_get(d, "gates");
	if (!gates || !osedu_u64(gates, &want) || want != (uint64_t)t->ngate)
		return bad(name, d->nlines - 1,
			   "fewer gates than \"gates:\" says (truncated?)");
	return 0;
}

static struct idt_gate *gate_named(struct idt *t, const char *name)
{
	for (int i = 0; i < t->ngate; i++)
		if (!strcmp(t->gate[i].name, name))
			return &t->gate[i];
	return NULL;
}

/* The gate whose interrupts idt/counts counts in column COL. */
static struct idt_gate *gate_counted_as(struct idt *t, const char *col)
{
	for (size_t j = 0; j < ARRAY_SIZE(descs); j++)
		if (descs[j].counter && !strcmp(descs[j].counter, col))
			return gate_named(t, descs[j].name);
	return NULL;
}

static int parse_counts(struct idt *t, const char *name)
{
	const struct osedu_doc *d = &t->counts;
	struct osedu_cols head = { 0 };
	enum { KEYS, CPUS, IRQS } where = KEYS;
	int rc = 0;

	for (size_t i = 1; i < d->nlines && !rc; i++) {
		const char *l = d->lines[i];
		struct osedu_cols c;
		uint64_t u, sum = 0;

		if (!*l)
			continue;
		if (!strncmp(l, "cpu ", 4)) {
			osedu_cols_free(&head);
			if (osedu_split(&head, l) < 0)
				return bad(name, i, "out of memory");
			where = CPUS;
			continue;
		}
		if (!strncmp(l, "irq ", 4)) {
			where = IRQS;
			continue;
		}
		if (where == KEYS)
			continue;
		if (osedu_split(&c, l) < 0) {
			rc = bad(name, i, "out of memory");
			break;
		}
		if (where == CPUS) {
			if (c.n != head.n || !osedu_u64(c.col[0], &u)) {
				rc = bad(name, i, "malformed per-CPU row");
			} else {
				t->ncpu++;
				for (int k = 1; k < c.n && !rc; k++) {
					struct idt_gate *g;

					if (!osedu_u64(c.col[k], &u)) {
						rc = bad(name, i, "malformed count");
						break;
					}
					g = gate_counted_as(t, head.col[k]);
					if (g) {
						g->count += u;
						g->counted = true;
					}
				}
			}
		} else {
			struct idt_irq *q, *nq;
			uint64_t irq, vec;

			if (c.n < 4 || !osedu_u64(c.col[0], &irq) ||
			    !osedu_u64(c.col[1], &vec) || vec > 255 ||
			    irq > 1u << 20) {
				rc = bad(name, i, "malformed IRQ row (irq vector cpuN... name)");
				osedu_cols_free(&c);
				break;
			}
			for (int k = 2; k < c.n - 1; k++) {
				if (!osedu_u64(c.col[k], &u)) {
					rc = bad(name, i, "malformed count");
					break;
				}
				sum += u;
			}
			nq = rc ? NULL : realloc(t->irq, (t->nirq + 1) * sizeof(*q));
			if (!rc && !nq)
				rc = bad(name, i, "out of memory");
			if (!rc) {
				t->irq = nq;
				q = &t->irq[t->nirq++];
				q->irq = irq;
				q->vec = vec;
				q->count = sum;
				copy(q->name, sizeof(q->name), c.col[c.n - 1]);
			}
		}
		osedu_cols_free(&c);
	}
	osedu_cols_free(&head);
	return rc;
}

/* Attach each of DATA's documents (NUL-separated, any order) by view. */
static int idt_attach(struct idt *t, struct osedu_doc *d, const char *name)
{
	struct osedu_doc *slot;
	bool *have;

	if (!strcmp(d->view, "idt/table")) {
		slot = &t->table;
		have = &t->have_table;
	} else if (!strcmp(d->view, "idt/syscall")) {
		slot = &t->syscall;
		have = &t->have_syscall;
	} else if (!strcmp(d->view, "idt/counts")) {
		slot = &t->counts;
		have = &t->have_counts;
	} else {
		viz_err("%s: an \"osedu %s\" file, not idt/table, idt/syscall or idt/counts",
			name, d->view);
		osedu_doc_free(d);
		return -1;
	}
	if (*have)
		osedu_doc_free(slot);
	*slot = *d;
	*have = true;
	return 0;
}

static int idt_parse(struct idt *t, const char *root)
{
	char table[4096], counts[4096];

	if (!t->have_table || !t->have_syscall || !t->have_counts) {
		viz_err("idt: needs idt/table, idt/syscall and idt/counts");
		return -1;
	}
	snprintf(table, sizeof(table), "%s/idt/table", root);
	snprintf(counts, sizeof(counts), "%s/idt/counts", root);
	if (parse_table(t, table) || parse_counts(t, counts))
		return -1;
	return 0;
}

static int idt_run(struct viz *v, int argc, char **argv)
{
	static const char *const files[] = { "idt/table", "idt/syscall",
					      "idt/counts" };
	struct idt *t;
	char dir[4096];
	int rc = 1;

	(void)argv;
	if (argc != 1) {
		viz_err("usage: visualize idt");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/idt", v->root);
	if (!viz_exists(dir) && viz_machine(v) == VIZ_MACHINE_ARM64) {
		viz_err("%s is missing: this is an arm64 kernel, which has no IDT. Its counterpart on arm64 is the exception vector table at VBAR_EL1: visualize vectors",
			dir);
		return 1;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return 1;
	for (int i = 0; i < 3; i++) {
		struct osedu_doc d;

		if (viz_doc_load(v, &d, files[i], "osedu_idt_dump") ||
		    idt_attach(t, &d, files[i]))
			goto out;
	}
	if (idt_parse(t, v->root))
		goto out;
	idt_render(v, t);
	rc = 0;
out:
	idt_free(t);
	free(t);
	return rc;
}

static int idt_fuzz_attach(void *ctx, struct osedu_doc *d)
{
	return idt_attach(ctx, d, "fuzz");
}

static int idt_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	struct idt *t = calloc(1, sizeof(*t));
	int rc = 1;

	if (!t)
		return 1;
	if (viz_fuzz_docs(data, len, idt_fuzz_attach, t))
		goto out;
	if (idt_parse(t, "fuzz"))
		goto out;
	idt_render(v, t);
	rc = 0;
out:
	idt_free(t);
	free(t);
	return rc;
}

const struct viz_view viz_view_idt = {
	.name = "idt",
	.usage = "idt",
	.summary = "the IDT by kind, privilege levels, system-call entry paths",
	.run = idt_run,
	.fuzz = idt_fuzz,
};
