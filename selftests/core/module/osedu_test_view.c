// SPDX-License-Identifier: GPL-2.0
/*
 * A test-only per-task view, "coretest", so that core's registry and
 * access policy are tested on their own. Each key is something a test can
 * check against an independent source: /proc/<pid>/stat, /proc/kallsyms.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>

#include <osedu/core.h>

/* A text address that is certainly not a symbol: the first page. */
#define NOT_A_SYMBOL	0x10UL

static int coretest_show(struct seq_file *m, struct osedu_task_file *tf,
			 struct task_struct *task)
{
	const struct osedu_access *acc = &tf->access;
	unsigned long here = (unsigned long)coretest_show;
	char comm[TASK_COMM_LEN];

	osedu_seq_header(m, "coretest");
	seq_printf(m, "pid: %d\n", task_tgid_nr(task));
	seq_printf(m, "comm: %s\n", get_task_comm(comm, task));
	seq_printf(m, "uid: %u\n",
		   from_kuid_munged(&init_user_ns, task_uid(task)));
	seq_printf(m, "start_boottime_ns: %llu\n", task->start_boottime);
	seq_printf(m, "opener_admin: %d\n", !!(acc->flags & OSEDU_ACC_ADMIN));
	seq_printf(m, "phys_task: 0x%llx\n",
		   osedu_phys(acc, (u64)virt_to_phys(task)));
	seq_printf(m, "kaddr_show: 0x%016lx\n", osedu_kaddr(acc, here));
	seq_puts(m, "symbol_show: ");
	osedu_seq_symbol(m, here);
	seq_puts(m, "\nsymbol_bogus: ");
	osedu_seq_symbol(m, NOT_A_SYMBOL);
	seq_putc(m, '\n');
	return 0;
}

static struct osedu_view coretest_view = {
	.name = "coretest",
	.show = coretest_show,
};

static int __init osedu_test_view_init(void)
{
	return osedu_register_view(&coretest_view);
}

static void __exit osedu_test_view_exit(void)
{
	osedu_unregister_view(&coretest_view);
}

module_init(osedu_test_view_init);
module_exit(osedu_test_view_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("osedu selftest: a per-task view that exercises core");
