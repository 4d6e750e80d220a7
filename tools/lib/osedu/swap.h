/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A swap device on request, for the memory tests and labs (swap.c). In
 * the osedu VM it is zram, loaded from the modules vm/initramfs copies
 * from the kernel package into /lib/modules/osedu/swap/; on a student's
 * machine it is whatever swap is already on.
 */
#ifndef OSEDU_SWAP_H
#define OSEDU_SWAP_H

#include <stddef.h>

/*
 * Make sure swap is on: 0 with the first swap device's name in DEV (LEN
 * bytes), turning on a zram device of MIB MiB if none is on. -ENODEV when
 * there is no swap and no zram to make one; another -errno on failure.
 */
int osedu_swap_on(unsigned int mib, char *dev, size_t len);
/* Turn off what osedu_swap_on() turned on (nothing else); 0 or -errno. */
int osedu_swap_off(void);
/* Swap in use, in kB (SwapTotal - SwapFree of /proc/meminfo), or -1. */
long osedu_swap_used_kb(void);

#endif /* OSEDU_SWAP_H */
