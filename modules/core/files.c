// SPDX-License-Identifier: GPL-2.0
/*
 * Files that are not per task: system-wide lists, one-record files and
 * transaction files (write a request, read its answer), made the same
 * way for every module so that each applies the same policy: the
 * opener's access is decided once at open (DESIGN.md), and a request is
 * checked with the opener's credentials, never with the writer's.
 *
 * Every callback gets a struct osedu_file_ctx as seq_file's m->private.
 * Core's seq_operations wrap a module's so that a transaction file shows
 * nothing until a request has succeeded, without every module checking.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/lockdep.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <osedu/core.h>

static const struct osedu_file *file_def(struct file *file)
{
	return pde_data(file_inode(file));
}

static void *wrap_start(struct seq_file *m, loff_t *pos)
{
	struct osedu_file_ctx *ctx = m->private;

	if (ctx->def->request && !ctx->ready)
		return NULL;
	return ctx->def->seq_ops->start(m, pos);
}

static void *wrap_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct osedu_file_ctx *ctx = m->private;

	return ctx->def->seq_ops->next(m, v, pos);
}

/* Called after a NULL start too, as seq_file always does. */
static void wrap_stop(struct seq_file *m, void *v)
{
	struct osedu_file_ctx *ctx = m->private;

	if (ctx->def->request && !ctx->ready)
		return;
	ctx->def->seq_ops->stop(m, v);
}

static int wrap_show(struct seq_file *m, void *v)
{
	struct osedu_file_ctx *ctx = m->private;

	return ctx->def->seq_ops->show(m, v);
}

static const struct seq_operations wrap_seq_ops = {
	.start	= wrap_start,
	.next	= wrap_next,
	.stop	= wrap_stop,
	.show	= wrap_show,
};

static int single_show(struct seq_file *m, void *v)
{
	struct osedu_file_ctx *ctx = m->private;

	if (ctx->def->request && !ctx->ready)
		return 0;
	return ctx->def->show(m, ctx);
}

static struct osedu_file_ctx *ctx_alloc(struct file *file,
					const struct osedu_file *def)
{
	struct osedu_file_ctx *ctx;

	ctx = kzalloc(sizeof(*ctx) + def->priv_size, GFP_KERNEL);
	if (!ctx)
		return NULL;
	osedu_access_init(&ctx->access, file);
	ctx->file = file;
	ctx->def = def;
	if (def->priv_size)
		ctx->priv = ctx + 1;
	return ctx;
}

/*
 * A show may read a file the kernel publishes through procfs (vfs_dump's
 * supers reads "filesystems" and "self/mountinfo": the lists themselves
 * are not exported), so an osedu seq_file's lock can be held while the
 * procfs seq_file's lock is taken. They are different locks of one
 * class, which lockdep would report as recursive locking: give osedu's
 * its own class.
 */
static struct lock_class_key osedu_seq_lock_key;

static int file_open(struct inode *inode, struct file *file)
{
	const struct osedu_file *def = file_def(file);
	struct osedu_file_ctx *ctx;
	struct seq_file *m;
	int ret;

	ctx = ctx_alloc(file, def);
	if (!ctx)
		return -ENOMEM;
	if (def->seq_ops) {
		ret = seq_open(file, &wrap_seq_ops);
		if (ret)
			goto free_ctx;
		m = file->private_data;
		m->private = ctx;
	} else {
		ret = single_open_size(file, single_show, ctx,
				       def->size ? def->size : PAGE_SIZE);
		if (ret)
			goto free_ctx;
		m = file->private_data;
	}
	lockdep_set_class(&m->lock, &osedu_seq_lock_key);
	return 0;

free_ctx:
	kfree(ctx);
	return ret;
}

static int file_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	struct osedu_file_ctx *ctx = m->private;
	const struct osedu_file *def = ctx->def;

	if (def->reset)
		def->reset(ctx);
	kfree(ctx);
	if (def->seq_ops)
		return seq_release(inode, file);
	return single_release(inode, file);
}

/*
 * One request per write. A request is a short line; a NUL inside it would
 * let what the module parses differ from what was written, so it is
 * refused. The answer is rewound under seq_file's lock, which a read
 * holds while it copies out (and may stall on a fault), so the wait is
 * killable.
 */
static ssize_t file_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	struct osedu_file_ctx *ctx = m->private;
	const struct osedu_file *def = ctx->def;
	char *buf, *line;
	int ret;

	if (!def->request)
		return -EINVAL;
	if (!count || count > OSEDU_REQUEST_MAX)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	if (strlen(buf) != count) {
		ret = -EINVAL;
		goto free_buf;
	}
	line = strim(buf);

	ret = mutex_lock_killable(&m->lock);
	if (ret)
		goto free_buf;
	if (ctx->ready && def->reset)
		def->reset(ctx);
	ctx->ready = false;
	m->index = 0;
	m->count = 0;
	m->from = 0;
	m->read_pos = 0;
	*ppos = 0;
	ret = def->request(ctx, line);
	if (!ret)
		ctx->ready = true;
	else if (def->reset)
		def->reset(ctx);
	mutex_unlock(&m->lock);
free_buf:
	kfree(buf);
	return ret ? ret : count;
}

static const struct proc_ops file_ops = {
	.proc_open	= file_open,
	.proc_read_iter	= seq_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= file_release,
};

static const struct proc_ops request_file_ops = {
	.proc_open	= file_open,
	.proc_read_iter	= seq_read_iter,
	.proc_write	= file_write,
	.proc_lseek	= seq_lseek,
	.proc_release	= file_release,
};

int osedu_file_create(struct proc_dir_entry *dir, struct osedu_file *f)
{
	umode_t mode = f->mode;

	if (WARN_ON(!f->show == !f->seq_ops))
		return -EINVAL;
	if (!mode)
		mode = f->request ? 0666 : 0444;
	f->pde = proc_create_data(f->name, mode, dir,
				  f->request ? &request_file_ops : &file_ops,
				  f);
	return f->pde ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_GPL(osedu_file_create);

void osedu_file_remove(struct osedu_file *f)
{
	proc_remove(f->pde);
	f->pde = NULL;
}
EXPORT_SYMBOL_GPL(osedu_file_remove);
