/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/hwcaps.c - glibc 2.36 has no built-in glibc-hwcaps
 * subdirectories for aarch64: only --glibc-hwcaps-prepend's are tried.
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
