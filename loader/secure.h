/* SPDX-License-Identifier: MIT */
/*
 * loader/secure.h - the secure-mode policy, as pure functions.
 *
 * When the kernel sets AT_SECURE (a set-user-ID, set-group-ID or
 * capability-raising exec), the person who started the program is not
 * trusted with the program's privileges, so nothing they put in the
 * environment may steer what gets loaded, where output goes, or what the
 * program's C library and its children do.  The rules are glibc 2.36's,
 * item by item; docs/secure-mode.md lists them with the reason for each.
 * secure_start.c and load.c apply them; the unit tests check them here.
 */
#ifndef MYLD_SECURE_H
#define MYLD_SECURE_H

#include <stddef.h>

/*
 * Does secure mode make myld ignore the LD_* variable in VAR
 * ("NAME=value") while it reads its settings?  (LD_PRELOAD is filtered
 * element by element instead; LD_DEBUG depends on /etc/suid-debug.)
 */
int secure_ignores_variable(const char *var);

/*
 * Is VAR ("NAME=value") on the list of variables secure mode removes
 * from the environment before the program, its C library or any child
 * sees it?  Only an assignment counts: "NAME" without '=' is no
 * variable of that name, as for unsetenv.
 */
int secure_unsafe_variable(const char *var);

/*
 * Remove from the NULL-terminated ENVP, in place, every entry for which
 * DROP(entry, CTX) is true; the others keep their order.  Returns how
 * many were removed.
 */
size_t secure_remove_variables(char **envp,
			       int (*drop)(const char *var, void *ctx),
			       void *ctx);

/*
 * GLIBC_TUNABLES's value VALUE ("name=value:name=value...") as secure
 * mode passes it on: only the settings whose name KEEP(name, len, CTX)
 * accepts, in their order, joined by ':'.  Entries without '=' are
 * dropped.  OUT needs strlen(VALUE) + 1 bytes; returns the length
 * written (without the NUL).
 */
size_t secure_filter_tunables(const char *value, char *out,
			      int (*keep)(const char *name, size_t len,
					  void *ctx),
			      void *ctx);

/*
 * May secure mode preload NAME (an element of LD_PRELOAD or --preload)?
 * Only plain names shorter than a file name's limit; they are then
 * searched in trusted directories only, and must carry the set-user-ID
 * bit (load.c).
 */
int secure_preload_allowed(const char *name);

/* The longest name secure mode preloads, plus one (glibc's NAME_MAX). */
#define SECURE_NAME_LIMIT 255

/*
 * LD_TRACE_LOADED_OBJECTS in secure mode lists nothing (load addresses
 * and paths would help an attack) and the program does not run: myld
 * exits with this status, silently, as glibc's loader does.
 */
#define SECURE_TRACE_EXIT_STATUS 5

/*
 * What replaces a standard descriptor (0, 1 or 2) found closed in secure
 * mode, so that the next file the program opens cannot take its number:
 * stdin becomes /dev/full opened write-only (a read fails, it never
 * yields data), stdout and stderr /dev/null opened read-only (a write
 * fails visibly instead of going into a file).  The device opened must
 * be the character device RDEV_MAJOR:RDEV_MINOR.
 */
struct secure_fd_plan {
	const char *path;
	int write_only;		/* else read-only */
	unsigned rdev_major, rdev_minor;
};

/* The plan for FD (0, 1 or 2). */
struct secure_fd_plan secure_standard_fd_plan(int fd);

#endif
