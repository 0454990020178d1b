/* SPDX-License-Identifier: MIT */
/* The libraries of dlclose_reentry.c, one source for four roles:
 *
 *   REENT_A  its destructor dlopens libreent_b.so (found through this
 *            library's RUNPATH, while it is being unloaded) and keeps
 *            the handle: libreent_b.so must outlive it
 *   REENT_B  reent_b_value(); its destructor says so
 *   REENT_C  its constructor dlopens libreent_d.so, its destructor
 *            dlcloses it: a dlclose inside a dlclose
 *   REENT_D  its destructor says so
 *   REENT_E  needs libreent_f.so; its destructor dlopens libreent_f.so,
 *            which is being unloaded with it
 *   REENT_F  reent_f_value(); its constructor and destructor say so
 *
 * They print only while REENT_QUIET is unset (the first round). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static void say(const char *fmt, const char *what)
{
	if (!getenv("REENT_QUIET"))
		printf(fmt, what);
}

#if defined(REENT_A)
__attribute__((destructor)) static void reent_a_fini(void)
{
	void *b = dlopen("libreent_b.so", RTLD_NOW);

	say("libreent_a.so: destructor: dlopen libreent_b.so: %s\n",
	    b ? "ok" : dlerror());
}
#elif defined(REENT_B)
int reent_b_value(void)
{
	return 42;
}

__attribute__((destructor)) static void reent_b_fini(void)
{
	say("%s: destructor\n", "libreent_b.so");
}
#elif defined(REENT_C)
static void *reent_d;

__attribute__((constructor)) static void reent_c_init(void)
{
	reent_d = dlopen("libreent_d.so", RTLD_NOW);
	if (!reent_d)
		printf("libreent_c.so: dlopen libreent_d.so: %s\n", dlerror());
}

__attribute__((destructor)) static void reent_c_fini(void)
{
	int rc = dlclose(reent_d);

	say("libreent_c.so: destructor: dlclose libreent_d.so: %s\n",
	    rc ? dlerror() : "0");
}
#elif defined(REENT_D)
__attribute__((destructor)) static void reent_d_fini(void)
{
	say("%s: destructor\n", "libreent_d.so");
}
#elif defined(REENT_E)
int reent_f_value(void);

__attribute__((destructor)) static void reent_e_fini(void)
{
	void *f = dlopen("libreent_f.so", RTLD_NOW);

	say("libreent_e.so: destructor: dlopen libreent_f.so: %s\n",
	    f ? "ok" : dlerror());
}

int reent_e_value(void)
{
	return reent_f_value() + 1;
}
#elif defined(REENT_F)
int reent_f_value(void)
{
	return 5;
}

__attribute__((constructor)) static void reent_f_init(void)
{
	say("%s: constructor\n", "libreent_f.so");
}

__attribute__((destructor)) static void reent_f_fini(void)
{
	say("%s: destructor\n", "libreent_f.so");
}
#endif
