/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/glibc-tunables.h - glibc's tunables (tunables.c).
 */
#ifndef MYLD_GLIBC_TUNABLES_H
#define MYLD_GLIBC_TUNABLES_H

#include <stdint.h>

/* Read GLIBC_TUNABLES and the aliases from ENVP; SECURE: AT_SECURE. */
void glibc_tunables_init(char **envp, int secure);

/* The value of the numeric tunable ID (set or default), a
 * GLIBC_TUNABLE_ID_* of glibc-layout.h; 0 if ID is -1, a tunable this
 * glibc does not have. */
int glibc_tunable_int(int id, int64_t *value);

#endif
