/* SPDX-License-Identifier: MIT */
/*
 * loader/load.h - finding and loading the objects a program needs: the
 * search order, the breadth-first walk of DT_NEEDED, preloads, and the
 * absolute paths $ORIGIN and the debugger need.
 */
#ifndef MYLD_LOAD_H
#define MYLD_LOAD_H

#include "dso.h"

/* What the environment and the command line say about loading. */
struct load_config {
	const char *library_path;	/* LD_LIBRARY_PATH or --library-path */
	const char *preload;		/* LD_PRELOAD, then --preload */
	size_t preload_env_len;	/* how much of it is LD_PRELOAD's */
	const char *platform;		/* AT_PLATFORM, for $PLATFORM */
	int trace;	/* --list: a missing library is reported, not fatal */
	int bind_now;	/* LD_BIND_NOW: no lazy binding */
	int secure;	/* AT_SECURE: see docs/secure-mode.md */
	uint64_t hwcap, hwcap2;	/* AT_HWCAP, AT_HWCAP2, for IFUNC resolvers */
	int inhibit_cache;	/* --inhibit-cache: no ld.so.cache/conf */
	const char *inhibit_rpath;	/* --inhibit-rpath: whose paths not */
	const char *hwcaps_prepend;	/* --glibc-hwcaps-prepend */
	const char *hwcaps_mask;	/* --glibc-hwcaps-mask */
	/* Those and the CPU's subdirectories, once a search needed them:
	 * read through places_subdirs() (search_places.h). */
	const char *hwcaps_subdirs;
	/*
	 * The auditors' la_objsearch (audit.c sets it once some auditor
	 * has one; NULL before and without): NAME, about to be tried for
	 * REQUESTER, with glibc's LA_SER_* FLAG (LOAD_SEARCH_*).  Returns
	 * the name to try instead, or NULL to skip it.
	 */
	const char *(*objsearch)(const char *name, struct dso *requester,
				 unsigned flag);
	/*
	 * The auditors' la_objopen (audit.c sets it once some auditor is in
	 * use): called for each object as it is mapped, as glibc does, but
	 * not for an auditor's own objects.
	 */
	void (*mapped)(struct dso *d);
	/*
	 * Set by audit.c while an auditor and its libraries load: as in
	 * glibc, a library it needs is also looked for in the program's
	 * DT_RUNPATH (search_order.c).
	 */
	int opening_auditor;
};

/* glibc's LA_SER_* values: where a name la_objsearch sees comes from. */
#define LOAD_SEARCH_ORIG 0x01	 /* the name as asked */
#define LOAD_SEARCH_LIBPATH 0x02 /* LD_LIBRARY_PATH */
#define LOAD_SEARCH_RUNPATH 0x04 /* an RPATH or RUNPATH */
#define LOAD_SEARCH_CONFIG 0x08	 /* ld.so.cache, /etc/ld.so.conf */
#define LOAD_SEARCH_DEFAULT 0x40 /* the default directories */

extern struct load_config load_config;

/*
 * Open and map the program named on myld's command line.  Dies with a
 * message when it cannot.
 */
struct dso *load_program_file(const char *path);

/*
 * The start-up objects, in steps (the auditors hear of the vDSO after
 * the preloads, as under glibc; the launch cache looks at the objects
 * before their versions are checked): the preloads, then every
 * DT_NEEDED dependency, breadth-first from the program, then, with
 * CHECK_VERSIONS, the versions they require (1 when one warned, else 0),
 * and all join the global scope.  A failure exits (DIAG_EXIT_STATUS).
 * Objects of
 * other namespaces (the auditors', opened before) are not the
 * program's: they are passed over.
 */
void load_preloads(void);
void load_dependencies(void);
int load_dependencies_finish(int check_versions);

/*
 * Load NAME for REQUESTER (whose paths are searched) into namespace NS
 * and append it to the global list, or return the object already loaded
 * in NS.  NEEDED says it is a DT_NEEDED entry (for the message).
 * Returns NULL after diag_fail, or in trace mode for a library that is
 * not found.
 */
struct dso *load_library(const char *name, struct dso *requester,
			 int needed, long ns);

/*
 * dlopen's RTLD_NOLOAD: the object load_library would give for NAME if
 * it is loaded already, found by name, or else by the file the same
 * search finds first (its device and inode), as glibc.  Nothing is
 * mapped.  Returns NULL quietly when that file is not loaded, and after
 * diag_fail when no file is found, as glibc's "cannot open shared
 * object file".
 */
struct dso *load_library_if_loaded(const char *name, struct dso *requester,
				   long ns);

/*
 * Map the auditor NAME (LD_AUDIT, --audit) into namespace NS, which is
 * new (dlfcn.c's dlfcn_open_auditor then loads its dependencies).  In
 * secure mode only a plain name, found in the trusted places, in a
 * set-user-ID file.  Returns it, or NULL: after glibc's warning when it
 * cannot be had (it is then ignored), silently when refused in secure
 * mode or when NAME is myld itself.
 */
struct dso *load_auditor(const char *name, long ns);

/* Load the DT_NEEDED dependencies of FIRST and of every object of its
 * namespace after it in the list, breadth-first, and check their
 * versions.  Returns 0 or -1 (after diag_fail). */
int load_needed_from(struct dso *first);

#endif
