/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/fini_dlopen_lib.c - libfd_a.so, libfd_b.so, libfd_c.so
 * and libfd_d.so (NAME): a constructor and a destructor that say their
 * name.  libfd_d.so also calls fd_c_hook, which it does not need by
 * DT_NEEDED: its binding goes to libfd_c.so, dlopened RTLD_GLOBAL before
 * it (a reldep, which orders the finalisers too).
 */
#include <stdio.h>

__attribute__((constructor)) static void init(void)
{
	printf("init %s\n", NAME);
}

__attribute__((destructor)) static void fini(void)
{
	printf("fini %s\n", NAME);
}

/* What the program (or libfd_d.so) calls, so that it needs this one. */
void ENTRY(void)
{
}

#ifdef CALLS_HOOK
void fd_c_hook(void);
void fd_b_entry(void);

void fd_d_work(void)
{
	fd_b_entry();
	fd_c_hook();
}
#endif

#ifdef HAS_HOOK
void fd_c_hook(void)
{
	printf("hook in %s\n", NAME);
}
#endif
