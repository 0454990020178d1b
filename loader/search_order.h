/* SPDX-License-Identifier: MIT */
/*
 * loader/search_order.h - glibc's order of places to search for a
 * library, and the absolute paths $ORIGIN and the debugger need.
 */
#ifndef MYLD_SEARCH_ORDER_H
#define MYLD_SEARCH_ORDER_H

#include "dso.h"
#include "path.h"

/*
 * PATH made absolute against the working directory (see path_absolute)
 * in OUT, of PATH_MAX_LEN bytes.  Returns its length, or -1.
 */
long load_absolute_path(const char *path, char *out);

/*
 * The same for a relative PATH, in a block of its own from mem_alloc.
 * Returns NULL where load_absolute_path returns -1.
 */
char *load_absolute_copy(const char *path);

/* The absolute directory of D, for $ORIGIN, or NULL if unknown (and
 * in secure mode, where $ORIGIN is not trusted). */
const char *load_origin(struct dso *d);

/* The absolute directory of D, or NULL if unknown: load_origin's
 * answer, in secure mode too (for dlinfo's RTLD_DI_ORIGIN). */
const char *load_directory_of(struct dso *d);

/*
 * One list of directories that the search for a name without a slash
 * goes through: ':'-separated, with tokens ($ORIGIN, $LIB, $PLATFORM)
 * that expand for OWNER (NULL: none).  WHY names it, as glibc's
 * LD_DEBUG=libs does ("RPATH", "LD_LIBRARY_PATH", "RUNPATH",
 * "system search path").  CACHE marks the step that looks the name up
 * in /etc/ld.so.cache, which has no directories (DIRS is NULL).
 */
struct search_list {
	const char *dirs;
	struct dso *owner;
	const char *why;
	int cache;
};

/* The values of L's tokens, as the search expands them, in TOK. */
void load_list_tokens(const struct search_list *l, struct path_tokens *tok);

/* Returns nonzero to end the walk. */
typedef int (*search_visit)(void *ctx, const struct search_list *l);

/*
 * Call VISIT with CTX for each list that a name needed by REQUESTER is
 * searched in, in glibc's order (search_order.c states it), until VISIT returns
 * nonzero.  Returns that value, or 0.
 */
int load_search_order(struct dso *requester, search_visit visit, void *ctx);

#endif
