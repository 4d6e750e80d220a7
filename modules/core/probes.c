// SPDX-License-Identifier: GPL-2.0
/*
 * Tracepoint probes by name, for every osedu module: the tracepoints
 * themselves are not exported, so each is looked up with
 * for_each_kernel_tracepoint() once and registered only while needed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include <osedu/core.h>

struct find_ctx {
	struct osedu_probe *probes;
	size_t n;
};

static void match_tracepoint(struct tracepoint *tp, void *priv)
{
	struct find_ctx *ctx = priv;
	size_t i;

	for (i = 0; i < ctx->n; i++)
		if (!strcmp(tp->name, ctx->probes[i].name))
			ctx->probes[i].tp = tp;
}

int osedu_probes_find(struct osedu_probe *probes, size_t n)
{
	struct find_ctx ctx = { .probes = probes, .n = n };
	size_t i;

	for_each_kernel_tracepoint(match_tracepoint, &ctx);
	for (i = 0; i < n; i++) {
		if (!probes[i].tp) {
			pr_err("tracepoint %s not found\n", probes[i].name);
			return -ENOENT;
		}
	}
	return 0;
}
EXPORT_SYMBOL_GPL(osedu_probes_find);

static void unregister_first(struct osedu_probe *probes, size_t n)
{
	while (n--)
		tracepoint_probe_unregister(probes[n].tp, probes[n].func,
					    probes[n].data);
	/* Waits for probes still running on other CPUs. */
	tracepoint_synchronize_unregister();
}

int osedu_probes_register(struct osedu_probe *probes, size_t n)
{
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		if (!probes[i].tp) {
			ret = osedu_probes_find(probes, n);
			if (ret)
				return ret;
		}
	}
	for (i = 0; i < n; i++) {
		ret = tracepoint_probe_register(probes[i].tp, probes[i].func,
						probes[i].data);
		if (ret)
			goto unregister;
	}
	return 0;

unregister:
	unregister_first(probes, i);
	return ret;
}
EXPORT_SYMBOL_GPL(osedu_probes_register);

void osedu_probes_unregister(struct osedu_probe *probes, size_t n)
{
	unregister_first(probes, n);
}
EXPORT_SYMBOL_GPL(osedu_probes_unregister);
