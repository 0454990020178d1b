/* SPDX-License-Identifier: MIT */
/*
 * loader/secure.h - the secure-mode policy, as pure functions.
 *
 * When the kernel sets AT_SECURE (a set-user-ID, set-group-ID or
 * capability-raising exec), the person who started the program is not
 * trusted with the program's privileges, so nothing they put in the
 * environment may steer what gets loaded or where output goes.  This is
 * glibc's policy; rtld.c and load.c apply it, the unit tests check it.
 */
#ifndef MYLD_SECURE_H
#define MYLD_SECURE_H

/* Does secure mode ignore the environment variable NAME=value in VAR? */
int secure_ignores_variable(const char *var);

/* May secure mode preload NAME (an element of LD_PRELOAD)?  Only plain
 * names, which are then searched in the trusted directories only. */
int secure_preload_allowed(const char *name);

#endif
