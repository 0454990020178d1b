/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/hwcaps.c - glibc 2.36 has no built-in glibc-hwcaps
 * subdirectories for aarch64: only --glibc-hwcaps-prepend's are tried.
 * Its legacy subdirectories are made of the platform and "atomics".
 */
#include "hwcaps.h"

const char *arch_hwcaps_subdirs(void)
{
	return "";
}

uint32_t arch_hwcaps_subdirs_active(void)
{
	return 0;
}

/* AT_HWCAP's bit for the LSE atomics, the one capability glibc 2.36
 * makes a legacy subdirectory of on aarch64 (its HWCAP_IMPORTANT). */
#define HWCAP_ATOMICS (1u << 8)

size_t arch_legacy_hwcaps(const char *names[HWCAPS_LEGACY_MAX],
			  const char *platform, uint64_t hwcap)
{
	size_t n = 0;

	if (hwcap & HWCAP_ATOMICS)
		names[n++] = "atomics";
	if (platform)
		names[n++] = platform;
	return n;
}
