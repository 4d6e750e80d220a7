// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched, the PCB: /proc/osedu/sched/<pid> kept as its document,
 * its keys grouped by what a textbook PCB holds, shown as text, SVG and
 * HTML.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "markup.h"
#include "sched.h"

/* ---- PCB ---------------------------------------------------------------- */

int pcb_from_doc(struct pcb *p, const char *name)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
	if (strcmp(p->d.view, "sched")) {
		viz_err("%s: an \"osedu %s\" file, not a PCB (\"osedu sched\")",
			name, p->d.view);
		osedu_doc_free(&p->d);
		return -1;
	}
	for (size_t i = 1; i < p->d.nlines; i++)
		if (!strncmp(p->d.lines[i], "tid state cpu ", 14)) {
			p->thead = i;
			break;
		}
	p->ok = true;
	return 0;
}

int pcb_pid(const struct pcb *p)
{
	int64_t v;

	if (!p->ok || !osedu_s64(osedu_doc_get(&p->d, "pid"), &v) || v <= 0 ||
	    v > 0x3fffffff)
		return 0;
	return (int)v;
}

/* The tids of the PCB's thread table, to seed the focus. */
size_t pcb_tids(const struct pcb *p, int *out, size_t max)
{
	size_t n = 0;
	int tid;

	if (!p->ok || !p->thead)
		return 0;
	for (size_t i = p->thead + 1; i < p->d.nlines && n < max; i++) {
		const char *l = p->d.lines[i], *sp = strchr(l, ' ');

		if (sp && osedu_parse_int(l, sp - l, &tid, 0x3fffffff) && tid)
			out[n++] = tid;
	}
	return n;
}

/* ---- the PCB ------------------------------------------------------------ */

struct pcb_key {
	const char *key, *en, *ko;
};

static const struct pcb_key pcb_groups[][12] = {
	{ { NULL, "Identity", "식별 정보" },
	  { "pid", "process ID (the thread-group leader)", "프로세스 ID" },
	  { "tgid", "thread group: the process", "스레드 그룹 = 프로세스" },
	  { "ppid", "the parent process", "부모 프로세스" },
	  { "comm", "command name", "명령 이름" },
	  { "kernel_thread", "1 for a kernel thread", "커널 스레드면 1" },
	  { "threads", "threads in the process", "스레드 수" } },
	{ { NULL, "State", "상태" },
	  { "state", "kernel state letter", "커널의 상태 문자" },
	  { "state_name", "the textbook state", "교과서의 상태" },
	  { "on_cpu", "1 while on a CPU", "CPU에서 실행 중이면 1" },
	  { "queued", "1 while waiting in a run queue (Ready)",
	    "실행 큐에서 기다리면 1 (준비)" },
	  { "cpu", "CPU it runs or last ran on", "실행 중이거나 마지막으로 실행한 CPU" },
	  { "wchan", "where a blocked task sleeps", "블록된 태스크가 잠든 커널 함수" } },
	{ { NULL, "Scheduling information", "스케줄링 정보" },
	  { "policy_name", "scheduling policy", "스케줄링 정책" },
	  { "prio", "effective priority (lower runs first)",
	    "실제 우선순위 (작을수록 먼저)" },
	  { "static_prio", "120 + nice", "120 + nice" },
	  { "normal_prio", "priority from policy alone", "정책만으로 정한 우선순위" },
	  { "rt_priority", "real-time priority (1-99)", "실시간 우선순위 (1-99)" },
	  { "nice", "nice value (-20..19)", "nice 값 (-20..19)" },
	  { "vruntime_ns", "virtual runtime (fair scheduler)",
	    "가상 실행 시간 (공정 스케줄러)" },
	  { "deadline_ns", "EEVDF virtual deadline", "EEVDF 가상 마감 시각" },
	  { "lag_ns", "EEVDF lag", "EEVDF 지연(lag)" },
	  { "slice_ns", "requested time slice", "요청한 타임 슬라이스" } },
	{ { NULL, "Accounting", "사용량" },
	  { "sum_exec_runtime_ns", "CPU time used", "사용한 CPU 시간" },
	  { "utime_ns", "user-mode time", "사용자 모드 시간" },
	  { "stime_ns", "kernel-mode time", "커널 모드 시간" },
	  { "nvcsw", "voluntary switches (it blocked)",
	    "자발적 문맥교환 (블록됨)" },
	  { "nivcsw", "involuntary switches (preempted)",
	    "비자발적 문맥교환 (선점됨)" },
	  { "min_flt", "minor page faults", "마이너 페이지 폴트" },
	  { "maj_flt", "major page faults (disk)", "메이저 페이지 폴트 (디스크)" },
	  { "start_boottime_ns", "started, ns after boot", "시작 시각 (부팅 후 ns)" } },
	{ { NULL, "Saved context (registers)", "저장된 문맥 (레지스터)" },
	  { "user_ip", "user PC saved on kernel entry",
	    "커널 진입 때 저장한 사용자 PC" },
	  { "user_sp", "user SP saved on kernel entry",
	    "커널 진입 때 저장한 사용자 SP" },
	  { "kernel_sp", "kernel SP saved at the last switch (0x0: hidden from you)",
	    "마지막 문맥교환 때 저장한 커널 SP (0x0: 권한이 없어 숨김)" } },
	{ { NULL, "Memory", "메모리 정보" },
	  { "mm_id", "address space name (equal for threads)",
	    "주소 공간 이름 (스레드끼리 같음)" },
	  { "mm", "mm_struct address (0x0 unless root)",
	    "mm_struct 주소 (root가 아니면 0x0)" } },
	{ { NULL, "Namespaces (what a container changes)",
	    "네임스페이스 (컨테이너가 바꾸는 것)" },
	  { "ns_pid", "pid namespace", "pid 네임스페이스" },
	  { "ns_mnt", "mount namespace", "mount 네임스페이스" },
	  { "ns_uts", "host name namespace", "호스트 이름 네임스페이스" },
	  { "ns_net", "network namespace", "네트워크 네임스페이스" },
	  { "ns_ipc", "IPC namespace", "IPC 네임스페이스" } },
};

#define NGROUPS ARRAY_SIZE(pcb_groups)

static bool group_present(const struct pcb *p, size_t g)
{
	for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++)
		if (osedu_doc_get(&p->d, pcb_groups[g][i].key))
			return true;
	return false;
}

/* A value with a unit made readable: ns as ms. */
static void pcb_value(const char *key, const char *val, char *buf, size_t n)
{
	size_t k = strlen(key);
	uint64_t u;
	int64_t s;

	if (k > 3 && !strcmp(key + k - 3, "_ns") && osedu_u64(val, &u))
		snprintf(buf, n, "%.3f ms", u / 1e6);
	else if (k > 3 && !strcmp(key + k - 3, "_ns") && osedu_s64(val, &s))
		snprintf(buf, n, "%.3f ms", s / 1e6);
	else
		mk_clean(buf, n < 41 ? n : 41, val);
}

static const char *pcb_title(const struct viz *v, const struct pcb *p,
			     char *buf, size_t n)
{
	const char *comm = osedu_doc_get(&p->d, "comm");

	snprintf(buf, n, "%s %d (%.20s)", viz_tr(v, "PCB of process",
						 "프로세스의 PCB:"),
		 pcb_pid(p), comm ? comm : "?");
	return buf;
}

/*
 * What the scheduling fields mean on this kernel: they changed with the
 * scheduler (CFS until 6.5, EEVDF from 6.6, delayed dequeue from 6.12,
 * sched_ext from 6.12), so a student on a 7.x laptop sees other fields
 * than the lecture's CFS.
 */
static void explain_sched_kernel(const struct viz *v, const struct pcb *p)
{
	const char *eevdf = osedu_doc_get(&p->d, "eevdf");
	const char *policy = osedu_doc_get(&p->d, "policy_name");
	const char *on_rq = osedu_doc_get(&p->d, "on_rq");
	const char *queued = osedu_doc_get(&p->d, "queued");

	if (eevdf && !strcmp(eevdf, "0"))
		viz_explain(v,
			"This kernel (before 6.6) runs normal tasks with CFS: it always picks the task with the smallest vruntime. There is no deadline or lag here; kernels from 6.6 on (6.12, 7.x) use EEVDF instead.",
			"이 커널(6.6 이전)은 일반 태스크를 CFS로 스케줄합니다: 항상 vruntime이 가장 작은 태스크를 고릅니다. 여기에는 마감 시각(deadline)이나 지연(lag)이 없으며, 6.6 이후의 커널(6.12, 7.x)은 대신 EEVDF를 씁니다.");
	else if (eevdf)
		viz_explain(v,
			"This kernel (6.6 or later, as 6.12 and 7.x) runs normal tasks with EEVDF, not the CFS of older textbooks: among the eligible tasks (lag not negative: they got less CPU than their fair share) it picks the one with the earliest virtual deadline, vruntime plus the slice weighted by nice. Since 6.12 a task that blocks while its lag is negative stays on the run queue (on_rq 1, queued 0) until that debt is paid.",
			"이 커널(6.6 이후, 6.12와 7.x 포함)은 옛 교과서의 CFS가 아니라 EEVDF로 일반 태스크를 스케줄합니다: 자격이 있는 태스크(lag가 음수가 아님: 공정한 몫보다 CPU를 덜 받음) 중에서 가상 마감 시각(vruntime에 nice로 가중한 슬라이스를 더한 값)이 가장 이른 것을 고릅니다. 6.12부터는 lag가 음수인 채로 블록된 태스크가 그 빚을 갚을 때까지 실행 큐에 남습니다(on_rq 1, queued 0).");
	if (on_rq && queued && !strcmp(on_rq, "1") && !strcmp(queued, "0") &&
	    eevdf && !strcmp(eevdf, "1"))
		viz_explain(v,
			"Here it is so: on_rq 1 but queued 0, a blocked task whose dequeue is delayed (6.12 and later). It is not Ready.",
			"지금 그 경우입니다: on_rq는 1이지만 queued는 0, 즉 제거가 미뤄진 블록된 태스크입니다(6.12 이후). 준비 상태가 아닙니다.");
	if (policy && !strcmp(policy, "SCHED_EXT"))
		viz_explain(v,
			"Policy SCHED_EXT (6.12 and later): while a BPF scheduler is loaded through sched_ext, it, not the kernel's fair class, decides when this task runs; vruntime, deadline and lag above are then not what picks it.",
			"정책 SCHED_EXT(6.12 이후): sched_ext로 BPF 스케줄러가 올라와 있는 동안에는 커널의 공정 스케줄러가 아니라 그 스케줄러가 이 태스크의 실행 시점을 정합니다; 그때는 위의 vruntime, deadline, lag로 고르지 않습니다.");
}

void text_pcb(const struct viz *v, const struct pcb *p)
{
	char val[64], title[96];

	viz_heading(v, pcb_title(v, p, title, sizeof(title)),
		    pcb_title(v, p, title, sizeof(title)));
	viz_explain(v,
		    "The PCB (process control block) is the kernel's record of a process; in Linux it is struct task_struct. This is what /proc/osedu/sched/<pid> read from it: who the process is, its state, what the scheduler uses to choose it, how much it ran, the registers saved for the next context switch back to it (PC and SP), its memory and its namespaces.",
		    "PCB(프로세스 제어 블록)는 커널이 프로세스마다 두는 기록이며, 리눅스에서는 struct task_struct입니다. 아래는 /proc/osedu/sched/<pid>가 거기서 읽은 값입니다: 프로세스 ID, 상태, 스케줄러가 고를 때 쓰는 정보, 실행한 양, 다시 문맥교환해 들어올 때 쓸 저장된 레지스터(PC, SP), 메모리 정보, 네임스페이스.");
	fprintf(v->out, "  %s\n", p->name);
	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		fprintf(v->out, "\n  %s%s%s\n", viz_c(v, VIZ_BOLD),
			viz_tr(v, pcb_groups[g][0].en, pcb_groups[g][0].ko),
			viz_c(v, VIZ_RESET));
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++) {
			const char *x = osedu_doc_get(&p->d, pcb_groups[g][i].key);

			if (!x)
				continue;
			pcb_value(pcb_groups[g][i].key, x, val, sizeof(val));
			fprintf(v->out, "    %-20s %-24s %s%s%s\n",
				pcb_groups[g][i].key, val, viz_c(v, VIZ_DIM),
				viz_tr(v, pcb_groups[g][i].en,
				       pcb_groups[g][i].ko),
				viz_c(v, VIZ_RESET));
		}
		/* After the scheduling group: what it means on this kernel. */
		if (!strcmp(pcb_groups[g][0].en, "Scheduling information"))
			explain_sched_kernel(v, p);
	}
	if (p->thead) {
		fprintf(v->out, "\n  %s%s%s\n", viz_c(v, VIZ_BOLD),
			viz_tr(v, "Threads (one task_struct each)",
			       "스레드 (각각 task_struct 하나)"),
			viz_c(v, VIZ_RESET));
		for (size_t i = p->thead; i < p->d.nlines; i++)
			if (*p->d.lines[i])
				fprintf(v->out, "    %.200s\n", p->d.lines[i]);
	}
}

void svg_pcb(const struct viz *v, const struct pcb *p)
{
	FILE *f = v->out;
	char val[64], title[96];
	int rows = 0;
	double y;

	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		rows += 2;
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++)
			rows += !!osedu_doc_get(&p->d, pcb_groups[g][i].key);
	}
	svg_begin(f, 760, 50 + rows * 16,
		  pcb_title(v, p, title, sizeof(title)));
	svg_text(f, 10, 24, "start", "title", "%s",
		 pcb_title(v, p, title, sizeof(title)));
	y = 44;
	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		y += 16;
		svg_rect(f, 10, y - 12, 740, 16, "#e8eef8", NULL);
		svg_text(f, 16, y, "start", NULL, "%s",
			 viz_tr(v, pcb_groups[g][0].en, pcb_groups[g][0].ko));
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++) {
			const char *x = osedu_doc_get(&p->d, pcb_groups[g][i].key);

			if (!x)
				continue;
			y += 16;
			pcb_value(pcb_groups[g][i].key, x, val, sizeof(val));
			svg_text(f, 30, y, "start", "mono", "%s",
				 pcb_groups[g][i].key);
			svg_text(f, 200, y, "start", "mono", "%s", val);
			svg_text(f, 420, y, "start", "dim", "%s",
				 viz_tr(v, pcb_groups[g][i].en,
					pcb_groups[g][i].ko));
		}
		y += 16;
	}
	svg_end(f);
}

void html_pcb(const struct viz *v, const struct pcb *p)
{
	FILE *f = v->out;
	char val[64], title[96];

	viz_heading(v, pcb_title(v, p, title, sizeof(title)),
		    pcb_title(v, p, title, sizeof(title)));
	viz_explain(v,
		    "The PCB (process control block) is the kernel's record of a process; in Linux it is struct task_struct. Below is what /proc/osedu/sched/<pid> read from it.",
		    "PCB(프로세스 제어 블록)는 커널이 프로세스마다 두는 기록이며, 리눅스에서는 struct task_struct입니다. 아래는 /proc/osedu/sched/<pid>가 거기서 읽은 값입니다.");
	fputs("<table>\n", f);
	for (size_t g = 0; g < NGROUPS; g++) {
		if (!group_present(p, g))
			continue;
		fputs("<tr><th colspan=\"3\">", f);
		mk_text(f, viz_tr(v, pcb_groups[g][0].en, pcb_groups[g][0].ko));
		fputs("</th></tr>\n", f);
		for (size_t i = 1; i < 12 && pcb_groups[g][i].key; i++) {
			const char *x = osedu_doc_get(&p->d, pcb_groups[g][i].key);

			if (!x)
				continue;
			pcb_value(pcb_groups[g][i].key, x, val, sizeof(val));
			mk_printf(f, "<tr><td>%s</td><td>", pcb_groups[g][i].key);
			mk_text(f, val);
			fputs("</td><td>", f);
			mk_text(f, viz_tr(v, pcb_groups[g][i].en,
					  pcb_groups[g][i].ko));
			fputs("</td></tr>\n", f);
		}
	}
	fputs("</table>\n", f);
	if (p->thead) {
		fputs("<pre>", f);
		for (size_t i = p->thead; i < p->d.nlines && i < p->thead + 200;
		     i++) {
			mk_text(f, p->d.lines[i]);
			fputc('\n', f);
		}
		fputs("</pre>\n", f);
	}
}
