/* SPDX-License-Identifier: MIT */
/*
 * loader/load.c - the dependency stage: which files to load, in which
 * order, and where to find them.
 *
 * Dependencies are loaded breadth-first: the global list is walked from
 * the program on, and each object's DT_NEEDED entries are appended to
 * its end.  That list is also the global lookup scope, which is why the
 * order matters: the first object in it that defines a symbol wins.
 *
 * A name without a slash is searched for in the directories of
 * load_search_order (search_order.c states glibc's order, which
 * dlinfo's RTLD_DI_SERINFO walks too); in each directory the
 * glibc-hwcaps and legacy hwcaps subdirectories for this CPU come first
 * (search_dir, hwcaps.h), each skipped once known to be missing
 * (dir_status.h).
 * A preload in secure mode has its own, shorter list
 * (search_trusted_places).
 *
 * Once a file is open, map.c maps it, dynamic.c reads its dynamic
 * section and versions.c checks the versions it needs; objects.c owns
 * the list it joins.
 */
#include "load.h"
#include "alloc.h"
#include "diag.h"
#include "dir_status.h"
#include "dynamic.h"
#include "hwcaps.h"
#include "ldconfig.h"
#include "lib.h"
#include "loaded_names.h"
#include "map.h"
#include "objects.h"
#include "path.h"
#include "search_order.h"
#include "search_places.h"
#include "secure.h"
#include "sys.h"
#include "trace.h"
#include "versions.h"

struct load_config load_config;

/*
 * A search's buffers, 8 KiB, kept apart from struct search and never
 * initialised: each is written before it is read (path by find_file,
 * err by whatever sets fatal, header by map_object), and an initialiser
 * of struct search would clear all of them for every library loaded.
 */
struct search_buffers {
	char path[PATH_MAX_LEN];
	char err[ELF_ERR_SIZE];
	struct map_header header;
};

/*
 * One library being loaded: what was asked for, and how its search
 * goes.  Each load has its own, on its caller's stack, so nothing of a
 * search outlives it or is shared with another.
 */
struct search {
	/* What is asked. */
	const char *name;	/* as written: DT_NEEDED, dlopen, LD_PRELOAD */
	size_t len;
	const char *slash;	/* its last '/', or NULL */
	const char *dollar;	/* its first '$', or NULL */
	struct dso *requester;	/* whose paths are searched */
	int needed;		/* a DT_NEEDED entry (else dlopen's name) */
	long ns;		/* the namespace it is loaded into */
	/* A preload: where it was named ("LD_PRELOAD" or "--preload"), for
	 * the warning when it cannot be had; NULL for anything else. */
	const char *preload_source;
	/* Secure mode's preload: trusted places and set-user-ID files
	 * only (see secure-mode.md). */
	int trusted_only;
	/* An auditor (LD_AUDIT, --audit): ignored with a warning when it
	 * cannot be had, like a preload. */
	int auditor;

	/* How it goes. */
	const char *file;	/* the file tried last, for messages */
	char *path;		/* candidates are built here */
	char *err;		/* why a candidate was refused ... */
	int fatal;		/* ... which ends the search */
	int existing;		/* the file found was loaded already */
	/* RTLD_NOLOAD: the first file that opens ends the search, and is
	 * the answer only if it is loaded already; nothing is mapped. */
	int no_load;
	int not_loaded;		/* it opened, and was not loaded */
	long open_error;	/* why the last candidate did not open */
	struct dso *found;	/* what search_by_name found */
	/* The LOAD_SEARCH_* flag of the list being searched, for
	 * la_objsearch (0: a path, which is not a candidate of a list). */
	unsigned list_flag;
	int renamed;		/* an auditor's la_objsearch renamed it */
	const char *renamed_to;	/* ... to this name, for the new object */
	struct map_header *header;	/* map_object's buffer */
};

#define SEARCH_BUFFERS(b) .path = (b).path, .err = (b).err, \
			  .header = &(b).header

/*
 * Open PATH (LEN bytes) and map it.  Returns the new dso, or NULL.  A
 * file that does not exist or belongs to another machine yields NULL
 * quietly (S->fatal stays 0) so the search goes on; any other problem
 * is reported in S->err and sets S->fatal.  An already loaded file (same
 * device and inode) is returned as it is, with S->existing set.  The
 * new dso's path is a copy of PATH, or with SHARED, PATH itself: the
 * name it is loaded under, which outlives it (see find_file).
 */
static struct dso *open_file(struct search *s, const char *path,
			     size_t len, int shared)
{
	enum elf_verdict verdict;
	struct stat st;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	long fd = sys_open(path, O_RDONLY | O_NONBLOCK);

	s->fatal = 0;
	s->existing = 0;
	s->open_error = SYS_FAILED(fd) ? fd : 0;
	if (SYS_FAILED(fd)) {
		if (fd == -ENOENT || fd == -ENOTDIR || fd == -EACCES)
			return NULL;
		fmt_format(s->err, ELF_ERR_SIZE, "cannot open: %s",
			   diag_strerror(fd));
		s->fatal = 1;
		return NULL;
	}
	/* One fstat serves the checks below and map_object. */
	long stat_rc = sys_fstat(fd, &st);

	if (s->trusted_only && (SYS_FAILED(stat_rc) ||
				!(st.st_mode & S_ISUID))) {
		/* Secure mode preloads only libraries marked for it with the
		 * set-user-ID bit, as glibc: a trusted directory may still
		 * hold libraries that are unsafe in a privileged process. */
		sys_close(fd);
		s->open_error = -ENOENT;
		return NULL;
	}
	if (!SYS_FAILED(stat_rc)) {
		struct dso *same = loaded_by_file(st.st_dev, st.st_ino,
							s->ns);
		if (same) {
			sys_close(fd);
			s->existing = 1;
			return same;
		}
	}
	if (s->no_load) {
		sys_close(fd);
		s->not_loaded = 1;
		s->fatal = 1;	/* ends the search, said by load_named */
		return NULL;
	}
	/* (A failed fstat is tried again there, and reported.) */
	struct dso *d = map_object(fd, SYS_FAILED(stat_rc) ? NULL : &st,
				   s->header, s->err, &verdict);
	sys_close(fd);
	if (!d && verdict == ELF_BAD)
		s->fatal = 1;
	if (d && shared) {
		d->path = path;
	} else if (d) {
		d->path = mem_strndup(path, len);
		d->path_len = len;	/* (the launch cache records it) */
	}
	return d;
}

/* The same, with LD_DEBUG=libs's line for PATH. */
static struct dso *open_path(struct search *s, const char *path, size_t len,
			     int shared)
{
	TRACE(LIBS, "  trying file=%s", path);
	return open_file(s, path, len, shared);
}

/*
 * open_path for the candidate built in S->path (LEN bytes), or for the
 * name the auditors' la_objsearch gives instead (none: skip it).  As
 * glibc, LD_DEBUG=libs shows the candidate before the auditors see it,
 * and nothing more for what they make of it.
 */
static struct dso *open_candidate(struct search *s, size_t len)
{
	if (load_config.objsearch && s->list_flag && !s->auditor &&
	    !s->requester->audit_private) {
		TRACE(LIBS, "  trying file=%s", s->path);
		const char *name = load_config.objsearch(s->path, s->requester,
							 s->list_flag);
		if (!name)
			return NULL;
		return name == s->path ? open_file(s, s->path, len, 0)
				       : open_file(s, name, strlen(name), 0);
	}
	return open_path(s, s->path, len, 0);
}

/* The la_objsearch flag of the list WHY names (search_list). */
static unsigned list_flag_of(const char *why)
{
	if (!strcmp(why, "LD_LIBRARY_PATH"))
		return LOAD_SEARCH_LIBPATH;
	if (!strcmp(why, "RPATH") || !strcmp(why, "RUNPATH"))
		return LOAD_SEARCH_RUNPATH;
	if (!strcmp(why, "system search path"))
		return LOAD_SEARCH_DEFAULT;
	return LOAD_SEARCH_CONFIG;	/* from /etc/ld.so.conf */
}

/*
 * S's name in the directory DIR (DIRLEN bytes): in each of its places
 * (places_count) that is not known to be missing, in order.  A failure
 * in a place not known yet learns whether it exists.
 */
static struct dso *search_dir(struct search *s, const char *dir,
			      size_t dirlen)
{
	unsigned nplaces = places_count();
	struct dir_status *known = dir_status_of(dir, dirlen, nplaces);
	char place[PATH_MAX_LEN];

	for (unsigned slot = 0; slot < nplaces; slot++) {
		if (dir_slot_missing(known, slot))
			continue;
		long len = places_path(dir, dirlen, slot, place);
		if (len < 0)
			continue;
		long n = path_join(place, len, s->name, s->path,
				   PATH_MAX_LEN);
		struct dso *d = n < 0 ? NULL : open_candidate(s, n);
		if (d)
			dir_slot_exists(known, slot);
		else if (!s->fatal)
			dir_slot_learn(known, slot, place, len);
		if (d || s->fatal)
			return d;
	}
	return NULL;
}

/*
 * search_list's loop over LIST's directories.  Apart, so that its three
 * path buffers (12 KiB of stack) are not on the stack while
 * load_list_tokens and places_list_dropped put as much again below them:
 * a deeper stack is more pages first written, and less room for a
 * dlopen on a thread's small stack.
 */
static __attribute__((noinline)) struct dso *
search_dirs(struct search *s, const char *list, const struct path_tokens *tok)
{
	char dir[PATH_MAX_LEN], seen[PATH_MAX_LEN];
	size_t seen_len = 0;
	const char *elem, *rest;
	size_t len;

	for (; (elem = path_next_dir(list, !load_config.secure, &len, &rest));
	     list = rest) {
		long dirlen = places_expand_dir(elem, len, tok, dir);

		/* glibc searches each directory once per list (a RUNPATH of
		 * "$ORIGIN/:$ORIGIN" is one directory): la_objsearch and
		 * LD_DEBUG see each candidate once. */
		if (dirlen < 0 || path_seen_before(seen, &seen_len,
						   sizeof(seen), dir, dirlen))
			continue;
		struct dso *d = search_dir(s, dir, dirlen);
		if (d || s->fatal)
			return d;
	}
	return NULL;
}

/*
 * Search the directories of LIST (expanded for OWNER's tokens).  WHY and
 * OWNER name the list in the trace, as glibc's LD_DEBUG=libs does.
 */
static struct dso *search_list(struct search *s, const char *list,
			       struct dso *owner, const char *why)
{
	struct search_list l = { list, owner, why, 0 };
	struct path_tokens tok;

	if (!list || !*list)
		return NULL;
	load_list_tokens(&l, &tok);
	/* A list whose places are all known to be missing is dropped, as
	 * glibc drops it: not shown.  Not searched either, but a search
	 * would skip each of its places anyway, so only the trace asks. */
	if (trace_mask & TRACE_LIBS) {
		if (places_list_dropped(list, &tok, why))
			return NULL;
		places_trace_list(list, &tok, owner, why);
	}
	if (load_config.objsearch)
		s->list_flag = list_flag_of(why);
	return search_dirs(s, list, &tok);
}

/* Step 4 of the search when there is a cache: the name's entry in it. */
static struct dso *search_cache(struct search *s)
{
	TRACE(LIBS, " search cache=%s", LDCONFIG_CACHE_PATH);
	const char *found = ldconfig_cache_lookup(s->name);
	size_t len = found ? strlen(found) : 0;
	if (!found || len >= PATH_MAX_LEN)
		return NULL;
	memcpy(s->path, found, len + 1);
	s->list_flag = LOAD_SEARCH_CONFIG;
	return open_candidate(s, len);
}

/* The search goes on: nothing found yet, and nothing fatal. */
static int searching(const struct search *s, const struct dso *d)
{
	return !d && !s->fatal;
}

/* load_search_order's visitor for S: search one list. */
static int search_step(void *ctx, const struct search_list *l)
{
	struct search *s = ctx;

	s->found = l->cache ? search_cache(s)
			    : search_list(s, l->dirs, l->owner, l->why);
	return !searching(s, s->found);
}

/* A name without a slash, in glibc's order (load_search_order). */
static struct dso *search_by_name(struct search *s)
{
	TRACE(LIBS, "find library=%s [%ld]; searching", s->name, s->ns);
	s->found = NULL;
	load_search_order(s->requester, search_step, s);
	/* glibc ends each search with an empty line. */
	TRACE(LIBS, "%s", "");
	return s->found;
}

/*
 * glibc's places for a privileged preload: the program's own RPATH or
 * RUNPATH (without $ORIGIN, which load_origin refuses in secure mode)
 * and the default directories; not the cache.
 */
static struct dso *search_trusted_places(struct search *s)
{
	struct dso *req = s->requester, *d = NULL;

	if (!req->runpath)
		d = search_list(s, req->rpath, req, "RPATH");
	if (searching(s, d))
		d = search_list(s, req->runpath, req, "RUNPATH");
	if (searching(s, d))
		d = search_list(s, ARCH_DEFAULT_LIBRARY_DIRS, NULL,
				"system search path");
	return d;
}

/*
 * Does NAME, whose last component is BASE (BASE_LEN bytes), designate
 * myld itself?  Objects that use the loader's own functions
 * (__tls_get_addr, the dlfcn API) name the system loader in
 * DT_NEEDED, because that is what they were linked against: that name,
 * by soname or by path, means myld, never the system's loader.  Nearly
 * every name is some other library's: a length or a first byte tells.
 */
static int names_loader(const char *name, const char *base, size_t base_len)
{
	const char *soname = dso_loader->soname, *path = dso_loader->path;

	return (base_len == sizeof(ARCH_LD_SONAME) - 1 &&
		!memcmp(base, ARCH_LD_SONAME, base_len)) ||
	       (soname && soname[0] == base[0] && !strcmp(base, soname)) ||
	       (path && path[0] == name[0] && !strcmp(name, path));
}

/*
 * Put myld itself in the global list, once, under NAME, where the base
 * namespace first needs it (another namespace's need, an auditor's
 * opened before the program's libraries, does not decide its place in
 * the program's scope).
 */
static struct dso *load_self(const char *name, long ns)
{
	dynamic_read_loader();
	if (!dso_loader->in_list && !ns) {
		dso_loader->in_list = 1;
		dso_loader->name = name;
		loaded_names_forget(dso_loader);	/* a new name */
		objects_append(dso_loader);
	}
	return dso_loader;
}

/*
 * The file a NAME with a slash (LEN bytes, its first '$' at DOLLAR)
 * designates, in PATH: the name itself, but for its tokens.  Returns
 * the length, or -1.
 */
static long expand_path_name(const char *name, size_t len,
			     const char *dollar, struct dso *requester,
			     char *path)
{
	if (!dollar) {
		/* Most have no token: a copy, as path_expand would make. */
		if (len >= PATH_MAX_LEN)
			return -1;
		memcpy(path, name, len + 1);
		return len;
	}
	struct path_tokens tok = {
		.origin = load_origin(requester),
		.lib = ARCH_LIB,
		.platform = load_config.platform,
	};
	return path_expand(name, len, &tok, path, PATH_MAX_LEN);
}
/*
 * Find and open the file S names: the name itself when it has a slash
 * (after its tokens), otherwise the result of a search.  Sets S->file.
 */
static struct dso *find_file(struct search *s)
{
	/*
	 * Does the name outlive the dso?  A preload's is a copy of its own
	 * that nothing frees, and dlopen's becomes the dso's (name_owned,
	 * see objects_free_unlisted).  A DT_NEEDED name lies in its
	 * requester's string table, which a dlclose may unmap first.
	 */
	int name_lasts = !s->renamed &&
			 (s->preload_source || s->auditor || !s->needed);

	s->path[0] = '\0';
	s->file = s->path;
	if (s->slash && !s->dollar && name_lasts) {
		/* The file is the name as it is: it becomes the dso's path
		 * too, rather than a second copy of the same bytes. */
		s->file = s->name;
		if (s->len < PATH_MAX_LEN)
			return open_file(s, s->name, s->len, 1);
		s->open_error = -ENAMETOOLONG;
		return NULL;
	}
	if (s->slash) {
		/* A path, possibly with tokens: no search at all. */
		long n = expand_path_name(s->name, s->len, s->dollar,
					  s->requester, s->path);

		return n < 0 ? NULL : open_file(s, s->path, n, 0);
	}
	if (s->trusted_only)
		return search_trusted_places(s);
	return search_by_name(s);
}

/*
 * find_file after the auditors' la_objsearch (LA_SER_ORIG) saw the name
 * as asked: they may search another name instead, or refuse it (NULL,
 * S->fatal).  A new object keeps the name as asked, and is listed under
 * the new one (renamed_to), as in glibc.
 */
static struct dso *find_file_renamed(struct search *s)
{
	const char *asked = s->name, *slash = s->slash, *dollar = s->dollar;
	size_t len = s->len;
	const char *name = load_config.objsearch(asked, s->requester,
						 LOAD_SEARCH_ORIG);

	if (!name) {
		fmt_format(s->err, ELF_ERR_SIZE, "cannot open shared object "
			   "file: refused by an auditor's la_objsearch");
		s->file = asked;
		s->fatal = 1;
		return NULL;
	}
	if (name == asked || !strcmp(name, asked))
		return find_file(s);
	TRACE(FILES, "audit changed filename %s -> %s", asked, name);
	s->renamed_to = name;
	s->name = name;
	s->len = str_scan_name(name, &s->slash, &s->dollar);
	s->renamed = 1;
	struct dso *d = find_file(s);
	s->name = asked;
	s->len = len;
	s->slash = slash;
	s->dollar = dollar;
	s->renamed = 0;
	return d;
}

/*
 * Say why S found nothing, for a name that is not a preload.  Returns
 * NULL, after diag_fail, or in trace mode (--list), after appending a
 * placeholder that --list shows as "not found".
 */
static struct dso *report_not_found(struct search *s)
{
	const char *name = s->name, *req = s->requester->path;

	if (!load_config.trace && s->slash) {
		/* A path names one file: say why it could not be opened,
		 * rather than that a search failed, in glibc's words, which
		 * programs look for in dlerror's text. */
		const char *file = s->file[0] ? s->file : name;
		const char *why = diag_strerror(s->open_error);

		if (s->needed)
			diag_fail(file, "cannot open shared object file: %s "
				  "(needed by %s)", why, req);
		else
			diag_fail(file, "cannot open shared object file: %s",
				  why);
		return NULL;
	}
	if (!load_config.trace) {
		/* glibc's words, which programs print from dlerror and
		 * people search for. */
		if (s->needed)
			diag_fail(name, "cannot open shared object file: No "
				  "such file or directory (needed by %s)", req);
		else
			diag_fail(name, "cannot open shared object file: No "
				  "such file or directory");
		return NULL;
	}
	struct dso *d = mem_alloc(sizeof(*d));
	d->kind = DSO_LIBRARY;
	d->name = name;
	objects_append(d);
	return NULL;
}

/* LD_DEBUG=files' lines for a new object, as glibc prints them. */
static void trace_new_object(const struct dso *d)
{
	trace_printf("%s", "");
	trace_printf("file=%s [%ld];  generating link map", d->name, d->ns);
	trace_printf("  dynamic: 0x%016lx  base: 0x%016lx   size: 0x%016lx",
		     (unsigned long)d->dynv, (unsigned long)d->base,
		     (unsigned long)d->map_len);
	trace_printf("    entry: 0x%016lx  phdr: 0x%016lx  phnum: %18lu",
		     (unsigned long)d->entry, (unsigned long)d->phdr,
		     (unsigned long)d->phnum);
	trace_printf("%s", "");
}

/*
 * Why D, mapped as a library (by DT_NEEDED, a preload, dlopen or an
 * auditor), may not be one, in glibc's words, or NULL: a program, at a
 * fixed address (ET_EXEC) or marked DF_1_PIE, only ever runs as the
 * program; DF_1_NOOPEN refuses dlopen (not NEEDED).
 */
static const char *refusal(const struct dso *d, int needed)
{
	if (d->e_type != ET_DYN)
		return "cannot dynamically load executable";
	if (d->dyn.flags_1 & DF_1_PIE)
		return "cannot dynamically load position-independent executable";
	if (!needed && (d->dyn.flags_1 & DF_1_NOOPEN))
		return "shared object cannot be dlopen()ed";
	return NULL;
}

/* D, just mapped for S: read its dynamic section and append it. */
static struct dso *add_new_object(struct search *s, struct dso *d)
{
	d->kind = DSO_LIBRARY;
	d->name = s->name;
	if (s->renamed_to)
		d->renamed_to = mem_strdup(s->renamed_to);
	/* The file's name, unless a token in it changed on expansion. */
	if (!s->dollar || s->dollar < s->slash)
		d->file_name = s->slash ? s->slash + 1 : s->name;
	/*
	 * A dlopen's caller only chose where to look for the object: as in
	 * glibc, its dependencies' RPATH chain ends at it, then goes to the
	 * program's (load_search_order).
	 */
	d->loaded_by = s->needed ? s->requester : NULL;
	d->ns = s->ns;
	const char *refused = NULL;

	if (dynamic_read(d, s->err) ||
	    (refused = refusal(d, s->needed)) != NULL) {
		diag_fail(d->path, "%s", refused ? refused : s->err);
		objects_free_unlisted(d);
		return NULL;
	}
	objects_append(d);
	if (trace_mask & TRACE_FILES)
		trace_new_object(d);
	/* What code of an auditor's loads is its own (an auditor and its
	 * libraries become so once it is open: audit.c). */
	d->audit_private = s->requester->audit_private;
	if (load_config.mapped && !d->audit_private)
		load_config.mapped(d);
	return d;
}

/* Load what S asks for (see load_library). */
static struct dso *load_named(struct search *s)
{
	const char *base = s->slash ? s->slash + 1 : s->name;
	struct dso *d;

	d = loaded_by_name(s->name, s->len, s->slash != NULL, s->ns);
	if (d)
		return d;
	/* myld is one object, in the base namespace, standing in every
	 * other namespace too (glibc's loader makes a proxy of itself). */
	if (names_loader(s->name, base, s->len - (size_t)(base - s->name)))
		return load_self(s->name, s->ns);
	if (s->needed)
		TRACE(FILES, "file=%s [%ld];  needed by %s [%ld]", s->name,
		      s->ns, s->requester->path, s->requester->ns);
	else
		TRACE(FILES, "file=%s [%ld];  dynamically loaded by %s [%ld]",
		      s->name, s->ns, s->requester->path, s->requester->ns);

	d = load_config.objsearch && !s->auditor &&
			    !s->requester->audit_private
		    ? find_file_renamed(s)
		    : find_file(s);
	if (s->auditor && (s->fatal || !d)) {
		/* glibc's words for an auditor that cannot be had. */
		diag_printf(2, "ERROR: myld: object '%s' cannot be loaded as "
			    "audit interface: %s; ignored.\n", s->name,
			    s->fatal ? s->err
				     : "cannot open shared object file");
		return NULL;
	}
	if (s->preload_source && !load_config.trace && (s->fatal || !d)) {
		/* glibc's words: a preload that cannot be had is ignored. */
		diag_printf(2, "ERROR: myld: object '%s' from %s cannot be "
			    "preloaded (%s): ignored.\n", s->name,
			    s->preload_source,
			    s->fatal ? s->err
				     : "cannot open shared object file");
		return NULL;
	}
	if (s->not_loaded)
		return NULL;	/* RTLD_NOLOAD's quiet answer, as glibc */
	if (s->fatal) {
		diag_fail(s->file, "%s", s->err);
		return NULL;
	}
	if (s->existing)
		return d;
	if (!d)
		return report_not_found(s);
	return add_new_object(s, d);
}

struct dso *load_library(const char *name, struct dso *requester,
			 int needed, long ns)
{
	struct search_buffers buffers;
	struct search s = {
		.name = name,
		.requester = requester,
		.needed = needed,
		.ns = ns,
		.open_error = -ENOENT,
		SEARCH_BUFFERS(buffers),
	};

	s.len = str_scan_name(name, &s.slash, &s.dollar);
	return load_named(&s);
}

struct dso *load_library_if_loaded(const char *name, struct dso *requester,
				   long ns)
{
	struct search_buffers buffers;
	struct search s = {
		.name = name,
		.requester = requester,
		.ns = ns,
		.no_load = 1,
		.open_error = -ENOENT,
		SEARCH_BUFFERS(buffers),
	};

	s.len = str_scan_name(name, &s.slash, &s.dollar);
	return load_named(&s);
}

struct dso *load_program_file(const char *path)
{
	struct map_header header;
	char err[ELF_ERR_SIZE];
	enum elf_verdict verdict;
	long fd = sys_open(path, O_RDONLY | O_NONBLOCK);

	if (SYS_FAILED(fd))
		diag_die(path, "cannot open: %s", diag_strerror(fd));
	struct dso *d = map_object(fd, NULL, &header, err, &verdict);
	sys_close(fd);
	if (!d)
		diag_die(path, "%s", err);
	d->kind = DSO_PROGRAM;
	d->name = path;
	d->path = path;
	if (dynamic_read(d, err))
		diag_die(path, "%s", err);
	return d;
}

/* load_needed_from without the version checks. */
static int load_needed_only(struct dso *first)
{
	for (struct dso *d = first; d; d = d->next) {
		if (d->ns != first->ns || !d->dynv || !d->dyn.needed_count ||
		    d->deps)
			continue;
		d->deps = mem_alloc(d->dyn.needed_count * sizeof(*d->deps));
		for (size_t i = 0; i < d->dyn_count &&
				   d->dynv[i].d_tag != DT_NULL; i++) {
			if (d->dynv[i].d_tag != DT_NEEDED)
				continue;
			const char *name =
				dynamic_string(d, d->dynv[i].d_un.d_val);
			if (!name)
				return diag_fail(d->path,
						 "bad DT_NEEDED string offset");
			struct dso *dep = load_library(name, d, 1, d->ns);
			if (!dep && !load_config.trace)
				return -1;
			if (dep && dep != d)
				d->deps[d->ndeps++] = dep;
		}
	}
	return 0;
}

int load_needed_from(struct dso *first)
{
	if (load_needed_only(first) < 0 || versions_check_from(first) < 0)
		return -1;
	return diag_failed() ? -1 : 0;
}

/* Load the preload ELEM (LEN bytes) of load_config.preload. */
static void load_preload(const char *elem, size_t len, const char *slash,
			 const char *dollar)
{
	/*
	 * A copy, which the dso keeps as its name (and path): the program
	 * may write over its environment, as setproctitle does.  The
	 * scan's pointers move with it.
	 */
	char *name = mem_strndup(elem, len);

	/*
	 * In secure mode only plain names are preloaded, from the trusted
	 * places (the program's RPATH or RUNPATH and the default
	 * directories), and only set-user-ID files.
	 */
	if (load_config.secure && !secure_preload_allowed(name)) {
		mem_free(name);
		return;
	}
	int from_env = (size_t)(elem - load_config.preload) <
		       load_config.preload_env_len;
	struct search_buffers buffers;
	struct search s = {
		.name = name,
		.len = len,
		.slash = slash ? name + (slash - elem) : NULL,
		.dollar = dollar ? name + (dollar - elem) : NULL,
		.requester = dso_program,
		.needed = 1,
		.preload_source = from_env ? "LD_PRELOAD" : "--preload",
		.trusted_only = load_config.secure,
		.open_error = -ENOENT,
		SEARCH_BUFFERS(buffers),
	};
	load_named(&s);
}

struct dso *load_auditor(const char *name, long ns)
{
	/* In secure mode, as for a preload (docs/secure-mode.md). */
	if (load_config.secure && !secure_preload_allowed(name))
		return NULL;
	struct search_buffers buffers;
	struct search s = {
		.name = name,
		.requester = dso_program,
		.needed = 0,
		.ns = ns,
		.auditor = 1,
		.trusted_only = load_config.secure,
		.open_error = -ENOENT,
		SEARCH_BUFFERS(buffers),
	};
	s.len = str_scan_name(s.name, &s.slash, &s.dollar);
	struct dso *d = load_named(&s);

	/* myld itself stands in every namespace: it is no auditor. */
	return d == dso_loader ? NULL : d;
}

void load_preloads(void)
{
	const char *elem, *rest, *slash, *dollar;
	const char *list = load_config.preload;
	size_t len;

	for (; list && (elem = path_next_name(list, &len, &rest, &slash,
					      &dollar)); list = rest)
		load_preload(elem, len, slash, dollar);
}

void load_dependencies(void)
{
	/* (-1 comes after diag_fail only.) */
	load_needed_only(dso_program);
	diag_exit_if_failed();
}

int load_dependencies_finish(int check_versions)
{
	int rc = check_versions ? versions_check_from(dso_program) : 0;

	diag_exit_if_failed();
	/* Everything loaded at start-up is in the global scope. */
	for (struct dso *d = dso_list; d; d = d->next)
		if (!d->ns)
			dso_join_global(d);
	return rc;
}
