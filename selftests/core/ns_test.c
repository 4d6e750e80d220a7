// SPDX-License-Identifier: GPL-2.0
/*
 * Core's namespace rule: a process that a pid namespace cannot see does
 * not exist for an opener inside it, whatever its credentials (a
 * container's root is uid 0 and would pass the owner rule). Oracle: the
 * namespace's own view of the world, where the host process has no pid.
 */
#include "../kselftest_harness.h"
#include "osedu_test.h"
#include "osedu_ns.h"

#define VIEW		"/proc/osedu/coretest"
/* A product module's per-task view beside the test view: pagewalk's. */
#define PAGEWALK	"/proc/osedu/pagewalk"
#define PAGEWALK_MOD	"osedu_pagewalk"

static pid_t host_target;

/* Bit 0: a host process opened; bit 1: self failed; bit 2: pagewalk. */
static int open_from_inside(void *arg)
{
	char path[64], buf[4096];
	bool drop = arg != NULL;
	int fd, rc = 0;

	if (drop && osedu_drop_cap(CAP_SYS_ADMIN))
		return 200;
	snprintf(path, sizeof(path), VIEW "/%d", host_target);
	fd = open(path, O_RDONLY);
	if (fd >= 0 || errno != ENOENT)
		rc |= 1;
	if (fd >= 0)
		close(fd);
	if (osedu_read_file(VIEW "/self", buf, sizeof(buf)) <= 0)
		rc |= 2;
	snprintf(path, sizeof(path), PAGEWALK "/%d", host_target);
	fd = open(path, O_RDONLY);
	if (fd >= 0 || errno != ENOENT)
		rc |= 4;
	if (fd >= 0)
		close(fd);
	return rc;
}

static void run(struct __test_metadata *_metadata, bool drop)
{
	pid_t inner;
	int rc;

	ASSERT_EQ(0, osedu_load("osedu_core"));
	ASSERT_EQ(0, osedu_load("osedu_test_view"));
	ASSERT_EQ(0, osedu_load(PAGEWALK_MOD));
	host_target = osedu_spawn_sleeper();
	ASSERT_LT(0, host_target);
	rc = osedu_in_new_pidns(open_from_inside, drop ? "drop" : NULL,
				&inner);
	osedu_kill_reap(host_target);
	TH_LOG("child pid namespace (host pid %d), CAP_SYS_ADMIN %s: %s%s%s",
	       inner, drop ? "dropped" : "kept",
	       rc & 1 ? "opened the host process's coretest entry; " : "",
	       rc & 4 ? "opened its pagewalk entry; " : "",
	       rc & 2 ? "could not read self" : "");
	EXPECT_EQ(0, rc);
}

TEST(child_pidns_root_without_cap_sys_admin)
{
	run(_metadata, true);
}

TEST(child_pidns_admin)
{
	run(_metadata, false);
}

TEST_HARNESS_MAIN
