/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/startup.c - the glibc personality: myld as glibc's ld.so.
 * This file holds the hooks the core calls (libc_compat.h) and the data
 * libc imports from its loader.
 *
 * glibc's libc.so.6 is written for one loader, its own, and relies on
 * it in ways no ELF specification describes.  The personality provides
 * that private interface, for exactly the glibc build it was generated
 * from (glibc-layout.h, made by gen-layout.py from the installed debug
 * information).  What libc expects, and which file does it:
 *
 *   - the symbols of glibc's ld.so with glibc's versions: myld is that
 *     object (load.c maps the name to myld; exports-glibc-<cpu>.map);
 *   - _rtld_global_ro: page size, auxv, hwcap, TLS sizes (here,
 *     fill_rtld_global_ro), the CPU features its IFUNC resolvers read
 *     (arch/<cpu>/glibc_cpu_features.c), function pointers
 *     (libc_calls.c), the vDSO's functions (vdso.c);
 *   - _rtld_global: recursive-mutex initialisers (here,
 *     fill_rtld_global), the namespace's list of link maps in glibc's
 *     internal layout (link_maps.c), the thread-stack lists
 *     (threads.c);
 *   - the main thread's descriptor (struct pthread) at the thread
 *     pointer: guards from AT_RANDOM, tid, robust list, rseq
 *     (threads.c, with the CPU's conventions in arch/<cpu>/glibc_arch.c);
 *   - functions libc calls: TLS for new threads (threads.c), tunables
 *     (tunables.c), the dlfcn hook that routes libc's dlopen & co. to
 *     dlfcn.c and _dl_find_object for the unwinder (libc_calls.c);
 *   - the loader lock: myld's lock is GL(dl_load_lock) itself
 *     (threads.c), and the chain of link maps changes under
 *     GL(dl_load_write_lock) too; an object with thread-local
 *     destructors pending (l_tls_dtor_count, which libc counts) stays
 *     loaded (the objects observer here, link_maps.c);
 *   - __libc_early_init after relocation (here).
 *
 * Every offset comes from glibc-layout.h; nothing in the personality
 * knows a number of glibc's by heart except the ELF and Linux ABI
 * constants.
 */
#include "diag.h"
#include "dso.h"
#include "glibc-arch.h"
#include "glibc-internal.h"
#include "glibc-tunables.h"
#include "lib.h"
#include "objects.h"
#include "symbol.h"
#include "tls.h"

/* The data libc imports (glibc-internal.h says who writes what). */
EXPORT unsigned char _rtld_global[GLIBC_SIZEOF_RTLD_GLOBAL]
	__attribute__((aligned(64)));
EXPORT _Bool __nptl_initial_report_events;	/* debuggers write it */

/*
 * What libc and programs only read, or call through, once start-up is
 * done: filled before libc's relocation, then read-only for good, as in
 * glibc, where they are RELRO data of ld.so.  They share one section of
 * myld's RELRO segment, whose pages rtld.c protects last.  Every object
 * in it is defined here, next to libc_compat_ro_after_start, which
 * lists them all.
 */
#define RO_AFTER_START __attribute__((section(".data.rel.ro.myld_late")))
EXPORT RO_AFTER_START unsigned char
	_rtld_global_ro[GLIBC_SIZEOF_RTLD_GLOBAL_RO]
	__attribute__((aligned(64)));
EXPORT RO_AFTER_START void *__libc_stack_end;
EXPORT RO_AFTER_START char **_dl_argv;
EXPORT RO_AFTER_START int __libc_enable_secure;
EXPORT RO_AFTER_START unsigned int __rseq_size;
EXPORT RO_AFTER_START long __rseq_offset;
EXPORT RO_AFTER_START unsigned int __rseq_flags;
/* The table of libc's dlfcn hook (filled by libc_calls.c). */
static RO_AFTER_START void
	*dlfcn_hook[GLIBC_SIZEOF_DLFCN_HOOK / sizeof(void *)];
/* A non-NULL _dl_init_all_dirs is how libc knows a loader is active
 * (it then checks stdio vtables strictly).  It is only compared, and
 * freed by __libc_freeres only if it differs from _dl_all_dirs. */
static RO_AFTER_START char all_dirs_marker[64];

/* glibc's mutex kind for its loader locks: PTHREAD_MUTEX_RECURSIVE_NP. */
#define MUTEX_RECURSIVE 1

struct glibc_libc_functions glibc_libc;
static struct dso *libc_dso;

/* ------------------------------------------------------------------ */
/* Recognising libc.so.6                                              */

/* The NT_GNU_BUILD_ID of D, as lowercase hex in OUT (at least 81
 * bytes); "" if it has none. */
static void build_id_of(const struct dso *d, char *out)
{
	out[0] = '\0';
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];

		if (p->p_type != PT_NOTE || !dso_has_range(d, p->p_vaddr,
							   p->p_filesz))
			continue;
		const char *n = dso_addr(d, p->p_vaddr);
		const char *end = n + p->p_filesz;

		while (n + sizeof(Elf64_Nhdr) <= end) {
			const Elf64_Nhdr *h = (const void *)n;
			const char *name = n + sizeof(*h);
			const unsigned char *desc =
				(const void *)(name + ALIGN_UP(h->n_namesz, 4));

			if ((const char *)desc + h->n_descsz > end)
				break;
			if (h->n_type == NT_GNU_BUILD_ID && h->n_namesz == 4 &&
			    !memcmp(name, "GNU", 4) && h->n_descsz <= 40) {
				static const char hex[] = "0123456789abcdef";

				for (size_t k = 0; k < h->n_descsz; k++) {
					out[2 * k] = hex[desc[k] >> 4];
					out[2 * k + 1] = hex[desc[k] & 15];
				}
				out[2 * h->n_descsz] = '\0';
				return;
			}
			n = (const char *)desc + ALIGN_UP(h->n_descsz, 4);
		}
	}
}

int libc_compat_adopt(void)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (!d->ns && d->soname && !strcmp(d->soname, "libc.so.6"))
			libc_dso = d;
	if (!libc_dso)
		return 0;

	char id[81];
	build_id_of(libc_dso, id);
	if (strcmp(id, GLIBC_LIBC_BUILD_ID))
		diag_die(libc_dso->path, "glibc build %s is not the one this "
			 "myld was generated for (%s, %s): rebuild myld on this "
			 "system (meson setup --reconfigure; needs libc6-dbg)",
			 *id ? id : "without build-id", GLIBC_LIBC_BUILD_ID,
			 GLIBC_LIBC_PATH);
	return 1;
}

void libc_compat_tcb_sizes(size_t *at_tp, size_t *below_tp)
{
	glibc_arch_tcb_sizes(at_tp, below_tp);
}

/* ------------------------------------------------------------------ */
/* Filling _rtld_global_ro and _rtld_global                           */

static void fill_rtld_global_ro(const struct libc_compat_startup *s)
{
	const uintptr_t *at = s->at;

	RO(GLIBC_RO_PAGESIZE, size_t) = at[AT_PAGESZ] ? at[AT_PAGESZ] : 4096;
	RO(GLIBC_RO_MINSIGSTACKSIZE, size_t) =
		at[AT_MINSIGSTKSZ] ? at[AT_MINSIGSTKSZ] : 2048;
	RO(GLIBC_RO_CLKTCK, int) = (int)at[AT_CLKTCK];
	RO(GLIBC_RO_LAZY, int) = !s->bind_now;
	RO(GLIBC_RO_HWCAP, uint64_t) = at[AT_HWCAP];
	RO(GLIBC_RO_HWCAP2, uint64_t) = at[AT_HWCAP2];
	RO(GLIBC_RO_AUXV, const void *) = s->auxv;
	RO(GLIBC_RO_SYSINFO_DSO, uintptr_t) = at[AT_SYSINFO_EHDR];
	RO(GLIBC_RO_INIT_ALL_DIRS, void *) = all_dirs_marker;
	GL(GLIBC_GL_ALL_DIRS, void *) = all_dirs_marker;

	size_t size, align;
	tls_static_info(&size, &align);
	RO(GLIBC_RO_TLS_STATIC_SIZE, size_t) = size;
	RO(GLIBC_RO_TLS_STATIC_ALIGN, size_t) = align;
	RO(GLIBC_RO_TLS_STATIC_SURPLUS, size_t) = size - GLIBC_SIZEOF_PTHREAD;

	glibc_publish_calls(dlfcn_hook);
	glibc_arch_init_ro(_rtld_global_ro, at);
	glibc_arch_cpu_features(_rtld_global_ro, at);
}

static void fill_rtld_global(void)
{
	static const int lock_offsets[] = {
		GLIBC_GL_LOAD_LOCK, GLIBC_GL_LOAD_WRITE_LOCK,
		GLIBC_GL_LOAD_TLS_LOCK,
	};
	uint32_t stack_flags = PF_R | PF_W;

	for (size_t i = 0; i < ARRAY_SIZE(lock_offsets); i++)
		GL(lock_offsets[i] + GLIBC_MUTEX_KIND, int) = MUTEX_RECURSIVE;
	GL(GLIBC_GL_NNS, size_t) = 1;
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->exec_stack)
			stack_flags |= PF_X;
	GL(GLIBC_GL_STACK_FLAGS, uint32_t) = stack_flags;
	glibc_relink_chain();
	GL(GLIBC_GL_LOAD_ADDS, uint64_t) =
		GL(GLIBC_GL_NS + GLIBC_NS_NLOADED, unsigned);
}

static uintptr_t symbol_of(const struct dso *d, const char *name);

/*
 * A copy of libc.so.6 in a namespace other than the base one starts as
 * glibc's loader starts it, after relocation and before any initialiser:
 * __libc_early_init(false), which tells it that it is not the process's
 * first libc (it then leaves the program break and the single-thread
 * flag to the first one).
 */
static void start_secondary_libc(struct dso *first)
{
	for (struct dso *d = first; d; d = d->next) {
		if (!d->ns || !d->soname || strcmp(d->soname, "libc.so.6"))
			continue;
		void (*early_init)(_Bool) =
			(void (*)(_Bool))symbol_of(d, "__libc_early_init");
		if (early_init)
			early_init(0);
	}
}

/*
 * dlopen added the objects from FIRST on: their static TLS blocks in
 * every thread (for those in the surplus), then libc's chains, then a
 * new namespace's libc is started.
 */
static void objects_added(struct dso *first)
{
	for (struct dso *d = first; d; d = d->next)
		if (d->tls_in_surplus)
			glibc_init_static_tls_everywhere(d);
	glibc_link_maps_added(first);
	start_secondary_libc(first);
}

/* How objects.c tells the personality of later changes to the list. */
static void object_described(struct dso *d)
{
	glibc_link_map(d);
}

static const struct objects_observer objects_observer = {
	object_described, objects_added, glibc_link_map_removed,
	glibc_tls_dtors_pending,
};

void libc_compat_before_relocation(const struct libc_compat_startup *s)
{
	__libc_stack_end = s->sp;
	_dl_argv = s->argv;
	__libc_enable_secure = s->secure;
	glibc_tunables_init(s->envp, s->secure);
	fill_rtld_global_ro(s);
	glibc_adopt_vdso(s->at[AT_SYSINFO_EHDR]);
	fill_rtld_global();
	glibc_init_main_thread(s);
	glibc_adopt_load_lock();
	objects_observe(&objects_observer);
}

void libc_compat_startup_loaded(void)
{
	fill_rtld_global();
}

size_t libc_compat_audit_limit(void)
{
	int64_t nns = 4;	/* glibc.rtld.nns's default */

	glibc_tunable_int(GLIBC_TUNABLE_ID_RTLD_NNS, &nns);
	if (nns < 1)
		nns = 1;
	if (nns > GLIBC_DL_NNS)
		nns = GLIBC_DL_NNS;
	return (size_t)(GLIBC_DL_NNS - nns);
}

/* The bounds of the RO_AFTER_START data: every object in it. */
void libc_compat_ro_after_start(uintptr_t *start, uintptr_t *end)
{
	const struct {
		uintptr_t at;
		size_t size;
	} objects[] = {
#define OBJECT(o) { (uintptr_t)&(o), sizeof(o) }
		OBJECT(_rtld_global_ro), OBJECT(__libc_stack_end),
		OBJECT(_dl_argv), OBJECT(__libc_enable_secure),
		OBJECT(__rseq_size), OBJECT(__rseq_offset),
		OBJECT(__rseq_flags), OBJECT(dlfcn_hook),
		OBJECT(all_dirs_marker),
#undef OBJECT
	};

	*start = UINTPTR_MAX;
	*end = 0;
	for (size_t i = 0; i < ARRAY_SIZE(objects); i++) {
		if (objects[i].at < *start)
			*start = objects[i].at;
		if (objects[i].at + objects[i].size > *end)
			*end = objects[i].at + objects[i].size;
	}
}

/* The address of NAME, defined in D, or 0. */
static uintptr_t symbol_of(const struct dso *d, const char *name)
{
	struct sym_query q;

	sym_query_init(&q, name, NULL, 0);
	q.newest = 1;		/* the default definition, as dlsym's */
	const Elf64_Sym *s = sym_find_in(&d->symtab, &q);

	return s ? d->base + s->st_value : 0;
}

/* The address of NAME, defined in (the base namespace's) libc.so.6. */
static uintptr_t libc_symbol(const char *name)
{
	return symbol_of(libc_dso, name);
}

void libc_compat_after_relocation(void)
{
	glibc_link_maps_refresh_tls(dso_list);
	/*
	 * From now on thread blocks come from libc's malloc: libc frees
	 * some of them itself (a reused thread stack's dynamic TLS).
	 */
	void *(*libc_calloc)(size_t, size_t) =
		(void *(*)(size_t, size_t))libc_symbol("calloc");
	glibc_libc.malloc = (void *(*)(size_t))libc_symbol("malloc");
	void (*libc_free)(void *) = (void (*)(void *))libc_symbol("free");
	glibc_libc.free = libc_free;
	glibc_libc.mutex_lock =
		(int (*)(void *))libc_symbol("pthread_mutex_lock");
	glibc_libc.mutex_unlock =
		(int (*)(void *))libc_symbol("pthread_mutex_unlock");
	if (libc_calloc && libc_free)
		tls_set_allocator(libc_calloc, libc_free);

	/* libc's own start-up that must precede every initialiser: ctype
	 * tables, the single-thread flag, default thread attributes. */
	void (*early_init)(_Bool) =
		(void (*)(_Bool))libc_symbol("__libc_early_init");
	if (!early_init)
		diag_die(libc_dso->path, "has no __libc_early_init");
	early_init(1);
	glibc_hold_lock_across_fork(libc_symbol("__register_atfork"));
}
