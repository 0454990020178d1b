/* SPDX-License-Identifier: MIT */
/*
 * loader/ldconfig.c - reading /etc/ld.so.cache and /etc/ld.so.conf.
 * See ldconfig.h.
 *
 * glibc's loader looks names up in the cache rather than in the
 * directories of /etc/ld.so.conf, from which ldconfig built it; so does
 * myld, and it reads ld.so.conf only when there is no cache it can read.
 *
 * The state below is this file's alone, filled once, the first time a
 * search reaches step 4 (load.c), and never freed: a later dlopen
 * searches the same places.  Loading runs under the loader lock, which
 * is what keeps two threads from filling it at once.
 */
#include "ldconfig.h"
#include "alloc.h"
#include "lib.h"
#include "path.h"
#include "sys.h"

#define LDCACHE_MAX_SIZE (64u << 20)
#define LDCONF_PATH "/etc/ld.so.conf"
#define LDCONF_MAX_DEPTH 8
#define LDCONF_MAX_FILES 256
/* ld.so.conf files are a few lines; a megabyte is plenty. */
#define LDCONF_MAX_SIZE (1u << 20)

static struct {
	int cache_state;	/* 0: not read yet, 1: usable, -1: not */
	const void *cache;	/* the mapping of the cache file */
	size_t cache_size;
	int conf_read;		/* ld.so.conf has been read */
	char *conf_dirs;	/* its directories, each followed by ':' */
	size_t conf_len, conf_cap;
} ldconfig;

/* Map the cache open on FD if it is one path_cache_check accepts. */
static void map_cache(long fd)
{
	struct stat st;

	if (SYS_FAILED(sys_fstat(fd, &st)) || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || (uint64_t)st.st_size > LDCACHE_MAX_SIZE)
		return;
	void *p = sys_mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (SYS_FAILED(p))
		return;
	if (path_cache_check(p, st.st_size) < 0) {
		sys_munmap(p, st.st_size);
		return;
	}
	ldconfig.cache = p;
	ldconfig.cache_size = st.st_size;
	ldconfig.cache_state = 1;
}

int ldconfig_cache_usable(void)
{
	if (ldconfig.cache_state)
		return ldconfig.cache_state > 0;
	ldconfig.cache_state = -1;
	long fd = sys_open(LDCONFIG_CACHE_PATH, O_RDONLY);
	if (SYS_FAILED(fd))
		return 0;
	map_cache(fd);
	sys_close(fd);
	return ldconfig.cache_state > 0;
}

const char *ldconfig_cache_lookup(const char *name)
{
	return path_cache_lookup(ldconfig.cache, ldconfig.cache_size, name,
				 ARCH_LDCONFIG_FLAGS);
}

static void add_conf_dir(void *ctx, const char *dir, size_t n)
{
	(void)ctx;
	if (ldconfig.conf_len + n + 2 > ldconfig.conf_cap) {
		size_t cap = (ldconfig.conf_cap + n + 2) * 2;
		char *bigger = mem_alloc(cap);

		if (ldconfig.conf_dirs)
			memcpy(bigger, ldconfig.conf_dirs, ldconfig.conf_len);
		mem_free(ldconfig.conf_dirs);
		ldconfig.conf_dirs = bigger;
		ldconfig.conf_cap = cap;
	}
	memcpy(ldconfig.conf_dirs + ldconfig.conf_len, dir, n);
	ldconfig.conf_len += n;
	ldconfig.conf_dirs[ldconfig.conf_len++] = ':';
	ldconfig.conf_dirs[ldconfig.conf_len] = '\0';
}

static void read_conf_file(const char *path, int depth);

/* Sort the matches of an include pattern, as glob(3) would. */
static void sort_names(char **names, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0;
		     j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
}

/*
 * The names in directory DIR that match the pattern BASE, copied into
 * NAMES (at most LDCONF_MAX_FILES; hidden files never match, as in the
 * shell).  Returns how many.
 */
static size_t list_matching(const char *dir, const char *base, char **names)
{
	char buf[2048] __attribute__((aligned(8)));
	size_t count = 0;
	long fd = sys_open(dir, O_RDONLY | O_DIRECTORY);

	if (SYS_FAILED(fd))
		return 0;
	for (;;) {
		long got = sys_getdents64(fd, buf, sizeof(buf));
		if (got <= 0)
			break;
		for (long off = 0; off < got;) {
			struct linux_dirent64_view {
				uint64_t ino;
				int64_t off;
				unsigned short reclen;
				unsigned char type;
				char name[];
			} *e = (void *)(buf + off);

			off += e->reclen;
			if (e->name[0] == '.' || count == LDCONF_MAX_FILES ||
			    !path_glob_match(base, e->name))
				continue;
			names[count++] = mem_strdup(e->name);
		}
	}
	sys_close(fd);
	return count;
}

/* The include pattern PAT (N bytes) as an absolute path in FULL: a
 * relative one is relative to the directory of ld.so.conf. */
static int absolute_pattern(const char *pat, size_t n, char *full)
{
	char rel[PATH_MAX_LEN];

	if (pat[0] == '/') {
		if (n >= PATH_MAX_LEN)
			return -1;
		memcpy(full, pat, n);
		full[n] = '\0';
		return 0;
	}
	if (n >= sizeof(rel))
		return -1;
	memcpy(rel, pat, n);
	rel[n] = '\0';
	return path_join("/etc", 4, rel, full, PATH_MAX_LEN) < 0 ? -1 : 0;
}

/* An "include" line's pattern: read each file it matches, in order. */
static void include_pattern(void *ctx, const char *pat, size_t n)
{
	int depth = *(int *)ctx;
	char full[PATH_MAX_LEN], dir[PATH_MAX_LEN];
	char *names[LDCONF_MAX_FILES];

	if (absolute_pattern(pat, n, full) < 0)
		return;
	if (!strchr(full, '*') && !strchr(full, '?')) {
		read_conf_file(full, depth + 1);
		return;
	}
	if (path_dirname(full, dir, sizeof(dir)) < 0)
		return;
	size_t count = list_matching(dir, strrchr(full, '/') + 1, names);
	sort_names(names, count);
	for (size_t i = 0; i < count; i++) {
		if (path_join(dir, strlen(dir), names[i], full,
			      sizeof(full)) >= 0)
			read_conf_file(full, depth + 1);
		mem_free(names[i]);
	}
}

/* Read PATH, an ld.so.conf file DEPTH includes down, and parse it. */
static void read_conf_file(const char *path, int depth)
{
	if (depth > LDCONF_MAX_DEPTH)
		return;
	long fd = sys_open(path, O_RDONLY);
	if (SYS_FAILED(fd))
		return;

	size_t cap = 4096, len = 0;
	char *text = mem_alloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap >= LDCONF_MAX_SIZE)
				break;
			char *bigger = mem_alloc(cap * 2);
			memcpy(bigger, text, len);
			mem_free(text);
			text = bigger;
			cap *= 2;
		}
		long got = sys_read(fd, text + len, cap - len);
		if (got <= 0)
			break;
		len += got;
	}
	sys_close(fd);
	path_parse_ldconf(text, len, add_conf_dir, include_pattern, &depth);
	mem_free(text);
}

const char *ldconfig_conf_dirs(void)
{
	if (!ldconfig.conf_read) {
		ldconfig.conf_read = 1;
		read_conf_file(LDCONF_PATH, 0);
	}
	return ldconfig.conf_dirs;
}
