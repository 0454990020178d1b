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
#include "map.h"
#include "objects.h"
#include "path.h"
#include "search_order.h"
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

	/* How it goes. */
	const char *file;	/* the file tried last, for messages */
	char *path;		/* candidates are built here */
	char *err;		/* why a candidate was refused ... */
	int fatal;		/* ... which ends the search */
	int existing;		/* the file found was loaded already */
	long open_error;	/* why the last candidate did not open */
	struct dso *found;	/* what search_by_name found */
	struct map_header *header;	/* map_object's buffer */
};

#define SEARCH_BUFFERS(b) .path = (b).path, .err = (b).err, \
			  .header = &(b).header

/*
 * Is the object NAME (as written in a DT_NEEDED) already loaded?  Each
 * object keeps the lengths and hashes of its names, so that a program
 * with hundreds of libraries does not compare every name with every
 * other one.  A path (IS_PATH) is told apart by its length alone: its
 * length is known already, and hashing a long path that is nearly
 * always new would cost more than the comparisons it could save.
 *
 * Each is worked out when first needed: a program whose only path is a
 * preload (valgrind's, say) has its objects' names measured, never
 * hashed.  d->names_known says how far it went; load_self resets it
 * when myld's name changes.
 */
enum { NAMES_MEASURED = 1, NAMES_HASHED = 2 };

static void measure_names(struct dso *d)
{
	d->name_len = d->name ? strlen(d->name) : 0;
	d->soname_len = d->soname ? strlen(d->soname) : 0;
	d->names_known = NAMES_MEASURED;
}

static void hash_names(struct dso *d)
{
	if (d->names_known < NAMES_MEASURED)
		measure_names(d);
	d->name_hash = d->name ? sym_gnu_hash(d->name) : 0;
	d->soname_hash = d->soname ? sym_gnu_hash(d->soname) : 0;
	d->names_known = NAMES_HASHED;
}

/* Each namespace loads its own copy of a file: look in NS only. */
static struct dso *find_loaded_by_name(const char *name, size_t len,
				       int is_path, long ns)
{
	if (is_path) {
		for (struct dso *d = dso_list; d; d = d->next) {
			if (d->ns != ns)
				continue;
			if (d->names_known < NAMES_MEASURED)
				measure_names(d);
			if (d->name && d->name_len == len &&
			    strcmp(d->name, name) == 0)
				return d;
			if (d->soname && d->soname_len == len &&
			    strcmp(d->soname, name) == 0)
				return d;
		}
		return NULL;
	}

	uint32_t h = sym_gnu_hash(name);

	for (struct dso *d = dso_list; d; d = d->next) {
		if (d->ns != ns)
			continue;
		if (d->names_known < NAMES_HASHED)
			hash_names(d);
		if (d->name && d->name_hash == h && strcmp(d->name, name) == 0)
			return d;
		if (d->soname && d->soname_hash == h &&
		    strcmp(d->soname, name) == 0)
			return d;
	}
	return NULL;
}

static struct dso *find_loaded_by_file(uint64_t dev, uint64_t ino, long ns)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->ino && d->dev == dev && d->ino == ino && d->ns == ns)
			return d;
	return NULL;
}
/*
 * Open PATH (LEN bytes) and map it.  Returns the new dso, or NULL.  A
 * file that does not exist or belongs to another machine yields NULL
 * quietly (S->fatal stays 0) so the search goes on; any other problem
 * is reported in S->err and sets S->fatal.  An already loaded file (same
 * device and inode) is returned as it is, with S->existing set.  The
 * new dso's path is a copy of PATH, or with SHARED, PATH itself: the
 * name it is loaded under, which outlives it (see find_file).
 */
static struct dso *open_path(struct search *s, const char *path, size_t len,
			     int shared)
{
	enum elf_verdict verdict;
	struct stat st;
	TRACE(LIBS, "  trying file=%s", path);
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
	if (s->trusted_only && (SYS_FAILED(sys_fstat(fd, &st)) ||
				!(st.st_mode & S_ISUID))) {
		/* Secure mode preloads only libraries marked for it with the
		 * set-user-ID bit, as glibc: a trusted directory may still
		 * hold libraries that are unsafe in a privileged process. */
		sys_close(fd);
		s->open_error = -ENOENT;
		return NULL;
	}
	if (!SYS_FAILED(sys_fstat(fd, &st))) {
		struct dso *same = find_loaded_by_file(st.st_dev, st.st_ino,
							s->ns);
		if (same) {
			sys_close(fd);
			s->existing = 1;
			return same;
		}
	}
	struct dso *d = map_object(fd, s->header, s->err, &verdict);
	sys_close(fd);
	if (!d && verdict == ELF_BAD)
		s->fatal = 1;
	if (d)
		d->path = shared ? path : mem_strndup(path, len);
	return d;
}

/* open_path for the candidate built in S->path (LEN bytes). */
static struct dso *open_candidate(struct search *s, size_t len)
{
	return open_path(s, s->path, len, 0);
}

/*
 * The places a directory of a search list is tried in: its glibc-hwcaps
 * and legacy subdirectories (load_config.hwcaps_subdirs), then itself,
 * which is the last place.  Each is a slot of the directory's entry in
 * dir_status.h.
 */
static unsigned place_count(void)
{
	unsigned n = 1;

	for (const char *p = load_config.hwcaps_subdirs; p && *p; p++)
		n += *p == ':';
	return n + (load_config.hwcaps_subdirs &&
		    *load_config.hwcaps_subdirs);
}

/*
 * The next place of DIR (DIRLEN bytes) in OUT (PATH_MAX_LEN bytes):
 * DIR/<subdirectory> for the next one in *SUBS (which moves on), or DIR
 * itself when none is left.  Returns its length, or -1 if too long.
 */
static long place_path(const char *dir, size_t dirlen, const char **subs,
		       char *out)
{
	const char *sub, *rest;
	size_t sublen;

	if (!*subs || !(sub = path_next(*subs, 0, &sublen, &rest))) {
		if (dirlen >= PATH_MAX_LEN)
			return -1;
		memcpy(out, dir, dirlen);
		out[dirlen] = '\0';
		return (long)dirlen;
	}
	*subs = rest;
	long n = path_join(dir, dirlen, "", out, PATH_MAX_LEN);
	if (n < 0 || (size_t)n + sublen >= PATH_MAX_LEN)
		return -1;
	memcpy(out + n, sub, sublen);
	out[n + sublen] = '\0';
	return n + (long)sublen;
}

/*
 * The directory ELEM (LEN bytes) of a search list, expanded with TOK
 * into DIR (PATH_MAX_LEN bytes), without trailing slashes, as glibc
 * keeps it: its length, or -1.
 */
static long expand_dir(const char *elem, size_t len,
		       const struct path_tokens *tok, char *dir)
{
	long n = path_expand(elem, len, tok, dir, PATH_MAX_LEN);

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	return n;
}

/*
 * S's name in the directory DIR (DIRLEN bytes): in each of its places
 * (place_count) that is not known to be missing, in order.  A failure
 * in a place not known yet learns whether it exists.
 */
static struct dso *search_dir(struct search *s, const char *dir,
			      size_t dirlen)
{
	unsigned nplaces = place_count();
	struct dir_status *known = dir_status_of(dir, dirlen, nplaces);
	const char *subs = load_config.hwcaps_subdirs;
	char place[PATH_MAX_LEN];

	for (unsigned slot = 0; slot < nplaces; slot++) {
		long len = place_path(dir, dirlen, &subs, place);
		if (len < 0 || dir_slot_missing(known, slot))
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
 * Call VISIT(CTX, PLACE, LEN) for each place of each directory of LIST
 * (expanded with TOK) that is not known to be missing.  Returns how many
 * there were.
 */
static unsigned visit_places(const char *list, const struct path_tokens *tok,
			     void (*visit)(void *, const char *, long),
			     void *ctx)
{
	unsigned nplaces = place_count(), count = 0;
	char dir[PATH_MAX_LEN], place[PATH_MAX_LEN];
	const char *elem, *rest;
	size_t len;

	for (; (elem = path_next(list, 0, &len, &rest)); list = rest) {
		long dirlen = expand_dir(elem, len, tok, dir);
		if (dirlen < 0)
			continue;
		struct dir_status *known = dir_status_of(dir, dirlen, nplaces);
		const char *subs = load_config.hwcaps_subdirs;

		for (unsigned slot = 0; slot < nplaces; slot++) {
			long n = place_path(dir, dirlen, &subs, place);
			if (n < 0 || dir_slot_missing(known, slot))
				continue;
			count++;
			if (visit)
				visit(ctx, place, n);
		}
	}
	return count;
}

/* A trace line of places, ':'-separated. */
struct places_line {
	struct trace_line line;
	unsigned count;
};

/* visit_places's visitor for the trace: one more place on the line. */
static void trace_place(void *ctx, const char *place, long len)
{
	struct places_line *p = ctx;

	trace_line_add(&p->line, "%s%.*s", p->count++ ? ":" : "", (int)len,
		       place);
}

/*
 * Is LIST, an object's RPATH or RUNPATH, left out of the search?  glibc
 * drops such a list once a search found none of its places: from then
 * on it is neither searched nor shown.
 */
static int list_dropped(const char *list, const struct path_tokens *tok,
			const char *why)
{
	if (strcmp(why, "RPATH") && strcmp(why, "RUNPATH"))
		return 0;
	return !visit_places(list, tok, NULL, NULL);
}

/*
 * LD_DEBUG=libs's line for a list searched: each directory's places that
 * are not known to be missing, and whose list it is.
 */
static void trace_search_list(const char *list, const struct path_tokens *tok,
			      struct dso *owner, const char *why)
{
	struct places_line p = { .count = 0 };

	trace_line_begin(&p.line);
	trace_line_add(&p.line, " search path=");
	visit_places(list, tok, trace_place, &p);
	if (owner && (!strcmp(why, "RPATH") || !strcmp(why, "RUNPATH")))
		trace_line_add(&p.line, "\t\t(%s from file %s)", why,
			       owner->path);
	else
		trace_line_add(&p.line, "\t\t(%s)", why);
	trace_line_end(&p.line);
}

/*
 * Search the directories of LIST (expanded for OWNER's tokens).  WHY and
 * OWNER name the list in the trace, as glibc's LD_DEBUG=libs does.
 */
static struct dso *search_list(struct search *s, const char *list,
			       struct dso *owner, const char *why)
{
	struct search_list l = { list, owner, why, 0 };
	char dir[PATH_MAX_LEN];
	struct path_tokens tok;
	const char *elem, *rest;
	size_t len;

	if (!list)
		return NULL;
	load_list_tokens(&l, &tok);
	if (list_dropped(list, &tok, why))
		return NULL;
	if (trace_mask & TRACE_LIBS)
		trace_search_list(list, &tok, owner, why);
	for (; (elem = path_next(list, 0, &len, &rest)); list = rest) {
		long dirlen = expand_dir(elem, len, &tok, dir);

		if (dirlen < 0)
			continue;
		struct dso *d = search_dir(s, dir, dirlen);
		if (d || s->fatal)
			return d;
	}
	return NULL;
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

/* Put myld itself in the global list, once, under NAME. */
static struct dso *load_self(const char *name)
{
	dynamic_read_loader();
	if (!dso_loader->in_list) {
		dso_loader->in_list = 1;
		dso_loader->name = name;
		dso_loader->names_known = 0;	/* a new name */
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
	int name_lasts = s->preload_source || !s->needed;

	s->path[0] = '\0';
	s->file = s->path;
	if (s->slash && !s->dollar && name_lasts) {
		/* The file is the name as it is: it becomes the dso's path
		 * too, rather than a second copy of the same bytes. */
		s->file = s->name;
		if (s->len < PATH_MAX_LEN)
			return open_path(s, s->name, s->len, 1);
		s->open_error = -ENAMETOOLONG;
		return NULL;
	}
	if (s->slash) {
		/* A path, possibly with tokens: no search at all. */
		long n = expand_path_name(s->name, s->len, s->dollar,
					  s->requester, s->path);

		return n < 0 ? NULL : open_candidate(s, n);
	}
	if (s->trusted_only)
		return search_trusted_places(s);
	return search_by_name(s);
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
		 * rather than that a search failed. */
		const char *file = s->file[0] ? s->file : name;
		const char *why = diag_strerror(s->open_error);

		if (s->needed)
			diag_fail(file, "cannot open: %s (needed by %s)", why,
				  req);
		else
			diag_fail(file, "cannot open: %s", why);
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

/* D, just mapped for S: read its dynamic section and append it. */
static struct dso *add_new_object(struct search *s, struct dso *d)
{
	d->kind = DSO_LIBRARY;
	d->name = s->name;
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
	if (dynamic_read(d, s->err)) {
		diag_fail(d->path, "%s", s->err);
		objects_free_unlisted(d);
		return NULL;
	}
	objects_append(d);
	if (trace_mask & TRACE_FILES)
		trace_new_object(d);
	return d;
}

/* Load what S asks for (see load_library). */
static struct dso *load_named(struct search *s)
{
	const char *base = s->slash ? s->slash + 1 : s->name;
	struct dso *d;

	d = find_loaded_by_name(s->name, s->len, s->slash != NULL, s->ns);
	if (d)
		return d;
	/* myld is one object, in the base namespace, standing in every
	 * other namespace too (glibc's loader makes a proxy of itself). */
	if (names_loader(s->name, base, s->len - (size_t)(base - s->name)))
		return load_self(s->name);
	if (s->needed)
		TRACE(FILES, "file=%s [%ld];  needed by %s [%ld]", s->name,
		      s->ns, s->requester->path, s->requester->ns);
	else
		TRACE(FILES, "file=%s [%ld];  dynamically loaded by %s [%ld]",
		      s->name, s->ns, s->requester->path, s->requester->ns);

	d = find_file(s);
	if (s->preload_source && !load_config.trace && (s->fatal || !d)) {
		/* glibc's words: a preload that cannot be had is ignored. */
		diag_printf(2, "ERROR: myld: object '%s' from %s cannot be "
			    "preloaded (%s): ignored.\n", s->name,
			    s->preload_source,
			    s->fatal ? s->err
				     : "cannot open shared object file");
		return NULL;
	}
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

struct dso *load_program_file(const char *path)
{
	struct map_header header;
	char err[ELF_ERR_SIZE];
	enum elf_verdict verdict;
	long fd = sys_open(path, O_RDONLY | O_NONBLOCK);

	if (SYS_FAILED(fd))
		diag_die(path, "cannot open: %s", diag_strerror(fd));
	struct dso *d = map_object(fd, &header, err, &verdict);
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

int load_needed_from(struct dso *first)
{
	for (struct dso *d = first; d; d = d->next) {
		if (!d->dynv || !d->dyn.needed_count || d->deps)
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
	for (struct dso *d = first; d; d = d->next)
		versions_check(d);
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

void load_dependencies(void)
{
	const char *elem, *rest, *slash, *dollar;
	const char *list = load_config.preload;
	size_t len;

	for (; list && (elem = path_next_name(list, &len, &rest, &slash,
					      &dollar)); list = rest)
		load_preload(elem, len, slash, dollar);
	load_needed_from(dso_list);
	diag_exit_if_failed();
	/* Everything loaded at start-up is in the global scope. */
	for (struct dso *d = dso_list; d; d = d->next)
		d->global = 1;
}
