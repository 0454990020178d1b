/* SPDX-License-Identifier: MIT */
/*
 * dlopen: TLS of dlopened libraries (see lib_tls.c).  For each library:
 * the address of each variable, as a function of the library computes it
 * (&var) and as dlsym returns it (the calling thread's instance, as
 * glibc documents for STT_TLS symbols), agree; .tdata has its initial
 * values, .tbss is zero; a write through one address reads back through
 * the other; dl_iterate_phdr reports a module id and the block
 * (dlpi_tls_data) containing the variables.  After dlclose and a new
 * dlopen, a library's TLS starts from its initial image again.
 */
#include "dltest.h"

struct lib {
	const char *file, *prefix;
	long init;
	unsigned long big;
};

static const struct lib libs[] = {
	{"libdl_tie.so", "ie_", 0x3333, 64},
	{"libdl_tgd.so", "gd_", 0x1111, 4096},
	{"libdl_tdesc.so", "desc_", 0x2222, 4096},
};

static void *sym(void *h, const char *prefix, const char *name)
{
	char buf[64];
	size_t n = rt_strlen(prefix);

	memcpy(buf, prefix, n);
	memcpy(buf + n, name, rt_strlen(name) + 1);
	return dlsym(h, buf);
}

static void *call(void *h, const char *prefix, const char *fn)
{
	void *(*f)(void) = (void *(*)(void))sym(h, prefix, fn);

	return f ? f() : NULL;
}

struct find {
	const char *file;
	size_t modid;
	void *tls_data;
	unsigned long memsz;
	int found;
};

static int find_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	struct find *f = data;

	(void)size;
	if (!str_ends(info->dlpi_name, f->file) ||
	    info->dlpi_name[rt_strlen(info->dlpi_name) -
			    rt_strlen(f->file) - 1] != '/')
		return 0;
	f->found = 1;
	f->modid = info->dlpi_tls_modid;
	f->tls_data = info->dlpi_tls_data;
	for (int i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_TLS)
			f->memsz = info->dlpi_phdr[i].p_memsz;
	return 1;
}

static int all_zero(const char *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int inside(const void *p, const void *block, unsigned long size)
{
	return (const char *)p >= (const char *)block &&
	       (const char *)p < (const char *)block + size;
}

static void test_lib(const struct lib *l, int round)
{
	rt_print("-- ");
	rt_print(l->file);
	rt_puts(round ? " (reopened)" : "");
	void *h = dlopen(l->file, RTLD_NOW);
	check("dlopen", h != NULL);
	if (!h) {
		show_dlerror("dlerror");
		return;
	}
	long *data = call(h, l->prefix, "addr_data");
	char *str = call(h, l->prefix, "addr_str");
	long *bss = call(h, l->prefix, "addr_bss");
	char *big = call(h, l->prefix, "addr_big");

	check("&data: dlsym agrees", data && sym(h, l->prefix, "data") == data);
	check("&str: dlsym agrees", str && sym(h, l->prefix, "str") == str);
	check("&bss: dlsym agrees", bss && sym(h, l->prefix, "bss") == bss);
	check("&big: dlsym agrees", big && sym(h, l->prefix, "big") == big);
	if (!data || !str || !bss || !big)
		return;
	check("data has its initial value", *data == l->init);
	check("str has its initial value", !rt_strcmp(str, "tls string"));
	check("bss is zero", *bss == 0);
	check("big is zero", all_zero(big, l->big));
	check("big is 64-aligned", ((uintptr_t)big & 63) == 0);

	long *data2 = sym(h, l->prefix, "data");
	*data2 = 1234;
	big[l->big - 1] = 5;
	check("a write through dlsym's address reads back", *data == 1234);
	check("the same address again", call(h, l->prefix, "addr_data") == data);

	struct find f = {l->file, 0, NULL, 0, 0};
	dl_iterate_phdr(find_cb, &f);
	check("dl_iterate_phdr: found", f.found);
	check("dl_iterate_phdr: dlpi_tls_modid is not 0", f.modid != 0);
	check("dl_iterate_phdr: dlpi_tls_data holds the variables",
	      f.tls_data && inside(data, f.tls_data, f.memsz) &&
	      inside(big + l->big - 1, f.tls_data, f.memsz));
	dlclose(h);
	check("unmapped after dlclose", !maps_has(l->file));
}

int main(void)
{
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
			test_lib(&libs[i], round);

	/* All three at once: the modules coexist. */
	rt_puts("-- all three open together");
	void *h[3];
	long *d[3];
	for (int i = 0; i < 3; i++) {
		h[i] = dlopen(libs[i].file, RTLD_NOW);
		d[i] = h[i] ? call(h[i], libs[i].prefix, "addr_data") : NULL;
	}
	check("three distinct blocks", d[0] && d[1] && d[2] && d[0] != d[1] &&
	      d[1] != d[2] && d[0] != d[2]);
	check("three initial values", d[0] && d[1] && d[2] &&
	      *d[0] == 0x3333 && *d[1] == 0x1111 && *d[2] == 0x2222);
	for (int i = 0; i < 3; i++)
		dlclose(h[i]);
	return 0;
}
