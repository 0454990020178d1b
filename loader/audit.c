/* SPDX-License-Identifier: MIT */
/*
 * loader/audit.c - the rtld-audit interface: calling the auditors
 * LD_AUDIT and --audit name, at the points rtld-audit(7) describes.
 *
 * rtld.c opens the auditors once the static TLS area and the C library's
 * view of the loader exist, before the program's libraries are loaded:
 * each in a namespace of its own, with its own copy of every library it
 * needs (a second libc.so.6 included), relocated and initialised at once
 * by dlfcn.c as for dlmopen, then asked la_version.  The start-up
 * objects are then searched (la_objsearch) and reported (la_objopen,
 * la_activity) as they are loaded, and relocated, each eager PLT binding
 * going through la_symbind64 (reloc.c).  After that,
 * dlfcn.c reports dlopen, dlsym and dlclose, reloc_lazy.c asks
 * la_symbind64 about each lazy binding, and libc calls la_preinit
 * through _dl_audit_preinit (glibc/libc_calls.c).  docs/audit.md says
 * where this still differs from glibc.
 */
#include "audit.h"
#include "alloc.h"
#include "arch.h"
#include "diag.h"
#include "dlfcn.h"
#include "dynamic.h"
#include "lib.h"
#include "load.h"
#include "objects.h"
#include "symbol.h"
#include "trace.h"

/* glibc 2.36 has at most 16 namespaces, one per auditor but the base. */
#define MAX_AUDITORS 15

typedef unsigned (*la_version_fn)(unsigned);
typedef void (*la_activity_fn)(uintptr_t *, unsigned);
typedef unsigned (*la_objopen_fn)(void *, long, uintptr_t *);
typedef unsigned (*la_objclose_fn)(uintptr_t *);
typedef void (*la_preinit_fn)(uintptr_t *);
typedef char *(*la_objsearch_fn)(const char *, uintptr_t *, unsigned);
typedef uintptr_t (*la_symbind_fn)(Elf64_Sym *, unsigned, uintptr_t *,
				   uintptr_t *, unsigned *, const char *);
/* la_<cpu>_gnu_pltenter and _pltexit; REGS is the CPU's La_<cpu>_regs,
 * RETVAL its La_<cpu>_retval. */
typedef uintptr_t (*la_pltenter_fn)(Elf64_Sym *, unsigned, uintptr_t *,
				    uintptr_t *, void *regs, unsigned *,
				    const char *, long *);
typedef unsigned (*la_pltexit_fn)(Elf64_Sym *, unsigned, uintptr_t *,
				  uintptr_t *, const void *regs, void *retval,
				  const char *);

/* la_symbind64's out flags, two bits per auditor in an enter/exit word. */
#define LA_SYMB_NOPLTENTER 0x01
#define LA_SYMB_NOPLTEXIT 0x02
#define NO_PLT_HOOKS (LA_SYMB_NOPLTENTER | LA_SYMB_NOPLTEXIT)
#define LA_SYMB_DLSYM 0x08
#define LA_SYMB_ALTVALUE 0x10

struct auditor {
	struct dso *d;
	la_activity_fn activity;
	la_objopen_fn objopen;
	la_objclose_fn objclose;
	la_preinit_fn preinit;
	la_objsearch_fn objsearch;
	la_symbind_fn symbind;
	la_pltenter_fn pltenter;
	la_pltexit_fn pltexit;
};

/* One PLT slot's binding, made once, for the audit trampoline. */
struct audit_slot {
	uintptr_t target;
	struct dso *def;	/* what it binds to */
	const Elf64_Sym *sym;	/* in DEF's table */
	const char *name;
	/* LA_SYMB_* flags, two bits per auditor: la_symbind64's, and those
	 * la_pltenter adds (it may ask for no more calls). */
	uint32_t enter_exit;
	uint32_t bound;
};

/* What one auditor said about one object (struct dso's audit). */
struct audit_link {
	uintptr_t cookie;
	unsigned bind_flags;	/* la_objopen's LA_FLG_* */
};

struct auditor auditors[MAX_AUDITORS] COLD_BUFFER;
unsigned audit_count;
int audit_symbind_wanted;
int audit_plt_wanted;

static int accept_version(struct auditor *a);
static void report_mapped(struct dso *d);

/*
 * Open the auditor NAME in a namespace of its own, then ask its
 * la_version.  One that cannot be had is ignored with glibc's message:
 * the failure is a dlerror message, not fatal, while it loads.
 */
static void open_auditor(const char *name)
{
	diag_startup_recoverable(1);
	load_config.opening_auditor = 1;
	struct dso *d = dlfcn_open_auditor(name);
	const char *why = d ? NULL : diag_take_dlerror();

	load_config.opening_auditor = 0;
	diag_startup_recoverable(0);
	if (why)
		diag_printf(2, "ERROR: myld: object '%s' cannot be loaded as "
			    "audit interface: %s; ignored.\n", name, why);
	if (!d)
		return;
	/*
	 * The auditors opened before it saw its objects load, as in glibc;
	 * from now on its namespace is its own: never reported again (not
	 * even closed at exit), and its bindings are not audited.
	 */
	for (struct dso *o = dso_list; o; o = o->next) {
		if (o->ns != d->ns)
			continue;
		o->audit_private = 1;
		mem_free(o->audit);
		o->audit = NULL;
	}

	struct auditor a = { .d = d };

	if (!accept_version(&a))
		return;
	if (audit_count == MAX_AUDITORS)
		return;	/* (the namespaces ran out first) */
	auditors[audit_count++] = a;
	if (a.symbind)
		audit_symbind_wanted = 1;
	if (a.objsearch)
		load_config.objsearch = audit_objsearch;
	load_config.mapped = report_mapped;
	/* Every lazy slot then goes through arch_audit_trampoline, which
	 * reloc_lazy.c sets up while relocating (GOT[2]). */
	if (a.pltenter)
		audit_plt_wanted = 1;
}

/* Call EACH for every name of LIST (':'-separated). */
static void each_name(const char *list, void (*each)(const char *name))
{
	while (list && *list) {
		const char *end = strchr(list, ':');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len) {
			char *name = mem_strndup(list, len);

			each(name);
			mem_free(name);
		}
		list = end ? end + 1 : NULL;
	}
}

void audit_open_list(const char *list)
{
	each_name(list, open_auditor);
}

static size_t names_counted;

static void count_name(const char *name)
{
	(void)name;
	names_counted++;
}

/*
 * The program's DT_AUDIT, then its DT_DEPAUDIT: glibc 2.36 reads both
 * from the program only (a library's are ignored), after LD_AUDIT and
 * --audit, the last entry of each tag counting.  A bad string offset is
 * the same fatal error as for any other dynamic string.
 */
static void program_tags(void (*each)(const char *name))
{
	static const int64_t tags[] = { DT_AUDIT, DT_DEPAUDIT };
	const Elf64_Dyn *last[ARRAY_SIZE(tags)] = { NULL, NULL };

	/* One pass for both: every program makes it. */
	for (size_t i = 0; i < dso_program->dyn_count &&
			   dso_program->dynv[i].d_tag != DT_NULL; i++)
		for (size_t t = 0; t < ARRAY_SIZE(tags); t++)
			if (dso_program->dynv[i].d_tag == tags[t])
				last[t] = &dso_program->dynv[i];
	for (size_t t = 0; t < ARRAY_SIZE(tags); t++) {
		const Elf64_Dyn *entry = last[t];

		if (!entry)
			continue;
		const char *list = dynamic_string(dso_program,
						  entry->d_un.d_val);
		if (!list)
			diag_die(dso_program->path, "bad %s string offset",
				 tags[t] == DT_AUDIT ? "DT_AUDIT"
						     : "DT_DEPAUDIT");
		each_name(list, each);
	}
}

void audit_open_program_tags(void)
{
	program_tags(open_auditor);
}

size_t audit_count_requested(const char *env_list, const char *arg_list)
{
	names_counted = 0;
	each_name(env_list, count_name);
	each_name(arg_list, count_name);
	program_tags(count_name);
	return names_counted;
}

/* The address of D's function NAME, or NULL. */
static void *find_function(struct dso *d, const char *name)
{
	struct sym_query q;

	sym_query_init(&q, name, NULL, 0);
	const Elf64_Sym *s = sym_find_in(&d->symtab, &q);
	if (!s || s->st_shndx == SHN_UNDEF ||
	    ELF64_ST_TYPE(s->st_info) != STT_FUNC)
		return NULL;
	return (void *)(d->base + s->st_value);
}

/*
 * la_version: glibc's rules and messages.  An auditor without it, or
 * answering 0 (deliberately: no message unless LD_DEBUG=files), or a
 * version this loader does not know, is not used.
 */
static int accept_version(struct auditor *a)
{
	la_version_fn version = find_function(a->d, "la_version");

	if (!version) {
		diag_printf(2, "ERROR: myld: object '%s' cannot be loaded as "
			    "audit interface: undefined symbol: la_version; "
			    "ignored.\n", a->d->name);
		return 0;
	}
	unsigned v = version(AUDIT_LAV_CURRENT);
	if (v == 0) {
		TRACE(FILES, "file=%s [0]; audit interface function "
		      "la_version returned zero; ignored.", a->d->path);
		return 0;
	}
	if (v > AUDIT_LAV_CURRENT) {
		/* glibc's debug line, printed whatever LD_DEBUG says. */
		trace_printf("ERROR: audit interface '%s' requires version "
			     "%u (maximum supported version %u); ignored.",
			     a->d->name, v, (unsigned)AUDIT_LAV_CURRENT);
		return 0;
	}
	a->activity = find_function(a->d, "la_activity");
	a->objopen = find_function(a->d, "la_objopen");
	a->objclose = find_function(a->d, "la_objclose");
	a->preinit = find_function(a->d, "la_preinit");
	a->objsearch = find_function(a->d, "la_objsearch");
	a->symbind = find_function(a->d, "la_symbind64");
	if (ARCH_AUDIT_PLTENTER) {
		a->pltenter = find_function(a->d, ARCH_AUDIT_PLTENTER);
		a->pltexit = find_function(a->d, ARCH_AUDIT_PLTEXIT);
	}
	return 1;
}

/*
 * The link_map auditors get for D: the C library's descriptor when a
 * libc personality keeps one (glibc's auditors, such as sotruss's, read
 * its private fields, like l_libname), else myld's public one.
 */
static void *map_of(struct dso *d)
{
	return d->libc_map ? d->libc_map : (void *)&d->lm;
}

/* D's state for every auditor, made on first use; cookies start as its
 * link_map. */
static struct audit_link *links_of(struct dso *d)
{
	if (!d->audit) {
		struct audit_link *l = mem_alloc(MAX_AUDITORS * sizeof(*l));

		for (unsigned i = 0; i < MAX_AUDITORS; i++) {
			l[i].cookie = (uintptr_t)map_of(d);
			l[i].bind_flags = 0;
		}
		d->audit = l;
	}
	return d->audit;
}

/* Between la_activity ADD and CONSISTENT: the list is being changed. */
static int adding;

int audit_adding(void)
{
	return adding;
}

/* The first object of namespace NS (the program for the base one). */
static struct dso *head_of(long ns)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->ns == ns)
			return d;
	return dso_program;
}

void audit_activity(unsigned flag, long ns)
{
	adding = flag != AUDIT_LA_ACT_CONSISTENT;
	struct audit_link *l = links_of(head_of(ns));

	for (unsigned i = 0; i < audit_count; i++)
		if (auditors[i].activity)
			auditors[i].activity(&l[i].cookie, flag);
}

void audit_objopen(struct dso *d)
{
	struct audit_link *l = links_of(d);

	for (unsigned i = 0; i < audit_count; i++) {
		if (!auditors[i].objopen)
			continue;
		l[i].bind_flags = auditors[i].objopen(map_of(d), d->ns,
						      &l[i].cookie);
	}
}

/* A new object, just mapped by a dlopen (load.c): la_objopen, with the
 * C library's descriptor of it made now, after la_activity ADD for the
 * first. */
static void report_mapped(struct dso *d)
{
	/* As glibc: ADD when the first object is mapped, but not while an
	 * auditor and its libraries load (the auditors already open hear
	 * of those, la_activity ADD apart). */
	if (!adding && !load_config.opening_auditor)
		audit_activity(AUDIT_LA_ACT_ADD, d->ns);
	objects_describe(d);
	audit_objopen(d);
}

void audit_objclose(struct dso *d)
{
	struct audit_link *l = d->audit;

	if (!l || d->audit_closed)
		return;	/* never reported (an auditor's own), or told */
	for (unsigned i = 0; i < audit_count; i++)
		if (auditors[i].objclose)
			auditors[i].objclose(&l[i].cookie);
	mem_free(d->audit);
	d->audit = NULL;
	mem_free(d->audit_slots);
	d->audit_slots = NULL;
}

const char *audit_objsearch(const char *name, struct dso *requester,
			    unsigned flag)
{
	struct audit_link *l = links_of(requester);

	for (unsigned i = 0; i < audit_count && name; i++)
		if (auditors[i].objsearch)
			name = auditors[i].objsearch(name, &l[i].cookie, flag);
	return name;
}

void audit_preinit(void)
{
	struct audit_link *l = links_of(dso_program);

	for (unsigned i = 0; i < audit_count; i++)
		if (auditors[i].preinit)
			auditors[i].preinit(&l[i].cookie);
}

/*
 * The start-up objects in glibc's order: the program and the loader
 * come first, before the first la_activity; then each preload as it is
 * mapped (report_mapped), the vDSO (audit_report_vdso), and the
 * program's libraries as they are mapped.  rtld.c says la_activity
 * CONSISTENT once they are relocated and the C library's early
 * initialisation ran.
 */
void audit_report_startup(void)
{
	if (!audit_count)
		return;
	audit_objopen(dso_program);
	audit_objopen(dso_loader);
	audit_activity(AUDIT_LA_ACT_ADD, 0);
}

void audit_report_vdso(struct dso *vdso)
{
	if (audit_count && vdso)
		audit_objopen(vdso);
}

/*
 * At exit: la_objclose for D, whose state stays, since code may still
 * run and call through its PLT (libc's exit goes on after the
 * finalisers), as glibc keeps it.
 */
void audit_close_at_exit(struct dso *d)
{
	struct audit_link *l = d->audit;

	if (!l || d->audit_closed)
		return;
	d->audit_closed = 1;
	for (unsigned i = 0; i < audit_count; i++)
		if (auditors[i].objclose)
			auditors[i].objclose(&l[i].cookie);
}

void audit_exit_begin(void)
{
	if (audit_count)
		audit_activity(AUDIT_LA_ACT_DELETE, 0);
}

void audit_at_exit(void)
{
	if (!audit_count)
		return;
	/* Those without finalisers' turn (never initialised), myld last. */
	for (struct dso *d = dso_list; d; d = d->next)
		if (d != dso_loader)
			audit_close_at_exit(d);
	audit_close_at_exit(dso_loader);
	audit_activity(AUDIT_LA_ACT_CONSISTENT, 0);
}

/*
 * la_symbind64 in every auditor that watches this binding of REF's
 * reference to DEF's SYM (named NAME) at VALUE, for a binding of KIND;
 * each may change the address, and gets the previous one's answer.
 * Which auditors watch it is glibc's rule: those for which REF binds
 * from and DEF to (LA_FLG_BINDFROM, LA_FLG_BINDTO) for a PLT slot; for
 * dlsym, those for which either does.  The flags an auditor starts from
 * say what kind of binding it is: none for a lazy slot, LA_SYMB_NOPLT*
 * for one bound at once (no la_pltenter can follow), LA_SYMB_DLSYM for
 * dlsym; LA_SYMB_ALTVALUE once an earlier auditor changed the address.
 * Sets *ENTER_EXIT to the LA_SYMB_NOPLT* flags of each auditor, two bits
 * each: both for an auditor that does not watch it.
 */
static uintptr_t symbind_all(struct dso *ref, struct dso *def,
			     const Elf64_Sym *sym, const char *name,
			     uintptr_t value, enum audit_binding kind,
			     uint32_t *enter_exit)
{
	struct audit_link *from = links_of(ref), *to = links_of(def);
	Elf64_Sym copy = *sym;
	unsigned ndx = (unsigned)(sym - def->symtab.syms);
	unsigned altered = 0;

	*enter_exit = 0;
	copy.st_value = value;
	for (unsigned i = 0; i < audit_count; i++) {
		int bind_from = from[i].bind_flags & AUDIT_LA_FLG_BINDFROM;
		int bind_to = to[i].bind_flags & AUDIT_LA_FLG_BINDTO;
		int watched = kind == AUDIT_BIND_DLSYM ? bind_from || bind_to
						       : bind_from && bind_to;
		unsigned flags = NO_PLT_HOOKS;

		if (watched) {
			flags = kind == AUDIT_BIND_LAZY	  ? 0
				: kind == AUDIT_BIND_NOW ? NO_PLT_HOOKS
							 : LA_SYMB_DLSYM;
			flags |= altered;
			if (auditors[i].symbind) {
				uintptr_t before = copy.st_value;

				copy.st_value = auditors[i].symbind(
					&copy, ndx, &from[i].cookie,
					&to[i].cookie, &flags, name);
				if (copy.st_value != before)
					altered = LA_SYMB_ALTVALUE;
			}
		}
		*enter_exit |= (uint32_t)(flags & NO_PLT_HOOKS) << (2 * i);
	}
	return copy.st_value;
}

/* An auditor's own bindings are not reported, as in glibc, where they
 * happen in its namespace. */
static int audited(const struct dso *ref, const struct dso *def)
{
	return !ref->audit_private && !def->audit_private;
}

uintptr_t audit_symbind(struct dso *ref, struct dso *def,
			const Elf64_Sym *sym, const char *name,
			uintptr_t value, enum audit_binding kind)
{
	uint32_t enter_exit;

	if (!audited(ref, def))
		return value;
	if (!name)
		name = dynamic_string(def, sym->st_name);
	return symbind_all(ref, def, sym, name ? name : "", value, kind,
			   &enter_exit);
}

static struct audit_slot *slot_of(struct dso *ref, uint64_t index)
{
	if (!ref->audit_slots) {
		size_t size = (size_t)ref->plt_slots * sizeof(struct audit_slot);

		ref->audit_slots = mem_alloc(size);
		memset(ref->audit_slots, 0, size);
	}
	return (struct audit_slot *)ref->audit_slots + index;
}

/* Only la_pltenter can ask for la_pltexit (its frame size). */
static int pltenter_wanted(const struct audit_slot *slot)
{
	uint32_t enter_exit = __atomic_load_n(&slot->enter_exit,
					      __ATOMIC_RELAXED);

	for (unsigned i = 0; i < audit_count; i++)
		if (auditors[i].pltenter &&
		    !(enter_exit & (LA_SYMB_NOPLTENTER << (2 * i))))
			return 1;
	return 0;
}

int audit_plt_bind(struct dso *ref, uint64_t index, struct dso *def,
		   const Elf64_Sym *sym, const char *name, uintptr_t *value,
		   int keep_unaudited)
{
	int seen = audited(ref, def);

	if (!seen && !keep_unaudited)
		return 0;
	struct audit_slot *slot = slot_of(ref, index);

	if (!slot->bound) {
		/* Unseen: no auditor's hooks, as if each had declined. */
		slot->enter_exit = (uint32_t)-1;
		if (seen)
			*value = symbind_all(ref, def, sym, name, *value,
					     AUDIT_BIND_LAZY,
					     &slot->enter_exit);
		slot->target = *value;
		slot->def = def;
		slot->sym = sym;
		slot->name = name;
		slot->bound = 1;
	}
	*value = slot->target;
	return pltenter_wanted(slot);
}

int audit_plt_kept(struct dso *ref, uint64_t index, uintptr_t *value)
{
	/* INDEX comes from the object's memory: bind_slot checks it
	 * against the table before any slot is kept. */
	if (!ref->audit_slots || ref->plt_slots < 0 ||
	    index >= (uint64_t)ref->plt_slots)
		return -1;
	struct audit_slot *slot = (struct audit_slot *)ref->audit_slots + index;

	if (!slot->bound)
		return -1;
	*value = slot->target;
	return pltenter_wanted(slot);
}

/*
 * A call through a watched slot: la_pltenter in every auditor that still
 * wants it.  Its flags are kept for the slot; its frame size (-1: no
 * la_pltexit wanted) counts when that auditor wants la_pltexit, the
 * largest of them, as glibc's _dl_audit_pltenter.
 */
uintptr_t audit_plt_enter(struct dso *ref, uint64_t index, void *regs,
			  long *frame_size)
{
	struct audit_slot *slot = (struct audit_slot *)ref->audit_slots + index;
	struct audit_link *from = ref->audit, *to = slot->def->audit;
	Elf64_Sym copy = *slot->sym;
	unsigned ndx = (unsigned)(slot->sym - slot->def->symtab.syms);

	*frame_size = -1;
	copy.st_value = slot->target;
	for (unsigned i = 0; i < audit_count; i++) {
		uint32_t mine = __atomic_load_n(&slot->enter_exit,
						__ATOMIC_RELAXED) >> (2 * i);
		unsigned flags = mine & NO_PLT_HOOKS;
		long wanted = -1;

		if (!auditors[i].pltenter || (flags & LA_SYMB_NOPLTENTER))
			continue;
		copy.st_value = auditors[i].pltenter(&copy, ndx,
						     &from[i].cookie,
						     &to[i].cookie, regs,
						     &flags, slot->name,
						     &wanted);
		flags &= NO_PLT_HOOKS;
		__atomic_or_fetch(&slot->enter_exit, flags << (2 * i),
				  __ATOMIC_RELAXED);
		if (!(flags & LA_SYMB_NOPLTEXIT) && wanted != -1 &&
		    wanted > *frame_size)
			*frame_size = wanted;
	}
	return copy.st_value;
}

void audit_plt_exit(struct dso *ref, uint64_t index, const void *regs,
		    void *retval)
{
	struct audit_slot *slot = (struct audit_slot *)ref->audit_slots + index;
	struct audit_link *from = ref->audit, *to = slot->def->audit;
	Elf64_Sym copy = *slot->sym;
	unsigned ndx = (unsigned)(slot->sym - slot->def->symtab.syms);
	uint32_t enter_exit = __atomic_load_n(&slot->enter_exit,
					      __ATOMIC_RELAXED);

	copy.st_value = slot->target;
	for (unsigned i = 0; i < audit_count; i++)
		if (auditors[i].pltexit &&
		    !(enter_exit & (LA_SYMB_NOPLTEXIT << (2 * i))))
			auditors[i].pltexit(&copy, ndx, &from[i].cookie,
					    &to[i].cookie, regs, retval,
					    slot->name);
}
