/* SPDX-License-Identifier: MIT */
/*
 * loader/alloc.h - myld's own memory allocator.
 *
 * myld cannot use the program's malloc: it runs before the program's
 * libc exists, and later (dlopen) it must not depend on the state of the
 * program's heap.  Small blocks come from size classes carved out of
 * mmap'd chunks and are recycled through free lists; a chunk whose blocks
 * are all free is unmapped.  Large blocks are mapped and unmapped
 * individually.  So memory a dlclose frees goes back to the system
 * (docs/pipeline.md, "Memory").  Callers hold the loader lock.
 */
#ifndef MYLD_ALLOC_H
#define MYLD_ALLOC_H

#include <stddef.h>

/* Returns zeroed memory aligned to 16 bytes.  Dies when out of memory. */
void *mem_alloc(size_t size);
/*
 * The same, for a block the caller is about to write from end to end:
 * a large one is mapped with its pages already present, which costs one
 * system call instead of a page fault for each page.
 */
void *mem_alloc_filled(size_t size);
void mem_free(void *p);
char *mem_strdup(const char *s);
/* The first N bytes of S, NUL-terminated. */
char *mem_strndup(const char *s, size_t n);

#endif
