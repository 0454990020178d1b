/* SPDX-License-Identifier: MIT */
/*
 * dl_micro LIB N M: CPU time of N dlsym calls (a symbol of LIB, through
 * its handle, and one of libc through RTLD_DEFAULT) and of M
 * dlopen/dlclose cycles of LIB, in nanoseconds per operation of the
 * process's CPU clock.  Built and run by bench/dl_micro.py, under myld
 * and under glibc's loader.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	long n = atol(argv[2]), m = atol(argv[3]);
	void *keep = dlopen(argv[1], RTLD_NOW);
	if (!keep)
		return 1;
	volatile void *sink;
	double t0 = cpu_ns();
	for (long i = 0; i < n; i++)
		sink = dlsym(keep, "micro_value");
	double t1 = cpu_ns();
	for (long i = 0; i < n; i++)
		sink = dlsym(RTLD_DEFAULT, "strlen");
	double t2 = cpu_ns();
	dlclose(keep);
	for (long i = 0; i < m; i++) {
		void *h = dlopen(argv[1], RTLD_NOW);
		if (!h)
			return 1;
		dlclose(h);
	}
	double t3 = cpu_ns();
	(void)sink;
	printf("dlsym(handle) %.0f ns\ndlsym(RTLD_DEFAULT) %.0f ns\n"
	       "dlopen+dlclose %.0f ns\n", (t1 - t0) / n, (t2 - t1) / n,
	       (t3 - t2) / m);
	return 0;
}
