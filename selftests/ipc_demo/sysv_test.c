// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/ipc/sysv against /proc/sysvipc/{shm,msg,sem} and what the
 * test itself created, in an IPC namespace of its own (so the totals are
 * exactly the test's): every object listed once with its key, id, mode
 * and owner; the namespace totals; a removed object gone; the slot and
 * sequence number that make up an id.
 */
#include <sched.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "../kselftest_harness.h"
#include "ipc_util.h"

static char *read_sysv(void)
{
	return osedu_read_all(IPC_SYSV, IPC_MAX, NULL);
}

/* The rows of @text of @type, into @o (at most @max); their number. */
static int rows(const char *text, const char *type, struct osedu_sysv *o,
		int max, int *bad)
{
	const char *p;
	int n = 0, nline = 0;

	osedu_for_each_line(p, text) {
		char line[512];
		struct osedu_sysv r;
		size_t len = strcspn(p, "\n");

		/* The header, the totals and the column names. */
		if (nline++ < 1 || !strncmp(p, "type ", 5) ||
		    strchr(one_line(p, line), ':'))
			continue;
		if (!osedu_sysv_parse(p, len, &r)) {
			(*bad)++;
			continue;
		}
		if (!strcmp(r.type, type) && n < max)
			o[n++] = r;
	}
	return n;
}

/* Does /proc/sysvipc/@file list @key with @id and @mode (perms)? */
static bool in_sysvipc(const char *file, int key, int id, unsigned int mode)
{
	char path[64], *text;
	const char *p;
	bool found = false;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", file);
	text = osedu_read_all(path, 1 << 22, NULL);
	if (!text)
		return false;
	osedu_for_each_line(p, text) {
		char line[512];
		int k, i;
		unsigned int m;

		if (sscanf(one_line(p, line), "%d %d %o", &k, &i, &m) == 3 && k == key &&
		    i == id && m == (mode & 0777))
			found = true;
	}
	free(text);
	return found;
}

TEST(objects_and_totals_against_sysvipc)
{
	struct { long mtype; char text[100]; } msg = { 1, "hello" };
	struct osedu_sysv o[8];
	int shm, mq, sem, bad = 0, n, i;
	char *text;
	void *mem;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, unshare(CLONE_NEWIPC));
	shm = shmget(0x1000, 3 * getpagesize(), IPC_CREAT | 0640);
	mq = msgget(0x2000, IPC_CREAT | 0600);
	sem = semget(0x3000, 4, IPC_CREAT | 0604);
	ASSERT_LE(0, shm);
	ASSERT_LE(0, mq);
	ASSERT_LE(0, sem);
	ASSERT_EQ(0, msgsnd(mq, &msg, sizeof(msg.text), 0));
	ASSERT_EQ(0, msgsnd(mq, &msg, 10, 0));
	mem = shmat(shm, NULL, 0);
	ASSERT_NE((void *)-1, mem);

	text = read_sysv();
	ASSERT_NE(NULL, text);
	ASSERT_TRUE(osedu_is_header(text, "ipc-sysv"));
	EXPECT_EQ(1, osedu_kv_ll(text, "shm_ids"));
	EXPECT_EQ(1, osedu_kv_ll(text, "msg_ids"));
	EXPECT_EQ(1, osedu_kv_ll(text, "sem_ids"));
	EXPECT_EQ(4, osedu_kv_ll(text, "sems_used"));
	EXPECT_EQ(110, osedu_kv_ll(text, "msg_bytes"));
	EXPECT_EQ(2, osedu_kv_ll(text, "msg_queued"));
	EXPECT_EQ(3, osedu_kv_ll(text, "shm_pages"));

	n = rows(text, "shm", o, 8, &bad);
	ASSERT_EQ(1, n);
	EXPECT_EQ(shm, o[0].id);
	EXPECT_EQ(0x1000u, o[0].key);
	EXPECT_EQ(0640u, o[0].mode & 0777);
	EXPECT_EQ(getuid(), o[0].uid);
	EXPECT_TRUE(in_sysvipc("shm", o[0].key, o[0].id, o[0].mode));
	n = rows(text, "msg", o, 8, &bad);
	ASSERT_EQ(1, n);
	EXPECT_EQ(mq, o[0].id);
	EXPECT_TRUE(in_sysvipc("msg", o[0].key, o[0].id, o[0].mode));
	n = rows(text, "sem", o, 8, &bad);
	ASSERT_EQ(1, n);
	EXPECT_EQ(sem, o[0].id);
	EXPECT_TRUE(in_sysvipc("sem", o[0].key, o[0].id, o[0].mode));
	EXPECT_EQ(0, bad);
	free(text);

	/*
	 * Removed: gone from both. Slots are allocated cyclically, so the
	 * next object takes the next slot; its id is slot + seq * IPCMNI
	 * (32768 unless booted with ipcmni_extend).
	 */
	ASSERT_EQ(0, msgctl(mq, IPC_RMID, NULL));
	i = msgget(0x2001, IPC_CREAT | 0600);
	ASSERT_LE(0, i);
	EXPECT_NE(mq, i);
	text = read_sysv();
	ASSERT_NE(NULL, text);
	n = rows(text, "msg", o, 8, &bad);
	ASSERT_EQ(1, n);
	EXPECT_EQ(i, o[0].id);
	EXPECT_EQ(0x2001u, o[0].key);
	EXPECT_FALSE(in_sysvipc("msg", 0x2000, mq, 0600));
	TH_LOG("msg id %d -> %d: slot %d seq %llu", mq, i, o[0].slot,
	       o[0].seq);
	EXPECT_EQ(1, o[0].slot);
	EXPECT_EQ((unsigned long long)i, o[0].slot + o[0].seq * 32768ULL);
	free(text);
	shmdt(mem);
}

TEST(many_objects_and_tiny_reads)
{
	int ids[300], i, fd, bad = 0;
	struct osedu_sysv o[300];
	char *whole, *bytes;
	size_t len = 0, cap = 1 << 20;
	ssize_t n;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, unshare(CLONE_NEWIPC));
	for (i = 0; i < 300; i++) {
		ids[i] = i % 2 ? msgget(IPC_PRIVATE, 0600) :
				 semget(IPC_PRIVATE, 1, 0600);
		ASSERT_LE(0, ids[i]);
	}
	whole = read_sysv();
	ASSERT_NE(NULL, whole);
	EXPECT_EQ(150, rows(whole, "msg", o, 300, &bad));
	EXPECT_EQ(150, rows(whole, "sem", o, 300, &bad));
	EXPECT_EQ(0, bad);
	/* Read one byte at a time: the same text, each row once. */
	bytes = malloc(cap);
	ASSERT_NE(NULL, bytes);
	fd = open(IPC_SYSV, O_RDONLY);
	ASSERT_LE(0, fd);
	while (len < cap - 1 && (n = read(fd, bytes + len, 1)) > 0)
		len += n;
	bytes[len] = '\0';
	close(fd);
	EXPECT_STREQ(whole, bytes);
	free(bytes);
	free(whole);
}

TEST(bad_writes_are_refused)
{
	int fd;

	ASSERT_EQ(0, ipc_load());
	fd = open(IPC_SYSV, O_WRONLY);
	if (fd >= 0) {
		EXPECT_GT(0, write(fd, "garbage\n", 8));
		close(fd);
	}
	fd = open(IPC_WAITS, O_WRONLY);
	if (fd >= 0) {
		EXPECT_GT(0, write(fd, "1 2 3\n", 6));
		close(fd);
	}
	/* lseek back and read again: the same header line. */
	fd = open(IPC_SYSV, O_RDONLY);
	ASSERT_LE(0, fd);
	{
		char a[64] = "", b[64] = "";

		ASSERT_LT(0, read(fd, a, sizeof(a) - 1));
		ASSERT_EQ(0, lseek(fd, 0, SEEK_SET));
		ASSERT_LT(0, read(fd, b, sizeof(b) - 1));
		EXPECT_STREQ(a, b);
	}
	close(fd);
}

TEST_HARNESS_MAIN
