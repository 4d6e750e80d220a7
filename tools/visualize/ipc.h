/* SPDX-License-Identifier: GPL-2.0 */
/*
 * visualize ipc: the model read from /proc/osedu/ipc (docs/proc-format.md,
 * "ipc_demo") and the wait-for graph built from it; ipc.c parses and
 * finds the cycles, ipc_draw.c renders.
 */
#ifndef OSEDU_VIZ_IPC_H
#define OSEDU_VIZ_IPC_H

#include "viz.h"

struct ipc_pipe {
	int fd;
	char kind[16], object[64];
	long long head, tail, ring, max_usage, used, bytes, readers, writers;
	char rwait[128], wwait[128];
};

struct ipc_fd {
	int fd;
	char kind[16], object[64], detail[160];
	/*
	 * A SysV segment (fd -1): its id, and who attaches it, joined from
	 * every ipc/<pid> and /proc/sysvipc/shm (ipc_shm.c).
	 */
	long long shmid;
	char sharers[160];
	long long attaches, nattch;	/* nattch -1: not known */
};

struct ipc_thread {
	int tid;
	char state;
	unsigned long long pending, blocked;
};

struct ipc_proc {
	int pid;
	char comm[32];
	unsigned long long ns_ipc;
	unsigned long long shared, ignored, caught;
	struct ipc_pipe *pipes;
	size_t npipes;
	struct ipc_fd *fds;		/* sockets, event fds, queues, shm */
	size_t nfds;
	struct ipc_thread *threads;
	size_t nthreads;
	size_t shm_unread;	/* ipc/<pid> files the join could not read */
};

struct ipc_model {
	struct osedu_wait *w;
	size_t nw;
	size_t nkthreads;	/* kernel threads' rows: counted, not drawn */
	int *next;		/* the row each row waits for, or -1 */
	int *cycle;		/* the cycle number of each row, or 0 */
	int ncycles;
	bool have_sysv, have_proc;
	unsigned long long sysv_ns;	/* the reader's IPC namespace */
	long long sysv_totals[6];	/* sem, msg, shm ids; msg_bytes, msg_queued, shm_pages */
	size_t nsysv;
	struct ipc_proc proc;
};

void ipc_render(const struct viz *v, const struct ipc_model *m);
/* ipc_shm.c: name who attaches each SysV segment of m->proc. */
void ipc_join_shm(const struct viz *v, struct ipc_model *m);

#endif /* OSEDU_VIZ_IPC_H */
