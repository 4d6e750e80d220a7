/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OSEDU_IPC_INTERNAL_H
#define _OSEDU_IPC_INTERNAL_H

#include <linux/seq_file.h>
#include <linux/types.h>

#include <osedu/core.h>

struct file;
struct pid;
struct pid_namespace;
struct proc_dir_entry;
struct sock;
struct task_struct;

/* main.c: what init learnt about kernel objects modules cannot name. */
bool ipc_is_pipe(const struct file *file);
bool ipc_is_sysv_shm(const struct file *file);
int ipc_learn_init(void);

/* The pid namespace of the procfs instance @m was opened through. */
struct pid_namespace *ipc_seq_pid_ns(struct seq_file *m);
/* @pid's number in @m's pid namespace; 0 when it has none there. */
pid_t ipc_pid_nr(struct seq_file *m, struct pid *pid);
/* A number of @task's pid namespace (a tid in a futex word), in @m's. */
pid_t ipc_task_ns_nr(struct seq_file *m, struct task_struct *task, pid_t nr);

/* view.c: /proc/osedu/ipc/<pid> */
extern struct osedu_view ipc_view;

/*
 * The identity of the IPC object behind @file, as its /proc/<pid>/fd link
 * names it ("pipe:[123]", "socket:[45]") and the kind: "pipe", "fifo",
 * "unix", "tcp", "eventfd", "mqueue", "file", ...
 */
const char *ipc_file_kind(const struct file *file);
void ipc_seq_object(struct seq_file *m, const struct file *file, pid_t pid,
		    unsigned int fd);

/* pipe.c */
void ipc_pipe_show(struct seq_file *m, struct file *file);
/* unix.c, inet.c */
bool ipc_sock_show(struct seq_file *m, struct file *file);
void ipc_unix_show(struct seq_file *m, struct sock *sk);
void ipc_inet_show(struct seq_file *m, struct sock *sk);
const char *ipc_sock_kind(struct sock *sk);
/* fdinfo.c: eventfd, signalfd, timerfd, epoll, mqueue */
const char *ipc_anon_kind(const struct file *file);
bool ipc_fdinfo_show(struct seq_file *m, struct file *file);
/* shm.c: SysV segments attached through the VMAs */
void ipc_shm_show(struct seq_file *m, struct task_struct *task);
/* signal.c */
void ipc_signal_process_show(struct seq_file *m, struct osedu_task_file *tf,
			     struct task_struct *task);
void ipc_signal_threads_show(struct seq_file *m, struct task_struct *task);

/* sysv.c, waits.c: system-wide files */
extern struct osedu_file ipc_sysv_file;
extern struct osedu_file ipc_waits_file;

/* locks.c: the lock that keeps a file-lock request waiting */
struct ipc_lock_req {
	bool flock;		/* flock(2); else a POSIX or OFD lock */
	bool ofd;
	bool write;
	loff_t start, end;
	const void *owner;	/* the requester's fl_owner */
};

/*
 * Is a lock held that conflicts with @req? 1 with its holder's pid (of
 * the initial pid namespace; -1 for an OFD lock) in *@holder, or 0.
 */
int ipc_lock_holder(struct file *file, const struct ipc_lock_req *req,
		    pid_t *holder);

/* syscalls.c: the calls a thread blocks in, and on what */
enum ipc_wkind { W_OTHER, W_FD_READ, W_FD_WRITE, W_EPOLL, W_POLL, W_FUTEX,
		 W_SEM, W_MSGRCV, W_MSGSND, W_MQ, W_FLOCK, W_FCNTL, W_WAIT4,
		 W_WAITID, W_SLEEP, W_SIGNAL,
		 /* 32-bit multiplexers: ipc(2), socketcall(2) */
		 W_IPC, W_SOCKETCALL };

struct ipc_wsys {
	int nr;
	const char *name;
	enum ipc_wkind kind;
};

/*
 * The entry of @sc's call in its ABI's table, or NULL (unknown: "other").
 * *@abi is NULL for the native ABI, else its name ("i386", "arm").
 */
const struct ipc_wsys *ipc_wait_sys(const struct osedu_syscall *sc,
				    const char **abi);

/* umem.c: another process's memory, read only when the reader may */
int ipc_read_user(struct file *file, struct task_struct *task,
		  unsigned long addr, void *buf, size_t len);

#endif /* _OSEDU_IPC_INTERNAL_H */
