// SPDX-License-Identifier: GPL-2.0
/*
 * Counting system calls by the door they came in through. Core counts
 * (osedu_syscalls: a root-only /proc/osedu/idt/control with "start",
 * "start pid=N", "stop", "clear", and /proc/osedu/idt/syscalls); this
 * file tells the doors of x86-64 apart.
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

static enum entry_path entry_path_of(const struct pt_regs *regs, long id)
{
	if (in_ia32_syscall())
		return regs->cs == __USER_CS ? PATH_INT80 : PATH_COMPAT32;
	if (id >= 0 && (id & __X32_SYSCALL_BIT))
		return PATH_X32;
	return PATH_SYSCALL64;
}

static unsigned int door_of(struct pt_regs *regs, long id, long *nr)
{
	enum entry_path path = entry_path_of(regs, id);

	if (path == PATH_X32)
		*nr = id & ~__X32_SYSCALL_BIT;
	return path;
}

static struct osedu_syscalls counter = {
	.view = "idt/syscalls",
	.name = "syscalls",
	.column = "path",
	.doors = path_names,
	.nr_doors = NR_PATHS,
	.door_of = door_of,
};

void idt_entrypath_stop(void)
{
	osedu_syscalls_stop(&counter);
}

int idt_entrypath_create(struct proc_dir_entry *dir)
{
	return osedu_syscalls_create(dir, &counter);
}
