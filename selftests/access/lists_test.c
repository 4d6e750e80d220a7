// SPDX-License-Identifier: GPL-2.0
/*
 * The permission matrix over the system-wide files: each opener of
 * osedu_matrix.h reads them under each kptr_restrict, and what it gets
 * is compared with DESIGN.md's rules written out here:
 *   sched/cpus, ipc/waits  list a root process and a test-user process
 *                          only to an opener that could open them (the
 *                          open rule of osedu_matrix_open_rule())
 *   idt/table              anyone reads it; gate addresses and the IDTR
 *                          base only for CAP_SYS_ADMIN with
 *                          kptr_restrict < 2
 *   sched/trace            CAP_SYS_ADMIN or CAP_PERFMON, mode 0400: root
 *                          without CAP_SYS_ADMIN keeps CAP_PERFMON
 *   vfs/supers, ipc/sysv   anyone
 *   vfs/inodes             mode 0600: only uid 0 opens it (what a request
 *                          then gets: queries_test.c)
 * The oracle for "could open" is the test's own table, not the module.
 */
#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_ns.h"
#include "osedu_matrix.h"

#define BUFSZ		(256 << 10)

/* What a list shows: bit 0 the root process, bit 1 the test user's. */
#define SEES_ROOT	1
#define SEES_USER	2

static pid_t root_proc, user_proc;

struct list {
	const char *file, *header;	/* the file, its table's header */
	const char *pid_fmt;		/* sscanf format giving the pid */
};

/* Which of the two processes' pids the table of L lists. */
static int scan(const struct list *l, const char *buf)
{
	const char *p;
	bool table = false;
	int seen = 0, pid;

	for (p = buf; p && *p; p = osedu_next_line(p)) {
		if (!strncmp(p, l->header, strlen(l->header))) {
			table = true;
			continue;
		}
		if (!table || sscanf(p, l->pid_fmt, &pid) != 1)
			continue;
		if (pid == root_proc)
			seen |= SEES_ROOT;
		if (pid == user_proc)
			seen |= SEES_USER;
	}
	return seen;
}

static int read_list(const char *proc, void *arg)
{
	const struct list *l = arg;
	static char buf[BUFSZ];
	char path[128];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/osedu/%s", proc, l->file);
	n = osedu_read_file(path, buf, sizeof(buf));
	return n < 0 ? (int)n : scan(l, buf);
}

static int list_rule(enum osedu_matrix_opener op)
{
	return (osedu_matrix_open_rule(op, TG_ROOT_PROC) ? 0 : SEES_ROOT) |
	       (osedu_matrix_open_rule(op, TG_USER_PROC) ? 0 : SEES_USER);
}

static void start_procs(struct __test_metadata *_metadata, bool spin)
{
	ASSERT_EQ(0, osedu_matrix_mount_hidepid());
	root_proc = spin ? osedu_spawn_spinner() : osedu_spawn_sleeper();
	ASSERT_LT(0, root_proc);
	user_proc = osedu_matrix_user_proc(spin);
	ASSERT_LT(0, user_proc);
}

static void end_procs(void)
{
	osedu_kill_reap(root_proc);
	osedu_kill_reap(user_proc);
	osedu_matrix_umount_hidepid();
}

static int check_list(struct __test_metadata *_metadata,
		      const struct list *l)
{
	int op, bad = 0;

	for (op = 0; op < OP_N; op++) {
		int want = list_rule(op), got = -1;

		/* A process may be between states once: look again. */
		for (int i = 0; i < 20 && got != want; i++) {
			got = osedu_as_opener(op, read_list, (void *)l);
			if (got != want)
				usleep(50000);
		}
		if (got == want)
			continue;
		bad++;
		TH_LOG("%s read by %s: sees %d, want %d (1 root's, 2 the test user's)",
		       l->file, osedu_opener_names[op], got, want);
	}
	return bad;
}

/* Two spinners are always running or queued: both rows can show. */
TEST(sched_cpus_lists_only_what_the_reader_could_open)
{
	static const struct list l = {
		"sched/cpus", "cpu tid pid role", "%*d %*d %d",
	};

	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	start_procs(_metadata, true);
	EXPECT_EQ(0, check_list(_metadata, &l));
	end_procs();
}

/* Two sleepers in pause(2) are blocked threads: both rows can show. */
TEST(ipc_waits_lists_only_what_the_reader_could_open)
{
	static const struct list l = {
		"ipc/waits", "tid pid state", "%*d %d",
	};

	ASSERT_EQ(0, osedu_load("osedu_ipc_demo"));
	start_procs(_metadata, false);
	EXPECT_EQ(0, check_list(_metadata, &l));
	end_procs();
}

/* Open and read once with read(2): sched/trace is a stream (no pread). */
static int open_result(const char *proc, void *arg)
{
	char path[128], buf[512];
	int fd, res = 0;

	snprintf(path, sizeof(path), "%s/osedu/%s", proc, (const char *)arg);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	if (read(fd, buf, sizeof(buf)) < 0)
		res = -errno;
	close(fd);
	return res;
}

/* Who may open which system-wide file at all. */
TEST(system_files_open_rules)
{
	static const struct {
		const char *file;
		int want[OP_N];
	} files[] = {
		/* root, uid 1000, no SYS_ADMIN, child pidns, hidepid */
		{ "sched/trace", { 0, -EACCES, 0, 0, -EACCES } },
		{ "sched/cpus", { 0, 0, 0, 0, 0 } },
		{ "ipc/waits", { 0, 0, 0, 0, 0 } },
		{ "ipc/sysv", { 0, 0, 0, 0, 0 } },
		{ "vfs/supers", { 0, 0, 0, 0, 0 } },
		/* mode 0600; without a request a read is empty */
		{ "vfs/inodes", { 0, -EACCES, 0, 0, -EACCES } },
#ifdef __x86_64__	/* idt_dump is x86 by nature (not built for arm64) */
		{ "idt/table", { 0, 0, 0, 0, 0 } },
		{ "idt/counts", { 0, 0, 0, 0, 0 } },
		{ "idt/gdt", { 0, 0, 0, 0, 0 } },
		{ "idt/syscall", { 0, 0, 0, 0, 0 } },
#endif
	};
	int bad = 0;

	ASSERT_EQ(0, osedu_load("osedu_sched_viz"));
	ASSERT_EQ(0, osedu_load("osedu_ipc_demo"));
	ASSERT_EQ(0, osedu_load("osedu_vfs_dump"));
#ifdef __x86_64__
	ASSERT_EQ(0, osedu_load("osedu_idt_dump"));
#endif
	ASSERT_EQ(0, osedu_matrix_mount_hidepid());
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		for (int op = 0; op < OP_N; op++) {
			int got = osedu_as_opener(op, open_result,
						  (void *)files[i].file);

			if (got == files[i].want[op])
				continue;
			bad++;
			TH_LOG("%s opened by %s: got %d, want %d",
			       files[i].file, osedu_opener_names[op], got,
			       files[i].want[op]);
		}
	}
	osedu_matrix_umount_hidepid();
	EXPECT_EQ(0, bad);
}

#ifdef __x86_64__
/* 1 if idt/table shows kernel addresses (gate 0x80, the IDTR base). */
static int idt_addresses(const char *proc, void *arg)
{
	static char buf[BUFSZ];
	char path[128], base[64];
	unsigned long long addr = 0;
	const char *p;
	ssize_t n;

	(void)arg;
	snprintf(path, sizeof(path), "%s/osedu/idt/table", proc);
	n = osedu_read_file(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	p = strstr(buf, "\n0x80 ");
	if (!p || !osedu_kv(buf, "cpu0_idtr", base, sizeof(base)))
		return -1000;
	/* The last column of the row is the address. */
	{
		size_t len = strcspn(p + 1, "\n");
		const char *e = p + 1 + len;

		while (e > p && e[-1] != ' ')
			e--;
		addr = strtoull(e, NULL, 16);
	}
	/* Both hidden or both shown: anything else is a bug too. */
	if (!!addr != !!strncmp(base, "base=0x0000000000000000", 23))
		return -1001;
	return addr != 0;
}

TEST(idt_table_addresses_per_opener_and_kptr_restrict)
{
	char old[16];
	int kptr, op, bad = 0;

	ASSERT_EQ(0, osedu_load("osedu_idt_dump"));
	ASSERT_LT(0, osedu_read_file("/proc/sys/kernel/kptr_restrict", old,
				     sizeof(old)));
	ASSERT_EQ(0, osedu_matrix_mount_hidepid());
	for (kptr = 0; kptr <= 2; kptr++) {
		ASSERT_EQ(0, osedu_matrix_kptr(kptr));
		for (op = 0; op < OP_N; op++) {
			int want = op == OP_ROOT && kptr < 2;
			int got = osedu_as_opener(op, idt_addresses, NULL);

			if (got == want)
				continue;
			bad++;
			TH_LOG("idt/table, kptr_restrict %d, read by %s: got %d, want %d",
			       kptr, osedu_opener_names[op], got, want);
		}
	}
	osedu_write_file("/proc/sys/kernel/kptr_restrict", old);
	osedu_matrix_umount_hidepid();
	EXPECT_EQ(0, bad);
}
#endif

TEST_HARNESS_MAIN
