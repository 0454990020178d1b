/* SPDX-License-Identifier: MIT */
/*
 * loader/rdebug.h - the debugger interface (the SVR4 "r_debug" protocol).
 *
 * A debugger finds the list of loaded objects through _r_debug (by
 * symbol, or through the program's DT_DEBUG entry, which myld fills) and
 * sets a breakpoint on _dl_debug_state, which myld calls around every
 * change: first with r_state = RT_ADD or RT_DELETE, then, once the list
 * is updated, with RT_CONSISTENT.
 */
#ifndef MYLD_RDEBUG_H
#define MYLD_RDEBUG_H

#include "dso.h"

enum { RDEBUG_CONSISTENT, RDEBUG_ADD, RDEBUG_DELETE };

/*
 * Set up _r_debug, fill the program's DT_DEBUG and announce that objects
 * are being added.  COMMAND_MODE chooses the list order: with myld
 * run as a command, gdb's main executable is myld, so myld comes first
 * and the program second under its own path; otherwise the program comes
 * first (with an empty name, as glibc does) and myld last.
 */
void rdebug_init(int command_mode);

/* Then, once the objects loaded at start-up may be looked at (a glibc
 * program: after relocation, see rtld.c), publish them and announce a
 * consistent list. */
void rdebug_publish_startup(void);

/* The head of the list debuggers read. */
struct link_map_abi *rdebug_list(void);

/*
 * A change in namespace NS, in the order a debugger expects:
 * rdebug_begin(NS, RDEBUG_ADD or RDEBUG_DELETE); the list changes
 * (rdebug_publish_from appends new objects, all of FIRST's namespace, at
 * the end of its list; rdebug_remove unlinks one); rdebug_end(NS).
 * rdebug_relocated fires the reloc_complete probe for a dlopen.  Each
 * namespace has its own list and r_debug; the base one is _r_debug, the
 * others hang from its r_next (glibc's r_debug_extended, r_version 2).
 */
void rdebug_begin(long ns, int state);
void rdebug_publish_from(struct dso *first);
void rdebug_remove(struct dso *d);
void rdebug_relocated(long ns, struct link_map_abi *first_new);
void rdebug_map_failed(long ns);
void rdebug_end(long ns);

#endif
