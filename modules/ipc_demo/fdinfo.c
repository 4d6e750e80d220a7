// SPDX-License-Identifier: GPL-2.0
/*
 * eventfd, signalfd, timerfd and epoll: objects with no file system of
 * their own, made by anon_inode_getfile() and named by it ("[eventfd]").
 * Each describes itself through f_op->show_fdinfo, the text of
 * /proc/<pid>/fdinfo/<fd>; we show that text, each line prefixed with
 * "fdinfo: " so that it stays inside this view's block format.
 * POSIX message queues live on mqueuefs; their name is their identity.
 */
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

static const char * const anon_kinds[][2] = {
	{ "[eventfd]", "eventfd" },
	{ "[signalfd]", "signalfd" },
	{ "[timerfd]", "timerfd" },
	{ "[eventpoll]", "epoll" },
};

const char *ipc_anon_kind(const struct file *file)
{
	const char *name = file->f_path.dentry->d_name.name;
	size_t i;

	if (file_inode(file)->i_sb->s_magic != ANON_INODE_FS_MAGIC)
		return NULL;
	/* An anon inode's dentry is made with its name and never renamed. */
	for (i = 0; i < ARRAY_SIZE(anon_kinds); i++)
		if (!strcmp(name, anon_kinds[i][0]))
			return anon_kinds[i][1];
	return NULL;
}

/* Re-emit what show_fdinfo wrote at @start, one "fdinfo: " line each. */
static void prefix_lines(struct seq_file *m, size_t start)
{
	size_t len = m->count - start;
	char *text, *p, *nl;

	text = kmemdup(m->buf + start, len, GFP_KERNEL);
	m->count = start;
	if (!text)
		return;
	for (p = text; p < text + len; p = nl + 1) {
		nl = memchr(p, '\n', text + len - p);
		if (!nl)
			nl = text + len;
		seq_puts(m, "fdinfo: ");
		seq_write(m, p, nl - p);
		seq_putc(m, '\n');
	}
	kfree(text);
}

bool ipc_fdinfo_show(struct seq_file *m, struct file *file)
{
	const char *kind = ipc_file_kind(file);
	size_t start;

	if (!strcmp(kind, "mqueue")) {
		seq_printf(m, "mqueue_name: /%pd\n", file->f_path.dentry);
		return true;
	}
	if (!ipc_anon_kind(file) || !file->f_op->show_fdinfo)
		return false;
	start = m->count;
	file->f_op->show_fdinfo(m, file);
	if (!seq_has_overflowed(m))
		prefix_lines(m, start);
	return true;
}
