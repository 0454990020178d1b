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
 * A name without a slash is searched for in glibc's order
 * (load_search_order, which dlinfo's RTLD_DI_SERINFO walks too):
 *   1. DT_RPATH of the object that needs it, then of the object that
 *      needed that one, and so on up to the program or to an object
 *      dlopen loaded (only when the needing object has no DT_RUNPATH);
 *      then the program's, if that chain did not reach it;
 *   2. LD_LIBRARY_PATH (or --library-path);
 *   3. DT_RUNPATH of the needing object (not inherited);
 *   4. /etc/ld.so.cache, as glibc's loader does, or without a cache
 *      it can read, the directories listed in /etc/ld.so.conf
 *      (ldconfig.c reads both);
 *   5. the default directories (arch.h), unless DF_1_NODEFLIB.
 * In each directory, the glibc-hwcaps subdirectories for this CPU come
 * first (search_dir, hwcaps.h).  --inhibit-cache leaves out step 4,
 * --inhibit-rpath the RPATH and RUNPATH of the objects it names.
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
#include "dynamic.h"
#include "hwcaps.h"
#include "ldconfig.h"
#include "lib.h"
#include "map.h"
#include "objects.h"
#include "path.h"
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

/* The working directory in CWD, of PATH_MAX_LEN bytes: its length, or -1. */
static long working_directory(char *cwd)
{
	/* The system call returns the length, with the NUL. */
	long n = sys_getcwd(cwd, PATH_MAX_LEN);

	return SYS_FAILED(n) || n < 1 ? -1 : n - 1;
}

long load_absolute_path(const char *path, char *out)
{
	char cwd[PATH_MAX_LEN];
	long n;

	if (path[0] == '/')
		return path_absolute(path, "", out, PATH_MAX_LEN);
	n = working_directory(cwd);
	if (n < 0)
		return -1;
	return path_absolute_cwd(path, cwd, n, out, PATH_MAX_LEN);
}

char *load_absolute_copy(const char *path)
{
	char cwd[PATH_MAX_LEN];
	long n = working_directory(cwd);

	if (n < 0)
		return NULL;
	/*
	 * Built where it is kept, rather than copied there: at most the
	 * working directory, a '/' and PATH, a '/' more if the directory is
	 * getcwd's "(unreachable)/...", and the NUL.  No longer than
	 * load_absolute_path allows either.
	 */
	size_t size = (size_t)n + strlen(path) + 3;
	if (size > PATH_MAX_LEN)
		size = PATH_MAX_LEN;
	char *out = mem_alloc(size);
	if (path_absolute_cwd(path, cwd, n, out, size) < 0) {
		mem_free(out);
		return NULL;
	}
	return out;
}

const char *load_origin(struct dso *d)
{
	/* In secure mode $ORIGIN is not trusted: the invoking user may
	 * have hard-linked the program into a directory of theirs. */
	if (load_config.secure)
		return NULL;
	return load_directory_of(d);
}

const char *load_directory_of(struct dso *d)
{
	char buf[PATH_MAX_LEN], abs[PATH_MAX_LEN];
	const char *path = d->path;

	if (d->origin)
		return d->origin;
	if (d->kind == DSO_PROGRAM && d->from_kernel) {
		/* The kernel knows which file it executed. */
		long n = sys_readlink("/proc/self/exe", buf, sizeof(buf) - 1);
		if (SYS_FAILED(n))
			return NULL;
		buf[n] = '\0';
		path = buf;
	}
	if (!path)
		return NULL;
	if (load_absolute_path(path, abs) < 0 ||
	    path_dirname(abs, buf, sizeof(buf)) < 0)
		return NULL;
	d->origin = mem_strdup(buf);
	return d->origin;
}
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

void load_list_tokens(const struct search_list *l, struct path_tokens *tok)
{
	tok->origin = NULL;
	tok->lib = ARCH_LIB;
	tok->platform = load_config.platform;
	/* (only when needed: $ORIGIN may cost a readlink) */
	if (strchr(l->dirs, '$') && l->owner)
		tok->origin = load_origin(l->owner);
}

/*
 * S's name in the directory DIR (DIRLEN bytes): first in each of the
 * glibc-hwcaps subdirectories, then in DIR itself.
 */
static struct dso *search_dir(struct search *s, const char *dir,
			      size_t dirlen)
{
	const char *subs = load_config.hwcaps_subdirs, *sub, *rest;
	char hwdir[PATH_MAX_LEN];
	size_t sublen;

	for (; subs && (sub = path_next(subs, 0, &sublen, &rest));
	     subs = rest) {
		long n = path_join(dir, dirlen, HWCAPS_DIR, hwdir,
				   sizeof(hwdir));
		if (n < 0 || n + sublen >= sizeof(hwdir))
			continue;
		memcpy(hwdir + n, sub, sublen);
		n = path_join(hwdir, n + sublen, s->name, s->path,
			      PATH_MAX_LEN);
		struct dso *d = n < 0 ? NULL : open_candidate(s, n);
		if (d || s->fatal)
			return d;
	}
	long n = path_join(dir, dirlen, s->name, s->path, PATH_MAX_LEN);
	return n < 0 ? NULL : open_candidate(s, n);
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
	if (trace_mask & TRACE_LIBS) {
		/* (the comparisons only when tracing: this runs for every
		 * list searched) */
		if (owner && (!strcmp(why, "RPATH") || !strcmp(why, "RUNPATH")))
			trace_printf(" search path=%s\t\t(%s from file %s)",
				     list, why, owner->path);
		else
			trace_printf(" search path=%s\t\t(%s)", list, why);
	}
	load_list_tokens(&l, &tok);
	for (; (elem = path_next(list, 0, &len, &rest)); list = rest) {
		long dirlen = path_expand(elem, len, &tok, dir, sizeof(dir));

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

/*
 * O's RPATH or RUNPATH (LIST), unless --inhibit-rpath names O: by its
 * path, or the program by the empty name, which is its name in glibc's
 * link map.  Secure mode ignores --inhibit-rpath, as glibc does.
 */
static const char *own_paths(const struct dso *o, const char *list)
{
	const char *inhibit = load_config.inhibit_rpath;

	if (!list || !inhibit || load_config.secure)
		return list;
	return path_list_has_name(inhibit, o->kind == DSO_PROGRAM ? ""
					   : o->path ? o->path : "")
		       ? NULL : list;
}

/* The search goes on: nothing found yet, and nothing fatal. */
static int searching(const struct search *s, const struct dso *d)
{
	return !d && !s->fatal;
}

/* Visit LIST unless there is none.  Returns what VISIT returns, or 0. */
static int visit_list(search_visit visit, void *ctx, const char *dirs,
		      struct dso *owner, const char *why)
{
	struct search_list l = { dirs, owner, why, 0 };

	return dirs ? visit(ctx, &l) : 0;
}

/*
 * glibc's order, stated once (at the top of this file): the search
 * itself and dlinfo's RTLD_DI_SERINFO both walk it.  The program's
 * RPATH comes after the chain of loaders when the chain did not reach
 * it (an object whose loader was unloaded), as in glibc.
 */
int load_search_order(struct dso *req, search_visit visit, void *ctx)
{
	int nodeflib = req->dyn.flags_1 & DF_1_NODEFLIB, stop = 0;
	int saw_program = 0;

	if (!req->runpath) {
		for (struct dso *o = req; o && !stop; o = o->loaded_by) {
			saw_program |= o == dso_program;
			stop = visit_list(visit, ctx, own_paths(o, o->rpath),
					  o, "RPATH");
		}
		if (!stop && !saw_program)
			stop = visit_list(visit, ctx,
					  own_paths(dso_program,
						    dso_program->rpath),
					  dso_program, "RPATH");
	}
	if (!stop)
		stop = visit_list(visit, ctx, load_config.library_path,
				  dso_program, "LD_LIBRARY_PATH");
	if (!stop)
		stop = visit_list(visit, ctx, own_paths(req, req->runpath),
				  req, "RUNPATH");
	if (!stop && !nodeflib && !load_config.inhibit_cache) {
		struct search_list cache = { NULL, NULL, "cache", 1 };

		stop = ldconfig_cache_usable()
			       ? visit(ctx, &cache)
			       : visit_list(visit, ctx, ldconfig_conf_dirs(),
					    NULL, "from /etc/ld.so.conf");
	}
	if (!stop && !nodeflib)
		stop = visit_list(visit, ctx, ARCH_DEFAULT_LIBRARY_DIRS, NULL,
				  "system search path");
	return stop;
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
