/* SPDX-License-Identifier: MIT */
/* A destructor that dlopens an object being unloaded with it
 * (libraries: reentlib.c).
 *
 * libreent_e.so needs libreent_f.so; nothing else holds either.  At
 * dlclose(libreent_e.so) both are to go, and libreent_e.so's destructor
 * then dlopens libreent_f.so, getting a handle.  myld keeps
 * libreent_f.so for that handle (its destructor has already run, as
 * part of the same dlclose); the program finds it with RTLD_NOLOAD,
 * calls it, and closes both references, after which it goes.
 *
 * glibc 2.36 unloads libreent_f.so all the same: the handle its
 * destructor got dangles, and this program prints "not loaded" and
 * stops there (tests/check_lifetime.py: KNOWN_WRONG_REFERENCE). */
#include "common.h"

int main(int argc, char **argv)
{
	lt_start(argc, argv);
	void *e = lt_open("libreent_e.so", RTLD_NOW);

	printf("dlclose libreent_e.so\n");
	lt_close(e, "libreent_e.so");
	printf("after: libreent_e.so %s, libreent_f.so %s\n",
	       lt_loaded("/libreent_e.so") ? "loaded" : "not loaded",
	       lt_loaded("/libreent_f.so") ? "loaded" : "not loaded");
	if (!lt_loaded("/libreent_f.so"))
		return 1;
	void *f = lt_open("libreent_f.so", RTLD_NOW | RTLD_NOLOAD);
	int (*value)(void) = (int (*)(void))lt_sym(f, "reent_f_value");
	printf("reent_f_value() = %d\n", value());
	lt_close(f, "libreent_f.so");
	lt_close(f, "libreent_f.so");
	printf("after two more dlclose: libreent_f.so %s\n",
	       lt_loaded("/libreent_f.so") ? "loaded" : "not loaded");
	return 0;
}
