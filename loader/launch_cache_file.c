/* SPDX-License-Identifier: MIT */
/*
 * loader/launch_cache_file.c - where the launch cache lives, and reading
 * and writing an entry's file.  See launch_cache_file.h.
 *
 * The directory is $XDG_CACHE_HOME/myld, or ~/.cache/myld.  It is used
 * only when it exists (or MYLD_LAUNCH_CACHE=1 asks for it to be made),
 * so that myld writes nothing into a home that did not ask for it; it
 * and each entry must belong to the user and be writable by nobody
 * else, since an entry decides what the program's code calls.  An entry
 * is written to a temporary file in the directory and renamed over the
 * old one: a reader sees the old entry or the new one, never a part.
 */
#include "launch_cache_file.h"
#include "alloc.h"
#include "diag.h"
#include "dso.h"
#include "lib.h"
#include "sys.h"
#include "trace.h"

/* The variables the cache reads, in one pass over the environment. */
struct cache_env {
	const char *xdg, *home, *on;
};

static void read_env(char **envp, struct cache_env *v)
{
	for (char **e = envp; *e; e++) {
		const char *s = *e;

		if (s[0] == 'X')
			v->xdg = str_skip_prefix(s, "XDG_CACHE_HOME=") ?: v->xdg;
		else if (s[0] == 'H')
			v->home = str_skip_prefix(s, "HOME=") ?: v->home;
		else if (s[0] == 'M')
			v->on = str_skip_prefix(s, "MYLD_LAUNCH_CACHE=") ?: v->on;
	}
}

/* Append the N bytes at S to lc_paths.dir at *LEN; -1 when they do not fit
 * (with room for the entry's name after it). */
static int dir_put(size_t *len, const char *s, size_t n)
{
	if (n + 48 > sizeof(lc_paths.dir) - *len)
		return -1;
	memcpy(lc_paths.dir + *len, s, n);
	*len += n;
	lc_paths.dir[*len] = '\0';
	return 0;
}

/* Is ST something only the user can change? */
static int owned_and_private(const struct stat *st)
{
	return st->st_uid == lc.euid && !(st->st_mode & 022);
}

static int choose_dir(const struct cache_env *v, char *why, size_t size)
{
	size_t len = 0;
	int rc;

	/* The XDG specification ignores a relative value. */
	if (v->xdg && v->xdg[0] == '/')
		rc = dir_put(&len, v->xdg, strlen(v->xdg)) ||
		     dir_put(&len, "/myld", 5);
	else if (v->home && v->home[0] == '/')
		rc = dir_put(&len, v->home, strlen(v->home)) ||
		     dir_put(&len, "/.cache/myld", 12);
	else
		return -1;	/* nowhere to keep it */
	if (rc) {
		fmt_format(why, size, "cache directory name too long: off");
		return -1;
	}
	lc.dir_len = len;
	return 0;
}

int lc_file_settings(const struct launch_cache_start *s, char *why,
		     size_t size)
{
	struct cache_env v = { 0 };
	struct stat st;
	long rc;

	read_env(s->envp, &v);
	if (s->disabled || (v.on && !strcmp(v.on, "0")))
		return -1;
	lc.create_dir = v.on && !strcmp(v.on, "1");
	lc.euid = s->at[AT_EUID];
	if (choose_dir(&v, why, size) < 0)
		return -1;
	rc = sys_stat(lc_paths.dir, &st);
	if (rc == -ENOENT && lc.create_dir) {
		lc.dir_missing = 1;
		return 0;
	}
	if (rc == -ENOENT)
		return -1;	/* not asked for */
	if (SYS_FAILED(rc)) {
		fmt_format(why, size, "%s: %s: off", lc_paths.dir,
			   diag_strerror(rc));
		return -1;
	}
	if ((st.st_mode & S_IFMT) != S_IFDIR || !owned_and_private(&st)) {
		fmt_format(why, size, "%s: not a directory of the user's "
			   "that only the user can write: off", lc_paths.dir);
		return -1;
	}
	return 0;
}

void lc_file_name(uint64_t hash)
{
	static const char digits[] = "0123456789abcdef";
	char *p = lc_paths.file + lc.dir_len;

	memcpy(lc_paths.file, lc_paths.dir, lc.dir_len);
	*p++ = '/';
	for (int shift = 60; shift >= 0; shift -= 4)
		*p++ = digits[(hash >> shift) & 15];
	*p = '\0';
}

static void *refuse(int fd, void *buf, char *why, size_t size,
		    const char *reason)
{
	fmt_format(why, size, "ignored: %s", reason);
	mem_free(buf);
	sys_close(fd);
	return NULL;
}

void *lc_file_read(size_t *len, char *why, size_t size)
{
	struct stat st;
	char *buf = NULL;
	/* O_NONBLOCK: a FIFO put there must not stop the start. */
	long fd = sys_open(lc_paths.file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);

	if (SYS_FAILED(fd)) {
		fmt_format(why, size, fd == -ENOENT ? "no entry yet"
			   : fd == -ELOOP ? "ignored: a symbolic link"
			   : "ignored: cannot open it");
		return NULL;
	}
	if (SYS_FAILED(sys_fstat(fd, &st)) ||
	    (st.st_mode & S_IFMT) != S_IFREG)
		return refuse(fd, buf, why, size, "not a regular file");
	if (!owned_and_private(&st))
		return refuse(fd, buf, why, size, "owned by another user, or "
			      "writable by others");
	if (st.st_size < (long)sizeof(struct lcf_header) ||
	    (uint64_t)st.st_size > LCF_MAX_SIZE)
		return refuse(fd, buf, why, size, "truncated, or too large");
	*len = st.st_size;
	buf = mem_alloc_filled(*len);
	for (size_t got = 0; got < *len;) {
		long n = sys_pread(fd, buf + got, *len - got, got);

		if (SYS_FAILED(n) || n == 0)
			return refuse(fd, buf, why, size, "cannot read it "
				      "whole");
		got += n;
	}
	sys_close(fd);
	return buf;
}

/* The whole entry, in a block from mem_alloc of *LEN bytes; NULL when
 * it would exceed the format's limits. */
static void *build_entry(size_t *len)
{
	size_t strings = 0;
	struct lcf_layout l;

	size_t *lengths = mem_alloc(lc.nobjects * sizeof(*lengths));

	for (size_t i = 0; i < lc.nobjects; i++) {
		lengths[i] = lc.objects[i]->path ? strlen(lc.objects[i]->path)
						 : 0;
		strings += lengths[i] + 1;
	}
	if (lcf_layout(lc.key_size, lc.nobjects, lc.nbindings, strings, &l)) {
		mem_free(lengths);
		return NULL;
	}
	char *buf = mem_alloc_filled(l.total);	/* zeroed */
	memcpy(buf + l.key, lc.key, lc.key_size);
	struct lcf_object *o = (void *)(buf + l.objects);
	char *s = buf + l.strings;
	for (size_t i = 0, at = 0; i < lc.nobjects; i++) {
		const char *path = lc.objects[i]->path ? lc.objects[i]->path : "";
		size_t n = lengths[i] + 1;

		o[i] = lc.ids[i];
		o[i].path = at;
		memcpy(s + at, path, n);
		at += n;
	}
	memcpy(buf + l.bindings, lc.bindings,
	       lc.nbindings * sizeof(*lc.bindings));
	lcf_seal(buf, &l, ARCH_EM, lc.key_size, lc.nobjects, lc.nbindings,
		 strings);
	*len = l.total;
	mem_free(lengths);
	return buf;
}

/* Make lc_paths.dir and its parent (mode 0700), for MYLD_LAUNCH_CACHE=1. */
static void make_dir(void)
{
	char *slash = strrchr(lc_paths.dir, '/');

	*slash = '\0';
	sys_mkdir(lc_paths.dir, 0700);
	*slash = '/';
	sys_mkdir(lc_paths.dir, 0700);
}

/* Write LEN bytes at BUF to a new file TMP; 0 or a negative errno. */
static long write_new_file(const char *tmp, const char *buf, size_t len)
{
	long fd = sys_open_mode(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
				0600);

	if (SYS_FAILED(fd))
		return fd;
	for (size_t done = 0; done < len;) {
		long n = sys_write(fd, buf + done, len - done);

		if (SYS_FAILED(n) || n == 0) {
			sys_close(fd);
			sys_unlink(tmp);
			return SYS_FAILED(n) ? n : -EIO;
		}
		done += n;
	}
	return sys_close(fd);
}

void lc_file_write(void)
{
	char tmp[LC_PATH_MAX];
	size_t len;
	char *buf = build_entry(&len);
	long rc;

	if (!buf) {
		TRACE(FILES, "launch cache: %s: too large: not written",
		      lc_paths.file);
		return;
	}
	if (lc.dir_missing)
		make_dir();
	fmt_format(tmp, sizeof(tmp), "%s.%ld.tmp", lc_paths.file,
		   (long)sys_getpid());
	rc = write_new_file(tmp, buf, len);
	if (!SYS_FAILED(rc)) {
		rc = sys_rename(tmp, lc_paths.file);
		if (SYS_FAILED(rc))
			sys_unlink(tmp);
	}
	mem_free(buf);
	if (SYS_FAILED(rc))
		TRACE(FILES, "launch cache: %s: cannot write: %s", lc_paths.file,
		      diag_strerror(rc));
	else
		TRACE(FILES, "launch cache: %s: written, %lu bindings",
		      lc_paths.file, (unsigned long)lc.nbindings);
}
