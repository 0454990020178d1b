/* SPDX-License-Identifier: MIT */
/*
 * loader/explain_map.h - --explain's picture: every mapping of the
 * process, to a logarithmic scale, with the gaps between them, the
 * stack, heap, vDSO, the TLS/TCB area, myld itself, and RELRO shown
 * becoming read-only.
 */
#ifndef MYLD_EXPLAIN_MAP_H
#define MYLD_EXPLAIN_MAP_H

#include <stdint.h>
#include <stddef.h>

/* /proc/self/maps at one moment, parsed. */
struct maps_snapshot;

struct maps_snapshot *explain_map_snapshot(void);

/* What the picture marks that the kernel's maps do not say. */
struct explain_map_facts {
	const char *program;	/* the program's path, for the title */
	const char *myld_file;	/* the file the kernel maps as myld */
	uintptr_t tp;		/* the main thread's thread pointer */
	size_t static_tls;	/* bytes of the static TLS area */
	uintptr_t brk;		/* the program break: the heap grows here */
};

/*
 * Write the SVG to PATH (created 0666 less the umask) from the maps now,
 * with BEFORE (taken before relocation) for the protections during
 * relocation.  Returns 0 or a negative errno.
 */
int explain_map_write(const char *path, const struct maps_snapshot *before,
		      const struct explain_map_facts *facts);

#endif
