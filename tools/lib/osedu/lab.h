/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The labs' harness (lab.c) and what the labs of one module share (lab_sched.c, lab_idt.c,
 * lab_pagewalk.c, lab_ipc.c). A lab is one program per concept: it makes the
 * phenomenon happen, prints the live evidence from /proc/osedu beside an
 * independent source, and asserts the phenomenon. Contract
 * (tools/labs/run and the labs kselftest rely on it):
 *
 *   LAB [ARGS]                    run; the last line is "RESULT: PASS ..."
 *                                 or "RESULT: FAIL ...", exit 0 or 1
 *   LAB --explain [--lang en|ko]  print the concept and what to notice
 */
#ifndef OSEDU_LAB_H
#define OSEDU_LAB_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "osedu.h"

/* ---- lab.c: the harness ---------------------------------------------- */

struct lab {
	const char *name;
	const char *explain_en;	/* the concept, then what to notice */
	const char *explain_ko;
};

/*
 * Handle --explain and --lang; returns the index of the first argument
 * left for the lab itself (argv[i..argc-1]).
 */
int lab_start(const struct lab *l, int argc, char **argv);
/* Record one assertion of the phenomenon; prints it either way. */
bool lab_check(bool ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The last line of every lab; returns the exit status. */
int lab_finish(const char *shown);
/* Give up: the lab could not run at all (module missing, no memory...). */
void lab_die(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
/* The whole of a file, or lab_die. */
char *lab_must_read(const char *path);
/* DIR/PID (DIR/self for 0), waiting for the entry of a process just forked. */
char *lab_must_read_view(const char *dir, pid_t pid);
/* lab_die with the "module not loaded" message if PATH is missing. */
void lab_need(const char *path, const char *module);

/* ---- lab_sched.c: the sched_viz labs ---------------------------------- */

#define SL_MODULE	"osedu_sched_viz"
#define SL_CONTROL	OSEDU_ROOT "/sched/control"
#define SL_TRACE	OSEDU_ROOT "/sched/trace"

/* The trace as drained: the text, then its events in time order. */
struct sl_trace {
	struct osedu_buf text;
	struct osedu_trace parsed;
	struct osedu_ev *ev;	/* parsed.ev once finished */
	int n;
	long long lost;
};

/* Start tracing with FILTER ("" or "pid=N", "comm=NAME"), from empty. */
void sl_trace_start(const char *filter);
/*
 * Move what the trace holds now into T. The per-CPU buffers are small, so
 * a lab that runs for seconds calls this every few tens of ms.
 */
void sl_trace_drain(struct sl_trace *t);
/* Stop tracing, take the rest, parse everything into T in time order. */
void sl_trace_finish(struct sl_trace *t);
void sl_trace_free(struct sl_trace *t);
/* Print one event as the trace had it, indented under the lab's text. */
void sl_print_ev(const struct osedu_ev *e, long long t0);

/* /proc/osedu/sched/<pid>: the PCB view (waits for a young process's). */
char *sl_pcb(pid_t pid);
/* Field FIELD (1-based, as in proc(5)) of /proc/<pid>/task/<tid>/stat. */
long long sl_stat(pid_t pid, pid_t tid, int field);
long long sl_ticks_ns(long long ticks);
/* A "key: number" line of /proc/<pid>/status. */
long long sl_status(pid_t pid, const char *key);
/* A "key : value" line of /proc/<pid>/sched, times in ns. */
long long sl_procsched(pid_t pid, const char *key);
/* Wait (up to 30 s) until PID sleeps in state S. */
void sl_wait_blocked(pid_t pid);
/* The tids listed in /proc/<pid>/task: the kernel's own thread list. */
int sl_task_dir(pid_t pid, pid_t *tids, int max);

/* ---- lab_idt.c: the interrupt labs ------------------------------------ */

#define IDT_TABLE	OSEDU_ROOT "/idt/table"

/* One row of idt/table (docs/proc-format.md). */
struct idt_gate {
	unsigned int vector;
	char name[32];
	char type[16];
	int dpl, ist, present;
	unsigned int selector;
	char handler[96];
	unsigned long long address;	/* 0 unless shown to the reader */
};

/* The gate for VECTOR; 0, or -1 when the table is missing or lacks it. */
int idt_gate(unsigned int vector, struct idt_gate *g);
void idt_show(const struct idt_gate *g);
/* Check the handler against kallsyms when the reader may see addresses. */
void idt_check_kallsyms(const struct idt_gate *g);

/* ---- lab_pagewalk.c: the memory labs --------------------------------- */

#define PW_QUERY	OSEDU_ROOT "/pagewalk/query"
#define PW_PAGE		4096UL

/* One row of a range answer (docs/proc-format.md, pagewalk/query). */
struct pw_page {
	unsigned long long va;
	unsigned long long pfn;
	char state[16];
	char flags[192];	/* hardware bits, then the kernel's state */
};

/* One page as /proc/<pid>/pagemap tells it. */
struct pm_page {
	bool present;
	bool exclusive;		/* bit 56: mapped by exactly one process */
	unsigned long long pfn;	/* bits 0-54; 0 unless root */
};

/* Is WORD one of the space-separated words of P's flags? */
bool pw_has(const struct pw_page *p, const char *word);
/* The pages [start, start + n pages) of PID from one query; 0 or -errno. */
int pw_range(pid_t pid, unsigned long start, size_t n, struct pw_page *out);
int pw_one(pid_t pid, unsigned long va, struct pw_page *out);
/* Page VA of PID from /proc/PID/pagemap; 0 or -errno. */
int pm_page(pid_t pid, unsigned long va, struct pm_page *out);
/*
 * Check, as a lab check, that /proc/PID/pagemap gives P's frame for P's
 * page; PM (if not NULL) gets what pagemap said. True if it did.
 */
bool pw_check_pagemap(const char *who, pid_t pid, const struct pw_page *p,
		      struct pm_page *pm);
/* The memory labs compare frames, which only root may see. */
void pw_need_root(void);

/* ---- lab_ipc.c: the IPC and synchronisation labs --------------------- */

#define IL_MODULE	"osedu_ipc_demo"
#define IL_WAITS	OSEDU_ROOT "/ipc/waits"

/* /proc/osedu/ipc/<pid> (0: self), or lab_die. */
char *il_view(pid_t pid);
/* Its "fd: FD" block, malloc'ed, or lab_die. */
char *il_fd_block(const char *view, int fd);
/* The ipc/waits row of TID now; false if it is not listed. */
bool il_wait_row(pid_t tid, struct osedu_wait *w);
/* How many rows of ipc/waits have OBJECT. */
int il_waiters(const char *object);
/* Wait (up to 30 s) until thread TID of PID sleeps in system call NR. */
void il_wait_syscall(pid_t pid, pid_t tid, long nr);
/* A "Key:\t%016llx" signal mask of /proc/<pid>/status. */
unsigned long long il_status_mask(pid_t pid, const char *key);
/* The caller's thread id. */
pid_t il_gettid(void);

/* ---- lab_vfs.c: the file-system labs --------------------------------- */

#define VL_DISKS	"/mnt/disks"	/* vm/run -d mounts its disks here */

struct osedu_blockmap;

/* Die unless the disks of vm/run -d are mounted (or DIR is given). */
void vl_need_disks(void);
/* Ask vfs/blockmap about REQ; the parsed map, and the text in *TEXTP. */
void vl_map(const char *req, struct osedu_blockmap *bm, char **textp);
/* Print a map's rows, indented, holes as "hole". */
void vl_show_runs(const struct osedu_blockmap *bm);

/* ---- lab_record.c (branch mem): what a lab measured, for visualize -- */

#include <stdio.h>

/*
 * The record of lab NAME opened for writing, its first line
 * "osedu lab-NAME 1" written: OSEDU_LAB_RECORD/NAME.rec when the
 * environment names a directory in OSEDU_LAB_RECORD, else NULL (no
 * record asked for). lab_die when it cannot be made.
 */
FILE *lab_record_open(const char *name);
/* Close it (NULL: nothing); lab_die on a write error. */
void lab_record_close(FILE *f);

#endif /* OSEDU_LAB_H */
