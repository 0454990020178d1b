/* SPDX-License-Identifier: MIT */
/*
 * testbins/glibc/dlmopen_main.c - dlmopen namespaces (issue 17 item 2),
 * checked against glibc's loader: the same library in two namespaces
 * with separate state, a second and third libc.so.6 (also used from a
 * thread created afterwards), RTLD_GLOBAL that
 * stays in its namespace, each namespace's global scope,
 * dl_iterate_phdr of the caller's namespace, namespace ids reused after
 * the last object of a namespace is closed, the limit of 16 namespaces,
 * and glibc's error texts.
 *
 *     dlmopen_main [DIR]    (DIR: where the libdm*.so libraries are;
 *                           "." without it, for the gdb check under
 *                           qemu, which starts it with no arguments)
 *
 * Paths in dlerror messages are printed with DIR replaced by "DIR".
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *dir;

static const char *lib(const char *name)
{
	static char buf[4][4096];
	static int next;
	char *b = buf[next++ % 4];

	snprintf(b, sizeof(buf[0]), "%s/%s", dir, name);
	return b;
}

/* dlerror's message, with DIR in place of the directory. */
static const char *error_text(void)
{
	static char buf[4096];
	const char *e = dlerror();
	const char *at = e ? strstr(e, dir) : NULL;

	if (!e)
		return "(no error)";
	if (!at)
		return e;
	snprintf(buf, sizeof(buf), "%.*sDIR%s", (int)(at - e), e,
		 at + strlen(dir));
	return buf;
}

static void *sym(void *h, const char *name)
{
	void *p = dlsym(h, name);

	if (!p) {
		printf("dlsym %s: %s\n", name, error_text());
		exit(1);
	}
	return p;
}

static void *open_or_die(Lmid_t id, const char *name, int mode)
{
	void *h = dlmopen(id, lib(name), mode);

	if (!h) {
		printf("dlmopen %s: %s\n", name, error_text());
		exit(1);
	}
	return h;
}

static long lmid(void *h)
{
	Lmid_t id = -5;

	if (dlinfo(h, RTLD_DI_LMID, &id) != 0)
		printf("dlinfo: %s\n", error_text());
	return id;
}

static const char *yes(int c)
{
	return c ? "yes" : "no";
}

typedef int (*int_fn)(void);

/* The first namespace's libc from a thread the program's libc made
 * after it was loaded: its TLS (errno) is there too. */
static int (*thread_works)(char *, size_t);
static int *(*thread_errno)(void);
static char thread_text[200];
static int thread_errno_apart;

static void *in_thread(void *unused)
{
	(void)unused;
	thread_works(thread_text, sizeof(thread_text));
	thread_errno_apart = thread_errno() != &errno;
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 2)
		return 2;
	dir = argc == 2 ? argv[1] : ".";

	/* One library, three copies: the base namespace and two new ones. */
	void *b = open_or_die(LM_ID_BASE, "libdmlib.so", RTLD_NOW);
	void *n1 = open_or_die(LM_ID_NEWLM, "libdmlib.so", RTLD_NOW);
	void *n2 = open_or_die(LM_ID_NEWLM, "libdmlib.so", RTLD_NOW);
	printf("namespaces: base %ld, first %ld, second %ld\n", lmid(b),
	       lmid(n1), lmid(n2));
	printf("three copies: %s\n", yes(b != n1 && n1 != n2 && b != n2));
	int_fn bump_b = (int_fn)sym(b, "dm_bump");
	int_fn bump1 = (int_fn)sym(n1, "dm_bump");
	int_fn bump2 = (int_fn)sym(n2, "dm_bump");
	bump1();
	bump1();
	bump2();
	int cb = bump_b(), c1 = bump1(), c2 = bump2();
	printf("counters: base %d, first %d, second %d\n", cb, c1, c2);
	void *again = dlmopen(lmid(n1), lib("libdmlib.so"), RTLD_NOW);
	printf("dlmopen(first's id) gives its handle: %s, counter %d\n",
	       yes(again == n1), bump1());
	dlclose(again);
	printf("dlmopen(LM_ID_BASE) gives dlopen's handle: %s\n",
	       yes(dlmopen(LM_ID_BASE, lib("libdmlib.so"), RTLD_NOW) == b));
	dlclose(b);

	/* Each namespace's libc. */
	void *malloc1 = sym(n1, "malloc"), *malloc2 = sym(n2, "malloc");
	printf("malloc: first namespace's is the program's: %s, the "
	       "second's: %s, first's is second's: %s\n",
	       yes(malloc1 == (void *)malloc), yes(malloc2 == (void *)malloc),
	       yes(malloc1 == malloc2));
	int *(*errno_b)(void) = (int *(*)(void))sym(b, "dm_errno_addr");
	int *(*errno1)(void) = (int *(*)(void))sym(n1, "dm_errno_addr");
	int (*set1)(int) = (int (*)(int))sym(n1, "dm_set_errno");
	printf("errno: base copy's is the program's: %s, first namespace's "
	       "is: %s\n", yes(errno_b() == &errno), yes(errno1() == &errno));
	errno = 0;
	int there = set1(ERANGE);
	printf("errno set to ERANGE in the first namespace: %s there, %s "
	       "here\n", yes(there == ERANGE), yes(errno == ERANGE));
	char text[200];
	int (*works1)(char *, size_t) =
		(int (*)(char *, size_t))sym(n1, "dm_libc_works");
	int (*works2)(char *, size_t) =
		(int (*)(char *, size_t))sym(n2, "dm_libc_works");
	works1(text, sizeof(text));
	printf("first namespace's libc: %s\n", text);
	works2(text, sizeof(text));
	printf("second namespace's libc: %s\n", text);
	pthread_t t;
	thread_works = works1;
	thread_errno = errno1;
	if (pthread_create(&t, NULL, in_thread, NULL) == 0 &&
	    pthread_join(t, NULL) == 0)
		printf("first namespace's libc in a new thread: %s; its errno "
		       "is apart: %s\n", thread_text, yes(thread_errno_apart));

	/* Global scopes. */
	void *glob = open_or_die(LM_ID_BASE, "libdmglob.so",
				 RTLD_NOW | RTLD_GLOBAL);
	void *(*lookup1)(const char *) =
		(void *(*)(const char *))sym(n1, "dm_lookup_default");
	printf("RTLD_GLOBAL in the base namespace: the program sees it: %s, "
	       "the first namespace: %s\n",
	       yes(dlsym(RTLD_DEFAULT, "dm_glob_marker") != NULL),
	       yes(lookup1("dm_glob_marker") != NULL));
	printf("RTLD_DEFAULT in the first namespace: its dm_bump: %s, its "
	       "malloc: %s\n", yes(lookup1("dm_bump") == (void *)bump1),
	       yes(lookup1("malloc") == malloc1));

	/* dl_iterate_phdr sees the caller's namespace. */
	void (*list1)(char *, size_t) =
		(void (*)(char *, size_t))sym(n1, "dm_list_objects");
	list1(text, sizeof(text));
	printf("objects seen from the first namespace: %s\n", text);

	/* A namespace's first object makes its global scope. */
	void *late1 = dlmopen(lmid(n1), lib("libdmlate.so"), RTLD_NOW);
	printf("libdmlate.so in the first namespace: %s\n",
	       late1 ? "loaded" : error_text());
	if (late1)
		printf("its dm_bump is the first namespace's: counter %d\n",
		       ((int_fn)sym(late1, "dm_late_bump"))());
	void *late_new = dlmopen(LM_ID_NEWLM, lib("libdmlate.so"), RTLD_NOW);
	printf("libdmlate.so in a new namespace: %s\n",
	       late_new ? "loaded" : error_text());

	/* The last object of a namespace closed: its id is free again. */
	long id2 = lmid(n2);
	dlclose(n2);
	void *gone = dlmopen(id2, lib("libdmplain.so"), RTLD_NOW);
	printf("second namespace emptied: dlmopen(%ld): %s\n", id2,
	       gone ? "opened" : error_text());
	void *n3 = open_or_die(LM_ID_NEWLM, "libdmplain.so", RTLD_NOW);
	printf("next new namespace: %ld\n", lmid(n3));
	dlclose(n3);

	/* glibc's errors. */
	printf("NULL file: %s\n", dlmopen(LM_ID_NEWLM, NULL, RTLD_NOW)
					  ? "opened" : error_text());
	printf("RTLD_GLOBAL: %s\n",
	       dlmopen(LM_ID_NEWLM, lib("libdmplain.so"),
		       RTLD_NOW | RTLD_GLOBAL) ? "opened" : error_text());
	printf("no binding mode: %s\n",
	       dlmopen(LM_ID_NEWLM, lib("libdmplain.so"), 0)
		       ? "opened" : error_text());
	long bad[] = { 9, 16, 99, -7 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		printf("dlmopen(%ld): %s\n", bad[i],
		       dlmopen(bad[i], "libdmplain.so", RTLD_NOW)
			       ? "opened" : error_text());
	printf("dlmopen(LM_ID_BASE, NULL) is dlopen(NULL): %s\n",
	       yes(dlmopen(LM_ID_BASE, NULL, RTLD_NOW) == dlopen(NULL, RTLD_NOW)));

	/* 16 namespaces at most, the base one included. */
	void *all[32];
	int n = 0;
	printf("new namespaces:");
	while (n < 32 && (all[n] = dlmopen(LM_ID_NEWLM, lib("libdmplain.so"),
					    RTLD_NOW)))
		printf(" %ld", lmid(all[n++]));
	printf("\nthen: %s\n", error_text());
	int fresh = 1;
	for (int i = 0; i < n; i++)
		fresh &= ((int_fn)sym(all[i], "plain_bump"))() == 1;
	printf("each has its own copy: %s\n", yes(fresh));
	for (int i = 0; i < n; i++)
		dlclose(all[i]);
	void *after = open_or_die(LM_ID_NEWLM, "libdmplain.so", RTLD_NOW);
	printf("after closing them: %ld\n", lmid(after));
	dlclose(after);

	/* Closing the first namespace, libc copy and all. */
	long id1 = lmid(n1);
	if (late1)
		dlclose(late1);
	dlclose(n1);
	printf("first namespace emptied: dlmopen(%ld): %s\n", id1,
	       dlmopen(id1, lib("libdmplain.so"), RTLD_NOW)
		       ? "opened" : error_text());
	dlclose(glob);
	return 0;
}
