// SPDX-License-Identifier: GPL-2.0
/*
 * osedu_sched_viz: the PCB, process states, the CPUs' run queues and a
 * context-switch trace, under /proc/osedu/sched/.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/proc_fs.h>

#include <osedu/core.h>
#include "internal.h"

static struct proc_dir_entry *cpus_pde;

static int __init sched_viz_init(void)
{
	int ret;

	sv_pcb_init();
	ret = osedu_register_view(&sv_pcb_view);
	if (ret)
		return ret;
	/* Beside the <pid> entries core keeps in the view's directory. */
	cpus_pde = sv_cpus_create(osedu_view_dir(&sv_pcb_view));
	if (!cpus_pde) {
		ret = -ENOMEM;
		goto unregister_view;
	}
	ret = sv_trace_init(osedu_view_dir(&sv_pcb_view));
	if (ret)
		goto remove_cpus;
	return 0;

remove_cpus:
	proc_remove(cpus_pde);
unregister_view:
	osedu_unregister_view(&sv_pcb_view);
	return ret;
}

static void __exit sched_viz_exit(void)
{
	sv_trace_exit();
	proc_remove(cpus_pde);
	osedu_unregister_view(&sv_pcb_view);
}

module_init(sched_viz_init);
module_exit(sched_viz_exit);
MODULE_DESCRIPTION("osedu: the PCB, process states, run queues, switch trace");
MODULE_LICENSE("GPL");
