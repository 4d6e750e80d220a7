/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libosedu: the one user-space reader of the osedu format
 * (docs/proc-format.md). visualize, every lab, every bench and the
 * selftests link it; nothing else reads /proc/osedu files, looks up a
 * "key: value" or parses a sched trace line. Its parsers trust nothing
 * (make fuzz feeds them arbitrary bytes).
 *
 *   file.c         whole-file and stream reading, small writes
 *   doc.c          a document: lines, the first line and its version
 *   kv.c           "key: value" lookups, table columns, numbers
 *   sched_trace.c  one line of the sched trace, a whole trace
 *   kallsyms.c     /proc/kallsyms as an oracle
 *   ipc.c          ipc/<pid> blocks, ipc/waits and ipc/sysv rows
 *   ipc_shm.c      who maps a SysV segment: ipc/<pid> joined with
 *                  /proc/sysvipc/shm
 *   work.c         clocks, workers, reaping, loading modules
 *   lab*.c         the labs' harness and helpers (lab.h)
 */
#ifndef OSEDU_LIB_H
#define OSEDU_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <osedu/format.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define OSEDU_STR_(x)	#x
#define OSEDU_STR(x)	OSEDU_STR_(x)
/* The first line of view VIEW, as a string literal: "osedu VIEW 1". */
#define OSEDU_HEADER(view) "osedu " view " " OSEDU_STR(OSEDU_FORMAT_VERSION)

#define OSEDU_ROOT	"/proc/osedu"
#define OSEDU_DOC_MAX	(64u << 20)	/* no osedu file is near this */

/* ---- file.c ---------------------------------------------------------- */

/*
 * A buffer that a stream is drained into. Past @max bytes the stream is
 * still read to its current end (so a producer's buffers do not
 * overflow) but the rest is dropped and @full set.
 */
struct osedu_buf {
	char *p;		/* NUL-terminated when non-NULL */
	size_t len, cap;
	bool full;
};

/* Read what FD holds now, to end of file; 0, or -1 with errno. */
int osedu_buf_drain(struct osedu_buf *b, int fd, size_t max);
void osedu_buf_free(struct osedu_buf *b);

/*
 * The whole of FD or PATH in a malloc'ed NUL-terminated buffer (procfs
 * files report size 0, so read until end of file); *LENP gets the length
 * if LENP is not NULL. NULL with errno (EFBIG past MAX bytes).
 */
char *osedu_read_fd_all(int fd, size_t max, size_t *lenp);
char *osedu_read_all(const char *path, size_t max, size_t *lenp);
/*
 * A transaction file (pagewalk/query, vfs/blockmap, vfs/inodes): write
 * REQ, then read the whole answer, as osedu_read_all(); NULL with errno.
 */
char *osedu_ask(const char *path, const char *req, size_t max);
/* Into a fixed buffer, from offset 0 (pread); the length, or -errno. */
ssize_t osedu_read_fd(int fd, char *buf, size_t len);
ssize_t osedu_read_file(const char *path, char *buf, size_t len);
/*
 * Write S (or LEN bytes of BUF) to PATH in one write; 0, -EIO if it took
 * fewer bytes, or -errno.
 */
int osedu_write_file(const char *path, const char *s);
int osedu_write_len(const char *path, const void *buf, size_t len);
/*
 * The whole per-process file DIR/PID (DIR/self for PID 0), as
 * osedu_read_all(); for a PID whose entry is missing (ENOENT), retried
 * for up to WAIT_MS, as a process just forked may not have one yet.
 */
char *osedu_read_view(const char *dir, pid_t pid, size_t max, int wait_ms);

/*
 * The message for a /proc/osedu path that is missing because MODULE is
 * not loaded, written into BUF: "PATH is missing: the MODULE module ...".
 */
const char *osedu_not_loaded(char *buf, size_t len, const char *path,
			     const char *module);

/* ---- doc.c ----------------------------------------------------------- */

/*
 * A /proc/osedu document held in memory as lines. Parsing refuses what no
 * module writes: NUL bytes, a missing or foreign first line, a format
 * version other than OSEDU_FORMAT_VERSION.
 */
struct osedu_doc {
	char *buf;
	char **lines;		/* lines[0] is the "osedu <view> <ver>" line */
	size_t nlines;
	char view[64];		/* the <view> of the first line */
};

/*
 * Take BUF (malloc'ed, LEN + 1 bytes) and split it; 0, or -1 with the
 * reason written into WHY (BUF is freed either way by osedu_doc_free).
 */
int osedu_doc_parse(struct osedu_doc *d, char *buf, size_t len, char *why,
		    size_t whylen);
void osedu_doc_free(struct osedu_doc *d);
/* The value of the first "key: value" line after the first, or NULL. */
const char *osedu_doc_get(const struct osedu_doc *d, const char *key);
/* Is LINE (up to a newline or NUL) the first line of VIEW, this version? */
bool osedu_is_header(const char *line, const char *view);

/* ---- kv.c ------------------------------------------------------------ */

/*
 * The value of the first line "KEY:" of TEXT: what follows the colon and
 * any blanks, up to the end of the line (*VLEN bytes). NULL if absent.
 * Also serves the kernel's own "Key:\tvalue" files (/proc/PID/status).
 */
const char *osedu_kv_find(const char *text, const char *key, size_t *vlen);
/* Copy the value into OUT (truncated to LEN - 1 bytes); false if absent. */
bool osedu_kv(const char *text, const char *key, char *out, size_t len);
/* The value as a number (decimal or 0x hex), or DEF if absent. */
long long osedu_kv_num(const char *text, const char *key, long long def);
/* The same with -1 if absent; unsigned (an address, say) with 0. */
long long osedu_kv_ll(const char *text, const char *key);
unsigned long long osedu_kv_ull(const char *text, const char *key);

/* Split a table row into at most 64 blank-separated columns, in a copy. */
struct osedu_cols {
	char *buf;
	char *col[64];
	int n;
};
int osedu_split(struct osedu_cols *c, const char *line);
void osedu_cols_free(struct osedu_cols *c);
/* strtoull/strtoll of a whole column; false if it is not a number. */
bool osedu_u64(const char *s, uint64_t *out);
bool osedu_s64(const char *s, int64_t *out);
/*
 * The N bytes at S as a decimal number without sign, at most MAX (or
 * UINT64_MAX): false for anything else, an empty field included.
 */
bool osedu_parse_int(const char *s, size_t n, int *out, int max);
bool osedu_parse_u64(const char *s, size_t n, uint64_t *out);
/* The line after the one P is in, or NULL after the last. */
const char *osedu_next_line(const char *p);
#define osedu_for_each_line(p, text) \
	for ((p) = (text); (p) && *(p); (p) = osedu_next_line(p))

/* ---- sched_trace.c --------------------------------------------------- */

#define OSEDU_COMM_MAX		16	/* TASK_COMM_LEN: 15 bytes and NUL */
#define OSEDU_MAX_CPUS		1024	/* a line naming a higher CPU is bad */
#define OSEDU_SCHED_HEADER	OSEDU_HEADER("sched-trace")

enum osedu_ev_type { OSEDU_EV_SWITCH, OSEDU_EV_WAKEUP, OSEDU_EV_WAKEUP_NEW,
		     OSEDU_EV_FORK, OSEDU_EV_EXIT, OSEDU_EV_MIGRATE,
		     OSEDU_EV_LOST, OSEDU_EV_NR };

/* One line of the sched trace (docs/proc-format.md, sched/trace). */
struct osedu_ev {
	uint64_t ts;
	uint64_t count;		/* lost: events dropped */
	size_t seq;		/* position in the stream: ties keep order */
	int cpu;		/* the CPU that recorded the event */
	int type;		/* enum osedu_ev_type */
	int tid, tid2;		/* switch prev/next, fork parent/child, task */
	int cpu1, cpu2;		/* migrate from/to; wakeup: target CPU */
	char state[3];		/* switch: prev_state */
	char comm[OSEDU_COMM_MAX];
	char comm2[OSEDU_COMM_MAX];
};

/*
 * Parse LEN bytes of one line (no newline). A comm may hold anything the
 * kernel allows, spaces and " => " included, or be empty.
 */
bool osedu_ev_parse(const char *line, size_t len, struct osedu_ev *e);
const char *osedu_ev_name(int type);	/* "switch", ...; "?" if unknown */
int osedu_ev_cmp(const void *a, const void *b);	/* by ts, then seq */

/* A trace read as a whole: its events, sorted by osedu_ev_sort. */
struct osedu_trace {
	struct osedu_ev *ev;	/* lost lines included, as events */
	size_t n, cap;
	size_t bad;		/* malformed lines */
	uint64_t lost;		/* events the producer dropped (saturating) */
	size_t lost_lines;
};

/*
 * Parse every line of TEXT (LEN bytes; the header and empty lines are
 * skipped) and append the events. Malformed lines are counted in t->bad
 * and, if BAD is not NULL, the first is pointed to by *BAD (NUL-
 * terminated there: TEXT is modified). 0, or -1 when out of memory.
 */
int osedu_trace_add(struct osedu_trace *t, char *text, size_t len,
		    const char **bad);
/*
 * Order the events by time. Each read of the trace merges the CPUs in
 * time order, but an event published late can follow a later one from
 * another CPU across two reads.
 */
void osedu_trace_sort(struct osedu_trace *t);
void osedu_trace_free(struct osedu_trace *t);

/* ---- work.c: workers, clocks, processes, modules ------------------- */

long long osedu_now_ns(void);		/* CLOCK_MONOTONIC */
long long osedu_cpu_ns(void);		/* this thread's CPU time */
void osedu_spin_wall_us(long us);	/* busy for US of wall-clock time */
void osedu_spin_cpu_ms(long ms);	/* busy until MS of CPU time used */
int osedu_pin(int cpu);			/* this thread to CPU; 0 or -1 */
/*
 * The CPU the workers share, and not the one the lab watches from when
 * there are two: a runaway real-time worker never takes the lab's CPU.
 */
int osedu_worker_cpu(void);
void osedu_read_byte(int fd);		/* one byte, retried on EINTR */
void osedu_write_byte(int fd);
/* Reap PID; its exit status, or -1 if it did not exit normally. */
int osedu_reap(pid_t pid);
/*
 * Whether thread TID of PID sleeps in STATE ('S', 'D') off its CPU, its
 * wchan and saved registers in place; a letter alone is not enough
 * (work.c). The wait gives up after TIMEOUT_MS.
 */
bool osedu_task_asleep(pid_t pid, pid_t tid, char state);
bool osedu_wait_asleep(pid_t pid, pid_t tid, char state, int timeout_ms);
/* Where the VM installs the modules, and the test-only ones. */
#define OSEDU_MODDIR		"/lib/modules/osedu"
#define OSEDU_TEST_MODDIR	OSEDU_MODDIR "/test"

/* finit_module /lib/modules/osedu[/test]/NAME.ko; 0 if in already. */
int osedu_load(const char *name);
int osedu_unload(const char *name);
bool osedu_module_loaded(const char *name);

/* ---- kallsyms.c ------------------------------------------------------ */

/* Is a symbol NAME at exactly ADDR in /proc/kallsyms? */
bool osedu_kallsyms_has(unsigned long long addr, const char *name);
/* The address of the first symbol NAME in /proc/kallsyms, or 0. */
unsigned long long osedu_kallsyms_addr(const char *name);

/* ---- ipc.c: /proc/osedu/ipc (docs/proc-format.md, ipc_demo) -------- */

/*
 * The block of an ipc/<pid> document that begins with the line
 * "KIND: VALUE" ("fd: 3", "thread: 1234", "shm: 0x7f..."); VALUE NULL
 * takes the first block of that kind. A malloc'ed NUL-terminated copy
 * (look keys up in it with osedu_kv*), or NULL.
 */
char *osedu_ipc_block(const char *text, const char *kind, const char *value);
/* How many blocks of TEXT begin with "KIND:". */
size_t osedu_ipc_count(const char *text, const char *kind);

/* One row of ipc/waits. */
struct osedu_wait {
	int tid, pid;
	char state;
	char syscall[32];
	long nr;		/* -1: not in a system call */
	char kind[16];
	char object[128];
	int holder;		/* 0 for "-", -1 for an OFD lock ("ofd") */
	char detail[512];
	unsigned long long args[6];
	char comm[OSEDU_COMM_MAX];
};

/* Parse LEN bytes of one row (no newline); false if malformed. */
bool osedu_wait_parse(const char *line, size_t len, struct osedu_wait *w);
/* The value of KEY in a detail column "k=v,k=v" into OUT; false if absent. */
bool osedu_wait_detail(const struct osedu_wait *w, const char *key,
		       char *out, size_t len);

/*
 * The wait-for graph of N rows: NEXT[i] is the row row i waits for (the
 * row of its holder thread, else the first row of its holder process),
 * or -1; CYCLE[i] the number (1..) of the cycle row i is on, or 0. Every
 * row has at most one successor, so each cycle is found once. Returns
 * the number of cycles: deadlocks.
 */
int osedu_wait_graph(const struct osedu_wait *w, size_t n, int *next,
		     int *cycle);
/*
 * Every row of ipc/waits TEXT into *ROWS (malloc'ed, *N of them); the
 * number of malformed rows, or -1 when out of memory.
 */
int osedu_waits_parse(const char *text, struct osedu_wait **rows, size_t *n);

/* One row of ipc/sysv. */
struct osedu_sysv {
	char type[4];		/* "sem", "msg", "shm" */
	int id;
	unsigned int key, mode, uid, gid, cuid, cgid;
	int slot;
	unsigned long long seq;
	int deleted;
};

bool osedu_sysv_parse(const char *line, size_t len, struct osedu_sysv *o);

/* ---- ipc_shm.c: who maps a SysV segment (branch ipc) ---------------- */

/*
 * One row of the kernel's own /proc/sysvipc/shm (not an osedu file: the
 * count the tools join with ipc/<pid>'s "shm:" blocks).
 */
struct osedu_sysvipc_shm {
	unsigned int key;
	int shmid;
	unsigned long long size;
	int cpid, lpid;		/* creator, last shmat/shmdt */
	unsigned long long nattch;	/* attachments (VMAs) in all */
	unsigned int uid;
	unsigned long long rss, swap;	/* bytes */
};

/*
 * Every row of /proc/sysvipc/shm TEXT into *ROWS (malloc'ed, *N); the
 * number of malformed rows, or -1 when out of memory.
 */
int osedu_sysvipc_shm_parse(const char *text, struct osedu_sysvipc_shm **rows,
			    size_t *n);

/* One attachment: a "shm:" block of ipc/<pid>, with its process. */
struct osedu_shm_map {
	int pid;
	char comm[OSEDU_COMM_MAX];
	unsigned int ns_ipc;	/* the process's IPC namespace */
	int shmid;
	unsigned int key;
	unsigned long long start, end, size, resident_pages;
	bool writable;
};

/*
 * Append the "shm:" blocks of one ipc/<pid> document TEXT to *ROWS (*N
 * of them; start both at NULL and 0); the number of malformed blocks
 * (1 for a document that is not ipc/<pid>), or -1 when out of memory.
 */
int osedu_ipc_shm_parse(const char *text, struct osedu_shm_map **rows,
			size_t *n);
/*
 * The attachments of every process under ROOT/ipc/<pid> (ROOT:
 * /proc/osedu, or a recorded copy). Files the reader may not read count
 * in *UNREAD; processes gone meanwhile do not. In pid order, then
 * address. 0, or -1 with errno.
 */
int osedu_shm_maps(const char *root, struct osedu_shm_map **rows, size_t *n,
		   size_t *unread);
/*
 * The processes among MAPS that attach SHMID of the IPC namespace
 * NS_IPC: their number (up to MAX pids into PIDS, each once), and the
 * attachments counted in *ATTACHES (to compare with nattch).
 */
size_t osedu_shm_sharers(const struct osedu_shm_map *maps, size_t n,
			 unsigned int ns_ipc, int shmid, int *pids,
			 size_t max, size_t *attaches);

/* ---- vfs_inodes.c (branch inodes) ------------------------------------ */

/*
 * /proc/osedu/vfs/inodes (root only): write a superblock's "MAJOR:MINOR",
 * read its in-memory inodes (osedu_blockmap_ask_at() of vfs.h asks it).
 */
#define OSEDU_VFS_INODES	OSEDU_ROOT "/vfs/inodes"

struct osedu_inode_row {
	uint64_t ino, nlink, blocks_512, cache_pages, state_word;
	int64_t size, refs;
	unsigned int mode;		/* st_mode */
	char type[16];
	char state[256];		/* "dirty_pages,referenced" or "-" */
	bool has_path;
	char path[4096];		/* unescaped, from the fs's root */
};

/* Parse a row (not the header); false if it is malformed. */
bool osedu_inode_row_parse(const char *line, struct osedu_inode_row *r);
/* The row of inode INO in the answer TEXT; false if absent. */
bool osedu_inodes_find(const char *text, uint64_t ino,
		       struct osedu_inode_row *r);
/* The rows of TEXT, or -1 if it is not an answer or a row is malformed. */
long osedu_inodes_count(const char *text);
/* Is state NAME ("dirty_pages") among the row's state names? */
bool osedu_inode_state_has(const struct osedu_inode_row *r, const char *name);

/* ---- lru_gen.c (branch arm64fix) ------------------------------------- */

#define OSEDU_LRU_GEN_ENABLED	"/sys/kernel/mm/lru_gen/enabled"

/*
 * Switch the multi-generational LRU on (ON) or off until exit, when the
 * value found at the first call is written back. 1 when done, 0 when the
 * kernel has no MGLRU (nothing changed), -errno if the write failed.
 */
int osedu_lru_gen_use(bool on);

/* ---- pagewalk_query.c (branch membar) -------------------------------- */

/*
 * /proc/osedu/pagewalk/query (docs/proc-format.md): a range answer, one
 * row per page, the page's replacement state in its flags.
 */
#define OSEDU_PWQ_FILE		OSEDU_ROOT "/pagewalk/query"
#define OSEDU_PWQ_MAX_PAGES	65536	/* per request */

/* Page-table words of a row's flags (the architecture's others too). */
enum {
	OSEDU_PWF_RW = 1u << 0, OSEDU_PWF_USER = 1u << 1,
	OSEDU_PWF_ACCESSED = 1u << 2, OSEDU_PWF_DIRTY = 1u << 3,
	OSEDU_PWF_ZERO = 1u << 4, OSEDU_PWF_COW = 1u << 5,
	OSEDU_PWF_ANON = 1u << 6, OSEDU_PWF_FILE = 1u << 7,
};

/* The kernel's replacement words (the table of the query's section). */
enum {
	OSEDU_PWK_LRU = 1u << 0, OSEDU_PWK_ACTIVE = 1u << 1,
	OSEDU_PWK_REFERENCED = 1u << 2, OSEDU_PWK_WORKINGSET = 1u << 3,
	OSEDU_PWK_UNEVICTABLE = 1u << 4, OSEDU_PWK_SWAPBACKED = 1u << 5,
	OSEDU_PWK_SWAPCACHE = 1u << 6, OSEDU_PWK_KSM = 1u << 7,
};

/* One row of a range answer. */
struct osedu_pwq_row {
	uint64_t va;
	uint64_t pfn;		/* the frame; for swap the slot (0 if hidden) */
	char level[8];		/* pte, pmd, pud, or "-" */
	char state[12];		/* present protnone none swap migration other unmapped */
	unsigned int hw;	/* OSEDU_PWF_* */
	unsigned int k;		/* OSEDU_PWK_* */
	bool has_k;		/* the kernel's words are there (mapcount=) */
	int gen;		/* MGLRU generation slot 0-3, or -1 */
	int mapcount;		/* or -1 */
	int swap_type;		/* swap area of a swapped page, -1 if hidden */
	size_t flags_off;	/* where the flags column starts in the line */
};

/*
 * Parse LEN bytes of one row (no newline): the address, five index
 * columns, level, state, pfn, then flags words. Words the format may add
 * later are skipped; false for anything malformed.
 */
bool osedu_pwq_row_parse(const char *line, size_t len,
			 struct osedu_pwq_row *r);
/* The name of bit B of OSEDU_PWK_* ("lru", ...), or NULL. */
const char *osedu_pwk_name(unsigned int b);

/* Rows of one or more range answers, by address, each address once. */
struct osedu_pwq {
	struct osedu_pwq_row *rows;
	size_t n, cap;
	int pid;		/* of the answers' "pid:" lines; 0 if none */
};

/*
 * Append the rows of TEXT: range answers of one process one after the
 * other, each from its "osedu pagewalk-query 1" line (as written to a
 * recorded copy). 0, or -1 with the reason in WHY: a foreign header, a
 * second process, a malformed row or a row outside its answer's range.
 * The rows are sorted again and a repeated address keeps its last row.
 */
int osedu_pwq_parse(struct osedu_pwq *q, const char *text, char *why,
		    size_t whylen);
const struct osedu_pwq_row *osedu_pwq_find(const struct osedu_pwq *q,
					   uint64_t va);
void osedu_pwq_free(struct osedu_pwq *q);
/*
 * Ask query file FILE (OSEDU_PWQ_FILE, or one under another root) about
 * pages [START, END) of PID, at most OSEDU_PWQ_MAX_PAGES: the answer,
 * malloc'ed, or NULL with errno (the write's: ESRCH, EACCES, EINVAL).
 */
char *osedu_pwq_ask_at(const char *file, int pid, uint64_t start,
		       uint64_t end);

/* ---- vectors.c (branch vecview) -------------------------------------- */

/*
 * /proc/osedu/vectors (docs/proc-format.md, "vectors_arm64"): the arm64
 * exception vector table, exception counts and SVC counts. Each parser
 * takes a document osedu_doc_parse() accepted: 0, or -1 with the reason
 * in WHY (a document of another view, a malformed or missing line).
 */
#define OSEDU_VEC_ENTRIES	16	/* 4 sources x 4 kinds */

/* Entry I of the table comes from source I / 4, is of kind I % 4. */
const char *osedu_vec_source_name(unsigned int source); /* "current_el_sp0" */
const char *osedu_vec_kind_name(unsigned int kind);	/* "sync", ... */

struct osedu_vec_cpu {
	unsigned int cpu;
	uint64_t vbar;			/* VBAR_EL1; 0 when hidden */
	char symbol[64];		/* "vectors", a trampoline, or "?" */
};

struct osedu_vec_entry {
	unsigned int offset;		/* from VBAR_EL1 */
	char handler[64];		/* "el0t_64_sync", or "?" */
	uint64_t address;		/* 0 when hidden or none */
};

struct osedu_vectors {
	struct osedu_vec_cpu *cpu;	/* per online CPU, in order */
	size_t ncpu;
	unsigned int entry_size;	/* 128 */
	struct osedu_vec_entry entry[OSEDU_VEC_ENTRIES];
	unsigned int nentry;		/* 16 once parsed */
};

int osedu_vectors_parse(struct osedu_vectors *t, const struct osedu_doc *d,
			char *why, size_t whylen);
void osedu_vectors_free(struct osedu_vectors *t);

/* One row of vectors/counts' IRQ table. */
struct osedu_vec_irq {
	unsigned int irq;
	uint64_t hwirq;			/* as /proc/interrupts: an MSI's is its domain's */
	char kind[8];			/* sgi ppi spi lpi - */
	uint64_t total;			/* over the CPU columns */
	char name[32];
};

struct osedu_vec_counts {
	unsigned int online_cpus;
	unsigned int *cpu;		/* the per-CPU rows' CPUs */
	uint64_t *faults;		/* their page faults */
	size_t ncpu;
	uint64_t faults_total;
	struct osedu_vec_irq *irq;
	size_t nirq;
	size_t irq_cpus;		/* columns: ncpu */
	uint64_t *irq_count;		/* [irq * irq_cpus + column] */
};

int osedu_vec_counts_parse(struct osedu_vec_counts *c,
			   const struct osedu_doc *d, char *why,
			   size_t whylen);
void osedu_vec_counts_free(struct osedu_vec_counts *c);
/* The first IRQ row whose handler is NAME ("arch_timer"), or NULL. */
const struct osedu_vec_irq *osedu_vec_irq_named(const struct osedu_vec_counts *c,
						const char *name);

struct osedu_vec_svc_row {
	int abi;			/* 0 aarch64, 1 aarch32 */
	int nr;				/* -1: "other" (outside 0..1023) */
	uint64_t count;
};

struct osedu_vec_svc {
	bool counting;
	char target[16];		/* "all" or a pid */
	uint64_t aarch64, aarch32;	/* the totals */
	struct osedu_vec_svc_row *row;
	size_t nrow;
};

int osedu_vec_svc_parse(struct osedu_vec_svc *s, const struct osedu_doc *d,
			char *why, size_t whylen);
void osedu_vec_svc_free(struct osedu_vec_svc *s);

#endif /* OSEDU_LIB_H */
