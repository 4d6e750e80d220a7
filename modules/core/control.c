// SPDX-License-Identifier: GPL-2.0
/*
 * Control files: the files of /proc/osedu that change state (start and
 * stop a trace or a count). Every one has the same grammar, the same
 * privilege rule and the same errors, documented once in
 * docs/proc-format.md ("Control files"):
 *
 *  - one write is one command, "VERB [KEY=VALUE]...", words separated by
 *    single spaces, with at most one trailing newline, at most
 *    OSEDU_CONTROL_MAX bytes, no NUL and no other control byte;
 *  - an unknown verb or key, a key given twice, a key without a value or
 *    a malformed value is -EINVAL;
 *  - only a CAP_SYS_ADMIN opener may open it for writing (-EPERM), decided
 *    at open from the opener's credentials (file_ns_capable()), like every
 *    osedu access decision: a descriptor passed on keeps what its opener
 *    was allowed, no more;
 *  - a verb that starts something fails with -EBUSY while it runs, one
 *    that stops it with -EALREADY while it is idle;
 *  - a pid is read in the writer's pid namespace and must be visible
 *    there and in the procfs instance of the file (osedu_find_pid());
 *    -ESRCH otherwise. Pids are printed as that procfs instance numbers
 *    them (osedu_control_pid_nr()), like the names of per-task entries.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <osedu/core.h>

/* A byte of a word: printable, not a space; UTF-8 bytes are allowed. */
static bool word_byte(unsigned char c)
{
	return c > ' ' && c != 0x7f;
}

/*
 * A pid: decimal digits only (no sign, base prefix or leading zero) that
 * fit a pid_t, else -EINVAL; a number that names no visible process is
 * -ESRCH, as for kill(2).
 */
static int parse_pid(const char *s, const struct file *file, struct pid **pidp)
{
	const char *p;
	int nr = 0;

	if (*s < '1' || *s > '9')
		return -EINVAL;
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9' || nr > (INT_MAX - (*p - '0')) / 10)
			return -EINVAL;
		nr = nr * 10 + (*p - '0');
	}
	*pidp = osedu_find_pid(file, nr);
	return *pidp ? 0 : -ESRCH;
}

/* The index of @name among @verb's keys, or -1. */
static int key_index(const struct osedu_control_verb *verb, const char *name)
{
	int i;

	for (i = 0; i < OSEDU_CONTROL_ARGS && verb->keys && verb->keys[i].name;
	     i++)
		if (!strcmp(verb->keys[i].name, name))
			return i;
	return -1;
}

static int parse_arg(const struct osedu_control_verb *verb, char *word,
		     struct osedu_control_cmd *cmd)
{
	const struct osedu_control_key *key;
	char *value = strchr(word, '=');
	struct osedu_control_arg *arg;
	int i;

	if (!value || value == word || !value[1])
		return -EINVAL;
	*value++ = '\0';
	i = key_index(verb, word);
	if (i < 0)
		return -EINVAL;
	key = &verb->keys[i];
	arg = &cmd->args[i];
	if (arg->given)
		return -EINVAL;
	arg->given = true;
	switch (key->type) {
	case OSEDU_CONTROL_PID:
		return parse_pid(value, cmd->file, &arg->pid);
	case OSEDU_CONTROL_STR:
		if (strlen(value) > key->max)
			return -EINVAL;
		arg->str = value;
		return 0;
	}
	return -EINVAL;
}

/* Split @line into the verb and its arguments: 0 or -errno. */
static int parse(const struct osedu_control *c, char *line,
		 struct osedu_control_cmd *cmd)
{
	const struct osedu_control_verb *verb;
	char *word;
	int ret;

	/* Words of allowed bytes, one space between two, none at the ends. */
	for (word = line; *word; word++)
		if (!word_byte(*word) &&
		    (*word != ' ' || word == line || !word[1] ||
		     word[1] == ' '))
			return -EINVAL;
	word = strsep(&line, " ");
	for (verb = c->verbs; verb->name; verb++)
		if (!strcmp(verb->name, word))
			break;
	if (!verb->name)
		return -EINVAL;
	cmd->verb = verb;
	while ((word = strsep(&line, " "))) {
		ret = parse_arg(verb, word, cmd);
		if (ret)
			return ret;
	}
	return 0;
}

static void cmd_release(struct osedu_control_cmd *cmd)
{
	int i;

	for (i = 0; i < OSEDU_CONTROL_ARGS; i++)
		put_pid(cmd->args[i].pid);
}

static int run(const struct osedu_control *c, struct osedu_control_cmd *cmd)
{
	unsigned int flags = cmd->verb->flags;
	int ret;

	/* A write: killable, should a command hold the lock for long. */
	if (mutex_lock_killable(c->lock))
		return -EINTR;
	if ((flags & OSEDU_CONTROL_STARTS) && c->active(c))
		ret = -EBUSY;
	else if ((flags & OSEDU_CONTROL_STOPS) && !c->active(c))
		ret = -EALREADY;
	else
		ret = cmd->verb->apply(cmd);
	mutex_unlock(c->lock);
	return ret;
}

static ssize_t control_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	const struct osedu_control *c = pde_data(file_inode(file));
	struct osedu_control_cmd cmd = { .control = c, .file = file };
	char line[OSEDU_CONTROL_MAX + 1];
	size_t n = len;
	int ret;

	if (!n || n > OSEDU_CONTROL_MAX)
		return -EINVAL;
	if (copy_from_user(line, ubuf, n))
		return -EFAULT;
	line[n] = '\0';
	if (line[n - 1] == '\n')
		line[--n] = '\0';
	/* An empty line, or a NUL inside: not a command. */
	if (!n || strlen(line) != n)
		return -EINVAL;
	ret = parse(c, line, &cmd);
	if (!ret)
		ret = run(c, &cmd);
	cmd_release(&cmd);
	return ret ? ret : len;
}

static int control_show(struct seq_file *m, void *v)
{
	const struct osedu_control *c = m->private;

	return c->show(m, m->file);
}

static int control_open(struct inode *inode, struct file *file)
{
	const struct osedu_control *c = pde_data(inode);

	/* The one privilege rule, from the opener's credentials. */
	if ((file->f_mode & FMODE_WRITE) &&
	    !file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (!(file->f_mode & FMODE_READ))
		return nonseekable_open(inode, file);
	if (!c->show)
		return -EACCES;
	return single_open(file, control_show, (void *)c);
}

static int control_release(struct inode *inode, struct file *file)
{
	if (!(file->f_mode & FMODE_READ))
		return 0;
	return single_release(inode, file);
}

/* A write-only open has no seq_file (reads fail in the VFS: EBADF). */
static loff_t control_lseek(struct file *file, loff_t off, int whence)
{
	return file->f_mode & FMODE_READ ? seq_lseek(file, off, whence) :
					    -ESPIPE;
}

static const struct proc_ops control_ops = {
	.proc_open	= control_open,
	.proc_read	= seq_read,
	.proc_write	= control_write,
	.proc_lseek	= control_lseek,
	.proc_release	= control_release,
};

int osedu_control_create(struct proc_dir_entry *dir, struct osedu_control *c)
{
	const struct osedu_control_verb *verb;
	int i;

	if (WARN_ON(!c->lock || !c->active || !c->verbs))
		return -EINVAL;
	for (verb = c->verbs; verb->name; verb++)
		for (i = 0; verb->keys && verb->keys[i].name; i++)
			if (WARN_ON(i >= OSEDU_CONTROL_ARGS))
				return -EINVAL;
	c->pde = proc_create_data(c->name, c->show ? 0644 : 0200, dir,
				  &control_ops, c);
	return c->pde ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_GPL(osedu_control_create);

void osedu_control_remove(struct osedu_control *c)
{
	proc_remove(c->pde);
	c->pde = NULL;
}
EXPORT_SYMBOL_GPL(osedu_control_remove);

pid_t osedu_control_pid_nr(const struct file *file, struct pid *pid)
{
	return pid_nr_ns(pid, proc_pid_ns(file_inode(file)->i_sb));
}
EXPORT_SYMBOL_GPL(osedu_control_pid_nr);
