// SPDX-License-Identifier: GPL-2.0
/*
 * The system calls a thread blocks in, by ABI: their names, and what kind
 * of object each waits on (waits.c decodes it). A 32-bit process on a
 * 64-bit kernel (x86's ia32 emulation) numbers its calls by its own
 * table, and reaches some of them through multiplexers: ipc(2) for SysV
 * semaphores and queues, socketcall(2) for sockets, fcntl64(2) with a
 * 32-bit struct flock. Only x86 names its compat numbers for modules
 * (asm/unistd_32_ia32.h); another architecture's compat calls print as
 * "other" with their number.
 */
#include <linux/audit.h>
#include <linux/kernel.h>
#include <asm/unistd.h>

#include "internal.h"

#define W(sys, k)	{ __NR_##sys, #sys, k }

static const struct ipc_wsys native[] = {
	W(read, W_FD_READ), W(readv, W_FD_READ), W(pread64, W_FD_READ),
	W(preadv, W_FD_READ), W(preadv2, W_FD_READ),
	W(recvfrom, W_FD_READ), W(recvmsg, W_FD_READ),
	W(recvmmsg, W_FD_READ), W(accept, W_FD_READ), W(accept4, W_FD_READ),
	W(write, W_FD_WRITE), W(writev, W_FD_WRITE), W(pwrite64, W_FD_WRITE),
	W(pwritev, W_FD_WRITE), W(sendto, W_FD_WRITE),
	W(sendmsg, W_FD_WRITE), W(sendmmsg, W_FD_WRITE),
	W(connect, W_FD_WRITE), W(splice, W_FD_READ),
	W(epoll_pwait, W_EPOLL), W(epoll_pwait2, W_EPOLL),
	W(ppoll, W_POLL), W(pselect6, W_POLL),
	W(futex, W_FUTEX), W(semop, W_SEM), W(semtimedop, W_SEM),
	W(msgrcv, W_MSGRCV), W(msgsnd, W_MSGSND),
	W(mq_timedreceive, W_MQ), W(mq_timedsend, W_MQ),
	W(flock, W_FLOCK), W(fcntl, W_FCNTL), W(wait4, W_WAIT4),
	W(waitid, W_WAITID), W(clock_nanosleep, W_SLEEP),
	W(nanosleep, W_SLEEP), W(rt_sigsuspend, W_SIGNAL),
	W(rt_sigtimedwait, W_SIGNAL),
	/* Not in the generic table (arm64 has none of these). */
#ifdef __NR_epoll_wait
	W(epoll_wait, W_EPOLL),
#endif
#ifdef __NR_poll
	W(poll, W_POLL),
#endif
#ifdef __NR_select
	W(select, W_POLL),
#endif
#ifdef __NR_pause
	W(pause, W_SIGNAL),
#endif
};

#if defined(CONFIG_IA32_EMULATION) && defined(__NR_ia32_read)
#define C(sys, k)	{ __NR_ia32_##sys, #sys, k }

static const struct ipc_wsys ia32[] = {
	C(read, W_FD_READ), C(readv, W_FD_READ), C(pread64, W_FD_READ),
	C(preadv, W_FD_READ), C(preadv2, W_FD_READ),
	C(recvfrom, W_FD_READ), C(recvmsg, W_FD_READ),
	C(recvmmsg, W_FD_READ), C(recvmmsg_time64, W_FD_READ),
	C(accept4, W_FD_READ), C(splice, W_FD_READ),
	C(write, W_FD_WRITE), C(writev, W_FD_WRITE), C(pwrite64, W_FD_WRITE),
	C(pwritev, W_FD_WRITE), C(sendto, W_FD_WRITE),
	C(sendmsg, W_FD_WRITE), C(sendmmsg, W_FD_WRITE),
	C(connect, W_FD_WRITE), C(socketcall, W_SOCKETCALL),
	C(epoll_wait, W_EPOLL), C(epoll_pwait, W_EPOLL),
	C(epoll_pwait2, W_EPOLL),
	C(poll, W_POLL), C(ppoll, W_POLL), C(ppoll_time64, W_POLL),
	C(select, W_POLL), C(_newselect, W_POLL), C(pselect6, W_POLL),
	C(pselect6_time64, W_POLL),
	C(futex, W_FUTEX), C(futex_time64, W_FUTEX),
	C(semtimedop_time64, W_SEM), C(msgrcv, W_MSGRCV),
	C(msgsnd, W_MSGSND), C(ipc, W_IPC),
	C(mq_timedreceive, W_MQ), C(mq_timedsend, W_MQ),
	C(mq_timedreceive_time64, W_MQ), C(mq_timedsend_time64, W_MQ),
	C(flock, W_FLOCK), C(fcntl, W_FCNTL), C(fcntl64, W_FCNTL),
	C(wait4, W_WAIT4), C(waitpid, W_WAIT4), C(waitid, W_WAITID),
	C(nanosleep, W_SLEEP), C(clock_nanosleep, W_SLEEP),
	C(clock_nanosleep_time64, W_SLEEP),
	C(pause, W_SIGNAL), C(sigsuspend, W_SIGNAL),
	C(rt_sigsuspend, W_SIGNAL), C(rt_sigtimedwait, W_SIGNAL),
	C(rt_sigtimedwait_time64, W_SIGNAL),
};

#define IA32_TABLE	ia32
#define IA32_LEN	ARRAY_SIZE(ia32)
#else
#define IA32_TABLE	NULL
#define IA32_LEN	0
#endif

static const struct ipc_wsys *find(const struct ipc_wsys *t, size_t n,
				   long nr)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].nr == nr)
			return &t[i];
	return NULL;
}

/*
 * The native ABI is the module's own (AUDIT_ARCH_X86_64, _AARCH64);
 * any other arch a blocked call reports is its compat ABI.
 */
const struct ipc_wsys *ipc_wait_sys(const struct osedu_syscall *sc,
				    const char **abi)
{
	*abi = NULL;
	if (sc->nr < 0)
		return NULL;
	switch (sc->arch) {
#ifdef CONFIG_X86_64
	case AUDIT_ARCH_X86_64:
		return find(native, ARRAY_SIZE(native), sc->nr);
	case AUDIT_ARCH_I386:
		*abi = "i386";
		return find(IA32_TABLE, IA32_LEN, sc->nr);
#endif
#ifdef CONFIG_ARM64
	case AUDIT_ARCH_AARCH64:
		return find(native, ARRAY_SIZE(native), sc->nr);
	case AUDIT_ARCH_ARM:
		*abi = "arm";
		return NULL;
#endif
	default:
		if (!IS_ENABLED(CONFIG_X86_64) && !IS_ENABLED(CONFIG_ARM64))
			return find(native, ARRAY_SIZE(native), sc->nr);
		/* A compat ABI this file has no table for: the number. */
		*abi = "compat";
		return NULL;
	}
}
