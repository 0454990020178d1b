/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_elf.c - a libFuzzer harness over myld's pure parsing
 * code (loader/elf_parse.c, symbol.c, relr.h, with lib.c underneath).
 *
 * The input is a whole file.  It goes through what map_object() and
 * dynamic_read() do before anything is mapped or trusted:
 *
 *   elf_check_header, elf_check_phdrs (and, as for an object the kernel
 *   mapped, elf_scan_phdrs, whatever elf_check_phdrs says);
 *
 * and, for a file that passes, what dynamic.c does with its dynamic section,
 * with the file standing in for the memory image: an address is read
 * through the PT_LOAD that maps it, and a table may extend to the end of
 * that segment's file bytes (dynamic.c allows the end of its memory image;
 * the bss beyond the file is not modelled).  The alignment checks dynamic.c
 * makes are made here too, and no others, so a misaligned access that
 * UBSan reports here would happen in myld as well (the buffer is
 * page-aligned, like a mapping, so file offsets keep the alignment of the
 * addresses).  Then:
 *
 *   elf_decode_dynamic; sym_gnu_hash_nsyms, sym_sysv_hash_nchain;
 *   sym_read_verdefs, sym_read_verneeds (counting, then filling);
 *   sym_find_in for the names of the first symbols (the look-up a
 *   relocation makes, through the hash chains and versions);
 *   relr_extent on DT_RELR.
 *
 * lib.c defines memcpy, strlen & co. for the freestanding loader; here
 * they are renamed (see meson.build) so that the sanitizers' and
 * libFuzzer's own versions stay in place.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/asan_interface.h>

#include "dso.h"
#include "elf_parse.h"
#include "lib.h"
#include "relr.h"
#include "symbol.h"

/* sym_resolve (not called here) walks objects.c's list. */
struct dso *dso_list;

#if defined(__x86_64__)
#define FUZZ_EM EM_X86_64
#define FUZZ_EM_NAME "x86_64"
#elif defined(__aarch64__)
#define FUZZ_EM EM_AARCH64
#define FUZZ_EM_NAME "aarch64"
#else
#error "myld runs on x86_64 and aarch64 only"
#endif

#define PAGE 4096
/* How many symbols to look up per input (keeps each run fast). */
#define MAX_LOOKUPS 32

struct image {
	const uint8_t *file;
	size_t size;
	const Elf64_Phdr *ph;
	size_t phnum;
};

/*
 * The bytes at link-time address VADDR, and how many are readable from
 * there (to the end of the segment's file bytes), or NULL.
 */
static const void *at(const struct image *im, uint64_t vaddr, uint64_t *avail)
{
	for (size_t i = 0; i < im->phnum; i++) {
		const Elf64_Phdr *p = &im->ph[i];

		if (p->p_type != PT_LOAD || vaddr < p->p_vaddr ||
		    vaddr - p->p_vaddr >= p->p_filesz)
			continue;
		/* elf_check_phdrs: p_offset + p_filesz <= file size. */
		*avail = p->p_filesz - (vaddr - p->p_vaddr);
		return im->file + p->p_offset + (vaddr - p->p_vaddr);
	}
	*avail = 0;
	return NULL;
}

/* dso.h's dso_has_range, for the file bytes. */
static const void *range(const struct image *im, uint64_t vaddr,
			 uint64_t size)
{
	uint64_t avail;
	const void *p = at(im, vaddr, &avail);

	return p && size <= avail ? p : NULL;
}

static void look_up_names(const struct symtab *t, size_t nsyms_reloc)
{
	size_t n = t->nsyms < nsyms_reloc ? t->nsyms : nsyms_reloc;
	const struct version *v = t->nverdefs > 2 ? &t->verdefs[2] : NULL;

	if (n > MAX_LOOKUPS)
		n = MAX_LOOKUPS;
	for (size_t i = 1; i < n; i++) {
		uint32_t off = t->syms[i].st_name;
		struct sym_query q;

		/* ref_symbol in reloc_internal.h: the name must start in the table. */
		if (off >= t->strsz ||
		    !memchr(t->strtab + off, 0, t->strsz - off))
			continue;
		sym_query_init(&q, t->strtab + off, NULL, (int)(i & 1));
		sym_find_in(t, &q);
		if (v && v->name) {
			sym_query_init(&q, t->strtab + off, v, 0);
			sym_find_in(t, &q);
		}
	}
}

static void fuzz_dynamic(const struct image *im, const Elf64_Phdr *pd)
{
	struct dyn_info di = { 0 };
	struct symtab t;
	uint64_t avail;
	size_t nsyms_reloc = 0;
	struct version *verdefs = NULL, *verneeds = NULL;

	if (!pd)
		return;
	const Elf64_Dyn *dyn = at(im, pd->p_vaddr, &avail);
	if (!dyn)
		return;
	size_t count = pd->p_memsz / sizeof(Elf64_Dyn);
	if (count > avail / sizeof(Elf64_Dyn))
		count = avail / sizeof(Elf64_Dyn);
	elf_decode_dynamic(dyn, count, &di);

	/* read_symbol_tables() in dynamic.c, step by step. */
	memset(&t, 0, sizeof(t));
	if (di.present[DT_STRTAB]) {
		t.strtab = range(im, di.tag[DT_STRTAB], di.tag[DT_STRSZ]);
		if (!t.strtab)
			return;
		t.strsz = di.tag[DT_STRSZ];
	}
	if (di.gnu_hash) {
		if (di.gnu_hash % 8)
			return;
		t.gnu_hash = at(im, di.gnu_hash, &avail);
		if (!t.gnu_hash)
			return;
		t.nsyms = sym_gnu_hash_nsyms(t.gnu_hash, avail / 4);
		if (t.nsyms == 0)
			return;
	}
	if (di.present[DT_HASH]) {
		if (di.tag[DT_HASH] % 4)
			return;
		t.sysv_hash = at(im, di.tag[DT_HASH], &avail);
		if (!t.sysv_hash)
			return;
		/* As dynamic.c: the header only, and nchain bounds the symbols
		 * only without DT_GNU_HASH (find_sysv relies on nsyms being
		 * nchain; it checks the entries as it reads them). */
		size_t n = sym_sysv_hash_nchain(t.sysv_hash, avail / 4);
		if (n == 0)
			return;
		if (!t.gnu_hash)
			t.nsyms = n;
	}
	if (t.nsyms && (!di.present[DT_SYMTAB] || !t.strtab))
		return;
	if (di.present[DT_SYMTAB]) {
		if (di.tag[DT_SYMTAB] % 8)
			return;
		t.syms = at(im, di.tag[DT_SYMTAB], &avail);
		nsyms_reloc = avail / sizeof(Elf64_Sym);
		if (nsyms_reloc < t.nsyms)
			return;
	}
	if (di.versym) {
		if (di.versym % 2)
			return;
		t.versym = at(im, di.versym, &avail);
		t.nversym = avail / 2;
		if (t.nversym < t.nsyms)
			return;
	}
	if (di.verdef % 4 || di.verneed % 4)
		return;
	if (di.verdef && t.strtab) {
		const void *vd = at(im, di.verdef, &avail);
		long n = sym_read_verdefs(vd, avail, di.verdefnum, t.strtab,
					  t.strsz, NULL, 0);
		if (n < 0)
			return;
		verdefs = calloc(n + 1, sizeof(*verdefs));
		sym_read_verdefs(vd, avail, di.verdefnum, t.strtab, t.strsz,
				 verdefs, n + 1);
		t.verdefs = verdefs;
		t.nverdefs = n;
	}
	if (di.verneed && t.strtab) {
		const void *vn = at(im, di.verneed, &avail);
		long n = sym_read_verneeds(vn, avail, di.verneednum, t.strtab,
					   t.strsz, NULL, 0);
		if (n < 0)
			goto out;
		verneeds = calloc(n + 1, sizeof(*verneeds));
		sym_read_verneeds(vn, avail, di.verneednum, t.strtab, t.strsz,
				  verneeds, n + 1);
	}
	if (t.syms && t.strtab && (t.gnu_hash || t.sysv_hash))
		look_up_names(&t, nsyms_reloc);

	/* apply_relr() in reloc.c, up to the extent check. */
	uint64_t relr_size = di.tag[DT_RELRSZ], lo, hi;
	if (di.present[DT_RELR] && relr_size && relr_size % 8 == 0 &&
	    di.tag[DT_RELR] % 8 == 0) {
		const uint64_t *relr = range(im, di.tag[DT_RELR], relr_size);
		if (relr)
			(void)relr_extent(relr, relr_size, &lo, &hi);
	}
out:
	free(verdefs);
	free(verneeds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[ELF_ERR_SIZE];
	struct elf_phdrs s;
	/* Page-aligned, like a mapping; the bytes past the file are
	 * poisoned so that ASan reports any read of them. */
	size_t cap = (size + PAGE - 1) / PAGE * PAGE + PAGE;
	uint8_t *buf = aligned_alloc(PAGE, cap);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	ASAN_POISON_MEMORY_REGION(buf + size, cap - size);

	/* map_object(): the first MAP_HEADER_READ bytes, then the rest. */
	size_t head = size < 4096 ? size : 4096;
	if (elf_check_header(buf, head, size, FUZZ_EM, FUZZ_EM_NAME, err) ==
	    ELF_OK) {
		const Elf64_Ehdr *eh = (const void *)buf;
		struct image im = {
			.file = buf,
			.size = size,
			.ph = (const void *)(buf + eh->e_phoff),
			.phnum = eh->e_phnum,
		};

		elf_scan_phdrs(im.ph, im.phnum, &s);
		if (elf_check_phdrs(im.ph, im.phnum, eh->e_phoff, size, PAGE,
				    &s, err) == ELF_OK) {
			/* elf_check_phdrs must not let a bad span by, and
			 * map_object maps the loads from the first to the
			 * last. */
			if (s.span.end < s.span.start ||
			    (s.span.align & (s.span.align - 1)) ||
			    !s.first_load || s.last_load < s.first_load)
				__builtin_trap();
			/* The first PT_DYNAMIC, as map_object takes it. */
			fuzz_dynamic(&im, s.dynamic);
		}
	}
	ASAN_UNPOISON_MEMORY_REGION(buf, cap);
	free(buf);
	return 0;
}
