/* SPDX-License-Identifier: MIT */
/*
 * loader/elf_parse.c - validating ELF headers before anything trusts them.
 * See elf_parse.h.  Each check names the field and, where it helps, the values.
 */
#include "elf_parse.h"
#include "lib.h"

#define fail(...) (fmt_format(err, ELF_ERR_SIZE, __VA_ARGS__), ELF_BAD)
#define foreign(...) (fmt_format(err, ELF_ERR_SIZE, __VA_ARGS__), ELF_FOREIGN)

const char *elf_machine_name(uint16_t machine)
{
	switch (machine) {
	case EM_386: return "i386";
	case EM_ARM: return "arm";
	case EM_X86_64: return "x86_64";
	case EM_AARCH64: return "aarch64";
	case EM_RISCV: return "riscv";
	case EM_PPC64: return "ppc64";
	case EM_S390: return "s390";
	case EM_MIPS: return "mips";
	}
	return NULL;
}

/* Four byte compares: a call to memcmp costs several times more. */
static int has_elf_magic(const unsigned char *ident)
{
	return ident[EI_MAG0] == ELFMAG0 && ident[EI_MAG1] == ELFMAG1 &&
	       ident[EI_MAG2] == ELFMAG2 && ident[EI_MAG3] == ELFMAG3;
}

int elf_check_header(const void *buf, size_t len, uint64_t file_size,
		     uint16_t machine, const char *machine_name, char *err)
{
	const unsigned char *ident = buf;
	const Elf64_Ehdr *eh = buf;
	uint64_t ph_end;

	if (len < SELFMAG || !has_elf_magic(ident))
		return fail("not an ELF file");
	if (len < EI_NIDENT)
		return fail("truncated ELF header");
	if (ident[EI_CLASS] != ELFCLASS64) {
		if (ident[EI_CLASS] == ELFCLASS32)
			return foreign("wrong ELF class: 32-bit");
		return fail("invalid ELF class %u", ident[EI_CLASS]);
	}
	if (ident[EI_DATA] != ELFDATA2LSB)
		return foreign("wrong byte order: big-endian");
	if (ident[EI_VERSION] != EV_CURRENT)
		return fail("invalid ELF version %u", ident[EI_VERSION]);
	if (len < sizeof(Elf64_Ehdr))
		return fail("truncated ELF header");
	if (eh->e_machine != machine) {
		const char *name = elf_machine_name(eh->e_machine);

		if (name)
			return foreign("wrong machine: %s (this myld is for %s)",
				    name, machine_name);
		return foreign("wrong machine: %u (this myld is for %s)",
			    eh->e_machine, machine_name);
	}
	if (eh->e_type != ET_DYN && eh->e_type != ET_EXEC) {
		if (eh->e_type == ET_REL)
			return fail("a relocatable object (ET_REL) cannot be "
				    "loaded");
		if (eh->e_type == ET_CORE)
			return fail("a core file (ET_CORE) cannot be loaded");
		return fail("unsupported ELF type %u", eh->e_type);
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return fail("invalid e_phentsize %u", eh->e_phentsize);
	if (eh->e_phnum == 0)
		return fail("no program headers");
	if (eh->e_phnum > ELF_MAX_PHNUM)
		return fail("too many program headers (%u)", eh->e_phnum);
	if (eh->e_phoff % 8 != 0)
		return fail("misaligned e_phoff %lu", (unsigned long)eh->e_phoff);
	if (!add_ok(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr),
		    &ph_end) ||
	    ph_end > file_size)
		return fail("program headers lie outside the file");
	return 0;
}

/*
 * The checks every header of a type myld uses must pass: its file bytes
 * inside the file, its memory image of a sane size.
 */
static inline __attribute__((always_inline)) int
check_extent(const Elf64_Phdr *p, size_t i, uint64_t file_size, char *err)
{
	uint64_t end;

	if (p->p_filesz > p->p_memsz)
		return fail("segment %zu: p_filesz exceeds p_memsz", i);
	if (!add_ok(p->p_offset, p->p_filesz, &end) || end > file_size)
		return fail("segment %zu lies outside the file", i);
	/*
	 * Keep every address computation far from overflow, and refuse
	 * images no real object has: a reservation of tens of terabytes
	 * only wastes time (under qemu-user, minutes).
	 */
	if (!add_ok(p->p_vaddr, p->p_memsz, &end) ||
	    end > ((uint64_t)1 << 47) || p->p_memsz > ELF_MAX_SEGMENT)
		return fail("segment %zu: address range too large", i);
	return 0;
}

/* The checks a PT_LOAD must pass besides; PREV is the PT_LOAD before it. */
static int check_load(const Elf64_Phdr *p, size_t i, const Elf64_Phdr *prev,
		      uint64_t page_size, char *err)
{
	if (p->p_align & (p->p_align - 1))
		return fail("segment %zu: p_align %#lx is not a power of two",
			    i, (unsigned long)p->p_align);
	if ((p->p_vaddr - p->p_offset) % page_size != 0)
		return fail("segment %zu: p_vaddr and p_offset differ modulo "
			    "the page size", i);
	if ((p->p_flags & PF_W) && (p->p_flags & PF_X))
		return fail("segment %zu is both writable and executable", i);
	if (prev) {
		if (p->p_vaddr < prev->p_vaddr)
			return fail("PT_LOAD segments are not sorted by "
				    "address");
		if (p->p_vaddr < prev->p_vaddr + prev->p_memsz)
			return fail("PT_LOAD segments overlap");
	}
	return 0;
}

/*
 * mprotect makes the whole pages of RELRO read-only after relocation
 * (its start rounded down, its end rounded down, as glibc does): those
 * pages must be pages of one PT_LOAD, else other objects' memory or
 * myld's own would become read-only.  Linkers may round RELRO's end up
 * to a page boundary past its segment's p_memsz (lld does), which stays
 * within the segment's last page.  Returns 1 when they are, and that
 * PT_LOAD is data (writable, not executable): RELRO is data the
 * relocations wrote, and pages of code made read-only would lose
 * PROT_EXEC before the initialisers run.  Returns 0 when they lie
 * outside every PT_LOAD, -1 when inside one that is not data.
 */
static int relro_in_load(const Elf64_Phdr *ph, size_t phnum,
			 const Elf64_Phdr *relro, uint64_t page_size)
{
	uint64_t end;

	if (!add_ok(relro->p_vaddr, relro->p_memsz, &end) ||
	    end > ((uint64_t)1 << 47))
		return 0;
	uint64_t lo = ALIGN_DOWN(relro->p_vaddr, page_size);
	uint64_t hi = ALIGN_DOWN(end, page_size);

	if (hi <= lo)
		return 1;	/* nothing to protect */
	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_LOAD &&
		    ALIGN_DOWN(ph[i].p_vaddr, page_size) <= lo &&
		    hi <= ALIGN_UP(ph[i].p_vaddr + ph[i].p_memsz, page_size))
			return (ph[i].p_flags & (PF_W | PF_X)) == PF_W ? 1 : -1;
	return 0;
}

/* The first header of each kind counts, as for glibc. */
static inline void keep_first(const Elf64_Phdr **kind, const Elf64_Phdr *p)
{
	if (!*kind)
		*kind = p;
}

/* Where the program headers are in the file, for elf_check_phdrs. */
struct phdr_file {
	uint64_t size;		/* of the whole file */
	uint64_t phoff, ph_end;	/* the program headers' bytes */
};

/*
 * The one pass over the program headers behind elf_check_phdrs (FILE
 * set: each header is validated before it is recorded) and
 * elf_scan_phdrs (FILE NULL: recorded only).  It is inlined into each,
 * so that the scan carries none of the checks.  A switch on p_type
 * makes a header of a type myld ignores cost a few instructions.
 */
static inline __attribute__((always_inline)) int
walk_phdrs(const Elf64_Phdr *ph, size_t phnum, const struct phdr_file *file,
	   uint64_t page_size, struct elf_phdrs *out, char *err)
{
	uint64_t align = page_size;

	*out = (struct elf_phdrs){ 0 };
	for (size_t i = 0; i < phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		switch (p->p_type) {
		case PT_LOAD:
			if (p->p_flags & PF_W)
				out->writable = p;
			if (p->p_flags & PF_X)
				out->executable = p;
			/* The rest is for mapping the object: the scan's
			 * objects are mapped already. */
			if (!file)
				break;
			if (check_extent(p, i, file->size, err) ||
			    check_load(p, i, out->last_load, page_size, err))
				return ELF_BAD;
			keep_first(&out->first_load, p);
			out->last_load = p;
			if (p->p_align > align)
				align = p->p_align;
			/* Headers in a segment mapped unreadable are
			 * copied instead: myld reads them all along. */
			if (!out->phdr_load && (p->p_flags & PF_R) &&
			    file->phoff >= p->p_offset &&
			    file->ph_end <= p->p_offset + p->p_filesz)
				out->phdr_load = p;
			break;
		case PT_DYNAMIC:
			if (file && check_extent(p, i, file->size, err))
				return ELF_BAD;
			keep_first(&out->dynamic, p);
			break;
		case PT_INTERP:
			if (file && check_extent(p, i, file->size, err))
				return ELF_BAD;
			keep_first(&out->interp, p);
			break;
		case PT_TLS:
			if (file && check_extent(p, i, file->size, err))
				return ELF_BAD;
			keep_first(&out->tls, p);
			break;
		case PT_GNU_RELRO:
			keep_first(&out->relro, p);
			break;
		case PT_GNU_STACK:
			keep_first(&out->stack, p);
			break;
		case PT_NOTE:
			if (p->p_align <= 4)
				keep_first(&out->note4, p);
			break;
		}
	}

	if (!file)
		return 0;

	const Elf64_Phdr *first = out->first_load, *last = out->last_load;
	const Elf64_Phdr *dyn = out->dynamic;

	if (!first)
		return fail("no loadable segments");
	/* The dynamic section is writable data, so the last writable load
	 * almost always holds it; else only the headers from the first
	 * PT_LOAD to the last can be loads. */
	if (dyn && !(out->writable && elf_vaddr_in_load(out->writable, 1,
							dyn->p_vaddr,
							dyn->p_memsz)) &&
	    !elf_vaddr_in_load(first, last - first + 1, dyn->p_vaddr,
			       dyn->p_memsz))
		return fail("PT_DYNAMIC lies outside the loaded image");
	if (dyn && dyn->p_vaddr % 8)
		return fail("misaligned PT_DYNAMIC");
	int relro = out->relro ? relro_in_load(first, last - first + 1,
					       out->relro, page_size) : 1;
	if (relro == 0)
		return fail("PT_GNU_RELRO lies outside the loaded image");
	if (relro < 0)
		return fail("PT_GNU_RELRO lies in a segment that is not "
			    "writable data");
	if (out->interp && out->interp->p_filesz == 0)
		return fail("empty PT_INTERP");
	/* Sorted and disjoint, the loads start with the first and end with
	 * the last. */
	out->span.start = ALIGN_DOWN(first->p_vaddr, page_size);
	out->span.end = ALIGN_UP(last->p_vaddr + last->p_memsz, page_size);
	out->span.align = align;
	return 0;
}

int elf_check_phdrs(const Elf64_Phdr *ph, size_t phnum, uint64_t phoff,
		    uint64_t file_size, uint64_t page_size,
		    struct elf_phdrs *out, char *err)
{
	struct phdr_file file = { .size = file_size, .phoff = phoff };
	uint64_t ph_size;

	/* Headers that would end past 2^64 are in no segment's file bytes
	 * (those end inside the file). */
	if (!mul_ok(phnum, sizeof(Elf64_Phdr), &ph_size) ||
	    !add_ok(phoff, ph_size, &file.ph_end))
		file.ph_end = UINT64_MAX;
	return walk_phdrs(ph, phnum, &file, page_size, out, err);
}

/*
 * Where PT_PHDR says the headers are must be where a PT_LOAD maps them:
 * inside one, at the same distance from its start in the file and in
 * memory, and all PHNUM of them.  No other PT_LOAD may map their file
 * bytes elsewhere: the kernel's AT_PHDR then names the copy of its
 * choice (Linux: the last such segment), and the load bias taken from
 * PT_PHDR would be off by the distance between the two.
 */
static int check_pt_phdr(const Elf64_Phdr *ph, size_t phnum,
			 const Elf64_Phdr *self, char *err)
{
	uint64_t size = phnum * sizeof(Elf64_Phdr);

	if (self->p_filesz < size || self->p_memsz < self->p_filesz)
		return fail("PT_PHDR is smaller than the program headers");
	if (elf_offset_mapped_twice(ph, phnum, self->p_offset))
		return fail("%s", TWICE_MAPPED_PHDRS);
	for (size_t i = 0; i < phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (p->p_type == PT_LOAD && self->p_offset >= p->p_offset &&
		    self->p_offset - p->p_offset <= p->p_filesz &&
		    p->p_filesz - (self->p_offset - p->p_offset) >= size &&
		    self->p_vaddr - p->p_vaddr == self->p_offset - p->p_offset)
			return 0;
	}
	return fail("PT_PHDR lies in no PT_LOAD, or disagrees with it");
}

int elf_check_mapped_phdrs(const Elf64_Phdr *ph, size_t phnum,
			   size_t phent, uint64_t page_size, uint64_t *base,
			   struct elf_phdrs *out, char *err)
{
	uint64_t at = (uint64_t)(uintptr_t)ph;

	if (!ph || at % 8 || phent != sizeof(Elf64_Phdr) || !phnum ||
	    phnum > ELF_MAX_PHNUM)
		return fail("bad program headers in the auxiliary vector "
			    "(AT_PHDR %#lx, AT_PHENT %zu, AT_PHNUM %zu)",
			    (unsigned long)at, phent, phnum);
	/* The file was the kernel's to check; its bytes are not at hand,
	 * so only address arithmetic bounds each segment's file range. */
	if (elf_check_phdrs(ph, phnum, UINT64_MAX, UINT64_MAX, page_size, out,
			    err))
		return ELF_BAD;
	const Elf64_Phdr *self = elf_find_phdr(ph, phnum, PT_PHDR);
	if (self) {
		if (check_pt_phdr(ph, phnum, self, err))
			return ELF_BAD;
		*base = at - self->p_vaddr;
	}
	if (*base % page_size)
		return fail("the program headers are not where PT_PHDR says "
			    "(load bias %#lx)", (unsigned long)*base);
	if (!elf_vaddr_in_load(out->first_load,
			       out->last_load - out->first_load + 1, at - *base,
			       phnum * sizeof(Elf64_Phdr)))
		return fail("the program headers lie outside the loaded "
			    "image");
	return 0;
}

void elf_scan_phdrs(const Elf64_Phdr *ph, size_t phnum,
		    struct elf_phdrs *out)
{
	(void)walk_phdrs(ph, phnum, NULL, 0, out, NULL);
}

int elf_offset_mapped_twice(const Elf64_Phdr *ph, size_t phnum, uint64_t off)
{
	const Elf64_Phdr *first = NULL;

	for (size_t i = 0; i < phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD || off < p->p_offset ||
		    off - p->p_offset >= p->p_filesz)
			continue;
		if (!first)
			first = p;
		else if (p->p_vaddr - p->p_offset !=
			 first->p_vaddr - first->p_offset)
			return 1;
	}
	return 0;
}

const Elf64_Phdr *elf_find_phdr(const Elf64_Phdr *ph, size_t phnum,
				uint32_t type)
{
	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == type)
			return &ph[i];
	return NULL;
}

int elf_vaddr_in_load_with(const Elf64_Phdr *ph, size_t phnum,
			   uint64_t vaddr, uint64_t size, uint32_t flags)
{
	uint64_t end;

	if (!add_ok(vaddr, size, &end))
		return 0;
	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_LOAD &&
		    (ph[i].p_flags & flags) == flags &&
		    vaddr >= ph[i].p_vaddr &&
		    end <= ph[i].p_vaddr + ph[i].p_memsz)
			return 1;
	return 0;
}

int elf_vaddr_in_load(const Elf64_Phdr *ph, size_t phnum, uint64_t vaddr,
		      uint64_t size)
{
	return elf_vaddr_in_load_with(ph, phnum, vaddr, size, 0);
}

void elf_decode_dynamic(const Elf64_Dyn *dyn, size_t count,
			struct dyn_info *out)
{
	for (size_t i = 0; i < count; i++) {
		/* Unsigned, so that one comparison leaves out the negative
		 * tags too. */
		uint64_t tag = (uint64_t)dyn[i].d_tag;
		uint64_t val = dyn[i].d_un.d_val;

		if (tag < DT_NUM) {
			if (tag == DT_NULL)
				break;
			if (tag == DT_NEEDED)
				out->needed_count++;
			else if (tag == DT_DEBUG)
				out->debug_index = i;
			out->tag[tag] = val;
			out->present[tag] = 1;
			continue;
		}
		switch (tag) {
		case DT_GNU_HASH: out->gnu_hash = val; break;
		case DT_VERSYM: out->versym = val; break;
		case DT_VERDEF: out->verdef = val; break;
		case DT_VERDEFNUM: out->verdefnum = val; break;
		case DT_VERNEED: out->verneed = val; break;
		case DT_VERNEEDNUM: out->verneednum = val; break;
		case DT_FLAGS_1: out->flags_1 = val; break;
		}
	}
}
