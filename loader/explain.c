/* SPDX-License-Identifier: MIT */
/*
 * loader/explain.c - myld --explain.  See explain.h.
 *
 * Everything printed here is read from the loader's own state after the
 * real stages ran, not from a separate model of them: the segments from
 * the program headers of the mapped objects, the bindings from real
 * look-ups, the TLS offsets from the static TLS area myld set up.
 */
#include <stdarg.h>

#include "alloc.h"
#include "diag.h"
#include "dso.h"
#include "explain.h"
#include "explain_html.h"
#include "explain_map.h"
#include "initfini.h"
#include "lib.h"
#include "load.h"
#include "map.h"
#include "reloc.h"
#include "reloc_internal.h"
#include "symbol.h"
#include "sys.h"
#include "tls.h"
#include "trace.h"

#define say(...) diag_printf(1, __VA_ARGS__)

/* myld's own file: see own_name. */
static const char *myld_path = "myld";

static const char *name_of(const struct dso *d)
{
	if (d == dso_loader)
		return myld_path;
	if (d->kind == DSO_PROGRAM)
		return d->path;
	return d->path ? d->path : d->name;
}

void explain_prot_string(uint32_t flags, char out[4])
{
	out[0] = (flags & PF_R) ? 'r' : '-';
	out[1] = (flags & PF_W) ? 'w' : '-';
	out[2] = (flags & PF_X) ? 'x' : '-';
	out[3] = '\0';
}

/* What a segment with these protections usually holds. */
const char *explain_segment_role(uint32_t flags, int has_bss, int relro)
{
	if (flags & PF_X)
		return "code (.text, .plt)";
	if (flags & PF_W)
		return relro ? "data; its start becomes read-only after "
			       "relocation (RELRO: .got, .data.rel.ro)"
		       : has_bss ? "data (.data), then zeroed memory (.bss)"
				 : "data (.data, .got.plt)";
	return "read-only data (headers, .dynsym, .rodata)";
}

static void explain_segments(const struct dso *d)
{
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];
		char prot[4];

		if (p->p_type != PT_LOAD)
			continue;
		explain_prot_string(p->p_flags, prot);
		int relro = d->relro_end > d->relro_start &&
			    d->relro_start < p->p_vaddr + p->p_memsz &&
			    d->relro_end > p->p_vaddr;
		say("      0x%012lx-0x%012lx  %s  %s\n",
		    (unsigned long)(d->base + p->p_vaddr),
		    (unsigned long)(d->base + p->p_vaddr + p->p_memsz),
		    prot, explain_segment_role(p->p_flags, p->p_memsz > p->p_filesz,
				       relro));
	}
}

/* Count one relocation of TYPE in COUNTS (USED of MAX types so far);
 * returns the new USED. */
static size_t count_type(struct reloc_count *counts, size_t used, size_t max,
			 uint32_t type)
{
	size_t c = 0;

	while (c < used && counts[c].type != type)
		c++;
	if (c == used) {
		if (used == max)
			return used;
		counts[used].type = type;
		counts[used++].count = 0;
	}
	counts[c].count++;
	return used;
}

/*
 * Count D's relocations by type, in order of first appearance (at most
 * MAX types), and its RELR words, without applying anything.  Returns
 * the number of types.  The tables are read with the relocation stage's
 * own decoder, read_reloc (reloc_internal.h).
 */
size_t explain_reloc_counts(struct dso *d, struct reloc_count *counts,
				size_t max, uint64_t *relr)
{
	size_t used = 0;

	const struct dyn_info *di = &d->dyn;
	const struct { int tag, size_tag, rela; } tables[] = {
		{ DT_REL, DT_RELSZ, 0 },
		{ DT_RELA, DT_RELASZ, 1 },
		{ DT_JMPREL, DT_PLTRELSZ, di->tag[DT_PLTREL] == DT_RELA },
	};

	*relr = 0;
	if (!d->dynv)
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(tables); k++) {
		uint64_t vaddr = di->tag[tables[k].tag];
		uint64_t size = di->tag[tables[k].size_tag];
		size_t entsize = tables[k].rela ? sizeof(Elf64_Rela)
						: sizeof(Elf64_Rel);

		if (!di->present[tables[k].tag] || !size ||
		    !dso_has_range(d, vaddr, size))
			continue;
		for (size_t i = 0; i < size / entsize; i++) {
			struct reloc r;

			read_reloc(d, vaddr, tables[k].rela, i, &r);
			used = count_type(counts, used, max, reloc_type(r));
		}
	}
	if (di->present[DT_RELR])
		*relr = di->tag[DT_RELRSZ] / 8;
	return used;
}

/* What each relocation type asks the loader to do, for a learner. */
const char *explain_reloc_meaning(uint32_t type)
{
	if (type == R_ARCH_RELATIVE)
		return "add the load base to a pointer inside the object";
	if (type == R_ARCH_ABS)
		return "store a symbol's address (plus an addend) in data";
	if (type == R_ARCH_GLOB_DAT)
		return "fill a GOT entry with a symbol's address";
	if (type == R_ARCH_JUMP_SLOT)
		return "fill a PLT slot: where a call to a function goes";
	if (type == (uint32_t)R_ARCH_COPY)
		return "copy a library variable into the program";
	if (type == (uint32_t)R_ARCH_IRELATIVE)
		return "call an IFUNC resolver and store what it returns";
	if (type == R_ARCH_DTPMOD)
		return "store the TLS module id of a symbol's object";
	if (type == R_ARCH_DTPOFF)
		return "store a variable's offset in its TLS block";
	if (type == R_ARCH_TPOFF)
		return "store a variable's offset from the thread pointer";
	if (type == (uint32_t)R_ARCH_TLSDESC)
		return "fill a TLS descriptor (resolver and argument)";
	if (type == R_ARCH_NONE)
		return "nothing (padding left by the linker)";
	return "an architecture-specific computation";
}

static void explain_relocations(void)
{
	say("\n== Stage 6: relocating (loader/reloc.c)\n\n"
	    "Each object's pointers were written by the linker as if it\n"
	    "were loaded at address 0, and references to other objects\n"
	    "were left empty.  The relocation tables say which places to\n"
	    "fix and how.  Objects are relocated dependencies first.\n\n");
	for (struct dso *d = dso_list; d; d = d->next) {
		struct reloc_count counts[32];
		uint64_t relr;

		if (!d->path || d == dso_loader)
			continue;
		size_t n = explain_reloc_counts(d, counts, ARRAY_SIZE(counts),
					     &relr);
		say("  %s%s\n", name_of(d),
		    d->bind_now ? "" : "  (PLT slots bound lazily, at the "
				       "first call)");
		if (relr)
			say("    %6lu  DT_RELR words: packed relative "
			    "relocations, a bitmap of pointers that need the "
			    "load base added\n", (unsigned long)relr);
		for (size_t i = 0; i < n; i++)
			say("    %6lu  %s: %s\n", (unsigned long)counts[i].count,
			    arch_reloc_name(counts[i].type),
			    explain_reloc_meaning(counts[i].type));
	}
}

static void print_search(const struct dso *d, const char *name)
{
	(void)name;
	say("        looked in %s\n", name_of(d));
}

/* Show how a few of the program's symbol references were resolved. */
static void explain_bindings(void)
{
	const struct symtab *t = &dso_program->symtab;
	int shown = 0;

	say("\n  How some of the program's references were bound (the\n"
	    "  global scope is searched in load order; the first "
	    "definition wins):\n");
	for (size_t i = 1; i < dso_program->nsyms_reloc && shown < 4; i++) {
		const Elf64_Sym *ref = &t->syms[i];
		struct sym_query q;
		struct dso *def;

		if (ref->st_shndx != SHN_UNDEF || ref->st_name >= t->strsz)
			continue;
		sym_query_init(&q, t->strtab + ref->st_name, NULL, 0);
		say("    %s:\n", q.name);
		q.on_search = print_search;
		const Elf64_Sym *s = sym_resolve(&q, dso_program, NULL, &def);
		if (s)
			say("        found in %s at 0x%lx\n", name_of(def),
			    (unsigned long)(def->base + s->st_value));
		else
			say("        not found%s\n",
			    ELF64_ST_BIND(ref->st_info) == STB_WEAK
				    ? " (a weak reference: it becomes 0)"
				    : "");
		shown++;
	}
	if (!shown)
		say("    (the program references no symbol of another object)\n");
}

/*
 * The program's definitions that a library defines too: the program
 * comes first in the global scope, so its definition wins, for the
 * library's own references as well (interposition).
 */
static void explain_interposition(void)
{
	const struct symtab *t = &dso_program->symtab;
	int shown = 0;

	say("\n  Definitions of the program that interpose a library's:\n");
	for (size_t i = 1; i < t->nsyms; i++) {
		const Elf64_Sym *def = &t->syms[i];
		int bind = ELF64_ST_BIND(def->st_info);

		if (def->st_shndx == SHN_UNDEF || def->st_name >= t->strsz ||
		    (bind != STB_GLOBAL && bind != STB_WEAK) ||
		    ELF64_ST_TYPE(def->st_info) == STT_SECTION)
			continue;
		for (struct dso *d = dso_list; d; d = d->next) {
			struct sym_query q;

			if (d == dso_program || d == dso_loader || !d->path)
				continue;
			sym_query_init(&q, t->strtab + def->st_name, NULL, 0);
			const Elf64_Sym *other = sym_find_in(&d->symtab, &q);
			if (!other || other->st_shndx == SHN_UNDEF)
				continue;
			if (shown < 12)
				say("    %s: the program's, at 0x%lx, interposes "
				    "%s's, for that library's\n      own "
				    "references too\n", q.name,
				    (unsigned long)(dso_program->base +
						    def->st_value),
				    name_of(d));
			shown++;
		}
	}
	if (!shown)
		say("    (none)\n");
	else if (shown > 12)
		say("    and %d more\n", shown - 12);
}

static void explain_tls(void)
{
	int any = 0;

	say("\n== Stage 5: thread-local storage (loader/tls.c)\n\n"
	    "Each object with a PT_TLS segment is a TLS module.  Its block\n"
	    "for the main thread lies at a fixed offset from the thread\n"
	    "pointer (%s), %s.\n\n",
	    ARCH_TP_REGISTER,
	    ARCH_TLS_VARIANT == 2 ? "below it (ELF TLS variant II)"
				  : "after a 16-byte header (variant I)");
	say("  thread pointer: %p\n", arch_get_tp());
	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->tls_modid)
			continue;
		any = 1;
		say("  module %lu: %s\n    block at TP%+ld, %lu bytes "
		    "(%lu initialised from .tdata), aligned to %lu\n",
		    (unsigned long)d->tls_modid, name_of(d),
		    (long)d->tls_offset, (unsigned long)d->tls_memsz,
		    (unsigned long)d->tls_filesz, (unsigned long)d->tls_align);
	}
	if (!any)
		say("  No object has TLS; the thread pointer still points at "
		    "a thread control block, as code may read it.\n");
}

static void explain_init_order(void)
{
	struct dso *order[256];
	size_t n = initfini_plan(order, ARRAY_SIZE(order));

	say("\n== Stage 7: initialising (loader/initfini.c)\n\n"
	    "First the program's DT_PREINIT_ARRAY, then each library's\n"
	    "DT_INIT and DT_INIT_ARRAY, every library after the ones it\n"
	    "needs.  The program's own constructors are run by its start\n"
	    "code, after the hand-off.  The order here would be:\n\n");
	for (size_t i = 0; i < n && i < ARRAY_SIZE(order); i++)
		say("  %lu. %s\n", (unsigned long)i + 1, name_of(order[i]));
	if (!n)
		say("  (no library has initialisers)\n");
}

/*
 * Where myld's own file is (see trace_object_name): run as a command,
 * the PT_INTERP names the loader myld stands in for (often glibc's),
 * which a learner must not take for the loader that ran.
 */
static void own_name(void)
{
	myld_path = trace_object_name(dso_loader);
}

/* The picture and the page; a file that cannot be written is fatal. */
static void write_files(const char *svg_path, const char *html_path,
			const struct maps_snapshot *before,
			const struct explain_map_facts *facts)
{
	int rc;

	if (svg_path) {
		rc = explain_map_write(svg_path, before, facts);
		if (rc)
			diag_die(svg_path, "cannot write the picture: %s",
				 diag_strerror(rc));
		say("\nA picture of the address space is in %s.\n", svg_path);
	}
	if (html_path) {
		rc = explain_html_write(html_path, before, facts);
		if (rc)
			diag_die(html_path, "cannot write the page: %s",
				 diag_strerror(rc));
		say("\nA page for browsing all of this is in %s.\n",
		    html_path);
	}
}

void explain_and_exit(int command_mode, const void *random,
		      const char *svg_path, const char *html_path)
{
	own_name();
	say("How myld loads %s\n", dso_program->path);
	say("\n(Stages 0 to 2 of docs/pipeline.md, myld's entry, its "
	    "self-relocation\nand its start-up, ran before any of this.)\n");
	say("\n== Stage 3: mapping the program (loader/rtld.c, "
	    "loader/map.c)\n\n");
	if (command_mode)
		say("myld was run as a command, so the kernel started myld "
		    "itself.  myld\nopened the program, reserved one range "
		    "of addresses for it, mapped\neach PT_LOAD segment with "
		    "its own protections, and then rewrote\nargv and the "
		    "auxiliary vector so the program sees what the kernel\n"
		    "would have shown it.\n\n");
	else
		say("The kernel mapped the program and myld (its PT_INTERP) "
		    "and started\nmyld; the auxiliary vector tells myld "
		    "where the program is.\n\n");
	say("  %s, load bias 0x%lx, entry 0x%lx:\n", dso_program->path,
	    (unsigned long)dso_program->base,
	    (unsigned long)dso_program->entry);
	explain_segments(dso_program);

	say("\n== Stage 4: loading the dependencies (loader/load.c)\n\n"
	    "The DT_NEEDED entries are loaded breadth-first: the program's "
	    "first,\nthen theirs.  Each name is searched in DT_RPATH, "
	    "LD_LIBRARY_PATH,\nDT_RUNPATH, /etc/ld.so.cache (or "
	    "/etc/ld.so.conf) and the default\ndirectories.  This list\nis also the order in which symbols "
	    "are looked up.\n\n");
	for (struct dso *d = dso_list; d; d = d->next) {
		if (d->kind == DSO_PROGRAM)
			continue;
		if (d == dso_loader) {
			say("  %s: myld itself, standing in for %s (the name "
			    "%s\n    asks for), for its own functions\n",
			    myld_path, d->path, name_of(d->loaded_by ?
							d->loaded_by :
							dso_program));
			continue;
		}
		say("  %s\n    needed as %s by %s; load bias 0x%lx\n",
		    name_of(d), d->name,
		    d->loaded_by ? name_of(d->loaded_by) : "a preload",
		    (unsigned long)d->base);
		explain_segments(d);
	}
	if (!dso_list->next)
		say("  (the program needs no library)\n");

	tls_setup_static(random);
	explain_tls();
	struct maps_snapshot *before = explain_map_snapshot();
	reloc_all();
	explain_relocations();
	explain_bindings();
	explain_interposition();
	explain_init_order();

	say("\n== Stage 8: handing off (arch/%s/start.S)\n\n"
	    "myld would now put the stack pointer back at argc, pass its\n"
	    "finaliser (which runs DT_FINI_ARRAY and DT_FINI at exit) in\n"
	    "%s, and jump to the entry point 0x%lx.  --explain stops here:\n"
	    "no initialiser ran, and the program did not start.\n",
	    ARCH_NAME, ARCH_FINI_REGISTER,
	    (unsigned long)dso_program->entry);

	struct explain_map_facts facts = { dso_program->path, myld_path,
					   (uintptr_t)arch_get_tp(), 0,
					   (uintptr_t)sys_call(__NR_brk, 0, 0, 0,
								0, 0, 0) };
	size_t align;
	tls_static_info(&facts.static_tls, &align);
	write_files(svg_path, html_path, before, &facts);
	sys_exit(0);
}
