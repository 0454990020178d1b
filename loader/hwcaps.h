/* SPDX-License-Identifier: MIT */
/*
 * loader/hwcaps.h - glibc-hwcaps subdirectories: builds of a library
 * for newer CPUs, installed beside it as
 * <dir>/glibc-hwcaps/<name>/<library> (x86-64-v2, x86-64-v3, ...), and
 * preferred to <dir>/<library> on a CPU that runs them.
 *
 * The list of names to try comes from three places, as in glibc 2.36:
 * --glibc-hwcaps-prepend's names first, always; then the CPU's built-in
 * names (arch/<cpu>/hwcaps.c), best first, those the CPU supports and,
 * with --glibc-hwcaps-mask, only those the mask names.
 *
 * After them come the legacy hwcaps subdirectories, which glibc 2.36
 * still searches (2.37 dropped them): every combination of "tls", the
 * platform and the CPU's important capability names, such as
 * tls/x86_64/x86_64 or aarch64/atomics.
 */
#ifndef MYLD_HWCAPS_H
#define MYLD_HWCAPS_H

#include <stddef.h>
#include <stdint.h>

/* The directory under a search directory that holds the variants. */
#define HWCAPS_DIR "glibc-hwcaps/"

/*
 * The CPU's built-in names, best first, ':'-separated ("" when the CPU
 * has none, as aarch64 in glibc 2.36), and which of them this CPU can
 * run: bit I for the I-th name.  Implemented in arch/<cpu>/hwcaps.c.
 */
const char *arch_hwcaps_subdirs(void);
uint32_t arch_hwcaps_subdirs_active(void);

/*
 * The names to try, in order, ':'-separated, into OUT (OUTSZ bytes;
 * strlen(PREPEND) + strlen(BUILTIN) + 2 always suffice): the names of
 * PREPEND, then those of BUILTIN whose bit is set in ACTIVE and that
 * MASK names (MASK NULL: all).  Empty elements are skipped.  Returns
 * the length, or -1 when OUT is too small.  Pure.
 */
long hwcaps_build_list(const char *prepend, const char *builtin,
		       uint32_t active, const char *mask, char *out,
		       size_t outsz);

/* At most this many legacy names (capabilities and the platform). */
#define HWCAPS_LEGACY_MAX 4

/*
 * The legacy names for this CPU into NAMES, in glibc's order: the
 * important capabilities by bit number, then the platform (PLATFORM,
 * AT_PLATFORM's string, unless the CPU's own rule names another; NULL
 * if none).  HWCAP is AT_HWCAP.  Returns how many.  Implemented in
 * arch/<cpu>/hwcaps.c.
 */
size_t arch_legacy_hwcaps(const char *names[HWCAPS_LEGACY_MAX],
			  const char *platform, uint64_t hwcap);

/*
 * The legacy subdirectories built from NAMES (COUNT of them) and "tls",
 * in glibc's order, ':'-separated, into OUT (OUTSZ bytes): every subset
 * but the empty one, the subsets with more of the later names first,
 * each written from its last name to its first ("tls/x86_64/x86_64").
 * Returns the length, or -1 when OUT is too small.  Pure.
 */
long hwcaps_legacy_list(const char *const *names, size_t count, char *out,
			size_t outsz);

/* Does the ':'-separated LIST name NAME (LEN bytes)?  NULL names all. */
int hwcaps_list_names(const char *list, const char *name, size_t len);

#endif
