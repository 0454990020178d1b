/* SPDX-License-Identifier: MIT */
/*
 * loader/map.h - putting an object's PT_LOAD segments into memory.
 */
#ifndef MYLD_MAP_H
#define MYLD_MAP_H

#include "dso.h"

struct stat;

/* The system page size, from AT_PAGESZ; set once at start-up. */
extern size_t map_page_size;

/*
 * Where map_object reads an object's first bytes: enough for the ELF
 * header and the program headers of nearly every object, so one read
 * usually gets both.  The caller provides it (on its stack), so that
 * two loads never share one.
 */
#define MAP_HEADER_READ 4096
struct map_header {
	char bytes[MAP_HEADER_READ] __attribute__((aligned(8)));
};

/*
 * Read and validate the headers of the ELF file open on FD, into HEADER,
 * then map its segments: one reservation for the whole span (aligned to
 * the largest p_align), each segment at its place with its own
 * protections, and the bss zeroed.  Returns a new dso with the addresses
 * and program headers filled in, or NULL after writing the reason to
 * ERR (ELF_ERR_SIZE bytes) and whether the file was merely foreign to
 * *VERDICT; nothing stays mapped on failure.  HEADER is not needed after
 * the call.  ST is FD's fstat, when the caller has it already (it looked
 * for the file among the objects loaded), or NULL.
 */
struct dso *map_object(int fd, const struct stat *st,
		       struct map_header *header, char *err,
		       enum elf_verdict *verdict);

/*
 * Describe an object that is already in memory (the program, when the
 * kernel mapped it; myld itself) from its program headers.  PHDR is
 * their run-time address.
 */
struct dso *map_adopt(const Elf64_Phdr *phdr, size_t phnum, uintptr_t base);

/*
 * Make D's PT_GNU_RELRO region read-only, after its relocation.  The
 * region was checked to lie inside D (elf_check_phdrs).  Returns 0, or
 * the -errno of mprotect.
 */
int map_protect_relro(struct dso *d);

/*
 * myld's own RELRO, made read-only in two steps.  STEP 0: all of it but
 * the pages holding [KEEP_START, KEEP_END), the data a libc personality
 * fills during start-up; STEP 1 (once start-up is done): those pages.
 * Returns 0, or the failed mprotect's -errno.
 */
long map_protect_loader_relro(const struct dso *d, uintptr_t keep_start,
			      uintptr_t keep_end, int step);

/* Unmap everything map_object mapped for D. */
void map_unmap(struct dso *d);

/* Give PT_LOAD segments that are not writable write access, or take
 * it back (RESTORE), for relocating an object with text relocations. */
int map_textrel_writable(const struct dso *d, int restore);

#endif
