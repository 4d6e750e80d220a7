// SPDX-License-Identifier: GPL-2.0
/*
 * Counting system calls, each an SVC instruction executed at EL0: the
 * CPU takes a synchronous exception to the "lower EL" sync entry of the
 * vector table, whose handler (el0_svc, el0_svc_compat for 32-bit code)
 * runs the call. Core counts them (osedu_syscalls: a root-only
 * /proc/osedu/vectors/control with "start", "start pid=N", "stop",
 * "clear", and /proc/osedu/vectors/svc); this file names the two ABIs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compat.h>

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

static unsigned int door_of(struct pt_regs *regs, long id, long *nr)
{
	return is_compat_task() ? ABI_AARCH32 : ABI_AARCH64;
}

static struct osedu_syscalls counter = {
	.view = "vectors/svc",
	.name = "svc",
	.column = "abi",
	.doors = abi_names,
	.nr_doors = NR_ABIS,
	.door_of = door_of,
};

void va_svc_stop(void)
{
	osedu_syscalls_stop(&counter);
}

int va_svc_create(struct proc_dir_entry *dir)
{
	return osedu_syscalls_create(dir, &counter);
}
