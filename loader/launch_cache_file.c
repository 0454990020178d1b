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
#include <linux/uio.h>

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

/*
 * Append the N bytes at S to the directory's name at *LEN; -1 when they
 * do not fit (with room for the entry's name after it).  The directory
 * is named at the start of lc_paths.file, where lc_file_name adds the
 * entry's name after it.
 */
static inline __attribute__((always_inline)) int
dir_put(size_t *len, const char *s, size_t n)
{
	if (n + 48 > sizeof(lc_paths.file) - *len)
		return -1;
	/* (Inline: the constant parts are copied without a call.) */
	__builtin_memcpy(lc_paths.file + *len, s, n);
	*len += n;
	lc_paths.file[*len] = '\0';
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
	rc = sys_stat(lc_paths.file, &st);	/* the directory, yet */
	if (rc == -ENOENT && lc.create_dir) {
		lc.dir_missing = 1;
		return 0;
	}
	if (rc == -ENOENT)
		return -1;	/* not asked for */
	if (SYS_FAILED(rc)) {
		fmt_format(why, size, "%s: %s: off", lc_paths.file,
			   diag_strerror(rc));
		return -1;
	}
	if ((st.st_mode & S_IFMT) != S_IFDIR || !owned_and_private(&st)) {
		fmt_format(why, size, "%s: not a directory of the user's "
			   "that only the user can write: off", lc_paths.file);
		return -1;
	}
	return 0;
}

/* WHAT into WHY (SIZE bytes), cut if need be: a reason that needs no
 * formatting.  Inline, so that a constant's length and copy are made
 * by the compiler (a cold start says "no entry yet" every time). */
static inline __attribute__((always_inline)) void
say_reason(char *why, size_t size, const char *what)
{
	size_t n = __builtin_strlen(what);

	if (n >= size)
		n = size - 1;
	__builtin_memcpy(why, what, n);
	why[n] = '\0';
}

/*
 * The 8 hexadecimal digits of V, most significant first, at OUT: each
 * nibble spread into a byte of its own, then made a digit, all at once
 * (a digit at a time cost a cold start 160 instructions).
 */
static void hex8(char *out, uint32_t v)
{
	uint64_t x = v;

	x = (x | x << 16) & 0x0000ffff0000ffffull;
	x = (x | x << 8) & 0x00ff00ff00ff00ffull;
	x = (x | x << 4) & 0x0f0f0f0f0f0f0f0full;
	/* Nibble i is in byte i: the last digit comes first in memory. */
	x = __builtin_bswap64(x);
	/* '0' + n, and 'a' - '0' - 10 more where n > 9. */
	x += 0x3030303030303030ull +
	     (((x + 0x0606060606060606ull) >> 4) & 0x0101010101010101ull) *
		     ('a' - '0' - 10);
	__builtin_memcpy(out, &x, 8);
}

void lc_file_name(uint64_t hash)
{
	char *p = lc_paths.file + lc.dir_len;

	*p++ = '/';
	hex8(p, hash >> 32);
	hex8(p + 8, (uint32_t)hash);
	p[16] = '\0';
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
		if (fd == -ENOENT)
			say_reason(why, size, "no entry yet");
		else if (fd == -ELOOP)
			say_reason(why, size, "ignored: a symbolic link");
		else
			say_reason(why, size, "ignored: cannot open it");
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

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* The objects' paths, one after the other, zero-padded to 8 bytes,
 * into lc.strings (a block from mem_alloc, made once; lc.strings_size
 * bytes before the padding); sets each lc.ids[i].path. */
static void object_paths(void)
{
	size_t total = 0, at = 0;

	/* Each path's length, in lc.ids[i].path until it is an offset. */
	for (size_t i = 0; i < lc.nobjects; i++) {
		const struct dso *d = lc.objects[i];

		lc.ids[i].path = d->path_len ? d->path_len
			       : d->path ? strlen(d->path) : 0;
		total += lc.ids[i].path + 1;
	}
	/* Zeroed: the padding stays so. */
	char *s = mem_alloc(round8(total));

	for (size_t i = 0; i < lc.nobjects; i++) {
		const char *path = lc.objects[i]->path ? lc.objects[i]->path
						       : "";
		size_t n = lc.ids[i].path + 1;

		lc.ids[i].path = at;
		memcpy(s + at, path, n);
		at += n;
	}
	lc.strings = s;
	lc.strings_size = total;
}

/* The entry's parts after its header, as written: each a multiple of
 * 8 bytes (the key and the paths are padded where they are made). */
enum { PART_HEADER, PART_KEY, PART_OBJECTS, PART_BINDINGS, PART_OLD_LAZY,
       PART_LAZY, PART_STRINGS, PARTS };

/* Lay out the entry in V and fill in its header H; -1 when it exceeds
 * the format's limits. */
static int lay_out(struct lcf_header *h, struct iovec *v)
{
	size_t strings_size = lc.strings_size;
	struct lcf_layout l;
	size_t nlazy = lc.nold_lazy + lc.nlazy;
	uint64_t sum;

	if (lcf_layout(lc.key_size, lc.nobjects, lc.nbindings, nlazy,
		       strings_size, &l))
		return -1;
	v[PART_HEADER] = (struct iovec){ h, sizeof(*h) };
	v[PART_KEY] = (struct iovec){ lc.key, round8(lc.key_size) };
	v[PART_OBJECTS] = (struct iovec){ lc.ids,
					  lc.nobjects * sizeof(*lc.ids) };
	v[PART_BINDINGS] = (struct iovec){ (void *)lc.out_bindings,
					   lc.nbindings *
						   sizeof(*lc.out_bindings) };
	v[PART_OLD_LAZY] = (struct iovec){ (void *)lc.old_lazy,
					   lc.nold_lazy * sizeof(*lc.lazy) };
	v[PART_LAZY] = (struct iovec){ lc.lazy, lc.nlazy * sizeof(*lc.lazy) };
	v[PART_STRINGS] = (struct iovec){ lc.strings, round8(strings_size) };
	/* What comes before the lazy slots is the same at exit as at
	 * start-up: its checksum is made once.  (The lazy slots are one
	 * part of the entry, summed in two pieces: each slot is two
	 * words, as lcf_checksum_add's pieces must be.) */
	if (!lc.sum_to_bindings_known) {
		sum = lc.sum_to_key;	/* key_hash's */
		for (int i = PART_OBJECTS; i <= PART_BINDINGS; i++)
			sum = lcf_checksum_add(sum, v[i].iov_base,
					       v[i].iov_len);
		lc.sum_to_bindings = sum;
		lc.sum_to_bindings_known = 1;
	}
	sum = lc.sum_to_bindings;
	for (int i = PART_OLD_LAZY; i < PARTS; i++)
		sum = lcf_checksum_add(sum, v[i].iov_base, v[i].iov_len);
	lcf_header_fill(h, &l, ARCH_EM, lc.key_size, lc.nobjects,
			lc.nbindings, nlazy, strings_size,
			lcf_checksum_end(sum));
	return 0;
}

/* Make the directory and its parent (mode 0700), for
 * MYLD_LAUNCH_CACHE=1: lc_paths.file cut before the entry's name. */
static void make_dir(void)
{
	char *dir = lc_paths.file, *slash;

	dir[lc.dir_len] = '\0';
	slash = strrchr(dir, '/');
	*slash = '\0';
	sys_mkdir(dir, 0700);
	*slash = '/';
	sys_mkdir(dir, 0700);
	dir[lc.dir_len] = '/';
}

/* Write the TOTAL bytes of V (PARTS of them) to a new file TMP; 0 or a
 * negative errno. */
static long write_new_file(const char *tmp, struct iovec *v, size_t total)
{
	long fd = sys_open_mode(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
				0600);
	long n;

	if (SYS_FAILED(fd))
		return fd;
	/* A regular file takes it whole, or the disk is full: a short
	 * write is a failure, not something to resume. */
	n = sys_writev(fd, v, PARTS);
	if (n != (long)total) {
		sys_close(fd);
		sys_unlink(tmp);
		return SYS_FAILED(n) ? n : -EIO;
	}
	return sys_close(fd);
}

/* lc_paths.tmp: lc_paths.file + ".<pid in 8 hexadecimal digits>.tmp",
 * by hand (a start that records writes one); made again only in
 * another process (a child of fork writing at exit). */
static void temporary_name(void)
{
	size_t n = lc.dir_len + 17;	/* lc_file_name's "/<16 digits>" */
	char *tmp = lc_paths.tmp;
	long pid = sys_getpid();

	if (pid == lc.tmp_pid)
		return;
	lc.tmp_pid = pid;
	/* lc_file_name left room after the name (dir_put). */
	memcpy(tmp, lc_paths.file, n);
	tmp[n] = '.';
	hex8(tmp + n + 1, (uint32_t)pid);
	__builtin_memcpy(tmp + n + 9, ".tmp", 5);
}

void lc_file_write(void)
{
	const char *tmp = lc_paths.tmp;
	struct lcf_header h;
	struct iovec v[PARTS];
	long rc;

	if (!lc.strings)
		object_paths();
	if (lay_out(&h, v) < 0) {
		TRACE(FILES, "launch cache: %s: too large: not written",
		      lc_paths.file);
		return;
	}
	if (lc.dir_missing)
		make_dir();
	temporary_name();
	rc = write_new_file(tmp, v, h.total_size);
	if (!SYS_FAILED(rc)) {
		rc = sys_rename(tmp, lc_paths.file);
		if (SYS_FAILED(rc))
			sys_unlink(tmp);
	}
	if (SYS_FAILED(rc))
		TRACE(FILES, "launch cache: %s: cannot write: %s", lc_paths.file,
		      diag_strerror(rc));
	else
		TRACE(FILES, "launch cache: %s: written, %lu bindings, %lu "
		      "lazy slots", lc_paths.file,
		      (unsigned long)lc.nbindings,
		      (unsigned long)(lc.nold_lazy + lc.nlazy));
}
