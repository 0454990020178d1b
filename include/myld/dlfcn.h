/* SPDX-License-Identifier: MIT */
/*
 * <myld/dlfcn.h> - the dlfcn API myld exports, for programs with no libc.
 *
 * myld serves these functions itself (loader/dlfcn.c, loader/dlinfo.c);
 * a program with no libc reaches them by linking against myld, which
 * `pkg-config --cflags --libs myld` arranges (docs/dlfcn.md).  Only
 * freestanding headers are needed, so no C library's headers have to be
 * installed.  The constants and structures have glibc's values and
 * layouts, so the system's <dlfcn.h> and <link.h> may be used instead;
 * include one or the other, not both.
 */
#ifndef MYLD_DLFCN_H
#define MYLD_DLFCN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* dlopen's and dlmopen's MODE. */
#define RTLD_LAZY	0x00001	/* bind PLT slots at their first call */
#define RTLD_NOW	0x00002	/* bind everything before dlopen returns */
#define RTLD_NOLOAD	0x00004	/* only find an object already loaded */
#define RTLD_DEEPBIND	0x00008	/* its own scope before the global one */
#define RTLD_GLOBAL	0x00100	/* join the global scope */
#define RTLD_LOCAL	0	/* stay out of it (the default) */
#define RTLD_NODELETE	0x01000	/* never unload */

/* Pseudo-handles for dlsym. */
#define RTLD_NEXT	((void *)-1l)	/* the objects after the caller */
#define RTLD_DEFAULT	((void *)0)	/* the caller's own scope */

/* Namespaces, for dlmopen. */
typedef long int Lmid_t;
#define LM_ID_BASE	0	/* the program's */
#define LM_ID_NEWLM	-1	/* a new one */

void *dlopen(const char *file, int mode);
void *dlmopen(Lmid_t lmid, const char *file, int mode);
int dlclose(void *handle);
void *dlsym(void *handle, const char *name);
void *dlvsym(void *handle, const char *name, const char *version);
/* The last error as text, then NULL until the next one. */
char *dlerror(void);

typedef struct {
	const char *dli_fname;	/* the object holding the address */
	void *dli_fbase;	/* where it is loaded */
	const char *dli_sname;	/* the nearest symbol below, or NULL */
	void *dli_saddr;	/* its address */
} Dl_info;

int dladdr(const void *address, Dl_info *info);

/* dladdr1's FLAGS: what *EXTRA_INFO receives. */
#define RTLD_DL_SYMENT	1	/* the symbol's Elf64_Sym */
#define RTLD_DL_LINKMAP	2	/* the object's struct link_map */
int dladdr1(const void *address, Dl_info *info, void **extra_info,
	    int flags);

/* dlinfo's REQUEST. */
#define RTLD_DI_LMID		1	/* Lmid_t: the namespace */
#define RTLD_DI_LINKMAP		2	/* struct link_map * */
#define RTLD_DI_SERINFO		4	/* the library search path */
#define RTLD_DI_SERINFOSIZE	5	/* its size */
#define RTLD_DI_ORIGIN		6	/* $ORIGIN, into a char buffer */
#define RTLD_DI_TLS_MODID	9	/* size_t: the TLS module id */
#define RTLD_DI_TLS_DATA	10	/* void *: this thread's TLS block */
#define RTLD_DI_PHDR		11	/* program headers; returns their count */
int dlinfo(void *handle, int request, void *arg);

/* One object, as dl_iterate_phdr shows it (glibc's layout, 64-bit). */
struct dl_phdr_info {
	uint64_t dlpi_addr;		/* load bias */
	const char *dlpi_name;
	const void *dlpi_phdr;		/* its Elf64_Phdr array */
	uint16_t dlpi_phnum;
	unsigned long long dlpi_adds;	/* objects ever loaded */
	unsigned long long dlpi_subs;	/* objects ever unloaded */
	size_t dlpi_tls_modid;		/* 0 without PT_TLS */
	void *dlpi_tls_data;		/* this thread's block, or NULL */
};

int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *info, size_t size,
				    void *data),
		    void *data);

#ifdef __cplusplus
}
#endif

#endif
