// SPDX-License-Identifier: GPL-2.0
/*
 * The differences between the supported kernels, in one place. FRED
 * (Flexible Return and Event Delivery) exists from 6.9: with it enabled
 * the CPU delivers events through the FRED entry points and never looks
 * at the IDT. 6.1 has no X86_FEATURE_FRED at all.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <asm/cpufeature.h>

#include "internal.h"

bool idt_fred_enabled(void)
{
#ifdef X86_FEATURE_FRED
	return cpu_feature_enabled(X86_FEATURE_FRED);
#else
	return false;
#endif
}

const char *idt_fred_state(void)
{
#ifdef X86_FEATURE_FRED
	if (idt_fred_enabled())
		return "enabled";
	if (boot_cpu_has(X86_FEATURE_FRED))
		return "supported_not_enabled";
	return "not_enabled";
#else
	return "not_in_this_kernel";
#endif
}
