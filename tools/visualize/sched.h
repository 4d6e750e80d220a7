/* SPDX-License-Identifier: GPL-2.0 */
/*
 * visualize sched: what its files share. The view is split by concept, as
 * perf keeps its front ends apart: the model (sched_model.c), the PCB
 * (sched_pcb.c), what every rendering shares (sched_draw.c), text, SVG and
 * HTML (sched_text.c, sched_svg.c, sched_html.c), live capture
 * (sched_live.c) and the subcommand (sched.c). Trace lines are parsed by
 * libosedu. State is passed explicitly: there is none at file scope but
 * the signal flag of the live capture.
 */
#ifndef OSEDU_VIZ_SCHED_H
#define OSEDU_VIZ_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "viz.h"

#define MODULE_NAME	"osedu_sched_viz"
#define LIVE_ROOT	"/proc/osedu"
#define MAX_TASKS	65536	/* further tasks are folded into "other" */
#define NLETTERS	52	/* A-Z a-z, then '*' for the rest */
#define TEXT_COLS	64	/* time columns of the terminal chart */
#define LIST_MAX	40	/* switches listed one by one */
#define LANES_MAX	12	/* task lanes drawn */

/* ---- the model ---------------------------------------------------------- */

/* What prev_state says about why a task left the CPU. */
enum reason { RS_BLOCK_S, RS_BLOCK_D, RS_BLOCK_OTHER, RS_PREEMPT,
	      RS_PREEMPT_K, RS_EXIT, RS_END, RS_NR };

enum tstate { TS_UNKNOWN, TS_NEW, TS_READY, TS_RUNNING, TS_BLOCKED,
	      TS_DEAD };

struct task {
	int tid;
	int parent;		/* tid from a fork event, 0 if unknown */
	char comm[OSEDU_COMM_MAX];
	bool focus;		/* in the command's process tree (or --pid's) */
	int letter;		/* index into the letters; -1 if none */
	int state;		/* enum tstate, while building */
	int cpu;		/* while running */
	uint64_t since;
	uint64_t run_ns, ready_ns, blocked_ns;
	unsigned long runs, out[RS_NR];
	uint64_t first_ts;
	bool seen;		/* in an event, not only in the PCB */
};

/* A stretch of time with one owner: a CPU's task, or a task's state. */
struct span {
	uint64_t t0, t1;
	int task;		/* task index; -1 idle; -2 events lost */
	int what;		/* CPU: the end's reason; task: TS_* */
	int cpu;		/* task spans: the CPU of a run */
};

struct spans {
	struct span *s;
	size_t n, cap;
};

/* Transitions of the process-state diagram. */
enum tr { TR_NEW_READY, TR_BLOCKED_READY, TR_READY_RUNNING,
	  TR_RUNNING_READY, TR_RUNNING_READY_K, TR_RUNNING_BLOCKED_S,
	  TR_RUNNING_BLOCKED_D, TR_RUNNING_BLOCKED_OTHER, TR_RUNNING_ZOMBIE,
	  TR_EXIT, TR_FORK, TR_MIGRATE, TR_NR };

struct model {
	struct osedu_trace trace;	/* events, malformed lines, events lost */
	uint64_t t0, t1;
	int ncpu;

	struct task *task;
	size_t ntask, taskcap;
	int *hash;		/* open addressing: tid -> index + 1 */
	size_t hashcap;
	bool tasks_full;

	int root;		/* tid the focus starts from; 0 none */
	size_t nfocus, nletters;
	int *lane;		/* task indices drawn as lanes */
	size_t nlanes;

	struct spans *cpu;	/* per CPU: who ran */
	struct spans *tl;	/* per lane: the task's states */
	unsigned long tr[TR_NR][2];	/* [transition][all, focus] */
	unsigned long nswitch;
	uint64_t span_ns;
};

/* A PCB file kept as the document plus its thread table's start. */
struct pcb {
	struct osedu_doc d;
	bool ok;
	size_t thead;		/* line of the thread table's header; 0 none */
	char name[4200];	/* the path or "pid N" */
};

/* sched_model.c */
void count(struct model *m, int tr, int task);
int model_build(struct model *m, const struct osedu_doc *d, int root,
		const int *seed, size_t nseed);
void model_free(struct model *m);
int reason_of(const char *state);
int task_of(struct model *m, int tid, const char *comm, uint64_t ts);

/* sched_pcb.c */
void html_pcb(const struct viz *v, const struct pcb *p);
int pcb_from_doc(struct pcb *p, const char *name);
int pcb_pid(const struct pcb *p);
size_t pcb_tids(const struct pcb *p, int *out, size_t max);
void svg_pcb(const struct viz *v, const struct pcb *p);
void text_pcb(const struct viz *v, const struct pcb *p);

/* sched_draw.c */
#define OTHER_FILL "#d0d0d0"
#define LOST_FILL "#ff4040"

struct colpick {
	double *acc;		/* nkeys */
	int *touched;
	int ntouched;
};

void column_times(const struct spans *s, uint64_t t0, uint64_t t1, int ncol,
		  int nkeys,
		  int (*key)(const struct model *, const struct span *),
		  const struct model *m,
		  void (*pick)(void *ctx, int col, const double *acc,
			       double width),
		  void *ctx);
const char *fill_of(const struct model *m, int ti);
char letter(int l);
double ms(uint64_t ns);
void pad(FILE *f, const char *s, int w, bool right);
const char *reason_short(int r);
const char *reason_text(const struct viz *v, const char *state);
const char *task_name(const struct model *m, int ti, char *buf, size_t n);
enum viz_color tcolor(int l);

/* sched_text.c */
bool focus_switch(const struct model *m, const struct osedu_ev *e);
void text_gantt(const struct viz *v, const struct model *m);
void text_legend(const struct viz *v, const struct model *m);
void text_states(const struct viz *v, const struct model *m);
void text_summary(const struct viz *v, const struct model *m, const char *what);
void text_switches(const struct viz *v, const struct model *m);
unsigned long tr2(const struct model *m, int tr);

/* sched_svg.c */
void svg_figure(const struct viz *v, const struct model *m, const char *what);

/* sched_html.c */
void html_switches(const struct viz *v, const struct model *m);
void html_tasks(const struct viz *v, const struct model *m);

/* sched_live.c */
int control(const struct viz *v, const char *cmd);
int live(const struct viz *v, char **cmd, double secs,
	 struct osedu_buf *trace, struct osedu_buf *pcb, int *child);

#endif /* OSEDU_VIZ_SCHED_H */
