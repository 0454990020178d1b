/* SPDX-License-Identifier: MIT */
/*
 * dlinfo: every request glibc 2.36 answers (dlinfo(3), <dlfcn.h>), on the
 * program, a library linked with it (libditls.so) and libraries
 * dlopen()ed from the directory argv[1] names (see meson.build for
 * their search paths):
 *  - RTLD_DI_LMID is 0 (LM_ID_BASE), and dlmopen(LM_ID_BASE) is dlopen;
 *  - RTLD_DI_LINKMAP gives each object's link map: its l_name, and the
 *    chain from the program's through every object, in load order;
 *  - RTLD_DI_ORIGIN gives the directory of each object's file;
 *  - RTLD_DI_SERINFOSIZE and RTLD_DI_SERINFO give the directories the
 *    search for an object's dependencies goes through, in order: RPATH
 *    (of the object, then of those whose DT_NEEDED brought it in, up to
 *    one dlopen()ed: libdirpath.so, which libditls.so opened, so not
 *    libditls.so's), LD_LIBRARY_PATH (which the test sets), RUNPATH, the
 *    default directories; tokens expanded, trailing slashes dropped,
 *    each once per list; and the exact size of the buffer that holds
 *    them;
 *  - RTLD_DI_PHDR returns the number of program headers and gives the
 *    array, both as dl_iterate_phdr has them;
 *  - RTLD_DI_TLS_MODID is 0 without PT_TLS, dl_iterate_phdr's id with;
 *  - RTLD_DI_TLS_DATA is the calling thread's block of the module: for
 *    start-up TLS at once, in every thread; for a dlopen()ed library,
 *    NULL until the thread's first access, then that block; also when
 *    the library got the module id of one unloaded after this thread
 *    had used its block;
 *  - any other request fails with "unsupported dlinfo request".
 * Paths are printed with argv[1] as $DIR and the multiarch triplet as
 * $MULTIARCH, so the output is the same everywhere.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#define MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define MULTIARCH "aarch64-linux-gnu"
#endif

int *di_static_addr(void);	/* libditls.so */
void *di_open(const char *path, int mode);	/* dlopen() there */

static const char *dir, *real_dir;
static int failures;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAIL");
	failures += !ok;
}

/* Is PATH in the test's directory (or is it that directory)? */
static size_t in_dir(const char *path)
{
	const char *dirs[] = { dir, real_dir };

	for (int i = 0; i < 2; i++) {
		size_t n = strlen(dirs[i]);

		if (!strncmp(path, dirs[i], n) &&
		    (path[n] == '/' || path[n] == '\0'))
			return n;
	}
	return 0;
}

/* PATH in quotes, with the test's directory and the triplet replaced. */
static void put_path(const char *path)
{
	size_t n = in_dir(path);

	printf("\"%s", n ? "$DIR" : "");
	path += n;
	const char *m = strstr(path, MULTIARCH);
	if (m)
		printf("%.*s$MULTIARCH%s\"", (int)(m - path), path,
		       m + strlen(MULTIARCH));
	else
		printf("%s\"", path);
}

/* dlopen() NAME from the test's directory, called from the program or,
 * with BY_LIBDITLS, from libditls.so. */
static void *open_lib_by(const char *name, int by_libditls)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	void *h = by_libditls ? di_open(path, RTLD_NOW)
			      : dlopen(path, RTLD_NOW);
	if (!h)
		printf("dlopen %s: %s\n", name, dlerror());
	return h;
}

static void *open_lib(const char *name)
{
	return open_lib_by(name, 0);
}

struct object {
	const char *name;
	void *handle;
};

static void show_lmid(const struct object *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		Lmid_t id = -5;
		int rc = dlinfo(o[i].handle, RTLD_DI_LMID, &id);

		printf("RTLD_DI_LMID %s: %ld (returns %d)\n", o[i].name,
		       (long)id, rc);
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/libdidyn.so", dir);
	void *h = dlmopen(LM_ID_BASE, path, RTLD_NOW);
	check("dlmopen(LM_ID_BASE, libdidyn.so) gives dlopen's handle",
	      h == o[1].handle);
	Lmid_t id = -5;
	check("RTLD_DI_LMID of that handle is LM_ID_BASE",
	      h && dlinfo(h, RTLD_DI_LMID, &id) == 0 && id == LM_ID_BASE);
	if (h)
		dlclose(h);
}

static struct link_map *link_map_of(void *handle)
{
	struct link_map *lm = NULL;

	if (dlinfo(handle, RTLD_DI_LINKMAP, &lm) != 0)
		printf("RTLD_DI_LINKMAP: %s\n", dlerror());
	return lm;
}

/*
 * The program's link map is named "" (glibc, and myld but when it is
 * run as a command: then the program comes after myld in the chain,
 * under its path, for gdb's sake, rdebug.h), so it is checked against
 * dladdr1's.  The libraries' are named by path, and the chain from the
 * program's goes through them in load order.
 */
static void show_link_maps(const struct object *o, size_t n)
{
	struct link_map *prog = link_map_of(o[0].handle), *by_addr = NULL;
	Dl_info info;

	check("RTLD_DI_LINKMAP the program: dladdr1's for its code",
	      dladdr1((void *)check, &info, (void **)&by_addr,
		      RTLD_DL_LINKMAP) && prog && by_addr == prog);
	for (size_t i = 1; i < n; i++) {
		struct link_map *lm = link_map_of(o[i].handle);

		printf("RTLD_DI_LINKMAP %s: l_name ", o[i].name);
		put_path(lm ? lm->l_name : "(none)");
		putchar('\n');
	}
	int back_links = 1;
	printf("the libraries in the chain from the program's link map:");
	for (struct link_map *lm = prog; lm; lm = lm->l_next) {
		if (lm->l_next && lm->l_next->l_prev != lm)
			back_links = 0;
		if (lm != prog && in_dir(lm->l_name)) {
			putchar(' ');
			put_path(lm->l_name);
		}
	}
	putchar('\n');
	check("each l_prev is the link map before", back_links);
}

/* The load biases dl_iterate_phdr reports, in its order. */
struct iterated {
	uintptr_t addr[128];
	size_t n;
};

static int note_iterated(struct dl_phdr_info *info, size_t size, void *data)
{
	struct iterated *it = data;

	(void)size;
	if (it->n < sizeof(it->addr) / sizeof(it->addr[0]))
		it->addr[it->n++] = info->dlpi_addr;
	return 0;
}

/*
 * libc's dl_iterate_phdr walks a chain of its own (libc's link maps,
 * which a dlopen extends and a dlclose cuts): it must report every
 * object of the debugger's chain from PROG on, in the same order (it
 * may report more, such as the vDSO).
 */
static void check_iterate_order(struct link_map *prog, const char *when)
{
	struct iterated it = { .n = 0 };
	size_t at = 0;
	int ok = 1;

	dl_iterate_phdr(note_iterated, &it);
	for (struct link_map *lm = prog; lm && ok; lm = lm->l_next) {
		while (at < it.n && it.addr[at] != lm->l_addr)
			at++;
		ok = at < it.n;
		at++;
	}
	printf("dl_iterate_phdr follows the link map chain %s: %s\n", when,
	       ok ? "ok" : "FAIL");
	failures += !ok;
}

static void show_origins(const struct object *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char origin[4096] = "";
		int rc = dlinfo(o[i].handle, RTLD_DI_ORIGIN, origin);

		printf("RTLD_DI_ORIGIN %s: ", o[i].name);
		put_path(origin);
		printf(" (returns %d)\n", rc);
	}
}

static void show_serinfo(const struct object *o)
{
	Dl_serinfo size;
	int rc = dlinfo(o->handle, RTLD_DI_SERINFOSIZE, &size);
	Dl_serinfo *si = malloc(size.dls_size);

	si->dls_size = size.dls_size;
	si->dls_cnt = size.dls_cnt;
	int rc2 = dlinfo(o->handle, RTLD_DI_SERINFO, si);
	size_t names = 0;
	int inside = 1;
	for (unsigned int i = 0; i < si->dls_cnt; i++) {
		const char *name = si->dls_serpath[i].dls_name;

		names += strlen(name) + 1;
		inside &= name >= (char *)&si->dls_serpath[si->dls_cnt] &&
			  name + strlen(name) < (char *)si + si->dls_size;
	}
	printf("RTLD_DI_SERINFO %s: %u directories (returns %d, %d):\n",
	       o->name, si->dls_cnt, rc, rc2);
	for (unsigned int i = 0; i < si->dls_cnt; i++) {
		printf("    ");
		put_path(si->dls_serpath[i].dls_name);
		printf(" flags %u\n", si->dls_serpath[i].dls_flags);
	}
	check("    dls_size is the header, the entries and the names",
	      size.dls_size == offsetof(Dl_serinfo, dls_serpath) +
				       si->dls_cnt * sizeof(Dl_serpath) +
				       names);
	check("    the names lie in the buffer, after the entries", inside);
	free(si);
}

/* The dl_iterate_phdr entry of the object of LM (each has a load bias
 * of its own; only a non-PIE program has 0). */
struct find_phdr {
	const struct link_map *lm;
	struct dl_phdr_info info;
	int found;
};

static int find_phdr_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	struct find_phdr *f = data;

	(void)size;
	if (info->dlpi_addr == f->lm->l_addr) {
		f->info = *info;
		f->found = 1;
	}
	return 0;
}

static struct find_phdr iterate_entry(void *handle)
{
	struct find_phdr f = { .lm = link_map_of(handle) };

	dl_iterate_phdr(find_phdr_cb, &f);
	return f;
}

static void show_phdrs(const struct object *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const ElfW(Phdr) *phdr = NULL;
		int rc = dlinfo(o[i].handle, RTLD_DI_PHDR, &phdr);
		struct find_phdr f = iterate_entry(o[i].handle);
		int dynamic_ok = 0;

		for (int k = 0; phdr && k < rc; k++)
			if (phdr[k].p_type == PT_DYNAMIC)
				dynamic_ok = (void *)(f.lm->l_addr +
						      phdr[k].p_vaddr) ==
					     f.lm->l_ld;
		printf("RTLD_DI_PHDR %s: returns dl_iterate_phdr's "
		       "dlpi_phnum, gives its dlpi_phdr, whose PT_DYNAMIC is "
		       "l_ld: %s\n", o[i].name,
		       f.found && rc == f.info.dlpi_phnum &&
				       phdr == f.info.dlpi_phdr && dynamic_ok
			       ? "ok" : "FAIL");
		failures += !(f.found && rc == f.info.dlpi_phnum);
	}
}

static size_t tls_modid(void *handle)
{
	size_t id = 12345;

	if (dlinfo(handle, RTLD_DI_TLS_MODID, &id) != 0)
		printf("RTLD_DI_TLS_MODID: %s\n", dlerror());
	return id;
}

static void *tls_data(void *handle)
{
	void *data = (void *)1;

	if (dlinfo(handle, RTLD_DI_TLS_DATA, &data) != 0)
		printf("RTLD_DI_TLS_DATA: %s\n", dlerror());
	return data;
}

static void show_modids(void *tls, void *dyn, void *dep)
{
	size_t t = tls_modid(tls), d = tls_modid(dyn);

	check("RTLD_DI_TLS_MODID libditls.so: dl_iterate_phdr's, not 0",
	      t != 0 && t == iterate_entry(tls).info.dlpi_tls_modid);
	check("RTLD_DI_TLS_MODID libdidyn.so: dl_iterate_phdr's, another",
	      d != 0 && d != t && d == iterate_entry(dyn).info.dlpi_tls_modid);
	printf("RTLD_DI_TLS_MODID libdidep_a.so (no PT_TLS): %zu\n",
	       tls_modid(dep));
}

struct tls_objects {
	void *tls, *dyn, *dep;
	int *(*dyn_addr)(void);
};

/* The TLS_DATA checks for the calling thread (WHO in the report). */
static void *check_tls_data(void *arg)
{
	struct tls_objects *t = arg;

	check("RTLD_DI_TLS_DATA libditls.so: the block of start-up TLS",
	      tls_data(t->tls) == di_static_addr());
	check("RTLD_DI_TLS_DATA libdidep_a.so (no PT_TLS): NULL",
	      tls_data(t->dep) == NULL);
	check("RTLD_DI_TLS_DATA libdidyn.so before the first access: NULL",
	      tls_data(t->dyn) == NULL);
	int *var = t->dyn_addr();
	check("RTLD_DI_TLS_DATA libdidyn.so after it: the block",
	      tls_data(t->dyn) == var && *var == 7);
	return NULL;
}

/*
 * The module id of a library unloaded after threads used its block
 * (libdione.so), given to the next library with TLS (libditwo.so: both
 * loaders reuse ids).  Neither the thread that loads libditwo.so (main)
 * nor one that only learns of it later (the bystander) may see the old
 * block as libditwo.so's, in RTLD_DI_TLS_DATA, in dl_iterate_phdr's
 * dlpi_tls_data, or at the first access.
 */
struct reuse {
	int *(*one_addr)(void);
	void *two;
	int *(*two_addr)(void);
	sem_t used_one, two_open;
};

static void check_two(const char *who, void *two, int *(*two_addr)(void))
{
	struct find_phdr f = iterate_entry(two);

	printf("%s:\n", who);
	check("RTLD_DI_TLS_DATA libditwo.so before the first access: NULL",
	      tls_data(two) == NULL);
	check("dl_iterate_phdr's dlpi_tls_data for it: NULL",
	      f.found && f.info.dlpi_tls_data == NULL);
	int *var = two_addr();
	check("libditwo.so's variable has its initial value", *var == 5);
	check("RTLD_DI_TLS_DATA libditwo.so after it: the block",
	      tls_data(two) == var);
}

static void *bystander(void *arg)
{
	struct reuse *r = arg;

	*r->one_addr() = 98;
	sem_post(&r->used_one);
	sem_wait(&r->two_open);
	check_two("in a thread that used libdione.so's block too", r->two,
		  r->two_addr);
	return NULL;
}

static void *close_in_thread(void *handle)
{
	if (dlclose(handle) != 0)
		printf("dlclose libdione.so: %s\n", dlerror());
	return NULL;
}

static void *symbol(void *handle, const char *name)
{
	void *s = handle ? dlsym(handle, name) : NULL;

	if (!s)
		printf("%s: %s\n", name, dlerror());
	return s;
}

static void check_reused_id(void)
{
	struct reuse r;
	pthread_t by, closer;
	void *one = open_lib("libdione.so");

	r.one_addr = (int *(*)(void))symbol(one, "dione_addr");
	if (!r.one_addr)
		return;
	size_t one_id = tls_modid(one);
	*r.one_addr() = 99;
	sem_init(&r.used_one, 0, 0);
	sem_init(&r.two_open, 0, 0);
	pthread_create(&by, NULL, bystander, &r);
	sem_wait(&r.used_one);
	pthread_create(&closer, NULL, close_in_thread, one);
	pthread_join(closer, NULL);

	r.two = open_lib("libditwo.so");
	r.two_addr = (int *(*)(void))symbol(r.two, "ditwo_addr");
	if (!r.two_addr)
		exit(1);
	printf("libditwo.so has the module id libdione.so had: %s\n",
	       tls_modid(r.two) == one_id ? "yes" : "no");
	check_two("in the thread that loaded it (and used libdione.so's "
		  "block)", r.two, r.two_addr);
	sem_post(&r.two_open);
	pthread_join(by, NULL);
	dlclose(r.two);
}

static void show_unsupported(void *handle)
{
	int requests[] = { RTLD_DI_CONFIGADDR, RTLD_DI_PROFILENAME,
			   RTLD_DI_PROFILEOUT, RTLD_DI_MAX + 1, -1 };

	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		char buf[256];
		int rc = dlinfo(handle, requests[i], buf);
		const char *e = dlerror();

		printf("request %d: returns %d, dlerror \"%s\"\n", requests[i],
		       rc, e ? e : "(none)");
	}
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	dir = argv[1];
	real_dir = realpath(dir, NULL);
	if (!real_dir)
		return 2;
	struct object o[] = {
		{ "the program", dlopen(NULL, RTLD_NOW) },
		{ "libdidyn.so", open_lib("libdidyn.so") },
		{ "libdidep_a.so", dlopen("libdidep_a.so",
					  RTLD_NOW | RTLD_NOLOAD) },
		{ "libdirpath.so", open_lib_by("libdirpath.so", 1) },
		{ "libdidep_b.so", dlopen("libdidep_b.so",
					  RTLD_NOW | RTLD_NOLOAD) },
		{ "libditls.so", dlopen("libditls.so",
					RTLD_NOW | RTLD_NOLOAD) },
	};
	size_t n = sizeof(o) / sizeof(o[0]);
	for (size_t i = 0; i < n; i++)
		if (!o[i].handle) {
			printf("no handle for %s\n", o[i].name);
			return 1;
		}

	show_lmid(o, n);
	show_link_maps(o, n);
	check_iterate_order(link_map_of(o[0].handle), "after the dlopens");
	show_origins(o, 3);
	show_serinfo(&o[0]);
	show_serinfo(&o[1]);
	show_serinfo(&o[4]);
	show_phdrs(o, n);
	show_modids(o[5].handle, o[1].handle, o[2].handle);

	struct tls_objects t = { o[5].handle, o[1].handle, o[2].handle,
				 (int *(*)(void))dlsym(o[1].handle,
						       "di_dyn_addr") };
	printf("in the main thread:\n");
	check_tls_data(&t);
	printf("in a new thread:\n");
	pthread_t th;
	pthread_create(&th, NULL, check_tls_data, &t);
	pthread_join(th, NULL);
	check_reused_id();
	check_iterate_order(link_map_of(o[0].handle), "after dlclose");
	show_unsupported(o[1].handle);
	return failures != 0;
}
