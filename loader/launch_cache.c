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
 * Files are read and written by launch_cache_file.c; the objects'
 * identities are launch_cache_objects.c's.
 */
#include "launch_cache.h"
#include "launch_cache_file.h"
#include "alloc.h"
#include "diag.h"
#include "dso.h"
#include "hwcaps.h"
#include "lib.h"
#include "load.h"
#include "lock.h"
#include "reloc.h"
#include "sys.h"
#include "trace.h"

enum launch_cache_mode launch_cache_mode;

/* The state of this start-up's cache (launch_cache_file.h). */
struct launch_cache lc;
struct launch_cache_paths lc_paths COLD_BUFFER;
struct launch_cache_tape launch_cache_tape;
struct launch_cache_reel launch_cache_reel;

/* How many of the entry's bindings answered a look-up so far. */
static size_t replayed(void)
{
	return (size_t)(launch_cache_reel.next - lc.view.bindings);
}

/* Where a recording starts: most starts make fewer look-ups, and need
 * no block from the allocator (launch_cache_record_slow moves on to
 * one). */
#define FIRST_TAPE 4096
struct lcf_binding lc_first_tape[FIRST_TAPE] COLD_BUFFER;
uint32_t launch_cache_tape_objects;

/* ---- the key ---- */

/*
 * The key: the settings' numbers in a fixed block, then the settings'
 * strings, then a NUL.  Binary, built with a few stores (it is made at
 * every start), and compared whole; --cache-info prints it as text.
 * The glibc-hwcaps subdirectories are keyed by what decides them (the
 * options, the CPU's levels, AT_HWCAP, AT_PLATFORM), not built.
 */
#define KEY_FORMAT 2
enum { KEY_BIND_NOW = 1, KEY_INHIBIT_CACHE = 2, KEY_TRACING = 4 };
enum { KEY_LIBRARY_PATH, KEY_PRELOAD, KEY_INHIBIT_RPATH, KEY_PLATFORM,
       KEY_HWCAPS_PREPEND, KEY_HWCAPS_MASK, KEY_STRINGS };
static const char *const key_string_names[KEY_STRINGS] = {
	"library-path", "preload", "inhibit-rpath", "platform",
	"hwcaps-prepend", "hwcaps-mask" };

struct key_fixed {
	uint32_t format, flags;
	uint64_t prog_dev, prog_ino;
	uint64_t hwcap;			/* AT_HWCAP: the legacy subdirectories */
	uint32_t hwcaps_active;		/* the glibc-hwcaps levels this CPU runs */
	uint32_t myld_build_id_len;
	uint8_t myld_build_id[LCF_BUILD_ID_MAX];
	uint32_t string_len[KEY_STRINGS];	/* 0: unset, else length + 1 */
};

static void hex(char *out, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static void make_key(uint64_t prog_dev, uint64_t prog_ino)
{
	const char *strings[KEY_STRINGS] = {
		[KEY_LIBRARY_PATH] = load_config.library_path,
		[KEY_PRELOAD] = load_config.preload,
		[KEY_INHIBIT_RPATH] = load_config.inhibit_rpath,
		[KEY_PLATFORM] = load_config.platform,
		[KEY_HWCAPS_PREPEND] = load_config.hwcaps_prepend,
		[KEY_HWCAPS_MASK] = load_config.hwcaps_mask };
	struct key_fixed f = {
		.format = KEY_FORMAT,
		.flags = (load_config.bind_now ? KEY_BIND_NOW : 0) |
			 (load_config.inhibit_cache ? KEY_INHIBIT_CACHE : 0) |
			 /* Tracing makes each relocation look its symbol
			  * up (reloc.c): the look-ups come in another
			  * number. */
			 (trace_mask ? KEY_TRACING : 0),
		.prog_dev = prog_dev, .prog_ino = prog_ino,
		.hwcap = load_config.hwcap,
		.hwcaps_active = arch_hwcaps_subdirs_active() };
	size_t size = sizeof(f) + 1, padded;

	f.myld_build_id_len = lc.loader_build_id_len;
	lcf_copy_build_id(f.myld_build_id, lc.loader_build_id,
		      f.myld_build_id_len);
	for (size_t i = 0; i < KEY_STRINGS; i++) {
		f.string_len[i] = strings[i] ? strlen(strings[i]) + 1 : 0;
		size += f.string_len[i];
	}
	/* Zero-padded to 8 bytes, as the entry holds it (mem_alloc
	 * zeroes). */
	padded = (size + 7) & ~(size_t)7;
	char *k = mem_alloc(padded), *at = k + sizeof(f);

	__builtin_memcpy(k, &f, sizeof(f));
	for (size_t i = 0; i < KEY_STRINGS; i++) {
		if (!f.string_len[i])
			continue;	/* unset, as most are */
		memcpy(at, strings[i], f.string_len[i]);
		at += f.string_len[i];
	}
	lc.key = k;
	lc.key_size = size;
}

/* The key as text, for --cache-info: one "name=value" line each. */
static void print_key(const char *k, size_t size)
{
	struct key_fixed f;
	char id[2 * LCF_BUILD_ID_MAX + 1];
	const char *s = k + sizeof(f);

	if (size < sizeof(f) + 1)
		return;
	memcpy(&f, k, sizeof(f));
	hex(id, f.myld_build_id, f.myld_build_id_len <= LCF_BUILD_ID_MAX
				 ? f.myld_build_id_len : 0);
	diag_printf(1, "format=%u\nmyld-build-id=%s\nprogram=%lu:%lu\n"
		    "bind-now=%d\ninhibit-cache=%d\ntracing=%d\nhwcap=%#lx\n"
		    "hwcaps-levels=%#x\n", f.format, id,
		    (unsigned long)f.prog_dev, (unsigned long)f.prog_ino,
		    !!(f.flags & KEY_BIND_NOW), !!(f.flags & KEY_INHIBIT_CACHE),
		    !!(f.flags & KEY_TRACING), (unsigned long)f.hwcap,
		    f.hwcaps_active);
	for (size_t i = 0; i < KEY_STRINGS; i++) {
		if (!f.string_len[i])
			diag_printf(1, "%s unset\n", key_string_names[i]);
		else
			diag_printf(1, "%s=%s\n", key_string_names[i], s);
		s += f.string_len[i];
	}
}

/*
 * The key's hash, for the entry's file name: the checksum of the key,
 * made as the entry's checksum begins (the key zero-padded to 8 bytes
 * is its first part), which lc_file_write then resumes from.
 */
static uint64_t key_hash(void)
{
	lc.sum_to_key = lcf_checksum_add(lcf_checksum_begin(), lc.key,
					 (lc.key_size + 7) & ~(size_t)7);
	return lcf_checksum_end(lc.sum_to_key);
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
	/* An auditor may change any binding (la_symbind64, la_objsearch,
	 * la_objopen's flags) and must see each one made. */
	if (s->auditors) {
		fmt_format(why, size, "off: an auditor is in use (LD_AUDIT, "
			   "--audit or DT_AUDIT)");
		return -1;
	}
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
	lc.loader_build_id_len = lc_build_id_of(dso_loader,
						&lc.loader_build_id);
	if (lc_list_objects() < 0) {
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
	if (!lc_entry_matches(&lc.view, why, size))
		return 0;
	return 1;
}

void launch_cache_check(const struct launch_cache_start *s)
{
	char why[LC_PATH_MAX + 128];

	lc.checked = 1;
	/* Off as asked, or not set up: nothing to say (LD_DEBUG=files
	 * then shows what glibc's loader shows). */
	if (prepare(s, why, sizeof(why)) < 0) {
		if (why[0])
			TRACE(FILES, "launch cache: %s", why);
		lc.off = 1;
		return;
	}
	if (load_entry(why, sizeof(why))) {
		TRACE(FILES, "launch cache: %s: %lu bindings to replay",
		      lc_paths.file, (unsigned long)lc.view.nbindings);
		launch_cache_entry_matched = 1;
		return;
	}
	TRACE(FILES, "launch cache: %s: %s: recording", lc_paths.file, why);
	mem_free(lc.entry);
	lc.entry = NULL;
}

/*
 * The version check (versions_check, stage 4) is a function of the
 * start-up objects' files, their order and the names they were found
 * under, which the matched entry proves the recorded ones, and an entry
 * is written only after a start whose version check passed without a
 * warning (launch_cache_versions_warned).  LD_DEBUG=versions wants its
 * lines.
 */
int launch_cache_proves_versions(void)
{
	return launch_cache_entry_matched && !(trace_mask & TRACE_VERSIONS);
}

int launch_cache_entry_matched;

int launch_cache_proves_file_slow(const struct dso *d)
{
	return d->launch_index < lc.nobjects &&
	       lc.objects[d->launch_index] == d;
}

void launch_cache_versions_warned(void)
{
	lc.versions_warned = 1;
}

void launch_cache_begin(const struct launch_cache_start *s)
{
	if (!lc.checked)
		launch_cache_check(s);
	if (lc.off)
		return;
	if (launch_cache_entry_matched) {
		lc.on_miss = s->on_miss;
		launch_cache_reel = (struct launch_cache_reel){
			.next = lc.view.bindings,
			.end = lc.view.bindings + lc.view.nbindings,
			.objects = lc.objects };
		launch_cache_mode = lc.began = LAUNCH_CACHE_REPLAY;
		return;
	}
	launch_cache_tape_objects = lc.nobjects;
	lc.bindings = lc_first_tape;
	launch_cache_tape = (struct launch_cache_tape){
		lc_first_tape, lc_first_tape + FIRST_TAPE };
	launch_cache_mode = lc.began = LAUNCH_CACHE_RECORD;
}

/* Are the lazy slots bound after start-up recorded and bound early?
 * Not under tracing other than LD_DEBUG=files, whose lines (bindings,
 * statistics) would move from the first call to the start; auditors
 * and secure mode have the cache off already. */
static int lazy_slots_kept(void)
{
	return !(trace_mask & ~(TRACE_FILES | TRACE_IMPCALLS));
}

/*
 * Keep the answer of D's IFUNC slot of Z for its first call (the
 * resolver runs then): launch_cache_lazy_answer.  Returns 0, or -1 when
 * the slot does not fit.
 */
static int keep_ifunc_answer(struct dso *d, const struct lcf_lazy *z)
{
	if (!reloc_lazy_slot_fits(d, z->slot, z->answer.check))
		return -1;
	if (!d->launch_lazy_answers)
		d->launch_lazy_answers = mem_alloc(
			d->plt_slots * sizeof(*d->launch_lazy_answers));
	d->launch_lazy_answers[z->slot] = &z->answer;
	return 0;
}

/* Forget every kept answer (the entry is going). */
static void drop_ifunc_answers(void)
{
	for (size_t i = 0; i < lc.nobjects; i++) {
		mem_free(lc.objects[i]->launch_lazy_answers);
		lc.objects[i]->launch_lazy_answers = NULL;
	}
}

/*
 * Bind the entry's lazy slot Z now (or keep its answer for the first
 * call, for an IFUNC; *IFUNC says which).  Returns NULL, or why Z does
 * not fit the objects loaded now.
 */
static const char *bind_lazy_slot(const struct lcf_lazy *z, int *ifunc)
{
	/* Indexes below nobjects: lcf_parse. */
	struct dso *def = lc.objects[z->answer.def_obj];
	struct dso *ref = lc.objects[z->ref_obj];
	const Elf64_Sym *sym;
	int rc;

	if (z->answer.def_sym >= def->symtab.nsyms)
		return "no such symbol";
	sym = &def->symtab.syms[z->answer.def_sym];
	*ifunc = ELF64_ST_TYPE(sym->st_info) == STT_GNU_IFUNC;
	if (ELF64_ST_BIND(sym->st_info) == STB_GNU_UNIQUE ||
	    *ifunc != !!(z->flags & LCF_LAZY_IFUNC))
		return "not a definition recorded so";
	if (*ifunc)
		return keep_ifunc_answer(ref, z) < 0 ? "not such a slot" : NULL;
	lc.one = &z->answer;
	launch_cache_mode = LAUNCH_CACHE_REPLAY_ONE;
	rc = reloc_bind_lazy_slot_now(ref, z->slot, z->answer.check);
	launch_cache_mode = LAUNCH_CACHE_OFF;
	if (rc < 0)
		return "not such a slot";
	if (lc.one)
		return "not answered from the entry";
	return NULL;
}

/*
 * Bind the entry's lazy slots now, each through the lazy binder's own
 * code with the recorded answer (reloc_bind_lazy_slot_now), and keep the
 * IFUNC slots' answers.  Returns 0, or -1 when one does not fit the
 * objects loaded now.
 */
static int bind_lazy_slots(void)
{
	size_t bound = 0, kept = 0;

	for (size_t i = 0; i < lc.view.nlazy; i++) {
		const struct lcf_lazy *z = &lc.view.lazy[i];
		int ifunc = 0;
		const char *why = bind_lazy_slot(z, &ifunc);

		if (why) {
			TRACE(FILES, "launch cache: %s: lazy slot %lu (%s, slot "
			      "%lu): %s", lc_paths.file, (unsigned long)i,
			      path_of(lc.objects[z->ref_obj]),
			      (unsigned long)z->slot, why);
			return -1;
		}
		if (ifunc)
			kept++;
		else
			bound++;
	}
	TRACE(FILES, "launch cache: %s: %lu lazy slots bound at start-up, "
	      "%lu IFUNC slots' look-ups known", lc_paths.file,
	      (unsigned long)bound, (unsigned long)kept);
	return 0;
}

static void end_replay(void)
{
	if (lc.missed || launch_cache_reel.next != launch_cache_reel.end) {
		/* Recorded under other conditions: the next start records
		 * it again. */
		TRACE(FILES, "launch cache: %s: answered %lu of %lu look-ups: "
		      "removed", lc_paths.file, (unsigned long)replayed(),
		      (unsigned long)lc.view.nbindings);
		goto remove;
	}
	if (!lazy_slots_kept())
		goto done;
	if (bind_lazy_slots() < 0) {
		drop_ifunc_answers();
		TRACE(FILES, "launch cache: %s: a lazy slot does not fit: "
		      "removed", lc_paths.file);
		goto remove;
	}
	/* Kept for a rewrite at exit, with the slots bound from now. */
	lc.out_bindings = lc.view.bindings;
	lc.nbindings = lc.view.nbindings;
	lc.old_lazy = lc.view.lazy;
	lc.nold_lazy = lc.view.nlazy;
	launch_cache_lazy_recording = 1;
	return;
remove:
	sys_unlink(lc_paths.file);
done:
	mem_free(lc.entry);
	lc.entry = NULL;
}

static void end_record(void)
{
	lc.out_bindings = lc.bindings;
	lc.nbindings = launch_cache_tape.next - lc.bindings;
	launch_cache_tape = (struct launch_cache_tape){ NULL, NULL };
	if (lc.unrecordable) {
		TRACE(FILES, "launch cache: %s: a binding cannot be recorded: "
		      "not written", lc_paths.file);
	} else if (lc.versions_warned) {
		/* A warm start would skip the check and its warning. */
		TRACE(FILES, "launch cache: %s: the version check warned: "
		      "not written", lc_paths.file);
	} else {
		lc_file_write();
		if (lazy_slots_kept()) {
			launch_cache_lazy_recording = 1;
			return;
		}
	}
	if (lc.bindings != lc_first_tape)
		mem_free(lc.bindings);
	lc.bindings = NULL;
}

void launch_cache_end(void)
{
	enum launch_cache_mode mode = lc.began;

	launch_cache_mode = LAUNCH_CACHE_OFF;
	lc.began = LAUNCH_CACHE_OFF;
	if (mode == LAUNCH_CACHE_REPLAY)
		end_replay();
	else if (mode == LAUNCH_CACHE_RECORD)
		end_record();
}

/* ---- lazy slots, after start-up ---- */

int launch_cache_lazy_recording;

/* Room for one more lazy slot in lc.lazy; the first time, note which
 * process records (launch_cache_at_exit). */
static __attribute__((noinline)) void grow_lazy(void)
{
	size_t cap = lc.lazy_cap ? 2 * lc.lazy_cap : 256;

	if (!lc.lazy_cap)
		lc.recorder = sys_getpid();
	struct lcf_lazy *bigger = mem_alloc(cap * sizeof(*bigger));

	if (lc.nlazy)
		memcpy(bigger, lc.lazy, lc.nlazy * sizeof(*bigger));
	mem_free(lc.lazy);
	lc.lazy = bigger;
	lc.lazy_cap = cap;
}

void launch_cache_answer_one(const struct lcf_binding *b)
{
	lc.one = b;
	launch_cache_mode = LAUNCH_CACHE_REPLAY_ONE;
}

void launch_cache_lazy_answered(void)
{
	lc.one = NULL;
	launch_cache_mode = LAUNCH_CACHE_OFF;
}

/* launch_cache_record_lazy's slot Z, once there is room for it. */
static __attribute__((noinline)) void append_lazy(struct lcf_lazy z)
{
	if (lc.nlazy == lc.lazy_cap)
		grow_lazy();
	lc.lazy[lc.nlazy++] = z;
}

void launch_cache_record_lazy(const struct dso *d, uint64_t slot,
			      uint32_t symidx, const struct dso *def,
			      const Elf64_Sym *sym, int ifunc)
{
	size_t index;

	/* Both objects of the start-up (a dlopened object's launch_index
	 * is DSO_NO_LAUNCH_INDEX), the slot and the symbol in the format's
	 * range. */
	if (!sym || !def)
		return;
	index = (size_t)(sym - def->symtab.syms);
	if (d->launch_index >= lc.nobjects ||
	    def->launch_index >= lc.nobjects || slot > UINT32_MAX ||
	    index >= def->symtab.nsyms)
		return;
	struct lcf_lazy z = {
		(uint32_t)slot, (uint16_t)d->launch_index,
		ifunc ? LCF_LAZY_IFUNC : 0,
		{ (uint32_t)index, (uint16_t)def->launch_index,
		  lcf_binding_check(d->launch_index, symidx, LCF_KIND_PLT) } };

	/* Without a call (and the registers it saves) while there is room. */
	if (__builtin_expect(lc.nlazy < lc.lazy_cap, 1))
		lc.lazy[lc.nlazy++] = z;
	else
		append_lazy(z);
}

void launch_cache_at_exit(void)
{
	if (!launch_cache_lazy_recording)
		return;
	loader_lock();
	/* Another thread may still be binding: the entry is written from
	 * what was recorded until now, under the lock.  A child of fork
	 * inherits the recording, but not the writing: a server's children
	 * would otherwise each write the entry again. */
	if (lc.nlazy > lc.nlazy_written && sys_getpid() == lc.recorder) {
		lc_file_write();
		lc.nlazy_written = lc.nlazy;
	}
	loader_unlock();
}

/* ---- each look-up ---- */

/* One lazy slot's recorded answer B (bind_lazy_slots), for D's symbol
 * SYMIDX: consumed once, when it answers that question. */
static int replay_one(struct dso *d, uint32_t symidx,
		      const struct lcf_binding *b)
{
	struct dso *o = lc.objects[b->def_obj];	/* bind_lazy_slots checked */

	if (b->check != lcf_binding_check(d->launch_index, symidx,
					  LCF_KIND_PLT))
		return 0;
	lc.one = NULL;
	launch_cache_reel.def = o;
	launch_cache_reel.sym = &o->symtab.syms[b->def_sym];
	return 1;
}

/* A binding that does not answer D's look-up of SYMIDX: this one and
 * every later look-up are made (launch_cache_end then removes the
 * entry: lc.began). */
static __attribute__((noinline, cold)) int missed(const struct dso *d,
						  uint32_t symidx)
{
	TRACE(FILES, "launch cache: look-up %lu (%s, symbol %u) was not "
	      "recorded: looking up from here on", (unsigned long)replayed(),
	      path_of(d), symidx);
	lc.missed = 1;
	launch_cache_mode = LAUNCH_CACHE_OFF;
	if (lc.on_miss)
		lc.on_miss();
	return 0;
}

int launch_cache_replay_call(struct dso *d, uint32_t symidx, unsigned kind,
			     struct dso **def, const Elf64_Sym **sym)
{
	return launch_cache_replay_inline(d, symidx, kind, def, sym);
}

int launch_cache_replay_slow(struct dso *d, uint32_t symidx, unsigned kind)
{
	const struct lcf_binding *b = launch_cache_reel.next;

	if (launch_cache_mode == LAUNCH_CACHE_REPLAY_ONE)
		return lc.one && kind == LCF_KIND_PLT &&
		       replay_one(d, symidx, lc.one);
	if (b == launch_cache_reel.end ||
	    b->check != lcf_binding_check(d->launch_index, symidx, kind))
		return missed(d, symidx);
	launch_cache_reel.next = b + 1;
	if (b->def_obj == LCF_NO_OBJECT) {
		launch_cache_reel.def = NULL;
		launch_cache_reel.sym = NULL;
		return 1;
	}
	/* The other two cases launch_cache_replay leaves here. */
	if (b->def_sym >= lc.objects[b->def_obj]->symtab.nsyms)
		return missed(d, symidx);
	return 0;	/* a unique symbol's: looked up */
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
		size_t n = t->next - lc.bindings, cap = 2 * n;
		struct lcf_binding *bigger = mem_alloc(cap * sizeof(*bigger));

		memcpy(bigger, lc.bindings, n * sizeof(*bigger));
		if (lc.bindings != lc_first_tape)
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
	diag_printf(1, "lazy slots: %lu\n", (unsigned long)v->nlazy);
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
	diag_printf(1, "entry: %s\nkey:\n", lc_paths.file);
	print_key(lc.key, lc.key_size);
	usable = load_entry(why, sizeof(why));
	if (usable)
		diag_printf(1, "state: would be used\n");
	else
		diag_printf(1, "state: %s\n", why);
	if (lc.parsed)
		print_entry(&lc.view);
	sys_exit(usable ? 0 : 1);
}
