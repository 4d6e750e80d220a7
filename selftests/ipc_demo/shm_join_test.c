// SPDX-License-Identifier: GPL-2.0
/*
 * Who maps a SysV segment: libosedu joins every process's ipc/<pid>
 * "shm:" blocks (osedu_shm_maps(), osedu_shm_sharers()) within one IPC
 * namespace. Oracles: /proc/sysvipc/shm's nattch (every attachment,
 * nobody named), the pids the test itself made attach, /proc/<pid>/ns/ipc.
 * A process in another IPC namespace whose segment has the same id is
 * not counted; an unprivileged reader names none of root's processes and
 * says how many views it could not read.
 */
#include <sched.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"
#include "ipc_util.h"

/* nattch of ID in our namespace's /proc/sysvipc/shm, or -1. */
static long long nattch(int id)
{
	char *text = osedu_read_all("/proc/sysvipc/shm", IPC_MAX, NULL);
	struct osedu_sysvipc_shm *rows;
	long long ret = -1;
	size_t n;

	if (!text)
		return -1;
	if (osedu_sysvipc_shm_parse(text, &rows, &n) >= 0) {
		for (size_t i = 0; i < n; i++)
			if (rows[i].shmid == id)
				ret = rows[i].nattch;
		free(rows);
	}
	free(text);
	return ret;
}

static unsigned int ns_ipc(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", pid);
	return stat(path, &st) ? 0 : st.st_ino;
}

/* A child that attaches ID (in a new IPC namespace: its own segment). */
static pid_t attacher(int id, bool own_ns, int ready)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (own_ns) {
			if (unshare(CLONE_NEWIPC))
				_exit(1);
			id = shmget(IPC_PRIVATE, 4096, 0600);
		}
		if (id < 0 || shmat(id, NULL, 0) == (void *)-1)
			_exit(2);
		if (write(ready, &id, sizeof(id)) != sizeof(id))
			_exit(3);
		for (;;)
			pause();
	}
	return pid;
}

static bool has(const int *pids, size_t n, pid_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

TEST(sharers_named_and_counted_against_nattch)
{
	struct osedu_shm_map *maps;
	size_t n, unread, np, att;
	int id, other_id, fds[2], pids[8], status;
	pid_t a, b, me = getpid(), reader;
	unsigned int myns;
	void *m1, *m2;

	ASSERT_EQ(0, ipc_load());
	/* Our own namespace: its first segment's id is predictable. */
	ASSERT_EQ(0, unshare(CLONE_NEWIPC));
	id = shmget(IPC_PRIVATE, 2 * 4096, 0600);
	ASSERT_LE(0, id);
	ASSERT_EQ(0, pipe(fds));
	/*
	 * The children first: fork() copies attachments, and one copied
	 * into b would stay the old namespace's segment while b's ns_ipc
	 * names its new one (the join cannot tell; docs/proc-format.md).
	 */
	a = attacher(id, false, fds[1]);
	ASSERT_LT(0, a);
	ASSERT_EQ(sizeof(int), read(fds[0], &other_id, sizeof(int)));
	b = attacher(id, true, fds[1]);
	ASSERT_LT(0, b);
	ASSERT_EQ(sizeof(int), read(fds[0], &other_id, sizeof(int)));
	/* Attached twice here: two VMAs, both counted by nattch. */
	m1 = shmat(id, NULL, 0);
	m2 = shmat(id, NULL, SHM_RDONLY);
	ASSERT_NE((void *)-1, m1);
	ASSERT_NE((void *)-1, m2);
	TH_LOG("segment %d here; %d in %d's own namespace", id, other_id, b);
	myns = ns_ipc(me);
	ASSERT_NE(0, myns);
	ASSERT_NE(myns, ns_ipc(b));
	/* Core makes a new process's entry after the fork, not at it. */
	for (int i = 0; i < 2; i++) {
		char path[64];

		snprintf(path, sizeof(path), IPC_DIR "/%d", i ? b : a);
		ASSERT_LE(0, osedu_wait_path(path, true, 20000));
	}

	ASSERT_EQ(0, osedu_shm_maps(OSEDU_ROOT, &maps, &n, &unread));
	np = osedu_shm_sharers(maps, n, myns, id, pids,
			       ARRAY_SIZE(pids), &att);
	EXPECT_EQ(0, unread);
	EXPECT_EQ(2, np);
	EXPECT_TRUE(has(pids, np, me));
	EXPECT_TRUE(has(pids, np, a));
	EXPECT_FALSE(has(pids, np, b));
	EXPECT_EQ(nattch(id), (long long)att);
	EXPECT_EQ(3, att);
	/* b's segment, in its namespace, is its alone. */
	np = osedu_shm_sharers(maps, n, ns_ipc(b), other_id, pids,
			       ARRAY_SIZE(pids), &att);
	EXPECT_EQ(1, np);
	EXPECT_EQ(b, pids[0]);
	EXPECT_EQ(1, att);
	free(maps);

	/* A user sees none of these root processes, and says so. */
	reader = fork();
	ASSERT_LE(0, reader);
	if (reader == 0) {
		/* Not ours to count: fork() gave us the two attachments. */
		if (shmdt(m1) || shmdt(m2) || osedu_drop_privileges())
			_exit(10);
		if (osedu_shm_maps(OSEDU_ROOT, &maps, &n, &unread))
			_exit(11);
		np = osedu_shm_sharers(maps, n, myns, id, pids,
				       ARRAY_SIZE(pids), &att);
		_exit(np == 0 && att == 0 && unread >= 3 ? 0 : 12);
	}
	ASSERT_EQ(reader, waitpid(reader, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	/* Detach one: the join follows nattch down. */
	ASSERT_EQ(0, shmdt(m2));
	ASSERT_EQ(0, osedu_shm_maps(OSEDU_ROOT, &maps, &n, &unread));
	osedu_shm_sharers(maps, n, myns, id, pids, ARRAY_SIZE(pids),
			  &att);
	EXPECT_EQ(2, att);
	EXPECT_EQ(nattch(id), (long long)att);
	free(maps);
	osedu_kill_reap(a);
	osedu_kill_reap(b);
	shmdt(m1);
	shmctl(id, IPC_RMID, NULL);
}

TEST(join_refuses_a_missing_root)
{
	struct osedu_shm_map *maps;
	size_t n, unread;

	EXPECT_EQ(-1, osedu_shm_maps("/nonexistent-osedu", &maps, &n,
				     &unread));
	EXPECT_EQ(0, n);
}

TEST_HARNESS_MAIN
