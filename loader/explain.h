/* SPDX-License-Identifier: MIT */
/*
 * loader/explain.h - myld --explain: a guided narration of how one
 * particular program gets loaded, for people learning how loaders work.
 */
#ifndef MYLD_EXPLAIN_H
#define MYLD_EXPLAIN_H

#include <stdint.h>

/*
 * Narrate, on stdout, the loading of the program already mapped with its
 * dependencies: each stage in order, each object with its segments, the
 * relocations by type, a few bindings with the objects searched, the TLS
 * layout and the initialisation order.  The relocation and TLS stages
 * really run (so what is shown is what happened); no initialiser runs
 * and the program does not start.  Also writes SVG_PATH, a picture of
 * the address space.  COMMAND_MODE and PROG_STACK describe the start.
 */
__attribute__((noreturn)) void explain_and_exit(int command_mode,
						const void *random,
						const char *svg_path);

#endif
