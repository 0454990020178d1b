/* SPDX-License-Identifier: MIT */
/*
 * dlopen: myld's own dlinfo and dlmopen, for a program with no libc
 * (glibc's loader has neither: its libc.so.6 does, so there is no
 * reference run; each check states the behaviour of glibc's dlinfo(3)
 * that it verifies, as glibc 2.36 gives it to glibc programs, which
 * the glibc/dlinfo case compares under both loaders):
 *  - RTLD_DI_LMID is 0; dlmopen(LM_ID_BASE) is dlopen; LM_ID_NEWLM
 *    makes a namespace (1, the first), whose RTLD_DI_LMID says so; an
 *    id that names no namespace fails with glibc's dlerror message
 *    (main_ns.c checks namespaces further);
 *  - RTLD_DI_SERINFOSIZE and RTLD_DI_SERINFO list the search path of an
 *    object's dependencies: its RPATH and those of the objects that
 *    loaded it, LD_LIBRARY_PATH, its RUNPATH, the default directories
 *    (none with DF_1_NODEFLIB); tokens expanded, trailing slashes
 *    dropped, each directory once per list; dls_flags 0; a buffer
 *    smaller than RTLD_DI_SERINFOSIZE said is refused (glibc would
 *    write past it);
 *  - RTLD_DI_TLS_MODID and RTLD_DI_TLS_DATA (NULL before the thread's
 *    first access to a dynamic block, the block after it);
 *  - RTLD_DI_PHDR returns the number of headers, as dl_iterate_phdr;
 *  - RTLD_DI_ORIGIN, RTLD_DI_LINKMAP;
 *  - an unsupported request and a handle dlopen never gave fail.
 * The multiarch triplet prints as $MULTIARCH, the directory as @DIR@.
 */
#include <stddef.h>

#include "dltest.h"

#if defined(__x86_64__)
#define MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define MULTIARCH "aarch64-linux-gnu"
#endif

/* A path, with the triplet replaced, and a newline. */
static void put_path(const char *path)
{
	const char *m = rt_strstr(path, MULTIARCH);

	if (m) {
		rt_write(1, path, m - path);
		rt_print("$MULTIARCH");
		path = m + rt_strlen(MULTIARCH);
	}
	rt_puts(path);
}

static union {
	Dl_serinfo si;
	char bytes[8192];
} serinfo;

static void show_serinfo(const char *name, void *h)
{
	Dl_serinfo size;

	rt_print("RTLD_DI_SERINFOSIZE ");
	rt_print(name);
	check("", dlinfo(h, RTLD_DI_SERINFOSIZE, &size) == 0 &&
		      size.dls_size <= sizeof(serinfo));
	serinfo.si.dls_size = size.dls_size;
	serinfo.si.dls_cnt = size.dls_cnt;
	int rc = dlinfo(h, RTLD_DI_SERINFO, &serinfo.si);
	size_t names = 0;
	rt_print("RTLD_DI_SERINFO ");
	rt_print(name);
	rt_show_dec(" returns", rc);
	for (unsigned int i = 0; i < serinfo.si.dls_cnt; i++) {
		const Dl_serpath *p = &serinfo.si.dls_serpath[i];

		rt_print(p->dls_flags ? "    (flags not 0) " : "    ");
		put_path(p->dls_name);
		names += rt_strlen(p->dls_name) + 1;
	}
	check("    dls_size: the header, the entries and the names",
	      size.dls_size == offsetof(Dl_serinfo, dls_serpath) +
				       size.dls_cnt * sizeof(Dl_serpath) + names);
}

/* The buffer must hold what RTLD_DI_SERINFOSIZE said. */
static void serinfo_too_small(void *h)
{
	Dl_serinfo size;

	dlinfo(h, RTLD_DI_SERINFOSIZE, &size);
	serinfo.si.dls_size = size.dls_size;
	serinfo.si.dls_cnt = size.dls_cnt - 1;
	rt_show_dec("RTLD_DI_SERINFO, one entry short: returns",
		    dlinfo(h, RTLD_DI_SERINFO, &serinfo.si));
	show_dlerror("dlerror");
	serinfo.si.dls_size = size.dls_size - 1;
	serinfo.si.dls_cnt = size.dls_cnt;
	rt_show_dec("RTLD_DI_SERINFO, one byte short: returns",
		    dlinfo(h, RTLD_DI_SERINFO, &serinfo.si));
	show_dlerror("dlerror");
}

static void namespaces(void *h)
{
	long lmid = -5;

	check("RTLD_DI_LMID is LM_ID_BASE",
	      dlinfo(h, RTLD_DI_LMID, &lmid) == 0 && lmid == LM_ID_BASE);
	void *again = dlmopen(LM_ID_BASE, "libdl_dirun.so", RTLD_NOW);
	check("dlmopen(LM_ID_BASE) gives dlopen's handle", again == h);
	dlclose(again);
	void *other = dlmopen(LM_ID_NEWLM, "libdl_dirun.so", RTLD_NOW);
	lmid = -5;
	check("dlmopen(LM_ID_NEWLM) opens into namespace 1",
	      other && other != h &&
	      dlinfo(other, RTLD_DI_LMID, &lmid) == 0 && lmid == 1);
	if (other)
		dlclose(other);
	check("dlmopen(7) fails", dlmopen(7, "libdl_dirun.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
}

struct phdrs {
	uintptr_t addr;
	const ElfW(Phdr) *phdr;
	int phnum, found;
};

static int phdr_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	struct phdrs *p = data;

	(void)size;
	if (info->dlpi_addr == p->addr) {
		p->phdr = info->dlpi_phdr;
		p->phnum = info->dlpi_phnum;
		p->found = 1;
	}
	return 0;
}

static void show_phdr(const char *name, void *h)
{
	struct link_map *lm = NULL;
	const ElfW(Phdr) *phdr = NULL;

	dlinfo(h, RTLD_DI_LINKMAP, &lm);
	int rc = dlinfo(h, RTLD_DI_PHDR, &phdr);
	struct phdrs p = { lm ? lm->l_addr : 0, NULL, 0, 0 };
	dl_iterate_phdr(phdr_cb, &p);
	rt_print("RTLD_DI_PHDR ");
	rt_print(name);
	check(": returns dlpi_phnum, gives dlpi_phdr",
	      p.found && rc == p.phnum && phdr == p.phdr && rc > 0);
}

static void show_tls(void)
{
	void *h = dlopen("libdl_ditls.so", RTLD_NOW);
	long *(*addr)(void) = h ? (long *(*)(void))dlsym(h, "ditls_addr")
				: NULL;
	size_t modid = 0;
	void *data = (void *)1;

	if (!addr) {
		show_dlerror("dlopen libdl_ditls.so");
		return;
	}
	check("RTLD_DI_TLS_MODID libdl_ditls.so: not 0",
	      dlinfo(h, RTLD_DI_TLS_MODID, &modid) == 0 && modid != 0);
	check("RTLD_DI_TLS_DATA before the first access: NULL",
	      dlinfo(h, RTLD_DI_TLS_DATA, &data) == 0 && data == NULL);
	long *var = addr();
	check("RTLD_DI_TLS_DATA after it: the block, with the variable",
	      dlinfo(h, RTLD_DI_TLS_DATA, &data) == 0 && data == var &&
	      *var == 5);
	dlclose(h);
}

int main(void)
{
	void *prog = dlopen(NULL, RTLD_NOW);
	void *run = dlopen("libdl_dirun.so", RTLD_NOW);
	void *rpath = dlopen("libdl_dirpath.so", RTLD_NOW);
	void *dep = dlopen("libdl_didep.so", RTLD_NOW | RTLD_NOLOAD);
	if (!prog || !run || !rpath || !dep) {
		show_dlerror("dlopen");
		return 1;
	}
	namespaces(run);

	struct link_map *lm = NULL;
	check("RTLD_DI_LINKMAP", dlinfo(dep, RTLD_DI_LINKMAP, &lm) == 0);
	rt_show_str("l_name", lm ? lm->l_name : "(none)");
	char origin[4096];
	check("RTLD_DI_ORIGIN of the program",
	      dlinfo(prog, RTLD_DI_ORIGIN, origin) == 0);
	rt_puts(origin);

	show_serinfo("libdl_dirun.so", run);
	show_serinfo("libdl_didep.so", dep);
	serinfo_too_small(run);
	show_phdr("the program", prog);
	show_phdr("libdl_didep.so", dep);
	size_t modid = 5;
	check("RTLD_DI_TLS_MODID without PT_TLS: 0",
	      dlinfo(dep, RTLD_DI_TLS_MODID, &modid) == 0 && modid == 0);
	show_tls();

	char buf[64];
	rt_show_dec("request 3 (RTLD_DI_CONFIGADDR): returns",
		    dlinfo(run, RTLD_DI_CONFIGADDR, buf));
	show_dlerror("dlerror");
	rt_show_dec("a handle dlopen never gave: returns",
		    dlinfo((void *)0x10, RTLD_DI_LMID, buf));
	show_dlerror("dlerror");
	return 0;
}
