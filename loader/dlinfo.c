/* SPDX-License-Identifier: MIT */
/*
 * loader/dlinfo.c - dlinfo: what the loader knows about the object of a
 * handle.  Every request glibc 2.36 answers, with its results:
 *
 *   RTLD_DI_LMID         the object's namespace (LM_ID_BASE, 0, or the
 *                        id dlmopen gave);
 *   RTLD_DI_LINKMAP      the object's struct link_map;
 *   RTLD_DI_SERINFOSIZE  how many directories the search for a library
 *   RTLD_DI_SERINFO      this object needs goes through, and then which,
 *                        in order (below);
 *   RTLD_DI_ORIGIN       the directory of the object's file;
 *   RTLD_DI_TLS_MODID    its TLS module id, 0 without PT_TLS;
 *   RTLD_DI_TLS_DATA     the calling thread's block of that module, NULL
 *                        when the thread has none yet (a dynamic block is
 *                        allocated at the thread's first access);
 *   RTLD_DI_PHDR         its program headers; dlinfo returns their number.
 *
 * Any other request (Solaris's RTLD_DI_CONFIGADDR, RTLD_DI_PROFILENAME,
 * RTLD_DI_PROFILEOUT among them) fails with glibc's message,
 * "unsupported dlinfo request".  glibc takes any pointer as a handle;
 * myld checks it and fails with a message for one it did not give.
 *
 * RTLD_DI_SERINFO reports load.c's search order (load_search_order), as
 * glibc's does its own: each list's directories after token expansion,
 * without trailing slashes, each directory once per list, an element
 * whose token has no value left out.  The cache step has no directory
 * and is not reported; without a readable cache, myld searches the
 * directories of /etc/ld.so.conf there, and those are.  dls_flags is 0,
 * as in glibc 2.36.  glibc also forgets an RPATH or RUNPATH none of whose
 * directories existed when it was last searched (it will not search it
 * again); myld searches every list each time, and reports it.
 */
#include <stddef.h>

#include "diag.h"
#include "dlfcn.h"
#include "dso.h"
#include "lib.h"
#include "load.h"
#include "lock.h"
#include "path.h"
#include "search_order.h"
#include "tls.h"

#define RTLD_DI_LMID		1
#define RTLD_DI_LINKMAP		2
#define RTLD_DI_SERINFO		4
#define RTLD_DI_SERINFOSIZE	5
#define RTLD_DI_ORIGIN		6
#define RTLD_DI_TLS_MODID	9
#define RTLD_DI_TLS_DATA	10
#define RTLD_DI_PHDR		11


/* <dlfcn.h>'s Dl_serpath and Dl_serinfo: the entries follow the header,
 * the names follow the entries. */
struct serpath {
	char *name;
	unsigned int flags;
};

struct serinfo {
	size_t size;		/* of the whole buffer */
	unsigned int count;	/* of entries */
	struct serpath path[];
};

/* One walk over the search order, counting or filling. */
struct serinfo_walk {
	unsigned int count;	/* entries so far */
	size_t name_bytes;	/* their names' bytes, with the NULs */
	/* Filling: where entries and names go, and how far they may. */
	struct serinfo *si;	/* NULL: only counting */
	unsigned int max_count;
	char *names, *names_end;
	int overflow;
};

/*
 * The directory at ELEM (LEN bytes) of a search list, as the search
 * uses it: expanded with TOK, into OUT (PATH_MAX_LEN bytes), without
 * trailing slashes ("/" stays).  Returns its length, or -1 for an
 * element the search skips.
 */
static long list_directory(const char *elem, size_t len,
			   const struct path_tokens *tok, char *out)
{
	long n = path_expand(elem, len, tok, out, PATH_MAX_LEN);

	/* An empty element, the current directory: "." in glibc's words. */
	if (len == 0)
		return fmt_format(out, PATH_MAX_LEN, ".");
	while (n > 1 && out[n - 1] == '/')
		out[--n] = '\0';
	return n > 0 ? n : -1;
}

/* Does LIST name DIR before its element ELEM?  glibc reports each
 * directory once per list. */
static int listed_before(const char *list, const char *elem,
			 const struct path_tokens *tok, const char *dir)
{
	char other[PATH_MAX_LEN];
	const char *e, *rest;
	size_t len;

	for (; (e = path_next_dir(list, !load_config.secure, &len, &rest)) &&
	       e < elem;
	     list = rest)
		if (list_directory(e, len, tok, other) >= 0 &&
		    !strcmp(other, dir))
			return 1;
	return 0;
}

/* Count DIR (LEN bytes), or put it in the caller's buffer. */
static void add_directory(struct serinfo_walk *w, const char *dir, long len)
{
	if (w->si) {
		if (w->count >= w->max_count ||
		    (size_t)(w->names_end - w->names) < (size_t)len + 1) {
			w->overflow = 1;
			return;
		}
		w->si->path[w->count].name = w->names;
		w->si->path[w->count].flags = 0;
		memcpy(w->names, dir, len + 1);
		w->names += len + 1;
	}
	w->count++;
	w->name_bytes += len + 1;
}

/* load_search_order's visitor: the directories of one list. */
static int serinfo_step(void *ctx, const struct search_list *l)
{
	struct serinfo_walk *w = ctx;
	char dir[PATH_MAX_LEN];
	struct path_tokens tok;
	const char *elem, *rest;
	size_t len;

	if (l->cache)
		return 0;
	load_list_tokens(l, &tok);
	for (const char *list = l->dirs;
	     (elem = path_next_dir(list, !load_config.secure, &len, &rest));
	     list = rest) {
		long n = list_directory(elem, len, &tok, dir);

		if (n >= 0 && !listed_before(l->dirs, elem, &tok, dir))
			add_directory(w, dir, n);
	}
	return 0;
}

/* The bytes a Dl_serinfo of COUNT entries and NAME_BYTES of names takes. */
static size_t serinfo_size(size_t count, size_t name_bytes)
{
	return offsetof(struct serinfo, path) +
	       count * sizeof(struct serpath) + name_bytes;
}

/*
 * RTLD_DI_SERINFOSIZE (COUNTING) or RTLD_DI_SERINFO for D, into SI.
 * For RTLD_DI_SERINFO the caller gives the count and size the first
 * request returned; as in glibc, the names go after SI->count entries.
 * Returns 0, or -1 with the dlerror message set when they do not fit.
 */
static int search_info(struct dso *d, struct serinfo *si, int counting)
{
	struct serinfo_walk w = { 0 };

	load_search_order(d, serinfo_step, &w);
	if (counting) {
		si->count = w.count;
		si->size = serinfo_size(w.count, w.name_bytes);
		return 0;
	}
	size_t room = serinfo_size(si->count, 0);

	if (w.count > si->count || si->size < room ||
	    si->size - room < w.name_bytes) {
		diag_set_dlerror("%s: dlinfo(RTLD_DI_SERINFO): the buffer is "
				 "too small for the %u directories of the "
				 "search path: ask RTLD_DI_SERINFOSIZE first",
				 d->path, w.count);
		return -1;
	}
	w = (struct serinfo_walk){
		.si = si,
		.max_count = si->count,
		.names = (char *)&si->path[si->count],
		.names_end = (char *)si + si->size,
	};
	load_search_order(d, serinfo_step, &w);
	return w.overflow ? -1 : 0;
}

/* Answer REQUEST about D into ARG.  Returns dlinfo's value. */
static int answer(struct dso *d, int request, void *arg)
{
	const char *origin;

	switch (request) {
	case RTLD_DI_LMID:
		*(long *)arg = d->ns;
		return 0;
	case RTLD_DI_LINKMAP:
		*(struct link_map_abi **)arg = &d->lm;
		return 0;
	case RTLD_DI_SERINFO:
	case RTLD_DI_SERINFOSIZE:
		return search_info(d, arg, request == RTLD_DI_SERINFOSIZE);
	case RTLD_DI_ORIGIN:
		origin = load_directory_of(d);
		if (!origin) {
			diag_set_dlerror("%s: the directory of the object is "
					 "unknown", d->path);
			return -1;
		}
		memcpy(arg, origin, strlen(origin) + 1);
		return 0;
	case RTLD_DI_TLS_MODID:
		*(size_t *)arg = d->tls_modid;
		return 0;
	case RTLD_DI_TLS_DATA:
		*(void **)arg = tls_block_of(d);
		return 0;
	case RTLD_DI_PHDR:
		*(const Elf64_Phdr **)arg = d->phdr;
		return (int)d->phnum;
	}
	diag_set_dlerror("unsupported dlinfo request");
	return -1;
}

__attribute__((visibility("default"))) int dlinfo(void *handle, int request,
						   void *arg)
{
	int rc = -1;

	loader_lock();
	struct dso *d = handle ? dlfcn_valid_handle(handle) : NULL;
	if (!d)
		diag_set_dlerror("invalid handle %p for dlinfo()", handle);
	else
		rc = answer(d, request, arg);
	loader_unlock();
	return rc;
}
