/* SPDX-License-Identifier: MIT */
/*
 * loader/dynamic.c - the dynamic section of a mapped object, and the
 * tables it points to.  See dynamic.h.
 *
 * Every table is checked against the image before anything reads it:
 * its address must be aligned for the words it holds and lie inside a
 * PT_LOAD, and its length (from a hash table's header, a count in the
 * dynamic section, or the segment's end) must fit there.  The symbol
 * look-up (symbol.c) and the relocations (reloc.c) then trust these
 * bounds.
 */
#include "dynamic.h"
#include "alloc.h"
#include "arch.h"
#include "diag.h"
#include "lib.h"
#include "tls.h"

/* How many bytes of D's image are readable from VADDR on (in a PF_R
 * PT_LOAD, as for dso_has_range: a segment without it is mapped
 * without PROT_READ). */
static uint64_t bytes_from(const struct dso *d, uint64_t vaddr)
{
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];

		if (p->p_type == PT_LOAD && (p->p_flags & PF_R) &&
		    vaddr >= p->p_vaddr &&
		    vaddr < p->p_vaddr + p->p_memsz)
			return p->p_vaddr + p->p_memsz - vaddr;
	}
	return 0;
}

const char *dynamic_string(const struct dso *d, uint64_t off)
{
	const struct symtab *t = &d->symtab;

	if (off >= t->strsz || !memchr(t->strtab + off, 0, t->strsz - off))
		return NULL;
	return t->strtab + off;
}

#define bad(...) (fmt_format(err, ELF_ERR_SIZE, __VA_ARGS__), -1)

/* D's string table, which its names and symbols are read from. */
static int read_string_table(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;
	struct symtab *t = &d->symtab;

	if (di->present[DT_STRTAB]) {
		if (!dso_has_range(d, di->tag[DT_STRTAB], di->tag[DT_STRSZ]))
			return bad("DT_STRTAB lies outside the image");
		t->strtab = dso_addr(d, di->tag[DT_STRTAB]);
		t->strsz = di->tag[DT_STRSZ];
	}
	return 0;
}

/* DT_GNU_HASH and DT_HASH, which bound the symbols a look-up reaches. */
static int read_hash_tables(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;
	struct symtab *t = &d->symtab;
	uint64_t avail;

	if (di->gnu_hash) {
		avail = bytes_from(d, di->gnu_hash);
		if (di->gnu_hash % 8)
			return bad("misaligned DT_GNU_HASH");
		t->gnu_hash = dso_addr(d, di->gnu_hash);
		t->nsyms = sym_gnu_hash_nsyms(t->gnu_hash, avail / 4);
		if (t->nsyms == 0)
			return bad("malformed DT_GNU_HASH table");
	}
	if (di->present[DT_HASH]) {
		avail = bytes_from(d, di->tag[DT_HASH]);
		if (di->tag[DT_HASH] % 4)
			return bad("misaligned DT_HASH");
		t->sysv_hash = dso_addr(d, di->tag[DT_HASH]);
		/*
		 * Only the header is checked here, which also makes sure the
		 * whole table lies in the image.  Checking every bucket and
		 * chain entry would cost a step per symbol of every object,
		 * most of which no look-up ever reaches (a lazy program binds
		 * nothing at start-up); find_sysv checks each entry as it
		 * reads it instead.  With DT_GNU_HASH beside it (libc.so.6 has
		 * both), DT_HASH is never searched, and its nchain does not
		 * count: the GNU table's bound is the one its chains were
		 * checked against.
		 */
		size_t nchain = sym_sysv_hash_nchain(t->sysv_hash, avail / 4);
		if (nchain == 0)
			return bad("malformed DT_HASH table");
		if (!t->gnu_hash)
			t->nsyms = nchain;
	}
	return 0;
}

/* DT_SYMTAB and DT_VERSYM, the symbols and their version indexes. */
static int read_symbols(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;
	struct symtab *t = &d->symtab;

	if (t->nsyms && (!di->present[DT_SYMTAB] || !t->strtab))
		return bad("hash table without DT_SYMTAB or DT_STRTAB");
	if (di->present[DT_SYMTAB]) {
		/*
		 * The hash tables bound the symbols a look-up can reach, but
		 * not the undefined ones after them (GNU ld's DT_GNU_HASH
		 * does not count those), which relocations may name: for
		 * those, the segment's end is the only bound there is.
		 */
		if (di->tag[DT_SYMTAB] % 8)
			return bad("misaligned DT_SYMTAB");
		d->nsyms_reloc = bytes_from(d, di->tag[DT_SYMTAB]) /
				 sizeof(Elf64_Sym);
		if (d->nsyms_reloc < t->nsyms)
			return bad("DT_SYMTAB lies outside the image");
		t->syms = dso_addr(d, di->tag[DT_SYMTAB]);
	}
	if (di->versym) {
		if (di->versym % 2)
			return bad("misaligned DT_VERSYM");
		t->nversym = bytes_from(d, di->versym) / 2;
		if (t->nversym < t->nsyms)
			return bad("DT_VERSYM lies outside the image");
		t->versym = dso_addr(d, di->versym);
	}
	return 0;
}

/* DT_VERDEF: the versions D defines, indexed as its DT_VERSYM counts. */
static int read_version_definitions(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;
	struct symtab *t = &d->symtab;
	const void *vd = dso_addr(d, di->verdef);
	uint64_t avail = bytes_from(d, di->verdef);
	struct version *v = NULL;
	long n = -1;

	/*
	 * Linkers number the definitions 1..DT_VERDEFNUM, so a table that
	 * large nearly always fits: one pass.  Otherwise (or for a
	 * malformed table) count first, then read.
	 */
	if (di->verdefnum < 4096) {
		v = mem_alloc((di->verdefnum + 2) * sizeof(*v));
		n = sym_read_verdefs(vd, avail, di->verdefnum, t->strtab,
				     t->strsz, v, di->verdefnum + 2);
	}
	if (n < 0) {
		mem_free(v);
		n = sym_read_verdefs(vd, avail, di->verdefnum, t->strtab,
				     t->strsz, NULL, 0);
		if (n < 0)
			return bad("malformed DT_VERDEF");
		v = mem_alloc((n + 1) * sizeof(*v));
		sym_read_verdefs(vd, avail, di->verdefnum, t->strtab, t->strsz,
				 v, n + 1);
	}
	t->verdefs = v;
	t->nverdefs = n;
	return 0;
}

/* DT_VERNEED: the versions D requires of its libraries. */
static int read_version_needs(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;
	struct symtab *t = &d->symtab;
	const void *vn = dso_addr(d, di->verneed);
	uint64_t avail = bytes_from(d, di->verneed);
	long n = sym_read_verneeds(vn, avail, di->verneednum, t->strtab,
				   t->strsz, NULL, 0);

	if (n < 0)
		return bad("malformed DT_VERNEED");
	d->verneeds = mem_alloc((n + 1) * sizeof(*d->verneeds));
	sym_read_verneeds(vn, avail, di->verneednum, t->strtab, t->strsz,
			  d->verneeds, n + 1);
	d->nverneeds = n;
	return 0;
}

/*
 * A symbol an object defines may carry the index of a version it
 * *needs*: a program's copy of a library variable (a COPY relocation,
 * as /bin/ls has for optind@GLIBC_2.2.5) is defined in the program with
 * the library's version.  The library's own references must bind to
 * that copy, so the table versioned references are matched against
 * holds both kinds, by index, as glibc's l_versions does.
 *
 * A linker numbers definitions and needs apart, so no index is both: the
 * shorter array is copied into the longer one, which then serves as
 * both, d->verneeds and symtab.verdefs (an entry with a file is needed,
 * one without defined).  Only an object that gives one index both keeps
 * its needs apart, so that its references still find the need and its
 * definitions the definition.
 */
static int version_indexes_shared(const struct dso *d)
{
	const struct symtab *t = &d->symtab;
	size_t n = t->nverdefs < d->nverneeds ? t->nverdefs : d->nverneeds;

	for (size_t i = 0; i < n; i++)
		if (t->verdefs[i].name && d->verneeds[i].name)
			return 1;
	return 0;
}

static void merge_needed_versions(struct dso *d)
{
	struct symtab *t = &d->symtab;
	size_t n = t->nverdefs > d->nverneeds ? t->nverdefs : d->nverneeds;

	if (!d->nverneeds)
		return;
	if (!version_indexes_shared(d)) {
		int into_needs = d->nverneeds >= t->nverdefs;
		struct version *into = into_needs ? d->verneeds
						  : (struct version *)t->verdefs;
		struct version *from = into_needs ? (struct version *)t->verdefs
						  : d->verneeds;
		size_t nfrom = into_needs ? t->nverdefs : d->nverneeds;

		for (size_t i = 0; i < nfrom; i++)
			if (from[i].name)
				into[i] = from[i];
		mem_free(from);
		t->verdefs = d->verneeds = into;
		t->nverdefs = d->nverneeds = n;
		return;
	}
	struct version *all = mem_alloc((n + 1) * sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		if (i < t->nverdefs && t->verdefs[i].name)
			all[i] = t->verdefs[i];
		else if (i < d->nverneeds && d->verneeds[i].name)
			all[i] = d->verneeds[i];
	}
	mem_free((void *)t->verdefs);
	t->verdefs = all;
	t->nverdefs = n;
}

/* The rest of D's struct symtab: hash tables, symbols, versions. */
static int read_symbol_tables(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;

	if (read_hash_tables(d, err) || read_symbols(d, err))
		return -1;
	/* The version records are read as 32-bit words. */
	if (di->verdef % 4 || di->verneed % 4)
		return bad("misaligned DT_VERDEF or DT_VERNEED");
	if (di->verdef && d->symtab.strtab &&
	    read_version_definitions(d, err))
		return -1;
	if (di->verneed && d->symtab.strtab && read_version_needs(d, err))
		return -1;
	merge_needed_versions(d);
	return 0;
}

/* The flags and search paths the dynamic section gives D. */
static int read_flags_and_paths(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;

	for (size_t i = 0; ARCH_DT_PLT_CHECK && i < d->dyn_count &&
			   d->dynv[i].d_tag != DT_NULL; i++)
		if (d->dynv[i].d_tag == ARCH_DT_PLT_CHECK)
			d->plt_check = 1;
	uint64_t flags = di->tag[DT_FLAGS];
	d->symbolic = di->present[DT_SYMBOLIC] || (flags & DF_SYMBOLIC);
	d->textrel = di->present[DT_TEXTREL] || (flags & DF_TEXTREL);
	d->bind_now = di->present[DT_BIND_NOW] || (flags & DF_BIND_NOW) ||
		      (di->flags_1 & DF_1_NOW);
	/* Both present: DT_RPATH is ignored, as the gABI asks. */
	if (di->present[DT_RUNPATH]) {
		d->runpath = dynamic_string(d, di->tag[DT_RUNPATH]);
		if (!d->runpath)
			return bad("bad DT_RUNPATH string offset");
	} else if (di->present[DT_RPATH]) {
		d->rpath = dynamic_string(d, di->tag[DT_RPATH]);
		if (!d->rpath)
			return bad("bad DT_RPATH string offset");
	}
	return 0;
}

int dynamic_read(struct dso *d, char *err)
{
	struct dyn_info *di = &d->dyn;

	if (!d->dynv)
		return tls_register(d, err);
	if (!dso_has_range(d, (uintptr_t)d->dynv - d->base,
			   d->dyn_count * sizeof(Elf64_Dyn)))
		return bad("PT_DYNAMIC lies outside the readable image");
	elf_decode_dynamic(d->dynv, d->dyn_count, di);
	if (read_string_table(d, err) || read_symbol_tables(d, err))
		return -1;
	if (di->present[DT_SONAME]) {
		d->soname = dynamic_string(d, di->tag[DT_SONAME]);
		if (!d->soname)
			return bad("bad DT_SONAME string offset");
	}
	if (read_flags_and_paths(d, err))
		return -1;
	return tls_register(d, err);
}

#undef bad

void dynamic_adopt_loader_names(struct dso *d)
{
	/* The same string the linker wrote into myld's DT_SONAME (see
	 * loader/meson.build). */
	d->soname = MYLD_SONAME;
	d->dynamic_deferred = 1;
}

/*
 * Until something names myld, it is not in the global scope and no
 * look-up can reach it, so a program that uses none of its functions
 * never pays for reading its symbol and version tables.
 */
void dynamic_read_loader(void)
{
	char err[ELF_ERR_SIZE];

	if (!dso_loader->dynamic_deferred)
		return;
	dso_loader->dynamic_deferred = 0;
	if (dynamic_read(dso_loader, err))
		diag_die("myld", "%s", err);
}
