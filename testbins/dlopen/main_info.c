/* SPDX-License-Identifier: MIT */
/*
 * dlopen: dladdr, dladdr1, dlinfo and dl_iterate_phdr on dlopened
 * libraries (the behaviour glibc's dladdr(3), dlinfo(3) and
 * dl_iterate_phdr(3) document):
 *  - dladdr of a function gives the file (dli_fname, the path dlopen
 *    found), its base (dli_fbase, the l_addr of a shared object linked
 *    at 0), the symbol's name and address, also for an address inside
 *    the function; 0 for an address no object contains;
 *  - dladdr1 RTLD_DL_SYMENT gives the symbol's ElfW(Sym), RTLD_DL_LINKMAP
 *    the link_map dlinfo(RTLD_DI_LINKMAP) gives;
 *  - dlinfo RTLD_DI_ORIGIN gives the directory the library came from,
 *    and dlopen of <origin>/<file> gives the same handle;
 *  - dl_iterate_phdr lists the program first, with an empty name; each
 *    object's dlpi_addr is its l_addr; dlpi_adds counts objects ever
 *    loaded and dlpi_subs objects ever unloaded; dlpi_tls_modid is set
 *    for an object with TLS (libdl_tgd.so) and 0 for one without.
 */
#include "dltest.h"

struct walk {
	int count, first_is_program;
	unsigned long long adds, subs;
	const char *want;		/* a file name to find */
	struct dl_phdr_info found;
	int found_it;
};

static int walk_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	struct walk *w = data;

	if (w->count == 0)
		w->first_is_program = info->dlpi_name &&
				      info->dlpi_name[0] == '\0';
	w->count++;
	w->adds = info->dlpi_adds;
	w->subs = info->dlpi_subs;
	if (size < sizeof(*info))
		rt_puts("dl_iterate_phdr: size too small");
	if (w->want && str_ends(info->dlpi_name, w->want)) {
		w->found = *info;
		w->found_it = 1;
	}
	return 0;
}

static struct walk walk(const char *want)
{
	struct walk w = {0};

	w.want = want;
	dl_iterate_phdr(walk_cb, &w);
	return w;
}

static void print_path(const char *what, const char *path)
{
	rt_print(what);
	rt_print(": ");
	rt_puts(path ? path : "(null)");
}

int main(void)
{
	struct walk w0 = walk(NULL);
	check("dl_iterate_phdr: the program first, named \"\"",
	      w0.first_is_program);
	check("dl_iterate_phdr: dlpi_adds counts the start-up objects",
	      w0.adds == (unsigned long long)w0.count);
	check("dl_iterate_phdr: dlpi_subs is 0", w0.subs == 0);

	void *h = dlopen("libdl_top.so", RTLD_NOW);
	check("dlopen libdl_top.so", h != NULL);
	if (!h)
		return 1;
	struct walk w1 = walk("/libdl_mid.so");
	check("dl_iterate_phdr: 3 more objects", w1.count == w0.count + 3);
	check("dl_iterate_phdr: dlpi_adds grew by 3", w1.adds == w0.adds + 3);
	check("dl_iterate_phdr: dlpi_subs still 0", w1.subs == 0);
	check("dl_iterate_phdr: libdl_mid.so found", w1.found_it);
	check("dl_iterate_phdr: libdl_mid.so has no TLS module",
	      w1.found.dlpi_tls_modid == 0 && w1.found.dlpi_tls_data == NULL);

	/* dlinfo */
	struct link_map *lm = NULL;
	check("dlinfo RTLD_DI_LINKMAP", dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 &&
	      lm != NULL);
	if (!lm)
		return 1;
	print_path("l_name", lm->l_name);
	char origin[4096];
	check("dlinfo RTLD_DI_ORIGIN", dlinfo(h, RTLD_DI_ORIGIN, origin) == 0);
	print_path("origin", origin);

	/* dladdr */
	void *fn = dlsym(h, "top_value");
	Dl_info info;
	check("dladdr(top_value)", fn && dladdr(fn, &info) != 0);
	print_path("dli_fname", info.dli_fname);
	print_path("dli_sname", info.dli_sname);
	check("dli_saddr is top_value", info.dli_saddr == fn);
	check("dli_fbase is l_addr", (uintptr_t)info.dli_fbase == lm->l_addr);
	Dl_info inner;
	check("dladdr(top_value + 1)", dladdr((char *)fn + 1, &inner) != 0);
	check("same file and symbol", inner.dli_saddr == fn &&
	      inner.dli_sname && !rt_strcmp(inner.dli_sname, "top_value") &&
	      inner.dli_fname && !rt_strcmp(inner.dli_fname, info.dli_fname));
	check("dladdr(0x10) is 0", dladdr((void *)0x10, &inner) == 0);

	const ElfW(Sym) *symp = NULL;
	check("dladdr1 RTLD_DL_SYMENT",
	      dladdr1(fn, &info, (void **)&symp, RTLD_DL_SYMENT) != 0 &&
	      symp && lm->l_addr + symp->st_value == (uintptr_t)fn &&
	      ELF64_ST_TYPE(symp->st_info) == STT_FUNC);
	struct link_map *lm2 = NULL;
	check("dladdr1 RTLD_DL_LINKMAP is dlinfo's link_map",
	      dladdr1(fn, &info, (void **)&lm2, RTLD_DL_LINKMAP) != 0 &&
	      lm2 == lm);

	/* The same file by its full path: the same handle. */
	char path[4200];
	size_t n = rt_strlen(origin);
	memcpy(path, origin, n);
	memcpy(path + n, "/libdl_top.so", 14);
	void *again = dlopen(path, RTLD_NOW);
	check("dlopen(<origin>/libdl_top.so) is the same handle", again == h);
	dlclose(again);

	/* A TLS module. */
	void *tgd = dlopen("libdl_tgd.so", RTLD_NOW);
	struct walk w2 = walk("/libdl_tgd.so");
	check("dl_iterate_phdr: libdl_tgd.so found", w2.found_it);
	check("dl_iterate_phdr: libdl_tgd.so has a TLS module id",
	      w2.found.dlpi_tls_modid != 0);
	struct link_map *tlm = NULL;
	dlinfo(tgd, RTLD_DI_LINKMAP, &tlm);
	check("dl_iterate_phdr: dlpi_addr is l_addr",
	      tlm && w2.found.dlpi_addr == tlm->l_addr);
	dlclose(tgd);

	dlclose(h);
	struct walk w3 = walk(NULL);
	check("after dlclose: as many objects as at start", w3.count == w0.count);
	check("dl_iterate_phdr: dlpi_adds counts all 4 loaded",
	      w3.adds == w0.adds + 4);
	check("dl_iterate_phdr: dlpi_subs counts all 4 unloaded",
	      w3.subs == 4);
	return 0;
}
