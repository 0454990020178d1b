/* SPDX-License-Identifier: MIT */
/*
 * loader/program.h - the program the kernel mapped (interp mode).
 */
#ifndef MYLD_PROGRAM_H
#define MYLD_PROGRAM_H

#include <stdint.h>

#include "dso.h"

/*
 * Adopt the program the kernel mapped, described by the auxiliary
 * vector's values AT (by type), once its headers pass the checks a file
 * myld maps itself must pass: the kernel accepts overlapping segments, a
 * PT_PHDR that lies, a PT_DYNAMIC anywhere.  Its path is AT_EXECFN's,
 * else ARGV0.  Fatal (one line) when the headers are not acceptable.
 */
struct dso *program_adopt_from_kernel(const uintptr_t *at, const char *argv0);

#endif
