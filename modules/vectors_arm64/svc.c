// SPDX-License-Identifier: GPL-2.0
/*
 * Counting system calls, each an SVC instruction executed at EL0: the
 * CPU takes a synchronous exception to the "lower EL" sync entry of the
 * vector table, whose handler (el0_svc, el0_svc_compat for 32-bit code)
 * runs the call. A root-only /proc/osedu/vectors/control starts and
 * stops counting ("start", "start pid=N", "stop", "clear");
 * /proc/osedu/vectors/svc shows the counts. The probe sits on the
 * raw_syscalls:sys_enter tracepoint and is registered only while
 * counting.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/compat.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "internal.h"

enum svc_abi {
	ABI_AARCH64,		/* SVC from 64-bit code: number in x8 */
	ABI_AARCH32,		/* SVC from 32-bit code: number in r7 */
	NR_ABIS
};

static const char * const abi_names[NR_ABIS] = {
	[ABI_AARCH64] = "aarch64",
	[ABI_AARCH32] = "aarch32",
};

/* System call numbers of both ABIs are below this; others are "other". */
#define NR_TRACKED	1024

static atomic_long_t abi_count[NR_ABIS];
static atomic_long_t nr_count[NR_ABIS][NR_TRACKED];
static atomic_long_t other_count[NR_ABIS];

static DEFINE_MUTEX(control_lock);	/* counting, target, the probe */
static bool counting;
static struct pid *target;		/* NULL: every process */

static void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	struct pid *want = READ_ONCE(target);
	enum svc_abi abi;

	if (want && task_tgid(current) != want)
		return;
	abi = is_compat_task() ? ABI_AARCH32 : ABI_AARCH64;
	atomic_long_inc(&abi_count[abi]);
	if (id >= 0 && id < NR_TRACKED)
		atomic_long_inc(&nr_count[abi][id]);
	else
		atomic_long_inc(&other_count[abi]);
}

static struct osedu_probe sys_enter = {
	.name = "sys_enter", .func = probe_sys_enter,
};

static void clear_counts(void)
{
	unsigned int a, nr;

	for (a = 0; a < NR_ABIS; a++) {
		atomic_long_set(&abi_count[a], 0);
		atomic_long_set(&other_count[a], 0);
		for (nr = 0; nr < NR_TRACKED; nr++)
			atomic_long_set(&nr_count[a][nr], 0);
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

void va_svc_stop(void)
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

static int svc_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	unsigned int a, nr;
	pid_t pid_nr = 0;
	bool on;

	/* A read: killable, should a command hold the lock for long. */
	if (mutex_lock_killable(&control_lock))
		return -EINTR;
	on = counting;
	if (target)
		pid_nr = osedu_control_pid_nr(ctx->file, target);
	mutex_unlock(&control_lock);

	osedu_seq_header(m, "vectors/svc");
	seq_printf(m, "state: %s\n", on ? "counting" : "stopped");
	if (pid_nr)
		seq_printf(m, "target: %d\n", pid_nr);
	else
		seq_puts(m, "target: all\n");
	for (a = 0; a < NR_ABIS; a++)
		seq_printf(m, "%s: %ld\n", abi_names[a],
			   atomic_long_read(&abi_count[a]));
	seq_puts(m, "abi nr count\n");
	for (a = 0; a < NR_ABIS; a++) {
		for (nr = 0; nr < NR_TRACKED; nr++) {
			long c = atomic_long_read(&nr_count[a][nr]);

			if (c)
				seq_printf(m, "%s %u %ld\n", abi_names[a], nr,
					   c);
		}
		if (atomic_long_read(&other_count[a]))
			seq_printf(m, "%s other %ld\n", abi_names[a],
				   atomic_long_read(&other_count[a]));
	}
	return 0;
}

static struct osedu_file svc_file = {
	.name = "svc",
	.show = svc_show,
	.size = SZ_64K,
};

int va_svc_create(struct proc_dir_entry *dir)
{
	int ret = osedu_control_create(dir, &control);

	if (ret)
		return ret;
	return osedu_file_create(dir, &svc_file);
}
