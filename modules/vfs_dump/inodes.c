// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/inodes: the inodes of one superblock that are in memory
 * (the inode cache), root only. A transaction file: write the superblock's
 * device as vfs/supers lists it ("MAJOR:MINOR"), read one row per inode:
 * its number, type and mode, links, size, blocks, references, state
 * (dirty, new, being freed, ...), page-cache pages, and a path through one
 * of its dentries.
 *
 * Who may ask: an opener with CAP_SYS_ADMIN in the initial user namespace
 * (core's access, decided at open). The list names every cached file of a
 * file system, whoever owns it, so anyone else is refused; the file is
 * mode 0600 as well.
 *
 * The superblock is found among those mounted in the reader's mount
 * namespace (vd_supers_walk(), as vfs/supers lists them), and is walked
 * from iterate_supers_type()'s callback, with its s_umount held: it
 * cannot be unmounted meanwhile, so the dentries taken below are put
 * back before umount could find them in use.
 *
 * The walk is the kernel's own (fs/drop_caches.c, evict_inodes()):
 * sb->s_inodes under s_inode_list_lock, each inode's fields read under
 * its i_lock. An inode cannot leave the list (evict() takes the list
 * lock) nor be freed while the list lock is held, so no inode reference
 * is taken at all: looking does not put inodes back on the LRU or evict
 * them. For the path, d_find_alias() takes a reference on one hashed
 * dentry of each inode that is not new or being freed (it only spins on
 * i_lock and d_lock, in the kernel's order under the list lock); the
 * paths are then built and the dentries put once the list lock is
 * dropped, since dput() may sleep.
 *
 * Bounded: at most INODES_MAX rows, the first the list holds (the inodes
 * most recently read into memory: the list grows at its head), then
 * sorted by number; the rest are only counted, so "inodes" is the total
 * and "truncated: 1" says rows were left out. Counting holds the list
 * lock across the whole list, as vfs/supers' inodes_cached does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/dcache.h>
#include <linux/kdev_t.h>
#include <linux/limits.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>

#include "compat.h"
#include "internal.h"

#define INODES_MAX	4096
/* Paths of one answer, NUL-separated; a path that does not fit is "?". */
#define PATHS_BYTES	SZ_512K

#define NO_PATH		U32_MAX		/* no dentry: "-" */
#define LOST_PATH	(U32_MAX - 1)	/* did not fit: "?" */

struct vd_inode_rec {
	unsigned long ino;
	umode_t mode;
	unsigned int nlink;
	int refs;
	loff_t size;
	u64 blocks;			/* i_blocks, 512-byte units */
	unsigned long state;		/* i_state */
	unsigned long pages;		/* i_mapping->nrpages */
	struct dentry *alias;		/* during the request only */
	u32 path;			/* offset in paths, or NO/LOST_PATH */
};

struct vd_inodes {
	dev_t dev;
	bool found;
	char type[32];
	char id[32];
	unsigned long block_size;
	struct vd_inode_rec *rec;
	unsigned int n;
	unsigned long total;
	char *paths;
	size_t paths_used;
	char *scratch;			/* PATH_MAX, for dentry_path_raw() */
};

/*
 * The states a student can read: the kernel's I_* bits by name. The word
 * itself is printed too (its bits differ between kernel versions).
 */
static const struct {
	unsigned long bit;
	const char *name;
} state_names[] = {
	{ I_NEW, "new" },
	{ I_DIRTY_SYNC, "dirty_sync" },
	{ I_DIRTY_DATASYNC, "dirty_datasync" },
	{ I_DIRTY_PAGES, "dirty_pages" },
	{ I_DIRTY_TIME, "dirty_time" },
	{ I_SYNC, "writeback" },
	{ I_SYNC_QUEUED, "writeback_queued" },
	{ I_REFERENCED, "referenced" },
	{ I_DONTCACHE, "dontcache" },
	{ I_WILL_FREE, "will_free" },
	{ I_FREEING, "freeing" },
	{ I_CLEAR, "clear" },
};

static void copy_word(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i]; i++)
		dst[i] = isgraph(src[i]) ? src[i] : '?';
	dst[i] = '\0';
	if (!i)
		strscpy(dst, "-", len);
}

static void in_reset(struct osedu_file_ctx *ctx)
{
	struct vd_inodes *s = ctx->priv;

	kvfree(s->rec);
	kvfree(s->paths);
	kfree(s->scratch);
	memset(s, 0, sizeof(*s));
}

/* Under s_inode_list_lock: the fields of @inode, read under its i_lock. */
static void read_inode(struct vd_inode_rec *r, struct inode *inode)
{
	spin_lock(&inode->i_lock);
	r->ino = inode->i_ino;
	r->mode = inode->i_mode;
	r->nlink = inode->i_nlink;
	r->refs = atomic_read(&inode->i_count);
	r->size = i_size_read(inode);
	r->blocks = inode->i_blocks;
	r->state = vd_inode_state(inode);
	r->pages = READ_ONCE(inode->i_mapping->nrpages);
	spin_unlock(&inode->i_lock);
	r->path = NO_PATH;
	r->alias = NULL;
	/* A new inode is not set up yet; a freeing one has no dentry. */
	if (!(r->state & (I_NEW | I_WILL_FREE | I_FREEING)))
		r->alias = d_find_alias(inode);
}

static void snapshot(struct vd_inodes *s, struct super_block *sb)
{
	struct inode *inode;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		s->total++;
		if (s->n < INODES_MAX)
			read_inode(&s->rec[s->n++], inode);
	}
	spin_unlock(&sb->s_inode_list_lock);
}

/* The dentries' paths from the file system's root; the dentries put. */
static void name_aliases(struct vd_inodes *s)
{
	struct vd_inode_rec *r;
	size_t len;
	char *p;

	for (r = s->rec; r < s->rec + s->n; r++) {
		if (!r->alias)
			continue;
		p = dentry_path_raw(r->alias, s->scratch, PATH_MAX);
		r->path = LOST_PATH;
		if (!IS_ERR(p)) {
			len = strlen(p) + 1;
			if (len <= PATHS_BYTES - s->paths_used) {
				memcpy(s->paths + s->paths_used, p, len);
				r->path = s->paths_used;
				s->paths_used += len;
			}
		}
		dput(r->alias);
		r->alias = NULL;
		cond_resched();
	}
}

static int cmp_ino(const void *a, const void *b)
{
	const struct vd_inode_rec *x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* iterate_supers_type()'s callback: s_umount is held for reading. */
static void walk_sb(struct super_block *sb, void *arg)
{
	struct vd_inodes *s = arg;

	/* One superblock per device: the first found is the one. */
	if (sb->s_dev != s->dev || s->found)
		return;
	s->found = true;
	copy_word(s->type, sizeof(s->type), sb->s_type->name);
	copy_word(s->id, sizeof(s->id), sb->s_id);
	s->block_size = sb->s_blocksize;
	snapshot(s, sb);
	name_aliases(s);
}

/* "MAJOR:MINOR", decimal digits only, within what a dev_t holds. */
static int parse_dev(char *line, dev_t *dev)
{
	unsigned int maj, min;
	char *colon = strchr(line, ':');

	if (!colon)
		return -EINVAL;
	*colon = '\0';
	if (!*line || strspn(line, "0123456789") != strlen(line) ||
	    !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return -EINVAL;
	if (kstrtouint(line, 10, &maj) || kstrtouint(colon + 1, 10, &min))
		return -EINVAL;
	if (maj > MAJOR(~0U) || min > MINOR(~0U))
		return -EINVAL;
	*dev = MKDEV(maj, min);
	return 0;
}

static int in_request(struct osedu_file_ctx *ctx, char *line)
{
	struct vd_inodes *s = ctx->priv;
	int ret;

	if (!(ctx->access.flags & OSEDU_ACC_ADMIN))
		return -EACCES;
	ret = parse_dev(line, &s->dev);
	if (ret)
		return ret;
	s->rec = kvmalloc_array(INODES_MAX, sizeof(*s->rec), GFP_KERNEL);
	s->paths = kvmalloc(PATHS_BYTES, GFP_KERNEL);
	s->scratch = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!s->rec || !s->paths || !s->scratch)
		return -ENOMEM;
	ret = vd_supers_walk(ctx->file, walk_sb, s, NULL);
	if (ret)
		return ret;
	if (!s->found)
		return -ENOENT;
	sort(s->rec, s->n, sizeof(*s->rec), cmp_ino, NULL);
	return 0;
}

static void *in_start(struct seq_file *m, loff_t *pos)
{
	struct osedu_file_ctx *ctx = m->private;
	struct vd_inodes *s = ctx->priv;

	return *pos > s->n ? NULL : s;
}

static void *in_next(struct seq_file *m, void *p, loff_t *pos)
{
	struct osedu_file_ctx *ctx = m->private;
	struct vd_inodes *s = ctx->priv;

	++*pos;
	return *pos > s->n ? NULL : s;
}

static void in_stop(struct seq_file *m, void *p)
{
}

static void show_state(struct seq_file *m, unsigned long state)
{
	bool any = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(state_names); i++) {
		if (!(state & state_names[i].bit))
			continue;
		seq_printf(m, "%s%s", any ? "," : "", state_names[i].name);
		any = true;
	}
	if (!any)
		seq_putc(m, '-');
}

static int in_show(struct seq_file *m, void *p)
{
	struct vd_inodes *s = p;
	const struct vd_inode_rec *r;

	if (m->index == 0) {
		osedu_seq_header(m, "vfs-inodes");
		seq_printf(m, "dev: %u:%u\n", MAJOR(s->dev), MINOR(s->dev));
		seq_printf(m, "type: %s\n", s->type);
		seq_printf(m, "id: %s\n", s->id);
		seq_printf(m, "block_size: %lu\n", s->block_size);
		seq_printf(m, "inodes: %lu\n", s->total);
		seq_printf(m, "shown: %u\n", s->n);
		seq_printf(m, "limit: %u\n", INODES_MAX);
		seq_printf(m, "truncated: %d\n", s->total > s->n);
		seq_puts(m, "ino type mode nlink size blocks_512 refs cache_pages state_word state path\n");
		return 0;
	}
	r = &s->rec[m->index - 1];
	seq_printf(m, "%lu %s 0%o %u %lld %llu %d %lu 0x%lx ", r->ino,
		   vd_type_name(r->mode), r->mode, r->nlink, (long long)r->size,
		   (unsigned long long)r->blocks, r->refs, r->pages, r->state);
	show_state(m, r->state);
	if (r->path == NO_PATH) {
		seq_puts(m, " -\n");
	} else if (r->path == LOST_PATH) {
		seq_puts(m, " ?\n");
	} else {
		seq_putc(m, ' ');
		/* One word: as /proc/self/mountinfo escapes a path. */
		seq_escape(m, s->paths + r->path, " \t\n\\");
		seq_putc(m, '\n');
	}
	return 0;
}

static const struct seq_operations in_seq_ops = {
	.start = in_start,
	.next = in_next,
	.stop = in_stop,
	.show = in_show,
};

static struct osedu_file inodes_file = {
	.name = "inodes",
	.mode = 0600,
	.seq_ops = &in_seq_ops,
	.request = in_request,
	.reset = in_reset,
	.priv_size = sizeof(struct vd_inodes),
};

int vd_inodes_init(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &inodes_file);
}

void vd_inodes_exit(void)
{
	osedu_file_remove(&inodes_file);
}
