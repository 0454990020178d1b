/* SPDX-License-Identifier: MIT */
/*
 * loader/launch_cache.c - recording and replaying the start-up's symbol
 * look-ups.  See launch_cache.h, and docs/launch-cache.md for why each
 * rule is there.
 *
 * The entry of a program is found by its key: a text naming everything
 * besides the files that decides what the look-ups find (the program's
 * file, LD_LIBRARY_PATH, the preloads, LD_BIND_NOW, the options, myld's
 * own build).  It is used only when the objects loaded now are, in the
 * same order, the files it recorded: same path, device, inode, size,
 * modification and change times and build-id, all of which map.c's
 * fstat and the mapped image already give.  Then the look-ups of
 * stage 6 happen in the same order as when it was recorded, and the
 * n-th is answered by the n-th binding, once its check matches the
 * question.  Any doubt sends every later look-up the normal way.
 *
 * Files are read and written by launch_cache_file.c.
 */
#include "launch_cache.h"
#include "launch_cache_file.h"
#include "search_places.h"
#include "alloc.h"
#include "diag.h"
#include "dso.h"
#include "lib.h"
#include "load.h"
#include "sys.h"
#include "trace.h"

enum launch_cache_mode launch_cache_mode;

/* The state of this start-up's cache (launch_cache_file.h). */
struct launch_cache lc;
struct launch_cache_paths lc_paths COLD_BUFFER;
struct launch_cache_tape launch_cache_tape;
struct dso **launch_cache_objects;
uint32_t launch_cache_tape_objects;

/* ---- the key ---- */

/* The key being built: a block of CAP bytes, LEN used. */
struct key_text {
	char *buf;
	size_t len, cap;
};

static void key_put(struct key_text *k, const char *s, size_t n)
{
	if (n > k->cap - 1 - k->len)
		n = k->cap - 1 - k->len;
	memcpy(k->buf + k->len, s, n);
	k->len += n;
}

static void key_put_number(struct key_text *k, uint64_t v)
{
	char digits[24];
	size_t i = sizeof(digits);

	do
		digits[--i] = '0' + v % 10;
	while ((v /= 10));
	key_put(k, digits + i, sizeof(digits) - i);
}

/* Append "NAME=<length>:VALUE\n": lengths keep any value unambiguous.
 * (Built by hand: the key is made at every start.) */
static void key_add(struct key_text *k, const char *name, const char *value)
{
	size_t n = value ? strlen(value) : 0;

	key_put(k, name, strlen(name));
	key_put(k, "=", 1);
	key_put_number(k, n);
	key_put(k, ":", 1);
	key_put(k, value, n);
	key_put(k, "\n", 1);
}

static void hex(char *out, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* D's build-id, from its PT_NOTE segments in memory. */
static size_t build_id_of(const struct dso *d, const uint8_t **id)
{
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];
		size_t n;

		if (p->p_type != PT_NOTE || p->p_align > 8 || p->p_vaddr % 4 ||
		    !dso_has_range(d, p->p_vaddr, p->p_filesz))
			continue;
		n = lcf_find_build_id(dso_addr(d, p->p_vaddr), p->p_filesz, id);
		if (n)
			return n;
	}
	return 0;
}

static void make_key(uint64_t prog_dev, uint64_t prog_ino)
{
	const char *strings[] = { load_config.library_path, load_config.preload,
				  load_config.inhibit_rpath,
				  places_subdirs(),
				  load_config.platform };
	struct key_text k = { .cap = 512 };
	char id[2 * LCF_BUILD_ID_MAX + 1] = "";
	const uint8_t *bytes;
	size_t n = build_id_of(dso_loader, &bytes);

	for (size_t i = 0; i < ARRAY_SIZE(strings); i++)
		k.cap += strings[i] ? 2 * strlen(strings[i]) : 0;
	k.buf = mem_alloc(k.cap);
	if (n)
		hex(id, bytes, n);
	key_add(&k, "format", "1");
	key_add(&k, "myld-build-id", id);
	key_put(&k, "program=", 8);
	key_put_number(&k, prog_dev);
	key_put(&k, ":", 1);
	key_put_number(&k, prog_ino);
	key_put(&k, "\n", 1);
	key_add(&k, "library-path", load_config.library_path);
	key_add(&k, "preload", load_config.preload);
	key_add(&k, "bind-now", load_config.bind_now ? "1" : "0");
	key_add(&k, "inhibit-cache", load_config.inhibit_cache ? "1" : "0");
	key_add(&k, "inhibit-rpath", load_config.inhibit_rpath);
	key_add(&k, "hwcaps", places_subdirs());
	key_add(&k, "platform", load_config.platform);
	/* Tracing makes each relocation look its symbol up (reloc.c), so
	 * the look-ups come in another number. */
	key_add(&k, "tracing", trace_mask ? "1" : "0");
	lc.key = k.buf;
	lc.key_size = k.len + 1;
}

/* FNV-1a of the key, for the entry's file name. */
static uint64_t key_hash(void)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (const char *p = lc.key; *p; p++)
		h = (h ^ (uint8_t)*p) * 0x100000001b3ull;
	return h;
}

/* ---- the objects ---- */

/*
 * What the entry records of D.  The program the kernel mapped was not
 * opened by myld: lc.program_st stands in for the fstat map.c makes.
 */
static void identity_of(const struct dso *d, struct lcf_object *o)
{
	const uint8_t *id;

	*o = (struct lcf_object){ .dev = d->dev, .ino = d->ino,
				  .size = d->file_size,
				  .mtime_ns = d->file_mtime_ns,
				  .ctime_ns = d->file_ctime_ns };
	if (d->from_kernel && d == dso_program)
		*o = lc.program_id;
	o->build_id_len = build_id_of(d, &id);
	memcpy(o->build_id, id, o->build_id_len);
}

static const char *path_of(const struct dso *d)
{
	return d->path ? d->path : "";
}

/* Number the start-up's objects and note what each is; -1 when there
 * are too many for the format. */
static int list_objects(void)
{
	size_t n = 0;

	for (struct dso *d = dso_list; d; d = d->next)
		n++;
	if (n > LCF_MAX_OBJECTS)
		return -1;
	lc.objects = mem_alloc(n * sizeof(*lc.objects));
	lc.ids = mem_alloc(n * sizeof(*lc.ids));
	for (struct dso *d = dso_list; d; d = d->next) {
		d->launch_index = lc.nobjects;
		lc.objects[lc.nobjects] = d;
		identity_of(d, &lc.ids[lc.nobjects++]);
	}
	return 0;
}

/* Does the entry V describe the objects loaded now?  If not, WHY says
 * which differs. */
static int entry_matches(const struct lcf_view *v, char *why, size_t size)
{
	if (v->header->key_size != lc.key_size ||
	    memcmp(v->key, lc.key, lc.key_size)) {
		fmt_format(why, size, "stale: its key differs (a hash "
			   "collision)");
		return 0;
	}
	if (v->nobjects != lc.nobjects) {
		fmt_format(why, size, "stale: %lu objects were loaded, %lu "
			   "now",
			   (unsigned long)v->nobjects,
			   (unsigned long)lc.nobjects);
		return 0;
	}
	for (size_t i = 0; i < lc.nobjects; i++) {
		const struct lcf_object *was = &v->objects[i], *now = &lc.ids[i];

		if (strcmp(lcf_object_path(v, i), path_of(lc.objects[i])) ||
		    was->dev != now->dev || was->ino != now->ino ||
		    was->size != now->size || was->mtime_ns != now->mtime_ns ||
		    was->ctime_ns != now->ctime_ns ||
		    was->build_id_len != now->build_id_len ||
		    memcmp(was->build_id, now->build_id, now->build_id_len)) {
			fmt_format(why, size, "stale: object %lu (%s) is not "
				   "the file recorded", (unsigned long)i,
				   path_of(lc.objects[i]));
			return 0;
		}
	}
	return 1;
}

/* ---- start-up ---- */

/*
 * Set up lc for the objects loaded now: settings, key, identities.
 * Returns 0, or -1 when the cache is off (said in WHY).
 */
static int prepare(const struct launch_cache_start *s, char *why, size_t size)
{
	why[0] = '\0';
	if (s->secure) {
		fmt_format(why, size, "not used in secure mode");
		return -1;
	}
	if (lc_file_settings(s, why, size) < 0)
		return -1;
	if (dso_program->from_kernel) {
		/* Not opened by myld: one stat of the file it was run as. */
		struct stat st;
		const char *exe = (const char *)s->at[AT_EXECFN];

		if (!exe || SYS_FAILED(sys_stat(exe, &st))) {
			fmt_format(why, size, "cannot stat the program");
			return -1;
		}
		lc.program_id = (struct lcf_object){
			.dev = st.st_dev, .ino = st.st_ino, .size = st.st_size,
			.mtime_ns = (int64_t)st.st_mtime * 1000000000 +
				    st.st_mtime_nsec,
			.ctime_ns = (int64_t)st.st_ctime * 1000000000 +
				    st.st_ctime_nsec };
	}
	if (list_objects() < 0) {
		fmt_format(why, size, "too many objects");
		return -1;
	}
	make_key(lc.ids[0].dev, lc.ids[0].ino);
	lc_file_name(key_hash());
	return 0;
}

/*
 * Load the program's entry into lc.view; 1 when it is usable, else 0
 * with the reason in WHY.
 */
static int load_entry(char *why, size_t size)
{
	size_t len;
	char err[LCF_ERR_SIZE];

	lc.entry = lc_file_read(&len, why, size);
	if (!lc.entry)
		return 0;
	if (lcf_parse(lc.entry, len, ARCH_EM, &lc.view, err) < 0) {
		fmt_format(why, size, "ignored: %s", err);
		return 0;
	}
	lc.parsed = 1;
	if (!entry_matches(&lc.view, why, size))
		return 0;
	return 1;
}

void launch_cache_begin(const struct launch_cache_start *s)
{
	char why[LC_PATH_MAX + 128];

	/* Off as asked, or not set up: nothing to say (LD_DEBUG=files
	 * then shows what glibc's loader shows). */
	if (prepare(s, why, sizeof(why)) < 0) {
		if (why[0])
			TRACE(FILES, "launch cache: %s", why);
		return;
	}
	if (load_entry(why, sizeof(why))) {
		TRACE(FILES, "launch cache: %s: %lu bindings to replay",
		      lc_paths.file, (unsigned long)lc.view.nbindings);
		lc.on_miss = s->on_miss;
		launch_cache_mode = lc.began = LAUNCH_CACHE_REPLAY;
		return;
	}
	TRACE(FILES, "launch cache: %s: %s: recording", lc_paths.file, why);
	mem_free(lc.entry);
	lc.entry = NULL;
	launch_cache_objects = lc.objects;
	launch_cache_tape_objects = lc.nobjects;
	launch_cache_mode = lc.began = LAUNCH_CACHE_RECORD;
}

void launch_cache_end(void)
{
	enum launch_cache_mode mode = lc.began;

	launch_cache_mode = LAUNCH_CACHE_OFF;
	lc.began = LAUNCH_CACHE_OFF;
	if (mode == LAUNCH_CACHE_REPLAY) {
		if (lc.missed || lc.next != lc.view.nbindings) {
			/* Recorded under other conditions: the next start
			 * records it again. */
			TRACE(FILES, "launch cache: %s: answered %lu of %lu "
			      "look-ups: removed", lc_paths.file,
			      (unsigned long)lc.next,
			      (unsigned long)lc.view.nbindings);
			sys_unlink(lc_paths.file);
		}
		mem_free(lc.entry);
		lc.entry = NULL;
	} else if (mode == LAUNCH_CACHE_RECORD) {
		lc.nbindings = launch_cache_tape.next - lc.bindings;
		if (lc.unrecordable)
			TRACE(FILES, "launch cache: %s: a binding cannot be "
			      "recorded: not written", lc_paths.file);
		else
			lc_file_write();
		mem_free(lc.bindings);
		lc.bindings = NULL;
		launch_cache_tape = (struct launch_cache_tape){ NULL, NULL };
	}
}

/* ---- each look-up ---- */

int launch_cache_replay_slow(struct dso *d, uint32_t symidx, unsigned kind,
			     struct dso **def, const Elf64_Sym **sym)
{
	const struct lcf_binding *b = &lc.view.bindings[lc.next];
	struct dso *o;

	if (lc.next >= lc.view.nbindings ||
	    b->check != lcf_binding_check(d->launch_index, symidx, kind))
		goto miss;
	lc.next++;
	if (b->def_obj == LCF_NO_OBJECT) {
		*def = NULL;
		*sym = NULL;
		return 1;
	}
	o = lc.objects[b->def_obj];	/* below nobjects: lcf_parse */
	if (b->def_sym >= o->symtab.nsyms)
		goto miss;
	*sym = &o->symtab.syms[b->def_sym];
	/* A unique symbol's first definition is noted by the look-up
	 * (unique.c), for the objects dlopen brings later. */
	if (ELF64_ST_BIND((*sym)->st_info) == STB_GNU_UNIQUE)
		return 0;
	*def = o;
	return 1;
miss:
	TRACE(FILES, "launch cache: look-up %lu (%s, symbol %u) was not "
	      "recorded: looking up from here on", (unsigned long)lc.next,
	      path_of(d), symidx);
	/* launch_cache_end still removes the entry (lc.began). */
	lc.missed = 1;
	launch_cache_mode = LAUNCH_CACHE_OFF;
	if (lc.on_miss)
		lc.on_miss();
	return 0;
}

void launch_cache_record_slow(const struct dso *d, uint32_t symidx,
			      unsigned kind, const struct dso *def,
			      const Elf64_Sym *sym)
{
	struct lcf_binding b = { 0, LCF_NO_OBJECT,
				 lcf_binding_check(d->launch_index, symidx,
						   kind) };
	struct launch_cache_tape *t = &launch_cache_tape;

	if (sym) {
		if (!def || def->launch_index >= lc.nobjects ||
		    lc.objects[def->launch_index] != def ||
		    sym < def->symtab.syms ||
		    sym >= def->symtab.syms + def->symtab.nsyms) {
			lc.unrecordable = 1;
			return;
		}
		b.def_sym = sym - def->symtab.syms;
		b.def_obj = def->launch_index;
	}
	if (t->next == t->end) {
		size_t n = t->next - lc.bindings, cap = n ? 2 * n : 1024;
		struct lcf_binding *bigger = mem_alloc(cap * sizeof(*bigger));

		if (n)
			memcpy(bigger, lc.bindings, n * sizeof(*bigger));
		mem_free(lc.bindings);
		lc.bindings = bigger;
		t->next = bigger + n;
		t->end = bigger + cap;
	}
	*t->next++ = b;
}

/* ---- --cache-info ---- */

static void print_object(const struct lcf_view *v, size_t i)
{
	const struct lcf_object *o = &v->objects[i];
	char id[2 * LCF_BUILD_ID_MAX + 1] = "none";

	if (o->build_id_len)
		hex(id, o->build_id, o->build_id_len);
	diag_printf(1, "  [%lu] %s\n       dev %lu ino %lu size %lu mtime "
		    "%ld.%09ld build-id %s\n", (unsigned long)i,
		    lcf_object_path(v, i), (unsigned long)o->dev,
		    (unsigned long)o->ino, (unsigned long)o->size,
		    (long)(o->mtime_ns / 1000000000),
		    (long)(o->mtime_ns % 1000000000), id);
}

static void print_entry(const struct lcf_view *v)
{
	size_t by_object[64] = { 0 };	/* the first objects' shares */
	size_t weak = 0;

	diag_printf(1, "objects: %lu\n", (unsigned long)v->nobjects);
	for (size_t i = 0; i < v->nobjects; i++)
		print_object(v, i);
	for (size_t i = 0; i < v->nbindings; i++) {
		uint16_t o = v->bindings[i].def_obj;

		if (o == LCF_NO_OBJECT)
			weak++;
		else if (o < 64)
			by_object[o]++;
	}
	diag_printf(1, "bindings: %lu (%lu weak references bound to "
		    "nothing)\n", (unsigned long)v->nbindings,
		    (unsigned long)weak);
	for (size_t i = 0; i < v->nobjects && i < 64; i++)
		if (by_object[i])
			diag_printf(1, "  to [%lu]: %lu\n", (unsigned long)i,
				    (unsigned long)by_object[i]);
}

void launch_cache_info(const struct launch_cache_start *s)
{
	char why[LC_PATH_MAX + 128];
	int usable;

	if (prepare(s, why, sizeof(why)) < 0) {
		diag_printf(1, "launch cache: %s\n", why[0] ? why
			    : "off (MYLD_LAUNCH_CACHE=0, or no cache "
			      "directory, $XDG_CACHE_HOME/myld or "
			      "~/.cache/myld)");
		sys_exit(1);
	}
	diag_printf(1, "entry: %s\nkey:\n%s", lc_paths.file, lc.key);
	usable = load_entry(why, sizeof(why));
	if (usable)
		diag_printf(1, "state: would be used\n");
	else
		diag_printf(1, "state: %s\n", why);
	if (lc.parsed)
		print_entry(&lc.view);
	sys_exit(usable ? 0 : 1);
}
