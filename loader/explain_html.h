/* SPDX-License-Identifier: MIT */
/*
 * loader/explain_html.h - --explain-html: one page for browsing a
 * loaded program.
 */
#ifndef MYLD_EXPLAIN_HTML_H
#define MYLD_EXPLAIN_HTML_H

#include "explain_map.h"

/*
 * Write the page to PATH (created 0666 less the umask): the address
 * space map (explain_map.c's picture, from BEFORE and now), the
 * DT_NEEDED graph and the load order, each object's segments, dynamic
 * tags, relocation counts by type and TLS block, every symbolic
 * relocation's binding (interposition and version choices marked,
 * with a filter box), and the init and fini order.  Call after
 * relocation.  The page is self-contained: its style and its one
 * script are inline, and it loads nothing.  Returns 0 or a negative
 * errno.
 */
int explain_html_write(const char *path, const struct maps_snapshot *before,
		       const struct explain_map_facts *facts);

#endif
