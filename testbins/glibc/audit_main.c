/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/audit_main.c - the program the audit case runs with
 * testbins/glibc/auditor.c as LD_AUDIT: lazy PLT calls into
 * libaudited.so (one redirected by the auditor, one with stack
 * arguments, one the auditor does not watch), a call into
 * libstartupsearch.so, which it finds at start-up only through the
 * auditor's la_objsearch (under another name), then a dlopen and
 * dlclose of argv[1] (libdlpeer.so), and three dlopens the auditor's
 * la_objsearch renames or refuses.  Its own lines go to stdout, the
 * auditor's to stderr; the test compares both.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

int audited_value(void);
int audited_twice(int x);
float audited_scale(float x, int n);
long audited_sum10(long a, long b, long c, long d, long e, long f, long g,
		   long h, long i, long j);
int audited_quiet(int x);
int audited_noexit(int x);
int audited_inner(int x);
int startup_search_value(void);

int main(int argc, char **argv)
{
	printf("startup_search_value() = %d\n", startup_search_value());
	printf("audited_value() = %d\n", audited_value());
	printf("audited_twice(21) = %d\n", audited_twice(21));
	printf("audited_twice(5) = %d\n", audited_twice(5));
	printf("audited_scale(1.5, 3) = %g\n", audited_scale(1.5f, 3));
	printf("audited_sum10(1..10) = %ld\n",
	       audited_sum10(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
	printf("audited_quiet(1) = %d\n", audited_quiet(1));
	printf("audited_quiet(2) = %d\n", audited_quiet(2));
	printf("audited_noexit(1) = %d\n", audited_noexit(1));
	printf("audited_inner(4) = %d\n", audited_inner(4));
	/* dlsym's answer goes through la_symbind64 too (LA_SYMB_DLSYM). */
	int (*inner)(int) = (int (*)(int))dlsym(RTLD_DEFAULT, "audited_inner");
	printf("dlsym audited_inner(4) = %d\n", inner ? inner(4) : -1);
	fflush(stdout);
	if (argc > 1) {
		void *h = dlopen(argv[1], RTLD_NOW);

		printf("dlopen: %s\n", h ? "ok" : dlerror());
		fflush(stdout);
		if (h)
			dlclose(h);
		/* The auditor's la_objsearch renames this one to
		 * libdlpeer.so, found through the RUNPATH, ... */
		h = dlopen("libobjsearch-renamed.so", RTLD_NOW);
		printf("renamed: %s\n", h ? "ok" : "fails");
		fflush(stdout);
		if (h)
			dlclose(h);
		/* ... refuses this name ... */
		h = dlopen("libobjsearch-refused.so", RTLD_NOW);
		printf("refused: %s\n", h ? "ok" : "fails");
		/* ... and refuses libdlpeer.so's candidates. */
		h = dlopen("libdlpeer.so", RTLD_NOW);
		printf("candidates refused: %s\n", h ? "ok" : "fails");
		fflush(stdout);
		/* Already loaded: la_activity CONSISTENT alone. */
		h = dlopen("libc.so.6", RTLD_NOW);
		printf("already loaded: %s\n", h ? "ok" : "fails");
		fflush(stdout);
	}
	return 0;
}
