/* SPDX-License-Identifier: MIT */
/*
 * loader/dlfcn.c - the dlfcn API: dlopen, dlsym, dlvsym, dlclose,
 * dlerror, dladdr, dladdr1 and dl_iterate_phdr (dlinfo is in dlinfo.c).
 *
 * This runs after hand-off, called by the program.  It reuses the
 * start-up stages (load.c, reloc.c, tls.c, initfini.c) with diag.c in
 * run-time mode, where a problem becomes the dlerror message and the
 * operation unwinds by return values; a failed dlopen then removes every
 * object it had mapped.
 *
 * Lifetime.  Objects loaded at start-up are never unloaded.  Every other
 * object stays as long as it is reachable, through DT_NEEDED edges or
 * through symbol bindings (reldeps), from a start-up object, from an
 * object marked NODELETE, from a handle still open, or from an object
 * the personality keeps (glibc: thread-local destructors still pending
 * in it).  dlclose drops a reference and then unloads whatever is no
 * longer reachable, running finalisers newest first.  unload.c decides
 * what goes; objects.c (the owner of the list) removes it.
 *
 * Scopes.  This file builds each dlopen group's local scope (the root
 * and its dependencies, breadth-first: objects_build_scope) and decides which
 * objects join the global scope; which scope a look-up searches, and in
 * which order, is symbol.c's rule (sym_scope_*), shared with relocation
 * and lazy binding.
 *
 * Namespaces (dlmopen).  Every object belongs to one (dso.ns); a file is
 * loaded once per namespace, and each namespace has its own global
 * scope: in the base one, the objects loaded at start-up and those
 * opened RTLD_GLOBAL; in another, as in glibc, the first object opened
 * into it and its dependencies, and those opened RTLD_GLOBAL from code
 * in it.  dlopen opens into its caller's namespace.  A namespace exists
 * while it has objects (objects.c counts them).
 *
 * Locking.  Every entry point holds the loader lock (lock.h) for its
 * whole run; objects.c states the contract.
 */
#include "alloc.h"
#include "diag.h"
#include "dlfcn.h"
#include "audit.h"
#include "dso.h"
#include "initfini.h"
#include "lib.h"
#include "load.h"
#include "lock.h"
#include "namespaces.h"
#include "objects.h"
#include "rdebug.h"
#include "reloc.h"
#include "symbol.h"
#include "sys.h"
#include "tls.h"
#include "unique.h"
#include "unload.h"

#define EXPORT __attribute__((visibility("default")))

/* The flag values of <dlfcn.h> (the same on x86_64 and aarch64). */
#define RTLD_LAZY	0x00001
#define RTLD_NOW	0x00002
#define RTLD_NOLOAD	0x00004
#define RTLD_DEEPBIND	0x00008
#define RTLD_GLOBAL	0x00100
#define RTLD_NODELETE	0x01000
#define RTLD_DEFAULT	((void *)0)
#define RTLD_NEXT	((void *)-1l)
#define RTLD_DL_SYMENT	1
#define RTLD_DL_LINKMAP	2

typedef struct {
	const char *dli_fname;
	void *dli_fbase;
	const char *dli_sname;
	void *dli_saddr;
} Dl_info;

struct dl_phdr_info {
	uintptr_t dlpi_addr;
	const char *dlpi_name;
	const Elf64_Phdr *dlpi_phdr;
	uint16_t dlpi_phnum;
	unsigned long long dlpi_adds;
	unsigned long long dlpi_subs;
	size_t dlpi_tls_modid;
	void *dlpi_tls_data;
};

static void lock(void)
{
	loader_lock();
}

static void unlock(void)
{
	loader_unlock();
}

/* The loaded object whose segments contain ADDR, or NULL. */
static struct dso *object_at(uintptr_t addr)
{
	for (struct dso *d = dso_list; d; d = d->next) {
		for (size_t i = 0; i < d->phnum; i++) {
			const Elf64_Phdr *p = &d->phdr[i];

			if (p->p_type == PT_LOAD &&
			    addr >= d->base + p->p_vaddr &&
			    addr < d->base + p->p_vaddr + p->p_memsz)
				return d;
		}
	}
	return NULL;
}

/* Give D a name of its own, in place of one in another object's memory. */
static void own_name(struct dso *d)
{
	const char *old = d->name;
	char *copy = mem_strdup(old);

	if (d->file_name)	/* the last component of the old name */
		d->file_name = copy + (d->file_name - old);
	if (d->path == old)
		d->path = copy;
	d->name = copy;
	d->name_owned = 1;
}

struct dso *dlfcn_valid_handle(void *handle)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d == handle && d->path)
			return d;
	if (handle == dso_loader)
		return dso_loader;
	return NULL;
}

/* Is D in the list from FIRST on? */
static int is_among(struct dso *first, const struct dso *d)
{
	for (; first; first = first->next)
		if (first == d)
			return 1;
	return 0;
}

static struct dso *list_tail(void)
{
	struct dso *d = dso_list;

	while (d && d->next)
		d = d->next;
	return d;
}

/* Undo a failed dlopen: every object from FIRST on goes away. */
static void discard_from(struct dso *first)
{
	while (first) {
		struct dso *next = first->next;

		objects_remove(first);
		first = next;
	}
}

/*
 * FIRST and the objects after it were just loaded for the dlopen of
 * ROOT with MODE: load their dependencies, and make them all ROOT's
 * group.  Returns load_needed_from's answer (-1: a dependency failed).
 */
static int load_group(struct dso *first, struct dso *root, int mode)
{
	int loaded = load_needed_from(first);

	for (struct dso *d = first; d; d = d->next) {
		if (d == dso_loader)
			continue;	/* never unloaded */
		d->dynamic = 1;
		/*
		 * A dependency's name lies in its requester's string table,
		 * which a dlclose may unmap while this object stays (when it
		 * was dlopened itself meanwhile): it keeps a copy.
		 */
		if (!d->name_owned && d->name)
			own_name(d);
		d->group = root;
		d->deepbind = (mode & RTLD_DEEPBIND) != 0;
		if (mode & RTLD_NOW)
			d->bind_now = d->dlopen_now = 1;
	}
	return loaded;
}

/* RTLD_GLOBAL: ROOT's local scope joins its namespace's global scope
 * (myld itself, which stands in every namespace, only the base one's). */
static void make_global(struct dso *root)
{
	for (size_t i = 0; i < root->nscope; i++)
		if (root->scope[i]->ns == root->ns)
			dso_join_global(root->scope[i]);
}

/*
 * Relocate ROOT's new group, FIRST on, after building ROOT's local scope,
 * which is also its namespace's global scope when it FOUNDS_NAMESPACE.
 * Returns 0, or -1 after diag_fail.
 */
static int relocate_group(struct dso *first, struct dso *root,
			  int founds_namespace)
{
	objects_build_scope(root);
	if (founds_namespace)
		make_global(root);
	for (struct dso *d = first; d; d = d->next)
		tls_place_dynamic(d);
	if (reloc_list(first) < 0)
		return -1;
	for (struct dso *d = first; d; d = d->next)
		tls_init_relocated_block(d);
	/* A look-up met a malformed DT_HASH table, and may have missed a
	 * definition in it: refused, as at start-up (reloc.c, reloc_all). */
	if (sym_bad_sysv_table)
		return diag_fail(dso_of_symtab(sym_bad_sysv_table)->path,
				 "malformed DT_HASH table: a hash chain leaves "
				 "the table or loops");
	return 0;
}

/* A failed dlopen's objects that had la_objopen are closed, as by
 * dlclose (glibc's _dl_close_worker). */
static void close_reported(struct dso *first)
{
	int any = 0;

	for (struct dso *d = first; d; d = d->next)
		any |= d->audit != NULL;
	if (!any)
		return;
	audit_activity(AUDIT_LA_ACT_DELETE, first->ns);
	for (struct dso *d = first; d; d = d->next)
		audit_objclose(d);
}

/*
 * Load FILE for REQUESTER with MODE into namespace NS, with everything
 * it needs, relocate and initialise what is new.  Returns the object
 * (perhaps one already loaded), or NULL with the dlerror message set and
 * nothing left of what was mapped: the new objects never became visible,
 * so objects_remove takes every trace of them.
 */
static struct dso *open_object(const char *file, int mode,
			       struct dso *requester, long ns, int auditor)
{
	struct dso *old_tail = list_tail();
	char *name = mem_strdup(file);
	/* The first object of a namespace other than the base one makes,
	 * with its dependencies, the namespace's global scope (glibc's
	 * l_scope[0] is the searchlist of the namespace's first map). */
	int founds_namespace = ns && !objects_in_namespace(ns);
	/* The auditors are told of every dlopen but one made by an
	 * auditor's code, and of a later auditor's loading (audit.c). */
	int told = audit_count && (auditor || !requester->audit_private);

	rdebug_begin(ns, RDEBUG_ADD);
	struct dso *root = auditor ? load_auditor(name, ns)
				   : load_library(name, requester, 0, ns);
	struct dso *first = old_tail->next;

	/* As glibc: la_activity ADD once a new object is mapped (load.c
	 * reports it), and nothing for a dlopen that found none; CONSISTENT
	 * at the end but for that case (an object already loaded gets
	 * CONSISTENT alone). */

	if (root && (!is_among(first, root) || root == dso_loader)) {
		/* Already loaded, by start-up or an earlier dlopen. */
		mem_free(name);
		if (first == dso_loader)
			objects_remove(dso_loader);
		if (told)
			audit_activity(AUDIT_LA_ACT_CONSISTENT, ns);
		rdebug_end(ns);
		return root;
	}
	if (!root) {
		mem_free(name);
	} else {
		root->name_owned = 1;	/* NAME is its name from now on */
		if (load_group(first, root, mode) == 0) {
			/* Every object had la_objopen as it was mapped
			 * (load.c); as glibc, the list is consistent before
			 * relocation, and a failure from now on closes. */
			if (told)
				audit_activity(AUDIT_LA_ACT_CONSISTENT, ns);
			if (relocate_group(first, root, founds_namespace) ==
			    0) {
				objects_publish(first);
				rdebug_relocated(ns, &first->lm);
				rdebug_end(ns);
				initfini_run_init_from(first);
				return root;
			}
		}
	}
	if (told)
		close_reported(first);
	discard_from(first);
	if (told && audit_adding())
		audit_activity(AUDIT_LA_ACT_CONSISTENT, ns);
	rdebug_map_failed(ns);
	rdebug_end(ns);
	return NULL;
}

/* A dlopen of D succeeded: count the handle and apply MODE's flags. */
static void take_handle(struct dso *d, int mode)
{
	d->refcount++;
	if (!d->scope)
		objects_build_scope(d);
	if (mode & RTLD_GLOBAL)
		make_global(d);
	if ((mode & RTLD_NODELETE) || (d->dyn.flags_1 & DF_1_NODELETE))
		d->nodelete = 1;
}

/* The object whose code is at ADDRESS, or the program for code outside
 * any object (a C library's own calls may pass NULL). */
static struct dso *caller_object(const void *address)
{
	struct dso *caller = object_at((uintptr_t)address);

	return caller ? caller : dso_program;
}

/* dlopen and dlmopen alike, into namespace NS, under the lock. */
static struct dso *open_in(const char *file, int mode, struct dso *caller,
			   long ns)
{
	struct dso *result;

	result = mode & RTLD_NOLOAD ? load_library_if_loaded(file, caller, ns)
				    : open_object(file, mode, caller, ns, 0);
	if (result)
		take_handle(result, mode);
	return result;
}

/* A binding mode is asked for.  The program (FILE NULL or "") is not
 * named in the message, as glibc's loader does not. */
static int valid_binding(const char *file, int mode)
{
	if (mode & (RTLD_LAZY | RTLD_NOW))
		return 1;
	if (file && *file)
		diag_set_dlerror("%s: invalid mode for dlopen()" EINVAL_TEXT,
				 file);
	else
		diag_set_dlerror("invalid mode for dlopen()" EINVAL_TEXT);
	return 0;
}

/*
 * dlopen knows every bit of MODE (dlmopen, as glibc's, does not check).
 * __RTLD_SPROF is glibc's private flag for sprof, accepted as glibc's
 * dlopen accepts it, and ignored.
 */
#define RTLD_BINDING_MASK 0x00003
#define RTLD_SPROF_PRIVATE 0x40000000
#define DLOPEN_MODE_BITS (RTLD_BINDING_MASK | RTLD_NOLOAD | RTLD_DEEPBIND | \
			  RTLD_GLOBAL | RTLD_NODELETE | RTLD_SPROF_PRIVATE)

static int valid_dlopen_mode(const char *file, int mode)
{
	if (mode & ~DLOPEN_MODE_BITS) {
		diag_set_dlerror("invalid mode parameter");
		return 0;
	}
	return valid_binding(file, mode);
}

static void begin_open(void)
{
	lock();
	diag_begin_operation();
	/* Only this operation's look-ups may report a table (relocate_group). */
	sym_bad_sysv_table = NULL;
}

/* dlopen opens into its caller's namespace. */
void *dlfcn_open(const char *file, int mode, const void *caller_address)
{
	struct dso *result = NULL;

	begin_open();
	if (!valid_dlopen_mode(file, mode)) {
		result = NULL;
	} else if (!file) {
		result = dso_program;
	} else {
		struct dso *caller = caller_object(caller_address);

		result = open_in(file, mode, caller, caller->ns);
	}
	unlock();
	return result;
}

EXPORT void *dlopen(const char *file, int mode)
{
	return dlfcn_open(file, mode, __builtin_return_address(0));
}

void *dlfcn_mopen(long lmid, const char *file, int mode,
		  const void *caller_address)
{
	struct dso *result = NULL;
	long ns;

	begin_open();
	if (lmid == LM_ID_BASE && !file)
		result = valid_binding(file, mode) ? dso_program : NULL;
	else if (namespace_dlmopen_args_ok(lmid, file, mode) &&
		 valid_binding(file, mode) &&
		 (ns = namespace_target(lmid, file)) >= 0)
		result = open_in(file, mode, caller_object(caller_address), ns);
	unlock();
	return result;
}

struct dso *dlfcn_open_auditor(const char *name)
{
	struct dso *result = NULL;
	long ns;

	begin_open();
	/* Bound at once, as each object an auditor brings: its code runs
	 * inside the loader's own calls (la_*), where a lazy binding of
	 * its own would re-enter the loader. */
	if ((ns = namespace_target(LM_ID_NEWLM, name)) >= 0 &&
	    (result = open_object(name, RTLD_NOW, dso_program, ns, 1))) {
		take_handle(result, RTLD_NOW);
		namespace_make_private(ns);
	}
	unlock();
	return result;
}

EXPORT void *dlmopen(long lmid, const char *file, int mode)
{
	return dlfcn_mopen(lmid, file, mode, __builtin_return_address(0));
}

EXPORT int dlclose(void *handle)
{
	int rc = 0;

	lock();
	struct dso *d = dlfcn_valid_handle(handle);
	if (!d || (d->dynamic && d->refcount == 0)) {
		diag_set_dlerror("invalid handle %p for dlclose()", handle);
		rc = -1;
	} else if (d->dynamic) {
		d->refcount--;
		unload_unreachable();
	}
	unlock();
	return rc;
}

EXPORT char *dlerror(void)
{
	lock();
	char *msg = (char *)diag_take_dlerror();
	unlock();
	return msg;
}

/* The address of symbol S of D, as a caller of dlsym sees it. */
static void *symbol_value(struct dso *d, const Elf64_Sym *s)
{
	uintptr_t value = s->st_shndx == SHN_ABS ? s->st_value
						 : d->base + s->st_value;

	if (ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC)
		return (void *)arch_call_ifunc(value, load_config.hwcap,
					       load_config.hwcap2);
	if (ELF64_ST_TYPE(s->st_info) == STT_TLS) {
		struct tls_index ti = { d->tls_modid, s->st_value };

		return __tls_get_addr(&ti);
	}
	return (void *)value;
}

/*
 * The scope of dlsym(HANDLE) called from CALLER (NULL: from outside any
 * object).  Returns 0, or -1 with the dlerror message set.
 */
static int dlsym_scope(void *handle, struct dso *caller, struct sym_scope *s)
{
	if (handle == RTLD_DEFAULT) {
		/* The caller's own scope, as for its references. */
		sym_scope_for_references(s, caller ? caller : dso_program,
					 NULL);
		return 0;
	}
	if (handle == RTLD_NEXT) {
		if (!caller) {
			diag_set_dlerror("RTLD_NEXT used by code outside any "
					 "loaded object");
			return -1;
		}
		sym_scope_after(s, caller);
		return 0;
	}
	struct dso *d = dlfcn_valid_handle(handle);
	if (!d) {
		diag_set_dlerror("invalid handle %p for dlsym()", handle);
		return -1;
	}
	if (!d->scope)
		objects_build_scope(d);
	sym_scope_of_handle(s, d);
	return 0;
}

void *dlfcn_sym(void *handle, const char *name, const char *version,
		const void *return_address)
{
	struct version want = { .name = version };
	struct sym_query q;
	struct dso *def = NULL, *caller;
	const Elf64_Sym *s;
	void *result = NULL;

	lock();
	diag_begin_operation();
	if (version)
		want.hash = sym_sysv_hash(version);
	sym_query_init(&q, name, version ? &want : NULL, 0);
	q.newest = !version;
	caller = object_at((uintptr_t)return_address);

	struct sym_scope scope;
	if (dlsym_scope(handle, caller, &scope) < 0)
		goto out;
	s = sym_scope_search(&q, &scope, &def);
	if (!s && q.sysv_hash_bad) {
		/* As at start-up (reloc.c, resolve). */
		diag_set_dlerror("%s: malformed DT_HASH table: a hash chain "
				 "leaves the table or loops",
				 dso_of_symtab(q.bad_sysv_table)->path);
		goto out;
	}
	if (!s) {
		/* Named after the object searched for: a handle's, or for
		 * RTLD_DEFAULT and RTLD_NEXT the caller's, as glibc's. */
		const struct dso *named = handle == RTLD_DEFAULT ||
						  handle == RTLD_NEXT
						  ? (caller ? caller : dso_program)
						  : handle;
		const char *where = named->path;

		if (version)
			diag_set_dlerror("%s: undefined symbol: %s, version "
					 "%s", where, name, version);
		else
			diag_set_dlerror("%s: undefined symbol: %s", where,
					 name);
		goto out;
	}
	s = unique_choose(&q, s, &def);
	if (handle == RTLD_DEFAULT || handle == RTLD_NEXT)
		reloc_note_binding(caller ? caller : dso_program, def);
	result = symbol_value(def, s);
	if (__builtin_expect(audit_symbind_wanted, 0))
		result = (void *)audit_symbind(caller ? caller : dso_program,
					       def, s, name,
					       (uintptr_t)result,
					       AUDIT_BIND_DLSYM);
out:
	unlock();
	return result;
}

EXPORT void *dlsym(void *handle, const char *name)
{
	return dlfcn_sym(handle, name, NULL, __builtin_return_address(0));
}

EXPORT void *dlvsym(void *handle, const char *name, const char *version)
{
	return dlfcn_sym(handle, name, version, __builtin_return_address(0));
}

/* The symbol of D nearest at or below ADDR that contains it. */
static const Elf64_Sym *nearest_symbol(const struct dso *d, uintptr_t addr)
{
	const struct symtab *t = &d->symtab;
	const Elf64_Sym *best = NULL;

	for (size_t i = 1; i < t->nsyms; i++) {
		const Elf64_Sym *s = &t->syms[i];
		uintptr_t start = d->base + s->st_value;

		if (s->st_shndx == SHN_UNDEF || s->st_value == 0 ||
		    ELF64_ST_TYPE(s->st_info) == STT_TLS ||
		    s->st_name >= t->strsz || addr < start)
			continue;
		if (addr >= start + (s->st_size ? s->st_size : 1))
			continue;
		if (!best || s->st_value > best->st_value)
			best = s;
	}
	return best;
}

EXPORT int dladdr1(const void *addr, Dl_info *info, void **extra, int flags)
{
	int found = 0;

	lock();
	struct dso *d = object_at((uintptr_t)addr);
	if (d) {
		const Elf64_Sym *s = nearest_symbol(d, (uintptr_t)addr);

		info->dli_fname = d->lm.l_name && *d->lm.l_name ? d->lm.l_name
								: d->path;
		info->dli_fbase = (void *)d->map_start;
		if (!d->map_start) {
			/* Mapped by the kernel: its first segment's page. */
			const Elf64_Phdr *p = elf_find_phdr(d->phdr, d->phnum,
							    PT_LOAD);
			info->dli_fbase = (void *)(d->base + (p->p_vaddr &
							      ~4095ul));
		}
		info->dli_sname = s ? d->symtab.strtab + s->st_name : NULL;
		info->dli_saddr = s ? (void *)(d->base + s->st_value) : NULL;
		if (extra && flags == RTLD_DL_SYMENT)
			*extra = (void *)s;
		if (extra && flags == RTLD_DL_LINKMAP)
			*extra = &d->lm;
		found = 1;
	}
	unlock();
	return found;
}

EXPORT int dladdr(const void *addr, Dl_info *info)
{
	return dladdr1(addr, info, NULL, 0);
}

/*
 * The caller's namespace only, as glibc's: in load order, the program
 * first (with an empty name, as glibc reports it); myld last in the base
 * namespace, and in another one when something there depends on it
 * (where glibc's stand-in for itself is).
 */
/* Tell CALLBACK about D. */
static int report_phdr(struct dso *d,
		       int (*callback)(struct dl_phdr_info *, size_t, void *),
		       void *data)
{
	struct dl_phdr_info info = {
		.dlpi_addr = d->base,
		.dlpi_name = d == dso_program ? "" : d->lm.l_name,
		.dlpi_phdr = d->phdr,
		.dlpi_phnum = (uint16_t)d->phnum,
		.dlpi_adds = objects_adds(),
		.dlpi_subs = objects_subs(),
		.dlpi_tls_modid = d->tls_modid,
		.dlpi_tls_data = tls_block_of(d),
	};

	return callback(&info, sizeof(info), data);
}

EXPORT int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *, size_t,
					   void *),
			   void *data)
{
	int rc = 0;

	lock();
	long ns = caller_object(__builtin_return_address(0))->ns;
	int loader_last = ns ? namespace_needs_loader(ns)
			     : !dso_loader->in_list;
	for (struct dso *d = dso_list; d && !rc; d = d->next)
		if (d->path && d->ns == ns)
			rc = report_phdr(d, callback, data);
	if (!rc && loader_last)
		rc = report_phdr(dso_loader, callback, data);
	unlock();
	return rc;
}
