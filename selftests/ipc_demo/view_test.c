// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/ipc/<pid>: each IPC object against the kernel's own answer
 * for it: FIONREAD and F_GETPIPE_SZ for a pipe, the fd link's inode,
 * SIOCINQ/SIOCOUTQ, SO_PEERCRED and /proc/net/unix for unix sockets,
 * /proc/net/tcp's queues, /proc/<pid>/fdinfo for eventfd, timerfd and
 * epoll, /proc/<pid>/maps and /proc/sysvipc/shm for SysV shm; the tids
 * the test blocked itself for a pipe's waiting writers.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/sockios.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/un.h>

#include "../kselftest_harness.h"
#include "ipc_util.h"

#define WAIT_MS	20000

static long long block_ll(const char *block, const char *key)
{
	return block ? osedu_kv_ll(block, key) : -2;
}

TEST(pipe_ring_against_fionread_and_getpipe_sz)
{
	char buf[10000], link[64], *view, *b, obj[64];
	int p[2], queued = -1;
	const char *s;
	long long sum = 0, slots = 0;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, pipe(p));
	memset(buf, 'x', sizeof(buf));
	/* The second write fills up the first slot, then takes a second. */
	ASSERT_EQ(1000, write(p[1], buf, 1000));
	ASSERT_EQ(5000, write(p[1], buf, 5000));
	ASSERT_EQ(100, read(p[0], buf, 100));
	ASSERT_EQ(0, ioctl(p[0], FIONREAD, &queued));

	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b = ipc_fd_block(view, p[0]);
	ASSERT_NE(NULL, b) TH_LOG("%s", view);
	ASSERT_TRUE(fd_link(getpid(), p[0], link, sizeof(link)));
	ASSERT_TRUE(osedu_kv(b, "object", obj, sizeof(obj)));
	EXPECT_STREQ(link, obj);
	EXPECT_TRUE(osedu_kv(b, "kind", obj, sizeof(obj)));
	EXPECT_STREQ("pipe", obj);
	EXPECT_EQ(queued, block_ll(b, "bytes"));
	EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), block_ll(b, "capacity_bytes"));
	EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ) / getpagesize(),
		  block_ll(b, "ring_size"));
	EXPECT_EQ(1, block_ll(b, "readers"));
	EXPECT_EQ(1, block_ll(b, "writers"));
	/* The used slots add up to the bytes queued; head - tail of them. */
	osedu_for_each_line(s, b) {
		unsigned int idx, off, len;

		if (sscanf(s, "slot: %u %u %u", &idx, &off, &len) == 3) {
			sum += len;
			slots++;
		}
	}
	EXPECT_EQ(queued, sum);
	EXPECT_EQ(slots, block_ll(b, "slots_used"));
	EXPECT_EQ(slots, block_ll(b, "head") - block_ll(b, "tail"));
	TH_LOG("pipe: %lld bytes in %lld slots of %lld", sum, slots,
	       block_ll(b, "ring_size"));
	free(b);
	/* The write end is the same pipe. */
	b = ipc_fd_block(view, p[1]);
	ASSERT_NE(NULL, b);
	EXPECT_TRUE(osedu_kv(b, "object", obj, sizeof(obj)));
	EXPECT_STREQ(link, obj);
	free(b);
	free(view);
	close(p[0]);
	close(p[1]);
}

/*
 * ipc/self spliced into a pipe of its own (busybox "cat ipc/self | less"
 * does this through sendfile): splice holds that pipe's lock while the
 * view is made, so the view cannot read its ring and must say "busy"
 * rather than wait for a lock its own reader holds (a task stuck in D
 * for good, before). Another pipe in the same view still shows its ring.
 */
TEST(spliced_into_its_own_pipe_says_busy)
{
	int p[2], q[2], fd;
	char *text, *b, v[16];
	size_t len = 0, cap = 1 << 20;
	ssize_t n;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, pipe2(p, O_NONBLOCK));
	ASSERT_EQ(0, pipe(q));
	ASSERT_EQ(1 << 20, fcntl(p[0], F_SETPIPE_SZ, 1 << 20));
	text = calloc(1, cap + 1);
	ASSERT_NE(NULL, text);
	fd = open(IPC_DIR "/self", O_RDONLY);
	ASSERT_LE(0, fd);
	/* The whole view fits in the 1 MiB pipe: no reader is needed. */
	while ((n = sendfile(p[1], fd, NULL, cap)) > 0)
		;
	ASSERT_EQ(0, n) TH_LOG("sendfile: %s", strerror(errno));
	close(fd);
	while (len < cap && (n = read(p[0], text + len, cap - len)) > 0)
		len += n;
	ASSERT_LT(0, len);
	b = ipc_fd_block(text, p[1]);
	ASSERT_NE(NULL, b) TH_LOG("%s", text);
	EXPECT_TRUE(osedu_kv(b, "ring", v, sizeof(v))) TH_LOG("%s", b);
	EXPECT_STREQ("busy", v);
	EXPECT_EQ(-1, osedu_kv_ll(b, "head"));
	free(b);
	b = ipc_fd_block(text, q[0]);
	ASSERT_NE(NULL, b);
	EXPECT_EQ(fcntl(q[0], F_GETPIPE_SZ) / getpagesize(),
		  block_ll(b, "ring_size"));
	free(b);
	/* Read, not spliced, the same pipe shows its ring. */
	free(text);
	text = ipc_view(0);
	ASSERT_NE(NULL, text);
	b = ipc_fd_block(text, p[1]);
	ASSERT_NE(NULL, b);
	EXPECT_EQ(256, block_ll(b, "ring_size"));
	free(b);
	free(text);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

TEST(pipe_of_one_mib_full)
{
	int p[2], queued = -1, size;
	char *buf, *view, *b;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, pipe2(p, O_NONBLOCK));
	size = fcntl(p[0], F_SETPIPE_SZ, 1 << 20);
	ASSERT_EQ(1 << 20, size);
	buf = calloc(1, 1 << 16);
	ASSERT_NE(NULL, buf);
	while (write(p[1], buf, 1 << 16) > 0)
		;
	ASSERT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, ioctl(p[0], FIONREAD, &queued));
	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b = ipc_fd_block(view, p[1]);
	ASSERT_NE(NULL, b);
	EXPECT_EQ(queued, block_ll(b, "bytes"));
	EXPECT_EQ(size, block_ll(b, "capacity_bytes"));
	EXPECT_EQ(block_ll(b, "max_usage"), block_ll(b, "slots_used"));
	EXPECT_EQ(256, block_ll(b, "ring_size"));
	TH_LOG("full 1 MiB pipe: %d bytes queued, %lld slots", queued,
	       block_ll(b, "slots_used"));
	free(b);
	free(view);
	free(buf);
	close(p[0]);
	close(p[1]);
}

struct writer {
	int fd;
	pid_t tid;
};

static void *blocked_writer(void *arg)
{
	struct writer *w = arg;
	char c = 'y';

	w->tid = gettid_();
	write(w->fd, &c, 1);	/* sleeps: the pipe is full */
	return NULL;
}

TEST(blocked_writer_is_named)
{
	struct writer w = { 0 };
	char buf[65536], *view, *b, waiters[256], want[32];
	struct osedu_wait row;
	pthread_t t;
	int p[2], fl;

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, pipe(p));
	fl = fcntl(p[1], F_GETFL);
	ASSERT_EQ(0, fcntl(p[1], F_SETFL, fl | O_NONBLOCK));
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	ASSERT_EQ(0, fcntl(p[1], F_SETFL, fl));
	w.fd = p[1];
	ASSERT_EQ(0, pthread_create(&t, NULL, blocked_writer, &w));
	while (!__atomic_load_n(&w.tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	ASSERT_LE(0, ipc_wait_blocked(getpid(), w.tid, SYS_write, WAIT_MS));

	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b = ipc_fd_block(view, p[0]);
	ASSERT_NE(NULL, b);
	ASSERT_TRUE(osedu_kv(b, "write_waiters", waiters, sizeof(waiters)));
	snprintf(want, sizeof(want), "%d", w.tid);
	EXPECT_STREQ(want, waiters);
	EXPECT_TRUE(osedu_kv(b, "read_waiters", waiters, sizeof(waiters)));
	EXPECT_STREQ("-", waiters);
	free(b);
	free(view);

	/* ipc/waits: the same thread, in write(2), on the same pipe. */
	ASSERT_TRUE(ipc_wait_of(w.tid, &row));
	EXPECT_STREQ("write", row.syscall);
	EXPECT_EQ(SYS_write, row.nr);
	EXPECT_STREQ("pipe", row.kind);
	EXPECT_TRUE(fd_link(getpid(), p[1], want, sizeof(want)));
	EXPECT_STREQ(want, row.object);
	EXPECT_EQ((unsigned long long)p[1], row.args[0]);

	/* A read frees a slot and wakes it. */
	ASSERT_LT(0, read(p[0], buf, sizeof(buf)));
	ASSERT_EQ(0, pthread_join(t, NULL));
	close(p[0]);
	close(p[1]);
}

/* The /proc/net/unix row of inode @ino: its path column (or ""). */
static bool net_unix(unsigned long ino, char *path, size_t len)
{
	char *text = osedu_read_all("/proc/net/unix", 1 << 22, NULL);
	const char *p;
	bool found = false;

	if (!text)
		return false;
	osedu_for_each_line(p, text) {
		char line[512];
		unsigned long i;
		char name[256] = "";

		/* Num RefCount Protocol Flags Type St Inode Path */
		if (sscanf(one_line(p, line), "%*s %*s %*s %*s %*s %*s %lu %255s", &i,
			   name) >= 1 && i == ino) {
			snprintf(path, len, "%s", name);
			found = true;
			break;
		}
	}
	free(text);
	return found;
}

TEST(socketpair_against_siocinq_outq_peercred)
{
	char buf[300], *view, *b0, *b1;
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	struct stat st0, st1;
	int sv[2], inq = -1, outq = -1;
	char path[256];

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	memset(buf, 'z', sizeof(buf));
	ASSERT_EQ(300, write(sv[0], buf, 300));
	ASSERT_EQ(0, ioctl(sv[1], SIOCINQ, &inq));
	ASSERT_EQ(0, ioctl(sv[0], SIOCOUTQ, &outq));
	ASSERT_EQ(0, getsockopt(sv[1], SOL_SOCKET, SO_PEERCRED, &cred, &cl));
	ASSERT_EQ(0, fstat(sv[0], &st0));
	ASSERT_EQ(0, fstat(sv[1], &st1));

	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b0 = ipc_fd_block(view, sv[0]);
	b1 = ipc_fd_block(view, sv[1]);
	ASSERT_NE(NULL, b0);
	ASSERT_NE(NULL, b1);
	EXPECT_EQ(inq, block_ll(b1, "inq"));
	EXPECT_EQ(outq, block_ll(b0, "outq"));
	EXPECT_EQ(300, inq);
	EXPECT_EQ((long long)st1.st_ino, block_ll(b0, "peer_ino"));
	EXPECT_EQ((long long)st0.st_ino, block_ll(b1, "peer_ino"));
	EXPECT_EQ(cred.pid, block_ll(b1, "peercred_pid"));
	EXPECT_EQ(cred.uid, block_ll(b1, "peercred_uid"));
	EXPECT_EQ(cred.gid, block_ll(b1, "peercred_gid"));
	EXPECT_TRUE(osedu_kv(b0, "type", path, sizeof(path)));
	EXPECT_STREQ("stream", path);
	EXPECT_TRUE(osedu_kv(b0, "state", path, sizeof(path)));
	EXPECT_STREQ("connected", path);
	/* /proc/net/unix lists the same inode, unbound. */
	EXPECT_TRUE(net_unix(st0.st_ino, path, sizeof(path)));
	EXPECT_STREQ("", path);
	TH_LOG("socketpair: inq %d outq %d peer pid %d", inq, outq, cred.pid);
	free(b0);
	free(b1);
	free(view);
	close(sv[0]);
	close(sv[1]);
}

TEST(bound_unix_sockets_against_proc_net_unix)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char *view, *b, path[256], net[256];
	struct stat st;
	int s, s2;

	ASSERT_EQ(0, ipc_load());
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	ASSERT_LE(0, s);
	snprintf(a.sun_path, sizeof(a.sun_path), "/tmp/osedu-ipc-%d", getpid());
	unlink(a.sun_path);
	ASSERT_EQ(0, bind(s, (struct sockaddr *)&a, sizeof(a)));
	ASSERT_EQ(0, listen(s, 4));
	/* An abstract name: a NUL, then bytes. */
	s2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	ASSERT_LE(0, s2);
	memset(a.sun_path, 0, sizeof(a.sun_path));
	snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "osedu-%d", getpid());
	ASSERT_EQ(0, bind(s2, (struct sockaddr *)&a,
			  offsetof(struct sockaddr_un, sun_path) + 1 +
			  strlen(a.sun_path + 1)));

	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b = ipc_fd_block(view, s);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, fstat(s, &st));
	EXPECT_TRUE(osedu_kv(b, "path", path, sizeof(path)));
	EXPECT_TRUE(net_unix(st.st_ino, net, sizeof(net)));
	EXPECT_STREQ(net, path);
	EXPECT_TRUE(osedu_kv(b, "state", path, sizeof(path)));
	EXPECT_STREQ("listening", path);
	free(b);
	b = ipc_fd_block(view, s2);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, fstat(s2, &st));
	EXPECT_TRUE(osedu_kv(b, "path", path, sizeof(path)));
	EXPECT_TRUE(net_unix(st.st_ino, net, sizeof(net)));
	EXPECT_STREQ(net, path);
	EXPECT_EQ('@', path[0]);
	EXPECT_TRUE(osedu_kv(b, "type", path, sizeof(path)));
	EXPECT_STREQ("dgram", path);
	free(b);
	free(view);
	snprintf(a.sun_path, sizeof(a.sun_path), "/tmp/osedu-ipc-%d", getpid());
	unlink(a.sun_path);
	close(s);
	close(s2);
}

/* The VM boots with lo down: bring it up (we are root). */
static void loopback_up(void)
{
	struct ifreq ifr = { 0 };
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (s >= 0 && !ioctl(s, SIOCGIFFLAGS, &ifr) &&
	    !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	if (s >= 0)
		close(s);
}

TEST(tcp_loopback_queues)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	int l, c, s, inq = -1;
	char buf[777] = { 0 }, *view, *b, st[32];

	ASSERT_EQ(0, ipc_load());
	loopback_up();
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, bind(l, (struct sockaddr *)&a, sizeof(a)));
	ASSERT_EQ(0, listen(l, 1));
	ASSERT_EQ(0, getsockname(l, (struct sockaddr *)&a, &al));
	c = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_LE(0, c);
	ASSERT_EQ(0, connect(c, (struct sockaddr *)&a, sizeof(a)))
		TH_LOG("connect to loopback: %s", strerror(errno));
	s = accept(l, NULL, NULL);
	ASSERT_LE(0, s);
	ASSERT_EQ(777, write(c, buf, sizeof(buf)));
	for (int i = 0; i < 100 && inq != 777; i++) {
		ioctl(s, SIOCINQ, &inq);
		usleep(1000);
	}
	ASSERT_EQ(777, inq);
	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b = ipc_fd_block(view, s);
	ASSERT_NE(NULL, b);
	EXPECT_EQ(inq, block_ll(b, "rx_queue"));
	EXPECT_TRUE(osedu_kv(b, "state", st, sizeof(st)));
	EXPECT_STREQ("established", st);
	EXPECT_EQ(ntohs(a.sin_port), block_ll(b, "local_port"));
	free(b);
	b = ipc_fd_block(view, l);
	ASSERT_NE(NULL, b);
	EXPECT_TRUE(osedu_kv(b, "state", st, sizeof(st)));
	EXPECT_STREQ("listen", st);
	free(b);
	free(view);
	close(s);
	close(c);
	close(l);
}

/* Every line of /proc/self/fdinfo/<fd> after pos/flags/mnt_id/ino. */
static void expect_fdinfo(struct __test_metadata *_metadata, const char *view,
			  int fd, const char *kind, const char *key)
{
	char path[64], *oracle, *b, got[256], want[256];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	oracle = osedu_read_all(path, 1 << 16, NULL);
	ASSERT_NE(NULL, oracle);
	b = ipc_fd_block(view, fd);
	ASSERT_NE(NULL, b);
	EXPECT_TRUE(osedu_kv(b, "kind", got, sizeof(got)));
	EXPECT_STREQ(kind, got);
	/* The module's copy of show_fdinfo's text, line by line. */
	snprintf(path, sizeof(path), "fdinfo: %s:", key);
	{
		const char *g = strstr(b, path), *w;

		ASSERT_NE(NULL, g) TH_LOG("%s", b);
		snprintf(path, sizeof(path), "\n%s:", key);
		w = strstr(oracle, path);
		ASSERT_NE(NULL, w) TH_LOG("%s", oracle);
		snprintf(got, sizeof(got), "%.*s", (int)strcspn(g + 8, "\n"),
			 g + 8);
		snprintf(want, sizeof(want), "%.*s", (int)strcspn(w + 1, "\n"),
			 w + 1);
		EXPECT_STREQ(want, got);
	}
	free(b);
	free(oracle);
}

TEST(eventfd_timerfd_epoll_against_fdinfo)
{
	struct itimerspec its = { .it_value.tv_sec = 1000 };
	struct epoll_event ev = { .events = EPOLLIN };
	int efd, tfd, ep;
	uint64_t one = 1;
	char *view;

	ASSERT_EQ(0, ipc_load());
	efd = eventfd(5, 0);
	ASSERT_LE(0, efd);
	ASSERT_EQ(8, write(efd, &one, 8));
	tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	ASSERT_LE(0, tfd);
	ASSERT_EQ(0, timerfd_settime(tfd, 0, &its, NULL));
	ep = epoll_create1(0);
	ASSERT_LE(0, ep);
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	expect_fdinfo(_metadata, view, efd, "eventfd", "eventfd-count");
	expect_fdinfo(_metadata, view, tfd, "timerfd", "clockid");
	expect_fdinfo(_metadata, view, ep, "epoll", "tfd");
	free(view);
	close(ep);
	close(tfd);
	close(efd);
}

TEST(posix_mqueue_name)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
	char name[64], *view, *b, got[80];
	mqd_t q;

	ASSERT_EQ(0, ipc_load());
	snprintf(name, sizeof(name), "/osedu-%d", getpid());
	q = mq_open(name, O_CREAT | O_RDWR, 0600, &attr);
	if (q == (mqd_t)-1 && errno == ENOSYS)
		SKIP(return, "no POSIX message queues");
	ASSERT_NE((mqd_t)-1, q);
	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b = ipc_fd_block(view, (int)q);
	ASSERT_NE(NULL, b);
	EXPECT_TRUE(osedu_kv(b, "kind", got, sizeof(got)));
	EXPECT_STREQ("mqueue", got);
	EXPECT_TRUE(osedu_kv(b, "mqueue_name", got, sizeof(got)));
	EXPECT_STREQ(name, got);
	free(b);
	free(view);
	mq_close(q);
	mq_unlink(name);
}

/* The inode column of the /proc/self/maps line at @addr. */
static long long maps_inode(unsigned long addr)
{
	char *text = osedu_read_all("/proc/self/maps", 1 << 22, NULL);
	const char *p;
	long long ino = -1;

	if (!text)
		return -1;
	osedu_for_each_line(p, text) {
		char line[512];
		unsigned long s, e;
		long long i;

		if (sscanf(one_line(p, line), "%lx-%lx %*s %*s %*s %lld", &s, &e, &i) == 3 &&
		    s == addr) {
			ino = i;
			break;
		}
	}
	free(text);
	return ino;
}

/* The rss column (bytes) of /proc/sysvipc/shm for @id. */
static long long sysvipc_shm_rss(int id)
{
	char *text = osedu_read_all("/proc/sysvipc/shm", 1 << 22, NULL);
	const char *p;
	long long rss = -1;

	if (!text)
		return -1;
	osedu_for_each_line(p, text) {
		char line[512];
		int i;
		long long r;

		/* key shmid perms size cpid lpid nattch uid gid cuid cgid
		 * atime dtime ctime rss swap
		 */
		if (sscanf(one_line(p, line), "%*d %d %*o %*u %*d %*d %*u %*u %*u %*u %*u %*u %*u %*u %lld",
			   &i, &r) == 2 && i == id) {
			rss = r;
			break;
		}
	}
	free(text);
	return rss;
}

TEST(sysv_shm_against_maps_and_sysvipc)
{
	key_t key = 0x05ed0000 | (getpid() & 0xffff);
	char *view, *b, start[32], kstr[32];
	int id;
	char *mem;

	ASSERT_EQ(0, ipc_load());
	id = shmget(key, 5 * getpagesize(), IPC_CREAT | IPC_EXCL | 0600);
	ASSERT_LE(0, id);
	mem = shmat(id, NULL, 0);
	ASSERT_NE((void *)-1, mem);
	for (int i = 0; i < 3; i++)
		mem[i * getpagesize()] = 1;
	snprintf(start, sizeof(start), "0x%lx", (unsigned long)mem);
	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	b = osedu_ipc_block(view, "shm", start);
	ASSERT_NE(NULL, b) TH_LOG("%s", view);
	EXPECT_EQ(id, block_ll(b, "shmid"));
	EXPECT_EQ(maps_inode((unsigned long)mem), block_ll(b, "shmid"));
	snprintf(kstr, sizeof(kstr), "0x%08x", key);
	EXPECT_TRUE(osedu_kv(b, "key", start, sizeof(start)));
	EXPECT_STREQ(kstr, start);
	EXPECT_EQ(5 * getpagesize(), block_ll(b, "size"));
	EXPECT_EQ(3, block_ll(b, "resident_pages"));
	EXPECT_EQ(sysvipc_shm_rss(id),
		  block_ll(b, "resident_pages") * getpagesize());
	free(b);
	free(view);
	shmdt(mem);
	shmctl(id, IPC_RMID, NULL);
}

TEST(thousand_fds_all_listed)
{
	int fds[1000], n = 0, i, links = 0;
	char *view;
	DIR *d;
	struct dirent *e;

	struct rlimit rl = { 4096, 4096 };

	ASSERT_EQ(0, ipc_load());
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &rl));
	for (i = 0; i + 1 < 900; i += 3) {
		int p[2], sv[2];

		ASSERT_EQ(0, pipe(p));
		ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
		fds[n++] = p[0];
		fds[n++] = p[1];
		fds[n++] = sv[0];
		close(sv[1]);
	}
	while (n < 1000) {
		fds[n] = eventfd(n, 0);
		ASSERT_LE(0, fds[n]);
		n++;
	}
	view = ipc_view(0);
	ASSERT_NE(NULL, view);
	d = opendir("/proc/self/fd");
	ASSERT_NE(NULL, d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			links++;
	closedir(d);
	/*
	 * The view was read through one more descriptor than we hold now,
	 * and opendir's own is gone again: the same count.
	 */
	EXPECT_EQ(links, (int)osedu_ipc_count(view, "fd"));
	EXPECT_LE(1000, (int)osedu_ipc_count(view, "fd"));
	TH_LOG("%zu fd blocks, %zu bytes", osedu_ipc_count(view, "fd"),
	       strlen(view));
	free(view);
	for (i = 0; i < n; i++)
		close(fds[i]);
}

TEST_HARNESS_MAIN
