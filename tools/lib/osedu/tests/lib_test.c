// SPDX-License-Identifier: GPL-2.0
/*
 * libosedu's parsers on lines written by hand, with the fields a reader
 * sees in them worked out by hand (make lib-test, part of make viz-test):
 * the comms the kernel allows (spaces, " => ", empty, cut UTF-8), a
 * migrate's three CPUs, and what no producer writes.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <osedu/osedu.h>
#include <osedu/vfs.h>

static int failures, checks;

#define CHECK(cond) do {						\
	checks++;							\
	if (!(cond)) {							\
		failures++;						\
		fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #cond); \
	}								\
} while (0)

static bool ev(const char *line, struct osedu_ev *e)
{
	return osedu_ev_parse(line, strlen(line), e);
}

static void test_events(void)
{
	struct osedu_ev e;

	CHECK(ev("5 1 switch 10 a => b c S => 11 x => y", &e));
	CHECK(e.ts == 5 && e.cpu == 1 && e.type == OSEDU_EV_SWITCH);
	CHECK(e.tid == 10 && !strcmp(e.comm, "a => b c"));
	CHECK(!strcmp(e.state, "S"));
	CHECK(e.tid2 == 11 && !strcmp(e.comm2, "x => y"));

	CHECK(ev("6 0 switch 0 swapper/0 R+ => 7 Web Content", &e));
	CHECK(!strcmp(e.state, "R+") && !strcmp(e.comm2, "Web Content"));

	/* The recording CPU stays; the move is cpu1 -> cpu2. */
	CHECK(ev("7 3 migrate 42 Web Content 1 => 2", &e));
	CHECK(e.type == OSEDU_EV_MIGRATE && e.cpu == 3);
	CHECK(e.cpu1 == 1 && e.cpu2 == 2 && e.tid == 42);
	CHECK(!strcmp(e.comm, "Web Content"));
	CHECK(ev("7 0 migrate 42 a => b c 3 => 1", &e));
	CHECK(!strcmp(e.comm, "a => b c") && e.cpu1 == 3 && e.cpu2 == 1);

	CHECK(ev("8 0 wakeup 5 a b 1", &e));
	CHECK(e.type == OSEDU_EV_WAKEUP && !strcmp(e.comm, "a b"));
	CHECK(e.cpu2 == 1 && e.cpu == 0);
	CHECK(ev("8 0 wakeup_new 5 x 0", &e) && e.type == OSEDU_EV_WAKEUP_NEW);

	/* "b => 6 c" is no "<tid> <comm>": the parent is "a => b". */
	CHECK(ev("9 0 fork 5 a => b => 6 c", &e));
	CHECK(e.type == OSEDU_EV_FORK && !strcmp(e.comm, "a => b"));
	CHECK(e.tid2 == 6 && !strcmp(e.comm2, "c"));

	/* A program may clear its name. */
	CHECK(ev("10 0 exit 5 ", &e) && e.tid == 5 && !e.comm[0]);
	/* Cut inside a Hangul syllable: kept as the bytes it is. */
	CHECK(ev("11 0 exit 5 a\xea\xb0\x80\xeb\x82\x98\xeb\x8b\xa4\xeb\x9d\xbc\xeb\xa7",
		 &e) && strlen(e.comm) == 15);
	CHECK(ev("12 0 lost 17", &e) && e.type == OSEDU_EV_LOST &&
	      e.count == 17);

	/* What no producer writes. */
	CHECK(!ev("", &e));
	CHECK(!ev("1 0 switch 5 x Q => 6 y", &e));	/* no such state */
	CHECK(!ev("x 0 exit 5 a", &e));
	CHECK(!ev("-1 0 exit 5 a", &e));
	CHECK(!ev("1 1024 exit 5 a", &e));		/* past the CPUs */
	CHECK(!ev("1 0 exit 5 0123456789abcdefg", &e));	/* 17 bytes */
	CHECK(!ev("1 0 bogus 5 a", &e));
	CHECK(!ev("18446744073709551616 0 exit 1 a", &e));
	CHECK(!ev("1 0 lost", &e));
	CHECK(!ev("1 0 migrate 5 a 1 =>", &e));
	CHECK(!osedu_ev_parse("1 0 exit 5 a\0b", 14, &e));	/* a NUL */
	CHECK(!strcmp(osedu_ev_name(OSEDU_EV_MIGRATE), "migrate"));
	CHECK(!strcmp(osedu_ev_name(99), "?"));
}

static void test_trace(void)
{
	char text[] = OSEDU_SCHED_HEADER "\n"
		"20 1 exit 6 b\n"
		"10 0 exit 5 a\n"
		"\n"
		"20 0 lost 3\n"
		"garbage\n"
		OSEDU_SCHED_HEADER "\n"	/* every read starts with it */
		"20 1 lost 18446744073709551615\n";
	struct osedu_trace t = { 0 };
	const char *bad = NULL;

	CHECK(!osedu_trace_add(&t, text, strlen(text), &bad));
	CHECK(t.n == 4 && t.bad == 1 && bad && !strcmp(bad, "garbage"));
	CHECK(t.lost == UINT64_MAX && t.lost_lines == 2);	/* saturates */
	osedu_trace_sort(&t);
	CHECK(t.ev[0].ts == 10 && t.ev[1].tid == 6 &&
	      t.ev[2].type == OSEDU_EV_LOST && t.ev[2].count == 3);
	osedu_trace_free(&t);
}

static void test_kv_doc(void)
{
	const char *text = "osedu x 1\na: 1\nab: 2\nb:\t0x10\nk: 0xffffffff81000000\nname: two words\n";
	char buf[64], why[256], *copy;
	struct osedu_doc d;
	struct osedu_cols c;

	CHECK(osedu_kv_ll(text, "a") == 1 && osedu_kv_ll(text, "ab") == 2);
	CHECK(osedu_kv_ll(text, "b") == 16 && osedu_kv_ll(text, "c") == -1);
	CHECK(osedu_kv_ull(text, "k") == 0xffffffff81000000ULL);
	CHECK(osedu_kv_num(text, "c", 7) == 7);
	CHECK(osedu_kv(text, "name", buf, sizeof(buf)) &&
	      !strcmp(buf, "two words"));
	CHECK(osedu_kv(text, "name", buf, 4) && !strcmp(buf, "two"));
	CHECK(!osedu_kv(text, "nam", buf, sizeof(buf)) && !buf[0]);

	CHECK(osedu_is_header(OSEDU_HEADER("sched") "\nx", "sched"));
	CHECK(!osedu_is_header("osedu sched 10\n", "sched"));
	CHECK(!osedu_is_header("osedu sched 1x\n", "sched"));
	CHECK(!osedu_is_header("osedu sched-cpus 1\n", "sched"));

	copy = strdup(OSEDU_HEADER("pagewalk") "\npid: 5\n0x1 2\n");
	CHECK(!osedu_doc_parse(&d, copy, strlen(copy), why, sizeof(why)));
	CHECK(!strcmp(d.view, "pagewalk") && d.nlines == 3);
	CHECK(!strcmp(osedu_doc_get(&d, "pid"), "5"));
	CHECK(osedu_split(&c, d.lines[2]) == 2 && !strcmp(c.col[1], "2"));
	osedu_cols_free(&c);
	osedu_doc_free(&d);

	copy = strdup("osedu pagewalk 99\n");
	CHECK(osedu_doc_parse(&d, copy, strlen(copy), why, sizeof(why)));
	CHECK(strstr(why, "format version 99"));
	osedu_doc_free(&d);
	copy = malloc(8);
	memcpy(copy, "osedu \0x", 8);
	CHECK(osedu_doc_parse(&d, copy, 7, why, sizeof(why)));
	CHECK(strstr(why, "NUL"));
	osedu_doc_free(&d);
}

static bool wp(const char *line, struct osedu_wait *w)
{
	return osedu_wait_parse(line, strlen(line), w);
}

static bool sp(const char *line, struct osedu_sysv *o)
{
	return osedu_sysv_parse(line, strlen(line), o);
}

static void test_ipc(void)
{
	const char *doc = "osedu ipc 1\npid: 4\ncomm: a\n\nfd: 3\nkind: pipe\n"
			  "bytes: 5\n\nfd: 30\nkind: unix\n\nthread: 4\n"
			  "sig_pending: 0x0000000000000001\n";
	struct osedu_wait w;
	struct osedu_sysv o;
	char v[32], *b;

	b = osedu_ipc_block(doc, "fd", "3");
	CHECK(b && osedu_kv_ll(b, "bytes") == 5 && !strstr(b, "unix"));
	free(b);
	b = osedu_ipc_block(doc, "fd", "30");
	CHECK(b && osedu_kv(b, "kind", v, sizeof(v)) && !strcmp(v, "unix"));
	free(b);
	CHECK(!osedu_ipc_block(doc, "fd", "4"));
	/* "pid: 4" is not a block: it is in the first one. */
	CHECK(!osedu_ipc_block(doc, "pid", NULL));
	b = osedu_ipc_block(doc, "thread", NULL);
	CHECK(b && osedu_kv_ull(b, "sig_pending") == 1);
	free(b);
	CHECK(osedu_ipc_count(doc, "fd") == 2);
	CHECK(osedu_ipc_count(doc, "thread") == 1);

	CHECK(wp("10 9 S futex 202 futex futex:9:0x1000 11 op=0,value=2 "
		 "0x1000,0x80,0x2,0x0,0x0,0x0 my prog", &w));
	CHECK(w.tid == 10 && w.pid == 9 && w.state == 'S' && w.nr == 202);
	CHECK(!strcmp(w.kind, "futex") && w.holder == 11);
	CHECK(!strcmp(w.comm, "my prog") && w.args[0] == 0x1000);
	CHECK(osedu_wait_detail(&w, "value", v, sizeof(v)) && !strcmp(v, "2"));
	CHECK(!osedu_wait_detail(&w, "val", v, sizeof(v)));
	CHECK(wp("10 9 D - -1 none - - - 0x0,0x0,0x0,0x0,0x0,0x0 k", &w));
	CHECK(w.nr == -1 && w.holder == 0);
	CHECK(wp("10 9 S fcntl 72 posix_lock inode:08:01:5 ofd - "
		 "0x3,0x7,0x1,0x0,0x0,0x0 x", &w) && w.holder == -1);
	/* An empty comm, five args, a bad holder, a negative tid: refused. */
	CHECK(!wp("10 9 S read 0 pipe pipe:[1] - - 0x0,0x0,0x0,0x0,0x0,0x0", &w));
	CHECK(!wp("10 9 S read 0 pipe pipe:[1] - - 0x0,0x0,0x0,0x0,0x0 a", &w));
	CHECK(!wp("10 9 S read 0 pipe pipe:[1] x - 0x0,0x0,0x0,0x0,0x0,0x0 a", &w));
	CHECK(!wp("-1 9 S read 0 pipe pipe:[1] - - 0x0,0x0,0x0,0x0,0x0,0x0 a", &w));
	CHECK(!wp("", &w));

	{
		/* 1 -> 2 -> 1 (threads), 3 -> process 50 (row 4) -> 5 -> 4. */
		struct osedu_wait g[6] = {
			{ .tid = 1, .pid = 1, .holder = 2 },
			{ .tid = 2, .pid = 1, .holder = 1 },
			{ .tid = 3, .pid = 3, .holder = 50 },
			{ .tid = 51, .pid = 50, .holder = 5 },
			{ .tid = 5, .pid = 5, .holder = 51 },
			{ .tid = 9, .pid = 9, .holder = 0 },
		};
		int next[6], cyc[6];

		CHECK(osedu_wait_graph(g, 6, next, cyc) == 2);
		CHECK(next[0] == 1 && next[1] == 0 && cyc[0] && cyc[0] == cyc[1]);
		CHECK(next[2] == 3 && !cyc[2]);
		CHECK(cyc[3] && cyc[3] == cyc[4] && cyc[3] != cyc[0]);
		CHECK(next[5] == -1 && !cyc[5]);
	}
	{
		struct osedu_wait *rows;
		size_t n;

		CHECK(osedu_waits_parse("osedu ipc-waits 1\nheader\n"
			"1 1 S pause 34 signal - - - 0x0,0x0,0x0,0x0,0x0,0x0 a\n"
			"bad row\n", &rows, &n) == 1 && n == 1);
		free(rows);
	}

	CHECK(sp("shm 32769 0x00001000 01640 0 0 0 0 1 1 0", &o));
	CHECK(!strcmp(o.type, "shm") && o.id == 32769 && o.key == 0x1000);
	CHECK(o.mode == 01640 && o.slot == 1 && o.seq == 1 && !o.deleted);
	CHECK(!sp("sem 1 0x1 0600 0 0 0 0 1 0", &o));
	CHECK(!sp("foo 1 0x1 0600 0 0 0 0 1 0 0", &o));
	CHECK(!sp("msg 1 0x1 0600 0 0 0 0 1 0 2", &o));
}

/* ipc_shm.c: the two sides of the join, and what neither writes. */
static void test_shm_join(void)
{
	static const char sysvipc[] =
"       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n"
"         0          0   600                  8192   250   251      2     0     0     0     0 1700000001          0 1700000000                  8192                     0\n"
" 305419896      32769  1666                  4096   252     0      0  1000  1000  1000  1000          0          0 1700000002                     0                     0\n"
"garbage line\n";
	static const char view[] =
"osedu ipc 1\npid: 250\ncomm: two words\nns_ipc: 4026532000\n"
"sig_shared_pending: 0x0000000000000000\n\n"
"fd: 3\nkind: file\nobject: inode:00:05:1\n\n"
"shm: 0x7f0000000000\nend: 0x7f0000002000\nshmid: 0\nkey: 0x00000000\n"
"size: 8192\nresident_pages: 1\nwritable: 1\n\n"
"shm: 0x7f0000004000\nend: 0x7f0000005000\nshmid: 0\nkey: 0x00000000\n"
"size: 8192\nresident_pages: 1\nwritable: 0\n\n"
"thread: 250\nstate: S\n";
	static const char other[] =
"osedu ipc 1\npid: 251\ncomm: c\nns_ipc: 4026532000\n\n"
"shm: 0x10000\nend: 0x12000\nshmid: 0\nkey: 0x00000000\nsize: 8192\n"
"resident_pages: 1\nwritable: 1\n\n"
/* no end: refused */
"shm: 0x20000\nshmid: 0\n";
	static const char elsewhere[] =
"osedu ipc 1\npid: 260\ncomm: d\nns_ipc: 4026531839\n\n"
"shm: 0x10000\nend: 0x12000\nshmid: 0\nkey: 0x00000000\nsize: 4096\n"
"resident_pages: 0\nwritable: 1\n";
	struct osedu_sysvipc_shm *k;
	struct osedu_shm_map *maps = NULL;
	size_t n, nm = 0, att;
	int pids[4];

	CHECK(osedu_sysvipc_shm_parse(sysvipc, &k, &n) == 1);
	CHECK(n == 2);
	if (n == 2) {
		CHECK(k[0].key == 0 && k[0].shmid == 0 && k[0].size == 8192 &&
		      k[0].cpid == 250 && k[0].lpid == 251 &&
		      k[0].nattch == 2 && k[0].rss == 8192 && k[0].swap == 0);
		CHECK(k[1].key == 0x12345678 && k[1].shmid == 32769 &&
		      k[1].uid == 1000 && k[1].nattch == 0);
	}
	free(k);
	CHECK(osedu_ipc_shm_parse(view, &maps, &nm) == 0 && nm == 2);
	CHECK(osedu_ipc_shm_parse(other, &maps, &nm) == 1 && nm == 3);
	CHECK(osedu_ipc_shm_parse(elsewhere, &maps, &nm) == 0 && nm == 4);
	CHECK(osedu_ipc_shm_parse("osedu vfs 1\npid: 1\n", &maps, &nm) == 1);
	CHECK(osedu_ipc_shm_parse("", &maps, &nm) == 1 && nm == 4);
	if (nm == 4) {
		CHECK(maps[0].pid == 250 && !strcmp(maps[0].comm, "two words") &&
		      maps[0].ns_ipc == 4026532000u &&
		      maps[0].start == 0x7f0000000000ull &&
		      maps[0].end == 0x7f0000002000ull &&
		      maps[0].resident_pages == 1 && maps[0].writable);
		CHECK(!maps[1].writable && maps[2].pid == 251);
	}
	/* Two attachments by 250, one by 251; 260's shmid 0 is another
	 * namespace's segment.
	 */
	CHECK(osedu_shm_sharers(maps, nm, 4026532000u, 0, pids, 4, &att) == 2);
	CHECK(att == 3 && pids[0] == 250 && pids[1] == 251);
	CHECK(osedu_shm_sharers(maps, nm, 4026531839u, 0, pids, 4, &att) == 1);
	CHECK(att == 1 && pids[0] == 260);
	CHECK(osedu_shm_sharers(maps, nm, 4026532000u, 0, pids, 1, &att) == 2);
	CHECK(osedu_shm_sharers(maps, nm, 4026532000u, 7, pids, 4, &att) == 0 &&
	      att == 0);
	free(maps);
}

static void test_vfs(void)
{
	const char *bm_text = OSEDU_HEADER("vfs-blockmap") "\npath: /a b\n"
		"state: mapped\ndata_blocks: 3\nhole_blocks: 2\n"
		"index_blocks: 1\nruns: 3\nruns_truncated: 0\n"
		"logical physical count\n0 100 1\n1 - 2\n3 200 2\n"
		"ondisk: ext2\n";
	const char *view = OSEDU_HEADER("vfs") "\npid: 1\n\nfd: 0\npos: 5\n"
		"\nfd: 10\npos: 7\nsb_id: x\n";
	const char *supers = "type id dev block_size magic flags f_bsize blocks free avail inodes free_inodes inodes_cached\n"
		"ext4 vda 254:0 1024 0xef53 0x0 1024 10 5 4 20 9 3\n"
		"proc proc 0:22 4096 0x9fa0 0x0 - - - - - - 7\n";
	struct osedu_blockmap bm;
	struct osedu_super sb;
	char runs[64], *rec;

	CHECK(!osedu_blockmap_parse(bm_text, &bm));
	CHECK(bm.nruns == 3 && bm.runs[1].hole && bm.runs[2].physical == 200 &&
	      bm.index_blocks == 1 && !strcmp(bm.state, "mapped"));
	CHECK(!osedu_runs_format(&bm, runs, sizeof(runs)) &&
	      !strcmp(runs, "0:100+1,3:200+2"));
	CHECK(osedu_runs_format(&bm, runs, 5) == -1);
	osedu_blockmap_free(&bm);
	/* A run count that the table does not hold, a zero count. */
	CHECK(osedu_blockmap_parse(OSEDU_HEADER("vfs-blockmap") "\nstate: mapped\n"
		"data_blocks: 1\nhole_blocks: 0\nindex_blocks: 0\nruns: 2\n"
		"runs_truncated: 0\nlogical physical count\n0 1 1\n", &bm));
	CHECK(osedu_blockmap_parse(OSEDU_HEADER("vfs-blockmap") "\nstate: mapped\n"
		"data_blocks: 1\nhole_blocks: 0\nindex_blocks: 0\nruns: 1\n"
		"runs_truncated: 0\nlogical physical count\n0 1 0\n", &bm));
	CHECK(!osedu_blockmap_parse(OSEDU_HEADER("vfs-blockmap") "\nstate: none\n",
				    &bm) && !bm.nruns);

	CHECK(osedu_vfs_count_fds(view) == 2);
	rec = osedu_vfs_fd_record(view, 10);
	CHECK(rec && osedu_kv_ll(rec, "pos") == 7 && strstr(rec, "sb_id"));
	free(rec);
	rec = osedu_vfs_fd_record(view, 0);
	CHECK(rec && osedu_kv_ll(rec, "pos") == 5 && !strstr(rec, "fd: 10"));
	free(rec);
	CHECK(!osedu_vfs_fd_record(view, 1));

	CHECK(osedu_supers_find(supers, 254, 0, &sb) && sb.have_statfs &&
	      sb.blocks == 10 && sb.ffree == 9 && sb.inodes_cached == 3);
	CHECK(osedu_supers_find(supers, 0, 22, &sb) && !sb.have_statfs);
	CHECK(!osedu_supers_find(supers, 8, 1, &sb));
	CHECK(!osedu_super_parse("ext4 vda 254:0 1024", &sb));
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	CHECK(osedu_write_len(path, text, strlen(text)) == -ENOENT);
	fclose(fopen(path, "w"));
	CHECK(osedu_write_len(path, text, strlen(text) + 1) == 0);
}

/* Per-process files, and one that appears only after the first try. */
static void test_files(void)
{
	char dir[64] = "/tmp/osedu-lib-test.XXXXXX", *t;
	struct stat st;
	pid_t kid;

	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	put(dir, "self", "me");
	put(dir, "42", "forty-two");
	t = osedu_read_view(dir, 0, 64, 0);
	CHECK(t && !strcmp(t, "me"));
	free(t);
	t = osedu_read_view(dir, 42, 64, 0);
	CHECK(t && !strcmp(t, "forty-two"));
	free(t);
	t = osedu_read_view(dir, 43, 64, 30);
	CHECK(!t && errno == ENOENT);
	kid = fork();
	if (kid == 0) {
		usleep(100000);
		put(dir, "44", "late");
		_exit(0);
	}
	t = osedu_read_view(dir, 44, 64, 5000);
	/* The file may be seen empty between its creation and the write. */
	while (t && !*t) {
		free(t);
		t = osedu_read_view(dir, 44, 64, 0);
	}
	CHECK(t && !strcmp(t, "late"));
	free(t);
	waitpid(kid, NULL, 0);
	snprintf(dir + strlen(dir), 8, "/42");
	CHECK(!stat(dir, &st) && st.st_size == 10);
	CHECK(!unlink(dir));
	*strrchr(dir, '/') = '\0';
	CHECK(osedu_write_len(dir, "x", 1) == -EISDIR);
	for (const char *n = "self\0" "44\0"; *n; n += strlen(n) + 1) {
		char path[256];

		snprintf(path, sizeof(path), "%s/%s", dir, n);
		CHECK(!unlink(path));
	}
	CHECK(!rmdir(dir));
}

/* vfs/inodes rows (branch inodes). */
static void test_vfs_inodes(void)
{
	const char *text = OSEDU_HEADER("vfs-inodes") "\ndev: 254:16\n"
		"inodes: 3\nshown: 3\nlimit: 4096\ntruncated: 0\n"
		"ino type mode nlink size blocks_512 refs cache_pages state_word state path\n"
		"2 directory 040755 3 1024 2 1 0 0x38 dirty_sync,dirty_pages /\n"
		"14 regular 0100644 0 3072 6 1 0 0x0 - -\n"
		"20 regular 0100644 2 3 2 2 1 0x0 referenced /a\\040b\\134c\n";
	struct osedu_inode_row r;

	CHECK(osedu_inodes_count(text) == 3);
	CHECK(osedu_inodes_find(text, 2, &r) && !strcmp(r.type, "directory") &&
	      r.mode == 040755 && r.nlink == 3 && r.state_word == 0x38 &&
	      osedu_inode_state_has(&r, "dirty_pages") &&
	      osedu_inode_state_has(&r, "dirty_sync") &&
	      !osedu_inode_state_has(&r, "dirty") && !strcmp(r.path, "/"));
	CHECK(osedu_inodes_find(text, 14, &r) && !r.has_path && !r.nlink &&
	      r.size == 3072 && r.blocks_512 == 6 && !strcmp(r.state, "-"));
	CHECK(osedu_inodes_find(text, 20, &r) && r.has_path &&
	      !strcmp(r.path, "/a b\\c") && r.refs == 2 && r.cache_pages == 1);
	CHECK(!osedu_inodes_find(text, 3, &r));
	/* Malformed rows: a column short, a bad escape, a mode not octal. */
	CHECK(!osedu_inode_row_parse("2 directory 040755 3 1024 2 1 0 0x0 -", &r));
	CHECK(!osedu_inode_row_parse("2 regular 0100644 1 1 1 1 0 0x0 - /a\\9", &r));
	CHECK(!osedu_inode_row_parse("2 regular 100644 1 1 1 1 0 0x0 - /a", &r));
	CHECK(!osedu_inode_row_parse("2 regular 0100644 1 1 1 1 0 38 - /a", &r));
	CHECK(osedu_inodes_count(OSEDU_HEADER("vfs-supers") "\n") == -1);
	CHECK(osedu_inodes_count(OSEDU_HEADER("vfs-inodes") "\n"
		"ino type mode nlink size blocks_512 refs cache_pages state_word state path\n"
		"x regular 0100644 1 1 1 1 0 0x0 - /a\n") == -1);
}

static bool pwq_row(const char *line, struct osedu_pwq_row *r)
{
	return osedu_pwq_row_parse(line, strlen(line), r);
}

/* pagewalk/query range rows and answers (branch membar). */
static void test_pwq(void)
{
	struct osedu_pwq q = { 0 };
	struct osedu_pwq_row r;
	const struct osedu_pwq_row *f;
	char why[128];
	char *two;

	CHECK(pwq_row("0x00007fff001e2000   0 255 508   0 482 pte   present   0x0000002af4 rw user accessed dirty nx anon lru swapbacked gen=3 mapcount=1", &r));
	CHECK(r.va == 0x7fff001e2000ULL && r.pfn == 0x2af4);
	CHECK(!strcmp(r.level, "pte") && !strcmp(r.state, "present"));
	CHECK(r.hw == (OSEDU_PWF_RW | OSEDU_PWF_USER | OSEDU_PWF_ACCESSED |
		       OSEDU_PWF_DIRTY | OSEDU_PWF_ANON));
	CHECK(r.k == (OSEDU_PWK_LRU | OSEDU_PWK_SWAPBACKED));
	CHECK(r.has_k && r.gen == 3 && r.mapcount == 1 && r.swap_type < 0);
	CHECK(r.flags_off == 68);
	/* The classic LRU: active, no gen; every kernel word; 4-level. */
	CHECK(pwq_row("0x0000000000401000   -   0   0   2   1 pte   present   0x000007f284 user accessed file lru active referenced workingset unevictable swapbacked swapcache ksm mapcount=12", &r));
	CHECK(r.k == 0xff && r.gen == -1 && r.mapcount == 12);
	/* The zero page and a PFNMAP page have no kernel words. */
	CHECK(pwq_row("0x0000000000402000   0   0   0   2   2 pte   present   0x0000000000 user accessed zero anon", &r));
	CHECK(!r.has_k && r.hw & OSEDU_PWF_ZERO && r.mapcount == -1);
	/* Swapped: the slot for root, hidden for others. */
	CHECK(pwq_row("0x00007d0000020000   0 250   0   0  32 pte   swap      0x0000000123 swap_type=0", &r));
	CHECK(!strcmp(r.state, "swap") && r.pfn == 0x123 && r.swap_type == 0);
	CHECK(pwq_row("0x00007d0000020000   0 250   0   0  32 pte   swap      0x0000000000 -", &r));
	CHECK(r.swap_type == -1 && !r.hw && !r.has_k);
	CHECK(pwq_row("0x0000000000003000   0   0   0   0   3 -     unmapped  0x0000000000 -", &r));
	CHECK(!strcmp(r.state, "unmapped") && !strcmp(r.level, "-"));
	/* A word added later within the format version is skipped. */
	CHECK(pwq_row("0x1000 0 0 0 0 1 pte present 0x1 rw newword=7 mapcount=1", &r));

	/* What no producer writes. */
	CHECK(!pwq_row("", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1", &r));	/* no flags */
	CHECK(!pwq_row("0x1000 0 0 0 0 512 pte present 0x1 -", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte floating 0x1 -", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pgd present 0x1 -", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 - rw", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 lru gen=4 mapcount=1", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 lru", &r)); /* no mapcount */
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 mapcount=-1", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 mapcount=", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 mapcount=99999999999", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte swap 0x1 lru mapcount=1", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 swap_type=1", &r));
	CHECK(!pwq_row("0x1000 0 0 0 0 1 pte present 0x1 Rw", &r));
	CHECK(!pwq_row("1000 0 0 0 0 1 pte present 0x1 -", &r));
	CHECK(!pwq_row("0x10000000000000000 0 0 0 0 1 pte present 0x1 -", &r));
	CHECK(!osedu_pwq_row_parse("0x1000 0 0 0 0 1 pte present 0x1 rw\0x", 38, &r));
	CHECK(osedu_pwk_name(0) && !strcmp(osedu_pwk_name(7), "ksm") &&
	      !osedu_pwk_name(8));

	/* Two answers of one process, overlapping: sorted, once each. */
	two = "osedu pagewalk-query 1\npid: 7\npaging_levels: 4\n"
	      "start: 0x0000000000003000\nend: 0x0000000000005000\npages: 2\n"
	      "va                 pgd p4d pud pmd pte level state     pfn          flags\n"
	      "0x0000000000003000   0   -   0   0   3 pte   present   0x0000000010 rw dirty anon lru mapcount=1\n"
	      "0x0000000000004000   0   -   0   0   4 pte   swap      0x0000000000 -\n"
	      "osedu pagewalk-query 1\npid: 7\npaging_levels: 4\n"
	      "start: 0x0000000000001000\nend: 0x0000000000004000\npages: 3\n"
	      "va                 pgd p4d pud pmd pte level state     pfn          flags\n"
	      "0x0000000000001000   0   -   0   0   1 -     none      0x0000000000 -\n"
	      "0x0000000000002000   0   -   0   0   2 -     none      0x0000000000 -\n"
	      "0x0000000000003000   0   -   0   0   3 pte   present   0x0000000010 rw accessed dirty anon lru active mapcount=1\n";
	CHECK(!osedu_pwq_parse(&q, two, why, sizeof(why)));
	CHECK(q.pid == 7 && q.n == 4);
	f = osedu_pwq_find(&q, 0x3000);
	CHECK(f && f->k & OSEDU_PWK_ACTIVE && f->hw & OSEDU_PWF_ACCESSED);
	f = osedu_pwq_find(&q, 0x4000);
	CHECK(f && !strcmp(f->state, "swap"));
	CHECK(!osedu_pwq_find(&q, 0x5000) && !osedu_pwq_find(&q, 0x3800));
	osedu_pwq_free(&q);

	/* A row outside its range, a second process, a foreign view. */
	CHECK(osedu_pwq_parse(&q, "osedu pagewalk-query 1\npid: 7\nstart: 0x1000\nend: 0x2000\nva x\n0x2000 0 0 0 0 2 - none 0x0 -\n", why, sizeof(why)));
	osedu_pwq_free(&q);
	CHECK(osedu_pwq_parse(&q, "osedu pagewalk-query 1\npid: 7\nosedu pagewalk-query 1\npid: 8\n", why, sizeof(why)));
	osedu_pwq_free(&q);
	CHECK(osedu_pwq_parse(&q, "osedu pagewalk 1\npid: 7\n", why, sizeof(why)));
	osedu_pwq_free(&q);
	CHECK(osedu_pwq_parse(&q, "pid: 7\n", why, sizeof(why)));
	osedu_pwq_free(&q);
	CHECK(osedu_pwq_parse(&q, "osedu pagewalk-query 1\nva x\n", why, sizeof(why)));
	osedu_pwq_free(&q);
	CHECK(osedu_pwq_parse(&q, "osedu pagewalk-query 1\npid: 7\nstart: 0x1000\nend: 0x2000\nva x\n0x1000 0 0 0 0 1 pte present 0x1 lru\n", why, sizeof(why)));
	CHECK(strstr(why, "line 6: malformed row"));
	osedu_pwq_free(&q);
	/* A kernel thread's answer: no rows, not an error. */
	CHECK(!osedu_pwq_parse(&q, "osedu pagewalk-query 1\npid: 2\npaging_levels: 5\nmm: none (kernel thread: no user address space)\n", why, sizeof(why)));
	CHECK(q.n == 0 && q.pid == 2);
	osedu_pwq_free(&q);
}

/* A document from TEXT (a copy), for the vectors parsers. */
static bool doc(struct osedu_doc *d, const char *text)
{
	char why[128], *buf = strdup(text);

	return buf && !osedu_doc_parse(d, buf, strlen(text), why, sizeof(why));
}

/* "osedu vectors/table 1" with entry LINE replaced (-1: none). */
static char *vec_table(int skip, const char *line)
{
	static const char *const pre[4] = { "el1t_64", "el1h_64", "el0t_64",
					    "el0t_32" };
	static const char *const hk[4] = { "sync", "irq", "fiq", "error" };
	char *t = malloc(4096);
	size_t n;

	n = sprintf(t, "osedu vectors/table 1\ncpu vbar_el1 symbol\n"
		    "0 0xffff800080010800 vectors\n"
		    "1 0x0000000000000000 tramp_vectors\n"
		    "entry_size: 128\noffset source kind handler address\n");
	for (int i = 0; i < 16; i++) {
		if (i == skip) {
			n += sprintf(t + n, "%s", line);
			continue;
		}
		n += sprintf(t + n, "0x%03x %s %s %s_%s 0x%016llx\n", i * 128,
			     osedu_vec_source_name(i / 4),
			     osedu_vec_kind_name(i % 4), pre[i / 4], hk[i % 4],
			     0xffff800080011000ULL + i * 0x100);
	}
	return t;
}

/* vectors/{table,counts,svc} (branch vecview). */
static void test_vectors(void)
{
	static const char *const bad_tables[][2] = {
		{ "9", "0x400 lower_el_aarch64 irq el0t_64_irq 0xffff800080011900\n" },	/* kind */
		{ "8", "0x480 lower_el_aarch64 sync el0t_64_sync 0xffff800080011800\n" },	/* offset */
		{ "8", "0x400 lower_el_aarch32 sync el0t_64_sync 0xffff800080011800\n" },	/* source */
		{ "8", "0x400 lower_el_aarch64 sync el0t_64_sync\n" },			/* no address */
		{ "8", "0x400 lower_el_aarch64 sync el0t_64_sync 0x1 x\n" },		/* extra, short */
		{ "8", "0x400 lower_el_aarch64 sync el0t_64_sync 0xffff800080011800 x\n" },
		{ "8", "0x400 lower_el_aarch64 sync el0t_64_sync 0xffff80008001180g\n" },
		{ "8", "" },								/* 15 entries */
	};
	struct osedu_vectors t;
	struct osedu_vec_counts c;
	struct osedu_vec_svc s;
	struct osedu_doc d;
	char why[160], *text;

	CHECK(!strcmp(osedu_vec_source_name(2), "lower_el_aarch64") &&
	      !osedu_vec_source_name(4) && !strcmp(osedu_vec_kind_name(3), "serror") &&
	      !osedu_vec_kind_name(4));
	text = vec_table(-1, NULL);
	CHECK(doc(&d, text));
	CHECK(!osedu_vectors_parse(&t, &d, why, sizeof(why)));
	CHECK(t.ncpu == 2 && t.cpu[0].vbar == 0xffff800080010800ULL &&
	      !strcmp(t.cpu[1].symbol, "tramp_vectors") && !t.cpu[1].vbar);
	CHECK(t.nentry == 16 && t.entry_size == 128);
	CHECK(t.entry[8].offset == 0x400 && !strcmp(t.entry[8].handler, "el0t_64_sync") &&
	      t.entry[8].address == 0xffff800080011800ULL);
	CHECK(!strcmp(t.entry[15].handler, "el0t_32_error"));
	osedu_vectors_free(&t);
	osedu_doc_free(&d);
	free(text);
	/* A hidden reader's "?" and 0. */
	text = vec_table(5, "0x280 current_el_spx irq ? 0x0000000000000000\n");
	CHECK(doc(&d, text));
	CHECK(!osedu_vectors_parse(&t, &d, why, sizeof(why)));
	CHECK(!strcmp(t.entry[5].handler, "?") && !t.entry[5].address);
	osedu_vectors_free(&t);
	osedu_doc_free(&d);
	free(text);
	for (size_t i = 0; i < ARRAY_SIZE(bad_tables); i++) {
		text = vec_table(atoi(bad_tables[i][0]), bad_tables[i][1]);
		CHECK(doc(&d, text));
		CHECK(osedu_vectors_parse(&t, &d, why, sizeof(why)));
		CHECK(!t.cpu && !t.nentry);
		osedu_doc_free(&d);
		free(text);
	}
	/* A read cut short inside the last entry. */
	text = vec_table(15, "0x780 lower_el_aarch32 ser");
	CHECK(doc(&d, text));
	CHECK(osedu_vectors_parse(&t, &d, why, sizeof(why)));
	CHECK(strstr(why, "line 22: malformed entry") && strstr(why, "(truncated?)"));
	osedu_doc_free(&d);
	free(text);
	/* No CPU rows, a foreign view, another entry size, CPUs out of order. */
	CHECK(doc(&d, "osedu vectors/table 1\ncpu vbar_el1 symbol\nentry_size: 128\n"));
	CHECK(osedu_vectors_parse(&t, &d, why, sizeof(why)));
	CHECK(strstr(why, "truncated"));
	osedu_doc_free(&d);
	CHECK(doc(&d, "osedu idt/table 1\nentry_size: 128\n"));
	CHECK(osedu_vectors_parse(&t, &d, why, sizeof(why)));
	CHECK(strstr(why, "idt/table"));
	osedu_doc_free(&d);
	CHECK(doc(&d, "osedu vectors/table 1\nentry_size: 0x100\n"));
	CHECK(osedu_vectors_parse(&t, &d, why, sizeof(why)));
	osedu_doc_free(&d);
	CHECK(doc(&d, "osedu vectors/table 1\ncpu vbar_el1 symbol\n1 0xffff800080010800 vectors\n0 0xffff800080010800 vectors\nentry_size: 128\n"));
	CHECK(osedu_vectors_parse(&t, &d, why, sizeof(why)));
	CHECK(strstr(why, "line 4: CPU 0 out of order"));
	osedu_doc_free(&d);

	/* counts: the documented example, a name with a blank. */
	CHECK(doc(&d, "osedu vectors/counts 1\nonline_cpus: 2\ncpu page_faults\n0 876\n1 945\n"
		  "irq hwirq kind cpu0 cpu1 name\n1 0 sgi 92 97 IPI\n11 27 ppi 1689 1717 arch_timer\n"
		  "13 33 spi 0 0 uart-pl011\n40 8192 lpi 1 2 nvme q\n"));
	CHECK(!osedu_vec_counts_parse(&c, &d, why, sizeof(why)));
	CHECK(c.online_cpus == 2 && c.ncpu == 2 && c.faults_total == 1821 &&
	      c.cpu[1] == 1 && c.faults[1] == 945);
	CHECK(c.nirq == 4 && c.irq_cpus == 2);
	CHECK(c.irq[1].irq == 11 && c.irq[1].hwirq == 27 &&
	      !strcmp(c.irq[1].kind, "ppi") && c.irq[1].total == 3406 &&
	      c.irq_count[1 * 2 + 1] == 1717);
	CHECK(!strcmp(c.irq[3].name, "nvme q") && c.irq[3].total == 3);
	CHECK(osedu_vec_irq_named(&c, "arch_timer") == &c.irq[1] &&
	      !osedu_vec_irq_named(&c, "arch"));
	osedu_vec_counts_free(&c);
	osedu_doc_free(&d);
	{
		static const char *const bad_counts[] = {
			/* no IRQ table (truncated) */
			"osedu vectors/counts 1\nonline_cpus: 2\ncpu page_faults\n0 1\n1 2\n",
			/* header's CPUs differ from the rows' */
			"osedu vectors/counts 1\nonline_cpus: 2\ncpu page_faults\n0 1\n1 2\nirq hwirq kind cpu0 cpu2 name\n",
			/* a count missing: the name taken for one */
			"osedu vectors/counts 1\nonline_cpus: 2\ncpu page_faults\n0 1\n1 2\nirq hwirq kind cpu0 cpu1 name\n1 0 sgi 5 IPI\n",
			/* no name */
			"osedu vectors/counts 1\nonline_cpus: 2\ncpu page_faults\n0 1\n1 2\nirq hwirq kind cpu0 cpu1 name\n1 0 sgi 5 6\n",
			/* unknown kind */
			"osedu vectors/counts 1\nonline_cpus: 1\ncpu page_faults\n0 1\nirq hwirq kind cpu0 name\n1 0 xyz 5 IPI\n",
			/* negative count */
			"osedu vectors/counts 1\nonline_cpus: 1\ncpu page_faults\n0 -1\nirq hwirq kind cpu0 name\n",
			/* no online_cpus */
			"osedu vectors/counts 1\ncpu page_faults\n0 1\nirq hwirq kind cpu0 name\n",
			/* IRQ table first */
			"osedu vectors/counts 1\nonline_cpus: 1\nirq hwirq kind cpu0 name\n",
			/* a name too long */
			"osedu vectors/counts 1\nonline_cpus: 1\ncpu page_faults\n0 1\nirq hwirq kind cpu0 name\n1 0 sgi 5 0123456789012345678901234567890123\n",
		};

		for (size_t i = 0; i < ARRAY_SIZE(bad_counts); i++) {
			CHECK(doc(&d, bad_counts[i]));
			CHECK(osedu_vec_counts_parse(&c, &d, why, sizeof(why)));
			CHECK(!c.irq && !c.cpu && !c.nirq);
			osedu_doc_free(&d);
		}
	}

	/* svc: stopped (the rows add up), counting (they need not). */
	CHECK(doc(&d, "osedu vectors/svc 1\nstate: stopped\ntarget: 123\naarch64: 1003\naarch32: 0\n"
		  "abi nr count\naarch64 63 1\naarch64 94 2\naarch64 172 1000\n"));
	CHECK(!osedu_vec_svc_parse(&s, &d, why, sizeof(why)));
	CHECK(!s.counting && !strcmp(s.target, "123") && s.aarch64 == 1003 &&
	      s.nrow == 3 && s.row[2].nr == 172 && s.row[2].count == 1000 &&
	      s.row[2].abi == 0);
	osedu_vec_svc_free(&s);
	osedu_doc_free(&d);
	CHECK(doc(&d, "osedu vectors/svc 1\nstate: counting\ntarget: all\naarch64: 9\naarch32: 4\n"
		  "abi nr count\naarch64 63 1\naarch32 other 3\n"));
	CHECK(!osedu_vec_svc_parse(&s, &d, why, sizeof(why)));
	CHECK(s.counting && s.nrow == 2 && s.row[1].abi == 1 && s.row[1].nr == -1);
	osedu_vec_svc_free(&s);
	osedu_doc_free(&d);
	{
		static const char *const bad_svc[] = {
			"osedu vectors/svc 1\nstate: stopped\ntarget: all\naarch64: 5\naarch32: 0\nabi nr count\naarch64 63 1\n",
			"osedu vectors/svc 1\nstate: paused\ntarget: all\naarch64: 0\naarch32: 0\nabi nr count\n",
			"osedu vectors/svc 1\nstate: stopped\ntarget: all\naarch64: 0\nabi nr count\n",
			"osedu vectors/svc 1\nstate: stopped\ntarget: all\naarch64: 1\naarch32: 0\nabi nr count\nx86 1 1\n",
			"osedu vectors/svc 1\nstate: stopped\ntarget: all\naarch64: 1\naarch32: 0\nabi nr count\naarch64 1024 1\n",
			"osedu vectors/svc 1\nstate: stopped\ntarget: all\naarch64: 0\naarch32: 0\nabi nr count\naarch64 1 0\n",
			"osedu vectors/svc 1\nstate: stopped\ntarget: all\naarch64: 1\naarch32: 0\nabi nr count\naarch64 1 1 1\n",
			"osedu vectors/svc 1\nstate: stopped\ntarget: all\naarch64: 0\naarch32: 0\n",
		};

		for (size_t i = 0; i < ARRAY_SIZE(bad_svc); i++) {
			CHECK(doc(&d, bad_svc[i]));
			CHECK(osedu_vec_svc_parse(&s, &d, why, sizeof(why)));
			CHECK(!s.row && !s.nrow);
			osedu_doc_free(&d);
		}
	}
}

/*
 * osedu_task_asleep() on real children: one blocked in read(2) on a pipe
 * is asleep (S, off its CPU); one spinning never is.
 */
static void test_asleep(void)
{
	pid_t reader, spinner;
	int fds[2];
	char c;

	CHECK(pipe(fds) == 0);
	reader = fork();
	if (reader == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
	}
	close(fds[0]);
	spinner = fork();
	if (spinner == 0)
		for (;;)
			;
	CHECK(reader > 0 && spinner > 0);
	CHECK(osedu_wait_asleep(reader, reader, 'S', 10000));
	CHECK(!osedu_task_asleep(reader, reader, 'D'));
	CHECK(!osedu_wait_asleep(spinner, spinner, 'S', 200));
	CHECK(!osedu_task_asleep(getpid() + 1000000, 1, 'S'));
	CHECK(write(fds[1], "x", 1) == 1);
	close(fds[1]);
	CHECK(osedu_reap(reader) == 0);
	kill(spinner, SIGKILL);
	waitpid(spinner, NULL, 0);
}

int main(void)
{
	test_files();
	test_ipc();
	test_shm_join();
	test_events();
	test_trace();
	test_kv_doc();
	test_vfs();
	test_vfs_inodes();
	test_pwq();
	test_vectors();
	test_asleep();
	/* vm/check counts this line: "NAME: N passed, N failed". */
	printf("lib-test: %d passed, %d failed\n", checks - failures,
	       failures);
	return failures ? 1 : 0;
}
