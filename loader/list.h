/* SPDX-License-Identifier: MIT */
/*
 * loader/list.h - what --list (ldd) prints once the objects are loaded.
 */
#ifndef MYLD_LIST_H
#define MYLD_LIST_H

#include <stdint.h>

/*
 * Print the loaded objects in ldd's format and exit 0.  VDSO is the
 * vDSO's address from the auxiliary vector (0: none).
 */
__attribute__((noreturn)) void list_objects_and_exit(uintptr_t vdso);

/*
 * For "ldd -u", once every symbol is bound: name the program's direct
 * dependencies that no binding went to, and exit 1 if there was any,
 * else 0, as glibc's loader does.
 */
__attribute__((noreturn)) void list_unused_and_exit(void);

#endif
