/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/libc_calls.c - the functions libc calls into its loader:
 * those it finds through _rtld_global_ro (the unwinder's
 * _dl_find_object, dl_iterate_phdr's TLS question), the dlfcn hook,
 * which routes libc's dlopen & co. to dlfcn.c, and the remaining
 * functions libc imports from glibc's ld.so by name.  (The vDSO's symbol
 * look-up is in vdso.c, the thread functions in threads.c, the error
 * objects and their catching in exceptions.c.)
 */
#include "../audit.h"
#include <stdarg.h>

#include "diag.h"
#include "dlfcn.h"
#include "dso.h"
#include "glibc-internal.h"
#include "lib.h"
#include "lock.h"
#include "sys.h"
#include "tls.h"

/* ------------------------------------------------------------------ */
/* Functions libc calls through _rtld_global_ro                       */

/*
 * libc's dl_iterate_phdr asks this for each map of the chain, holding
 * GL(dl_load_write_lock) and not the loader lock, which it must not
 * take here (myld takes the two in the other order).  The map is alive
 * (it leaves the chain under the write lock before it is freed), and
 * the module id in it leads to the calling thread's own DTV: no list.
 */
static void *tls_get_addr_soft(void *map)
{
	return tls_block_of_module(FIELD(map, GLIBC_LM_TLS_MODID, size_t));
}

static int contains(const struct dso *d, uintptr_t addr)
{
	return d->libc_map &&
	       addr >= FIELD(d->libc_map, GLIBC_LM_MAP_START, uintptr_t) &&
	       addr < FIELD(d->libc_map, GLIBC_LM_MAP_END, uintptr_t);
}

static struct dso *object_containing(uintptr_t addr)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (contains(d, addr))
			return d;
	if (contains(dso_loader, addr))
		return dso_loader;
	return glibc_vdso && contains(glibc_vdso, addr) ? glibc_vdso : NULL;
}

/*
 * _dl_find_object: the unwinder's question "which object holds this
 * code address, and where is its PT_GNU_EH_FRAME?", asked for every
 * frame of a C++ exception.  Under the loader lock, which a dlclose
 * holds while it frees objects (uncontended it costs no system call;
 * docs/concurrency.md says what this means for signal handlers).
 */
static int find_object(void *pc, void *result)
{
	loader_lock();
	struct dso *d = object_containing((uintptr_t)pc);

	if (!d) {
		loader_unlock();
		return -1;
	}
	const Elf64_Phdr *eh = elf_find_phdr(d->phdr, d->phnum,
					     PT_GNU_EH_FRAME);

	FIELD(result, GLIBC_DLFO_FLAGS, uint64_t) = 0;
	FIELD(result, GLIBC_DLFO_MAP_START, uintptr_t) =
		FIELD(d->libc_map, GLIBC_LM_MAP_START, uintptr_t);
	FIELD(result, GLIBC_DLFO_MAP_END, uintptr_t) =
		FIELD(d->libc_map, GLIBC_LM_MAP_END, uintptr_t);
	FIELD(result, GLIBC_DLFO_LINK_MAP, void *) = d->libc_map;
	FIELD(result, GLIBC_DLFO_EH_FRAME, void *) =
		eh ? dso_addr(d, eh->p_vaddr) : NULL;
	loader_unlock();
	return 0;
}

static void libc_freeres(void)
{
	/* myld's memory is its own: nothing for libc to free. */
}

/* ------------------------------------------------------------------ */
/* The dlfcn hook: libc's dlopen & co. go to dlfcn.c                 */

#define RTLD_MODE_MASK 0xffff	/* the public RTLD_* bits of a mode */

/* The program's own mode, whole: dlfcn_open refuses unknown bits, as
 * glibc's dlopen does before it calls its loader. */
static void *hook_dlopen(const char *file, int mode, void *caller)
{
	return dlfcn_open(file, mode, caller);
}

static void *hook_dlsym(void *handle, const char *name, void *caller)
{
	return dlfcn_sym(handle, name, NULL, caller);
}

static void *hook_dlvsym(void *handle, const char *name, const char *version,
			 void *caller)
{
	return dlfcn_sym(handle, name, version, caller);
}

static void *hook_dlmopen(long lmid, const char *file, int mode, void *caller)
{
	return dlfcn_mopen(lmid, file, mode & RTLD_MODE_MASK, caller);
}

/* libc's own users (iconv's gconv modules, NSS, libgcc_s for thread
 * cancellation) load into the namespace of the libc that asks: the
 * caller here is that libc (its __libc_dlopen_mode & co.). */
static void *hook_libc_dlopen_mode(const char *name, int mode)
{
	return dlfcn_open(name, mode & RTLD_MODE_MASK,
			  __builtin_return_address(0));
}

static void *hook_libc_dlsym(void *handle, const char *name)
{
	return dlfcn_sym(handle, name, NULL, __builtin_return_address(0));
}

static void *hook_libc_dlvsym(void *handle, const char *name,
			      const char *version)
{
	return dlfcn_sym(handle, name, version, __builtin_return_address(0));
}

MYLD_EXPORTED int dlclose(void *handle);
MYLD_EXPORTED char *dlerror(void);
MYLD_EXPORTED int dladdr(const void *addr, void *info);
MYLD_EXPORTED int dladdr1(const void *addr, void *info, void **extra,
			  int flags);
MYLD_EXPORTED int dlinfo(void *handle, int request, void *arg);

static void fill_dlfcn_hook(void **hook)
{
#define HOOK(member, fn) \
	hook[GLIBC_DLFCN_HOOK_##member / sizeof(void *)] = (void *)(fn)
	HOOK(DLOPEN, hook_dlopen);
	HOOK(DLCLOSE, dlclose);
	HOOK(DLSYM, hook_dlsym);
	HOOK(DLVSYM, hook_dlvsym);
	HOOK(DLERROR, dlerror);
	HOOK(DLADDR, dladdr);
	HOOK(DLADDR1, dladdr1);
	HOOK(DLINFO, dlinfo);
	HOOK(DLMOPEN, hook_dlmopen);
	HOOK(LIBC_DLOPEN_MODE, hook_libc_dlopen_mode);
	HOOK(LIBC_DLSYM, hook_libc_dlsym);
	HOOK(LIBC_DLVSYM, hook_libc_dlvsym);
	HOOK(LIBC_DLCLOSE, dlclose);
#undef HOOK
}

void glibc_publish_calls(void **hook)
{
	RO(GLIBC_RO_TLS_GET_ADDR_SOFT, void *) = (void *)tls_get_addr_soft;
	RO(GLIBC_RO_LIBC_FREERES, void *) = (void *)libc_freeres;
	RO(GLIBC_RO_FIND_OBJECT, void *) = (void *)find_object;
	fill_dlfcn_hook(hook);
	RO(GLIBC_RO_DLFCN_HOOK, void *) = hook;
}

/* libc's callers (__cxa_thread_atexit_impl, _dl_addr) hold the lock
 * already: it is GL(dl_load_lock). */
EXPORT void *_dl_find_dso_for_object(uintptr_t addr)
{
	loader_lock();
	struct dso *d = object_containing(addr);
	void *map = d ? d->libc_map : NULL;
	loader_unlock();
	return map;
}

EXPORT void _dl_fatal_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	int n = fmt_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	sys_write(2, buf, n);
	sys_exit(DIAG_EXIT_STATUS);
}

/* dlinfo(RTLD_DI_SERINFO) goes through the hook (dlinfo.c); this is
 * the fallback libc never takes while the hook is set.  No search
 * directories. */
EXPORT void _dl_rtld_di_serinfo(void *loader, void *si, _Bool counting)
{
	(void)loader;
	uint64_t *words = si;	/* Dl_serinfo: dls_size, dls_cnt */

	if (counting)
		words[0] = 2 * sizeof(uint64_t);
	((uint32_t *)si)[2] = 0;
}

/* libc's start code, after the program's initialisers, before main. */
EXPORT void _dl_audit_preinit(void *map)
{
	(void)map;
	if (audit_count)
		audit_preinit();
}

/* dlsym's la_symbind64 (LA_SYMB_DLSYM) is not reported: docs/audit.md. */
EXPORT void _dl_audit_symbind_alt(void *map, const void *ref, void **value,
				  void *result)
{
	(void)map, (void)ref, (void)value, (void)result;
}

/* Profiling (LD_PROFILE) is not supported. */
EXPORT void _dl_mcount(uintptr_t from, uintptr_t to)
{
	(void)from, (void)to;
}
