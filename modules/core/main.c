// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_core: owns /proc/osedu and /sys/kernel/debug/osedu and states
 * which suite, kernel and format version a reader is looking at.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

#include <osedu/core.h>
#include "internal.h"

static struct proc_dir_entry *proc_root;
static struct dentry *debugfs_root;

struct proc_dir_entry *osedu_proc_root(void)
{
	return proc_root;
}
EXPORT_SYMBOL_GPL(osedu_proc_root);

struct dentry *osedu_debugfs_root(void)
{
	return debugfs_root;
}
EXPORT_SYMBOL_GPL(osedu_debugfs_root);

static int version_show(struct seq_file *m, void *v)
{
	int ret;

	osedu_seq_header(m, "version");
	seq_printf(m, "suite: %s\n", OSEDU_SUITE_VERSION);
	seq_printf(m, "format: %d\n", OSEDU_FORMAT_VERSION);
	seq_printf(m, "kernel: %s\n", init_utsname()->release);
	seq_printf(m, "machine: %s\n", init_utsname()->machine);
	seq_puts(m, "views:");
	ret = osedu_views_seq_names(m);
	seq_putc(m, '\n');
	return ret;
}

static int __init osedu_core_init(void)
{
	int ret;

	proc_root = proc_mkdir("osedu", NULL);
	if (!proc_root)
		return -ENOMEM;
	if (!proc_create_single("version", 0444, proc_root, version_show)) {
		ret = -ENOMEM;
		goto remove_proc;
	}

	/* debugfs is optional: without it only the developer knobs are gone. */
	debugfs_root = debugfs_create_dir("osedu", NULL);
	osedu_stats_init(debugfs_root);

	ret = osedu_tracking_start();
	if (ret)
		goto remove_debugfs;

	pr_info("loaded, format %d\n", OSEDU_FORMAT_VERSION);
	return 0;

remove_debugfs:
	debugfs_remove_recursive(debugfs_root);
remove_proc:
	proc_remove(proc_root);
	return ret;
}

static void __exit osedu_core_exit(void)
{
	osedu_tracking_stop();
	debugfs_remove_recursive(debugfs_root);
	proc_remove(proc_root);
}

module_init(osedu_core_init);
module_exit(osedu_core_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("osedu core: /proc/osedu, per-task views, access policy");
MODULE_VERSION(OSEDU_SUITE_VERSION);
