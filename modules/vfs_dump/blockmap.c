// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/vfs/blockmap: which disk blocks hold a file. Write a request,
 * read the answer (a transaction file, like pagewalk/query):
 *
 *   /absolute/path     the file at that path (symbolic links followed)
 *   PID FD             the file open as FD in process PID
 *
 * The answer: the inode, the logical -> physical map as merged runs and
 * holes, how many blocks are index blocks rather than data, and the
 * on-disk structures behind the map (ext.c, fat.c).
 *
 * The map is what bmap() answers for every block below i_size (ext4 from
 * its extents, ext2 from its indirect blocks, FAT from its chain). Asking
 * it block by block costs a call per block, so the map is first read
 * from those same structures, a run at a time, through the buffer cache
 * where the file system keeps them (vd_ext_map, vd_fat_map), and checked:
 * the blocks the structures hold must be what i_blocks counts, and
 * bmap() must agree at the first and the last block. Only when a check
 * fails, or the structures may be stale (ext2 keeps its block pointers in
 * memory until the inode is written back: a dirty ext2 inode), is bmap()
 * asked block by block. "map_method:" says which.
 *
 * Who may ask: FIEMAP's rule. Whoever may open the file (read permission
 * for a path, checked with the opener's credentials as open(2) would)
 * or may open the process (core's rule, as for /proc/<pid>/fd) sees its
 * block numbers.
 *
 * Looking must not change what is seen. ext4's bmap() writes a file's
 * dirty pages back first when it delays allocation (the blocks of dirty
 * data are chosen at writeback): for a file with dirty pages on ext4 the
 * answer says "not yet allocated (delayed allocation)" and maps nothing.
 * Other file systems allocate at write time, and their bmap() writes
 * nothing back.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/buffer_head.h>
#include <linux/blkdev.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/pagemap.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "compat.h"
#include "internal.h"

/* Runs kept for one answer; a longer map says it was cut. */
#define RUNS_MAX	65536
#define RUNS_FIRST	64

/*
 * A request, and the map of the show in progress. seq_file calls a show
 * again, from the start, with a buffer twice as large whenever the
 * answer overflowed the last one: the map is kept from the call that
 * built it to the call that prints it whole (bm_show), and dropped
 * then, so that a later read maps the file afresh.
 */
struct vd_req {
	struct path path;
	bool have;
	bool built;
	size_t kept_size;		/* the buffer the map did not fit */
	int map_ret;
	const char *method;
	struct vd_map map;
};

static void drop_map(struct vd_req *r)
{
	kvfree(r->map.runs);
	memset(&r->map, 0, sizeof(r->map));
	r->built = false;
	r->kept_size = 0;
}

static void bm_reset(struct osedu_file_ctx *ctx)
{
	struct vd_req *r = ctx->priv;

	drop_map(r);
	if (r->have) {
		path_put(&r->path);
		r->have = false;
	}
}

/* The path, looked up and checked with the opener's credentials. */
static int request_path(struct osedu_file_ctx *ctx, const char *name,
			struct path *path)
{
	const struct cred *old;
	int ret;

	old = override_creds(ctx->file->f_cred);
	ret = kern_path(name, LOOKUP_FOLLOW, path);
	if (!ret) {
		ret = vd_may_read(path->mnt, d_inode(path->dentry));
		if (ret)
			path_put(path);
	}
	revert_creds(old);
	return ret;
}

/* The file open as @fd in process @nr, if the opener may open it. */
static int request_fd(struct osedu_file_ctx *ctx, pid_t nr, unsigned int fd,
		      struct path *path)
{
	struct task_struct *task;
	unsigned int found = fd;
	struct file *file;
	struct pid *pid;
	int ret;

	pid = osedu_find_pid(ctx->file, nr);
	if (!pid)
		return -ESRCH;
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task)
		return -ESRCH;
	ret = osedu_may_open_task(ctx->file, task);
	if (ret)
		goto put_task;
	file = osedu_task_next_file(task, &found, NULL);
	if (file && found != fd) {
		fput(file);
		file = NULL;
	}
	if (!file) {
		ret = -EBADF;
		goto put_task;
	}
	*path = file->f_path;
	path_get(path);
	fput(file);
put_task:
	put_task_struct(task);
	return ret;
}

static int bm_request(struct osedu_file_ctx *ctx, char *line)
{
	struct vd_req *r = ctx->priv;
	unsigned int fd;
	char extra;
	int ret;
	int nr;

	if (line[0] == '/') {
		ret = request_path(ctx, line, &r->path);
	} else if (sscanf(line, "%d %u %c", &nr, &fd, &extra) == 2 && nr > 0) {
		ret = request_fd(ctx, nr, fd, &r->path);
	} else {
		/* A relative path would depend on the writer's cwd. */
		return -EINVAL;
	}
	if (ret)
		return ret;
	r->have = true;
	return 0;
}

static bool delays_allocation(struct inode *inode)
{
	return !strcmp(inode->i_sb->s_type->name, "ext4");
}

/* Why @inode has no block map, or NULL when it may have one. */
static const char *no_map_reason(struct inode *inode)
{
	if (!S_ISREG(inode->i_mode))
		return "not a regular file";
	if (!inode->i_sb->s_bdev)
		return "not on a block device";
	if (!inode->i_mapping->a_ops->bmap)
		return "the file system keeps no block numbers (no bmap)";
	return NULL;
}

/* The runs array, doubled; false when it may not grow. */
static bool grow_runs(struct vd_map *map)
{
	unsigned int cap = map->cap ? map->cap * 2 : RUNS_FIRST;
	struct vd_run *runs;

	if (map->cap >= RUNS_MAX)
		return false;
	cap = min_t(unsigned int, cap, RUNS_MAX);
	runs = kvmalloc_array(cap, sizeof(*runs), GFP_KERNEL);
	if (!runs)
		return false;
	if (map->nr)
		memcpy(runs, map->runs, map->nr * sizeof(*runs));
	kvfree(map->runs);
	map->runs = runs;
	map->cap = cap;
	return true;
}

int vd_map_add(struct vd_map *map, u64 lblk, u64 pblk, u64 count)
{
	struct vd_run *last = map->nr ? &map->runs[map->nr - 1] : NULL;

	if (!count)
		return 0;
	if (pblk) {
		map->data_blocks += count;
		if (pblk + count > map->dev_blocks)
			map->beyond_device += pblk >= map->dev_blocks ? count :
					      pblk + count - map->dev_blocks;
	} else {
		map->hole_blocks += count;
	}
	if (last && last->logical + last->count == lblk &&
	    ((!pblk && !last->physical) ||
	     (pblk && last->physical && last->physical + last->count == pblk))) {
		last->count += count;
		return 0;
	}
	if (map->nr >= map->cap && !grow_runs(map)) {
		if (map->cap < RUNS_MAX)
			return -ENOMEM;
		map->truncated = true;
		return 0;
	}
	map->runs[map->nr++] = (struct vd_run){ lblk, pblk, count };
	return 0;
}

static void map_reset(struct vd_map *map)
{
	map->nr = 0;
	map->truncated = false;
	map->data_blocks = 0;
	map->hole_blocks = 0;
	map->beyond_device = 0;
}

static bool must_not_flush(struct inode *inode)
{
	return delays_allocation(inode) &&
	       mapping_tagged(inode->i_mapping, PAGECACHE_TAG_DIRTY);
}

/*
 * Ask bmap() for every block below i_size. 0, -EAGAIN when ext4 data
 * turned dirty (the map stops: it must not be flushed), or an error.
 */
static int map_by_bmap(struct inode *inode, struct vd_map *map)
{
	u64 lblk;
	sector_t blk;
	int ret;

	for (lblk = 0; lblk < map->nblocks; lblk++) {
		if (must_not_flush(inode))
			return -EAGAIN;
		blk = lblk;
		ret = bmap(inode, &blk);
		if (ret)
			return ret;
		if (lblk == 0)
			map->first_block = blk;
		ret = vd_map_add(map, lblk, blk, 1);
		if (ret)
			return ret;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/* What the map says of logical block @lblk (0: a hole or none). */
static u64 map_lookup(const struct vd_map *map, u64 lblk)
{
	unsigned int lo = 0, hi = map->nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct vd_run *r = &map->runs[mid];

		if (lblk < r->logical)
			hi = mid;
		else if (lblk >= r->logical + r->count)
			lo = mid + 1;
		else
			return r->physical ? r->physical + lblk - r->logical : 0;
	}
	return 0;
}

/* Does bmap() say of @lblk what the map says? */
static bool bmap_agrees(struct inode *inode, const struct vd_map *map,
			u64 lblk)
{
	sector_t blk = lblk;

	if (must_not_flush(inode) || bmap(inode, &blk))
		return false;
	return blk == map_lookup(map, lblk);
}

/*
 * The map from the on-disk structures, checked (see the top of this
 * file); -ENOENT when it cannot be had or fails a check. The walk holds
 * the inode lock shared, as bmap() does, so that no write or truncate
 * changes the structures under it; bmap() is asked outside it (ext4's
 * takes it itself).
 */
static int map_ondisk(struct inode *inode, struct vd_map *map)
{
	struct vd_ondisk od = {
		.sb = inode->i_sb,
		.inode = inode,
		.dev_blocks = map->dev_blocks,
	};
	bool ext = vd_ext_handles(inode->i_sb);
	u64 held = 0, want = 0;
	sector_t blk = 0;
	int ret;

	if (!ext && !vd_fat_handles(inode->i_sb))
		return -ENOENT;
	/* ext2 writes its block pointers to disk at inode writeback. */
	if (ext && !strcmp(inode->i_sb->s_type->name, "ext2") &&
	    (vd_inode_state(inode) & I_DIRTY))
		return -ENOENT;
	if (must_not_flush(inode) || bmap(inode, &blk))
		return -ENOENT;
	od.first_block = blk;
	map->first_block = blk;
	inode_lock_shared(inode);
	if (ext) {
		ret = vd_ext_map(&od, map, &held);
		want = (u64)inode->i_blocks >> (inode->i_blkbits - 9);
	} else {
		ret = vd_fat_map(&od, map, &held);
		want = held;
	}
	inode_unlock_shared(inode);
	if (ret == -EINTR || ret == -ENOMEM)
		return ret;
	/* bmap() of block 0 was asked above. */
	if (ret || map->truncated || held != want ||
	    blk != map_lookup(map, 0) ||
	    (map->nblocks > 1 && !bmap_agrees(inode, map, map->nblocks - 1)))
		return -ENOENT;
	return 0;
}

/* The map, and how it was had; 0, -EAGAIN (delayed), or an error. */
static int map_file(struct inode *inode, struct vd_map *map,
		    const char **method)
{
	int ret;

	map->nblocks = DIV_ROUND_UP_ULL(i_size_read(inode),
					1ULL << inode->i_blkbits);
	if (must_not_flush(inode))
		return -EAGAIN;
	ret = map_ondisk(inode, map);
	*method = "ondisk";
	if (ret != -ENOENT)
		return ret;
	map_reset(map);
	*method = "bmap";
	return map_by_bmap(inode, map);
}

/*
 * Blocks the file holds that are not data (i_blocks counts both): ext2's
 * indirect blocks, ext4's extent-tree blocks. FAT keeps no index blocks
 * (the chain is in the table) and allocates whole clusters: what i_blocks
 * counts beyond the data is the unused tail of the last cluster.
 */
static u64 index_blocks(struct inode *inode, const struct vd_map *map)
{
	u64 fs_blocks = (u64)inode->i_blocks >> (inode->i_blkbits - 9);

	if (vd_fat_handles(inode->i_sb) || fs_blocks <= map->data_blocks)
		return 0;
	return fs_blocks - map->data_blocks;
}

static void show_map(struct seq_file *m, struct inode *inode,
		     const struct vd_map *map, const char *method)
{
	unsigned int i;

	seq_puts(m, "state: mapped\n");
	seq_printf(m, "map_method: %s\n", method);
	seq_printf(m, "allocated_blocks: %llu\n",
		   (u64)inode->i_blocks >> (inode->i_blkbits - 9));
	seq_printf(m, "data_blocks: %llu\n", map->data_blocks);
	seq_printf(m, "hole_blocks: %llu\n", map->hole_blocks);
	seq_printf(m, "index_blocks: %llu\n", index_blocks(inode, map));
	/* A corrupted image's pointers, passed on by the driver. */
	seq_printf(m, "beyond_device_blocks: %llu\n", map->beyond_device);
	seq_printf(m, "runs: %u\n", map->nr);
	seq_printf(m, "runs_truncated: %d\n", map->truncated);
	seq_puts(m, "logical physical count\n");
	for (i = 0; i < map->nr; i++) {
		const struct vd_run *r = &map->runs[i];

		if (r->physical)
			seq_printf(m, "%llu %llu %llu\n", r->logical,
				   r->physical, r->count);
		else
			seq_printf(m, "%llu - %llu\n", r->logical, r->count);
	}
}

static unsigned int digits(u64 v)
{
	unsigned int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/*
 * The bytes the map's table and the on-disk structures will take, a
 * little more rather than less: the rows exactly, the structures at
 * about 80 bytes a line (ext.c prints at most 1024 extents, fat.c at
 * most 4096 chain runs, shorter) and 4 KiB for the lines around them.
 */
static size_t answer_bytes(const struct vd_map *map)
{
	size_t n = SZ_4K + 80 * (size_t)min(map->nr, 1024U);
	unsigned int i;

	for (i = 0; i < map->nr; i++) {
		const struct vd_run *r = &map->runs[i];

		n += digits(r->logical) + digits(r->count) + 3 +
		     (r->physical ? digits(r->physical) : 1);
	}
	return n;
}

static int bm_show(struct seq_file *m, struct osedu_file_ctx *ctx)
{
	struct vd_req *r = ctx->priv;
	struct inode *inode = d_inode(r->path.dentry);
	struct vd_map *map = &r->map;
	const char *why;
	int ret;

	osedu_seq_header(m, "vfs-blockmap");
	vd_show_path(m, "path", &r->path);
	vd_show_inode(m, r->path.mnt, inode,
		      vd_cache_allowed(ctx->file, &ctx->access, inode));
	vd_show_sb(m, inode->i_sb);

	why = no_map_reason(inode);
	if (why) {
		seq_printf(m, "state: none\nreason: %s\n", why);
		return 0;
	}
	/*
	 * A map kept for a buffer no larger than this one is not this
	 * show's retry (the retry's allocation failed): map afresh.
	 */
	if (r->built && m->size <= r->kept_size)
		drop_map(r);
	if (!r->built) {
		map->dev_blocks = sb_bdev_nr_blocks(inode->i_sb);
		r->method = "";
		r->map_ret = map_file(inode, map, &r->method);
		r->built = true;
	}
	ret = r->map_ret;
	if (ret == -EAGAIN) {
		seq_puts(m, "state: delayed\n");
		seq_puts(m, "reason: not yet allocated (delayed allocation)\n");
		seq_printf(m, "dirty_pages_now: %lu\n",
			   vd_dirty_pages(inode->i_mapping));
		ret = 0;
		goto out;
	}
	if (ret)
		goto out;
	/*
	 * An answer that cannot fit is not printed: seq_file's buffer is
	 * marked full (what an overflow does), so that it comes back at
	 * once with a larger one, for the same map, rather than after
	 * printing as much as fits at each size.
	 */
	if (m->count + answer_bytes(map) > m->size) {
		m->count = m->size;
		r->kept_size = m->size;
		return 0;
	}
	show_map(m, inode, map, r->method);

	if (map->first_block || !map->data_blocks) {
		struct vd_ondisk od = {
			.sb = inode->i_sb,
			.inode = inode,
			.first_block = map->first_block,
			.dev_blocks = map->dev_blocks,
		};

		if (vd_ext_handles(od.sb))
			vd_ext_show(m, &od);
		else if (vd_fat_handles(od.sb))
			vd_fat_show(m, &od);
		else
			seq_puts(m, "ondisk: -\n");
	}
out:
	/* Kept only for the call that follows an overflow. */
	if (ret || !seq_has_overflowed(m))
		drop_map(r);
	else
		r->kept_size = m->size;
	return ret;
}

struct buffer_head *vd_bread(const struct vd_ondisk *od, u64 nr)
{
	if (nr >= od->dev_blocks)
		return NULL;
	return sb_bread(od->sb, nr);
}

static struct osedu_file blockmap_file = {
	.name = "blockmap",
	.show = bm_show,
	.request = bm_request,
	.reset = bm_reset,
	.priv_size = sizeof(struct vd_req),
};

int vd_blockmap_init(struct proc_dir_entry *dir)
{
	return osedu_file_create(dir, &blockmap_file);
}

void vd_blockmap_exit(void)
{
	osedu_file_remove(&blockmap_file);
}
