// SPDX-License-Identifier: GPL-2.0
/*
 * The context-switch trace: /proc/osedu/sched/control and .../trace.
 *
 * While tracing, probes on the scheduler's tracepoints record each event
 * in a fixed-size ring of the CPU it happens on. The scheduler calls some
 * of them with its run-queue lock held, so a probe may neither sleep, nor
 * take a lock a reader holds, nor wake a reader: it disables interrupts
 * (the only way the ring's one writer could be re-entered), and drops and
 * counts the event if the ring is full. Readers are serialised by a mutex
 * among themselves only; each ring is a single-producer single-consumer
 * queue whose head and tail pass ownership of a slot with release/acquire.
 *
 * Reading consumes events, like ftrace's trace_pipe: a read returns what
 * is buffered, merged from all CPUs in timestamp order, and end of file
 * when nothing is. It cannot wait for more, since that would need a wakeup
 * from inside the scheduler.
 *
 * The probes are registered by "start" and unregistered by "stop", so a
 * stopped trace costs nothing.
 *
 * On PREEMPT_RT, too, the probes run with preemption disabled and under
 * the run queue's raw lock, where a spinlock_t (a sleeping lock there)
 * may not be taken: they take no lock at all, which is why the rings are
 * lock-free rather than guarded by a spinlock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include <osedu/core.h>
#include "internal.h"

#define RING_LEN	2048		/* events per CPU, a power of two */
#define SV_LINE	160

enum sv_type { EV_SWITCH, EV_WAKEUP, EV_WAKEUP_NEW, EV_FORK, EV_EXIT,
	       EV_MIGRATE };

struct sv_event {
	u64 ts;
	u8 type;
	char state[3];		/* switch: prev's state letter, "R+" if preempted */
	s32 pid;		/* prev, woken, parent, exiting, migrating */
	s32 pid2;		/* next, child */
	s32 cpu2;		/* wakeup: target CPU; migrate: destination */
	s32 cpu1;		/* migrate: origin */
	char comm[TASK_COMM_LEN];
	char comm2[TASK_COMM_LEN];
};

struct sv_ring {
	u64 head;		/* written by the probe of this CPU */
	u64 tail;		/* written by the reader holding reader_lock */
	u64 dropped;		/* written by the probe of this CPU */
	u64 reported;		/* drops already shown; under reader_lock */
	struct sv_event ev[RING_LEN];
};

static struct sv_ring **rings;
static DEFINE_MUTEX(control_lock);	/* start, stop, clear */
/* Not "read_lock": on PREEMPT_RT that name is a function (rwlock_rt.h). */
static DEFINE_MUTEX(reader_lock);	/* the consumer side of every ring */
static bool tracing;
static pid_t filter_pid;
static char filter_comm[TASK_COMM_LEN];
static struct pid *filter;		/* the process of filter_pid */
static struct proc_dir_entry *trace_pde;

static bool wanted(struct task_struct *a, struct task_struct *b)
{
	pid_t pid = READ_ONCE(filter_pid);

	if (pid && a->tgid != pid && (!b || b->tgid != pid))
		return false;
	if (filter_comm[0] && strncmp(a->comm, filter_comm, TASK_COMM_LEN) &&
	    (!b || strncmp(b->comm, filter_comm, TASK_COMM_LEN)))
		return false;
	return true;
}

/* Fill and publish one event in this CPU's ring, or count it dropped. */
static void record(const struct sv_event *src)
{
	unsigned long flags;
	struct sv_ring *r;
	struct sv_event *e;
	u64 head;

	local_irq_save(flags);
	r = rings[smp_processor_id()];
	head = r->head;
	/* Acquire: the reader is done with the slot before we reuse it. */
	if (head - smp_load_acquire(&r->tail) >= RING_LEN) {
		WRITE_ONCE(r->dropped, r->dropped + 1);
		goto out;
	}
	e = &r->ev[head & (RING_LEN - 1)];
	*e = *src;
	e->ts = ktime_get_mono_fast_ns();
	/* Release: the event is complete before a reader can see it. */
	smp_store_release(&r->head, head + 1);
out:
	local_irq_restore(flags);
}

static void probe_switch(void *data, bool preempt, struct task_struct *prev,
			 struct task_struct *next, unsigned int prev_state)
{
	struct sv_event e = { .type = EV_SWITCH };

	if (!wanted(prev, next))
		return;
	if (preempt) {
		e.state[0] = 'R';
		e.state[1] = '+';
	} else {
		unsigned int idx = __task_state_index(prev_state,
						      prev->exit_state);

		e.state[0] = task_index_to_char(idx);
	}
	e.pid = prev->pid;
	e.pid2 = next->pid;
	memcpy(e.comm, prev->comm, TASK_COMM_LEN);
	memcpy(e.comm2, next->comm, TASK_COMM_LEN);
	record(&e);
}

static void wakeup(struct task_struct *p, u8 type)
{
	struct sv_event e = { .type = type };

	if (!wanted(p, NULL))
		return;
	e.pid = p->pid;
	e.cpu2 = task_cpu(p);
	memcpy(e.comm, p->comm, TASK_COMM_LEN);
	record(&e);
}

static void probe_wakeup(void *data, struct task_struct *p)
{
	wakeup(p, EV_WAKEUP);
}

static void probe_wakeup_new(void *data, struct task_struct *p)
{
	wakeup(p, EV_WAKEUP_NEW);
}

static void probe_fork(void *data, struct task_struct *parent,
		       struct task_struct *child)
{
	struct sv_event e = { .type = EV_FORK };

	if (!wanted(parent, child))
		return;
	e.pid = parent->pid;
	e.pid2 = child->pid;
	memcpy(e.comm, parent->comm, TASK_COMM_LEN);
	memcpy(e.comm2, child->comm, TASK_COMM_LEN);
	record(&e);
}

static void probe_exit(void *data, struct task_struct *p)
{
	struct sv_event e = { .type = EV_EXIT };

	if (!wanted(p, NULL))
		return;
	e.pid = p->pid;
	memcpy(e.comm, p->comm, TASK_COMM_LEN);
	record(&e);
}

static void probe_migrate(void *data, struct task_struct *p, int dest_cpu)
{
	struct sv_event e = { .type = EV_MIGRATE };

	if (!wanted(p, NULL))
		return;
	e.pid = p->pid;
	e.cpu1 = task_cpu(p);
	e.cpu2 = dest_cpu;
	memcpy(e.comm, p->comm, TASK_COMM_LEN);
	record(&e);
}

static struct osedu_probe probes[] = {
	{ .name = "sched_switch", .func = probe_switch },
	{ .name = "sched_wakeup", .func = probe_wakeup },
	{ .name = "sched_wakeup_new", .func = probe_wakeup_new },
	{ .name = "sched_process_fork", .func = probe_fork },
	{ .name = "sched_process_exit", .func = probe_exit },
	{ .name = "sched_migrate_task", .func = probe_migrate },
};

static void trace_stop_locked(void)
{
	if (!tracing)
		return;
	osedu_probes_unregister(probes, ARRAY_SIZE(probes));
	tracing = false;
}

/* Drop what is buffered; the drop counts restart from zero as seen. */
static void trace_clear(void)
{
	unsigned int cpu;

	mutex_lock(&reader_lock);
	for_each_possible_cpu(cpu) {
		struct sv_ring *r = rings[cpu];

		/* Pairs with record(): consume all that is published. */
		smp_store_release(&r->tail, smp_load_acquire(&r->head));
		r->reported = READ_ONCE(r->dropped);
	}
	mutex_unlock(&reader_lock);
}

/* No probe runs now, so the filters can change freely. */
static int cmd_start(struct osedu_control_cmd *cmd)
{
	struct osedu_control_arg *pid = &cmd->args[0], *comm = &cmd->args[1];
	int ret;

	/* The probes compare init-namespace tgids, the numbers they see. */
	WRITE_ONCE(filter_pid, pid->pid ? pid_nr(pid->pid) : 0);
	strscpy(filter_comm, comm->str ? comm->str : "", sizeof(filter_comm));
	ret = osedu_probes_register(probes, ARRAY_SIZE(probes));
	if (ret)
		return ret;
	tracing = true;
	/* Kept to print the filter as each reader's procfs numbers it. */
	put_pid(filter);
	filter = pid->pid;
	pid->pid = NULL;
	return 0;
}

static int cmd_stop(struct osedu_control_cmd *cmd)
{
	trace_stop_locked();
	return 0;
}

static int cmd_clear(struct osedu_control_cmd *cmd)
{
	trace_clear();
	return 0;
}

static const struct osedu_control_key start_keys[] = {
	{ .name = "pid", .type = OSEDU_CONTROL_PID },
	{ .name = "comm", .type = OSEDU_CONTROL_STR, .max = TASK_COMM_LEN - 1 },
	{ }
};

static const struct osedu_control_verb verbs[] = {
	{ .name = "start", .flags = OSEDU_CONTROL_STARTS, .keys = start_keys,
	  .apply = cmd_start },
	{ .name = "stop", .flags = OSEDU_CONTROL_STOPS, .apply = cmd_stop },
	{ .name = "clear", .apply = cmd_clear },
	{ }
};

static bool trace_active(const struct osedu_control *c)
{
	return tracing;
}

static int control_show(struct seq_file *m, const struct file *file)
{
	u64 events = 0, dropped = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		/* A count, not a handover of slots: no ordering needed. */
		events += READ_ONCE(rings[cpu]->head);
		dropped += READ_ONCE(rings[cpu]->dropped);
	}
	osedu_seq_header(m, "sched-control");
	/* A read: killable, should start or stop hold the lock for long. */
	if (mutex_lock_killable(&control_lock))
		return -EINTR;
	seq_printf(m, "tracing: %d\n", tracing);
	seq_printf(m, "filter_pid: %d\n",
		   filter ? osedu_control_pid_nr(file, filter) : 0);
	seq_printf(m, "filter_comm: %s\n", filter_comm[0] ? filter_comm : "-");
	mutex_unlock(&control_lock);
	seq_printf(m, "events: %llu\ndropped: %llu\n", events, dropped);
	seq_printf(m, "ring_events_per_cpu: %d\n", RING_LEN);
	return 0;
}

/* "start [pid=N] [comm=NAME]", "stop", "clear": core's control grammar. */
static struct osedu_control control = {
	.name = "control",
	.verbs = verbs,
	.lock = &control_lock,
	.active = trace_active,
	.show = control_show,
};

/*
 * A reader's lines are formatted into its own page under reader_lock and
 * copied out after the lock is dropped: a copy that stalls (a userfaultfd
 * or FUSE buffer) then holds only this file's own lock, never reader_lock,
 * which "clear" and every other reader need.
 */
struct reader {
	struct mutex lock;	/* serialises reads of this file */
	const struct file *file;
	bool all;		/* CAP_SYS_ADMIN opener: every task */
	bool header_done;
	size_t len, off;	/* the part of @buf not yet read */
	char *buf;		/* PAGE_SIZE */
};

static const char * const type_names[] = {
	[EV_SWITCH] = "switch", [EV_WAKEUP] = "wakeup",
	[EV_WAKEUP_NEW] = "wakeup_new", [EV_FORK] = "fork",
	[EV_EXIT] = "exit", [EV_MIGRATE] = "migrate",
};

/*
 * May this reader see the task numbered @tid (initial namespace)? The
 * rule of every system-wide list, osedu_task_shown(); the idle task (0)
 * always; a task that is gone, never (nobody could open it now).
 */
static bool tid_shown(const struct reader *rd, pid_t tid)
{
	struct task_struct *t;
	bool shown;

	if (rd->all || !tid)
		return true;
	rcu_read_lock();
	t = pid_task(find_pid_ns(tid, &init_pid_ns), PIDTYPE_PID);
	shown = t && osedu_task_shown(rd->file, t);
	rcu_read_unlock();
	return shown;
}

/* An event is shown when the reader may see every task it names. */
static bool event_shown(const struct reader *rd, const struct sv_event *e)
{
	if (!tid_shown(rd, e->pid))
		return false;
	if (e->type == EV_SWITCH || e->type == EV_FORK)
		return tid_shown(rd, e->pid2);
	return true;
}

static size_t format_event(char *buf, const struct sv_event *e,
			   unsigned int cpu)
{
	int n = scnprintf(buf, SV_LINE, "%llu %u %s ", e->ts, cpu,
			  type_names[e->type]);

	switch (e->type) {
	case EV_SWITCH:
		n += scnprintf(buf + n, SV_LINE - n, "%d %.16s %s => %d %.16s\n",
			       e->pid, e->comm, e->state, e->pid2, e->comm2);
		break;
	case EV_WAKEUP:
	case EV_WAKEUP_NEW:
		n += scnprintf(buf + n, SV_LINE - n, "%d %.16s %d\n", e->pid,
			       e->comm, e->cpu2);
		break;
	case EV_FORK:
		n += scnprintf(buf + n, SV_LINE - n, "%d %.16s => %d %.16s\n",
			       e->pid, e->comm, e->pid2, e->comm2);
		break;
	case EV_EXIT:
		n += scnprintf(buf + n, SV_LINE - n, "%d %.16s\n", e->pid,
			       e->comm);
		break;
	case EV_MIGRATE:
		n += scnprintf(buf + n, SV_LINE - n, "%d %.16s %d => %d\n",
			       e->pid, e->comm, e->cpu1, e->cpu2);
		break;
	}
	return n;
}

/*
 * The next line for a reader, under reader_lock: drops not yet shown first,
 * then the oldest buffered event of any CPU, consumed whether or not this
 * reader may see it. 0 when nothing is left.
 */
static size_t next_line(const struct reader *rd, char *buf)
{
	struct sv_event *oldest;
	unsigned int cpu, from;
	struct sv_ring *r;
	struct sv_event *e;
	u64 dropped;
	size_t n;

next:
	oldest = NULL;
	from = 0;
	for_each_possible_cpu(cpu) {
		r = rings[cpu];
		dropped = READ_ONCE(r->dropped);
		if (dropped != r->reported) {
			n = scnprintf(buf, SV_LINE, "%llu %u lost %llu\n",
				      ktime_get_mono_fast_ns(), cpu,
				      dropped - r->reported);
			r->reported = dropped;
			return n;
		}
		/* Acquire: pairs with the release in record(). */
		if (r->tail == smp_load_acquire(&r->head))
			continue;
		e = &r->ev[r->tail & (RING_LEN - 1)];
		if (!oldest || e->ts < oldest->ts) {
			oldest = e;
			from = cpu;
		}
	}
	if (!oldest)
		return 0;
	n = event_shown(rd, oldest) ? format_event(buf, oldest, from) : 0;
	r = rings[from];
	/* The slot is the probe's again once the tail passes it. */
	smp_store_release(&r->tail, r->tail + 1);
	if (!n) {
		cond_resched();
		goto next;
	}
	return n;
}

/* Fill @rd->buf with whole lines, at most @want bytes; under reader_lock. */
static void fill(struct reader *rd, size_t want)
{
	char line[SV_LINE];
	size_t n;

	rd->off = 0;
	rd->len = 0;
	if (!rd->header_done) {
		rd->len = scnprintf(rd->buf, PAGE_SIZE, "osedu sched-trace %d\n",
				    OSEDU_FORMAT_VERSION);
		rd->header_done = true;
	}
	want = clamp_t(size_t, want, SV_LINE, PAGE_SIZE);
	while (rd->len + SV_LINE <= want) {
		n = next_line(rd, line);
		if (!n)
			break;
		memcpy(rd->buf + rd->len, line, n);
		rd->len += n;
	}
}

static ssize_t trace_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	struct reader *rd = file->private_data;
	size_t n, left;
	ssize_t ret;

	if (!len)
		return 0;
	if (mutex_lock_interruptible(&rd->lock))
		return -ERESTARTSYS;
	if (rd->off == rd->len) {
		if (mutex_lock_interruptible(&reader_lock)) {
			ret = -ERESTARTSYS;
			goto unlock;
		}
		fill(rd, len);
		mutex_unlock(&reader_lock);
	}
	n = min(len, rd->len - rd->off);
	left = copy_to_user(ubuf, rd->buf + rd->off, n);
	rd->off += n - left;
	ret = n - left;
	if (n && !ret)
		ret = -EFAULT;
unlock:
	mutex_unlock(&rd->lock);
	return ret;
}

/* The trace itself: CAP_SYS_ADMIN or CAP_PERFMON, from the opener. */
static bool may_trace(struct file *file)
{
	return file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN) ||
	       file_ns_capable(file, &init_user_ns, CAP_PERFMON);
}

static int trace_open(struct inode *inode, struct file *file)
{
	struct reader *rd;

	if (!may_trace(file))
		return -EPERM;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return -ENOMEM;
	rd->buf = (char *)__get_free_page(GFP_KERNEL);
	if (!rd->buf) {
		kfree(rd);
		return -ENOMEM;
	}
	mutex_init(&rd->lock);
	rd->file = file;
	rd->all = file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN);
	file->private_data = rd;
	return stream_open(inode, file);
}

/* Once the control file is gone: stop, and forget the filter. */
static void trace_stop_final(void)
{
	mutex_lock(&control_lock);
	trace_stop_locked();
	put_pid(filter);
	filter = NULL;
	mutex_unlock(&control_lock);
}

static int trace_release(struct inode *inode, struct file *file)
{
	struct reader *rd = file->private_data;

	free_page((unsigned long)rd->buf);
	kfree(rd);
	return 0;
}

static const struct proc_ops trace_ops = {
	.proc_open	= trace_open,
	.proc_read	= trace_read,
	.proc_lseek	= noop_llseek,
	.proc_release	= trace_release,
};

static void free_rings(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		kvfree(rings[cpu]);
	kfree(rings);
}

int sv_trace_init(struct proc_dir_entry *dir)
{
	unsigned int cpu;
	int ret;

	ret = osedu_probes_find(probes, ARRAY_SIZE(probes));
	if (ret)
		return ret;
	rings = kcalloc(nr_cpu_ids, sizeof(*rings), GFP_KERNEL);
	if (!rings)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		rings[cpu] = kvzalloc_node(sizeof(*rings[cpu]), GFP_KERNEL,
					   cpu_to_node(cpu));
		if (!rings[cpu]) {
			ret = -ENOMEM;
			goto free;
		}
	}
	ret = osedu_control_create(dir, &control);
	if (ret)
		goto free;
	trace_pde = proc_create("trace", 0400, dir, &trace_ops);
	if (!trace_pde)
		goto remove_control;
	return 0;

remove_control:
	/* A "start" may have come in through it: undo that too. */
	osedu_control_remove(&control);
	trace_stop_final();
	ret = -ENOMEM;
free:
	free_rings();
	return ret;
}

/* No new command, then no probe, then no reader, then free the rings. */
void sv_trace_exit(void)
{
	osedu_control_remove(&control);
	trace_stop_final();
	proc_remove(trace_pde);
	free_rings();
}
