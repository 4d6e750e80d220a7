// SPDX-License-Identifier: GPL-2.0
/*
 * Counting system calls by the door they came in through. A root-only
 * /proc/osedu/idt/control starts and stops counting ("start",
 * "start pid=N", "stop", "clear", in core's control-file grammar);
 * /proc/osedu/idt/syscalls shows the counts. The probe sits on the
 * raw_syscalls:sys_enter tracepoint and is registered only while counting.
 *
 * At sys_enter the entry path is read back from what the entry code left:
 * a compat (32-bit ABI) call has TS_COMPAT set (in_ia32_syscall()). The
 * sysenter and 32-bit syscall entries push __USER32_CS as the saved CS
 * whatever the caller ran, and rewrite the saved IP to the vDSO's int80
 * landing pad, so int $0x80, sysenter and syscall from 32-bit code leave
 * identical registers. Only int $0x80 from 64-bit code is unambiguous:
 * the CPU pushed the caller's real CS, __USER_CS.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sizes.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/compat.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/unistd.h>

#include "internal.h"

enum entry_path {
	PATH_SYSCALL64,		/* "syscall" from 64-bit code (LSTAR) */
	PATH_X32,		/* "syscall" with __X32_SYSCALL_BIT set */
	PATH_INT80,		/* "int $0x80" from 64-bit code */
	PATH_COMPAT32,		/* int $0x80, sysenter or syscall from 32-bit code */
	NR_PATHS
};

static const char * const path_names[NR_PATHS] = {
	[PATH_SYSCALL64] = "syscall64",
	[PATH_X32] = "x32",
	[PATH_INT80] = "int80",
	[PATH_COMPAT32] = "compat32",
};

/* Syscall numbers of both ABIs are below this; others count as "other". */
#define NR_TRACKED	1024

static atomic_long_t path_count[NR_PATHS];
static atomic_long_t nr_count[NR_PATHS][NR_TRACKED];
static atomic_long_t other_count[NR_PATHS];

static DEFINE_MUTEX(control_lock);	/* counting, target, sys_enter */
static bool counting;
static struct pid *target;		/* NULL: every process */

static enum entry_path entry_path_of(const struct pt_regs *regs, long id)
{
	if (in_ia32_syscall())
		return regs->cs == __USER_CS ? PATH_INT80 : PATH_COMPAT32;
	if (id >= 0 && (id & __X32_SYSCALL_BIT))
		return PATH_X32;
	return PATH_SYSCALL64;
}

static void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	struct pid *want = READ_ONCE(target);
	enum entry_path path;
	long nr;

	if (want && task_tgid(current) != want)
		return;
	path = entry_path_of(regs, id);
	nr = path == PATH_X32 ? id & ~__X32_SYSCALL_BIT : id;
	atomic_long_inc(&path_count[path]);
	if (nr >= 0 && nr < NR_TRACKED)
		atomic_long_inc(&nr_count[path][nr]);
	else
		atomic_long_inc(&other_count[path]);
}

static struct osedu_probe sys_enter = {
	.name = "sys_enter", .func = probe_sys_enter,
};

static void clear_counts(void)
{
	unsigned int p, nr;

	for (p = 0; p < NR_PATHS; p++) {
		atomic_long_set(&path_count[p], 0);
		atomic_long_set(&other_count[p], 0);
		for (nr = 0; nr < NR_TRACKED; nr++)
			atomic_long_set(&nr_count[p][nr], 0);
	}
}

static int start_counting(struct pid *pid)
{
	int ret;

	/* Set before the probe can run; the probe only reads it. */
	WRITE_ONCE(target, pid);
	ret = osedu_probes_register(&sys_enter, 1);
	if (ret) {
		WRITE_ONCE(target, NULL);
		return ret;
	}
	counting = true;
	return 0;
}

static void stop_counting(void)
{
	struct pid *old;

	if (!counting)
		return;
	/* No probe is running, or will run, once this returns. */
	osedu_probes_unregister(&sys_enter, 1);
	counting = false;
	old = target;
	WRITE_ONCE(target, NULL);
	put_pid(old);
}

void idt_entrypath_stop(void)
{
	mutex_lock(&control_lock);
	stop_counting();
	mutex_unlock(&control_lock);
}

static int cmd_start(struct osedu_control_cmd *cmd)
{
	struct osedu_control_arg *pid = &cmd->args[0];
	int ret;

	ret = start_counting(pid->pid);
	if (!ret)
		pid->pid = NULL;	/* counting keeps it until stop */
	return ret;
}

static int cmd_stop(struct osedu_control_cmd *cmd)
{
	stop_counting();
	return 0;
}

static int cmd_clear(struct osedu_control_cmd *cmd)
{
	clear_counts();
	return 0;
}

static const struct osedu_control_key start_keys[] = {
	{ .name = "pid", .type = OSEDU_CONTROL_PID },
	{ }
};

static const struct osedu_control_verb verbs[] = {
	{ .name = "start", .flags = OSEDU_CONTROL_STARTS, .keys = start_keys,
	  .apply = cmd_start },
	{ .name = "stop", .flags = OSEDU_CONTROL_STOPS, .apply = cmd_stop },
	{ .name = "clear", .apply = cmd_clear },
	{ }
};

static bool counting_active(void)
{
	return counting;
}

/* "start [pid=N]", "stop", "clear": core's control grammar; write-only. */
static struct osedu_control control = {
	.name = "control",
	.verbs = verbs,
	.lock = &control_lock,
	.active = counting_active,
};

static int syscalls_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	unsigned int p, nr;
	pid_t pid_nr = 0;
	bool on;

	/* A read: killable, should a command hold the lock for long. */
	if (mutex_lock_killable(&control_lock))
		return -EINTR;
	on = counting;
	if (target)
		pid_nr = osedu_control_pid_nr(ctx->file, target);
	mutex_unlock(&control_lock);

	osedu_seq_header(m, "idt/syscalls");
	seq_printf(m, "state: %s\n", on ? "counting" : "stopped");
	if (pid_nr)
		seq_printf(m, "target: %d\n", pid_nr);
	else
		seq_puts(m, "target: all\n");
	for (p = 0; p < NR_PATHS; p++)
		seq_printf(m, "%s: %ld\n", path_names[p],
			   atomic_long_read(&path_count[p]));
	seq_puts(m, "path nr count\n");
	for (p = 0; p < NR_PATHS; p++) {
		for (nr = 0; nr < NR_TRACKED; nr++) {
			long c = atomic_long_read(&nr_count[p][nr]);

			if (c)
				seq_printf(m, "%s %u %ld\n", path_names[p], nr,
					   c);
		}
		if (atomic_long_read(&other_count[p]))
			seq_printf(m, "%s other %ld\n", path_names[p],
				   atomic_long_read(&other_count[p]));
	}
	return 0;
}

static struct osedu_file syscalls_file = {
	.name = "syscalls",
	.show = syscalls_show,
	.size = SZ_64K,
};

int idt_entrypath_create(struct proc_dir_entry *dir)
{
	int ret = osedu_control_create(dir, &control);

	if (ret)
		return ret;
	return osedu_file_create(dir, &syscalls_file);
}
