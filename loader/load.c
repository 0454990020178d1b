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
 * A name without a slash is searched for in glibc's order:
 *   1. DT_RPATH of the object that needs it, then of the object that
 *      loaded that one, and so on up to the program (only when the
 *      needing object has no DT_RUNPATH);
 *   2. LD_LIBRARY_PATH (or --library-path);
 *   3. DT_RUNPATH of the needing object (not inherited);
 *   4. /etc/ld.so.cache, as glibc's loader does, or without a cache
 *      it can read, the directories listed in /etc/ld.so.conf;
 *   5. the default directories (arch.h), unless DF_1_NODEFLIB.
 * In each directory, the glibc-hwcaps subdirectories for this CPU come
 * first (hwcaps.h).  --inhibit-cache leaves out step 4, --inhibit-rpath
 * the RPATH and RUNPATH of the objects it names.
 */
#include "load.h"
#include "alloc.h"
#include "diag.h"
#include "hwcaps.h"
#include "lib.h"
#include "map.h"
#include "objects.h"
#include "path.h"
#include "secure.h"
#include "sys.h"
#include "tls.h"
#include "trace.h"

struct load_config load_config;

/* The error of the last candidate that could not be opened. */
static long last_open_error;

/* Loading a preload in secure mode: search trusted directories only. */
static int preloading;
/* Loading a preload at all: a missing one is not fatal. */
static int preload_in_progress;
/* Where that preload was named, for the warning. */
static const char *preload_source;

/* How many bytes of D's image are readable from VADDR on. */
static uint64_t bytes_from(const struct dso *d, uint64_t vaddr)
{
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];

		if (p->p_type == PT_LOAD && vaddr >= p->p_vaddr &&
		    vaddr < p->p_vaddr + p->p_memsz)
			return p->p_vaddr + p->p_memsz - vaddr;
	}
	return 0;
}

/* A string from D's DT_STRTAB, or NULL if the offset is bad. */
static const char *dyn_string(const struct dso *d, uint64_t off)
{
	const struct symtab *t = &d->symtab;

	if (off >= t->strsz || !memchr(t->strtab + off, 0, t->strsz - off))
		return NULL;
	return t->strtab + off;
}

#define bad(...) (fmt_format(err, ELF_ERR_SIZE, __VA_ARGS__), -1)

/*
 * A symbol an object defines may carry the index of a version it
 * *needs*: a program's copy of a library variable (a COPY relocation,
 * as /bin/ls has for optind@GLIBC_2.2.5) is defined in the program with
 * the library's version.  The library's own references must bind to
 * that copy, so the table versioned references are matched against
 * holds both kinds, by index, as glibc's l_versions does.
 */
static void merge_needed_versions(struct dso *d)
{
	struct symtab *t = &d->symtab;
	size_t n = t->nverdefs > d->nverneeds ? t->nverdefs : d->nverneeds;

	if (!d->nverneeds)
		return;
	struct version *all = mem_alloc((n + 1) * sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		if (i < t->nverdefs && t->verdefs[i].name)
			all[i] = t->verdefs[i];
		else if (i < d->nverneeds && d->verneeds[i].name)
			all[i] = d->verneeds[i];
	}
	mem_free((void *)t->verdefs);
	t->verdefs = all;
	t->nverdefs = n;
}

/* D's string table, which its names and symbols are read from. */
static int read_string_table(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;
	struct symtab *t = &d->symtab;

	if (di->present[DT_STRTAB]) {
		if (!dso_has_range(d, di->tag[DT_STRTAB], di->tag[DT_STRSZ]))
			return bad("DT_STRTAB lies outside the image");
		t->strtab = dso_addr(d, di->tag[DT_STRTAB]);
		t->strsz = di->tag[DT_STRSZ];
	}
	return 0;
}

/* The rest of D's struct symtab: hash tables, symbols, versions. */
static int read_symbol_tables(struct dso *d, char *err)
{
	const struct dyn_info *di = &d->dyn;
	struct symtab *t = &d->symtab;
	uint64_t avail;

	if (di->gnu_hash) {
		avail = bytes_from(d, di->gnu_hash);
		if (di->gnu_hash % 8)
			return bad("misaligned DT_GNU_HASH");
		t->gnu_hash = dso_addr(d, di->gnu_hash);
		t->nsyms = sym_gnu_hash_nsyms(t->gnu_hash, avail / 4);
		if (t->nsyms == 0)
			return bad("malformed DT_GNU_HASH table");
	}
	if (di->present[DT_HASH]) {
		avail = bytes_from(d, di->tag[DT_HASH]);
		if (di->tag[DT_HASH] % 4)
			return bad("misaligned DT_HASH");
		t->sysv_hash = dso_addr(d, di->tag[DT_HASH]);
		/*
		 * Only the header is checked here, which also makes sure the
		 * whole table lies in the image.  Checking every bucket and
		 * chain entry would cost a step per symbol of every object,
		 * most of which no look-up ever reaches (a lazy program binds
		 * nothing at start-up); find_sysv checks each entry as it
		 * reads it instead.  With DT_GNU_HASH beside it (libc.so.6 has
		 * both), DT_HASH is never searched, and its nchain does not
		 * count: the GNU table's bound is the one its chains were
		 * checked against.
		 */
		size_t nchain = sym_sysv_hash_nchain(t->sysv_hash, avail / 4);
		if (nchain == 0)
			return bad("malformed DT_HASH table");
		if (!t->gnu_hash)
			t->nsyms = nchain;
	}
	if (t->nsyms && (!di->present[DT_SYMTAB] || !t->strtab))
		return bad("hash table without DT_SYMTAB or DT_STRTAB");
	if (di->present[DT_SYMTAB]) {
		/*
		 * The hash tables bound the symbols a look-up can reach, but
		 * not the undefined ones after them (GNU ld's DT_GNU_HASH
		 * does not count those), which relocations may name: for
		 * those, the segment's end is the only bound there is.
		 */
		if (di->tag[DT_SYMTAB] % 8)
			return bad("misaligned DT_SYMTAB");
		d->nsyms_reloc = bytes_from(d, di->tag[DT_SYMTAB]) /
				 sizeof(Elf64_Sym);
		if (d->nsyms_reloc < t->nsyms)
			return bad("DT_SYMTAB lies outside the image");
		t->syms = dso_addr(d, di->tag[DT_SYMTAB]);
	}
	if (di->versym) {
		if (di->versym % 2)
			return bad("misaligned DT_VERSYM");
		t->nversym = bytes_from(d, di->versym) / 2;
		if (t->nversym < t->nsyms)
			return bad("DT_VERSYM lies outside the image");
		t->versym = dso_addr(d, di->versym);
	}
	/* The version records are read as 32-bit words. */
	if (di->verdef % 4 || di->verneed % 4)
		return bad("misaligned DT_VERDEF or DT_VERNEED");
	if (di->verdef && t->strtab) {
		const void *vd = dso_addr(d, di->verdef);
		avail = bytes_from(d, di->verdef);
		/*
		 * Linkers number the definitions 1..DT_VERDEFNUM, so a
		 * table that large nearly always fits: one pass.  Otherwise
		 * (or for a malformed table) count first, then read.
		 */
		struct version *v = NULL;
		long n = -1;
		if (di->verdefnum < 4096) {
			v = mem_alloc((di->verdefnum + 2) * sizeof(*v));
			n = sym_read_verdefs(vd, avail, di->verdefnum, t->strtab,
					     t->strsz, v, di->verdefnum + 2);
		}
		if (n < 0) {
			mem_free(v);
			n = sym_read_verdefs(vd, avail, di->verdefnum, t->strtab,
					     t->strsz, NULL, 0);
			if (n < 0)
				return bad("malformed DT_VERDEF");
			v = mem_alloc((n + 1) * sizeof(*v));
			sym_read_verdefs(vd, avail, di->verdefnum, t->strtab,
					 t->strsz, v, n + 1);
		}
		t->verdefs = v;
		t->nverdefs = n;
	}
	if (di->verneed && t->strtab) {
		const void *vn = dso_addr(d, di->verneed);
		avail = bytes_from(d, di->verneed);
		long n = sym_read_verneeds(vn, avail, di->verneednum,
					   t->strtab, t->strsz, NULL, 0);
		if (n < 0)
			return bad("malformed DT_VERNEED");
		d->verneeds = mem_alloc((n + 1) * sizeof(*d->verneeds));
		sym_read_verneeds(vn, avail, di->verneednum, t->strtab,
				  t->strsz, d->verneeds, n + 1);
		d->nverneeds = n;
	}
	merge_needed_versions(d);
	return 0;
}

/* Decode D's dynamic section and read what it points to. */
int load_read_dynamic(struct dso *d, char *err)
{
	struct dyn_info *di = &d->dyn;

	if (!d->dynv)
		return tls_register(d, err);
	elf_decode_dynamic(d->dynv, d->dyn_count, di);
	if (read_string_table(d, err) || read_symbol_tables(d, err))
		return -1;

	if (di->present[DT_SONAME]) {
		d->soname = dyn_string(d, di->tag[DT_SONAME]);
		if (!d->soname)
			return bad("bad DT_SONAME string offset");
	}
	for (size_t i = 0; ARCH_DT_PLT_CHECK && i < d->dyn_count &&
			   d->dynv[i].d_tag != DT_NULL; i++)
		if (d->dynv[i].d_tag == ARCH_DT_PLT_CHECK)
			d->plt_check = 1;
	uint64_t flags = di->tag[DT_FLAGS];
	d->symbolic = di->present[DT_SYMBOLIC] || (flags & DF_SYMBOLIC);
	d->textrel = di->present[DT_TEXTREL] || (flags & DF_TEXTREL);
	d->bind_now = di->present[DT_BIND_NOW] || (flags & DF_BIND_NOW) ||
		      (di->flags_1 & DF_1_NOW);
	/* Both present: DT_RPATH is ignored, as the gABI asks. */
	if (di->present[DT_RUNPATH]) {
		d->runpath = dyn_string(d, di->tag[DT_RUNPATH]);
		if (!d->runpath)
			return bad("bad DT_RUNPATH string offset");
	} else if (di->present[DT_RPATH]) {
		d->rpath = dyn_string(d, di->tag[DT_RPATH]);
		if (!d->rpath)
			return bad("bad DT_RPATH string offset");
	}
	return tls_register(d, err);
}

void load_adopt_loader_names(struct dso *d)
{
	/* The same string the linker wrote into myld's DT_SONAME (see
	 * loader/meson.build). */
	d->soname = MYLD_SONAME;
	d->dynamic_deferred = 1;
}

/*
 * The rest of myld's dynamic section, the first time an object names
 * myld.  Until then myld is not in the global scope and no look-up can
 * reach it, so a program that uses none of its functions never pays
 * for reading its symbol and version tables.
 */
static void load_read_loader_dynamic(void)
{
	char err[ELF_ERR_SIZE];

	if (!dso_loader->dynamic_deferred)
		return;
	dso_loader->dynamic_deferred = 0;
	if (load_read_dynamic(dso_loader, err))
		diag_die("myld", "%s", err);
}

#undef bad

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
	char buf[PATH_MAX_LEN], abs[PATH_MAX_LEN];
	const char *path = d->path;

	/* In secure mode $ORIGIN is not trusted: the invoking user may
	 * have hard-linked the program into a directory of theirs. */
	if (load_config.secure)
		return NULL;
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

static struct dso *find_loaded_by_name(const char *name, size_t len,
				       int is_path)
{
	if (is_path) {
		for (struct dso *d = dso_list; d; d = d->next) {
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

static struct dso *find_loaded_by_file(uint64_t dev, uint64_t ino)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->ino && d->dev == dev && d->ino == ino)
			return d;
	return NULL;
}

/*
 * Open PATH (LEN bytes) and map it.  Returns the new dso, or NULL.  A
 * file that does not exist or belongs to another machine yields NULL
 * quietly (*FATAL stays 0) so the search goes on; any other problem is
 * reported in ERR and sets *FATAL.  An already loaded file (same device
 * and inode) is returned as it is, with *FATAL left 0 and *EXISTING set.
 * The new dso's path is a copy of PATH, or with SHARED, PATH itself:
 * the name it is loaded under, which outlives it (see load_named).
 */
static struct dso *open_path(const char *path, size_t len, int shared,
			     char *err, int *fatal, int *existing)
{
	enum elf_verdict verdict;
	struct stat st;
	TRACE(LIBS, "  trying file=%s", path);
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	long fd = sys_open(path, O_RDONLY | O_NONBLOCK);

	*fatal = 0;
	*existing = 0;
	last_open_error = SYS_FAILED(fd) ? fd : 0;
	if (SYS_FAILED(fd)) {
		if (fd == -ENOENT || fd == -ENOTDIR || fd == -EACCES)
			return NULL;
		fmt_format(err, ELF_ERR_SIZE, "cannot open: %s",
			   diag_strerror(fd));
		*fatal = 1;
		return NULL;
	}
	if (preloading && (SYS_FAILED(sys_fstat(fd, &st)) ||
			   !(st.st_mode & S_ISUID))) {
		/* Secure mode preloads only libraries marked for it with the
		 * set-user-ID bit, as glibc: a trusted directory may still
		 * hold libraries that are unsafe in a privileged process. */
		sys_close(fd);
		last_open_error = -ENOENT;
		return NULL;
	}
	if (!SYS_FAILED(sys_fstat(fd, &st))) {
		struct dso *same = find_loaded_by_file(st.st_dev, st.st_ino);
		if (same) {
			sys_close(fd);
			*existing = 1;
			return same;
		}
	}
	struct dso *d = map_object(fd, err, &verdict);
	sys_close(fd);
	if (!d && verdict == ELF_BAD)
		*fatal = 1;
	if (d)
		d->path = shared ? path : mem_strndup(path, len);
	return d;
}

/* open_path for a path built in a buffer of the search. */
static struct dso *open_candidate(const char *path, size_t len, char *err,
				  int *fatal, int *existing)
{
	return open_path(path, len, 0, err, fatal, existing);
}

/*
 * NAME in directory DIR (DIRLEN bytes), into PATH: first in each of the
 * glibc-hwcaps subdirectories, then in DIR itself.
 */
static struct dso *search_dir(const char *dir, size_t dirlen,
			      const char *name, char *path, char *err,
			      int *fatal, int *existing)
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
		n = path_join(hwdir, n + sublen, name, path, PATH_MAX_LEN);
		struct dso *d = n < 0 ? NULL : open_candidate(path, n, err,
							      fatal, existing);
		if (d || *fatal)
			return d;
	}
	long n = path_join(dir, dirlen, name, path, PATH_MAX_LEN);
	return n < 0 ? NULL : open_candidate(path, n, err, fatal, existing);
}

/*
 * Search the directories of LIST (expanded for OWNER's tokens).  WHY and
 * OWNER name the list in the trace, as glibc's LD_DEBUG=libs does.
 */
static struct dso *search_list(const char *list, struct dso *owner,
			       const char *why, const char *name, char *path,
			       char *err, int *fatal, int *existing)
{
	char dir[PATH_MAX_LEN];
	struct path_tokens tok = {
		.origin = NULL,
		.lib = ARCH_LIB,
		.platform = load_config.platform,
	};
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
	if (strchr(list, '$'))
		tok.origin = owner ? load_origin(owner) : NULL;
	for (; (elem = path_next(list, 0, &len, &rest)); list = rest) {
		long dirlen = path_expand(elem, len, &tok, dir, sizeof(dir));

		if (dirlen < 0)
			continue;
		struct dso *d = search_dir(dir, dirlen, name, path, err,
					   fatal, existing);
		if (d || *fatal)
			return d;
	}
	return NULL;
}

/*
 * The directories of /etc/ld.so.conf, read when first needed, as one
 * ':'-separated list.
 */
static char *ldconf_dirs;
static size_t ldconf_len, ldconf_cap;

static void ldconf_add_dir(void *ctx, const char *dir, size_t n)
{
	(void)ctx;
	if (ldconf_len + n + 2 > ldconf_cap) {
		size_t cap = (ldconf_cap + n + 2) * 2;
		char *bigger = mem_alloc(cap);

		if (ldconf_dirs)
			memcpy(bigger, ldconf_dirs, ldconf_len);
		mem_free(ldconf_dirs);
		ldconf_dirs = bigger;
		ldconf_cap = cap;
	}
	memcpy(ldconf_dirs + ldconf_len, dir, n);
	ldconf_len += n;
	ldconf_dirs[ldconf_len++] = ':';
	ldconf_dirs[ldconf_len] = '\0';
}

static void ldconf_read_file(const char *path, int depth);

/* Compare for sorting the matches of an include pattern. */
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

#define LDCONF_MAX_DEPTH 8
#define LDCONF_MAX_FILES 256

static void ldconf_include(void *ctx, const char *pat, size_t n)
{
	int depth = *(int *)ctx;
	char full[PATH_MAX_LEN], dir[PATH_MAX_LEN];
	char buf[2048] __attribute__((aligned(8)));
	char *names[LDCONF_MAX_FILES];
	size_t count = 0;

	/* A relative pattern is relative to the directory of ld.so.conf. */
	if (pat[0] == '/') {
		if (n >= sizeof(full))
			return;
		memcpy(full, pat, n);
		full[n] = '\0';
	} else {
		char rel[PATH_MAX_LEN];

		if (n >= sizeof(rel))
			return;
		memcpy(rel, pat, n);
		rel[n] = '\0';
		if (path_join("/etc", 4, rel, full, sizeof(full)) < 0)
			return;
	}
	if (!strchr(full, '*') && !strchr(full, '?')) {
		ldconf_read_file(full, depth + 1);
		return;
	}
	if (path_dirname(full, dir, sizeof(dir)) < 0)
		return;
	const char *base = strrchr(full, '/') + 1;
	long fd = sys_open(dir, O_RDONLY | O_DIRECTORY);
	if (SYS_FAILED(fd))
		return;
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
	sort_names(names, count);
	for (size_t i = 0; i < count; i++) {
		if (path_join(dir, strlen(dir), names[i], full,
			      sizeof(full)) >= 0)
			ldconf_read_file(full, depth + 1);
		mem_free(names[i]);
	}
}

static void ldconf_read_file(const char *path, int depth)
{
	if (depth > LDCONF_MAX_DEPTH)
		return;
	long fd = sys_open(path, O_RDONLY);
	if (SYS_FAILED(fd))
		return;

	/* ld.so.conf files are a few lines; a megabyte is plenty. */
	size_t cap = 4096, len = 0;
	char *text = mem_alloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap >= (1 << 20))
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
	path_parse_ldconf(text, len, ldconf_add_dir, ldconf_include, &depth);
	mem_free(text);
}

static const char *ldconf_list(void)
{
	static int read_done;

	if (!read_done) {
		read_done = 1;
		ldconf_read_file("/etc/ld.so.conf", 0);
	}
	return ldconf_dirs;
}

/*
 * /etc/ld.so.cache, mapped when first needed.  glibc's loader looks
 * names up there rather than in the directories of /etc/ld.so.conf, from
 * which ldconfig built it; so does myld, and it reads ld.so.conf only
 * when there is no cache it can read.  The mapping is kept: dlopen may
 * need it later.
 */
#define LDCACHE_PATH "/etc/ld.so.cache"
#define LDCACHE_MAX_SIZE (64u << 20)

static const void *ldcache;
static size_t ldcache_size;

static int ldcache_usable(void)
{
	static int state;	/* 0: not read yet, 1: usable, -1: not */
	struct stat st;

	if (state)
		return state > 0;
	state = -1;
	long fd = sys_open(LDCACHE_PATH, O_RDONLY);
	if (SYS_FAILED(fd))
		return 0;
	if (!SYS_FAILED(sys_fstat(fd, &st)) && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uint64_t)st.st_size <= LDCACHE_MAX_SIZE) {
		void *p = sys_mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE,
				   fd, 0);

		if (!SYS_FAILED(p) && path_cache_check(p, st.st_size) < 0)
			sys_munmap(p, st.st_size);
		else if (!SYS_FAILED(p)) {
			ldcache = p;
			ldcache_size = st.st_size;
			state = 1;
		}
	}
	sys_close(fd);
	return state > 0;
}

/*
 * Step 4 of the search: the cache, or, without one, the directories of
 * /etc/ld.so.conf.
 */
static struct dso *search_system(const char *name, char *path, char *err,
				 int *fatal, int *existing)
{
	if (load_config.inhibit_cache)
		return NULL;
	if (!ldcache_usable())
		return search_list(ldconf_list(), NULL, "from /etc/ld.so.conf",
				   name, path, err, fatal, existing);
	TRACE(LIBS, " search cache=%s", LDCACHE_PATH);
	const char *found = path_cache_lookup(ldcache, ldcache_size, name,
					      PATH_CACHE_FLAGS);
	size_t len = found ? strlen(found) : 0;
	if (!found || len >= PATH_MAX_LEN)
		return NULL;
	memcpy(path, found, len + 1);
	return open_candidate(path, len, err, fatal, existing);
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

/*
 * Does NAME, whose last component is BASE (BASE_LEN bytes), designate
 * myld itself?  Objects that use the loader's own functions
 * (__tls_get_addr, later the dlfcn API) name the system loader in
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
	load_read_loader_dynamic();
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
 * load_library, for NAME of LEN bytes whose last '/' is SLASH and first
 * '$' is DOLLAR (NULL when it has none).
 */
static struct dso *load_named(const char *name, size_t len, const char *slash,
			      const char *dollar, struct dso *requester,
			      int needed)
{
	char path[PATH_MAX_LEN], err[ELF_ERR_SIZE];
	struct dso *d = NULL;
	int fatal = 0, existing = 0;
	const char *base = slash ? slash + 1 : name;
	const char *file = path;	/* the file tried last, for messages */
	/*
	 * Does NAME outlive the dso?  A preload's is a copy of its own that
	 * nothing frees, and dlopen's becomes the dso's (name_owned, see
	 * objects_free_unlisted).  A DT_NEEDED name lies in its requester's string
	 * table, which a dlclose may unmap first.
	 */
	int name_lasts = preload_in_progress || !needed;

	struct dso *known = find_loaded_by_name(name, len, slash != NULL);
	if (known)
		return known;
	if (names_loader(name, base, len - (size_t)(base - name)))
		return load_self(name);

	if (needed)
		TRACE(FILES, "file=%s [0];  needed by %s [0]", name,
		      requester->path);
	else
		TRACE(FILES, "file=%s [0];  dynamically loaded by %s [0]",
		      name, requester->path);
	path[0] = '\0';
	if (slash && !dollar && name_lasts) {
		/* The file is NAME as it is: it becomes the dso's path too,
		 * rather than a second copy of the same bytes. */
		file = name;
		if (len < PATH_MAX_LEN)
			d = open_path(name, len, 1, err, &fatal, &existing);
	} else if (slash) {
		/* A path, possibly with tokens: no search at all. */
		long n = expand_path_name(name, len, dollar, requester, path);

		if (n >= 0)
			d = open_candidate(path, n, err, &fatal, &existing);
	} else if (preloading) {
		/* glibc's places for a privileged preload: the program's own
		 * RPATH or RUNPATH (without $ORIGIN) and the default
		 * directories; not the cache. */
		if (!requester->runpath)
			d = search_list(requester->rpath, requester, "RPATH",
					name, path, err, &fatal, &existing);
		if (!d && !fatal)
			d = search_list(requester->runpath, requester,
					"RUNPATH", name, path, err, &fatal,
					&existing);
		if (!d && !fatal)
			d = search_list(ARCH_DEFAULT_LIBRARY_DIRS, NULL,
					"system search path", name, path, err,
					&fatal, &existing);
	} else {
		TRACE(LIBS, "find library=%s [0]; searching", name);
		if (!requester->runpath) {
			for (struct dso *o = requester; o && !d && !fatal;
			     o = o->loaded_by)
				d = search_list(own_paths(o, o->rpath), o,
						"RPATH", name,
						path, err, &fatal, &existing);
		}
		if (!d && !fatal)
			d = search_list(load_config.library_path, dso_program,
					"LD_LIBRARY_PATH", name, path, err,
					&fatal, &existing);
		if (!d && !fatal)
			d = search_list(own_paths(requester,
						  requester->runpath),
					requester, "RUNPATH", name, path, err,
					&fatal, &existing);
		int nodeflib = requester->dyn.flags_1 & DF_1_NODEFLIB;
		if (!d && !fatal && !nodeflib)
			d = search_system(name, path, err, &fatal, &existing);
		if (!d && !fatal && !nodeflib)
			d = search_list(ARCH_DEFAULT_LIBRARY_DIRS, NULL,
					"system search path", name, path, err,
					&fatal, &existing);
	}
	if (preload_in_progress && !load_config.trace && (fatal || !d)) {
		/* glibc's words: a preload that cannot be had is ignored. */
		diag_printf(2, "ERROR: myld: object '%s' from %s cannot be "
			    "preloaded (%s): ignored.\n", name, preload_source,
			    fatal ? err : "cannot open shared object file");
		return NULL;
	}
	if (fatal) {
		diag_fail(file, "%s", err);
		return NULL;
	}
	if (existing)
		return d;
	if (!d) {
		if (!load_config.trace && slash) {
			/* A path names one file: say why it could not be
			 * opened, rather than that a search failed. */
			if (needed)
				diag_fail(file[0] ? file : name, "cannot "
					  "open: %s (needed by %s)",
					  diag_strerror(last_open_error),
					  requester->path);
			else
				diag_fail(file[0] ? file : name,
					  "cannot open: %s",
					  diag_strerror(last_open_error));
			return NULL;
		}
		if (!load_config.trace) {
			/* glibc's words, which programs print from dlerror
			 * and people search for. */
			if (needed)
				diag_fail(name, "cannot open shared object "
					  "file: No such file or directory "
					  "(needed by %s)", requester->path);
			else
				diag_fail(name, "cannot open shared object "
					  "file: No such file or directory");
			return NULL;
		}
		/* --list shows it as "not found" and goes on. */
		d = mem_alloc(sizeof(*d));
		d->kind = DSO_LIBRARY;
		d->name = name;
		objects_append(d);
		return NULL;
	}
	d->kind = DSO_LIBRARY;
	d->name = name;
	/* The file's name, unless a token in it changed on expansion. */
	if (!dollar || dollar < slash)
		d->file_name = slash ? slash + 1 : name;
	d->loaded_by = requester;
	if (load_read_dynamic(d, err)) {
		diag_fail(d->path, "%s", err);
		objects_free_unlisted(d);
		return NULL;
	}
	objects_append(d);
	if (trace_mask & TRACE_FILES) {
		trace_printf("%s", "");
		trace_printf("file=%s [0];  generating link map", name);
		trace_printf("  dynamic: 0x%016lx  base: 0x%016lx   size: "
			     "0x%016lx", (unsigned long)d->dynv,
			     (unsigned long)d->base, (unsigned long)d->map_len);
		trace_printf("    entry: 0x%016lx  phdr: 0x%016lx  phnum: "
			     "%18lu", (unsigned long)d->entry,
			     (unsigned long)d->phdr, (unsigned long)d->phnum);
		trace_printf("%s", "");
	}
	return d;
}

struct dso *load_library(const char *name, struct dso *requester,
			 int needed)
{
	const char *slash, *dollar;
	size_t len = str_scan_name(name, &slash, &dollar);

	return load_named(name, len, slash, dollar, requester, needed);
}

struct dso *load_program_file(const char *path)
{
	char err[ELF_ERR_SIZE];
	enum elf_verdict verdict;
	long fd = sys_open(path, O_RDONLY | O_NONBLOCK);

	if (SYS_FAILED(fd))
		diag_die(path, "cannot open: %s", diag_strerror(fd));
	struct dso *d = map_object(fd, err, &verdict);
	sys_close(fd);
	if (!d)
		diag_die(path, "%s", err);
	d->kind = DSO_PROGRAM;
	d->name = path;
	d->path = path;
	if (load_read_dynamic(d, err))
		diag_die(path, "%s", err);
	return d;
}

/*
 * Does LIB define the version NEED names?  Through a table of LIB's
 * definitions by hash, built the first time: a program asks libc.so.6
 * for twenty of its forty versions, which scans would look at ten times
 * as often.
 */
static int defines_version(struct dso *lib, const struct version *need)
{
	const struct version *defs = lib->symtab.verdefs;
	size_t nv = lib->symtab.nverdefs;	/* at most 65,536: 16-bit */

	if (!lib->verdefs_by_hash) {
		size_t size = 2;

		while (size < 2 * nv)
			size *= 2;
		lib->verdefs_by_hash = mem_alloc(size * sizeof(uint16_t));
		lib->verdefs_mask = (uint32_t)(size - 1);
		/* Index 0 is never a definition, so 0 marks a free slot.
		 * (Entries with a file are needed, not defined.) */
		for (size_t v = 1; v < nv; v++) {
			if (!defs[v].name || defs[v].file)
				continue;
			uint32_t slot = defs[v].hash & lib->verdefs_mask;
			while (lib->verdefs_by_hash[slot])
				slot = (slot + 1) & lib->verdefs_mask;
			lib->verdefs_by_hash[slot] = (uint16_t)v;
		}
	}
	for (uint32_t slot = need->hash & lib->verdefs_mask;
	     lib->verdefs_by_hash[slot];
	     slot = (slot + 1) & lib->verdefs_mask) {
		const struct version *def = &defs[lib->verdefs_by_hash[slot]];

		if (def->hash == need->hash &&
		    sym_names_equal(def->name, need->name))
			return 1;
	}
	return 0;
}

/* Check that every version D requires is defined by the library. */
static void check_versions(struct dso *d)
{
	/* The versions needed from one library share its name string. */
	const char *file = NULL;
	struct dso *lib = NULL;

	for (size_t i = 0; i < d->nverneeds; i++) {
		const struct version *need = &d->verneeds[i];

		if (!need->name)
			continue;
		TRACE(VERSIONS, "checking for version `%s' in file %s [0] "
		      "required by file %s [0]", need->name, need->file,
		      d->path);
		if (need->file != file) {
			file = need->file;
			lib = NULL;
			for (size_t k = 0; k < d->ndeps && !lib; k++) {
				struct dso *dep = d->deps[k];

				if ((dep->soname &&
				     sym_names_equal(dep->soname, need->file)) ||
				    (dep->name &&
				     sym_names_equal(dep->name, need->file)))
					lib = dep;
			}
		}
		/* A library with no version definitions at all predates
		 * versioning; glibc accepts it, and so do we. */
		if (!lib || !lib->dyn.verdef)	/* no versions to check */
			continue;

		if (defines_version(lib, need))
			continue;
		if (need->flags & VER_FLG_WEAK)
			diag_warn(lib->path, "weak version %s not found "
				  "(required by %s)", need->name, d->path);
		else
			diag_error(lib->path, "version %s not found "
				   "(required by %s)", need->name, d->path);
	}
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
			const char *name = dyn_string(d, d->dynv[i].d_un.d_val);
			if (!name)
				return diag_fail(d->path,
						 "bad DT_NEEDED string offset");
			struct dso *dep = load_library(name, d, 1);
			if (!dep && !load_config.trace)
				return -1;
			if (dep && dep != d)
				d->deps[d->ndeps++] = dep;
		}
	}
	for (struct dso *d = first; d; d = d->next)
		check_versions(d);
	return diag_failed() ? -1 : 0;
}

void load_dependencies(void)
{
	const char *elem, *rest, *slash, *dollar;
	const char *list = load_config.preload;
	size_t len;

	for (; list && (elem = path_next_name(list, &len, &rest, &slash,
					      &dollar)); list = rest) {
		/*
		 * A copy, which the dso keeps as its name (and path): the
		 * program may write over its environment, as setproctitle
		 * does.  The scan's pointers move with it.
		 */
		char *name = mem_strndup(elem, len);

		/*
		 * In secure mode only plain names are preloaded, from the
		 * trusted places (the program's RPATH or RUNPATH and the
		 * default directories), and only set-user-ID files.
		 */
		if (load_config.secure && !secure_preload_allowed(name)) {
			mem_free(name);
			continue;
		}
		preloading = load_config.secure;
		preload_in_progress = 1;
		preload_source = (size_t)(elem - load_config.preload) <
						 load_config.preload_env_len
					 ? "LD_PRELOAD"
					 : "--preload";
		load_named(name, len, slash ? name + (slash - elem) : NULL,
			   dollar ? name + (dollar - elem) : NULL, dso_program,
			   1);
		preload_in_progress = preloading = 0;
	}
	load_needed_from(dso_list);
	diag_exit_if_failed();
	/* Everything loaded at start-up is in the global scope. */
	for (struct dso *d = dso_list; d; d = d->next)
		d->global = 1;
}
