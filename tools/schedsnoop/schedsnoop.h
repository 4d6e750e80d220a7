/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One scheduler event as the BPF side of schedsnoop hands it to user space
 * through the ring buffer; the fields mirror the osedu sched_viz module's
 * record so that both print the same line for the same event.
 */
#ifndef SCHEDSNOOP_H
#define SCHEDSNOOP_H

#define SS_COMM_LEN	16		/* TASK_COMM_LEN, not in BTF */
#define SS_RINGBUF_BYTES (4 << 20)	/* a power of two of pages */

enum ss_type { SS_SWITCH, SS_WAKEUP, SS_WAKEUP_NEW, SS_FORK, SS_EXIT,
	       SS_MIGRATE };

struct ss_event {
	unsigned long long ts;	/* CLOCK_MONOTONIC ns, bpf_ktime_get_ns() */
	unsigned int cpu;	/* the CPU the event happened on */
	unsigned char type;
	char state[3];		/* switch: prev's state letter, "R+" if preempted */
	int pid;		/* prev, woken, parent, exiting, migrating */
	int pid2;		/* next, child */
	int cpu2;		/* wakeup: target CPU; migrate: destination */
	int cpu1;		/* migrate: origin */
	char comm[SS_COMM_LEN];
	char comm2[SS_COMM_LEN];
};

#endif
