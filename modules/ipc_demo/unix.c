// SPDX-License-Identifier: GPL-2.0
/*
 * Unix-domain sockets (net/af_unix.h): a socket and its peer are two
 * struct unix_sock joined by ->peer; what one sends is queued as sk_buffs
 * on the other's receive queue (kernel memory charged to the sender's
 * sk_wmem_alloc until it is read). The peer credentials are what
 * SO_PEERCRED returns: the process that connected or created the pair.
 */
#include <linux/cred.h>
#include <linux/net.h>
#include <linux/pid.h>
#include <linux/un.h>
#include <linux/user_namespace.h>
#include <net/af_unix.h>
#include <net/sock.h>

#include "compat.h"
#include "internal.h"

static const char *unix_type(int type)
{
	switch (type) {
	case SOCK_STREAM:
		return "stream";
	case SOCK_DGRAM:
		return "dgram";
	case SOCK_SEQPACKET:
		return "seqpacket";
	}
	return "?";
}

/* sk_state for AF_UNIX: TCP_ESTABLISHED, TCP_LISTEN or TCP_CLOSE. */
static const char *unix_state(int state)
{
	switch (state) {
	case TCP_ESTABLISHED:
		return "connected";
	case TCP_LISTEN:
		return "listening";
	case TCP_CLOSE:
		return "unconnected";
	}
	return "?";
}

/* The bound name as /proc/net/unix shows it ('@' for abstract), or "-". */
static void show_path(struct seq_file *m, struct sock *sk)
{
	/* Set once by bind() and freed with the socket, which we hold. */
	struct unix_address *addr = smp_load_acquire(&unix_sk(sk)->addr);
	int len;

	seq_puts(m, "path: ");
	if (!addr) {
		seq_puts(m, "-\n");
		return;
	}
	len = addr->len - offsetof(struct sockaddr_un, sun_path);
	if (len <= 0) {
		seq_puts(m, "-\n");
		return;
	}
	if (addr->name->sun_path[0]) {
		/* A path name is NUL-terminated within len. */
		len = strnlen(addr->name->sun_path, len);
		seq_escape_mem(m, addr->name->sun_path, len,
			       ESCAPE_ANY_NP, " \\\n");
	} else {
		seq_putc(m, '@');
		seq_escape_mem(m, addr->name->sun_path + 1, len - 1,
			       ESCAPE_ANY_NP, " \\\n");
	}
	seq_putc(m, '\n');
}

static void show_peer_cred(struct seq_file *m, struct sock *sk)
{
	struct user_namespace *uns = seq_user_ns(m);
	struct pid *pid;
	const struct cred *cred;
	pid_t nr = 0;
	uid_t uid = (uid_t)-1;
	gid_t gid = (gid_t)-1;

	spin_lock(&sk->sk_peer_lock);
	pid = sk->sk_peer_pid;
	cred = sk->sk_peer_cred;
	if (pid)
		nr = ipc_pid_nr(m, pid);
	if (cred) {
		uid = from_kuid_munged(uns, cred->euid);
		gid = from_kgid_munged(uns, cred->egid);
	}
	spin_unlock(&sk->sk_peer_lock);
	seq_printf(m, "peercred_pid: %d\npeercred_uid: %d\npeercred_gid: %d\n",
		   nr, (int)uid, (int)gid);
}

void ipc_unix_show(struct seq_file *m, struct sock *sk)
{
	struct sock *peer;
	unsigned long long peer_ino = 0;

	seq_printf(m, "type: %s\nstate: %s\nsock_state: %d\n",
		   unix_type(sk->sk_type), unix_state(READ_ONCE(sk->sk_state)),
		   sk->sk_socket ? (int)sk->sk_socket->state : -1);
	show_path(m, sk);
	peer = unix_peer_get(sk);
	if (peer) {
		peer_ino = sock_i_ino(peer);
		sock_put(peer);
	}
	seq_printf(m, "peer_ino: %llu\n", peer_ino);
	show_peer_cred(m, sk);
	/* What SIOCINQ and SIOCOUTQ return. */
	seq_printf(m, "inq: %ld\noutq: %ld\n", unix_inq_len(sk),
		   unix_outq_len(sk));
	seq_printf(m, "rcvbuf: %d\nsndbuf: %d\nrecv_queue_skbs: %u\n",
		   READ_ONCE(sk->sk_rcvbuf), READ_ONCE(sk->sk_sndbuf),
		   skb_queue_len_lockless(&sk->sk_receive_queue));
}
