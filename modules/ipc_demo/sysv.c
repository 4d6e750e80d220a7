// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/osedu/ipc/sysv: the SysV IPC objects of the reader's IPC
 * namespace. Every object begins with a struct kern_ipc_perm (public, in
 * <linux/ipc.h>) kept in its type's idr (ipc_namespace->ids[]), indexed
 * by slot; the id user space sees is slot + seq * IPCMNI, so a new object
 * in a reused slot gets a new id. The objects themselves (shmid_kernel,
 * msg_queue, sem_array) are private to ipc/: their counts are in
 * /proc/sysvipc/{shm,msg,sem}, which the tools join by id.
 *
 * The idr is walked with idr_get_next() under the type's rwsem, held from
 * ->start to ->stop as ipc/util.c's own /proc/sysvipc files do; the
 * position is (type, slot), so a read resumes in O(log n).
 */
#include <linux/idr.h>
#include <linux/ipc.h>
#include <linux/ipc_namespace.h>
#include <linux/nsproxy.h>
#include <linux/percpu_counter.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "internal.h"

/* The order of ipc_namespace->ids[]: IPC_SEM_IDS, IPC_MSG_IDS, IPC_SHM_IDS. */
static const char * const type_names[] = { "sem", "msg", "shm" };

#define POS_TYPE(pos)	((int)(((pos) - 1) >> 32))
#define POS_SLOT(pos)	((int)(((pos) - 1) & 0xffffffff))
#define POS(type, slot)	((((loff_t)(type)) << 32 | (slot)) + 1)

struct sysv_iter {
	struct ipc_namespace *ns;
	int locked;		/* the type whose rwsem is held, or -1 */
};

static struct sysv_iter *iter_of(struct seq_file *m)
{
	struct osedu_file_ctx *ctx = m->private;

	return ctx->priv;
}

static void unlock_type(struct sysv_iter *it)
{
	if (it->locked >= 0)
		up_read(&it->ns->ids[it->locked].rwsem);
	it->locked = -1;
}

/* The first object at or after (type, slot), with its type locked. */
static struct kern_ipc_perm *find(struct sysv_iter *it, loff_t *pos)
{
	int type = POS_TYPE(*pos), slot = POS_SLOT(*pos);
	struct kern_ipc_perm *p;

	for (; type < ARRAY_SIZE(type_names); type++, slot = 0) {
		if (it->locked != type) {
			unlock_type(it);
			down_read(&it->ns->ids[type].rwsem);
			it->locked = type;
		}
		p = idr_get_next(&it->ns->ids[type].ipcs_idr, &slot);
		if (p) {
			*pos = POS(type, slot);
			return p;
		}
	}
	unlock_type(it);
	*pos = POS(ARRAY_SIZE(type_names), 0);
	return NULL;
}

static void *sysv_start(struct seq_file *m, loff_t *pos)
{
	struct sysv_iter *it = iter_of(m);

	/* Only current changes its own nsproxy: stable for this read. */
	it->ns = current->nsproxy->ipc_ns;
	it->locked = -1;
	if (!*pos)
		return SEQ_START_TOKEN;
	return find(it, pos);
}

static void *sysv_next(struct seq_file *m, void *v, loff_t *pos)
{
	*pos = v == SEQ_START_TOKEN ? POS(0, 0) : *pos + 1;
	return find(iter_of(m), pos);
}

static void sysv_stop(struct seq_file *m, void *v)
{
	unlock_type(iter_of(m));
}

static void show_totals(struct seq_file *m, struct ipc_namespace *ns)
{
	seq_printf(m, "ns_ipc: %u\n", ns->ns.inum);
	seq_printf(m, "sem_ids: %d\nmsg_ids: %d\nshm_ids: %d\n",
		   READ_ONCE(ns->ids[0].in_use), READ_ONCE(ns->ids[1].in_use),
		   READ_ONCE(ns->ids[2].in_use));
	seq_printf(m, "sems_used: %d\n", READ_ONCE(ns->used_sems));
	seq_printf(m, "msg_bytes: %lld\nmsg_queued: %lld\n",
		   percpu_counter_sum(&ns->percpu_msg_bytes),
		   percpu_counter_sum(&ns->percpu_msg_hdrs));
	seq_printf(m, "shm_pages: %lu\nshm_max_pages: %zu\n",
		   READ_ONCE(ns->shm_tot), READ_ONCE(ns->shm_ctlall));
	seq_printf(m, "mq_queues: %u\n", READ_ONCE(ns->mq_queues_count));
	seq_puts(m, "type id key mode uid gid cuid cgid slot seq deleted\n");
}

static int sysv_show(struct seq_file *m, void *v)
{
	struct user_namespace *uns = seq_user_ns(m);
	struct sysv_iter *it = iter_of(m);
	struct kern_ipc_perm *p = v;

	if (v == SEQ_START_TOKEN) {
		osedu_seq_header(m, "ipc-sysv");
		show_totals(m, it->ns);
		return 0;
	}
	/* The type's rwsem keeps the object in its idr. */
	seq_printf(m, "%s %d 0x%08x 0%o %u %u %u %u %d %lu %d\n",
		   type_names[it->locked], p->id, p->key, p->mode,
		   from_kuid_munged(uns, p->uid), from_kgid_munged(uns, p->gid),
		   from_kuid_munged(uns, p->cuid),
		   from_kgid_munged(uns, p->cgid), POS_SLOT(m->index),
		   p->seq, READ_ONCE(p->deleted));
	return 0;
}

static const struct seq_operations sysv_seq_ops = {
	.start = sysv_start,
	.next = sysv_next,
	.stop = sysv_stop,
	.show = sysv_show,
};

struct osedu_file ipc_sysv_file = {
	.name = "sysv",
	.seq_ops = &sysv_seq_ops,
	.priv_size = sizeof(struct sysv_iter),
};
