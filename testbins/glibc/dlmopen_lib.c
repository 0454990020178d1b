/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/dlmopen_lib.c - libdmlib.so, opened by dlmopen_main.c
 * into several namespaces at once: each copy has its own counter, and
 * in a namespace other than the base one its own libc.so.6 (its own
 * errno, malloc and stdio).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int counter;

int dm_bump(void)
{
	return ++counter;
}

int *dm_errno_addr(void)
{
	return &errno;
}

int dm_set_errno(int value)
{
	errno = value;
	return errno;
}

/* This copy's libc: malloc, string functions and formatting. */
int dm_libc_works(char *out, size_t size)
{
	char *p = malloc(1000);

	if (!p)
		return 0;
	strcpy(p, "malloc");
	int n = snprintf(out, size, "%s, strlen %zu, snprintf %d", p,
			 strlen(p), 42);
	free(p);
	return n > 0;
}

/*
 * dlsym(RTLD_DEFAULT) from code in this copy's namespace.  Not a tail
 * call: dlsym's caller must be this library, not the program.
 */
void *dm_lookup_default(const char *name)
{
	void *p = dlsym(RTLD_DEFAULT, name);

	__asm__ volatile("" ::: "memory");
	return p;
}

static const char *short_name(const char *name)
{
	const char *base = strrchr(name, '/');

	base = base ? base + 1 : name;
	if (!*name)
		return "<program>";
	if (!strcmp(base, "myld") || !strncmp(base, "ld-linux", 8))
		return "<loader>";
	if (!strncmp(base, "linux-vdso", 10) || !strncmp(base, "linux-gate", 10))
		return "<vdso>";
	return base;
}

struct listing {
	char *out;
	size_t size, used;
};

static int list_one(struct dl_phdr_info *info, size_t size, void *data)
{
	struct listing *l = data;
	int n = snprintf(l->out + l->used, l->size - l->used, "%s%s",
			 l->used ? " " : "", short_name(info->dlpi_name));

	(void)size;
	if (n > 0 && (size_t)n < l->size - l->used)
		l->used += (size_t)n;
	return 0;
}

/* dl_iterate_phdr from code in this copy's namespace. */
void dm_list_objects(char *out, size_t size)
{
	struct listing l = { out, size, 0 };

	out[0] = '\0';
	dl_iterate_phdr(list_one, &l);
}
