/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/glibc-tunables.h - glibc's tunables (tunables.c).
 */
#ifndef MYLD_GLIBC_TUNABLES_H
#define MYLD_GLIBC_TUNABLES_H

#include <stdint.h>

/* Read GLIBC_TUNABLES and the aliases from ENVP; SECURE: AT_SECURE. */
void glibc_tunables_init(char **envp, int secure);

/* The value of the numeric tunable NAME (set or default); 0 if there is
 * no such tunable in this glibc. */
int glibc_tunable_int(const char *name, int64_t *value);

#endif
