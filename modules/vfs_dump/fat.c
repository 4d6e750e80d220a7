// SPDX-License-Identifier: GPL-2.0
/*
 * FAT on disk: the boot sector's geometry (BIOS parameter block), and the
 * file's cluster chain followed through the file allocation table, the
 * linked list of blocks a FAT file is. FAT12, FAT16 and FAT32 differ in
 * the width of an entry, decided by the number of clusters.
 *
 * The chain's first cluster is in the directory entry, which the FAT
 * driver keeps in private memory (msdos_inode_info); it is found from
 * what bmap() says of the file's first sector instead. The table is
 * read through the buffer cache, where the driver writes it. The image
 * is untrusted: the geometry is checked against the device, every entry
 * against the cluster count, and the walk against a loop.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/buffer_head.h>
#include <linux/magic.h>
#include <linux/sched/signal.h>

#include "internal.h"

/* Runs printed for one chain; the length is counted to the end. */
#define FAT_RUNS_MAX	4096

struct fat_geo {
	bool have;			/* the fields below were read */
	u32 sector_size;
	u32 spc;			/* sectors per cluster */
	u32 reserved;
	u32 fats;
	u32 fat_sectors;
	u32 root_entries;
	u64 total_sectors;
	u64 data_start;
	u32 clusters;
	int bits;
};

struct fat_cursor {
	const struct vd_ondisk *od;
	const struct fat_geo *g;
	struct buffer_head *bh;
	u64 sector;
};

bool vd_fat_handles(struct super_block *sb)
{
	const char *t = sb->s_type->name;

	return sb->s_magic == MSDOS_SUPER_MAGIC &&
	       (!strcmp(t, "vfat") || !strcmp(t, "msdos"));
}

static void fail(struct seq_file *m, const char *what)
{
	seq_printf(m, "ondisk_error: %s\n", what);
}

/*
 * The boot sector's geometry: NULL, or why it cannot be used. The fields
 * are filled (for printing) once the sector is read.
 */
static const char *fat_geo_read(const struct vd_ondisk *od, struct fat_geo *g)
{
	struct buffer_head *bh;
	u64 root_sectors;
	const u8 *p;

	memset(g, 0, sizeof(*g));
	bh = vd_bread(od, 0);
	if (!bh)
		return "cannot read the boot sector";
	p = bh->b_data;
	g->have = true;
	g->sector_size = vd_le16(p + 11);
	g->spc = p[13];
	g->reserved = vd_le16(p + 14);
	g->fats = p[16];
	g->root_entries = vd_le16(p + 17);
	g->total_sectors = vd_le16(p + 19) ? vd_le16(p + 19)
					     : vd_le32(p + 32);
	g->fat_sectors = vd_le16(p + 22) ? vd_le16(p + 22) : vd_le32(p + 36);
	brelse(bh);

	/* The driver's blocks are its sectors: the units bmap() answers in. */
	if (g->sector_size != od->sb->s_blocksize)
		return "sector size differs from the mounted block size";
	if (!g->spc || (g->spc & (g->spc - 1)) || !g->reserved || !g->fats ||
	    !g->fat_sectors)
		return "bad boot sector geometry";
	if (g->total_sectors > od->dev_blocks)
		return "file system larger than the device";
	root_sectors = DIV_ROUND_UP((u64)g->root_entries * 32, g->sector_size);
	g->data_start = g->reserved + (u64)g->fats * g->fat_sectors +
			root_sectors;
	if (g->data_start >= g->total_sectors)
		return "no data region";
	g->clusters = div_u64(g->total_sectors - g->data_start, g->spc);
	g->bits = g->clusters < 4085 ? 12 : g->clusters < 65525 ? 16 : 32;
	/* The table must hold an entry for every cluster. */
	if ((u64)g->fat_sectors * g->sector_size * 8 <
	    (u64)(g->clusters + 2) * g->bits)
		return "FAT too small for the clusters";
	return NULL;
}

static bool read_geo(struct seq_file *m, const struct vd_ondisk *od,
		     struct fat_geo *g)
{
	const char *why = fat_geo_read(od, g);

	if (g->have) {
		seq_printf(m, "bytes_per_sector: %u\n", g->sector_size);
		seq_printf(m, "sectors_per_cluster: %u\n", g->spc);
		seq_printf(m, "reserved_sectors: %u\n", g->reserved);
		seq_printf(m, "fats: %u\n", g->fats);
		seq_printf(m, "fat_sectors: %u\n", g->fat_sectors);
		seq_printf(m, "root_entries: %u\n", g->root_entries);
		seq_printf(m, "total_sectors: %llu\n", g->total_sectors);
	}
	if (why) {
		fail(m, why);
		return false;
	}
	seq_printf(m, "fat_bits: %d\n", g->bits);
	seq_printf(m, "data_start: %llu\n", g->data_start);
	seq_printf(m, "clusters: %u\n", g->clusters);
	return true;
}

/* Byte @off of the first FAT, through a one-sector cache; -1 on error. */
static int fat_byte(struct fat_cursor *c, u64 off)
{
	u64 sector = c->g->reserved + div_u64(off, c->g->sector_size);

	if (!c->bh || c->sector != sector) {
		brelse(c->bh);
		c->bh = vd_bread(c->od, sector);
		c->sector = sector;
		if (!c->bh)
			return -1;
	}
	return (u8)c->bh->b_data[off % c->g->sector_size];
}

/* The FAT entry of cluster @cl (the next cluster, or an end mark). */
static s64 fat_entry(struct fat_cursor *c, u32 cl)
{
	unsigned int width = c->g->bits == 12 ? 2 : c->g->bits / 8;
	u64 off = c->g->bits == 12 ? cl + cl / 2 : (u64)cl * width;
	u32 v = 0;
	unsigned int i;
	int b;

	for (i = 0; i < width; i++) {
		b = fat_byte(c, off + i);
		if (b < 0)
			return -1;
		v |= (u32)b << (8 * i);
	}
	if (c->g->bits == 12)
		return cl & 1 ? v >> 4 : v & 0xfff;
	if (c->g->bits == 32)
		return v & 0x0fffffff;
	return v;
}

static u32 fat_eoc(int bits)
{
	return bits == 12 ? 0xff8 : bits == 16 ? 0xfff8 : 0x0ffffff8;
}

void vd_fat_show(struct seq_file *m, const struct vd_ondisk *od)
{
	struct fat_cursor c = { .od = od };
	u32 cl, run_start, len = 0, runs = 0;
	struct fat_geo g;
	s64 next;

	seq_printf(m, "ondisk: %s\n", od->sb->s_type->name);
	if (!read_geo(m, od, &g))
		return;
	c.g = &g;
	if (!od->first_block) {
		seq_puts(m, "first_cluster: 0\nchain_length: 0\nchain: -\n");
		return;
	}
	if (od->first_block < g.data_start) {
		fail(m, "first sector before the data region");
		return;
	}
	cl = div_u64(od->first_block - g.data_start, g.spc) + 2;
	seq_printf(m, "first_cluster: %u\n", cl);
	seq_puts(m, "chain: ");
	run_start = cl;
	for (;;) {
		if (cl < 2 || cl >= g.clusters + 2) {
			seq_puts(m, "\n");
			fail(m, "chain leaves the data region");
			goto out;
		}
		/* A chain longer than the clusters has a loop. */
		if (++len > g.clusters) {
			seq_puts(m, "\n");
			fail(m, "chain loops");
			goto out;
		}
		next = fat_entry(&c, cl);
		if (next < 0) {
			seq_puts(m, "\n");
			fail(m, "cannot read the FAT");
			goto out;
		}
		if (next == cl + 1)
			goto step;
		/* A run ends here: print it. */
		if (runs++ < FAT_RUNS_MAX) {
			seq_printf(m, "%s%u", runs > 1 ? "," : "", run_start);
			if (cl != run_start)
				seq_printf(m, "-%u", cl);
		}
		if (next >= fat_eoc(g.bits)) {
			seq_printf(m, "\nchain_end: 0x%llx\n", next);
			break;
		}
		run_start = next;
step:
		cl = next;
		if ((len & 1023) == 0)
			cond_resched();
	}
	seq_printf(m, "chain_length: %u\n", len);
	seq_printf(m, "chain_runs: %u\n", runs);
	seq_printf(m, "chain_truncated: %d\n", runs > FAT_RUNS_MAX);
out:
	brelse(c.bh);
}

/*
 * The map from the chain (blockmap.c's fast path): cluster after cluster
 * from the first (what bmap() says of sector 0), each its sectors, until
 * i_size; the chain must end there, with an end mark. *@held: the
 * clusters walked, as the file's size needs them.
 */
int vd_fat_map(const struct vd_ondisk *od, struct vd_map *map, u64 *held)
{
	struct fat_cursor c = { .od = od };
	u64 lsec = 0, len = 0;
	struct fat_geo g;
	int ret = 0;
	s64 next;
	u32 cl;

	if (fat_geo_read(od, &g))
		return -EUCLEAN;
	c.g = &g;
	*held = 0;
	if (!map->nblocks)
		return od->first_block ? -EUCLEAN : 0;
	if (od->first_block < g.data_start)
		return -EUCLEAN;
	cl = div_u64(od->first_block - g.data_start, g.spc) + 2;
	for (;;) {
		if (cl < 2 || cl >= g.clusters + 2 || ++len > g.clusters) {
			ret = -EUCLEAN;
			break;
		}
		ret = vd_map_add(map, lsec,
				 g.data_start + (u64)(cl - 2) * g.spc,
				 min_t(u64, g.spc, map->nblocks - lsec));
		lsec += g.spc;
		next = ret ? -1 : fat_entry(&c, cl);
		if (ret || next < 0) {
			ret = ret ?: -EUCLEAN;
			break;
		}
		if (lsec >= map->nblocks) {
			/* The size ends here: so must the chain. */
			if (next < fat_eoc(g.bits))
				ret = -EUCLEAN;
			break;
		}
		if (next >= fat_eoc(g.bits)) {
			ret = -EUCLEAN;	/* shorter than the size */
			break;
		}
		cl = next;
		if ((len & 1023) == 0) {
			if (fatal_signal_pending(current)) {
				ret = -EINTR;
				break;
			}
			cond_resched();
		}
	}
	brelse(c.bh);
	*held = len;
	return ret;
}
