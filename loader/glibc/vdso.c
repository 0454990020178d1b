/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/vdso.c - the kernel's vDSO, described to libc as glibc's
 * loader describes it.  The kernel mapped it; myld only reads its
 * headers and symbols.
 */
#include "dso.h"
#include "elf_parse.h"
#include "glibc-internal.h"
#include "lib.h"
#include "dynamic.h"
#include "map.h"
#include "symbol.h"

struct dso *glibc_vdso;

/* The vDSO's function NAME (version LINUX_2.6), or NULL. */
static void *vdso_function(const char *name)
{
	struct version want = { .name = "LINUX_2.6" };
	struct sym_query q;

	want.hash = sym_sysv_hash(want.name);
	sym_query_init(&q, name, &want, 0);
	const Elf64_Sym *sym = sym_find_in(&glibc_vdso->symtab, &q);

	return sym ? dso_addr(glibc_vdso, sym->st_value) : NULL;
}

/*
 * glibc's internal symbol look-up, with its 8-argument convention.  libc
 * calls it (when the dlfcn hook is set) for one purpose: its IFUNC
 * resolvers for time() and gettimeofday() ask the vDSO's link map for
 * __vdso_time and __vdso_gettimeofday with version LINUX_2.6.  That is
 * the one question answered here; for any other map there is no answer
 * (libc then makes the system call, or reports the symbol missing).
 */
static void *lookup_symbol_x(const char *name, void *map,
			     const Elf64_Sym **ref, void *scope,
			     const void *version, int type_class, int flags,
			     void *skip)
{
	(void)scope, (void)type_class, (void)flags, (void)skip;
	if (!glibc_vdso || map != glibc_vdso->libc_map || !ref) {
		if (ref)
			*ref = NULL;
		return NULL;
	}
	struct version want = { .name = NULL };
	struct sym_query q;

	if (version) {
		want.name = FIELD(version, GLIBC_RFV_NAME, const char *);
		want.hash = FIELD(version, GLIBC_RFV_HASH, uint32_t);
	}
	sym_query_init(&q, name, version ? &want : NULL, 0);
	*ref = sym_find_in(&glibc_vdso->symtab, &q);
	return *ref ? map : NULL;
}

/*
 * Describe the vDSO the kernel mapped at EHDR, as glibc's loader does:
 * an object in libc's list (dl_iterate_phdr reports linux-vdso.so.1,
 * the unwinder finds its signal-return frames), the functions libc
 * calls instead of system calls, and _dl_sysinfo_map, through which
 * libc's time() and gettimeofday() find theirs (lookup_symbol_x).
 */
void glibc_adopt_vdso(uintptr_t ehdr)
{
	const Elf64_Ehdr *eh = (const void *)ehdr;
	char err[ELF_ERR_SIZE];

	if (!ehdr || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return;
	const Elf64_Phdr *ph = (const void *)(ehdr + eh->e_phoff);
	const Elf64_Phdr *first = elf_find_phdr(ph, eh->e_phnum, PT_LOAD);
	if (!first)
		return;
	struct dso *d = map_adopt(ph, eh->e_phnum, ehdr - first->p_vaddr);
	d->from_kernel = 1;
	d->path = d->name = "linux-vdso.so.1";
	if (dynamic_read(d, err))
		return;	/* not usable: libc makes system calls */
	glibc_vdso = d;
	RO(GLIBC_RO_SYSINFO_MAP, void *) = glibc_link_map(d);
	RO(GLIBC_RO_LOOKUP_SYMBOL_X, void *) = (void *)lookup_symbol_x;
	RO(GLIBC_RO_VDSO_CLOCK_GETTIME64, void *) =
		vdso_function("__vdso_clock_gettime");
	RO(GLIBC_RO_VDSO_GETTIMEOFDAY, void *) =
		vdso_function("__vdso_gettimeofday");
	if (GLIBC_HAS_RO_VDSO_TIME)
		RO(GLIBC_RO_VDSO_TIME, void *) = vdso_function("__vdso_time");
	if (GLIBC_HAS_RO_VDSO_GETCPU)
		RO(GLIBC_RO_VDSO_GETCPU, void *) =
			vdso_function("__vdso_getcpu");
	RO(GLIBC_RO_VDSO_CLOCK_GETRES_TIME64, void *) =
		vdso_function("__vdso_clock_getres");
}

struct dso *libc_compat_vdso(void)
{
	return glibc_vdso;
}
