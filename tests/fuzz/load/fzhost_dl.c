/* SPDX-License-Identifier: MIT */
/*
 * fzhost_dl: the load fuzzer's dlopen host (tests/fuzz/loadfuzz.c).
 *
 *   fzhost_dl NAME
 *
 * dlopens NAME lazily, calls fz_entry and fz_lazy through dlsym (their
 * PLT calls into libfzdep.so bind lazily inside dlopened objects), closes
 * it, then opens it again with RTLD_NOW and closes it.  After each failed
 * dlopen it makes a lazy call of its own (into libfzaux.so), which must
 * still work: state left behind by a failed dlopen must not outlive it.
 *
 * Exit status: 0 all loaded and called, 3 a dlopen failed (the message is
 * printed on stdout), 4 dlsym failed, 5 a dlerror text had a newline or a
 * control byte (a finding: messages are one line, names sanitised).
 * myld's own fatal errors are 127 as usual.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>

#include "rt.h"

extern int fzaux_value(void);

static int dlerror_ok(void)
{
	const char *e = dlerror();

	if (!e)
		return 1;
	rt_print("dlerror: ");
	rt_puts(e);
	for (; *e; e++)
		if ((unsigned char)*e < 0x20 || *e == 0x7f)
			return 0;
	return 1;
}

static int open_and_call(const char *name, int mode)
{
	void *h = dlopen(name, mode);

	if (!h) {
		int ok = dlerror_ok();

		/* A lazy call of the host's own after the failure. */
		rt_print("aux ");
		rt_print_dec(fzaux_value());
		rt_puts("");
		return ok ? 3 : 5;
	}
	int (*entry)(void) = (int (*)(void))dlsym(h, "fz_entry");
	int (*lazy)(void) = (int (*)(void))dlsym(h, "fz_lazy");

	if (!entry || !lazy) {
		int ok = dlerror_ok();

		dlclose(h);
		return ok ? 4 : 5;
	}
	rt_print("fz ");
	rt_print_dec(entry());
	rt_print(" ");
	rt_print_dec(lazy());
	rt_puts("");
	if (dlclose(h) != 0)
		return dlerror_ok() ? 6 : 5;
	return 0;
}

int main(int argc, char **argv)
{
	int st;

	if (argc != 2)
		return 2;
	st = open_and_call(argv[1], RTLD_LAZY);
	if (st != 0)
		return st;
	return open_and_call(argv[1], RTLD_NOW);
}
