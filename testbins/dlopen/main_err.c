/* SPDX-License-Identifier: MIT */
/*
 * dlopen: every error of the dlfcn API, with its exact dlerror() text:
 * dlopen returns NULL (dlclose -1), dlerror() describes the last error
 * and returns NULL once read (POSIX: "If no dynamic linking errors have
 * occurred since the last invocation of dlerror(), dlerror() shall return
 * NULL"), and a failed dlopen leaves no object of its own mapped, nor
 * disturbs what was already loaded.  The texts are myld's (glibc's words
 * differ: see meson.build).
 */
#include "dltest.h"

static void gone(const char *file)
{
	char what[96];
	size_t n = rt_strlen(file);

	memcpy(what, file, n);
	memcpy(what + n, " not mapped", 12);
	check(what, !maps_has(file));
}

int main(void)
{
	check("dlerror() at start is NULL", dlerror() == NULL);

	rt_puts("-- a missing file");
	check("dlopen NULL", dlopen("libdl_nothere.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	show_dlerror("dlerror again");
	check("dlopen of a missing path NULL",
	      dlopen("./libdl_nothere.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");

	rt_puts("-- a missing dependency of a dependency");
	check("dlopen NULL", dlopen("libdl_needsmissing.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	gone("libdl_needsmissing.so");
	gone("libdl_newdep.so");

	rt_puts("-- an undefined symbol");
	void *leaf = dlopen("libdl_leaf.so", RTLD_NOW);
	int (*leaf_value)(void) = (int (*)(void))dlsym(leaf, "leaf_value");
	check("dlopen libdl_leaf.so first", leaf && leaf_value);
	check("dlopen RTLD_NOW NULL", dlopen("libdl_undef.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	gone("libdl_undef.so");
	check("dlopen RTLD_NOW NULL again",
	      dlopen("libdl_undef.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	gone("libdl_undef.so");
	/* RTLD_NOW binds the new dependencies too. */
	check("dlopen RTLD_NOW of a library needing it NULL",
	      dlopen("libdl_undefdep.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	gone("libdl_undefdep.so");
	gone("libdl_undef.so");
	check("libdl_leaf.so, loaded before, still mapped",
	      maps_has("libdl_leaf.so"));
	check("and still works", leaf_value() == 3 &&
	      dlsym(leaf, "leaf_value") == (void *)leaf_value);
	/* RTLD_LAZY: a function is only bound when called (never, here). */
	void *lazy = dlopen("libdl_undef.so", RTLD_LAZY);
	check("dlopen RTLD_LAZY succeeds", lazy != NULL);
	show_dlerror("dlerror");
	if (lazy)
		dlclose(lazy);

	rt_puts("-- dlsym misses");
	check("dlsym(handle) NULL", dlsym(leaf, "no_such_symbol") == NULL);
	show_dlerror("dlerror");
	check("dlsym(RTLD_DEFAULT) NULL",
	      dlsym(RTLD_DEFAULT, "no_such_symbol") == NULL);
	show_dlerror("dlerror");
	show_dlerror("dlerror again");

	rt_puts("-- not an ELF file");
	check("dlopen NULL", dlopen("libdl_notelf.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");

	rt_puts("-- a missing version");
	check("dlopen NULL", dlopen("libdl_vneed.so", RTLD_NOW) == NULL);
	show_dlerror("dlerror");
	gone("libdl_vneed.so");
	gone("libdl_vdef.so");
	void *vdef = dlopen("libdl_vdef.so", RTLD_NOW);
	check("libdl_vdef.so itself loads", vdef != NULL);
	check("dlvsym(vfn, V1)", vdef && dlvsym(vdef, "vfn", "V1") != NULL);
	check("dlvsym(vfn, V9) NULL", vdef && dlvsym(vdef, "vfn", "V9") == NULL);
	show_dlerror("dlerror");

	/*
	 * dlsym without a version answers with the default definition,
	 * never a hidden one, even of the first version (V1): as glibc's
	 * dlsym gives libc.so.6's realpath@@GLIBC_2.3, not the hidden
	 * realpath@GLIBC_2.2.5.  A name with only hidden definitions is
	 * not found; dlvsym still reaches each one.
	 */
	rt_puts("-- versions and dlsym");
	int (*fn)(void) = vdef ? (int (*)(void))dlsym(vdef, "vdup") : NULL;
	check("dlsym(vdup) is vdup@@V2", fn && fn() == 2);
	fn = vdef ? (int (*)(void))dlvsym(vdef, "vdup", "V1") : NULL;
	check("dlvsym(vdup, V1) is the hidden vdup@V1", fn && fn() == 1);
	check("dlsym(vold) NULL: vold@V1 is hidden",
	      vdef && dlsym(vdef, "vold") == NULL);
	show_dlerror("dlerror");
	fn = vdef ? (int (*)(void))dlvsym(vdef, "vold", "V1") : NULL;
	check("dlvsym(vold, V1)", fn && fn() == 5);

	rt_puts("-- invalid handles and modes");
	check("dlclose(0x10) is -1", dlclose((void *)0x10) == -1);
	show_dlerror("dlerror");
	check("dlsym(0x10) NULL", dlsym((void *)0x10, "leaf_value") == NULL);
	show_dlerror("dlerror");
	check("dlopen without RTLD_LAZY or RTLD_NOW NULL",
	      dlopen("libdl_leaf.so", RTLD_GLOBAL) == NULL);
	show_dlerror("dlerror");
	/* A handle closed once too often. */
	check("dlclose(libdl_vdef.so)", dlclose(vdef) == 0);
	check("dlclose(libdl_vdef.so) again is -1", dlclose(vdef) == -1);
	const char *e = dlerror();
	char want[64] = "invalid handle ";
	str_hex(want + 15, (unsigned long)vdef);
	memcpy(want + rt_strlen(want), " for dlclose()", 15);
	check("dlerror: invalid handle <that handle> for dlclose()",
	      e && !rt_strcmp(e, want));
	if (e && rt_strcmp(e, want)) {
		rt_print("got: ");
		rt_puts(e);
	}

	rt_puts("-- the last error stays until read");
	dlopen("libdl_nothere.so", RTLD_NOW);
	check("a successful dlopen after it",
	      dlopen("libdl_leaf.so", RTLD_NOW) == leaf);
	show_dlerror("dlerror");
	show_dlerror("dlerror again");
	rt_puts("end of main");
	return 0;
}
