// SPDX-License-Identifier: GPL-2.0
/*
 * Sockets in general, and TCP/UDP ones: their state and the bytes queued
 * each way, computed as /proc/net/tcp and /proc/net/udp do (tx_queue,
 * rx_queue), which for TCP is what SIOCOUTQ and SIOCINQ return on an
 * established connection.
 */
#include <linux/in.h>
#include <linux/net.h>
#include <linux/tcp.h>
#include <net/inet_sock.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "internal.h"

static const char * const tcp_states[] = {
	[TCP_ESTABLISHED] = "established",
	[TCP_SYN_SENT] = "syn_sent",
	[TCP_SYN_RECV] = "syn_recv",
	[TCP_FIN_WAIT1] = "fin_wait1",
	[TCP_FIN_WAIT2] = "fin_wait2",
	[TCP_TIME_WAIT] = "time_wait",
	[TCP_CLOSE] = "close",
	[TCP_CLOSE_WAIT] = "close_wait",
	[TCP_LAST_ACK] = "last_ack",
	[TCP_LISTEN] = "listen",
	[TCP_CLOSING] = "closing",
	[TCP_NEW_SYN_RECV] = "new_syn_recv",
};

static bool is_inet(const struct sock *sk)
{
	return sk->sk_family == AF_INET || sk->sk_family == AF_INET6;
}

const char *ipc_sock_kind(struct sock *sk)
{
	if (sk->sk_family == AF_UNIX)
		return "unix";
	if (is_inet(sk)) {
		switch (sk->sk_protocol) {
		case IPPROTO_TCP:
			return sk->sk_family == AF_INET ? "tcp" : "tcp6";
		case IPPROTO_UDP:
			return sk->sk_family == AF_INET ? "udp" : "udp6";
		}
		return sk->sk_family == AF_INET ? "inet" : "inet6";
	}
	return "socket";
}

void ipc_inet_show(struct seq_file *m, struct sock *sk)
{
	int state = READ_ONCE(sk->sk_state);
	struct inet_sock *inet = inet_sk(sk);
	long rx, tx;

	if (sk->sk_protocol == IPPROTO_TCP && sk->sk_type == SOCK_STREAM) {
		const struct tcp_sock *tp = tcp_sk(sk);

		if (state == TCP_LISTEN) {
			rx = READ_ONCE(sk->sk_ack_backlog);
			tx = READ_ONCE(sk->sk_max_ack_backlog);
		} else {
			rx = max_t(int, READ_ONCE(tp->rcv_nxt) -
					READ_ONCE(tp->copied_seq), 0);
			tx = READ_ONCE(tp->write_seq) - tp->snd_una;
		}
	} else {
		rx = sk_rmem_alloc_get(sk);
		tx = sk_wmem_alloc_get(sk);
	}
	seq_printf(m, "state: %s\n",
		   state < ARRAY_SIZE(tcp_states) && tcp_states[state] ?
		   tcp_states[state] : "?");
	seq_printf(m, "local_port: %u\nremote_port: %u\n",
		   ntohs(inet->inet_sport), ntohs(inet->inet_dport));
	seq_printf(m, "rx_queue: %ld\ntx_queue: %ld\n", rx, tx);
	seq_printf(m, "rcvbuf: %d\nsndbuf: %d\n", READ_ONCE(sk->sk_rcvbuf),
		   READ_ONCE(sk->sk_sndbuf));
}

/* Show @file's socket, if it is one; false otherwise. */
bool ipc_sock_show(struct seq_file *m, struct file *file)
{
	struct socket *sock = sock_from_file(file);
	struct sock *sk = sock ? sock->sk : NULL;

	if (!sk)
		return false;
	seq_printf(m, "family: %u\nprotocol: %u\n", sk->sk_family,
		   sk->sk_protocol);
	if (sk->sk_family == AF_UNIX)
		ipc_unix_show(m, sk);
	else if (is_inet(sk))
		ipc_inet_show(m, sk);
	return true;
}
