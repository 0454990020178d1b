/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/fini_dlopen_main.c - the order of finalisers at exit
 * when libraries dlopened at run time are never closed.  The program
 * needs libfd_a.so and libfd_b.so; it dlopens libfd_c.so (RTLD_GLOBAL)
 * and then libfd_d.so, which needs libfd_b.so and binds to libfd_c.so.
 * glibc finalises each object before those it depends on, and among the
 * others the one loaded first first: not in the reverse order of
 * initialisation.  argv[1] is the libraries' directory.
 */
#include <dlfcn.h>
#include <stdio.h>

void fd_a_entry(void);
void fd_b_entry(void);

static void *open_in(const char *dir, const char *name, int mode)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	void *h = dlopen(path, mode);
	if (!h)
		printf("dlopen %s: %s\n", name, dlerror());
	return h;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	fd_a_entry();
	fd_b_entry();
	printf("main\n");
	fflush(stdout);
	open_in(dir, "libfd_c.so", RTLD_NOW | RTLD_GLOBAL);
	void *d = open_in(dir, "libfd_d.so", RTLD_LAZY);
	void (*entry)(void) = d ? (void (*)(void))dlsym(d, "fd_d_work") : NULL;
	if (entry)
		entry();
	printf("main returns\n");
	fflush(stdout);
	return 0;
}
