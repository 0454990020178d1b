/* SPDX-License-Identifier: MIT */
/*
 * loader/search_places.h - the places of a search list's directories
 * (search_places.c).
 */
#ifndef MYLD_SEARCH_PLACES_H
#define MYLD_SEARCH_PLACES_H

#include <stddef.h>
#include "path.h"

struct dso;

/*
 * The subdirectories tried in each search directory before the directory
 * itself (hwcaps.h), ':'-separated, from load_config: made at the first
 * search that needs them (most programs' libraries come from
 * ld.so.cache), then kept in load_config.hwcaps_subdirs.  Under the
 * loader lock, as every search.
 */
const char *places_subdirs(void);

/* How many places each directory has: places_subdirs()'s
 * subdirectories, then the directory itself, the last one. */
unsigned places_count(void);

/* Place SLOT (below places_count()) of DIR (DIRLEN bytes) in OUT
 * (PATH_MAX_LEN bytes): DIR/<subdirectory>, or DIR itself for the last;
 * its length, or -1 if too long. */
long places_path(const char *dir, size_t dirlen, unsigned slot, char *out);

/* The list element ELEM (LEN bytes) expanded with TOK into DIR
 * (PATH_MAX_LEN bytes), without trailing slashes: its length, or -1. */
long places_expand_dir(const char *elem, size_t len,
		       const struct path_tokens *tok, char *dir);

/* Is LIST, an RPATH or RUNPATH (WHY), left out because none of its
 * places exists? */
int places_list_dropped(const char *list, const struct path_tokens *tok,
			const char *why);

/* LD_DEBUG=libs's "search path=" line for LIST, OWNER's WHY. */
void places_trace_list(const char *list, const struct path_tokens *tok,
		       struct dso *owner, const char *why);

#endif
