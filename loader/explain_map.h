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
 * A file written through a buffer; the first failed write is kept and
 * returned by explain_out_close.  explain_out_open creates PATH with
 * mode 0666 less the umask; it and explain_out_close return 0 or a
 * negative errno.
 */
struct explain_out {
	int fd;
	int error;
	size_t len;
	char buf[4096];
};

int explain_out_open(struct explain_out *o, const char *path);
__attribute__((format(printf, 2, 3)))
void explain_out_put(struct explain_out *o, const char *fmt, ...);
/* S as it is (the page's own markup, style and script). */
void explain_out_raw(struct explain_out *o, const char *s);
/* S as XML/HTML text or attribute value: markup characters become
 * entities, bytes outside printable ASCII become \xNN. */
void explain_out_text(struct explain_out *o, const char *s);
int explain_out_close(struct explain_out *o);

/* Draw the picture into O (STANDALONE: as an SVG file, with its XML
 * declaration; else for a page to hold). */
void explain_map_draw(struct explain_out *o, int standalone,
		      const struct maps_snapshot *before,
		      const struct explain_map_facts *facts);

/*
 * Write the SVG to PATH (created 0666 less the umask) from the maps now,
 * with BEFORE (taken before relocation) for the protections during
 * relocation.  Returns 0 or a negative errno.
 */
int explain_map_write(const char *path, const struct maps_snapshot *before,
		      const struct explain_map_facts *facts);

#endif
