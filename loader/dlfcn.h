/* SPDX-License-Identifier: MIT */
/*
 * loader/dlfcn.h - the dlfcn API (dlopen and friends) that myld exports.
 * The functions themselves have their standard names and prototypes
 * (see <dlfcn.h> and <link.h>); this header is for the rest of myld.
 */
#ifndef MYLD_DLFCN_H
#define MYLD_DLFCN_H

/* Count the objects loaded at start-up, for dl_iterate_phdr's dlpi_adds.
 * Called once, just before hand-off. */
void dlfcn_init(void);

/* The loader lock, for the rest of myld (recursive). */
void dlfcn_lock(void);
void dlfcn_unlock(void);

#endif
