/* SPDX-License-Identifier: MIT */
/*
 * loader/program.c - stage 3 in interp mode: the program the kernel
 * mapped, taken over as myld's first object (program.h).  In command
 * mode myld maps the program itself (load.c, load_program_file).
 */
#include "program.h"
#include "diag.h"
#include "dynamic.h"
#include "elf_parse.h"
#include "lib.h"
#include "map.h"
#include "sys.h"

/*
 * The load bias of a program the kernel mapped, when it has no PT_PHDR
 * (elf_check_mapped_phdrs computes it from PT_PHDR otherwise): the
 * headers then sit in the first page of the segment that maps file
 * offset 0, right after the ELF header.  0 when that is not so, or
 * when the auxiliary vector's PHNUM headers cannot be headers.  Fatal
 * when two segments map the headers at different addresses: which
 * copy AT_PHDR names is the kernel's choice.
 */
static uintptr_t kernel_program_base(const Elf64_Phdr *ph, size_t phnum,
				     const char *path)
{
	if (!ph || (uintptr_t)ph % 8 || phnum > ELF_MAX_PHNUM ||
	    elf_find_phdr(ph, phnum, PT_PHDR))
		return 0;
	for (size_t i = 0; i < phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_offset != 0)
			continue;
		uintptr_t ehdr = ALIGN_DOWN((uintptr_t)ph, map_page_size);
		const Elf64_Ehdr *eh = (const void *)ehdr;

		if (memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
		    ehdr + eh->e_phoff != (uintptr_t)ph)
			continue;
		if (elf_offset_mapped_twice(ph, phnum, eh->e_phoff))
			diag_die(path, "%s", TWICE_MAPPED_PHDRS);
		return ehdr - ph[i].p_vaddr;
	}
	return 0;
}

/*
 * Can the auxiliary vector's PHNUM headers at PH be read?  The kernel
 * maps the segment holding them as its p_flags say, which may be
 * unreadable.  Malformed values are left to elf_check_mapped_phdrs.
 */
static int kernel_headers_readable(const Elf64_Phdr *ph, size_t phnum)
{
	uintptr_t first = (uintptr_t)ph;
	uintptr_t last = first + phnum * sizeof(*ph) - 4;

	if (!ph || first % 8 || !phnum || phnum > ELF_MAX_PHNUM ||
	    last < first)
		return 1;
	/* A word of every page the headers touch. */
	for (uintptr_t at = first; at <= last;
	     at = ALIGN_DOWN(at, map_page_size) + map_page_size)
		if (!sys_word_readable((const void *)at))
			return 0;
	return 1;
}

struct dso *program_adopt_from_kernel(const uintptr_t *at, const char *argv0)
{
	const Elf64_Phdr *ph = (const void *)at[AT_PHDR];
	size_t phnum = at[AT_PHNUM];
	const char *path = at[AT_EXECFN] ? (const char *)at[AT_EXECFN] : argv0;
	struct elf_phdrs checked;
	char err[ELF_ERR_SIZE];

	if (!kernel_headers_readable(ph, phnum))
		diag_die(path, "the program headers lie in unreadable memory");
	uint64_t base = kernel_program_base(ph, phnum, path);

	if (elf_check_mapped_phdrs(ph, phnum, at[AT_PHENT],
				   map_page_size, &base, &checked, err))
		diag_die(path, "%s", err);

	struct dso *prog = map_adopt(ph, phnum, base);
	prog->from_kernel = 1;
	prog->kind = DSO_PROGRAM;
	prog->entry = at[AT_ENTRY];
	prog->path = (char *)path;
	prog->name = prog->path;
	if (dynamic_read(prog, err))
		diag_die(prog->path, "%s", err);
	return prog;
}
