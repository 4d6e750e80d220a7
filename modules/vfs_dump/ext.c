// SPDX-License-Identifier: GPL-2.0
/*
 * ext2/ext3/ext4 on disk, read through the buffer cache as the file
 * system itself reads it: the superblock (1024 bytes in), the group
 * descriptor of the file's inode, the inode's place in the inode table,
 * and what its i_block[] holds: twelve direct pointers and three
 * indirect ones (ext2's index blocks), or the root of an extent tree
 * (ext4: header 0xF30A, then index or leaf entries).
 *
 * Only the on-disk format is read (Documentation/filesystems/ext4/), never
 * ext4's private in-memory structures. The image is untrusted: every
 * field is checked before it is used to find another block, and a bad
 * one ends the dump with "ondisk_error:".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/buffer_head.h>
#include <linux/magic.h>
#include <linux/sched/signal.h>

#include "internal.h"

#define EXT_SB_OFFSET		1024
#define EXT_SB_SIZE		1024
#define EXT_INCOMPAT_META_BG	0x0010
#define EXT_INCOMPAT_64BIT	0x0080
#define EXT_EXTENTS_FL		0x00080000
#define EXT_INLINE_DATA_FL	0x10000000
#define EXT_N_BLOCKS		15
#define EXT_NDIR_BLOCKS		12
#define EXT_EXTENT_MAGIC	0xf30a
#define EXT_MAX_DEPTH		5
/* Bytes of the on-disk inode kept: through i_file_acl (104) and i_size_high. */
#define EXT_RAW_COPY		128
/* Tree nodes walked to map one file (a 1 GiB file has about 800). */
#define EXT_MAP_NODES_MAX	65536
/* Tree nodes and entries printed for one file. */
#define EXT_NODES_MAX		64
#define EXT_ENTRIES_MAX		1024

struct ext_geo {
	bool have;			/* the fields below were read */
	u32 free_blocks;
	u32 free_inodes;
	u32 log;
	u32 block_size;
	u64 blocks;
	u32 first_data_block;
	u32 blocks_per_group;
	u32 inodes_per_group;
	u32 inodes;
	u32 inode_size;
	u32 desc_size;
	u32 incompat;
};

struct ext_walk {
	unsigned int nodes;
	unsigned int entries;
};

bool vd_ext_handles(struct super_block *sb)
{
	const char *t = sb->s_type->name;

	return sb->s_magic == EXT4_SUPER_MAGIC &&
	       (!strcmp(t, "ext2") || !strcmp(t, "ext3") || !strcmp(t, "ext4"));
}

static int fail(struct seq_file *m, const char *what)
{
	seq_printf(m, "ondisk_error: %s\n", what);
	return -EUCLEAN;
}

/*
 * The on-disk superblock's geometry: NULL, or why it cannot be used. The
 * fields are filled (for printing) once the magic is right, whatever the
 * checks after it say.
 */
static const char *ext_geo_read(const struct vd_ondisk *od, struct ext_geo *g)
{
	u32 bs = od->sb->s_blocksize;
	struct buffer_head *bh;
	u32 off = EXT_SB_OFFSET % bs;
	u64 groups;
	const u8 *p;

	memset(g, 0, sizeof(*g));
	if (off + EXT_SB_SIZE > bs && bs >= EXT_SB_SIZE)
		return "superblock crosses a block";
	bh = vd_bread(od, EXT_SB_OFFSET / bs);
	if (!bh)
		return "cannot read the superblock";
	p = bh->b_data + off;
	if (vd_le16(p + 56) != EXT4_SUPER_MAGIC) {
		brelse(bh);
		return "bad superblock magic";
	}
	g->have = true;
	g->inodes = vd_le32(p + 0);
	g->blocks = vd_le32(p + 4);
	g->free_blocks = vd_le32(p + 12);
	g->free_inodes = vd_le32(p + 16);
	g->first_data_block = vd_le32(p + 20);
	g->log = vd_le32(p + 24);
	g->blocks_per_group = vd_le32(p + 32);
	g->inodes_per_group = vd_le32(p + 40);
	g->inode_size = vd_le32(p + 76) ? vd_le16(p + 88) : 128;
	g->incompat = vd_le32(p + 96);
	g->desc_size = 32;
	if (g->incompat & EXT_INCOMPAT_64BIT) {
		g->desc_size = vd_le16(p + 254);
		g->blocks |= (u64)vd_le32(p + 336) << 32;
	}
	brelse(bh);

	g->block_size = 1024;
	if (g->log > 6 || (1024U << g->log) != bs)
		return "block size differs from the mounted one";
	g->block_size = bs;
	if (g->first_data_block > 1 || !g->blocks_per_group ||
	    g->blocks_per_group > bs * 8 || !g->inodes_per_group ||
	    g->inodes_per_group > bs * 8)
		return "bad group geometry";
	if (g->inode_size < 128 || g->inode_size > bs ||
	    (g->inode_size & (g->inode_size - 1)))
		return "bad inode size";
	if (g->desc_size < 32 || g->desc_size > bs ||
	    (g->desc_size & (g->desc_size - 1)))
		return "bad group descriptor size";
	if (g->blocks > od->dev_blocks || g->blocks <= g->first_data_block)
		return "block count beyond the device";
	groups = DIV_ROUND_UP_ULL(g->blocks - g->first_data_block,
				  g->blocks_per_group);
	if ((u64)g->inodes_per_group * groups != g->inodes)
		return "inode count does not match the groups";
	if (g->incompat & EXT_INCOMPAT_META_BG)
		return "meta_bg group descriptors are not shown";
	return NULL;
}

static int read_super(struct seq_file *m, const struct vd_ondisk *od,
		      struct ext_geo *g)
{
	const char *why = ext_geo_read(od, g);

	if (g->have) {
		seq_printf(m, "sb_magic: 0x%x\n", EXT4_SUPER_MAGIC);
		seq_printf(m, "sb_inodes: %u\n", g->inodes);
		seq_printf(m, "sb_blocks: %llu\n", g->blocks);
		seq_printf(m, "sb_free_blocks: %u\n", g->free_blocks);
		seq_printf(m, "sb_free_inodes: %u\n", g->free_inodes);
		seq_printf(m, "sb_first_data_block: %u\n", g->first_data_block);
		seq_printf(m, "sb_log_block_size: %u\n", g->log);
		seq_printf(m, "sb_blocks_per_group: %u\n", g->blocks_per_group);
		seq_printf(m, "sb_inodes_per_group: %u\n", g->inodes_per_group);
		seq_printf(m, "sb_inode_size: %u\n", g->inode_size);
		seq_printf(m, "sb_feature_incompat: 0x%x\n", g->incompat);
	}
	return why ? fail(m, why) : 0;
}

/* Print a block's pointers (an ext2 indirect block): how many are set. */
static void show_indirect(struct seq_file *m, const struct vd_ondisk *od,
			  const char *key, u32 blk)
{
	struct buffer_head *bh;
	unsigned int i, set = 0, bad = 0;

	seq_printf(m, "%s: %u", key, blk);
	if (!blk) {
		seq_puts(m, " pointers 0\n");
		return;
	}
	bh = vd_bread(od, blk);
	if (!bh) {
		seq_puts(m, " unreadable\n");
		return;
	}
	for (i = 0; i + 4 <= bh->b_size; i += 4) {
		u32 v = vd_le32(bh->b_data + i);

		if (v)
			set++;
		if (v >= od->dev_blocks)
			bad++;
	}
	brelse(bh);
	seq_printf(m, " pointers %u out_of_range %u\n", set, bad);
}

static void show_pointers(struct seq_file *m, const struct vd_ondisk *od,
			  const u8 *iblock)
{
	static const char * const ind[] = {
		"indirect", "double_indirect", "triple_indirect"
	};
	int i;

	seq_puts(m, "layout: indirect\n");
	seq_puts(m, "direct:");
	for (i = 0; i < EXT_NDIR_BLOCKS; i++)
		seq_printf(m, " %u", vd_le32(iblock + 4 * i));
	seq_putc(m, '\n');
	for (i = 0; i < 3; i++)
		show_indirect(m, od, ind[i],
			      vd_le32(iblock + 4 * (EXT_NDIR_BLOCKS + i)));
}

/*
 * One node of an extent tree, @len bytes at @p, expected at @depth (the
 * root sets it). Index entries lead to nodes one level down.
 */
static int walk_extents(struct seq_file *m, const struct vd_ondisk *od,
			const u8 *p, size_t len, int depth, u64 blk,
			struct ext_walk *w)
{
	u16 entries, max, d;
	unsigned int i;
	int ret = 0;

	if (len < 12 || vd_le16(p) != EXT_EXTENT_MAGIC)
		return fail(m, "bad extent header magic");
	entries = vd_le16(p + 2);
	max = vd_le16(p + 4);
	d = vd_le16(p + 6);
	if (entries > max || 12 + (size_t)max * 12 > len)
		return fail(m, "extent header entries beyond the node");
	if (d > EXT_MAX_DEPTH || (depth >= 0 && d != depth))
		return fail(m, "bad extent tree depth");
	if (++w->nodes > EXT_NODES_MAX)
		return fail(m, "extent tree too large to show");
	seq_printf(m, "extent_node: block %llu depth %u entries %u max %u\n",
		   blk, d, entries, max);
	for (i = 0; i < entries; i++) {
		const u8 *e = p + 12 + 12 * i;
		u32 lblk = vd_le32(e);

		if (++w->entries > EXT_ENTRIES_MAX)
			return fail(m, "extent tree too large to show");
		if (d == 0) {
			u16 n = vd_le16(e + 4);
			u64 start = (u64)vd_le16(e + 6) << 32 |
				    vd_le32(e + 8);
			bool unwritten = n > 32768;

			seq_printf(m, "extent: depth 0 logical %u physical %llu count %u unwritten %d\n",
				   lblk, start, unwritten ? n - 32768 : n,
				   unwritten);
		} else {
			u64 child = (u64)vd_le16(e + 8) << 32 |
				    vd_le32(e + 4);
			struct buffer_head *bh;

			seq_printf(m, "extent_index: depth %u logical %u child %llu\n",
				   d, lblk, child);
			bh = vd_bread(od, child);
			if (!bh)
				return fail(m, "extent index points beyond the device");
			ret = walk_extents(m, od, bh->b_data, bh->b_size, d - 1,
					   child, w);
			brelse(bh);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* Where the inode lies on disk, and a copy of its first bytes. */
struct ext_loc {
	u64 group, gdt_block, itable, index, iblk;
	u32 ioff;
	u8 raw[EXT_RAW_COPY];
};

/* NULL, or why the inode cannot be read; @loc is filled as far as known. */
static const char *ext_inode_read(const struct vd_ondisk *od,
				  const struct ext_geo *g, struct ext_loc *loc)
{
	u64 ino = od->inode->i_ino, off;
	struct buffer_head *bh;
	const u8 *d;

	if (!ino || ino > g->inodes)
		return "inode number beyond the inode count";
	loc->group = (ino - 1) / g->inodes_per_group;
	loc->index = (ino - 1) % g->inodes_per_group;
	/* The descriptor table follows the superblock's block. */
	off = loc->group * g->desc_size;
	loc->gdt_block = g->first_data_block + 1 + off / g->block_size;
	bh = vd_bread(od, loc->gdt_block);
	if (!bh)
		return "cannot read the group descriptor";
	d = bh->b_data + off % g->block_size;
	loc->itable = vd_le32(d + 8);
	if (g->desc_size >= 64)
		loc->itable |= (u64)vd_le32(d + 0x28) << 32;
	brelse(bh);
	loc->iblk = loc->itable + loc->index * g->inode_size / g->block_size;
	loc->ioff = loc->index * g->inode_size % g->block_size;
	if (loc->itable < g->first_data_block || loc->iblk >= g->blocks)
		return "inode table beyond the file system";
	bh = vd_bread(od, loc->iblk);
	if (!bh)
		return "cannot read the inode table";
	/* inode_size >= 128 divides the block: the copy stays inside. */
	memcpy(loc->raw, bh->b_data + loc->ioff, EXT_RAW_COPY);
	brelse(bh);
	return NULL;
}

void vd_ext_show(struct seq_file *m, const struct vd_ondisk *od)
{
	struct ext_walk w = {};
	struct ext_loc loc = {};
	struct ext_geo g;
	const char *why;
	const u8 *raw;
	u32 flags;

	seq_printf(m, "ondisk: %s\n", od->sb->s_type->name);
	if (read_super(m, od, &g))
		return;
	why = ext_inode_read(od, &g, &loc);
	if (why && !loc.itable) {
		fail(m, why);
		return;
	}
	seq_printf(m, "group: %llu\n", loc.group);
	seq_printf(m, "group_desc_block: %llu\n", loc.gdt_block);
	seq_printf(m, "inode_table: %llu\n", loc.itable);
	seq_printf(m, "inode_index: %llu\n", loc.index);
	seq_printf(m, "inode_block: %llu\n", loc.iblk);
	seq_printf(m, "inode_offset: %u\n", loc.ioff);
	if (why) {
		fail(m, why);
		return;
	}
	raw = loc.raw;
	flags = vd_le32(raw + 32);
	seq_printf(m, "disk_mode: 0%o\n", vd_le16(raw));
	seq_printf(m, "disk_links: %u\n", vd_le16(raw + 26));
	seq_printf(m, "disk_size: %llu\n",
		   (u64)vd_le32(raw + 108) << 32 |
		   vd_le32(raw + 4));
	seq_printf(m, "disk_blocks_512: %u\n", vd_le32(raw + 28));
	seq_printf(m, "disk_flags: 0x%x\n", flags);

	if (flags & EXT_INLINE_DATA_FL) {
		seq_puts(m, "layout: inline\n");
	} else if (flags & EXT_EXTENTS_FL) {
		seq_puts(m, "layout: extents\n");
		walk_extents(m, od, raw + 40, EXT_N_BLOCKS * 4, -1, 0, &w);
	} else {
		show_pointers(m, od, raw + 40);
	}
}

/* ---- the map from the structures (blockmap.c's fast path) ---------- */

struct ext_mapper {
	const struct vd_ondisk *od;
	struct vd_map *map;
	u64 next;			/* the first logical block not mapped */
	u64 held;			/* data and index blocks seen */
	unsigned int nodes;
	u32 per_block;			/* pointers in an indirect block */
};

/* Map [@x->next, @lblk + @count) as: a hole up to @lblk, then @pblk. */
static int map_to(struct ext_mapper *x, u64 lblk, u64 pblk, u64 count)
{
	u64 end = x->map->nblocks;
	int ret = 0;

	if (lblk < x->next)
		return -EUCLEAN;	/* out of order, or overlapping */
	if (x->next < end)
		ret = vd_map_add(x->map, x->next, 0,
				 min(lblk, end) - x->next);
	if (!ret && lblk < end)
		ret = vd_map_add(x->map, lblk, pblk,
				 min(lblk + count, end) - lblk);
	x->next = lblk + count;
	return ret;
}

static int map_node(struct ext_mapper *x, const u8 *p, size_t len, int depth)
{
	u16 entries, max, d;
	unsigned int i;
	int ret;

	if (len < 12 || vd_le16(p) != EXT_EXTENT_MAGIC)
		return -EUCLEAN;
	entries = vd_le16(p + 2);
	max = vd_le16(p + 4);
	d = vd_le16(p + 6);
	if (entries > max || 12 + (size_t)max * 12 > len ||
	    d > EXT_MAX_DEPTH || (depth >= 0 && d != depth) ||
	    ++x->nodes > EXT_MAP_NODES_MAX)
		return -EUCLEAN;
	if (fatal_signal_pending(current))
		return -EINTR;
	cond_resched();
	for (i = 0; i < entries; i++) {
		const u8 *e = p + 12 + 12 * i;
		u32 lblk = vd_le32(e);

		if (d == 0) {
			u16 n = vd_le16(e + 4);
			u64 start = (u64)vd_le16(e + 6) << 32 | vd_le32(e + 8);
			bool unwritten = n > 32768;

			if (unwritten)
				n -= 32768;
			if (!n || !start)
				return -EUCLEAN;
			x->held += n;
			/* bmap() maps unwritten blocks to 0: they read as zeros. */
			ret = map_to(x, lblk, unwritten ? 0 : start, n);
		} else {
			u64 child = (u64)vd_le16(e + 8) << 32 | vd_le32(e + 4);
			struct buffer_head *bh = vd_bread(x->od, child);

			if (!bh)
				return -EUCLEAN;
			x->held++;
			ret = map_node(x, bh->b_data, bh->b_size, d - 1);
			brelse(bh);
		}
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * An ext2 indirect block at @level (1: its pointers are data blocks),
 * covering @span logical blocks; pointer 0 is a hole of that span.
 */
static int map_indirect(struct ext_mapper *x, u32 blk, int level, u64 span)
{
	struct buffer_head *bh;
	u64 child_span = span / x->per_block;
	unsigned int i, n;
	int ret = 0;

	if (x->next >= x->map->nblocks)
		return 0;		/* past i_size: nothing to map */
	if (!blk) {
		x->next += span;
		return 0;
	}
	bh = vd_bread(x->od, blk);
	if (!bh)
		return -EUCLEAN;
	x->held++;
	if (fatal_signal_pending(current))
		ret = -EINTR;
	cond_resched();
	for (i = 0; !ret && i < x->per_block; i += n) {
		u32 p = vd_le32(bh->b_data + 4 * i);

		n = 1;
		if (level == 1) {
			/*
			 * Consecutive pointers (or zeros) below i_size are
			 * one run: one call, not one per block.
			 */
			while (i + n < x->per_block &&
			       x->next + n < x->map->nblocks) {
				u32 q = vd_le32(bh->b_data + 4 * (i + n));

				if (p ? (u64)p + n != q : q)
					break;
				n++;
			}
			if (p)
				x->held += n;
			ret = map_to(x, x->next, p, n);
		} else {
			ret = map_indirect(x, p, level - 1, child_span);
		}
		if (x->next >= x->map->nblocks)
			break;
	}
	brelse(bh);
	return ret;
}

static int map_pointers(struct ext_mapper *x, const u8 *iblock)
{
	u64 span = 1;
	int i, ret;

	for (i = 0; i < EXT_NDIR_BLOCKS && x->next < x->map->nblocks; i++) {
		u32 p = vd_le32(iblock + 4 * i);

		if (p)
			x->held++;
		ret = map_to(x, x->next, p, 1);
		if (ret)
			return ret;
	}
	for (i = 0; i < 3; i++) {
		span *= x->per_block;
		ret = map_indirect(x, vd_le32(iblock + 4 * (EXT_NDIR_BLOCKS + i)),
				   i + 1, span);
		if (ret)
			return ret;
	}
	return 0;
}

int vd_ext_map(const struct vd_ondisk *od, struct vd_map *map, u64 *held)
{
	struct ext_mapper x = { .od = od, .map = map };
	struct ext_loc loc = {};
	struct ext_geo g;
	u32 flags;
	int ret;

	if (ext_geo_read(od, &g) || ext_inode_read(od, &g, &loc))
		return -EUCLEAN;
	flags = vd_le32(loc.raw + 32);
	if (flags & EXT_INLINE_DATA_FL)
		return -EUCLEAN;	/* no blocks: bmap() says so itself */
	x.per_block = g.block_size / 4;
	if (flags & EXT_EXTENTS_FL)
		ret = map_node(&x, loc.raw + 40, EXT_N_BLOCKS * 4, -1);
	else
		ret = map_pointers(&x, loc.raw + 40);
	if (ret)
		return ret;
	/* A hole to the end of the file. */
	if (x.next < map->nblocks) {
		ret = vd_map_add(map, x.next, 0, map->nblocks - x.next);
		if (ret)
			return ret;
	}
	/* i_blocks also counts an extended-attribute block (i_file_acl). */
	if (vd_le32(loc.raw + 104) || vd_le16(loc.raw + 118))
		x.held++;
	*held = x.held;
	return 0;
}
