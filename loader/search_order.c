/* SPDX-License-Identifier: MIT */
/*
 * loader/search_order.c - where a library is looked for: glibc's order
 * of directory lists for a name without a slash, and the absolute
 * directories that $ORIGIN and dlinfo need.  load.c searches the lists
 * in this order; dlinfo.c's RTLD_DI_SERINFO reports them.
 *
 * A name without a slash is searched for in this order:
 *   1. DT_RPATH of the object that needs it, then of the object that
 *      needed that one, and so on up to the program or to an object
 *      dlopen loaded (only when the needing object has no DT_RUNPATH);
 *      then the program's, if that chain did not reach it; while an
 *      auditor and its libraries load, then the program's DT_RUNPATH;
 *   2. LD_LIBRARY_PATH (or --library-path);
 *   3. DT_RUNPATH of the needing object (not inherited);
 *   4. /etc/ld.so.cache, as glibc's loader does, or without a cache
 *      it can read, the directories listed in /etc/ld.so.conf
 *      (ldconfig.c reads both);
 *   5. the default directories (arch.h), unless DF_1_NODEFLIB.
 * --inhibit-cache leaves out step 4, --inhibit-rpath the RPATH and
 * RUNPATH of the objects it names.
 */
#include "search_order.h"
#include "alloc.h"
#include "ldconfig.h"
#include "lib.h"
#include "load.h"
#include "objects.h"
#include "sys.h"

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
	/*
	 * Made absolute and cleaned: "./prog" gives the same origin in
	 * command mode as from the kernel.  (glibc's loader, run as a
	 * command, keeps the "./" in the origin and in every name built
	 * from it.)
	 */
	if (load_absolute_path(path, abs) < 0 ||
	    path_dirname(abs, buf, sizeof(buf)) < 0)
		return NULL;
	d->origin = mem_strdup(buf);
	return d->origin;
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

/* Visit LIST unless there is none.  Returns what VISIT returns, or 0. */
static int visit_list(search_visit visit, void *ctx, const char *dirs,
		      struct dso *owner, const char *why)
{
	struct search_list l = { dirs, owner, why, 0 };

	return dirs && *dirs ? visit(ctx, &l) : 0;
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
		if (!stop && load_config.opening_auditor)
			stop = visit_list(visit, ctx,
					  own_paths(dso_program,
						    dso_program->runpath),
					  dso_program, "RUNPATH");
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

