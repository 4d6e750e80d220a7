/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OSEDU_SCHED_VIZ_INTERNAL_H
#define _OSEDU_SCHED_VIZ_INTERNAL_H

#include <linux/sched.h>

struct proc_dir_entry;

/* pcb.c: the per-task view "sched". */
extern struct osedu_view sv_pcb_view;
void sv_pcb_init(void);
const char *sv_state_name(struct task_struct *t);
const char *sv_policy_name(unsigned int policy);

/* wchan.c: where a blocked task sleeps, or 0. */
unsigned long sv_wchan(struct task_struct *t);

/* cpus.c: /proc/osedu/sched/cpus. */
struct proc_dir_entry *sv_cpus_create(struct proc_dir_entry *dir);

/* trace.c: /proc/osedu/sched/control and trace. */
int sv_trace_init(struct proc_dir_entry *dir);
void sv_trace_exit(void);

#endif /* _OSEDU_SCHED_VIZ_INTERNAL_H */
