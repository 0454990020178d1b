/* SPDX-License-Identifier: MIT */
/*
 * loader/explain_html.c - --explain-html: one page for browsing a loaded
 * program.  See explain_html.h.
 *
 * Everything on the page comes from the loader's state after the real
 * stages ran, as --explain's narration does: the bindings are asked of
 * reloc_resolve, the function every relocation binds through, so the
 * page cannot tell a different story from the one the loader acted on.
 *
 * Every string taken from an ELF file or from the kernel (paths,
 * sonames, symbol and version names) goes out through explain_out_text,
 * which escapes it: an object is hostile input, and a name such as
 * "<script>" must stay text.  The page's one script reads only the
 * text of the bindings table, never puts text into markup, and loads
 * nothing.  Facts a test checks are in data- attributes.
 */
#include "alloc.h"
#include "diag.h"
#include "dso.h"
#include "explain.h"
#include "explain_html.h"
#include "initfini.h"
#include "lib.h"
#include "reloc_internal.h"
#include "symbol.h"
#include "trace.h"

#define html_put(...) explain_out_put(o, __VA_ARGS__)

static const char *name_of(const struct dso *d)
{
	const char *n = trace_object_name(d);

	return n ? n : d->name ? d->name : "?";
}

/* D's place in the load order, from 0 (the program). */
static size_t index_of(const struct dso *d)
{
	size_t i = 0;

	for (const struct dso *e = dso_list; e && e != d; e = e->next)
		i++;
	return i;
}

static void put_object_link(struct explain_out *o, const struct dso *d)
{
	html_put("<a href=\"#obj-%lu\">", (unsigned long)index_of(d));
	explain_out_text(o, name_of(d));
	html_put("</a>");
}

static const char page_style[] =
	"body{font-family:sans-serif;margin:1em 2em;color:#222}"
	"h1{font-size:1.4em}h2{margin-top:2em;border-bottom:1px solid #ccc}"
	"table{border-collapse:collapse;margin:.5em 0}"
	"td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;"
	"font-size:.9em;vertical-align:top}"
	"td.num{text-align:right;font-family:monospace}"
	"code,.mono{font-family:monospace}"
	"tr.interpose{background:#fde8c8}tr.version{background:#dfe8fb}"
	"tr.interpose.version{background:#e8d8f0}tr.unbound{color:#999}"
	"details{margin:.4em 0}summary{cursor:pointer;font-weight:bold}"
	"nav a{margin-right:1em}.note{color:#555;font-size:.9em}"
	"#filter{width:30em;font-size:1em;padding:2px}";

/* The filter: a row stays when its text holds every word typed, and
 * the boxes can keep only the marked rows.  The URL may carry a first
 * filter (page.html#filter=memcpy), which also lets a test drive it. */
static const char page_script[] =
	"(function(){\n"
	"var box=document.getElementById('filter');\n"
	"var onlyI=document.getElementById('only-interpose');\n"
	"var onlyV=document.getElementById('only-version');\n"
	"var count=document.getElementById('shown');\n"
	"var rows=document.querySelectorAll('#bindings tbody tr');\n"
	"function apply(){\n"
	" var words=box.value.toLowerCase().split(/\\s+/).filter(Boolean);\n"
	" var n=0;\n"
	" rows.forEach(function(r){\n"
	"  var t=r.textContent.toLowerCase();\n"
	"  var ok=words.every(function(w){return t.indexOf(w)>=0;});\n"
	"  if(onlyI.checked&&!r.classList.contains('interpose'))ok=false;\n"
	"  if(onlyV.checked&&!r.classList.contains('version'))ok=false;\n"
	"  r.hidden=!ok;if(ok)n++;\n"
	" });\n"
	" count.textContent=String(n);\n"
	"}\n"
	"var m=/[#&]filter=([^&]*)/.exec(location.hash);\n"
	"if(m)box.value=decodeURIComponent(m[1]);\n"
	"box.addEventListener('input',apply);\n"
	"onlyI.addEventListener('change',apply);\n"
	"onlyV.addEventListener('change',apply);\n"
	"apply();\n"
	"})();\n";

static void page_head(struct explain_out *o, const char *program)
{
	html_put("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
		 "charset=\"utf-8\">\n<title>How myld loads ");
	explain_out_text(o, program);
	html_put("</title>\n<style>");
	explain_out_raw(o, page_style);
	html_put("</style>\n</head>\n<body>\n<h1>How myld loads <code "
	    "id=\"program\">");
	explain_out_text(o, program);
	html_put("</code></h1>\n<p class=\"note\">Read from myld's own state after "
	    "it mapped, loaded and relocated the program (stages 3 to 6 of "
	    "docs/pipeline.md); no initialiser ran and the program did not "
	    "start.</p>\n<nav><a href=\"#map\">Address space</a>"
	    "<a href=\"#order\">Load order</a><a href=\"#graph\">DT_NEEDED "
	    "graph</a><a href=\"#objects\">Objects</a><a href=\"#tls\">TLS</a>"
	    "<a href=\"#bindings-section\">Bindings</a><a href=\"#initfini\">"
	    "Init and fini</a></nav>\n");
}

/* Stage 4's result: each object, who asked for it, and where. */
static void section_order(struct explain_out *o)
{
	html_put("<h2 id=\"order\">Load order</h2>\n<p>Breadth-first over "
	    "DT_NEEDED, the program first.  This is also the global scope: "
	    "symbols are looked up in this order, and the first definition "
	    "wins.</p>\n<table id=\"load-order\"><thead><tr><th>#</th>"
	    "<th>object</th><th>asked for as</th><th>needed by</th>"
	    "<th>load bias</th></tr></thead><tbody>\n");
	for (struct dso *d = dso_list; d; d = d->next) {
		html_put("<tr data-path=\"");
		explain_out_text(o, name_of(d));
		html_put("\"><td class=\"num\">%lu</td><td>",
		    (unsigned long)index_of(d));
		put_object_link(o, d);
		if (d == dso_loader) {
			html_put(" (myld itself, standing in for ");
			explain_out_text(o, d->path ? d->path : "?");
			html_put(")");
		}
		html_put("</td><td class=\"mono\">");
		explain_out_text(o, d->name ? d->name : "");
		html_put("</td><td>");
		if (d->loaded_by)
			put_object_link(o, d->loaded_by);
		else if (d == dso_loader)
			html_put("in memory already: it loads the others");
		else if (d != dso_program)
			html_put("a preload");
		html_put("</td><td class=\"num\">0x%lx</td></tr>\n",
		    (unsigned long)d->base);
	}
	html_put("</tbody></table>\n");
}

/*
 * The DT_NEEDED graph, drawn in rows by breadth-first depth from the
 * program; an edge for every DT_NEEDED entry, also those that met an
 * object already loaded.
 */
#define GRAPH_COL 230
#define GRAPH_ROW 70

static void graph_place(size_t n, const size_t *depth, int *x, int *y,
			int *width, int *height)
{
	int *in_row = mem_alloc_filled((n + 1) * sizeof(int));

	*width = GRAPH_COL;
	*height = GRAPH_ROW;
	for (size_t i = 0; i < n; i++) {
		x[i] = 10 + in_row[depth[i]]++ * GRAPH_COL;
		y[i] = 10 + (int)depth[i] * GRAPH_ROW;
		if (x[i] + GRAPH_COL > *width)
			*width = x[i] + GRAPH_COL;
		if (y[i] + GRAPH_ROW > *height)
			*height = y[i] + GRAPH_ROW;
	}
	mem_free(in_row);
}

/* The last component of PATH, for a node's label. */
static const char *base_name(const char *path)
{
	const char *b = path;

	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			b = p + 1;
	return b;
}

static void graph_draw(struct explain_out *o, struct dso **objs, size_t n,
		       const int *x, const int *y)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < objs[i]->ndeps; k++) {
			size_t j = index_of(objs[i]->deps[k]);

			if (j >= n)
				continue;
			html_put("<line class=\"edge\" data-from=\"%lu\" "
			    "data-to=\"%lu\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
			    "y2=\"%d\" stroke=\"#777\"/>\n", (unsigned long)i,
			    (unsigned long)j, x[i] + 100, y[i] + 30,
			    x[j] + 100, y[j]);
		}
	for (size_t i = 0; i < n; i++) {
		html_put("<g class=\"node\" data-index=\"%lu\"><title>",
		    (unsigned long)i);
		explain_out_text(o, name_of(objs[i]));
		html_put("</title><rect x=\"%d\" y=\"%d\" width=\"200\" "
		    "height=\"30\" rx=\"4\" fill=\"%s\" stroke=\"#555\"/>"
		    "<text x=\"%d\" y=\"%d\" font-size=\"11\">%lu. ", x[i],
		    y[i], objs[i] == dso_loader ? "#fde8c8" : "#eef",
		    x[i] + 6, y[i] + 19, (unsigned long)i);
		explain_out_text(o, base_name(name_of(objs[i])));
		html_put("</text></g>\n");
	}
}

static void section_graph(struct explain_out *o)
{
	size_t n = index_of(NULL);
	struct dso **objs = mem_alloc(n * sizeof(*objs));
	size_t *depth = mem_alloc_filled(n * sizeof(*depth));
	int *x = mem_alloc(n * sizeof(int)), *y = mem_alloc(n * sizeof(int));
	int width, height;
	size_t i = 0;

	for (struct dso *d = dso_list; d; d = d->next)
		objs[i++] = d;
	/* Load order is breadth-first: an object's depth is one more than
	 * the depth of the object that loaded it, which came before. */
	for (i = 1; i < n; i++) {
		size_t parent = objs[i]->loaded_by ?
					index_of(objs[i]->loaded_by) : n;
		depth[i] = parent < i ? depth[parent] + 1 : 1;
	}
	graph_place(n, depth, x, y, &width, &height);
	html_put("<h2 id=\"graph\">DT_NEEDED graph</h2>\n<p>A line for each "
	    "DT_NEEDED entry, from the object that needs (above) to the "
	    "object that satisfied it; rows are the breadth-first levels of the "
	    "load.</p>\n<svg id=\"needed-graph\" xmlns=\"http://www.w3.org/"
	    "2000/svg\" width=\"%d\" height=\"%d\" font-family=\"monospace\">"
	    "\n", width, height);
	graph_draw(o, objs, n, x, y);
	html_put("</svg>\n");
	mem_free(objs);
	mem_free(depth);
	mem_free(x);
	mem_free(y);
}

static void object_segments(struct explain_out *o, const struct dso *d)
{
	html_put("<table class=\"segments\"><thead><tr><th>start</th><th>end</th>"
	    "<th>prot</th><th>file size</th><th>holds</th></tr></thead>"
	    "<tbody>\n");
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];
		char prot[4];

		if (p->p_type != PT_LOAD)
			continue;
		explain_prot_string(p->p_flags, prot);
		int relro = d->relro_end > d->relro_start &&
			    d->relro_start < p->p_vaddr + p->p_memsz &&
			    d->relro_end > p->p_vaddr;
		html_put("<tr data-vaddr=\"0x%lx\" data-memsz=\"0x%lx\"><td "
		    "class=\"num\">0x%lx</td><td class=\"num\">0x%lx</td>"
		    "<td class=\"mono\">%s</td><td class=\"num\">0x%lx</td>"
		    "<td>%s</td></tr>\n", (unsigned long)p->p_vaddr,
		    (unsigned long)p->p_memsz,
		    (unsigned long)(d->base + p->p_vaddr),
		    (unsigned long)(d->base + p->p_vaddr + p->p_memsz), prot,
		    (unsigned long)p->p_filesz,
		    explain_segment_role(p->p_flags, p->p_memsz > p->p_filesz,
					 relro));
	}
	html_put("</tbody></table>\n");
}

/* The tags a learner meets, with what each says. */
static const struct {
	int64_t tag;
	char name[20];
	char meaning[60];
} dyn_tags[] = {
	{ DT_NEEDED, "DT_NEEDED", "a library this object needs" },
	{ DT_SONAME, "DT_SONAME", "the name this library answers to" },
	{ DT_RPATH, "DT_RPATH", "directories searched first (old form)" },
	{ DT_RUNPATH, "DT_RUNPATH", "directories searched after LD_LIBRARY_PATH" },
	{ DT_HASH, "DT_HASH", "the SysV symbol hash table" },
	{ DT_GNU_HASH, "DT_GNU_HASH", "the GNU symbol hash table (Bloom filter)" },
	{ DT_STRTAB, "DT_STRTAB", "the dynamic string table" },
	{ DT_SYMTAB, "DT_SYMTAB", "the dynamic symbol table" },
	{ DT_STRSZ, "DT_STRSZ", "size of the string table" },
	{ DT_SYMENT, "DT_SYMENT", "size of one symbol" },
	{ DT_RELA, "DT_RELA", "relocations with addends" },
	{ DT_RELASZ, "DT_RELASZ", "size of the DT_RELA table" },
	{ DT_RELAENT, "DT_RELAENT", "size of one DT_RELA entry" },
	{ DT_REL, "DT_REL", "relocations without addends" },
	{ DT_RELSZ, "DT_RELSZ", "size of the DT_REL table" },
	{ DT_RELENT, "DT_RELENT", "size of one DT_REL entry" },
	{ DT_RELR, "DT_RELR", "packed relative relocations" },
	{ DT_RELRSZ, "DT_RELRSZ", "size of the DT_RELR table" },
	{ DT_RELRENT, "DT_RELRENT", "size of one DT_RELR word" },
	{ DT_JMPREL, "DT_JMPREL", "the PLT's relocations" },
	{ DT_PLTRELSZ, "DT_PLTRELSZ", "size of the PLT's relocations" },
	{ DT_PLTREL, "DT_PLTREL", "whether the PLT's are REL or RELA" },
	{ DT_PLTGOT, "DT_PLTGOT", "the GOT the PLT jumps through" },
	{ DT_INIT, "DT_INIT", "an initialiser function" },
	{ DT_FINI, "DT_FINI", "a finaliser function" },
	{ DT_INIT_ARRAY, "DT_INIT_ARRAY", "initialiser functions" },
	{ DT_INIT_ARRAYSZ, "DT_INIT_ARRAYSZ", "size of DT_INIT_ARRAY" },
	{ DT_FINI_ARRAY, "DT_FINI_ARRAY", "finaliser functions" },
	{ DT_FINI_ARRAYSZ, "DT_FINI_ARRAYSZ", "size of DT_FINI_ARRAY" },
	{ DT_PREINIT_ARRAY, "DT_PREINIT_ARRAY",
	  "the program's earliest initialisers" },
	{ DT_PREINIT_ARRAYSZ, "DT_PREINIT_ARRAYSZ", "size of DT_PREINIT_ARRAY" },
	{ DT_DEBUG, "DT_DEBUG", "filled with r_debug, for debuggers" },
	{ DT_TEXTREL, "DT_TEXTREL", "relocations write read-only segments" },
	{ DT_SYMBOLIC, "DT_SYMBOLIC", "look in this object first" },
	{ DT_BIND_NOW, "DT_BIND_NOW", "bind every PLT slot at start" },
	{ DT_FLAGS, "DT_FLAGS", "flags (DF_BIND_NOW, DF_STATIC_TLS, ...)" },
	{ DT_FLAGS_1, "DT_FLAGS_1", "more flags (DF_1_NOW, DF_1_PIE, ...)" },
	{ DT_VERSYM, "DT_VERSYM", "each symbol's version index" },
	{ DT_VERDEF, "DT_VERDEF", "the versions this object defines" },
	{ DT_VERDEFNUM, "DT_VERDEFNUM", "how many versions it defines" },
	{ DT_VERNEED, "DT_VERNEED", "the versions it needs of others" },
	{ DT_VERNEEDNUM, "DT_VERNEEDNUM", "how many libraries it needs versions of" },
	{ DT_RELACOUNT, "DT_RELACOUNT", "how many DT_RELA entries are relative" },
	{ DT_RELCOUNT, "DT_RELCOUNT", "how many DT_REL entries are relative" },
};

/* A tag whose value is an offset into the string table: the string. */
static int is_string_tag(int64_t tag)
{
	return tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH ||
	       tag == DT_RUNPATH;
}

static void object_dynamic(struct explain_out *o, const struct dso *d)
{
	const struct symtab *t = &d->symtab;

	html_put("<table class=\"dynamic\"><thead><tr><th>tag</th><th>value</th>"
	    "<th>meaning</th></tr></thead><tbody>\n");
	for (size_t i = 0; d->dynv && i < d->dyn_count &&
			   d->dynv[i].d_tag != DT_NULL; i++) {
		const Elf64_Dyn *e = &d->dynv[i];
		size_t k = 0;

		while (k < ARRAY_SIZE(dyn_tags) && dyn_tags[k].tag != e->d_tag)
			k++;
		if (k < ARRAY_SIZE(dyn_tags))
			html_put("<tr><td class=\"mono\">%s</td>", dyn_tags[k].name);
		else
			html_put("<tr><td class=\"mono\">0x%lx</td>",
			    (unsigned long)e->d_tag);
		if (is_string_tag(e->d_tag) && t->strtab &&
		    e->d_un.d_val < t->strsz) {
			html_put("<td class=\"mono\">");
			explain_out_text(o, t->strtab + e->d_un.d_val);
			html_put("</td>");
		} else {
			html_put("<td class=\"num\">0x%lx</td>",
			    (unsigned long)e->d_un.d_val);
		}
		html_put("<td>%s</td></tr>\n", k < ARRAY_SIZE(dyn_tags)
						   ? dyn_tags[k].meaning
						   : "(not used by myld)");
	}
	html_put("</tbody></table>\n");
}

static void object_relocs(struct explain_out *o, struct dso *d)
{
	struct reloc_count counts[32];
	uint64_t relr;
	size_t n = explain_reloc_counts(d, counts, ARRAY_SIZE(counts), &relr);

	html_put("<table class=\"relocs\"><thead><tr><th>count</th><th>type</th>"
	    "<th>what the loader does</th></tr></thead><tbody>\n");
	if (relr)
		html_put("<tr data-type=\"RELR\"><td class=\"num\">%lu</td>"
		    "<td class=\"mono\">DT_RELR words</td><td>packed relative "
		    "relocations: a bitmap of pointers that need the load base "
		    "added</td></tr>\n", (unsigned long)relr);
	for (size_t i = 0; i < n; i++)
		html_put("<tr data-type=\"%s\"><td class=\"num\">%lu</td><td "
		    "class=\"mono\">%s</td><td>%s</td></tr>\n",
		    arch_reloc_name(counts[i].type),
		    (unsigned long)counts[i].count,
		    arch_reloc_name(counts[i].type),
		    explain_reloc_meaning(counts[i].type));
	html_put("</tbody></table>\n");
}

static void section_objects(struct explain_out *o)
{
	html_put("<h2 id=\"objects\">Objects</h2>\n<p>For each object: its "
	    "PT_LOAD segments as mapped, its dynamic section, and its "
	    "relocations by type.</p>\n");
	for (struct dso *d = dso_list; d; d = d->next) {
		html_put("<details class=\"object\" id=\"obj-%lu\" data-path=\"",
		    (unsigned long)index_of(d));
		explain_out_text(o, name_of(d));
		html_put("\"%s><summary>%lu. ", d == dso_program ? " open" : "",
		    (unsigned long)index_of(d));
		explain_out_text(o, name_of(d));
		html_put("</summary>\n<p>Load bias <span class=\"mono\">0x%lx</span>"
		    "%s.</p>\n", (unsigned long)d->base,
		    d == dso_loader ? "; myld relocated itself before anything "
				      "else (stage 1)" :
		    d->bind_now ? "; PLT slots bound at start (BIND_NOW)" :
				  "; PLT slots bound lazily, at the first call");
		object_segments(o, d);
		object_dynamic(o, d);
		if (d != dso_loader)
			object_relocs(o, d);
		html_put("</details>\n");
	}
}

static void section_tls(struct explain_out *o)
{
	html_put("<h2 id=\"tls\">Thread-local storage</h2>\n<p>Each object with a "
	    "PT_TLS segment is a TLS module; its block for the main thread "
	    "lies at a fixed offset from the thread pointer (%s).</p>\n"
	    "<table id=\"tls-table\"><thead><tr><th>module</th><th>object"
	    "</th><th>offset from TP</th><th>size</th><th>initialised</th>"
	    "<th>alignment</th></tr></thead><tbody>\n", ARCH_TP_REGISTER);
	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->tls_modid)
			continue;
		html_put("<tr data-memsz=\"%lu\" data-filesz=\"%lu\" "
		    "data-align=\"%lu\" data-path=\"",
		    (unsigned long)d->tls_memsz, (unsigned long)d->tls_filesz,
		    (unsigned long)d->tls_align);
		explain_out_text(o, name_of(d));
		html_put("\"><td class=\"num\">%lu</td><td>",
		    (unsigned long)d->tls_modid);
		put_object_link(o, d);
		html_put("</td><td class=\"num\">%+ld</td><td class=\"num\">%lu</td>"
		    "<td class=\"num\">%lu</td><td class=\"num\">%lu</td></tr>\n",
		    (long)d->tls_offset, (unsigned long)d->tls_memsz,
		    (unsigned long)d->tls_filesz, (unsigned long)d->tls_align);
	}
	html_put("</tbody></table>\n");
}

/* The version D's definition SYM carries: its name, and whether it is
 * hidden (name@V, kept for old references, not name@@V). */
static const char *def_version(const struct dso *d, const Elf64_Sym *sym,
			       int *hidden)
{
	const struct symtab *t = &d->symtab;
	size_t idx = (size_t)(sym - t->syms);

	*hidden = 0;
	if (!t->versym || idx >= t->nversym || idx >= t->nsyms)
		return NULL;
	uint16_t v = t->versym[idx];
	*hidden = (v & 0x8000) != 0;
	v &= 0x7fff;
	if (v < 2 || v >= t->nverdefs)
		return NULL;
	return t->verdefs[v].name;
}

/* How many definitions of NAME D has, in any version. */
static size_t versions_defined(const struct dso *d, const char *name)
{
	const struct symtab *t = &d->symtab;
	size_t n = 0;

	for (size_t i = 1; i < t->nsyms; i++)
		if (t->syms[i].st_shndx != SHN_UNDEF &&
		    t->syms[i].st_name < t->strsz &&
		    !strcmp(t->strtab + t->syms[i].st_name, name))
			n++;
	return n;
}

/*
 * The other objects of the global scope (and REF itself, unless TYPE
 * is a COPY, whose destination is REF's) that define NAME: listed in
 * the notes cell when O is not NULL; returns how many.  That REF
 * defines it too is interposition: the earlier definition wins even for
 * REF's own references.
 */
static size_t other_definers(struct explain_out *o, const struct dso *ref,
			     uint32_t type, const struct dso *def,
			     const char *name, const struct version *v)
{
	size_t n = 0;
	int own = 0;

	for (struct dso *d = dso_list; d; d = d->next) {
		struct sym_query q;

		if (d == def || (!d->global && d != ref) ||
		    (d == ref && type == (uint32_t)R_ARCH_COPY))
			continue;
		sym_query_init(&q, name, v, 0);
		const Elf64_Sym *s = sym_find_in(&d->symtab, &q);
		if (!s || s->st_shndx == SHN_UNDEF)
			continue;
		if (o) {
			html_put(n ? ", " : "Also defined, not taken, in ");
			put_object_link(o, d);
		}
		own |= d == ref;
		n++;
	}
	if (o && n)
		html_put(own ? ".  Interposition: a definition earlier in the "
			       "scope wins over this object's own. "
			     : ". ");
	return n;
}

enum { MARK_INTERPOSE = 1, MARK_VERSION = 2 };

/* Is REF's binding B of NAME a choice between definitions (MARK_*)? */
static int binding_marks(const struct dso *ref, uint32_t type,
			 const struct binding *b,
			 const char *name, const struct version *want)
{
	int marks = 0, hidden;

	if (!b->def)
		return 0;
	if (other_definers(NULL, ref, type, b->def, name, want))
		marks |= MARK_INTERPOSE;
	if (want && def_version(b->def, b->sym, &hidden) &&
	    versions_defined(b->def, name) > 1)
		marks |= MARK_VERSION;
	return marks;
}

/* The cells after the symbol's: where it was bound, and why there. */
static void binding_target(struct explain_out *o, const struct dso *ref,
			   uint32_t type, const struct binding *b,
			   const char *name, const struct version *want,
			   int marks)
{
	int hidden;
	const char *got = def_version(b->def, b->sym, &hidden);

	html_put("<td>");
	put_object_link(o, b->def);
	if (got) {
		html_put("<span class=\"mono\">%s", hidden ? "@" : "@@");
		explain_out_text(o, got);
		html_put("</span>");
	}
	html_put("</td><td class=\"num\">0x%lx</td><td>", (unsigned long)b->value);
	if (type == (uint32_t)R_ARCH_COPY)
		html_put("The value is copied into the program, which then holds "
		    "the only copy. ");
	if (marks & MARK_INTERPOSE)
		other_definers(o, ref, type, b->def, name, want);
	if (marks & MARK_VERSION) {
		html_put("The object defines this name in more than one version; "
		    "the reference asked for ");
		explain_out_text(o, want->name);
		html_put(hidden ? ", an older one, not the default." :
			     ", the default one.");
	}
	html_put("</td>");
}

/* One row of the bindings table: REF's relocation R. */
static void binding_row(struct explain_out *o, struct dso *ref,
			const struct reloc *r)
{
	uint32_t type = reloc_type(*r);
	struct binding b = { 0 };
	const char *name = "?";
	const struct version *want = NULL;
	unsigned saved_mask = trace_mask;

	trace_mask = 0;		/* LD_DEBUG saw these bindings already */
	int rc = reloc_resolve(ref, reloc_sym(*r), type, &b, &name, &want);
	trace_mask = saved_mask;
	if (rc == -2)
		return;
	int marks = binding_marks(ref, type, &b, name, want);
	html_put("<tr class=\"%s%s%s\" data-from=\"%lu\" data-to=\"%ld\" "
	    "data-type=\"%s\" data-symbol=\"", marks & MARK_INTERPOSE ?
	    "interpose " : "", marks & MARK_VERSION ? "version " : "",
	    b.def ? "" : "unbound", (unsigned long)index_of(ref),
	    b.def ? (long)index_of(b.def) : -1L, arch_reloc_name(type));
	explain_out_text(o, name);
	html_put("\" data-version=\"");
	explain_out_text(o, want && want->name ? want->name : "");
	html_put("\"><td>");
	put_object_link(o, ref);
	html_put("</td><td class=\"mono\">");
	explain_out_text(o, name);
	if (want && want->name) {
		html_put("@");
		explain_out_text(o, want->name);
	}
	html_put("</td><td class=\"mono\">%s</td>", arch_reloc_name(type));
	if (b.def)
		binding_target(o, ref, type, &b, name, want, marks);
	else
		html_put("<td></td><td class=\"num\">0</td><td>%s</td>",
		    rc ? "Undefined: binding it would fail."
		       : "A weak reference nothing defines: it is 0.");
	html_put("</tr>\n");
}

/* Every relocation of D's tables that names a symbol, one row each. */
static void object_bindings(struct explain_out *o, struct dso *d)
{
	const struct dyn_info *di = &d->dyn;
	const struct { int tag, size_tag, rela; } tables[] = {
		{ DT_REL, DT_RELSZ, 0 },
		{ DT_RELA, DT_RELASZ, 1 },
		{ DT_JMPREL, DT_PLTRELSZ, di->tag[DT_PLTREL] == DT_RELA },
	};

	for (size_t k = 0; d->dynv && k < ARRAY_SIZE(tables); k++) {
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
			if (reloc_sym(r))
				binding_row(o, d, &r);
		}
	}
}

static void section_bindings(struct explain_out *o)
{
	html_put("<h2 id=\"bindings-section\">Bindings</h2>\n<p>Every relocation "
	    "that names a symbol, and the definition the look-up took: the "
	    "global scope is searched in load order and the first "
	    "definition of the name (in the version asked for) wins.  "
	    "<span style=\"background:#fde8c8\">Orange</span>: another "
	    "object defines the name too (interposition); <span style=\""
	    "background:#dfe8fb\">blue</span>: the defining object has "
	    "the name in several versions.  PLT slots bound lazily are "
	    "shown with the definition their first call will take.</p>\n"
	    "<p><input id=\"filter\" type=\"search\" placeholder=\"filter: "
	    "words the row must contain\" aria-label=\"filter\"> "
	    "<label><input type=\"checkbox\" id=\"only-interpose\"> only "
	    "interposition</label> <label><input type=\"checkbox\" "
	    "id=\"only-version\"> only version choices</label> "
	    "<span id=\"shown\"></span> rows shown</p>\n"
	    "<table id=\"bindings\"><thead><tr><th>object</th><th>symbol"
	    "</th><th>relocation</th><th>bound to</th><th>address</th>"
	    "<th>notes</th></tr></thead><tbody>\n");
	for (struct dso *d = dso_list; d; d = d->next)
		if (d != dso_loader)
			object_bindings(o, d);
	html_put("</tbody></table>\n");
}

static void section_initfini(struct explain_out *o)
{
	size_t n = initfini_plan(NULL, 0);
	struct dso **order = mem_alloc((n ? n : 1) * sizeof(*order));

	initfini_plan(order, n);
	html_put("<h2 id=\"initfini\">Init and fini order</h2>\n<p>Initialisers "
	    "(DT_INIT, then DT_INIT_ARRAY) run each object after the ones "
	    "it needs; the program's own run from its start code.  "
	    "Finalisers (DT_FINI_ARRAY in reverse, then DT_FINI) run in the "
	    "reverse order, at exit.</p>\n<h3>Init</h3>\n<ol id=\"init-order"
	    "\">\n");
	for (size_t i = 0; i < n; i++) {
		html_put("<li>");
		put_object_link(o, order[i]);
		html_put("</li>\n");
	}
	html_put("</ol>\n<h3>Fini</h3>\n<ol id=\"fini-order\">\n");
	for (size_t i = n; i--;) {
		html_put("<li>");
		put_object_link(o, order[i]);
		html_put("</li>\n");
	}
	html_put("</ol>\n");
	mem_free(order);
}

int explain_html_write(const char *path, const struct maps_snapshot *before,
		       const struct explain_map_facts *facts)
{
	struct explain_out out, *o = &out;
	int rc = explain_out_open(o, path);

	if (rc)
		return rc;
	page_head(o, facts->program);
	html_put("<h2>Address space</h2>\n");
	explain_map_draw(o, 0, before, facts);
	section_order(o);
	section_graph(o);
	section_objects(o);
	section_tls(o);
	section_bindings(o);
	section_initfini(o);
	html_put("<script>\n");
	explain_out_raw(o, page_script);
	html_put("</script>\n</body>\n</html>\n");
	return explain_out_close(o);
}
