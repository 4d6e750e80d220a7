/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vectors_arm64: what the files of /proc/osedu/vectors share. Each file
 * lives in its own .c (one concept per file); main.c creates and removes
 * them.
 */
#ifndef _OSEDU_VECTORS_INTERNAL_H
#define _OSEDU_VECTORS_INTERNAL_H

#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#include <osedu/core.h>

/* Create the file(s) of one concept under @dir; 0 or -errno. */
int va_table_create(struct proc_dir_entry *dir);
int va_counts_create(struct proc_dir_entry *dir);
int va_svc_create(struct proc_dir_entry *dir);
/* Stop counting and unhook the tracepoint before the files go away. */
void va_svc_stop(void);

#endif /* _OSEDU_VECTORS_INTERNAL_H */
