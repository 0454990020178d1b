/* SPDX-License-Identifier: MIT */
/* What a dlsym in the caller's scope keeps loaded (libraries: plain.c,
 * glob.c, defsym.c).
 *
 * dlsym(RTLD_DEFAULT) or (RTLD_NEXT) binds its caller to the object that
 * defines the symbol, as a relocation would: the caller may keep the
 * pointer, so the definer stays loaded as long as the caller does.
 *  - Called from the program, which is never unloaded: libplain.so,
 *    opened RTLD_GLOBAL, stays after its only handle is closed, and the
 *    pointer still works.
 *  - Called from libdefsym.so (dlopened): libglob1.so stays while
 *    libdefsym.so is loaded, and goes with it.
 *  - dlsym on a handle binds nothing: the handle keeps the object, and
 *    libglob2.so goes when its handle is closed. */
#include "common.h"

static const char *state(const char *name)
{
	return lt_loaded(name) ? "loaded" : "not loaded";
}

int main(int argc, char **argv)
{
	lt_start(argc, argv);

	void *plain = lt_open("libplain.so", RTLD_NOW | RTLD_GLOBAL);
	int (*plain_value)(void) =
		(int (*)(void))dlsym(RTLD_DEFAULT, "plain_value");
	lt_close(plain, "libplain.so");
	printf("program's RTLD_DEFAULT: after dlclose libplain.so %s\n",
	       state("/libplain.so"));
	printf("plain_value() = %d\n", plain_value ? plain_value() : -1);

	void *g1 = lt_open("libglob1.so", RTLD_NOW | RTLD_GLOBAL);
	void *finder = lt_open("libdefsym.so", RTLD_NOW);
	void *(*find)(const char *) =
		(void *(*)(const char *))lt_sym(finder, "defsym_find");
	int (*g1_value)(void) = (int (*)(void))find("glob_1_value");
	lt_close(g1, "libglob1.so");
	printf("library's RTLD_DEFAULT: after dlclose libglob1.so %s\n",
	       state("/libglob1.so"));
	printf("glob_1_value() = %d\n", g1_value ? g1_value() : -1);
	lt_close(finder, "libdefsym.so");
	printf("after dlclose libdefsym.so: libglob1.so %s\n",
	       state("/libglob1.so"));

	void *g2 = lt_open("libglob2.so", RTLD_NOW);
	lt_sym(g2, "glob_2_value");
	lt_close(g2, "libglob2.so");
	printf("dlsym on a handle: after dlclose libglob2.so %s\n",
	       state("/libglob2.so"));
	return 0;
}
