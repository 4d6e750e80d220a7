// SPDX-License-Identifier: GPL-2.0
/*
 * Counting system calls by the door they came in through, for the
 * modules that show how user code enters the kernel (idt_dump on x86,
 * vectors_arm64 on arm64). The module says what the doors are and how to
 * tell them apart from the registers at sys_enter; core owns the rest: a
 * root-only control file in its grammar ("start [pid=N]", "stop",
 * "clear"), the counts, and the file that shows them. The probe sits on
 * the raw_syscalls:sys_enter tracepoint and is registered only while
 * counting, so an idle module costs the system nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sizes.h>

#include <osedu/core.h>

static void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	struct osedu_syscalls *s = data;
	struct pid *want = READ_ONCE(s->target);
	unsigned int door;
	long nr = id;

	if (want && task_tgid(current) != want)
		return;
	door = s->door_of(regs, id, &nr);
	if (WARN_ON_ONCE(door >= s->nr_doors))
		return;
	atomic_long_inc(&s->total[door]);
	if (nr >= 0 && nr < OSEDU_SYSCALLS_TRACKED)
		atomic_long_inc(&s->count[door][nr]);
	else
		atomic_long_inc(&s->other[door]);
}

static struct osedu_syscalls *of_cmd(struct osedu_control_cmd *cmd)
{
	return container_of(cmd->control, struct osedu_syscalls, control);
}

static void stop_counting(struct osedu_syscalls *s)
{
	struct pid *old;

	if (!s->counting)
		return;
	/* No probe is running, or will run, once this returns. */
	osedu_probes_unregister(&s->probe, 1);
	s->counting = false;
	old = s->target;
	WRITE_ONCE(s->target, NULL);
	put_pid(old);
}

static int cmd_start(struct osedu_control_cmd *cmd)
{
	struct osedu_control_arg *pid = &cmd->args[0];
	struct osedu_syscalls *s = of_cmd(cmd);
	int ret;

	/* Set before the probe can run; the probe only reads it. */
	WRITE_ONCE(s->target, pid->pid);
	ret = osedu_probes_register(&s->probe, 1);
	if (ret) {
		WRITE_ONCE(s->target, NULL);
		return ret;
	}
	s->counting = true;
	pid->pid = NULL;	/* counting keeps it until stop */
	return 0;
}

static int cmd_stop(struct osedu_control_cmd *cmd)
{
	stop_counting(of_cmd(cmd));
	return 0;
}

static int cmd_clear(struct osedu_control_cmd *cmd)
{
	struct osedu_syscalls *s = of_cmd(cmd);
	unsigned int d, nr;

	for (d = 0; d < s->nr_doors; d++) {
		atomic_long_set(&s->total[d], 0);
		atomic_long_set(&s->other[d], 0);
		for (nr = 0; nr < OSEDU_SYSCALLS_TRACKED; nr++)
			atomic_long_set(&s->count[d][nr], 0);
	}
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

static bool counting_active(const struct osedu_control *c)
{
	return container_of(c, struct osedu_syscalls, control)->counting;
}

static int counts_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	struct osedu_syscalls *s = container_of(ctx->def, struct osedu_syscalls,
						file);
	unsigned int d, nr;
	pid_t pid_nr = 0;
	bool on;

	/* A read: killable, should a command hold the lock for long. */
	if (mutex_lock_killable(&s->lock))
		return -EINTR;
	on = s->counting;
	if (s->target)
		pid_nr = osedu_control_pid_nr(ctx->file, s->target);
	mutex_unlock(&s->lock);

	osedu_seq_header(m, s->view);
	seq_printf(m, "state: %s\n", on ? "counting" : "stopped");
	if (pid_nr)
		seq_printf(m, "target: %d\n", pid_nr);
	else
		seq_puts(m, "target: all\n");
	for (d = 0; d < s->nr_doors; d++)
		seq_printf(m, "%s: %ld\n", s->doors[d],
			   atomic_long_read(&s->total[d]));
	seq_printf(m, "%s nr count\n", s->column);
	for (d = 0; d < s->nr_doors; d++) {
		for (nr = 0; nr < OSEDU_SYSCALLS_TRACKED; nr++) {
			long c = atomic_long_read(&s->count[d][nr]);

			if (c)
				seq_printf(m, "%s %u %ld\n", s->doors[d], nr,
					   c);
		}
		if (atomic_long_read(&s->other[d]))
			seq_printf(m, "%s other %ld\n", s->doors[d],
				   atomic_long_read(&s->other[d]));
	}
	return 0;
}

int osedu_syscalls_create(struct proc_dir_entry *dir,
			  struct osedu_syscalls *s)
{
	int ret;

	/* First: a caller unwinding a failed create calls stop, which locks. */
	mutex_init(&s->lock);
	if (WARN_ON(!s->nr_doors || s->nr_doors > OSEDU_SYSCALLS_DOORS ||
		    !s->door_of))
		return -EINVAL;
	s->probe = (struct osedu_probe){
		.name = "sys_enter", .func = probe_sys_enter, .data = s,
	};
	s->control = (struct osedu_control){
		.name = "control", .verbs = verbs, .lock = &s->lock,
		.active = counting_active,
	};
	s->file = (struct osedu_file){
		.name = s->name, .show = counts_show, .size = SZ_64K,
	};
	ret = osedu_control_create(dir, &s->control);
	if (ret)
		return ret;
	return osedu_file_create(dir, &s->file);
}
EXPORT_SYMBOL_GPL(osedu_syscalls_create);

void osedu_syscalls_stop(struct osedu_syscalls *s)
{
	mutex_lock(&s->lock);
	stop_counting(s);
	mutex_unlock(&s->lock);
}
EXPORT_SYMBOL_GPL(osedu_syscalls_stop);
