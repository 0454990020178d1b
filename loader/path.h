/* SPDX-License-Identifier: MIT */
/*
 * loader/path.h - building the paths a library is searched in.
 *
 * Pure string work, unit-tested on the host: splitting search lists,
 * expanding $ORIGIN, $LIB and $PLATFORM, parsing /etc/ld.so.conf, and
 * matching its include patterns.  The search order itself, which needs
 * the loaded objects, is in load.c.
 */
#ifndef MYLD_PATH_H
#define MYLD_PATH_H

#include <stddef.h>
#include <stdint.h>

#define PATH_MAX_LEN 4096

/* The values the dynamic string tokens expand to. */
struct path_tokens {
	const char *origin;	/* directory of the object; NULL if unknown */
	const char *lib;	/* $LIB */
	const char *platform;	/* $PLATFORM; NULL if unknown */
};

/*
 * Copy IN (LEN bytes, not necessarily NUL-terminated) to OUT with
 * $ORIGIN, $LIB and $PLATFORM, and their ${NAME} forms, replaced.
 * Returns the length written, or -1 when the result does not fit or
 * uses a token whose value is unknown (the element is then skipped, as
 * glibc does).  A '$' that starts no known token is kept as it is.
 */
long path_expand(const char *in, size_t len, const struct path_tokens *tok,
		 char *out, size_t outsz);

/*
 * Step through a search list separated by ':' (and, for LD_PRELOAD, by
 * spaces too when SPACES is set).  Returns the next non-empty element's
 * start and stores its length in *LEN and the rest of the list in *REST,
 * or returns NULL at the end.
 */
const char *path_next(const char *list, int spaces, size_t *len,
		      const char **rest);

/*
 * Step through a list of directories (LD_LIBRARY_PATH, DT_RUNPATH,
 * DT_RPATH) as glibc's loader reads one: every ':' separates two
 * elements, and an empty element (a leading, trailing or doubled ':')
 * is the current directory, which the caller finds with LEN 0: joined
 * to a name, it leaves the name alone.  With KEEP_EMPTY clear (secure
 * mode) empty elements are skipped instead.  Returns the next element's
 * start and stores its length in *LEN and where the list goes on in
 * *REST (NULL after the last element), or returns NULL at the end (LIST
 * NULL).  The caller skips a list that is wholly empty: it names no
 * directory.
 */
const char *path_next_dir(const char *list, int keep_empty, size_t *len,
			  const char **rest);

/*
 * path_next for LD_PRELOAD's list (SPACES set), from one scan that also
 * stores the element's last '/' in *LAST_SLASH and its first '$' in
 * *DOLLAR (NULL when it has none), which loading it needs.
 */
const char *path_next_name(const char *list, size_t *len, const char **rest,
			   const char **last_slash, const char **dollar);

/* Join DIR (DIRLEN bytes) and NAME into OUT.  Returns -1 if too long. */
long path_join(const char *dir, size_t dirlen, const char *name, char *out,
	       size_t outsz);

/* The directory part of PATH in OUT ("." when it has none). */
long path_dirname(const char *path, char *out, size_t outsz);

/*
 * Make PATH absolute against CWD and drop "." components and repeated
 * slashes ("./prog" in /home/u gives "/home/u/prog").  ".." is kept:
 * resolving it without the file system could cross a symlink wrongly.
 */
long path_absolute(const char *path, const char *cwd, char *out,
		   size_t outsz);

/*
 * path_absolute, for a CWD (CWDLEN bytes) as the kernel's getcwd gives
 * it: absolute, with no ".", ".." or empty component.  A relative PATH
 * made of names and ".." only, once its leading "./" is skipped
 * ("./prog", "bin/prog", "../lib/x"), then needs no cleaning and is only
 * joined to CWD; any other PATH goes through path_absolute.
 */
long path_absolute_cwd(const char *path, const char *cwd, size_t cwdlen,
		       char *out, size_t outsz);

/* Does NAME match the shell pattern PAT (only '*' and '?')? */
int path_glob_match(const char *pat, const char *name);

/*
 * Parse the text of an ld.so.conf file: '#' starts a comment, "include
 * PATTERN..." names more files, "hwcap" lines are ignored, anything else
 * is a list of directories separated by blanks, ':' or ','.  Calls ON_DIR
 * for each directory and ON_INCLUDE for each pattern, with CTX.
 */
void path_parse_ldconf(const char *text, size_t len,
		       void (*on_dir)(void *ctx, const char *dir, size_t n),
		       void (*on_include)(void *ctx, const char *pat,
					  size_t n),
		       void *ctx);

/*
 * /etc/ld.so.cache, as glibc's ldconfig writes it (format
 * "glibc-ld.so.cache1.1"): where each soname lives, so that a library is
 * found without trying every directory of /etc/ld.so.conf.
 */

/*
 * Is the SIZE bytes at DATA a cache this code reads (the header, its
 * byte order and its entries within SIZE)?  Returns the number of
 * entries, or -1.  Older formats ("ld.so-1.7.0") are not read: the
 * caller then falls back on /etc/ld.so.conf.
 */
long path_cache_check(const void *data, size_t size);

/*
 * The path the cache at DATA gives for the soname NAME, for entries with
 * FLAGS (ARCH_LDCONFIG_FLAGS) and no hwcap restriction; NULL when there is
 * none.  Every offset is checked against SIZE; the path returned is a
 * NUL-terminated string inside DATA.
 */
const char *path_cache_lookup(const void *data, size_t size,
			      const char *name, uint32_t flags);

/*
 * Is NAME one of the ':'-separated names of LIST (--inhibit-rpath's)?
 * Names compare whole.  An empty element names the empty name, which is
 * the program's in glibc's link map, except after a final ':' ("a:"
 * holds "a" only), as in glibc 2.36.
 */
int path_list_has_name(const char *list, const char *name);

/*
 * Is DIR (LEN bytes; trailing slashes do not count) among the
 * directories of SEEN, which holds SEEN_LEN of SIZE bytes, each
 * directory followed by a NUL?  If not, DIR is added when it fits.
 */
int path_seen_before(char *seen, size_t *seen_len, size_t size,
		     const char *dir, size_t len);

#endif
