// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched: the context-switch trace of /proc/osedu/sched/trace as
 * a per-CPU Gantt chart with the state of every traced task between its
 * runs, the textbook process-state diagram with the transitions the trace
 * really made, and one PCB (/proc/osedu/sched/<pid>) explained.
 *
 * The trace is a stream that a read consumes, so a live run keeps one
 * descriptor open and drains it while the command runs: the module's
 * per-CPU buffers are fixed and drop what nobody reads in time. A recorded
 * copy (--root DIR) is read as a finished stream: DIR/sched/trace.
 *
 * Everything drawn is derived from the trace alone; the PCB is shown as
 * the module printed it. Nothing here depends on the time or the machine
 * it runs on, so a recording always renders the same.
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

/* ---- one rendering of everything we have ------------------------------- */

struct result {
	struct model m;
	bool have_trace;
	struct pcb pcb;
	const char *what;	/* "sh -c ..." or "the whole system" */
};

static void render(const struct viz *v, struct result *r)
{
	const struct model *m = &r->m;
	bool trace = r->have_trace && m->trace.n;

	if (r->have_trace && !m->trace.n)
		viz_err("the trace holds no events%s",
			m->trace.bad ? " (only malformed lines)" : "");
	switch (v->format) {
	case VIZ_TEXT:
		if (trace) {
			text_summary(v, m, r->what);
			text_gantt(v, m);
			text_legend(v, m);
			text_switches(v, m);
			text_states(v, m);
		}
		if (r->pcb.ok)
			text_pcb(v, &r->pcb);
		break;
	case VIZ_SVG:
		/* One standalone figure: the trace if there is one. */
		if (trace)
			svg_figure(v, m, r->what);
		else if (r->pcb.ok)
			svg_pcb(v, &r->pcb);
		break;
	case VIZ_HTML:
		viz_html_begin(v, viz_tr(v, "Scheduling: context switches, process states and the PCB",
					 "스케줄링: 문맥교환, 프로세스 상태, PCB"));
		if (trace) {
			viz_heading(v, "Context switches per CPU",
				    "CPU별 문맥교환");
			viz_explain(v,
				    "Each lane is one CPU; each coloured slice is one task of the traced command running there (grey: other tasks, white: idle). The marks under a slice's end say why the task left the CPU: blue S/D blocked (it waits for an event), orange R preempted or yielded (it stays Ready), red R+ preempted inside the kernel, black Z exited. Below, one lane per task: solid Running, pale Ready (waiting for a CPU), a line Blocked.",
				    "한 줄이 CPU 하나이고, 색칠한 구간은 추적한 명령의 태스크가 그 CPU에서 실행한 구간입니다(회색: 다른 태스크, 흰색: 유휴). 구간 끝 아래의 표시는 태스크가 CPU를 내놓은 이유입니다: 파랑 S/D 블록(이벤트를 기다림), 주황 R 선점 또는 양보(준비 상태로 남음), 빨강 R+ 커널 안에서 선점, 검정 Z 종료. 아래는 태스크마다 한 줄: 진한 색 실행, 옅은 색 준비(CPU를 기다림), 선 블록.");
			fputs("<div>\n", v->out);
			svg_figure(v, m, r->what);
			fputs("</div>\n", v->out);
			if (m->trace.lost)
				mk_printf(v->out, "<p><b>%llu %s</b></p>\n",
					(unsigned long long)m->trace.lost,
					viz_tr(v, "events were lost: a CPU's buffer was full before they were read.",
					       "개 이벤트를 잃었습니다: 읽기 전에 CPU 버퍼가 가득 찼습니다."));
			if (m->trace.bad)
				mk_printf(v->out, "<p>%zu %s</p>\n", m->trace.bad,
					viz_tr(v, "malformed lines skipped.",
					       "개의 잘못된 줄을 건너뛰었습니다."));
			viz_heading(v, "Tasks", "태스크");
			html_tasks(v, m);
			html_switches(v, m);
		}
		if (r->pcb.ok)
			html_pcb(v, &r->pcb);
		viz_html_end(v);
		break;
	}
}

static void result_free(struct result *r)
{
	model_free(&r->m);
	if (r->pcb.ok)
		osedu_doc_free(&r->pcb.d);
}

/* Model from the trace document, focused on ROOT or the PCB's threads. */
static int result_trace(struct result *r, const struct osedu_doc *d, int root)
{
	int seed[256];
	size_t n = 0;

	if (strcmp(d->view, "sched-trace")) {
		viz_err("an \"osedu %s\" file, not a trace (\"osedu sched-trace\")",
			d->view);
		return -1;
	}
	if (root)
		seed[n++] = root;
	else if (r->pcb.ok)
		n = pcb_tids(&r->pcb, seed, 256);
	if (model_build(&r->m, d, root ? root : pcb_pid(&r->pcb), seed, n))
		return -1;
	r->have_trace = true;
	return 0;
}

/* ---- the subcommand ----------------------------------------------------- */

static bool is_live(const struct viz *v)
{
	size_t n = strlen(v->root);

	while (n > 1 && v->root[n - 1] == '/')
		n--;
	return n == strlen(LIVE_ROOT) && !strncmp(v->root, LIVE_ROOT, n);
}

static int load_pcb(const struct viz *v, struct pcb *p, const char *pid,
		    bool quiet_missing)
{
	char rel[64], path[4200];

	snprintf(rel, sizeof(rel), "sched/%.20s", pid);
	snprintf(path, sizeof(path), "%s/%s", v->root, rel);
	if (quiet_missing && access(path, F_OK))
		return -1;
	if (viz_doc_load(v, &p->d, rel, MODULE_NAME))
		return -1;
	return pcb_from_doc(p, path);
}

static int pcb_from_buf(struct pcb *p, struct osedu_buf *b, int pid)
{
	char name[64];

	if (!b->p)
		return -1;
	snprintf(name, sizeof(name), LIVE_ROOT "/sched/%d", pid);
	if (viz_doc_parse(&p->d, name, b->p, b->len)) {
		b->p = NULL;
		return -1;
	}
	b->p = NULL;
	return pcb_from_doc(p, name);
}

static int sched_run(struct viz *v, int argc, char **argv)
{
	const char *pid_arg = NULL;
	char **cmd = NULL, what[256];
	double secs = 0;
	struct result r = { 0 };
	struct osedu_doc d;
	int i, child = 0, root = 0, rc = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			if (i + 1 < argc)
				cmd = argv + i + 1;
			break;
		} else if (!strcmp(a, "--trace") && i + 1 < argc) {
			char *end;

			secs = strtod(argv[++i], &end);
			if (*end || !(secs > 0) || secs > 86400) {
				viz_err("--trace %s: a number of seconds", argv[i]);
				return 2;
			}
		} else if (!strcmp(a, "--pid") && i + 1 < argc) {
			int64_t p;

			pid_arg = argv[++i];
			if (strcmp(pid_arg, "self") &&
			    (!osedu_s64(pid_arg, &p) || p <= 0 || p > 0x3fffffff)) {
				viz_err("--pid %s: a process id or self", pid_arg);
				return 2;
			}
		} else {
			viz_err("sched: unknown argument \"%s\"; usage: visualize sched [--trace SECONDS] [--pid PID] [-- CMD ...]",
				a);
			return 2;
		}
	}

	if (!is_live(v)) {
		/* A recording: DIR/sched/trace and DIR/sched/<pid>|self. */
		char path[4200];

		if (cmd || secs > 0) {
			viz_err("--root %s is a recording: it cannot run a command or trace; drop -- CMD and --trace",
				v->root);
			return 2;
		}
		/*
		 * A recording holds the PCBs its recorder copied; a pid
		 * without one still names whom the trace is about.
		 */
		if (load_pcb(v, &r.pcb, pid_arg ? pid_arg : "self", true) &&
		    pid_arg) {
			if (!strcmp(pid_arg, "self"))
				return 1;
			root = atoi(pid_arg);
		}
		snprintf(path, sizeof(path), "%s/sched/trace", v->root);
		if (!access(path, F_OK)) {
			if (viz_doc_load(v, &d, "sched/trace", MODULE_NAME))
				goto out;
			snprintf(what, sizeof(what), "%s%s%s",
				 viz_tr(v, "recording", "기록"),
				 r.pcb.ok ? ", pid " : "",
				 r.pcb.ok ? osedu_doc_get(&r.pcb.d, "pid") ?: "?" : "");
			r.what = what;
			rc = result_trace(&r, &d, root) ? 1 : 0;
			osedu_doc_free(&d);
			if (rc)
				goto out;
		} else if (!r.pcb.ok) {
			/* Nothing recorded: say why, as for a live file. */
			if (!viz_doc_load(v, &d, "sched/trace", MODULE_NAME))
				osedu_doc_free(&d);
			return 1;
		}
		render(v, &r);
		rc = 0;
		goto out;
	}

	if (cmd || secs > 0) {
		struct osedu_buf tb = { 0 }, pb = { 0 };
		size_t k = 0;

		if (live(v, cmd, secs, &tb, &pb, &child)) {
			free(tb.p);
			free(pb.p);
			return 1;
		}
		if (cmd) {
			for (int j = 0; cmd[j] && k < sizeof(what) - 1; j++)
				k += snprintf(what + k, sizeof(what) - k, "%s%s",
					      j ? " " : "", cmd[j]);
		} else {
			snprintf(what, sizeof(what), "%s, %g s",
				 viz_tr(v, "the whole system", "시스템 전체"),
				 secs);
		}
		r.what = what;
		if (pid_arg)
			load_pcb(v, &r.pcb, pid_arg, false);
		else if (child && pcb_from_buf(&r.pcb, &pb, child))
			viz_err("no PCB of %d: it exited before it could be read",
				child);
		free(pb.p);
		if (!tb.p) {
			viz_err("the trace could not be read");
			goto out;
		}
		if (viz_doc_parse(&d, LIVE_ROOT "/sched/trace", tb.p, tb.len))
			goto out;
		rc = result_trace(&r, &d, child) ? 1 : 0;
		osedu_doc_free(&d);
		if (rc)
			goto out;
		if (r.m.trace.lost)
			viz_err("%llu events were lost (the module's per-CPU buffers were full)",
				(unsigned long long)r.m.trace.lost);
		render(v, &r);
		rc = 0;
		goto out;
	}

	if (load_pcb(v, &r.pcb, pid_arg ? pid_arg : "self", false))
		return 1;
	render(v, &r);
	rc = 0;
out:
	result_free(&r);
	return rc;
}

/*
 * DATA is a trace, optionally followed by a NUL and a PCB (the documents
 * make fuzz joins): the trace focused on the PCB's threads, and the PCB,
 * rendered in v->format; a lone PCB too.
 */
static int sched_fuzz(struct viz *v, const uint8_t *data, size_t len)
{
	const uint8_t *nul = memchr(data, '\0', len);
	size_t n1 = nul ? (size_t)(nul - data) : len;
	struct result r = { .what = "fuzz" };
	struct osedu_doc d;
	int rc = 1;

	if (nul && !viz_doc_parse_mem(&r.pcb.d, "fuzz", nul + 1,
				      len - n1 - 1))
		pcb_from_doc(&r.pcb, "fuzz");
	if (!viz_doc_parse_mem(&d, "fuzz", data, n1)) {
		if (!strcmp(d.view, "sched") && !r.pcb.ok) {
			/* A PCB alone. */
			r.pcb.d = d;
			if (!pcb_from_doc(&r.pcb, "fuzz"))
				rc = 0;
		} else {
			rc = result_trace(&r, &d, 0);
			osedu_doc_free(&d);
		}
		if (!rc)
			render(v, &r);
	}
	result_free(&r);
	return rc;
}

const struct viz_view viz_view_sched = {
	.name = "sched",
	.usage = "sched [--trace S] [--pid PID] [-- CMD]",
	.summary = "context switches as a Gantt chart, process states, the PCB",
	.run = sched_run,
	.fuzz = sched_fuzz,
};
