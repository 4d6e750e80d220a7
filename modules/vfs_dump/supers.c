// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/supers: the mounted superblocks, one a row, with what
 * each file system's statfs says and how many of its inodes are in
 * memory.
 *
 * The list of superblocks (super_blocks) and of file-system types
 * (file_systems) are private to the VFS, and iterate_supers() is not
 * exported; iterate_supers_type() is, per type. The registered types are
 * read where the kernel publishes them, the "filesystems" file of the
 * procfs instance this file was opened through, and each is taken with
 * get_fs_type(), which pins its module while its superblocks are
 * walked. iterate_supers_type() holds each superblock's s_umount around
 * the callback, so ->statfs() may be called there (as statfs(2) does).
 *
 * Only the superblocks mounted in the reader's mount namespace are
 * listed (the mount tree is private to the VFS): those whose device
 * appears in the "self/mountinfo" of that same procfs instance, which
 * lists the mounts of the reading process's namespace, as
 * /proc/self/mountinfo does. Superblocks the kernel mounts for itself
 * (pipefs, sockfs, ...) are in no namespace and are left out.
 *
 * Every read chunk (seq_file start) takes a new snapshot and prints from
 * its position: a machine has tens of superblocks, so this costs less
 * than keeping one per open file.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/file.h>
#include <linux/kdev_t.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/bsearch.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/statfs.h>

#include "compat.h"
#include "internal.h"

#define SUPERS_MAX	512
#define FS_LIST_MAX	8192
/* mountinfo read for one snapshot, and the devices kept from it. */
#define MOUNTINFO_MAX	SZ_1M
#define MOUNTS_MAX	8192

struct vd_super {
	char type[32];
	char id[32];
	dev_t dev;
	unsigned long block_size;
	unsigned long magic;
	u32 flags;			/* SB_*: the low 32 bits */
	bool have_statfs;
	struct kstatfs st;
	unsigned long inodes_cached;
};

struct vd_supers {
	struct vd_super *rec;
	unsigned int n;
	bool truncated;
};

/* A walk of the superblocks mounted in the reader's namespace. */
struct vd_ns_walk {
	dev_t *devs;			/* mounted in the reader's namespace */
	unsigned int ndevs;
	bool truncated;
	vd_super_fn fn;
	void *arg;
};

static void copy_name(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i]; i++)
		dst[i] = isgraph(src[i]) ? src[i] : '?';
	dst[i] = '\0';
	if (!i)
		strscpy(dst, "-", len);
}

static int cmp_dev(const void *a, const void *b)
{
	dev_t x = *(const dev_t *)a, y = *(const dev_t *)b;

	return x < y ? -1 : x > y;
}

static void collect_one(struct super_block *sb, void *arg)
{
	struct vd_supers *s = arg;
	struct vd_super *r;
	struct inode *inode;

	if (s->n >= SUPERS_MAX) {
		s->truncated = true;
		return;
	}
	r = &s->rec[s->n++];
	copy_name(r->type, sizeof(r->type), sb->s_type->name);
	copy_name(r->id, sizeof(r->id), sb->s_id);
	r->dev = sb->s_dev;
	r->block_size = sb->s_blocksize;
	r->magic = sb->s_magic;
	r->flags = lower_32_bits(sb->s_flags);
	r->have_statfs = sb->s_op->statfs &&
			 !sb->s_op->statfs(sb->s_root, &r->st);
	r->inodes_cached = 0;
	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		r->inodes_cached++;
	spin_unlock(&sb->s_inode_list_lock);
}

/*
 * The file @name of the procfs instance @opener was opened through, as
 * text in @buf: "filesystems" ("nodev\tproc\n\text4\n", the type names)
 * or "self/mountinfo". *@full when it did not fit.
 */
static int read_proc_file(struct file *opener, const char *name, char *buf,
			  size_t len, bool *full)
{
	struct vfsmount *mnt = opener->f_path.mnt;
	struct path path;
	struct file *f;
	loff_t pos = 0;
	size_t got = 0;
	ssize_t n;
	int ret;

	*full = false;
	ret = vfs_path_lookup(mnt->mnt_root, mnt, name, LOOKUP_FOLLOW, &path);
	if (ret)
		return ret;
	f = dentry_open(&path, O_RDONLY, current_cred());
	path_put(&path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	while (got + 1 < len) {
		n = kernel_read(f, buf + got, len - 1 - got, &pos);
		if (n <= 0)
			break;
		got += n;
	}
	*full = got + 1 >= len;
	fput(f);
	buf[got] = '\0';
	return 0;
}

/*
 * The devices mounted in the reader's namespace: the "MAJOR:MINOR" third
 * field of each mountinfo line, sorted for bsearch().
 */
static int read_mounts(struct vd_ns_walk *s, struct file *opener)
{
	char *buf, *line, *cur;
	unsigned int maj, min;
	bool full;
	int ret;

	s->ndevs = 0;
	s->devs = kvmalloc_array(MOUNTS_MAX, sizeof(*s->devs), GFP_KERNEL);
	buf = kvmalloc(MOUNTINFO_MAX, GFP_KERNEL);
	if (!s->devs || !buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = read_proc_file(opener, "self/mountinfo", buf, MOUNTINFO_MAX,
			     &full);
	if (ret)
		goto out;
	/* A mount left out of a full buffer leaves its superblock out. */
	if (full)
		s->truncated = true;
	cur = buf;
	while ((line = strsep(&cur, "\n"))) {
		if (sscanf(line, "%*d %*d %u:%u", &maj, &min) != 2)
			continue;
		if (s->ndevs >= MOUNTS_MAX) {
			s->truncated = true;
			break;
		}
		s->devs[s->ndevs++] = MKDEV(maj, min);
	}
	sort(s->devs, s->ndevs, sizeof(*s->devs), cmp_dev, NULL);
out:
	kvfree(buf);
	return ret;
}

/* Only the superblocks mounted in the reader's namespace. */
static void walk_one(struct super_block *sb, void *arg)
{
	struct vd_ns_walk *w = arg;

	if (bsearch(&sb->s_dev, w->devs, w->ndevs, sizeof(*w->devs), cmp_dev))
		w->fn(sb, w->arg);
}

int vd_supers_walk(struct file *opener, vd_super_fn fn, void *arg,
		   bool *truncated)
{
	struct vd_ns_walk w = { .fn = fn, .arg = arg };
	char *list, *line, *cur, *name;
	struct file_system_type *type;
	bool full;
	int ret;

	list = kmalloc(FS_LIST_MAX, GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	ret = read_proc_file(opener, "filesystems", list, FS_LIST_MAX, &full);
	if (!ret)
		ret = read_mounts(&w, opener);
	if (ret)
		goto out;
	cur = list;
	while ((line = strsep(&cur, "\n"))) {
		name = strrchr(line, '\t');
		name = name ? name + 1 : line;
		if (!*name)
			continue;
		type = get_fs_type(name);
		if (!type)
			continue;
		iterate_supers_type(type, walk_one, &w);
		module_put(type->owner);
	}
	if (w.truncated && truncated)
		*truncated = true;
out:
	kvfree(w.devs);
	kfree(list);
	return ret;
}

static int collect(struct vd_supers *s, struct file *opener)
{
	s->n = 0;
	s->truncated = false;
	s->rec = kvcalloc(SUPERS_MAX, sizeof(*s->rec), GFP_KERNEL);
	if (!s->rec)
		return -ENOMEM;
	return vd_supers_walk(opener, collect_one, s, &s->truncated);
}

static void *supers_start(struct seq_file *m, loff_t *pos)
{
	struct osedu_file_ctx *ctx = m->private;
	struct vd_supers *s = ctx->priv;
	int ret;

	ret = collect(s, ctx->file);
	if (ret)
		return ERR_PTR(ret);
	if (*pos > s->n)
		return NULL;
	return s;
}

static void *supers_next(struct seq_file *m, void *p, loff_t *pos)
{
	struct osedu_file_ctx *ctx = m->private;
	struct vd_supers *s = ctx->priv;

	++*pos;
	return *pos > s->n ? NULL : s;
}

static void supers_stop(struct seq_file *m, void *p)
{
	struct osedu_file_ctx *ctx = m->private;
	struct vd_supers *s = ctx->priv;

	kvfree(s->rec);
	s->rec = NULL;
}

static int supers_show(struct seq_file *m, void *p)
{
	struct vd_supers *s = p;
	const struct vd_super *r;

	if (m->index == 0) {
		osedu_seq_header(m, "vfs-supers");
		seq_printf(m, "supers: %u\n", s->n);
		seq_printf(m, "truncated: %d\n", s->truncated);
		seq_puts(m, "type id dev block_size magic flags f_bsize blocks free avail inodes free_inodes inodes_cached\n");
		return 0;
	}
	r = &s->rec[m->index - 1];
	seq_printf(m, "%s %s %u:%u %lu 0x%lx 0x%x ", r->type, r->id,
		   MAJOR(r->dev), MINOR(r->dev), r->block_size, r->magic,
		   r->flags);
	if (r->have_statfs)
		seq_printf(m, "%ld %llu %llu %llu %llu %llu",
			   (long)r->st.f_bsize,
			   (unsigned long long)r->st.f_blocks,
			   (unsigned long long)r->st.f_bfree,
			   (unsigned long long)r->st.f_bavail,
			   (unsigned long long)r->st.f_files,
			   (unsigned long long)r->st.f_ffree);
	else
		seq_puts(m, "- - - - - -");
	seq_printf(m, " %lu\n", r->inodes_cached);
	return 0;
}

static const struct seq_operations supers_seq_ops = {
	.start = supers_start,
	.next = supers_next,
	.stop = supers_stop,
	.show = supers_show,
};

static struct osedu_file supers_file = {
	.name = "supers",
	.seq_ops = &supers_seq_ops,
	.priv_size = sizeof(struct vd_supers),
};

int vd_supers_init(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &supers_file);
}

void vd_supers_exit(void)
{
	osedu_file_remove(&supers_file);
}
