/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A cgroup v2 group with the memory controller, for the memory labs
 * (cgroup.c): a child confined by memory.max. Root only.
 */
#ifndef OSEDU_CGROUP_H
#define OSEDU_CGROUP_H

#include <sys/types.h>

#define OSEDU_CG_ROOT	"/sys/fs/cgroup"

/*
 * Make OSEDU_CG_ROOT/NAME with the memory controller (mounting cgroup2
 * there first if nothing is mounted); 0 or -errno.
 */
int osedu_cg_make(const char *name);
/* Write S to FILE of group NAME; 0 or -errno. */
int osedu_cg_write(const char *name, const char *file, const char *s);
/* Move PID into group NAME; 0 or -errno. */
int osedu_cg_enter(const char *name, pid_t pid);
/*
 * A number from FILE of group NAME: the file's first number when KEY is
 * NULL (memory.current), else the one after "KEY " (memory.events,
 * memory.stat). -1 when absent.
 */
long long osedu_cg_num(const char *name, const char *file, const char *key);
/*
 * memory.current of group NAME without the charges the kernel keeps in
 * per-CPU stock (up to 64 pages a CPU, charged ahead of use): memory.high
 * is set one page below the usage, which makes the kernel drain the
 * stock (and reclaim a page if there was none; memory.max could
 * OOM-kill instead, as on 7.3), then back to "max".
 * Bytes, or -errno.
 */
long long osedu_cg_usage(const char *name);
/* Remove group NAME (it must be empty); 0 or -errno. */
int osedu_cg_remove(const char *name);

#endif /* OSEDU_CGROUP_H */
