// SPDX-License-Identifier: GPL-2.0
/*
 * Developer-facing counters and fault injection under
 * /sys/kernel/debug/osedu/core/ (root only), so that tests exercise the
 * error paths instead of trusting them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/seq_file.h>

#include <osedu/core.h>
#include "internal.h"

struct osedu_core_stats osedu_stats;

static int stats_show(struct seq_file *m, void *v)
{
	osedu_seq_header(m, "core-stats");
	seq_printf(m, "events: %ld\n", atomic_long_read(&osedu_stats.events));
	seq_printf(m, "overflows: %ld\n",
		   atomic_long_read(&osedu_stats.overflows));
	seq_printf(m, "rescans: %ld\n", atomic_long_read(&osedu_stats.rescans));
	seq_printf(m, "queued: %ld\n", atomic_long_read(&osedu_stats.queued));
	seq_printf(m, "entries_created: %ld\n",
		   atomic_long_read(&osedu_stats.created));
	seq_printf(m, "entries_removed: %ld\n",
		   atomic_long_read(&osedu_stats.removed));
	seq_printf(m, "entries_failed: %ld\n",
		   atomic_long_read(&osedu_stats.create_failed));
	seq_printf(m, "entries_live: %ld\n", osedu_views_live_entries());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

void osedu_stats_init(struct dentry *root)
{
	struct dentry *dir;

	if (IS_ERR_OR_NULL(root))
		return;
	dir = debugfs_create_dir("core", root);
	debugfs_create_file("stats", 0400, dir, NULL, &stats_fops);
	debugfs_create_atomic_t("fail_open", 0600, dir,
				&osedu_stats.fail_open);
}
