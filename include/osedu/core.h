/* SPDX-License-Identifier: GPL-2.0 */
/*
 * osedu_core: the API every osedu module builds on.
 *
 * Core owns /proc/osedu and /sys/kernel/debug/osedu, keeps one file per
 * live process for every registered per-task view, and implements the
 * access policy of DESIGN.md once so that no module re-implements it.
 */
#ifndef _OSEDU_CORE_H
#define _OSEDU_CORE_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/types.h>
#include <linux/xarray.h>

#include <uapi/osedu/format.h>

struct dentry;
struct file;
struct mm_struct;
struct pid;
struct proc_dir_entry;
struct task_struct;

/*
 * What the opener of a file may see. Decided once at open from the
 * opener's credentials (file->f_cred), never from current at read time.
 */
#define OSEDU_ACC_ADMIN		BIT(0)	/* CAP_SYS_ADMIN in the init user ns */
#define OSEDU_ACC_PHYS		BIT(1)	/* physical frames and addresses */
#define OSEDU_ACC_KADDR		BIT(2)	/* kernel virtual addresses */

struct osedu_access {
	unsigned int flags;
};

/* Fill @acc for the opener of @file. Call from an open handler. */
void osedu_access_init(struct osedu_access *acc, struct file *file);

/*
 * May the opener of @file see @task? -ENOENT when @task is not visible to
 * it (osedu_task_visible()); then 0 for a CAP_SYS_ADMIN opener, the task
 * itself or its owner (the ptrace read rule), -EACCES otherwise. Runs in
 * the context of the open (or of the write that names the task).
 */
int osedu_may_open_task(const struct file *file, struct task_struct *task);

/*
 * osedu_may_open_task() and, in the same exec-free window (the target's
 * exec_update_lock held for reading, as mm_access() does), what the check
 * allowed: with @mmp, the task's mm, mmgrab()ed (NULL when it has none:
 * a kernel thread, or a process past exit); with @exec_id, its exec
 * generation. 0, -EACCES, or -EINTR when a fatal signal interrupted the
 * wait. Every capture of another process's mm goes through here.
 */
int osedu_task_pin(struct file *file, struct task_struct *task,
		   struct mm_struct **mmp, u64 *exec_id);
/* Drop an mm from osedu_task_pin(); NULL is fine. */
void osedu_mm_unpin(struct mm_struct *mm);
/*
 * Take a pinned mm's address space for one read: a reference on its users
 * and mmap_read_lock. 0; -ESRCH once the address space is gone (the
 * process exec'd or exited: the file stays bound to the mm of open, like
 * /proc/<pid>/mem); -EINTR on a fatal signal.
 */
int osedu_mm_lock(struct mm_struct *mm);
void osedu_mm_unlock(struct mm_struct *mm);

/*
 * The namespace rule, in one place (visible.c). A process is visible when
 * it has a pid both in the caller's pid namespace and in that of the
 * procfs instance @file was opened through. Call in the context of the
 * open, read or write.
 */
bool osedu_task_visible(const struct file *file, struct task_struct *task);
/*
 * The live process numbered @nr in the caller's pid namespace, if it is
 * visible; a referenced struct pid (put_pid()) or NULL. The only way an
 * osedu file turns a written pid number into a process.
 */
struct pid *osedu_find_pid(const struct file *file, pid_t nr);
/* @task's pid as numbered in the procfs instance of @file (0: none). */
pid_t osedu_pid_nr(const struct file *file, struct task_struct *task);
/*
 * Should a system-wide list read through @file show @task? Visible, and
 * allowed by the procfs mount's hidepid/gid options as procfs applies
 * them to its own listing, with the opener's credentials (a hidden task
 * is shown only to the gid= group or to an opener that could open it).
 * May be called under rcu_read_lock().
 */
bool osedu_task_listed(const struct file *file, struct task_struct *task);

/* Physical frame numbers and addresses: @val, or 0 when not allowed. */
static inline u64 osedu_phys(const struct osedu_access *acc, u64 val)
{
	return (acc->flags & OSEDU_ACC_PHYS) ? val : 0;
}

/* Kernel virtual addresses: @addr, or 0 when not allowed. */
static inline unsigned long osedu_kaddr(const struct osedu_access *acc,
					unsigned long addr)
{
	return (acc->flags & OSEDU_ACC_KADDR) ? addr : 0;
}

/*
 * The symbol name for @addr, or "?" when it has none. Never falls back to
 * printing the address itself (which %pS and sprint_symbol() do).
 */
void osedu_seq_symbol(struct seq_file *m, unsigned long addr);

/* Print "osedu <view> <format version>", the first line of every file. */
void osedu_seq_header(struct seq_file *m, const char *view);

/*
 * Probes on tracepoints found by name: the __tracepoint_* symbols are not
 * exported to modules. Fill @name and @func (a probe with the tracepoint's
 * prototype, taking the void *data first); core fills @tp.
 */
struct tracepoint;

struct osedu_probe {
	const char *name;
	void *func;
	void *data;			/* passed to @func */
	struct tracepoint *tp;
};

/* Find every probe's tracepoint; -ENOENT (and a log line) if one is absent. */
int osedu_probes_find(struct osedu_probe *probes, size_t n);
/* Register all of @probes (found first if need be), or none. */
int osedu_probes_register(struct osedu_probe *probes, size_t n);
/* Unregister all of @probes; no probe runs any more once this returns. */
void osedu_probes_unregister(struct osedu_probe *probes, size_t n);

/* The roots core owns; valid while core is loaded. */
struct proc_dir_entry *osedu_proc_root(void);
struct dentry *osedu_debugfs_root(void);

/*
 * Per-task views.
 *
 * A module fills a struct osedu_view and registers it; core then keeps
 * /proc/osedu/<name>/<pid> for every live process (thread-group leaders,
 * as /proc does) and /proc/osedu/<name>/self. Each open file carries a
 * struct osedu_task_file (seq_file's m->private): the process as a
 * struct pid, never a task pointer, and the opener's access.
 *
 * A view gives either @show (one record; core resolves the task on every
 * read) or @seq_ops (a streamed view; its ->start must call
 * osedu_task_for_read() and return its error). @open and @release are
 * optional and run once per open file, for private state.
 *
 * Exec ends what an open allowed, in one of two ways (DESIGN.md):
 *  - a task view (the default) shows the process itself; every read
 *    re-checks that the process has not exec'd since open and, for an
 *    owner's open, is still dumpable, and fails with EACCES otherwise
 *    (as /proc/<pid>/stack and syscall do). Core holds the process's
 *    exec_update_lock across that check and @show, so a read shows one
 *    image;
 *  - an mm view (OSEDU_VIEW_MM) shows an address space: core pins the mm
 *    at open (tf->mm), and reads take it with osedu_mm_lock(), which fails
 *    once that mm is gone, as /proc/<pid>/mem, maps and pagemap do. A new
 *    image's mm is never shown through an old open.
 */
struct osedu_task_file;

#define OSEDU_VIEW_MM	BIT(0)

struct osedu_view {
	const char *name;
	unsigned int flags;		/* OSEDU_VIEW_* */
	int (*show)(struct seq_file *m, struct osedu_task_file *tf,
		    struct task_struct *task);
	const struct seq_operations *seq_ops;
	int (*open)(struct osedu_task_file *tf, struct task_struct *task);
	void (*release)(struct osedu_task_file *tf);

	/* Owned by core. */
	struct proc_dir_entry *dir;
	struct xarray entries;
	void *self;
	struct list_head node;
};

struct osedu_task_file {
	struct pid *pid;
	struct osedu_access access;
	const struct osedu_view *view;
	struct mm_struct *mm;		/* OSEDU_VIEW_MM: pinned at open */
	u64 exec_id;			/* the process's exec generation at open */
	bool self;			/* opened by the process itself */
	void *priv;			/* the view's own state */
};

int osedu_register_view(struct osedu_view *view);
void osedu_unregister_view(struct osedu_view *view);
/*
 * The directory /proc/osedu/<name>/ of a registered view, for the
 * module's other files (a query, a list, a control file); valid from a
 * successful osedu_register_view() until osedu_unregister_view().
 */
struct proc_dir_entry *osedu_view_dir(const struct osedu_view *view);

/*
 * The process of an open file for a read, with a reference (a zombie is
 * still returned): ERR_PTR(-ESRCH) once it has been reaped; for a task
 * view, ERR_PTR(-EACCES) when the open no longer allows it (see above).
 * Release with put_task_struct().
 */
struct task_struct *osedu_task_for_read(const struct osedu_task_file *tf);

/*
 * Should a system-wide view read through @file show @task and what it
 * does? osedu_task_listed() and the open rule of osedu_may_open_task()
 * (a CAP_SYS_ADMIN opener, the task itself, or the owner of a dumpable
 * task), decided from the opener's credentials: a list shows only the
 * tasks its reader could open. May sleep on PREEMPT_RT only where a
 * spinlock_t may (it takes task_lock()); fine under rcu_read_lock().
 */
bool osedu_task_shown(const struct file *file, struct task_struct *task);

/*
 * Another process's open files, reached the way /proc/<pid>/fdinfo
 * reaches them (fds.c). The open file of @task with the lowest number at
 * or above *@fd: returned with a reference (fput() it), its number in
 * *@fd, its close-on-exec bit in *@cloexec (may be NULL). NULL when none
 * is left or @task has no file table (exited, kernel thread). Check
 * access first (osedu_may_open_task() or a view's open); may sleep.
 * The table is walked by its open-fds bitmap, so a scan of n files costs
 * O(n + max fd), whatever the kernel version.
 */
struct file *osedu_task_next_file(struct task_struct *task, unsigned int *fd,
				  bool *cloexec);

/*
 * Blocked tasks (blocked.c). Run @fn(@task, @arg) only while @task is
 * blocked: not running or waking, not queued to run, off its CPU, and
 * kept so by holding its pi_lock, which keeps try_to_wake_up() out (the
 * rule of the kernel's own get_wchan()). While @fn runs the task cannot
 * run, exit or change its saved registers and kernel stack. @fn runs
 * with a raw spinlock held and interrupts off: it must not sleep, and on
 * PREEMPT_RT must not take a spinlock_t. Returns what @fn returns, or
 * -EAGAIN when @task is not blocked (or is current).
 */
int osedu_task_call_blocked(struct task_struct *task,
			    int (*fn)(struct task_struct *task, void *arg),
			    void *arg);

/* Is @task waiting in a run queue to run (not merely delayed-dequeued)? */
bool osedu_task_queued(struct task_struct *task);

/* The system call a blocked task sleeps in, from its saved user registers. */
struct osedu_syscall {
	long nr;			/* -1: not in a system call */
	unsigned long args[6];
	/*
	 * The call's ABI, AUDIT_ARCH_* (syscall_get_arch()): a 32-bit
	 * (compat) call numbers its calls by its own table.
	 */
	u32 arch;
};

/*
 * Fill @sc for @task while it is blocked (osedu_task_call_blocked()):
 * 0, or -EAGAIN when it is not blocked. A kernel thread has nr -1. The
 * arguments are the values at entry as the architecture's syscall ABI
 * passes them (asm/syscall.h), so this is arch-neutral.
 */
int osedu_task_blocked_syscall(struct task_struct *task,
			       struct osedu_syscall *sc);

/*
 * lock_task_sighand() for modules (__lock_task_sighand() is not
 * exported): @task's sighand with its siglock held and interrupts saved
 * in *@flags, or NULL once the task has let it go (exit). Unlock with
 * osedu_unlock_task_sighand(), never unlock_task_sighand() (whose
 * __rcu dereference sparse flags in every caller).
 */
struct sighand_struct *__osedu_lock_task_sighand(struct task_struct *task,
						 unsigned long *flags)
	__acquires(&task->sighand->siglock);

static inline struct sighand_struct *
osedu_lock_task_sighand(struct task_struct *task, unsigned long *flags)
{
	struct sighand_struct *sighand;

	sighand = __osedu_lock_task_sighand(task, flags);
	/* For sparse: the lock is held only when a sighand came back. */
	if (!sighand)
		__release(&task->sighand->siglock);
	return sighand;
}

void osedu_unlock_task_sighand(struct sighand_struct *sighand,
			       unsigned long *flags)
	__releases(&sighand->siglock);

/*
 * Files that are not per task (files.c): a system-wide list, a
 * one-record file, or a transaction file. Core creates them, decides the
 * opener's access once at open, and passes every callback a struct
 * osedu_file_ctx (seq_file's m->private).
 */
struct osedu_file;

struct osedu_file_ctx {
	struct osedu_access access;	/* the opener's, decided at open */
	struct file *file;		/* for osedu_task_shown() and friends */
	const struct osedu_file *def;
	bool ready;			/* transaction: a request succeeded */
	void *priv;			/* @priv_size zeroed bytes per open */
};

#define OSEDU_REQUEST_MAX	255

struct osedu_file {
	const char *name;
	umode_t mode;			/* 0: 0444 (0666 with @request) */
	/* Exactly one of: @show (one record) or @seq_ops (streamed). */
	int (*show)(struct seq_file *m, struct osedu_file_ctx *ctx);
	const struct seq_operations *seq_ops;
	size_t size;			/* @show's first buffer; 0: a page */
	size_t priv_size;
	/*
	 * A transaction file, like /proc/osedu/pagewalk/query: each write
	 * of one request (at most OSEDU_REQUEST_MAX bytes, trimmed,
	 * NUL-terminated, no NUL inside) calls @reset to drop the previous
	 * one, then @request, and rewinds the answer, which reads then show
	 * through @show or @seq_ops. Core serialises this against reads.
	 * Until a request succeeds (ctx->ready) reads return nothing. The
	 * request is checked against its target with the opener's
	 * credentials (ctx->file), never current's.
	 */
	int (*request)(struct osedu_file_ctx *ctx, char *line);
	void (*reset)(struct osedu_file_ctx *ctx);	/* also at release */

	/* Owned by core. */
	struct proc_dir_entry *pde;
};

/* Create @f under @dir (osedu_proc_root() or a module's directory). */
int osedu_file_create(struct proc_dir_entry *dir, struct osedu_file *f);
/* Remove @f; waits for its readers and writers (proc_remove()). */
void osedu_file_remove(struct osedu_file *f);

/*
 * Control files (control.c): the files that change state, like
 * /proc/osedu/sched/control. Core parses every write and applies one
 * rule set, documented in docs/proc-format.md ("Control files"):
 *  - a write is one command, "VERB [KEY=VALUE]...": words separated by
 *    single spaces, one optional trailing newline, at most
 *    OSEDU_CONTROL_MAX bytes, no NUL or other control byte; an unknown
 *    verb or key, a repeated key or a malformed value is -EINVAL;
 *  - opening for writing needs CAP_SYS_ADMIN in the initial user
 *    namespace, decided at open from the opener's credentials (-EPERM);
 *  - an OSEDU_CONTROL_STARTS verb fails with -EBUSY while @active() says
 *    so, an OSEDU_CONTROL_STOPS verb with -EALREADY while it is idle;
 *  - an OSEDU_CONTROL_PID value is a pid in the writer's pid namespace,
 *    found with osedu_find_pid() (-ESRCH when it is not visible).
 * Verbs run one at a time under @lock (the module's own, which it also
 * takes wherever else it changes or reads that state).
 */
#define OSEDU_CONTROL_MAX	128	/* bytes in one write */
#define OSEDU_CONTROL_ARGS	4	/* keys of one verb */

enum osedu_control_type {
	OSEDU_CONTROL_PID = 1,		/* a visible process: struct pid */
	OSEDU_CONTROL_STR,		/* a word of at most @max bytes */
};

struct osedu_control_key {
	const char *name;
	enum osedu_control_type type;
	size_t max;			/* OSEDU_CONTROL_STR */
};

/* A verb's arguments, in the order of its keys. */
struct osedu_control_arg {
	bool given;
	struct pid *pid;	/* referenced; set NULL to keep it */
	const char *str;	/* valid during @apply only */
};

struct osedu_control;
struct osedu_control_verb;

struct osedu_control_cmd {
	const struct osedu_control *control;
	struct file *file;		/* the writer's open file */
	const struct osedu_control_verb *verb;
	struct osedu_control_arg args[OSEDU_CONTROL_ARGS];
};

#define OSEDU_CONTROL_STARTS	BIT(0)
#define OSEDU_CONTROL_STOPS	BIT(1)

struct osedu_control_verb {
	const char *name;
	unsigned int flags;		/* OSEDU_CONTROL_STARTS or _STOPS */
	const struct osedu_control_key *keys;	/* NULL-name terminated */
	int (*apply)(struct osedu_control_cmd *cmd);	/* under @lock */
};

struct osedu_control {
	const char *name;
	const struct osedu_control_verb *verbs;	/* NULL-name terminated */
	struct mutex *lock;
	bool (*active)(const struct osedu_control *c);	/* under @lock */
	/* Optional: what a read shows (mode 0644; without it 0200). */
	int (*show)(struct seq_file *m, const struct file *file);

	/* Owned by core. */
	struct proc_dir_entry *pde;
};

int osedu_control_create(struct proc_dir_entry *dir, struct osedu_control *c);
/* Remove @c; waits for its readers and writers (proc_remove()). */
void osedu_control_remove(struct osedu_control *c);
/*
 * @pid as numbered in the procfs instance @file was opened through, the
 * numbering of per-task entries (0: not visible there). How control
 * files and their views print a pid they were given.
 */
pid_t osedu_control_pid_nr(const struct file *file, struct pid *pid);

/*
 * System calls counted by the door they came in through (x86: syscall,
 * int $0x80, compat; arm64: the AArch64 and AArch32 SVC). @dir gets a
 * root-only "control" ("start [pid=N]", "stop", "clear") and the file
 * @name showing "<door>: <total>" lines, then "<column> nr count" rows.
 * Counting stops with osedu_syscalls_stop(), which the module calls after
 * removing @dir (a "start" may have come in before), once
 * osedu_syscalls_create() has been called, even if it failed; never
 * before (the lock is not initialised until then).
 */
#define OSEDU_SYSCALLS_DOORS	4
#define OSEDU_SYSCALLS_TRACKED	1024	/* higher numbers count as "other" */

struct pt_regs;

struct osedu_syscalls {
	const char *view;		/* the file's header, "idt/syscalls" */
	const char *name;		/* the file, "syscalls" */
	const char *column;		/* the rows' first column, "path" */
	const char * const *doors;	/* @nr_doors names */
	unsigned int nr_doors;
	/*
	 * At sys_enter of call @id: its door, and in *@nr (preset to @id)
	 * its number within that door's table.
	 */
	unsigned int (*door_of)(struct pt_regs *regs, long id, long *nr);

	/* Owned by core. */
	struct mutex lock;		/* counting, target, the probe */
	bool counting;
	struct pid *target;		/* NULL: every process */
	struct osedu_probe probe;
	struct osedu_control control;
	struct osedu_file file;
	atomic_long_t total[OSEDU_SYSCALLS_DOORS];
	atomic_long_t other[OSEDU_SYSCALLS_DOORS];
	atomic_long_t count[OSEDU_SYSCALLS_DOORS][OSEDU_SYSCALLS_TRACKED];
};

int osedu_syscalls_create(struct proc_dir_entry *dir,
			  struct osedu_syscalls *s);
void osedu_syscalls_stop(struct osedu_syscalls *s);

/*
 * One row per device IRQ with a handler: @columns names the module's
 * leading columns, which @show prints (and returns false to leave the
 * IRQ out); core adds the count on each online CPU and the handler's
 * name. @route, if set, runs under the descriptor's lock and gives what
 * the module's columns need of the IRQ's irq_data (x86: its vector).
 * Caller holds cpus_read_lock(), so the columns stay the same.
 */
struct irq_data;

struct osedu_irq {
	unsigned int irq;
	unsigned long hwirq;		/* the controller's own number */
	unsigned long route;		/* what @route returned */
	u64 total;			/* over the online CPUs */
	bool named;
	char name[24];
};

struct osedu_irqs {
	const char *columns;		/* "irq vector" */
	unsigned long (*route)(unsigned int irq, struct irq_data *data);
	bool (*show)(struct seq_file *m, const struct osedu_irq *irq);
};

void osedu_seq_irqs(struct seq_file *m, const struct osedu_irqs *ops);

#endif /* _OSEDU_CORE_H */
