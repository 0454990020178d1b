/* SPDX-License-Identifier: MIT */
/*
 * dlopen: namespaces through myld's own dlmopen, for a program with no
 * libc.  No reference run (see meson.build); the glibc/dlmopen case
 * checks the same behaviours against glibc's loader for glibc programs.
 * Checked:
 *  - dlmopen(LM_ID_NEWLM) makes a namespace with its own copy of a
 *    library (its own counter); dlinfo(RTLD_DI_LMID) gives its id, and
 *    dlmopen with that id opens into it (the same handle);
 *  - RTLD_GLOBAL in the base namespace stays there; dlsym(RTLD_DEFAULT)
 *    from a namespace's code searches that namespace, whose global
 *    scope is its first object and that object's dependencies, and
 *    those a dlopen(RTLD_GLOBAL) from its code added;
 *  - dl_iterate_phdr from a namespace's code lists that namespace;
 *  - _r_debug has r_version 2 and the namespaces' r_debug hang from
 *    r_next, one list each; an emptied namespace stays, with no objects;
 *  - the last object closed frees the id; 16 namespaces at most, the
 *    base one included, then glibc's error text.
 */
#include "dltest.h"

/* glibc's struct r_debug_extended. */
struct r_debug_ext {
	struct r_debug base;
	struct r_debug_ext *r_next;
};

/*
 * The loader's r_debug, as a debugger finds it: through the program's
 * DT_DEBUG.  (The program's own _r_debug may be a 40-byte copy made by
 * a COPY relocation, which no loader updates.)
 */
extern ElfW(Dyn) _DYNAMIC[];

static const struct r_debug_ext *loader_r_debug(void)
{
	for (const ElfW(Dyn) *d = _DYNAMIC; d->d_tag != DT_NULL; d++)
		if (d->d_tag == DT_DEBUG)
			return (const void *)d->d_un.d_ptr;
	return NULL;
}

typedef int (*int_fn)(void);

static long lmid(void *h)
{
	Lmid_t id = -5;

	dlinfo(h, RTLD_DI_LMID, &id);
	return id;
}

static void *open_in(Lmid_t id, const char *name)
{
	void *h = dlmopen(id, name, RTLD_NOW);

	if (!h)
		show_dlerror(name);
	return h;
}

static void show_names(const struct link_map *l)
{
	for (; l; l = l->l_next) {
		const char *base = l->l_name;
		for (const char *p = l->l_name; *p; p++)
			if (*p == '/')
				base = p + 1;
		rt_print(" ");
		rt_print(base);
	}
	rt_puts("");
}

/* The debugger's view: every namespace after the base one. */
static void show_debugger_lists(void)
{
	const struct r_debug_ext *r = loader_r_debug();

	if (!r) {
		rt_puts("no DT_DEBUG");
		return;
	}
	rt_show_dec("r_version", r->base.r_version);
	int n = 0;
	for (r = r->r_next; r; r = r->r_next) {
		rt_print("  namespace ");
		rt_print_dec(++n);
		rt_print(r->base.r_map ? ":" : ": (empty)");
		show_names(r->base.r_map);
	}
}

int main(void)
{
	void *b = open_in(LM_ID_BASE, "libdl_ns.so");
	void *n1 = open_in(LM_ID_NEWLM, "libdl_ns.so");
	void *n2 = open_in(LM_ID_NEWLM, "libdl_ns.so");
	if (!b || !n1 || !n2)
		return 1;
	rt_show_dec("base namespace", lmid(b));
	rt_show_dec("first new namespace", lmid(n1));
	rt_show_dec("second new namespace", lmid(n2));
	int_fn bump_b = (int_fn)dlsym(b, "ns_bump");
	int_fn bump1 = (int_fn)dlsym(n1, "ns_bump");
	int_fn bump2 = (int_fn)dlsym(n2, "ns_bump");
	check("three copies of ns_bump", bump_b && bump1 && bump2 &&
	      bump_b != bump1 && bump1 != bump2 && bump_b != bump2);
	bump1();
	bump1();
	bump2();
	check("each copy counts alone: 1, 3, 2",
	      bump_b() == 1 && bump1() == 3 && bump2() == 2);
	void *again = dlmopen(lmid(n1), "libdl_ns.so", RTLD_NOW);
	check("dlmopen(first's id) gives its handle", again == n1);
	dlclose(again);

	void *glob = open_in(LM_ID_BASE, "libdl_nsglob.so");
	dlclose(glob);
	glob = dlopen("libdl_nsglob.so", RTLD_NOW | RTLD_GLOBAL);
	void *(*lookup1)(const char *) =
		(void *(*)(const char *))dlsym(n1, "ns_lookup");
	check("RTLD_GLOBAL in the base namespace: the program sees it",
	      dlsym(RTLD_DEFAULT, "ns_glob_marker") != NULL);
	check("the first namespace does not", lookup1("ns_glob_marker") == NULL);
	check("RTLD_DEFAULT in the first namespace finds its ns_bump",
	      lookup1("ns_bump") == (void *)bump1);
	/*
	 * dlopen(RTLD_GLOBAL) from code in a namespace adds to that
	 * namespace's global scope.  (glibc 2.36 crashes there: it has no
	 * global scope list for a namespace other than the base one, its
	 * _ns_main_searchlist is NULL; so no glibc program checks this.)
	 */
	void *(*open_global1)(const char *) =
		(void *(*)(const char *))dlsym(n1, "ns_open_global");
	void *glob1 = open_global1("libdl_nsglob.so");
	check("dlopen(RTLD_GLOBAL) from the first namespace's code opens "
	      "into it", glob1 && glob1 != glob && lmid(glob1) == 1);
	check("the first namespace then sees its own ns_glob_marker",
	      glob1 && lookup1("ns_glob_marker") ==
			       dlsym(glob1, "ns_glob_marker") &&
	      lookup1("ns_glob_marker") != dlsym(glob, "ns_glob_marker"));

	rt_print("objects seen from the first namespace: ");
	((void (*)(void))dlsym(n1, "ns_list_objects"))();

	void *late1 = open_in(lmid(n1), "libdl_nslate.so");
	check("libdl_nslate.so binds to the first namespace's ns_bump",
	      late1 && ((int_fn)dlsym(late1, "ns_late_bump"))() == 4);
	check("in a new namespace it cannot",
	      dlmopen(LM_ID_NEWLM, "libdl_nslate.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	show_debugger_lists();

	long id2 = lmid(n2);
	dlclose(n2);
	check("second namespace emptied: its id is refused",
	      dlmopen(id2, "libdl_ns.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	show_debugger_lists();

	void *all[32];
	int n = 0;
	rt_print("new namespaces:");
	while (n < 32 && (all[n] = dlmopen(LM_ID_NEWLM, "libdl_nsglob.so",
					    RTLD_NOW))) {
		rt_print(" ");
		rt_print_dec(lmid(all[n++]));
	}
	rt_puts("");
	show_dlerror("then");
	for (int i = 0; i < n; i++)
		dlclose(all[i]);
	void *after = open_in(LM_ID_NEWLM, "libdl_ns.so");
	rt_show_dec("after closing them, a new namespace", lmid(after));
	dlclose(after);
	dlclose(late1);
	dlclose(glob1);
	dlclose(n1);
	dlclose(glob);
	dlclose(b);
	return 0;
}
