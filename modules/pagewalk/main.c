// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_pagewalk: virtual memory on the live kernel. A process's VMAs,
 * what its page tables hold, and worked VA -> PA translations, in
 * /proc/osedu/pagewalk/<pid> (and self), plus a query file for tools.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"

static int __init pagewalk_init(void)
{
	int ret;

	ret = pw_view_init();
	if (ret)
		return ret;
	ret = pw_query_init(pw_view_dir());
	if (ret)
		goto unregister_view;
	return 0;

unregister_view:
	pw_view_exit();
	return ret;
}

/* proc_remove() waits for readers and writers still inside the files. */
static void __exit pagewalk_exit(void)
{
	pw_query_exit();
	pw_view_exit();
}

module_init(pagewalk_init);
module_exit(pagewalk_exit);
MODULE_DESCRIPTION("osedu: address spaces, page tables and translations");
MODULE_LICENSE("GPL");
