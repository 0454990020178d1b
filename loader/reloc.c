/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc.c - applying relocations.  See reloc.h.
 */
#include "reloc.h"
#include "alloc.h"
#include "diag.h"
#include "lib.h"
#include "map.h"
#include "relr.h"
#include "symbol.h"

/* One relocation, whatever table it came from. */
struct reloc {
	uint64_t offset;
	uint32_t type;
	uint32_t sym;
	int64_t addend;
	int has_addend;		/* RELA; for REL the addend is in place */
};

/* Undefined symbols already reported, so each is named once. */
struct reported {
	struct reported *next;
	const struct dso *d;
	const char *name;
};
static struct reported *reported;

static void report_undefined(struct dso *d, const char *name,
			     const struct version *v)
{
	for (struct reported *r = reported; r; r = r->next)
		if (r->d == d && !strcmp(r->name, name))
			return;
	struct reported *r = mem_alloc(sizeof(*r));
	r->d = d;
	r->name = name;
	r->next = reported;
	reported = r;
	if (v)
		diag_error(d->path, "undefined symbol: %s, version %s", name,
			   v->name);
	else
		diag_error(d->path, "undefined symbol: %s", name);
}

/* The version a reference from D's symbol I asks for, or NULL. */
static const struct version *wanted_version(const struct dso *d, size_t i)
{
	const struct symtab *t = &d->symtab;

	if (!t->versym || i >= t->nversym)
		return NULL;
	uint16_t ndx = t->versym[i] & 0x7fff;
	if (ndx <= VER_NDX_GLOBAL)
		return NULL;
	if (ndx < d->nverneeds && d->verneeds[ndx].name)
		return &d->verneeds[ndx];
	/* A reference to a versioned symbol the object defines itself. */
	if (ndx < t->nverdefs && t->verdefs[ndx].name)
		return &t->verdefs[ndx];
	return NULL;
}

/*
 * Find the value of symbol SYMIDX of D for a relocation of TYPE.  Returns
 * 0 and stores the address and the defining symbol, or -1 when the
 * symbol is undefined (reported unless it is weak, which gives 0).
 */
static int symbol_value(struct dso *d, uint32_t symidx, uint32_t type,
			uint64_t *value, const Elf64_Sym **def_sym,
			struct dso **def_dso)
{
	const struct symtab *t = &d->symtab;
	if (symidx >= d->nsyms_reloc)
		diag_die(d->path, "relocation refers to symbol %u, beyond the "
			 "symbol table", symidx);
	const Elf64_Sym *ref = &t->syms[symidx];
	if (ref->st_name >= t->strsz)
		diag_die(d->path, "symbol %u has a bad name offset", symidx);
	const char *name = t->strtab + ref->st_name;

	/* A local symbol needs no look-up: it can only be D's own. */
	if (ELF64_ST_BIND(ref->st_info) == STB_LOCAL) {
		*def_sym = ref;
		*def_dso = d;
		*value = ref->st_shndx == SHN_ABS ? ref->st_value
						  : d->base + ref->st_value;
		return 0;
	}

	struct sym_query q;
	struct dso *def;
	const Elf64_Sym *s;

	sym_query_init(&q, name, wanted_version(d, symidx),
		       type == R_ARCH_JUMP_SLOT);
	/* A COPY's source is the library's original, not the copy. */
	s = sym_resolve(&q, d, type == (uint32_t)R_ARCH_COPY ? d : NULL,
			&def);
	if (!s) {
		*def_sym = NULL;
		*def_dso = NULL;
		*value = 0;
		if (ELF64_ST_BIND(ref->st_info) == STB_WEAK)
			return 0;
		report_undefined(d, name, q.version);
		return -1;
	}
	if (ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC)
		diag_die(d->path, "%s is an IFUNC symbol: not supported yet",
			 name);
	*def_sym = s;
	*def_dso = def;
	*value = s->st_shndx == SHN_ABS ? s->st_value : def->base + s->st_value;
	return 0;
}

static void apply_copy(struct dso *d, void *where, uint32_t symidx,
		       uint64_t src, const Elf64_Sym *def_sym)
{
	const Elf64_Sym *ref = &d->symtab.syms[symidx];
	uint64_t size = ref->st_size;

	if (!def_sym)
		return;
	if (def_sym->st_size != ref->st_size) {
		diag_warn(d->path, "symbol %s has a different size in the "
			  "library (%lu) than in the program (%lu)",
			  d->symtab.strtab + ref->st_name,
			  (unsigned long)def_sym->st_size,
			  (unsigned long)ref->st_size);
		if (def_sym->st_size < size)
			size = def_sym->st_size;
	}
	memcpy(where, (const void *)src, size);
}

static void apply_one(struct dso *d, const struct reloc *r)
{
	uint64_t s = 0, value;
	const Elf64_Sym *def_sym = NULL;
	struct dso *def_dso = NULL;
	int width = 8;

	if (r->type == R_ARCH_NONE)
		return;
	/* The place must lie in memory the object may write. */
	int place_ok = d->textrel ? dso_has_range(d, r->offset, 8)
				  : dso_range_writable(d, r->offset, 8);
	if (!place_ok && r->offset <= UINT64_MAX - 4 &&
	    (d->textrel ? dso_has_range(d, r->offset, 4)
			: dso_range_writable(d, r->offset, 4)))
		place_ok = 4;	/* room for a 32-bit field only */
	if (!place_ok)
		diag_die(d->path, "relocation at %#lx lies outside the "
			 "writable segments", (unsigned long)r->offset);

	uint64_t *where = dso_addr(d, r->offset);
	int64_t addend = r->addend;

	if (r->sym && symbol_value(d, r->sym, r->type, &s, &def_sym,
				   &def_dso) < 0)
		return;

	switch (r->type) {
	case R_ARCH_RELATIVE:
		if (!r->has_addend)
			addend = *where;
		value = d->base + addend;
		break;
	case R_ARCH_ABS:
	case R_ARCH_GLOB_DAT:
	case R_ARCH_JUMP_SLOT:
		if (!r->has_addend)
			addend = r->type == R_ARCH_ABS ? (int64_t)*where : 0;
		value = s + addend;
		break;
	case R_ARCH_COPY:
		apply_copy(d, where, r->sym, s, def_sym);
		return;
	case R_ARCH_IRELATIVE:
	case R_ARCH_DTPMOD:
	case R_ARCH_DTPOFF:
	case R_ARCH_TPOFF:
	case R_ARCH_TLSDESC:
		diag_die(d->path, "unsupported relocation type %s (%u)",
			 arch_reloc_name(r->type), r->type);
	default:
		if (!r->has_addend)
			addend = *(int32_t *)where;
		if (!arch_reloc_special(r->type, s, addend,
					(uintptr_t)where, &value, &width))
			diag_die(d->path, "unsupported relocation type %s (%u)",
				 arch_reloc_name(r->type), r->type);
		if (!arch_reloc_fits(r->type, value, width))
			diag_die(d->path, "relocation %s at %#lx overflows",
				 arch_reloc_name(r->type),
				 (unsigned long)r->offset);
	}
	if (width == 8 && place_ok == 4)
		diag_die(d->path, "relocation at %#lx lies outside the "
			 "writable segments", (unsigned long)r->offset);
	if (width == 8)
		*where = value;
	else
		*(uint32_t *)where = (uint32_t)value;
}

/* Walk a REL or RELA table of SIZE bytes at link-time address VADDR. */
static void apply_table(struct dso *d, uint64_t vaddr, uint64_t size,
			int rela)
{
	size_t entsize = rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);

	if (!size)
		return;
	if (!dso_has_range(d, vaddr, size) || size % entsize)
		diag_die(d->path, "relocation table at %#lx lies outside the "
			 "image", (unsigned long)vaddr);
	for (uint64_t off = 0; off < size; off += entsize) {
		struct reloc r;

		if (rela) {
			const Elf64_Rela *e = dso_addr(d, vaddr + off);
			r.offset = e->r_offset;
			r.type = ELF64_R_TYPE(e->r_info);
			r.sym = ELF64_R_SYM(e->r_info);
			r.addend = e->r_addend;
			r.has_addend = 1;
		} else {
			const Elf64_Rel *e = dso_addr(d, vaddr + off);
			r.offset = e->r_offset;
			r.type = ELF64_R_TYPE(e->r_info);
			r.sym = ELF64_R_SYM(e->r_info);
			r.addend = 0;
			r.has_addend = 0;
		}
		apply_one(d, &r);
	}
}

static void apply_relr(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;
	uint64_t size = di->tag[DT_RELRSZ], lo, hi;

	if (!di->present[DT_RELR] || !size)
		return;
	if (size % 8 || !dso_has_range(d, di->tag[DT_RELR], size))
		diag_die(d->path, "DT_RELR table lies outside the image");
	const uint64_t *relr = dso_addr(d, di->tag[DT_RELR]);
	if (relr_extent(relr, size, &lo, &hi) < 0 ||
	    (hi > lo && !(d->textrel ? dso_has_range(d, lo, hi - lo)
				     : dso_range_writable(d, lo, hi - lo))))
		diag_die(d->path, "DT_RELR table writes outside the writable "
			 "segments");
	relr_apply(d->base, relr, size);
}

void reloc_object(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;

	/* TODO(issue#4): static and dynamic TLS.  Until then, refuse such
	 * objects cleanly rather than let their first TLS access fault. */
	const Elf64_Phdr *tls = elf_find_phdr(d->phdr, d->phnum, PT_TLS);
	if (tls && tls->p_memsz)
		diag_die(d->path, "thread-local storage (PT_TLS) is not "
			 "supported yet");
	if (d->relocated || !d->dynv)
		return;
	d->relocated = 1;
	if (d->textrel && map_textrel_writable(d, 0))
		diag_die(d->path, "cannot make text writable for its text "
			 "relocations");

	apply_relr(d);
	apply_table(d, di->tag[DT_REL], di->tag[DT_RELSZ], 0);
	apply_table(d, di->tag[DT_RELA], di->tag[DT_RELASZ], 1);
	if (di->present[DT_JMPREL])
		apply_table(d, di->tag[DT_JMPREL], di->tag[DT_PLTRELSZ],
			    di->tag[DT_PLTREL] == DT_RELA);

	if (d->textrel && map_textrel_writable(d, 1))
		diag_die(d->path, "cannot restore the protection of its text");
	map_protect_relro(d);
}

void reloc_all(void)
{
	size_t n = 0, i = 0;

	for (struct dso *d = dso_list; d; d = d->next)
		n++;
	struct dso **order = mem_alloc(n * sizeof(*order));
	for (struct dso *d = dso_list; d; d = d->next)
		order[i++] = d;
	while (i--)
		reloc_object(order[i]);
	mem_free(order);
	diag_exit_if_failed();
}
