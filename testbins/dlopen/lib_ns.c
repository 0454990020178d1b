/* SPDX-License-Identifier: MIT */
/*
 * dlopen: the libraries of main_ns.c (namespaces, myld's own dlmopen).
 *   libdl_ns.so      a counter, and dlsym(RTLD_DEFAULT), dlopen and
 *                    dl_iterate_phdr from code in its namespace (so it
 *                    needs myld: DT_NEEDED on the loader)
 *   libdl_nslate.so  calls ns_bump without a DT_NEEDED for it: it binds
 *                    only where the namespace's global scope has it
 *   libdl_nsglob.so  a marker, opened RTLD_GLOBAL in the base namespace
 */
#include "dltest.h"

#if defined(LIB_ns)
static int counter;

int ns_bump(void)
{
	return ++counter;
}

/* Not a tail call: dlsym's caller must be this library. */
void *ns_lookup(const char *name)
{
	void *p = dlsym(RTLD_DEFAULT, name);

	__asm__ volatile("" ::: "memory");
	return p;
}

/* dlopen RTLD_GLOBAL from code in this library's namespace. */
void *ns_open_global(const char *name)
{
	void *h = dlopen(name, RTLD_NOW | RTLD_GLOBAL);

	__asm__ volatile("" ::: "memory");
	return h;
}

static int print_one(struct dl_phdr_info *info, size_t size, void *data)
{
	const char *name = info->dlpi_name, *base = name;

	(void)size;
	for (const char *p = name; *p; p++)
		if (*p == '/')
			base = p + 1;
	rt_print(*(int *)data ? " " : "");
	if (!*name)
		rt_print("<program>");
	else if (!rt_strcmp(base, "myld") || !rt_strncmp(base, "ld-", 3))
		rt_print("<loader>");
	else
		rt_print(base);
	*(int *)data = 1;
	return 0;
}

/* dl_iterate_phdr from code in this library's namespace. */
void ns_list_objects(void)
{
	int printed = 0;

	dl_iterate_phdr(print_one, &printed);
	rt_puts("");
}
#elif defined(LIB_nslate)
int ns_bump(void);

int ns_late_bump(void)
{
	return ns_bump();
}
#elif defined(LIB_nsglob)
int ns_glob_marker = 7;
#endif
