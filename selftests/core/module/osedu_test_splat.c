// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only: makes the kernel report a memory error on purpose when it is
 * loaded, so that vm/tests/splat can show that a run fails on it. No
 * kselftest loads it.
 *
 *   what=uaf     a write to a freed slab object; SLUB's poisoning
 *                (slub_debug=P) reports it when the object is handed out
 *                again, as "Poison overwritten"
 *   what=kfence  a read past the end of an object KFENCE guards; KFENCE
 *                reports it at once (needs kfence.sample_interval set)
 *   what=warn    a WARN, the plainest splat
 *   what=fault   a read of an unmapped kernel address: the oops arm64
 *                reports as "Unable to handle kernel ..." and "Internal
 *                error: Oops" (x86: "BUG: kernel NULL pointer dereference")
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *what = "uaf";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "uaf, kfence, warn or fault");

/* Not a constant the compiler could see is NULL-ish and fold away. */
static unsigned long bad_address = 16;
module_param(bad_address, ulong, 0444);

#define OBJ_SIZE	64

static struct kmem_cache *cache;

static int splat_uaf(void)
{
	char *obj, *again;

	/* A cache of its own, so that the object freed is the one reused. */
	cache = kmem_cache_create("osedu_test_splat", OBJ_SIZE, 0, 0, NULL);
	if (!cache)
		return -ENOMEM;
	obj = kmem_cache_alloc(cache, GFP_KERNEL);
	if (!obj)
		return -ENOMEM;
	kmem_cache_free(cache, obj);
	/* The deliberate bug. Offset 8 misses SLUB's free pointer. */
	WRITE_ONCE(obj[8], 0x42);
	again = kmem_cache_alloc(cache, GFP_KERNEL);
	pr_info("freed %p, allocated %p again\n", obj, again);
	if (again)
		kmem_cache_free(cache, again);
	return 0;
}

static int splat_kfence(void)
{
#ifdef CONFIG_KFENCE
	unsigned long end = jiffies + 20 * HZ;
	char *obj;

	/* KFENCE guards one allocation per sample interval: wait for ours. */
	while (time_before(jiffies, end)) {
		obj = kmalloc(OBJ_SIZE, GFP_KERNEL);
		if (!obj)
			return -ENOMEM;
		if (is_kfence_address(obj)) {
			/*
			 * The deliberate bug: one byte out of bounds, into
			 * the guard page. KFENCE puts an object at the end
			 * of its page or at its start, so that byte is just
			 * after it or just before it.
			 */
			char *out = PAGE_ALIGNED(obj + OBJ_SIZE) ?
				    obj + OBJ_SIZE : obj - 1;

			pr_info("read out of bounds: %d\n", READ_ONCE(*out));
			kfree(obj);
			return 0;
		}
		kfree(obj);
		usleep_range(200, 400);
	}
	pr_err("no KFENCE allocation within 20 s\n");
	return -ETIMEDOUT;
#else
	return -EOPNOTSUPP;
#endif
}

static int __init splat_init(void)
{
	if (!strcmp(what, "uaf"))
		return splat_uaf();
	if (!strcmp(what, "kfence"))
		return splat_kfence();
	if (!strcmp(what, "warn")) {
		WARN(1, "deliberate warning\n");
		return 0;
	}
	if (!strcmp(what, "fault"))
		return READ_ONCE(*(int *)bad_address) ? 0 : -EFAULT;
	return -EINVAL;
}

static void __exit splat_exit(void)
{
	kmem_cache_destroy(cache);
}

module_init(splat_init);
module_exit(splat_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("osedu test-only: deliberate memory errors for vm/tests/splat");
