// SPDX-License-Identifier: GPL-2.0
/*
 * schedsnoop's kernel half: the same six scheduler tracepoints as the
 * osedu sched_viz module, the same filter, the same fields. The programs
 * are BTF-typed tracepoints (tp_btf), so they read task_struct directly;
 * every field offset is a CO-RE relocation that libbpf resolves against
 * the running kernel's BTF when it loads the object.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "schedsnoop.h"

/* Set by user space before load; 0 and "" mean no filter. */
const volatile int filter_pid;
const volatile char filter_comm[SS_COMM_LEN];

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, SS_RINGBUF_BYTES);
} events SEC(".maps");

/* Events the ring buffer had no room for, per CPU like the module's. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

/*
 * These are #defines in the kernel, so BTF does not carry them; they are
 * the same in 6.1 and 6.12 (include/linux/sched.h).
 */
#define TASK_REPORT		0x7f
#define TASK_UNINTERRUPTIBLE	0x02
#define TASK_IDLE		0x402	/* TASK_UNINTERRUPTIBLE | TASK_NOLOAD */
#define TASK_RTLOCK_WAIT	0x1000
#define TASK_FROZEN		0x8000

/* The kernel's __task_state_index() and task_index_to_char(). */
static __always_inline char state_char(unsigned int state,
				       unsigned int exit_state)
{
	unsigned int s = (state | exit_state) & TASK_REPORT;

	if ((state & TASK_IDLE) == TASK_IDLE)
		s = TASK_REPORT + 1;
	if ((state & TASK_RTLOCK_WAIT) || (state & TASK_FROZEN))
		s = TASK_UNINTERRUPTIBLE;
	/*
	 * fls(s) indexes "RSDTtXZPI"; a string in .rodata would share that
	 * section with the filters, so the letters are spelled out.
	 */
	if (!s)
		return 'R';
	if (s & 0x80)
		return 'I';
	if (s & 0x40)
		return 'P';
	if (s & 0x20)
		return 'Z';
	if (s & 0x10)
		return 'X';
	if (s & 0x08)
		return 't';
	if (s & 0x04)
		return 'T';
	if (s & 0x02)
		return 'D';
	return 'S';
}

/* strncmp(t->comm, filter_comm, 16) == 0, as the module tests it. */
static __always_inline bool comm_is(const struct task_struct *t)
{
	char c[SS_COMM_LEN];
	int i;

	bpf_probe_read_kernel(c, sizeof(c), t->comm);
#pragma unroll
	for (i = 0; i < SS_COMM_LEN; i++) {
		if (c[i] != filter_comm[i])
			return false;
		if (!c[i])
			return true;
	}
	return true;
}

/* Events involving a task of thread group filter_pid and/or that comm. */
static __always_inline bool wanted(const struct task_struct *a,
				   const struct task_struct *b)
{
	int pid = filter_pid;

	if (pid && a->tgid != pid && (!b || b->tgid != pid))
		return false;
	if (filter_comm[0] && !comm_is(a) && (!b || !comm_is(b)))
		return false;
	return true;
}

static __always_inline struct ss_event *reserve(unsigned char type)
{
	struct ss_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	__u32 zero = 0;
	__u64 *n;

	if (!e) {
		n = bpf_map_lookup_elem(&dropped, &zero);
		if (n)
			(*n)++;
		return NULL;
	}
	__builtin_memset(e, 0, sizeof(*e));
	e->type = type;
	e->cpu = bpf_get_smp_processor_id();
	return e;
}

static __always_inline void submit(struct ss_event *e)
{
	e->ts = bpf_ktime_get_ns();
	bpf_ringbuf_submit(e, 0);
}

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev,
	     struct task_struct *next, unsigned int prev_state)
{
	struct ss_event *e;

	if (!wanted(prev, next))
		return 0;
	e = reserve(SS_SWITCH);
	if (!e)
		return 0;
	if (preempt) {
		e->state[0] = 'R';
		e->state[1] = '+';
	} else {
		e->state[0] = state_char(prev_state, prev->exit_state);
	}
	e->pid = prev->pid;
	e->pid2 = next->pid;
	bpf_probe_read_kernel(e->comm, sizeof(e->comm), prev->comm);
	bpf_probe_read_kernel(e->comm2, sizeof(e->comm2), next->comm);
	submit(e);
	return 0;
}

static __always_inline void wakeup(struct task_struct *p, unsigned char type)
{
	struct ss_event *e;

	if (!wanted(p, NULL))
		return;
	e = reserve(type);
	if (!e)
		return;
	e->pid = p->pid;
	e->cpu2 = p->thread_info.cpu;	/* task_cpu(): the target by now */
	bpf_probe_read_kernel(e->comm, sizeof(e->comm), p->comm);
	submit(e);
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(on_wakeup, struct task_struct *p)
{
	wakeup(p, SS_WAKEUP);
	return 0;
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(on_wakeup_new, struct task_struct *p)
{
	wakeup(p, SS_WAKEUP_NEW);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct ss_event *e;

	if (!wanted(parent, child))
		return 0;
	e = reserve(SS_FORK);
	if (!e)
		return 0;
	e->pid = parent->pid;
	e->pid2 = child->pid;
	bpf_probe_read_kernel(e->comm, sizeof(e->comm), parent->comm);
	bpf_probe_read_kernel(e->comm2, sizeof(e->comm2), child->comm);
	submit(e);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_exit, struct task_struct *p)
{
	struct ss_event *e;

	if (!wanted(p, NULL))
		return 0;
	e = reserve(SS_EXIT);
	if (!e)
		return 0;
	e->pid = p->pid;
	bpf_probe_read_kernel(e->comm, sizeof(e->comm), p->comm);
	submit(e);
	return 0;
}

SEC("tp_btf/sched_migrate_task")
int BPF_PROG(on_migrate, struct task_struct *p, int dest_cpu)
{
	struct ss_event *e;

	if (!wanted(p, NULL))
		return 0;
	e = reserve(SS_MIGRATE);
	if (!e)
		return 0;
	e->pid = p->pid;
	e->cpu1 = p->thread_info.cpu;	/* still the origin */
	e->cpu2 = dest_cpu;
	bpf_probe_read_kernel(e->comm, sizeof(e->comm), p->comm);
	submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
