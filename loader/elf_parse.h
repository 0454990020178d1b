/* SPDX-License-Identifier: MIT */
/*
 * loader/elf_parse.h - reading and validating ELF headers.
 *
 * This module is pure: it looks only at the bytes it is given and never
 * makes a system call, so unit tests (and a fuzzer) can feed it crafted
 * buffers.  Every check returns 0 when the input is acceptable, or -1
 * after writing a one-line reason into ERR (ELF_ERR_SIZE bytes).
 *
 * Only 64-bit little-endian objects are accepted: myld loads objects for
 * the machine it runs on, and both of its architectures are LP64 LE.
 */
#ifndef MYLD_ELF_PARSE_H
#define MYLD_ELF_PARSE_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_ERR_SIZE 160

/*
 * What a check returns.  ELF_FOREIGN is a valid object built for another
 * machine or class: a library search skips such files and looks further,
 * as other loaders do (think of /usr/lib32 appearing in a search path).
 */
enum elf_verdict {
	ELF_OK = 0,
	ELF_BAD = -1,
	ELF_FOREIGN = -2,
};

/* Upper bound on e_phnum that myld accepts: far above any real object. */
#define ELF_MAX_PHNUM 512

/* Upper bound on one segment's p_memsz (64 GiB): far above any real one. */
#define ELF_MAX_SEGMENT ((uint64_t)1 << 36)

/*
 * Check the ELF header in BUF (LEN bytes of the file's start).  MACHINE
 * is the e_machine this loader runs, MACHINE_NAME its name for messages.
 * FILE_SIZE is the size of the whole file.  Accepts ET_EXEC and ET_DYN.
 */
int elf_check_header(const void *buf, size_t len, uint64_t file_size,
		     uint16_t machine, const char *machine_name, char *err);

/* The address range the PT_LOAD segments cover, in link-time addresses. */
struct elf_span {
	uint64_t start;		/* lowest p_vaddr, page-aligned down */
	uint64_t end;		/* highest p_vaddr + p_memsz, page-aligned up */
	uint64_t align;		/* largest p_align, at least PAGE_SIZE */
};

/*
 * What the loader needs from an object's program headers, gathered in the
 * one pass that reads them, so that nothing walks them again.  Each
 * pointer is into the headers passed in, or NULL when there is no such
 * header.  The first header of each kind counts, as for glibc, except
 * that the writable range is the last writable segment's.
 */
struct elf_phdrs {
	const Elf64_Phdr *writable;	/* the last PT_LOAD with PF_W */
	const Elf64_Phdr *executable;	/* the last PT_LOAD with PF_X */
	const Elf64_Phdr *dynamic;	/* PT_DYNAMIC */
	const Elf64_Phdr *interp;	/* PT_INTERP */
	const Elf64_Phdr *tls;		/* PT_TLS */
	const Elf64_Phdr *relro;	/* PT_GNU_RELRO */
	const Elf64_Phdr *stack;	/* PT_GNU_STACK */
	const Elf64_Phdr *note4;	/* the first PT_NOTE aligned to 4 or
					 * less (where a build-id is) */

	/* For mapping the object: elf_check_phdrs only (NULL and 0 from
	 * elf_scan_phdrs). */
	const Elf64_Phdr *first_load;	/* the first and last PT_LOAD; */
	const Elf64_Phdr *last_load;	/* no PT_LOAD lies outside them */
	const Elf64_Phdr *phdr_load;	/* the first PT_LOAD whose file bytes
					 * hold the program headers */
	struct elf_span span;
};

/*
 * Check the program headers PH (PHNUM of them, read from file offset
 * PHOFF) of an object whose file is FILE_SIZE bytes long: ranges inside
 * the file, PT_LOAD segments sorted and disjoint, offsets congruent to
 * addresses modulo PAGE_SIZE, alignments powers of two, no segment both
 * writable and executable, and PT_DYNAMIC, PT_INTERP inside the file.
 * Headers of the types myld does not use are not checked.  The same pass
 * fills in OUT (see struct elf_phdrs; the span is rounded to PAGE_SIZE),
 * which is meaningful only when the headers are accepted.
 */
int elf_check_phdrs(const Elf64_Phdr *ph, size_t phnum, uint64_t phoff,
		    uint64_t file_size, uint64_t page_size,
		    struct elf_phdrs *out, char *err);

/*
 * The same checks for the headers of a program the kernel mapped
 * (interp mode), which are at PH in memory, as AT_PHDR, AT_PHENT (PHENT)
 * and AT_PHNUM said.  *BASE comes in as the load bias found without
 * PT_PHDR (from the ELF header); with a PT_PHDR it is computed from
 * that instead, once PT_PHDR is known to agree with the PT_LOAD that
 * holds it.  Either way the bias must be page-aligned and put the
 * headers inside the image.  Without the file at hand, segments' file
 * ranges are not compared with its size (the kernel did).
 */
int elf_check_mapped_phdrs(const Elf64_Phdr *ph, size_t phnum,
			   size_t phent, uint64_t page_size, uint64_t *base,
			   struct elf_phdrs *out, char *err);

/*
 * Fill in OUT, but for what only mapping needs, from the headers of an
 * object that is in memory already (the kernel mapped it, and so
 * accepted them): the pass of elf_check_phdrs without its checks.
 */
void elf_scan_phdrs(const Elf64_Phdr *ph, size_t phnum,
		    struct elf_phdrs *out);

/*
 * Do two PT_LOADs map file offset OFF at different addresses?  Then the
 * kernel's AT_PHDR, for headers at OFF, names the copy of its choice.
 */
int elf_offset_mapped_twice(const Elf64_Phdr *ph, size_t phnum, uint64_t off);
#define TWICE_MAPPED_PHDRS \
	"two PT_LOADs map the program headers at different addresses"

/* The first program header of TYPE, or NULL. */
const Elf64_Phdr *elf_find_phdr(const Elf64_Phdr *ph, size_t phnum,
				uint32_t type);

/* Is [VADDR, VADDR + SIZE) inside the memory image of some PT_LOAD? */
int elf_vaddr_in_load(const Elf64_Phdr *ph, size_t phnum, uint64_t vaddr,
		      uint64_t size);

/* The same, inside one PT_LOAD whose p_flags have all of FLAGS. */
int elf_vaddr_in_load_with(const Elf64_Phdr *ph, size_t phnum,
			   uint64_t vaddr, uint64_t size, uint32_t flags);

/* A printable name for e_machine values myld may meet. */
const char *elf_machine_name(uint16_t machine);

/*
 * The dynamic section, decoded.  Tags below DT_NUM (which include the
 * DT_RELR ones) are stored by tag;
 * the few others myld uses get their own fields.  A value is 0 when the
 * tag is absent (no tag myld uses has a meaningful value of 0, except
 * sizes, which come with their table).  NEEDED entries are only counted:
 * walk the section again to read them in order.
 */
struct dyn_info {
	uint64_t tag[DT_NUM];
	uint8_t present[DT_NUM];
	uint64_t gnu_hash;
	uint64_t versym;
	uint64_t verdef;
	uint64_t verdefnum;
	uint64_t verneed;
	uint64_t verneednum;
	uint64_t flags_1;
	size_t needed_count;
	size_t debug_index;	/* of DT_DEBUG, the entry a debugger reads */
};

/*
 * Decode the dynamic section DYN of at most COUNT entries (it ends at
 * DT_NULL or at COUNT, whichever comes first).  OUT must be zeroed
 * (the dyn_info inside a new dso is): clearing its 400 bytes again
 * would cost a third of the decoding.
 */
void elf_decode_dynamic(const Elf64_Dyn *dyn, size_t count,
			struct dyn_info *out);

#endif
