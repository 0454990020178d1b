/* SPDX-License-Identifier: MIT */
/* Finalisers that call dlopen and dlclose while dlclose runs them
 * (libraries: reentlib.c).
 *
 * 1. dlclose(libreent_a.so), whose destructor dlopens libreent_b.so:
 *    libreent_a.so goes, libreent_b.so stays, held by that handle; it
 *    answers dlsym, and goes at the second dlclose after a RTLD_NOLOAD
 *    dlopen.  A loader that decides before the destructors what to
 *    unload, and unloads it after, unmaps libreent_b.so under a live
 *    handle.
 * 2. dlclose(libreent_c.so), whose destructor dlcloses libreent_d.so:
 *    the inner dlclose returns 0 and libreent_d.so's destructor runs
 *    after libreent_c.so's (glibc runs it when the outer dlclose looks
 *    again); both go.  A loader that starts a second collection inside
 *    the first unmaps libreent_c.so while its destructor runs.
 *
 * libreent_b.so is found again with RTLD_NOLOAD under another name than
 * it was loaded by (LIBDIR/libreent_b.so, after the bare name searched
 * in libreent_a.so's RUNPATH): the same file, so the same object.  A
 * RTLD_NOLOAD of a file that does not exist is NULL with an error.
 *
 * Round 0 prints each step; 200 more rounds, quiet, must leave the same
 * state each time. */
#include "common.h"

#define ROUNDS 201

static const char *state(const char *name)
{
	return lt_loaded(name) ? "loaded" : "not loaded";
}

static void step(int say, const char *fmt, const char *a, const char *b)
{
	if (say)
		printf(fmt, a, b);
}

static void round_of(int say)
{
	void *a = lt_open("libreent_a.so", RTLD_NOW);

	step(say, "dlclose %s%s\n", "libreent_a.so", "");
	lt_close(a, "libreent_a.so");
	step(say, "after: libreent_a.so %s, libreent_b.so %s\n",
	     state("/libreent_a.so"), state("/libreent_b.so"));
	if (lt_loaded("/libreent_a.so") || !lt_loaded("/libreent_b.so"))
		lt_fail("after dlclose(libreent_a.so)");

	void *b = lt_open("libreent_b.so", RTLD_NOW | RTLD_NOLOAD);
	int (*value)(void) = (int (*)(void))lt_sym(b, "reent_b_value");
	if (value() != 42)
		lt_fail("reent_b_value() = %d", value());
	step(say, "reent_b_value() = 42; dlclose %s twice%s\n",
	     "libreent_b.so", "");
	lt_close(b, "libreent_b.so");
	if (!lt_loaded("/libreent_b.so"))
		lt_fail("libreent_b.so went with a handle left");
	lt_close(b, "libreent_b.so");
	step(say, "after: libreent_b.so %s%s\n", state("/libreent_b.so"), "");
	if (lt_loaded("/libreent_b.so"))
		lt_fail("libreent_b.so stayed with no handle left");

	void *c = lt_open("libreent_c.so", RTLD_NOW);
	if (!lt_loaded("/libreent_d.so"))
		lt_fail("libreent_c.so's constructor did not open libreent_d.so");
	step(say, "dlclose %s%s\n", "libreent_c.so", "");
	lt_close(c, "libreent_c.so");
	step(say, "after: libreent_c.so %s, libreent_d.so %s\n",
	     state("/libreent_c.so"), state("/libreent_d.so"));
	if (lt_loaded("/libreent_c.so") || lt_loaded("/libreent_d.so"))
		lt_fail("after dlclose(libreent_c.so)");
}

int main(int argc, char **argv)
{
	char path[4096];

	lt_start(argc, argv);
	void *none = dlopen(lt_path(path, sizeof(path), "libreent_none.so"),
			    RTLD_NOW | RTLD_NOLOAD);
	printf("RTLD_NOLOAD of a missing file: %s, %s\n",
	       none ? "a handle" : "NULL", dlerror() ? "an error" : "no error");
	for (int i = 0; i < ROUNDS; i++) {
		if (i == 1)
			setenv("REENT_QUIET", "1", 1);
		round_of(i == 0);
	}
	printf("%d rounds\n", ROUNDS);
	return 0;
}
