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
 * and the program does not start.  Also writes SVG_PATH (unless NULL), a
 * picture of the address space, and HTML_PATH (unless NULL), a page for
 * browsing all of it (explain_html.h).  COMMAND_MODE and PROG_STACK describe the start.
 */
__attribute__((noreturn)) void explain_and_exit(int command_mode,
						const void *random,
						const char *svg_path,
						const char *html_path);

/* Shared with explain_html.c, which shows the same facts as a page. */
struct dso;

/* "r-x" for the segment flags FLAGS, into OUT. */
void explain_prot_string(uint32_t flags, char out[4]);

/* What a PT_LOAD segment with these protections usually holds. */
const char *explain_segment_role(uint32_t flags, int has_bss, int relro);

/* How many relocations of one type an object has. */
struct reloc_count {
	uint32_t type;
	uint64_t count;
};

/*
 * Count D's relocations by type, in order of first appearance (at most
 * MAX types), and its DT_RELR words into *RELR, without applying
 * anything.  Returns the number of types.
 */
size_t explain_reloc_counts(struct dso *d, struct reloc_count *counts,
			    size_t max, uint64_t *relr);

/* What a relocation of TYPE asks the loader to do, in one line. */
const char *explain_reloc_meaning(uint32_t type);

#endif
