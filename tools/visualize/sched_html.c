// SPDX-License-Identifier: GPL-2.0
/*
 * visualize sched as HTML: the tasks and the switches as tables beside
 * the figure.
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

/* ---- HTML --------------------------------------------------------------- */

void html_tasks(const struct viz *v, const struct model *m)
{
	FILE *f = v->out;
	char name[48];

	mk_printf(f, "<table>\n<tr><th></th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>S</th><th>D</th><th>R</th><th>R+</th><th>Z</th></tr>\n",
		viz_tr(v, "task", "태스크"), viz_tr(v, "runs", "실행 횟수"),
		viz_tr(v, "running ms", "실행 ms"),
		viz_tr(v, "ready ms", "준비 ms"),
		viz_tr(v, "blocked ms", "블록 ms"));
	for (size_t l = 0; l < m->nlanes; l++) {
		const struct task *t = &m->task[m->lane[l]];

		mk_printf(f, "<tr><td style=\"background:%s\">%c</td><td>",
			fill_of(m, m->lane[l]), letter(t->letter));
		mk_text(f, task_name(m, m->lane[l], name, sizeof(name)));
		mk_printf(f, "</td><td>%lu</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%lu</td><td>%lu</td><td>%lu</td><td>%lu</td><td>%lu</td></tr>\n",
			t->runs, ms(t->run_ns), ms(t->ready_ns),
			ms(t->blocked_ns), t->out[RS_BLOCK_S],
			t->out[RS_BLOCK_D] + t->out[RS_BLOCK_OTHER],
			t->out[RS_PREEMPT], t->out[RS_PREEMPT_K],
			t->out[RS_EXIT]);
	}
	fputs("</table>\n", f);
}

void html_switches(const struct viz *v, const struct model *m)
{
	FILE *f = v->out;
	size_t shown = 0, total = 0;
	char buf[48];

	for (size_t i = 0; i < m->trace.n; i++) {
		const struct osedu_ev *e = &m->trace.ev[i];

		if (!focus_switch(m, e))
			continue;
		if (!total++) {
			viz_heading(v, "The switches, one by one",
				    "문맥교환 하나하나");
			mk_printf(f, "<table>\n<tr><th>ms</th><th>CPU</th><th>%s</th><th>prev_state</th><th>%s</th><th>%s</th></tr>\n",
				viz_tr(v, "leaves", "나감"),
				viz_tr(v, "enters", "들어옴"),
				viz_tr(v, "why it left", "나간 이유"));
		}
		if (shown >= LIST_MAX)
			continue;
		shown++;
		mk_printf(f, "<tr><td>%.3f</td><td>%d</td><td>",
			ms(e->ts - m->t0), e->cpu);
		snprintf(buf, sizeof(buf), "%s/%d", e->comm, e->tid);
		mk_text(f, buf);
		fputs("</td><td>", f);
		mk_text(f, e->state);
		fputs("</td><td>", f);
		snprintf(buf, sizeof(buf), "%s/%d", e->comm2, e->tid2);
		mk_text(f, buf);
		fputs("</td><td>", f);
		mk_text(f, e->tid ? reason_text(v, e->state) :
			viz_tr(v, "(idle)", "(유휴)"));
		fputs("</td></tr>\n", f);
	}
	if (total)
		fputs("</table>\n", f);
	if (total > shown)
		mk_printf(f, "<p>... %zu %s</p>\n", total - shown,
			viz_tr(v, "more", "개 더"));
}
