// SPDX-License-Identifier: GPL-2.0
/*
 * visualize vfs map PATH..., parsing and rendering: which disk blocks
 * hold each file, the disk as a strip of blocks (boot sector, superblock,
 * group descriptors, inode table or FATs and root directory, data) with
 * the file's blocks marked, and how its file system keeps track of them:
 * FAT's chain of clusters through the table, ext2's direct pointers and
 * index blocks, ext4's extents. Text, SVG, HTML; English and Korean.
 *
 * Past 800 lines on purpose: the three renderers draw from one model of
 * the disk as regions (region_of(), layout(), zoom_range() and their
 * tables), which would otherwise have to become an interface of its own
 * for this one view. Split it (model / renderers) when a second view
 * needs the disk's layout.
 */
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "vfs.h"

#define STRIP		64	/* characters of the text strip */
#define ZOOM_MAX	160	/* blocks shown one by one */
#define CHAIN_SHOWN	20	/* clusters drawn as boxes */
#define EXT_MAX		128	/* extent-tree lines kept */

enum region { R_DATA, R_BOOT, R_SUPER, R_GDT, R_ITABLE, R_FAT, R_ROOTDIR,
	      R_INDEX, R_FILE, R_NREGIONS };

static const char region_char[] = ".BSGIFRx#";
static const char *const region_fill[] = {
	"#f8f9fa", "#868e96", "#f03e3e", "#fd7e14", "#fab005", "#7950f2",
	"#be4bdb", "#1c7ed6", "#37b24d",
};

static const char *region_name(const struct viz *v, enum region r)
{
	static const char *const en[] = { "other blocks", "boot", "superblock",
		"group descriptors", "inode table", "FAT", "root directory",
		"index blocks", "this file" };
	static const char *const ko[] = { "다른 블록", "부트", "슈퍼블록",
		"그룹 디스크립터", "inode 테이블", "FAT", "루트 디렉터리",
		"인덱스 블록", "이 파일" };

	return viz_tr(v, en[r], ko[r]);
}

void vfs_map_free(struct vfs_map *m)
{
	osedu_blockmap_free(&m->bm);
	free(m->ext);
	free(m->chain);
	memset(m, 0, sizeof(*m));
}

static bool is_fat(const struct vfs_map *m)
{
	return m->fat_bits != 0;
}

static bool is_ext(const struct vfs_map *m)
{
	return m->sb_blocks != 0;
}

/* "KEY: N" of LINE into OUT; true if LINE is KEY (malformed: *bad). */
static bool num(const char *l, const char *key, unsigned long long *out,
		bool *bad)
{
	size_t k = strlen(key);
	uint64_t v;

	if (strncmp(l, key, k) || l[k] != ':' || l[k + 1] != ' ')
		return false;
	if (osedu_u64(l + k + 2, &v))
		*out = v;
	else
		*bad = true;
	return true;
}

static bool str(const char *l, const char *key, char *out, size_t n)
{
	size_t k = strlen(key);

	if (strncmp(l, key, k) || l[k] != ':' || l[k + 1] != ' ')
		return false;
	snprintf(out, n, "%s", l + k + 2);
	return true;
}

/* "94-95,98,102-103": the chain's runs of clusters. */
static bool parse_chain(struct vfs_map *m, const char *s)
{
	if (!strcmp(s, "-"))
		return true;
	while (*s) {
		unsigned long long a, b;
		int used = 0;
		void *q;

		if (sscanf(s, "%llu%n", &a, &used) != 1)
			return false;
		s += used;
		b = a;
		if (*s == '-') {
			s++;
			if (sscanf(s, "%llu%n", &b, &used) != 1 || b < a)
				return false;
			s += used;
		}
		if (*s == ',')
			s++;
		else if (*s)
			return false;
		if (m->nchain >= 4096)
			return false;
		q = realloc(m->chain, (m->nchain + 1) * sizeof(*m->chain));
		if (!q)
			return false;
		m->chain = q;
		m->chain[m->nchain++] = (struct vfs_chain_run){ a, b };
	}
	return true;
}

static bool parse_extent(struct vfs_map *m, const char *l)
{
	struct vfs_extent e = { 0 };
	void *q;

	if (sscanf(l, "extent_node: block %llu depth %llu entries %llu max %llu",
		   &e.a, &e.depth, &e.b, &e.c) == 4)
		e.kind = VFS_EXT_NODE;
	else if (sscanf(l, "extent: depth %llu logical %llu physical %llu count %llu unwritten %d",
			&e.depth, &e.a, &e.b, &e.c, &e.unwritten) == 5)
		e.kind = VFS_EXT_LEAF;
	else if (sscanf(l, "extent_index: depth %llu logical %llu child %llu",
			&e.depth, &e.a, &e.b) == 3)
		e.kind = VFS_EXT_INDEX;
	else
		return false;
	if (m->next >= EXT_MAX)
		return true;
	q = realloc(m->ext, (m->next + 1) * sizeof(*m->ext));
	if (!q)
		return false;
	m->ext = q;
	m->ext[m->next++] = e;
	return true;
}

static bool parse_pointers(struct vfs_map *m, const char *l)
{
	static const char *const keys[] = { "indirect: ", "double_indirect: ",
					    "triple_indirect: " };
	unsigned long long blk, set = 0, oor;

	if (!strncmp(l, "direct:", 7)) {
		int used = 0;

		l += 7;
		for (int i = 0; i < 12; i++) {
			if (sscanf(l, " %llu%n", &m->direct[i], &used) != 1)
				return false;
			l += used;
		}
		return !*l;
	}
	for (int i = 0; i < 3; i++) {
		size_t k = strlen(keys[i]);

		if (strncmp(l, keys[i], k))
			continue;
		if (sscanf(l + k, "%llu pointers %llu out_of_range %llu", &blk,
			   &set, &oor) < 2 &&
		    sscanf(l + k, "%llu unreadable", &blk) != 1)
			return false;
		m->ind[i] = blk;
		m->ind_ptrs[i] = set;
		m->have_ind[i] = true;
		return true;
	}
	return true;
}

int vfs_map_parse(struct vfs_map *m, const char *text, const char *name)
{
	struct osedu_doc d;
	bool badv = false;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	/* The answer ends with a line: one that does not was cut. */
	if (!*text || text[strlen(text) - 1] != '\n') {
		viz_err("%s: cut short (no final newline)", name);
		return -1;
	}
	if (viz_doc_parse_mem(&d, name, text, strlen(text)))
		return -1;
	if (strcmp(d.view, "vfs-blockmap")) {
		viz_err("%s: not a vfs/blockmap answer", name);
		goto out;
	}
	if (osedu_blockmap_parse(text, &m->bm)) {
		viz_err("%s: malformed block map", name);
		goto out;
	}
	for (size_t i = 1; i < d.nlines; i++) {
		const char *l = d.lines[i];
		bool ok = true;

		if (str(l, "path", m->path, sizeof(m->path)) ||
		    str(l, "sb_type", m->sb_type, sizeof(m->sb_type)) ||
		    str(l, "state", m->state, sizeof(m->state)) ||
		    str(l, "reason", m->reason, sizeof(m->reason)) ||
		    str(l, "ondisk", m->ondisk, sizeof(m->ondisk)) ||
		    str(l, "ondisk_error", m->ondisk_error,
			sizeof(m->ondisk_error)) ||
		    str(l, "layout", m->layout, sizeof(m->layout)))
			continue;
		if (num(l, "ino", &m->ino, &badv) ||
		    num(l, "size", &m->size, &badv) ||
		    num(l, "block_size", &m->block_size, &badv) ||
		    num(l, "allocated_blocks", &m->allocated, &badv) ||
		    num(l, "sb_blocks", &m->sb_blocks, &badv) ||
		    num(l, "sb_first_data_block", &m->first_data_block, &badv) ||
		    num(l, "sb_inodes_per_group", &m->ipg, &badv) ||
		    num(l, "sb_inode_size", &m->inode_size, &badv) ||
		    num(l, "group", &m->group, &badv) ||
		    num(l, "group_desc_block", &m->gdt_block, &badv) ||
		    num(l, "inode_table", &m->itable, &badv) ||
		    num(l, "inode_block", &m->inode_block, &badv) ||
		    num(l, "inode_offset", &m->inode_offset, &badv) ||
		    num(l, "reserved_sectors", &m->reserved, &badv) ||
		    num(l, "sectors_per_cluster", &m->spc, &badv) ||
		    num(l, "fats", &m->fats, &badv) ||
		    num(l, "fat_sectors", &m->fat_sectors, &badv) ||
		    num(l, "total_sectors", &m->total_sectors, &badv) ||
		    num(l, "data_start", &m->data_start, &badv) ||
		    num(l, "clusters", &m->clusters, &badv) ||
		    num(l, "first_cluster", &m->first_cluster, &badv) ||
		    num(l, "chain_length", &m->chain_length, &badv))
			continue;
		if (!strncmp(l, "fat_bits: ", 10)) {
			int b = atoi(l + 10);

			ok = b == 12 || b == 16 || b == 32;
			m->fat_bits = ok ? b : 0;
		} else if (!strncmp(l, "chain: ", 7)) {
			ok = parse_chain(m, l + 7);
		} else if (!strncmp(l, "chain_truncated: ", 17)) {
			m->chain_truncated = l[17] == '1';
		} else if (!strncmp(l, "extent", 6)) {
			ok = parse_extent(m, l);
		} else if (!strcmp(m->layout, "indirect")) {
			ok = parse_pointers(m, l);
		}
		if (!ok || badv) {
			viz_err("%s: line %zu: malformed", name, i + 1);
			goto out;
		}
	}
	/* Geometry that would make a strip divide by zero or lie. */
	if (!m->block_size || (is_fat(m) && (!m->spc || !m->total_sectors)) ||
	    (is_ext(m) && m->first_data_block > m->sb_blocks)) {
		viz_err("%s: bad geometry", name);
		goto out;
	}
	rc = 0;
out:
	osedu_doc_free(&d);
	return rc;
}

/* ---- the disk as regions ---------------------------------------------- */

static unsigned long long disk_blocks(const struct vfs_map *m)
{
	if (is_fat(m))
		return m->total_sectors;
	return m->sb_blocks;
}

static bool in_file(const struct vfs_map *m, unsigned long long b)
{
	for (size_t i = 0; i < m->bm.nruns; i++) {
		const struct osedu_run *r = &m->bm.runs[i];

		if (!r->hole && b >= r->physical && b - r->physical < r->count)
			return true;
	}
	return false;
}

static bool is_index(const struct vfs_map *m, unsigned long long b)
{
	for (int i = 0; i < 3; i++)
		if (m->have_ind[i] && m->ind[i] && m->ind[i] == b)
			return true;
	for (size_t i = 0; i < m->next; i++)
		if (m->ext[i].kind == VFS_EXT_NODE && m->ext[i].a &&
		    m->ext[i].a == b)
			return true;
	return false;
}

static enum region region_of(const struct vfs_map *m, unsigned long long b)
{
	if (in_file(m, b))
		return R_FILE;
	if (is_index(m, b))
		return R_INDEX;
	if (is_fat(m)) {
		unsigned long long fat_end = m->reserved + m->fats * m->fat_sectors;

		if (b < m->reserved)
			return R_BOOT;
		if (b < fat_end)
			return R_FAT;
		if (b < m->data_start)
			return R_ROOTDIR;
		return R_DATA;
	}
	if (is_ext(m)) {
		unsigned long long it_blocks = m->ipg * m->inode_size /
					       m->block_size;

		if (b < m->first_data_block)
			return R_BOOT;
		if (b == m->first_data_block)
			return R_SUPER;
		if (b == m->gdt_block)
			return R_GDT;
		if (b >= m->itable && b - m->itable < it_blocks)
			return R_ITABLE;
	}
	return R_DATA;
}

/* Which region a cell shows when it covers several: the rarer wins. */
static const int region_rank[R_NREGIONS] = {
	[R_DATA] = 0, [R_BOOT] = 1, [R_ROOTDIR] = 2, [R_ITABLE] = 3,
	[R_FAT] = 4, [R_GDT] = 5, [R_SUPER] = 6, [R_INDEX] = 7, [R_FILE] = 8,
};

static enum region cell_region(const struct vfs_map *m, unsigned long long lo,
			       unsigned long long hi)
{
	enum region best = R_DATA;

	if (hi <= lo)
		hi = lo + 1;
	/* A file's blocks first, then index blocks, then metadata. */
	for (size_t i = 0; i < m->bm.nruns; i++) {
		const struct osedu_run *r = &m->bm.runs[i];

		if (!r->hole && r->physical < hi && r->physical + r->count > lo)
			return R_FILE;
	}
	for (unsigned long long b = lo; b < hi && b < lo + 4096; b++) {
		enum region r = region_of(m, b);

		if (region_rank[r] > region_rank[best])
			best = r;
	}
	return best;
}

/* The disk's layout as regions in order: where the metadata lies. */
struct segment {
	unsigned long long lo, hi;	/* [lo, hi) */
	enum region r;
};

static size_t layout(const struct vfs_map *m, struct segment *s)
{
	size_t n = 0;

#define SEG(a, b, reg)							\
	do {								\
		if ((b) > (a))						\
			s[n++] = (struct segment){ (a), (b), (reg) };	\
	} while (0)
	if (is_fat(m)) {
		unsigned long long fat_end = m->reserved + m->fats * m->fat_sectors;

		SEG(0ULL, m->reserved, R_BOOT);
		SEG(m->reserved, fat_end, R_FAT);
		SEG(fat_end, m->data_start, R_ROOTDIR);
		SEG(m->data_start, m->total_sectors, R_DATA);
	} else if (is_ext(m)) {
		unsigned long long it_end = m->itable + m->ipg * m->inode_size /
					    m->block_size;

		if (m->group || m->gdt_block <= m->first_data_block ||
		    m->itable <= m->gdt_block || it_end > m->sb_blocks)
			return 0;
		SEG(0ULL, m->first_data_block, R_BOOT);
		SEG(m->first_data_block, m->first_data_block + 1, R_SUPER);
		SEG(m->gdt_block, m->gdt_block + 1, R_GDT);
		SEG(m->gdt_block + 1, m->itable, R_DATA);
		SEG(m->itable, it_end, R_ITABLE);
		SEG(it_end, m->sb_blocks, R_DATA);
	}
#undef SEG
	return n;
}

static const char *segment_name(const struct viz *v, const struct segment *s,
				bool first_data)
{
	if (s->r != R_DATA)
		return region_name(v, s->r);
	return first_data ? viz_tr(v, "bitmaps, reserved", "비트맵, 예약") :
			    viz_tr(v, "data blocks", "데이터 블록");
}

/* The blocks worth zooming on: the file's and its index blocks. */
static bool zoom_range(const struct vfs_map *m, unsigned long long *lo,
		       unsigned long long *hi)
{
	unsigned long long a = ~0ULL, b = 0;

	for (size_t i = 0; i < m->bm.nruns; i++) {
		const struct osedu_run *r = &m->bm.runs[i];

		if (r->hole)
			continue;
		if (r->physical < a)
			a = r->physical;
		if (r->physical + r->count > b)
			b = r->physical + r->count;
	}
	for (int i = 0; i < 3; i++)
		if (m->have_ind[i] && m->ind[i]) {
			if (m->ind[i] < a)
				a = m->ind[i];
			if (m->ind[i] + 1 > b)
				b = m->ind[i] + 1;
		}
	if (a >= b)
		return false;
	*lo = a > 2 ? a - 2 : 0;
	*hi = b + 2;
	return *hi - *lo <= ZOOM_MAX;
}

/* ---- text ------------------------------------------------------------ */

static void text_layout(const struct viz *v, const struct vfs_map *m)
{
	struct segment seg[8];
	size_t n = layout(m, seg);

	if (!n)
		return;
	fprintf(v->out, "  %s:", viz_tr(v, "layout", "배치"));
	for (size_t i = 0; i < n; i++) {
		fprintf(v->out, "%s", i ? " |" : "");
		if (seg[i].hi - seg[i].lo == 1)
			fprintf(v->out, " %llu", seg[i].lo);
		else
			fprintf(v->out, " %llu-%llu", seg[i].lo, seg[i].hi - 1);
		fprintf(v->out, " %s", segment_name(v, &seg[i],
				    seg[i].r == R_DATA && i + 1 < n));
	}
	fputc('\n', v->out);
}

static void text_strip(const struct viz *v, const struct vfs_map *m)
{
	unsigned long long n = disk_blocks(m), lo, hi;
	FILE *f = v->out;
	bool used[R_NREGIONS] = { 0 };

	if (!n)
		return;
	fprintf(f, "%s (%llu %s, %s ~%llu):\n  [",
		viz_tr(v, "the disk", "디스크"), n,
		viz_tr(v, "blocks", "블록"),
		viz_tr(v, "one character", "한 글자"),
		(n + STRIP - 1) / STRIP);
	for (unsigned long long c = 0; c < STRIP; c++) {
		enum region r = cell_region(m, c * n / STRIP,
					    (c + 1) * n / STRIP);

		used[r] = true;
		fputc(region_char[r], f);
	}
	fputs("]\n", f);
	if (zoom_range(m, &lo, &hi)) {
		fprintf(f, "  %s %llu-%llu:\n  [", viz_tr(v, "blocks", "블록"),
			lo, hi - 1);
		for (unsigned long long b = lo; b < hi; b++) {
			enum region r = region_of(m, b);

			used[r] = true;
			fputc(region_char[r], f);
		}
		fputs("]\n", f);
	}
	fputs(" ", f);
	for (int r = 0; r < R_NREGIONS; r++)
		if (used[r])
			fprintf(f, " %c %s", region_char[r], region_name(v, r));
	fputc('\n', f);
	text_layout(v, m);
}

static void text_fat(const struct viz *v, const struct vfs_map *m)
{
	FILE *f = v->out;
	size_t shown = 0;

	viz_explain(v,
		"FAT keeps a file as a linked list: the directory entry names the first cluster, and the file allocation table holds, for every cluster, the number of the next one, up to an end-of-chain mark. Reaching the middle of a file means following the chain from its start.",
		"FAT는 파일을 연결 리스트로 관리합니다. 디렉터리 엔트리가 첫 클러스터를 가리키고, 파일 할당 테이블(FAT)은 클러스터마다 다음 클러스터 번호를 담으며 끝 표시에서 멈춥니다. 파일 중간에 가려면 처음부터 사슬을 따라가야 합니다.");
	fprintf(f, "FAT%d: %s %llu, %s %llu (%s %llu), %zu %s\n",
		m->fat_bits, viz_tr(v, "first cluster", "첫 클러스터"),
		m->first_cluster, viz_tr(v, "chain of", "사슬 길이"),
		m->chain_length,
		viz_tr(v, "sectors per cluster", "클러스터당 섹터"), m->spc,
		m->nchain, viz_tr(v, "runs", "구간"));
	fputs("  chain:", f);
	for (size_t i = 0; i < m->nchain; i++)
		for (unsigned long long c = m->chain[i].first;
		     c <= m->chain[i].last; c++) {
			if (shown++ == CHAIN_SHOWN) {
				fputs(" -> ...", f);
				goto end;
			}
			fprintf(f, "%s%llu", shown > 1 ? " -> " : " ", c);
		}
	fprintf(f, " -> %s", viz_tr(v, "end", "끝"));
end:
	fputc('\n', f);
}

static void text_ext2(const struct viz *v, const struct vfs_map *m)
{
	FILE *f = v->out;
	static const char *const ind[] = { "indirect", "double indirect",
					   "triple indirect" };
	static const char *const ind_ko[] = { "간접", "이중 간접",
					      "삼중 간접" };

	viz_explain(v,
		"ext2's inode holds 15 block pointers: 12 point straight at data blocks; the 13th at an index (indirect) block full of pointers, the 14th and 15th at two and three levels of them. A file past 12 blocks costs index blocks: allocated counts them, data does not.",
		"ext2의 inode에는 블록 포인터가 15개 있습니다. 12개는 데이터 블록을 바로 가리키고, 13번째는 포인터로 가득 찬 인덱스(간접) 블록을, 14·15번째는 두 단계, 세 단계의 간접 블록을 가리킵니다. 12블록이 넘는 파일은 인덱스 블록을 씁니다: allocated에는 세고 data에는 세지 않습니다.");
	fputs("  direct:", f);
	for (int i = 0; i < 12; i++)
		fprintf(f, " %llu", m->direct[i]);
	fputc('\n', f);
	for (int i = 0; i < 3; i++)
		if (m->have_ind[i] && m->ind[i])
			fprintf(f, "  %s: %s %llu, %llu %s\n",
				viz_tr(v, ind[i], ind_ko[i]),
				viz_tr(v, "block", "블록"), m->ind[i],
				m->ind_ptrs[i],
				viz_tr(v, "pointers set", "개 포인터 사용"));
}

static void text_ext4(const struct viz *v, const struct vfs_map *m)
{
	FILE *f = v->out;

	viz_explain(v,
		"ext4 keeps extents: each says 'logical blocks L.. are C blocks from physical P', so one entry maps a whole contiguous run. The root of the tree (header magic 0xF30A, up to 4 entries) is in the inode; a file with more runs gets index nodes pointing at leaf blocks.",
		"ext4는 익스텐트를 씁니다. 항목 하나가 '논리 블록 L부터 C개는 물리 블록 P부터'를 말하므로 연속된 구간 전체를 한 항목이 나타냅니다. 트리의 루트(헤더 매직 0xF30A, 항목 최대 4개)는 inode 안에 있고, 구간이 더 많은 파일은 잎 블록을 가리키는 인덱스 노드를 갖습니다.");
	for (size_t i = 0; i < m->next; i++) {
		const struct vfs_extent *e = &m->ext[i];

		switch (e->kind) {
		case VFS_EXT_NODE:
			fprintf(f, "  %s %s, depth %llu, %llu/%llu %s\n",
				viz_tr(v, "node", "노드"),
				e->a ? "" : viz_tr(v, "(in the inode)", "(inode 안)"),
				e->depth, e->b, e->c,
				viz_tr(v, "entries", "항목"));
			break;
		case VFS_EXT_LEAF:
			fprintf(f, "    extent: %s %llu -> %s %llu x %llu%s\n",
				viz_tr(v, "logical", "논리"), e->a,
				viz_tr(v, "physical", "물리"), e->b, e->c,
				e->unwritten ? viz_tr(v, " (unwritten)", " (미기록)") : "");
			break;
		case VFS_EXT_INDEX:
			fprintf(f, "    index: %s %llu -> %s %llu\n",
				viz_tr(v, "logical", "논리"), e->a,
				viz_tr(v, "block", "블록"), e->b);
			break;
		}
	}
}

static void text_one(const struct viz *v, const struct vfs_map *m)
{
	FILE *f = v->out;
	char path[300];

	fprintf(f, "%s%s%s  (%s, %llu %s)\n", viz_c(v, VIZ_BOLD),
		mk_clean(path, sizeof(path), m->path), viz_c(v, VIZ_RESET),
		m->sb_type, m->block_size,
		viz_tr(v, "bytes per block", "바이트 블록"));
	if (strcmp(m->state, "mapped")) {
		fprintf(f, "  %s: %s\n", m->state, m->reason);
		return;
	}
	fprintf(f, "  inode %llu, %llu %s: %llu %s, %llu %s, %llu %s (%s %llu)\n",
		m->ino, m->size, viz_tr(v, "bytes", "바이트"),
		(unsigned long long)m->bm.data_blocks,
		viz_tr(v, "data blocks", "데이터 블록"),
		(unsigned long long)m->bm.index_blocks,
		viz_tr(v, "index blocks", "인덱스 블록"),
		(unsigned long long)m->bm.hole_blocks,
		viz_tr(v, "in holes", "구멍"),
		viz_tr(v, "allocated", "할당"), m->allocated);
	fprintf(f, "  %-10s %-10s %s\n", viz_tr(v, "logical", "논리"),
		viz_tr(v, "physical", "물리"), viz_tr(v, "count", "개수"));
	for (size_t i = 0; i < m->bm.nruns && i < 32; i++) {
		const struct osedu_run *r = &m->bm.runs[i];

		if (r->hole)
			fprintf(f, "  %-10llu %-10s %llu\n",
				(unsigned long long)r->logical,
				viz_tr(v, "(hole)", "(구멍)"),
				(unsigned long long)r->count);
		else
			fprintf(f, "  %-10llu %-10llu %llu\n",
				(unsigned long long)r->logical,
				(unsigned long long)r->physical,
				(unsigned long long)r->count);
	}
	if (m->bm.nruns > 32)
		fprintf(f, "  ... %zu %s\n", m->bm.nruns - 32,
			viz_tr(v, "more runs", "구간 더"));
	text_strip(v, m);
	if (is_ext(m))
		fprintf(f, "  inode %llu: %s %llu, %s %llu, %s %llu %s %llu\n",
			m->ino, viz_tr(v, "group", "그룹"), m->group,
			viz_tr(v, "inode table at block", "inode 테이블 블록"),
			m->itable, viz_tr(v, "the inode at block", "inode 위치 블록"),
			m->inode_block, viz_tr(v, "offset", "오프셋"),
			m->inode_offset);
	if (is_fat(m))
		text_fat(v, m);
	else if (!strcmp(m->layout, "indirect"))
		text_ext2(v, m);
	else if (!strcmp(m->layout, "extents"))
		text_ext4(v, m);
	if (m->ondisk_error[0])
		fprintf(f, "  %s%s: %s%s\n", viz_c(v, VIZ_RED),
			viz_tr(v, "on-disk error", "디스크 구조 오류"),
			m->ondisk_error, viz_c(v, VIZ_RESET));
}

static void text_render(const struct viz *v, const struct vfs_map *maps,
			size_t n)
{
	viz_heading(v, "Which blocks hold the file", "파일을 담은 블록");
	viz_explain(v,
		"A disk is an array of numbered blocks. The file system keeps, for every file, which blocks hold its data: the map below goes from the file's logical blocks (0, 1, 2, ...) to the disk's physical ones, merged into runs of consecutive blocks. A hole has no block: it reads as zeros.",
		"디스크는 번호가 붙은 블록의 배열입니다. 파일 시스템은 파일마다 어느 블록이 데이터를 담는지 기록합니다. 아래 지도는 파일의 논리 블록(0, 1, 2, ...)에서 디스크의 물리 블록으로 가며, 연속된 블록은 한 구간으로 묶습니다. 구멍에는 블록이 없고 0으로 읽힙니다.");
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc('\n', v->out);
		text_one(v, &maps[i]);
	}
}

/* ---- SVG ------------------------------------------------------------- */

#define PANEL_H	250
#define SW	760	/* strip width */

/* The layout as a bar: each region at least wide enough for its name. */
static void svg_layout(const struct viz *v, const struct vfs_map *m, double y)
{
	struct segment seg[8];
	size_t n = layout(m, seg);
	double w[8], sum = 0, x = 10;

	for (size_t i = 0; i < n; i++) {
		const char *name = segment_name(v, &seg[i],
						seg[i].r == R_DATA && i + 1 < n);

		w[i] = 7.0 * viz_width(name) + 50;
		sum += w[i];
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = segment_name(v, &seg[i],
						seg[i].r == R_DATA && i + 1 < n);
		double ww = w[i] * SW / sum;

		svg_rect(v->out, x, y, ww, 16, region_fill[seg[i].r], NULL);
		if (seg[i].hi - seg[i].lo == 1)
			svg_text(v->out, x + 3, y + 12, "start", "small", "%llu %s",
				 seg[i].lo, name);
		else
			svg_text(v->out, x + 3, y + 12, "start", "small",
				 "%llu-%llu %s", seg[i].lo, seg[i].hi - 1, name);
		x += ww;
	}
}

static void svg_strips(const struct viz *v, const struct vfs_map *m, double y)
{
	unsigned long long n = disk_blocks(m), lo, hi;
	FILE *f = v->out;
	bool used[R_NREGIONS] = { 0 };
	double x;

	if (!n)
		return;
	svg_text(f, 10, y - 2, "start", "small", "%s: %llu %s",
		 viz_tr(v, "the whole disk", "디스크 전체"), n,
		 viz_tr(v, "blocks", "블록"));
	for (int c = 0; c < 128; c++) {
		enum region r = cell_region(m, c * n / 128, (c + 1) * n / 128);

		used[r] = true;
		svg_rect(f, 10 + c * (SW / 128.0), y, SW / 128.0, 14,
			 region_fill[r], NULL);
	}
	if (zoom_range(m, &lo, &hi)) {
		double w = (double)SW / (double)(hi - lo);

		svg_text(f, 10, y + 32, "start", "small", "%s %llu-%llu",
			 viz_tr(v, "blocks", "블록"), lo, hi - 1);
		for (unsigned long long b = lo; b < hi; b++) {
			enum region r = region_of(m, b);

			used[r] = true;
			svg_rect(f, 10 + (b - lo) * w, y + 36, w, 14,
				 region_fill[r], NULL);
		}
	}
	svg_layout(v, m, y + 74);
	x = 10;
	for (int r = 0; r < R_NREGIONS; r++) {
		if (!used[r])
			continue;
		svg_rect(f, x, y + 96, 10, 10, region_fill[r], NULL);
		svg_text(f, x + 13, y + 105, "start", "small", "%s",
			 region_name(v, r));
		x += 20 + 6.5 * viz_width(region_name(v, r));
	}
}

static void svg_fat(const struct viz *v, const struct vfs_map *m, double y)
{
	FILE *f = v->out;
	size_t shown = 0;
	double x = 10;

	svg_text(f, 10, y, "start", NULL, "%s FAT%d: %s",
		 viz_tr(v, "linked list in the", "연결 리스트:"), m->fat_bits,
		 viz_tr(v, "each cluster's entry names the next",
			"클러스터마다 엔트리가 다음을 가리킴"));
	for (size_t i = 0; i < m->nchain; i++)
		for (unsigned long long c = m->chain[i].first;
		     c <= m->chain[i].last && shown < CHAIN_SHOWN; c++) {
			bool jump = c == m->chain[i].first && i;

			if (shown++)
				vfs_svg_arrow(f, x - 10, y + 19, x, y + 19,
					      jump ? "#e8590c" : "#555");
			svg_rect(f, x, y + 10, 26, 18, region_fill[R_FILE],
				 NULL);
			svg_text(f, x + 13, y + 23, "middle", "small", "%llu", c);
			x += 36;
		}
	if (shown < CHAIN_SHOWN) {
		vfs_svg_arrow(f, x - 10, y + 19, x, y + 19, "#555");
		svg_text(f, x + 2, y + 23, "start", "small", "EOC");
	} else {
		svg_text(f, x, y + 23, "start", "small", "...");
	}
}

static void svg_ext2(const struct viz *v, const struct vfs_map *m, double y)
{
	FILE *f = v->out;

	svg_text(f, 10, y, "start", NULL, "%s",
		 viz_tr(v, "inode: 12 direct pointers, then index blocks",
			"inode: 직접 포인터 12개, 그다음 인덱스 블록"));
	for (int i = 0; i < 15; i++) {
		unsigned long long b = i < 12 ? m->direct[i] : m->ind[i - 12];

		svg_rect(f, 10 + i * 42, y + 10, 40, 18,
			 !b ? "#f8f9fa" : i < 12 ? region_fill[R_FILE] :
			 region_fill[R_INDEX], NULL);
		svg_text(f, 30 + i * 42, y + 23, "middle", "small", "%llu", b);
	}
	if (m->ind[0]) {
		vfs_svg_arrow(f, 10 + 12 * 42 + 20, y + 28, 10 + 12 * 42 + 20,
			      y + 46, "#1c7ed6");
		svg_rect(f, 10 + 12 * 42 - 40, y + 46, 150, 18,
			 region_fill[R_INDEX], NULL);
		svg_text(f, 10 + 12 * 42 - 36, y + 59, "start", "small",
			 "%s %llu: %llu %s", viz_tr(v, "block", "블록"),
			 m->ind[0], m->ind_ptrs[0],
			 viz_tr(v, "pointers", "포인터"));
	}
}

static void svg_ext4(const struct viz *v, const struct vfs_map *m, double y)
{
	FILE *f = v->out;
	double x = 10, yy = y + 10;

	svg_text(f, 10, y, "start", NULL, "%s",
		 viz_tr(v, "extent tree: each leaf maps a run (logical -> physical x count)",
			"익스텐트 트리: 잎 하나가 한 구간(논리 -> 물리 x 개수)"));
	for (size_t i = 0; i < m->next && yy < y + 80; i++) {
		const struct vfs_extent *e = &m->ext[i];

		if (x > SW - 150) {
			x = 10;
			yy += 22;
		}
		if (yy >= y + 80)
			break;
		switch (e->kind) {
		case VFS_EXT_NODE:
			svg_rect(f, x, yy, 150, 18, "#dee2e6", NULL);
			svg_text(f, x + 4, yy + 13, "start", "small",
				 "0xF30A d%llu %llu/%llu%s", e->depth, e->b,
				 e->c, e->a ? "" : " (inode)");
			break;
		case VFS_EXT_LEAF:
			svg_rect(f, x, yy, 150, 18, region_fill[R_FILE], NULL);
			svg_text(f, x + 4, yy + 13, "start", "small",
				 "%llu -> %llu x %llu", e->a, e->b, e->c);
			break;
		case VFS_EXT_INDEX:
			svg_rect(f, x, yy, 150, 18, region_fill[R_INDEX], NULL);
			svg_text(f, x + 4, yy + 13, "start", "small",
				 "%llu -> %s %llu", e->a,
				 viz_tr(v, "node", "노드"), e->b);
			break;
		}
		x += 156;
	}
}

static void svg_one(const struct viz *v, const struct vfs_map *m, double y)
{
	FILE *f = v->out;

	svg_text(f, 10, y + 14, "start", "title", "%s (%s)", m->path,
		 m->sb_type);
	if (strcmp(m->state, "mapped")) {
		svg_text(f, 10, y + 36, "start", NULL, "%s: %s", m->state,
			 m->reason);
		return;
	}
	svg_text(f, 10, y + 32, "start", "small",
		 "inode %llu, %llu %s: %llu %s, %llu %s, %llu %s",
		 m->ino, m->size, viz_tr(v, "bytes", "바이트"),
		 (unsigned long long)m->bm.data_blocks,
		 viz_tr(v, "data blocks", "데이터 블록"),
		 (unsigned long long)m->bm.index_blocks,
		 viz_tr(v, "index blocks", "인덱스 블록"),
		 (unsigned long long)m->bm.hole_blocks,
		 viz_tr(v, "in holes", "구멍"));
	svg_strips(v, m, y + 50);
	if (is_fat(m))
		svg_fat(v, m, y + 180);
	else if (!strcmp(m->layout, "indirect"))
		svg_ext2(v, m, y + 180);
	else if (!strcmp(m->layout, "extents"))
		svg_ext4(v, m, y + 180);
	if (m->ondisk_error[0])
		svg_text(f, 10, y + PANEL_H - 4, "start", NULL, "%s: %s",
			 viz_tr(v, "on-disk error", "디스크 구조 오류"),
			 m->ondisk_error);
}

static void svg_render(const struct viz *v, const struct vfs_map *maps,
		       size_t n)
{
	svg_begin(v->out, SW + 20, 10 + (int)n * PANEL_H,
		  viz_tr(v, "Block maps", "블록 지도"));
	for (size_t i = 0; i < n; i++)
		svg_one(v, &maps[i], 10 + i * PANEL_H);
	svg_end(v->out);
}

static void html_render(const struct viz *v, const struct vfs_map *maps,
			size_t n)
{
	struct viz svg = *v, text = *v;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	viz_html_begin(v, viz_tr(v, "Which blocks hold the file",
				 "파일을 담은 블록"));
	viz_explain(v,
		"The same data kept three ways: FAT follows a chain through its table, ext2 points at blocks from the inode and from index blocks, ext4 records runs as extents.",
		"같은 데이터를 세 가지로 관리합니다: FAT는 테이블을 통해 사슬을 따라가고, ext2는 inode와 인덱스 블록에서 블록을 가리키며, ext4는 구간을 익스텐트로 기록합니다.");
	svg.format = VIZ_SVG;
	svg_render(&svg, maps, n);
	text.format = VIZ_TEXT;
	text.color = false;
	text.explain = false;
	mem = open_memstream(&buf, &len);
	if (mem) {
		text.out = mem;
		for (size_t i = 0; i < n; i++)
			text_one(&text, &maps[i]);
		fclose(mem);
		fputs("<pre>\n", v->out);
		mk_text(v->out, buf ? buf : "");
		fputs("</pre>\n", v->out);
		free(buf);
	}
	viz_html_end(v);
}

void vfs_map_render(const struct viz *v, const struct vfs_map *maps, size_t n)
{
	switch (v->format) {
	case VIZ_TEXT:
		text_render(v, maps, n);
		break;
	case VIZ_SVG:
		svg_render(v, maps, n);
		break;
	case VIZ_HTML:
		html_render(v, maps, n);
		break;
	}
}
