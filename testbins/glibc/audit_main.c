/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/audit_main.c - the program the audit case runs with
 * testbins/glibc/auditor.c as LD_AUDIT: two lazy PLT calls into
 * libaudited.so (one redirected by the auditor), then a dlopen and
 * dlclose of argv[1] (libdlpeer.so).  Its own lines go to stdout, the
 * auditor's to stderr; the test compares both.
 */
#include <dlfcn.h>
#include <stdio.h>

int audited_value(void);
int audited_twice(int x);
float audited_scale(float x, int n);

int main(int argc, char **argv)
{
	printf("audited_value() = %d\n", audited_value());
	printf("audited_twice(21) = %d\n", audited_twice(21));
	printf("audited_twice(5) = %d\n", audited_twice(5));
	printf("audited_scale(1.5, 3) = %g\n", audited_scale(1.5f, 3));
	fflush(stdout);
	if (argc > 1) {
		void *h = dlopen(argv[1], RTLD_NOW);

		printf("dlopen: %s\n", h ? "ok" : dlerror());
		fflush(stdout);
		if (h)
			dlclose(h);
	}
	return 0;
}
