// SPDX-License-Identifier: GPL-2.0
/*
 * pagewalk across exec. The view and the query are bound to the mm they
 * captured (as /proc/<pid>/mem and pagemap are), and the capture is
 * checked in one step with the owner rule, under the target's
 * exec_update_lock. Oracle: the euid the exec'd setuid image reports, and
 * that a file opened before an exec can only show an address space that
 * no longer exists.
 */
#include <poll.h>

#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_exec.h"

#define VIEW		"/proc/osedu/pagewalk"
#define QUERY		VIEW "/query"
#define SUID_PROG	"/tmp/osedu-pagewalk-suid"
#define BUFSZ		65536
#define RING		32
#define ROUNDS		6
#define BIG_MB		192

static void load(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_pagewalk"));
}

/* Does a file opened on the target show a live address space? */
static bool shows_live_mm(int fd, bool query)
{
	static char buf[BUFSZ];
	ssize_t n = osedu_read_fd(fd, buf, sizeof(buf));

	if (n <= 0)
		return false;
	if (query)
		return !strstr(buf, "mm: none");
	return strstr(buf, "\nvmas: ") != NULL;
}

/* A held view after a setuid exec shows no address space. */
TEST(held_view_after_setuid_exec)
{
	struct osedu_target t = { 0 };
	char path[64];
	long rd;
	int fd, q, euid;

	load(_metadata);
	ASSERT_EQ(0, osedu_copy_self(SUID_PROG, 04755));
	ASSERT_EQ(0, osedu_target_spawn(&t, SUID_PROG, 0, NULL, true));
	snprintf(path, sizeof(path), VIEW "/%d", t.pid);
	ASSERT_LE(0, osedu_wait_path(path, true, 2000));
	fd = osedu_open_unpriv(path, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_TRUE(shows_live_mm(fd, false));
	q = osedu_open_unpriv(QUERY, O_RDWR);
	ASSERT_LE(0, q);
	snprintf(path, sizeof(path), "%d 0x1000", t.pid);
	ASSERT_EQ((ssize_t)strlen(path), write(q, path, strlen(path)));
	EXPECT_TRUE(shows_live_mm(q, true));

	ASSERT_EQ(0, osedu_target_exec(&t));
	euid = osedu_target_report(&t, &rd);
	EXPECT_FALSE(shows_live_mm(fd, false));
	EXPECT_FALSE(shows_live_mm(q, true));
	/* A new request is refused: the target is setuid now. */
	snprintf(path, sizeof(path), "%d 0x1000", t.pid);
	if (euid == 0)
		EXPECT_EQ(-1, write(q, path, strlen(path)));
	close(fd);
	close(q);
	osedu_target_end(&t);
	if (euid != 0)
		SKIP(return, "the guest's /tmp ignores the setuid bit");
}

/*
 * One round: a test-user process spins opening the view (and writing
 * query requests) on a target while it execs a setuid program whose old
 * mm is large, keeping its last RING successful files; once the exec is
 * over, none of them may show a live address space: every file opened
 * before the exec is bound to the freed old mm, and every open after it
 * is refused. Returns the number of files that showed the new image's
 * mm, or -1 on a setup failure.
 */
static int race_round(pid_t target, int done_fd)
{
	int view[RING] = { 0 }, query[RING] = { 0 }, nv = 0, nq = 0;
	char path[64], req[64];
	int i, fd, leaks = 0, refused = 0;
	struct pollfd pfd = { .fd = done_fd, .events = POLLIN };

	snprintf(path, sizeof(path), VIEW "/%d", target);
	snprintf(req, sizeof(req), "%d 0x1000", target);
	for (i = 0; i < RING; i++)
		view[i] = query[i] = -1;
	while (refused < 2 || poll(&pfd, 1, 0) == 0) {
		fd = open(path, O_RDONLY);
		if (fd >= 0) {
			if (view[nv % RING] >= 0)
				close(view[nv % RING]);
			view[nv++ % RING] = fd;
		} else if (errno == EACCES) {
			refused++;
		}
		fd = open(QUERY, O_RDWR);
		if (fd < 0)
			return -1;
		if (write(fd, req, strlen(req)) > 0) {
			if (query[nq % RING] >= 0)
				close(query[nq % RING]);
			query[nq++ % RING] = fd;
		} else {
			close(fd);
		}
		if (refused > 1000)
			break;
	}
	for (i = 0; i < RING; i++) {
		if (view[i] >= 0 && shows_live_mm(view[i], false))
			leaks++;
		if (query[i] >= 0 && shows_live_mm(query[i], true))
			leaks++;
	}
	return leaks;
}

FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}

TEST_F_TIMEOUT(slow, open_racing_setuid_exec, 600)
{
	int round, leaks = 0, skipped = 0;

	load(_metadata);
	ASSERT_EQ(0, osedu_copy_self(SUID_PROG, 04755));
	for (round = 0; round < ROUNDS; round++) {
		struct osedu_target t = { 0 };
		int done[2], status, euid;
		pid_t racer;
		long rd;

		ASSERT_EQ(0, osedu_target_spawn(&t, SUID_PROG, BIG_MB, NULL,
						true));
		ASSERT_EQ(0, pipe(done));
		racer = fork();
		ASSERT_LE(0, racer);
		if (racer == 0) {
			int n;

			close(done[1]);
			if (osedu_drop_privileges())
				_exit(255);
			n = race_round(t.pid, done[0]);
			_exit(n < 0 ? 255 : n > 254 ? 254 : n);
		}
		close(done[0]);
		/* Let the racer start spinning, then exec. */
		usleep(20000);
		ASSERT_EQ(0, osedu_target_exec(&t));
		euid = osedu_target_report(&t, &rd);
		/* The racer may be done already (its opens refused). */
		signal(SIGPIPE, SIG_IGN);
		if (write(done[1], "d", 1) != 1)
			TH_LOG("the racer stopped before the exec ended");
		ASSERT_EQ(racer, waitpid(racer, &status, 0));
		close(done[1]);
		osedu_target_end(&t);
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_NE(255, WEXITSTATUS(status));
		if (euid != 0)
			skipped++;
		leaks += WEXITSTATUS(status);
		TH_LOG("round %d: %d files opened before the exec show the setuid image's mm",
		       round, WEXITSTATUS(status));
	}
	if (skipped)
		SKIP(return, "the guest's /tmp ignores the setuid bit");
	EXPECT_EQ(0, leaks);
}

OSEDU_HOLD_MAIN
