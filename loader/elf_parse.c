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

int elf_check_phdrs(const Elf64_Phdr *ph, size_t phnum, uint64_t file_size,
		    uint64_t page_size, char *err)
{
	const Elf64_Phdr *prev_load = NULL, *dyn = NULL, *interp = NULL;
	size_t loads = 0;
	uint64_t end;

	for (size_t i = 0; i < phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD && p->p_type != PT_DYNAMIC &&
		    p->p_type != PT_INTERP && p->p_type != PT_TLS)
			continue;
		if (p->p_filesz > p->p_memsz)
			return fail("segment %zu: p_filesz exceeds p_memsz", i);
		if (!add_ok(p->p_offset, p->p_filesz, &end) || end > file_size)
			return fail("segment %zu lies outside the file", i);
		/*
		 * Keep every address computation far from overflow, and
		 * refuse images no real object has: a reservation of tens
		 * of terabytes only wastes time (under qemu-user, minutes).
		 */
		if (!add_ok(p->p_vaddr, p->p_memsz, &end) ||
		    end > ((uint64_t)1 << 47) || p->p_memsz > ELF_MAX_SEGMENT)
			return fail("segment %zu: address range too large", i);
		if (p->p_type == PT_DYNAMIC && !dyn)
			dyn = p;
		if (p->p_type == PT_INTERP && !interp)
			interp = p;
		if (p->p_type != PT_LOAD)
			continue;

		loads++;
		if (p->p_align & (p->p_align - 1))
			return fail("segment %zu: p_align %#lx is not a power "
				    "of two", i, (unsigned long)p->p_align);
		if ((p->p_vaddr - p->p_offset) % page_size != 0)
			return fail("segment %zu: p_vaddr and p_offset differ "
				    "modulo the page size", i);
		if ((p->p_flags & PF_W) && (p->p_flags & PF_X))
			return fail("segment %zu is both writable and "
				    "executable", i);
		if (prev_load) {
			if (p->p_vaddr < prev_load->p_vaddr)
				return fail("PT_LOAD segments are not sorted "
					    "by address");
			if (p->p_vaddr < prev_load->p_vaddr +
					 prev_load->p_memsz)
				return fail("PT_LOAD segments overlap");
		}
		prev_load = p;
	}
	if (loads == 0)
		return fail("no loadable segments");

	if (dyn && !elf_vaddr_in_load(ph, phnum, dyn->p_vaddr, dyn->p_memsz))
		return fail("PT_DYNAMIC lies outside the loaded image");
	if (dyn && dyn->p_vaddr % 8)
		return fail("misaligned PT_DYNAMIC");
	if (interp && interp->p_filesz == 0)
		return fail("empty PT_INTERP");
	return 0;
}

void elf_load_span(const Elf64_Phdr *ph, size_t phnum, uint64_t page_size,
		   struct elf_span *span)
{
	uint64_t lo = UINT64_MAX, hi = 0, align = page_size;

	for (size_t i = 0; i < phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_vaddr < lo)
			lo = ph[i].p_vaddr;
		if (ph[i].p_vaddr + ph[i].p_memsz > hi)
			hi = ph[i].p_vaddr + ph[i].p_memsz;
		if (ph[i].p_align > align)
			align = ph[i].p_align;
	}
	span->start = ALIGN_DOWN(lo, page_size);
	span->end = ALIGN_UP(hi, page_size);
	span->align = align;
}

const Elf64_Phdr *elf_find_phdr(const Elf64_Phdr *ph, size_t phnum,
				uint32_t type)
{
	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == type)
			return &ph[i];
	return NULL;
}

int elf_vaddr_in_load(const Elf64_Phdr *ph, size_t phnum, uint64_t vaddr,
		      uint64_t size)
{
	uint64_t end;

	if (!add_ok(vaddr, size, &end))
		return 0;
	for (size_t i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_LOAD && vaddr >= ph[i].p_vaddr &&
		    end <= ph[i].p_vaddr + ph[i].p_memsz)
			return 1;
	return 0;
}

void elf_decode_dynamic(const Elf64_Dyn *dyn, size_t count,
			struct dyn_info *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < count && dyn[i].d_tag != DT_NULL; i++) {
		int64_t tag = dyn[i].d_tag;
		uint64_t val = dyn[i].d_un.d_val;

		if (tag >= 0 && tag < DT_NUM) {
			if (tag == DT_NEEDED)
				out->needed_count++;
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
