/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the access-policy tests share: a target process that execs a
 * setuid-root copy of the test binary on command, and files opened with
 * the credentials of the unprivileged test user and handed to root.
 *
 * The test binary doubles as the setuid program: started with
 * OSEDU_HOLD_ARG it reports its euid (and, if asked, what reading an
 * inherited fd gave) and holds still until the test closes its pipe.
 * Include this after osedu_test.h; the test's main() must call
 * osedu_exec_hold_main() first.
 */
#ifndef OSEDU_EXEC_H
#define OSEDU_EXEC_H

#include <sys/mman.h>
#include <sys/socket.h>

#include "osedu_test.h"

#define OSEDU_HOLD_ARG	"--osedu-hold"

/*
 * The hold mode: argv = { prog, OSEDU_HOLD_ARG, report_fd, wait_fd,
 * read_fd or -1 }. Writes "euid=N read=R\n" (R: bytes read from read_fd,
 * or -errno) to report_fd, then waits for EOF on wait_fd.
 */
static inline int osedu_exec_hold_main(int argc, char **argv)
{
	char buf[4096], line[64];
	int rep, wait_fd, rfd, n;
	ssize_t got = 0;

	if (argc != 5 || strcmp(argv[1], OSEDU_HOLD_ARG))
		return -1;
	rep = atoi(argv[2]);
	wait_fd = atoi(argv[3]);
	rfd = atoi(argv[4]);
	if (rfd >= 0)
		got = osedu_read_fd(rfd, buf, sizeof(buf));
	n = snprintf(line, sizeof(line), "euid=%d read=%zd\n", (int)geteuid(),
		     got);
	if (write(rep, line, n) != n)
		_exit(1);
	while (read(wait_fd, buf, 1) > 0)
		;
	_exit(0);
}

#define OSEDU_HOLD_MAIN						\
	int main(int argc, char **argv)				\
	{							\
		if (argc > 1 && !strcmp(argv[1], OSEDU_HOLD_ARG))	\
			return osedu_exec_hold_main(argc, argv);	\
		return test_harness_run(argc, argv);		\
	}

/* Copy the running binary to @path, owned by root, mode @mode; 0 or -errno. */
static inline int osedu_copy_self(const char *path, mode_t mode)
{
	char buf[65536];
	int in, out, ret = 0;
	ssize_t n;

	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	unlink(path);
	out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	if (out < 0) {
		ret = -errno;
		goto close_in;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			ret = -EIO;
			break;
		}
	if (n < 0)
		ret = -errno;
	if (!ret && (fchown(out, 0, 0) || fchmod(out, mode)))
		ret = -errno;
	close(out);
close_in:
	close(in);
	return ret;
}

/*
 * A target: a process of the test user that, once told, execs @prog in
 * hold mode. @big_mb of touched anonymous memory makes its exec free a
 * large mm (which widens the window between exec_mmap() and
 * commit_creds()). With @open_path, the target opens that file before
 * the exec, keeps it across and the new image reports what reading it
 * gave.
 */
struct osedu_target {
	pid_t pid;
	int go;		/* write a byte: exec now */
	int report;	/* the hold mode's report line */
	int hold;	/* close: the hold mode exits */
};

static inline int osedu_target_spawn(struct osedu_target *t, const char *prog,
				     int big_mb, const char *open_path,
				     bool unpriv)
{
	int go[2], rep[2], hold[2];
	char ready;

	if (pipe(go) || pipe(rep) || pipe(hold))
		return -errno;
	t->pid = fork();
	if (t->pid < 0)
		return -errno;
	if (t->pid == 0) {
		char a_rep[16], a_wait[16], a_read[16], c;
		char *args[] = { (char *)prog, OSEDU_HOLD_ARG, a_rep, a_wait,
				 a_read, NULL };
		int devnull = open("/dev/null", O_RDWR);

		/* A setuid image keeps no parent-death signal: no output. */
		if (devnull < 0 || dup2(devnull, 1) < 0 || dup2(devnull, 2) < 0)
			_exit(1);
		close(go[1]);
		close(rep[0]);
		close(hold[1]);
		/* Changing credentials made it non-dumpable: undo that. */
		if (unpriv && (osedu_drop_privileges() ||
			       prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)))
			_exit(1);
		if (big_mb) {
			size_t len = (size_t)big_mb << 20;
			char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED)
				_exit(1);
			memset(p, 1, len);
		}
		snprintf(a_rep, sizeof(a_rep), "%d", rep[1]);
		snprintf(a_wait, sizeof(a_wait), "%d", hold[0]);
		snprintf(a_read, sizeof(a_read), "%d",
			 open_path ? open(open_path, O_RDONLY) : -1);
		/* Ready: credentials and memory are what the test asked. */
		if (write(rep[1], "R", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		execv(prog, args);
		_exit(127);
	}
	close(go[0]);
	close(rep[1]);
	close(hold[0]);
	t->go = go[1];
	t->report = rep[0];
	t->hold = hold[1];
	return read(t->report, &ready, 1) == 1 ? 0 : -EIO;
}

static inline int osedu_target_exec(struct osedu_target *t)
{
	return write(t->go, "g", 1) == 1 ? 0 : -errno;
}

/* Wait for the hold mode's report; its euid, with the read result in *@rd. */
static inline int osedu_target_report(struct osedu_target *t, long *rd)
{
	char line[64];
	ssize_t n = read(t->report, line, sizeof(line) - 1);
	int euid;

	if (n <= 0)
		return -1;
	line[n] = '\0';
	if (sscanf(line, "euid=%d read=%ld", &euid, rd) != 2)
		return -1;
	return euid;
}

static inline void osedu_target_end(struct osedu_target *t)
{
	close(t->go);
	close(t->report);
	close(t->hold);
	kill(t->pid, SIGKILL);
	waitpid(t->pid, NULL, 0);
}

static inline int osedu_send_fd(int sock, int fd)
{
	char data = 'f', cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static inline int osedu_recv_fd(int sock)
{
	char data, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/*
 * Open @path (with @flags) as the unprivileged test user, in a child, and
 * hand the file to the caller: an fd whose f_cred is the test user's, or
 * -errno of the child's open.
 */
static inline int osedu_open_unpriv(const char *path, int flags)
{
	int sv[2], status, fd;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -errno;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		if (osedu_drop_privileges())
			_exit(255);
		fd = open(path, flags);
		if (fd < 0)
			_exit(errno);
		_exit(osedu_send_fd(sv[1], fd) ? 255 : 0);
	}
	close(sv[1]);
	fd = osedu_recv_fd(sv[0]);
	close(sv[0]);
	waitpid(pid, &status, 0);
	if (fd >= 0)
		return fd;
	return WIFEXITED(status) && WEXITSTATUS(status) ?
	       -WEXITSTATUS(status) : -EIO;
}

#endif /* OSEDU_EXEC_H */
