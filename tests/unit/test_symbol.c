/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_symbol.c - hash functions, hash tables, symbol versions
 * and lookup (loader/symbol.c), on tables built in memory.
 *
 * The tables are built here, by helpers that follow the published layouts
 * (the ELF gABI for DT_HASH, the GNU format for DT_GNU_HASH) with their own
 * hash functions, so a table is never built by the code under test.
 * Every symbol gets a distinct st_value, which is how the tests tell which
 * definition a lookup returned.
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness.h"
#include "dso.h"
#include "lib.h"
#include "symbol.h"

/* Defined by loader/load.c, which is not linked here; sym_resolve walks it. */
struct dso *dso_list;

/* ---- independent reference hash functions ---- */

/* GNU hash: h = h * 33 + c, from 5381 (Bernstein's hash). */
static uint32_t ref_gnu_hash(const char *name)
{
	uint32_t h = 5381;

	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		h = (h << 5) + h + *s;
	return h;
}

/* The ELF hash as the System V gABI gives it. */
static uint32_t ref_sysv_hash(const char *name)
{
	uint32_t h = 0, g;

	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		h = (h << 4) + *s;
		g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

/* ---- building symbol tables ---- */

/* One symbol of a test table. */
struct sym_spec {
	const char *name;
	uint64_t value;		/* distinct per symbol: identifies it */
	unsigned char bind, type, vis;
	uint16_t shndx;		/* 0 (SHN_UNDEF) is replaced by DEF_SHNDX */
	uint16_t versym;	/* used when the table has versions */
};

#define DEF_SHNDX 7
#define VER_HIDDEN 0x8000

/* A plain global function definition. */
#define FUNC(n, v) { .name = (n), .value = (v), .bind = STB_GLOBAL, \
		     .type = STT_FUNC, .versym = VER_NDX_GLOBAL }
/* The same with version index VS (possibly | VER_HIDDEN). */
#define VFUNC(n, v, vs) { .name = (n), .value = (v), .bind = STB_GLOBAL, \
			  .type = STT_FUNC, .versym = (vs) }

enum { HASH_GNU = 1, HASH_SYSV = 2 };

struct table_opts {
	unsigned hashes;	/* HASH_GNU and/or HASH_SYSV */
	uint32_t nbuckets;	/* for both kinds of table */
	int versioned;		/* give the table versym and standard_verdefs */
};

#define MAX_SYMS 16

struct table {
	Elf64_Sym syms[MAX_SYMS + 1];
	char strtab[512];
	uint32_t gnu[128] __attribute__((aligned(8)));
	size_t gnu_words;
	uint32_t sysv[128];
	size_t sysv_words;
	uint16_t versym[MAX_SYMS + 1];
	struct symtab t;
};

/*
 * The version definitions of the versioned test library "libt.so.1":
 * index 1 is the base (the soname), then V1, V2 and V3.
 */
static struct version standard_verdefs[5];

static void init_verdefs(void)
{
	static const char *const names[] = { NULL, "libt.so.1", "V1", "V2", "V3" };

	memset(standard_verdefs, 0, sizeof(standard_verdefs));
	for (int i = 1; i < 5; i++) {
		standard_verdefs[i].name = names[i];
		standard_verdefs[i].hash = ref_sysv_hash(names[i]);
	}
	standard_verdefs[1].flags = VER_FLG_BASE;
}

/* A version a requester asks for, as its DT_VERNEED would give it. */
static struct version wanted(const char *name)
{
	struct version v = { .name = name, .hash = ref_sysv_hash(name),
			     .file = "libt.so.1" };

	return v;
}

static uint32_t gnu_bucket(const char *name, uint32_t nbuckets)
{
	return ref_gnu_hash(name) % nbuckets;
}

static void set_bloom(uint32_t *table, size_t k, uint64_t word)
{
	memcpy(table + 4 + 2 * k, &word, sizeof(word));
}

static uint64_t get_bloom(const uint32_t *table, size_t k)
{
	uint64_t word;

	memcpy(&word, table + 4 + 2 * k, sizeof(word));
	return word;
}

/* The two Bloom filter bits of hash H, for a 64-bit ELF class. */
static uint64_t bloom_bits(uint32_t h, uint32_t shift)
{
	return ((uint64_t)1 << (h % 64)) | ((uint64_t)1 << ((h >> shift) % 64));
}

/*
 * Build a DT_GNU_HASH table in OUT (ROOM words) for the N symbols named
 * NAMES, which are symbols SYMOFFSET, SYMOFFSET + 1, ... and must be
 * sorted by bucket.  Returns the number of words used.
 */
static size_t build_gnu_hash(uint32_t *out, size_t room,
			     const char *const *names, size_t n,
			     uint32_t symoffset, uint32_t nbuckets,
			     uint32_t bloom_size, uint32_t bloom_shift)
{
	size_t words = 4 + 2 * (size_t)bloom_size + nbuckets + n;
	uint32_t *buckets = out + 4 + 2 * bloom_size;
	uint32_t *chains = buckets + nbuckets;

	ck_assert_uint_le(words, room);
	memset(out, 0, words * sizeof(*out));
	out[0] = nbuckets;
	out[1] = symoffset;
	out[2] = bloom_size;
	out[3] = bloom_shift;
	for (size_t i = 0; i < n; i++) {
		uint32_t h = ref_gnu_hash(names[i]);
		uint32_t b = h % nbuckets;
		size_t k = (h / 64) % bloom_size;
		int last_in_bucket = i + 1 == n ||
				     gnu_bucket(names[i + 1], nbuckets) != b;

		ck_assert_msg(i == 0 || gnu_bucket(names[i - 1], nbuckets) <= b,
			      "names not sorted by bucket at %s", names[i]);
		set_bloom(out, k, get_bloom(out, k) | bloom_bits(h, bloom_shift));
		if (buckets[b] == 0)
			buckets[b] = symoffset + i;
		chains[i] = (h & ~1u) | (last_in_bucket ? 1 : 0);
	}
	return words;
}

/*
 * Build a DT_HASH table in OUT for symbols 1..N named NAMES (index 0 is
 * the null symbol).  Each chain lists its symbols in index order.
 */
static size_t build_sysv_hash(uint32_t *out, size_t room,
			      const char *const *names, size_t n,
			      uint32_t nbuckets)
{
	size_t words = 2 + nbuckets + (n + 1);
	uint32_t *buckets = out + 2, *chains = buckets + nbuckets;

	ck_assert_uint_le(words, room);
	memset(out, 0, words * sizeof(*out));
	out[0] = nbuckets;
	out[1] = n + 1;
	for (size_t i = n; i >= 1; i--) {	/* prepend, last first */
		uint32_t b = ref_sysv_hash(names[i - 1]) % nbuckets;

		chains[i] = buckets[b];
		buckets[b] = i;
	}
	return words;
}

/*
 * Lay out SPECS as symbols 1..N of TB (sorted by GNU bucket, keeping
 * their order within a bucket, so chains visit them in SPECS order) and
 * build the hash tables O asks for.
 */
static void build_table(struct table *tb, const struct sym_spec *specs,
			size_t n, const struct table_opts *o)
{
	const struct sym_spec *sorted[MAX_SYMS];
	const char *names[MAX_SYMS];
	size_t str = 1;

	ck_assert_uint_le(n, MAX_SYMS);
	memset(tb, 0, sizeof(*tb));
	for (size_t i = 0; i < n; i++) {	/* stable insertion sort */
		size_t j = i;

		while (j > 0 && gnu_bucket(sorted[j - 1]->name, o->nbuckets) >
				gnu_bucket(specs[i].name, o->nbuckets)) {
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = &specs[i];
	}
	for (size_t i = 0; i < n; i++) {
		const struct sym_spec *sp = sorted[i];
		Elf64_Sym *s = &tb->syms[i + 1];
		size_t len = strlen(sp->name);

		ck_assert_uint_lt(str + len + 1, sizeof(tb->strtab));
		memcpy(tb->strtab + str, sp->name, len + 1);
		s->st_name = str;
		str += len + 1;
		s->st_info = ELF64_ST_INFO(sp->bind, sp->type);
		s->st_other = sp->vis;
		s->st_shndx = sp->shndx ? sp->shndx : DEF_SHNDX;
		s->st_value = sp->value;
		s->st_size = 16;
		tb->versym[i + 1] = sp->versym;
		names[i] = sp->name;
	}

	tb->t.syms = tb->syms;
	tb->t.nsyms = n + 1;
	tb->t.strtab = tb->strtab;
	tb->t.strsz = str;
	if (o->hashes & HASH_GNU) {
		tb->gnu_words = build_gnu_hash(tb->gnu, ARRAY_SIZE(tb->gnu),
					       names, n, 1, o->nbuckets, 1, 6);
		tb->t.gnu_hash = tb->gnu;
	}
	if (o->hashes & HASH_SYSV) {
		tb->sysv_words = build_sysv_hash(tb->sysv, ARRAY_SIZE(tb->sysv),
						 names, n, o->nbuckets);
		tb->t.sysv_hash = tb->sysv;
	}
	if (o->versioned) {
		init_verdefs();
		tb->t.versym = tb->versym;
		tb->t.nversym = n + 1;
		tb->t.verdefs = standard_verdefs;
		tb->t.nverdefs = ARRAY_SIZE(standard_verdefs);
	}
}

static const Elf64_Sym *lookup(const struct table *tb, const char *name,
			       const struct version *version, int for_plt)
{
	struct sym_query q;
	const Elf64_Sym *s;

	sym_query_init(&q, name, version, for_plt);
	s = sym_find_in(&tb->t, &q);
	if (s) {
		ck_assert_msg(s >= tb->syms && s < tb->syms + tb->t.nsyms,
			      "result is not in the table");
		ck_assert_str_eq(tb->strtab + s->st_name, name);
	}
	return s;
}

/* The st_value of the symbol found for NAME, or 0 if none is. */
static uint64_t found(const struct table *tb, const char *name,
		      const struct version *version)
{
	const Elf64_Sym *s = lookup(tb, name, version, 0);

	return s ? s->st_value : 0;
}

/* Five ordinary functions, used by several tests. */
static const struct sym_spec five[] = {
	FUNC("foo", 0x1010), FUNC("bar", 0x1020), FUNC("baz", 0x1030),
	FUNC("printf", 0x1040), FUNC("malloc", 0x1050),
};

/* ---- hash functions ---- */

START_TEST(reference_hashes_match_published_values)
{
	/* Values computed independently (Python), and well known: 0x09691a75
	 * is the vna_hash of GLIBC_2.2.5 in every x86_64 program. */
	ck_assert_uint_eq(ref_gnu_hash(""), 5381);
	ck_assert_uint_eq(ref_gnu_hash("printf"), 0x156b2bb8);
	ck_assert_uint_eq(ref_sysv_hash("printf"), 0x077905a6);
	ck_assert_uint_eq(ref_sysv_hash("GLIBC_2.2.5"), 0x09691a75);
}
END_TEST

START_TEST(gnu_hash_known_values)
{
	ck_assert_uint_eq(sym_gnu_hash(""), 5381);
	ck_assert_uint_eq(sym_gnu_hash("printf"), 0x156b2bb8);
	ck_assert_uint_eq(sym_gnu_hash("malloc"), 0x0d39ad3d);
	ck_assert_uint_eq(sym_gnu_hash("_ZNSt8ios_base4InitC1Ev"), 0x4cd4b8c7);
	/* Bytes are unsigned. */
	ck_assert_uint_eq(sym_gnu_hash("\xff\xfe\x80"), 0x0b8b10e2);
}
END_TEST

START_TEST(sysv_hash_known_values)
{
	ck_assert_uint_eq(sym_sysv_hash(""), 0);
	ck_assert_uint_eq(sym_sysv_hash("printf"), 0x077905a6);
	ck_assert_uint_eq(sym_sysv_hash("GLIBC_2.2.5"), 0x09691a75);
	/* Long enough for the high nibble to be folded back in. */
	ck_assert_uint_eq(sym_sysv_hash("_ZNSt8ios_base4InitC1Ev"), 0x0c0d71d6);
	ck_assert_uint_eq(sym_sysv_hash("\xff\xfe\x80"), 0x00010f60);
}
END_TEST

START_TEST(hashes_agree_with_reference)
{
	static const char *const names[] = {
		"a", "foo", "memcpy", "__libc_start_main",
		"_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE4sizeEv",
		"\x80\x81\xfe\xff", "GLIBCXX_3.4.29",
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		ck_assert_uint_eq(sym_gnu_hash(names[i]), ref_gnu_hash(names[i]));
		ck_assert_uint_eq(sym_sysv_hash(names[i]), ref_sysv_hash(names[i]));
	}
}
END_TEST

/*
 * sym_gnu_hash takes several characters a step: every length and
 * alignment, bytes with the high bit set, and names that end just
 * before a page that cannot be read.
 */
START_TEST(gnu_hash_every_length_and_alignment)
{
	char buf[96];

	for (size_t align = 0; align < 8; align++) {
		for (size_t len = 0; len < 80; len++) {
			char *name = buf + align;

			for (size_t i = 0; i < len; i++)
				name[i] = (char)(0x41 + (i * 37 + align) % 190);
			name[len] = '\0';
			memset(name + len + 1, 0x7f, sizeof(buf) - align - len - 1);
			ck_assert_uint_eq(sym_gnu_hash(name), ref_gnu_hash(name));
		}
	}
}
END_TEST

START_TEST(gnu_hash_stops_at_the_page_end)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_int_eq(mprotect(p + page, page, PROT_NONE), 0);
	for (size_t len = 0; len < 40; len++) {
		char *name = p + page - len - 1;

		memset(name, 'x', len);
		name[len] = '\0';
		ck_assert_uint_eq(sym_gnu_hash(name), ref_gnu_hash(name));
	}
	munmap(p, 2 * page);
}
END_TEST

/* ---- table sizes ---- */

START_TEST(gnu_nsyms_of_valid_table)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 3, 0 };

	build_table(&tb, five, 5, &o);
	ck_assert_uint_eq(sym_gnu_hash_nsyms(tb.gnu, tb.gnu_words), 6);
}
END_TEST

START_TEST(gnu_nsyms_counts_from_symoffset)
{
	static const char *const names[] = { "foo", "bar" };
	uint32_t t[16] __attribute__((aligned(8)));
	size_t words = build_gnu_hash(t, 16, names, 1, 5, 1, 1, 6);

	/* One hashed symbol at index 5 (0..4 unhashed): 6 symbols. */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, words), 6);
}
END_TEST

START_TEST(gnu_nsyms_without_hashed_symbols)
{
	/* nbuckets 2, symoffset 4, bloom 1 word, shift 6; both buckets empty. */
	static const uint32_t t[] __attribute__((aligned(8))) = {
		2, 4, 1, 6, 0, 0, 0, 0,
	};

	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, ARRAY_SIZE(t)), 4);
}
END_TEST

START_TEST(gnu_nsyms_rejects_malformed_headers)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 3, 0 };
	uint32_t t[128] __attribute__((aligned(8)));

	build_table(&tb, five, 5, &o);
	ck_assert_uint_eq(sym_gnu_hash_nsyms(tb.gnu, 3), 0);

	memcpy(t, tb.gnu, sizeof(t));
	t[0] = 0;			/* no buckets */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, tb.gnu_words), 0);

	memcpy(t, tb.gnu, sizeof(t));
	t[2] = 0;			/* no Bloom words */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, tb.gnu_words), 0);

	memcpy(t, tb.gnu, sizeof(t));
	t[2] = 3;			/* Bloom size not a power of two */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, tb.gnu_words), 0);

	memcpy(t, tb.gnu, sizeof(t));
	t[3] = 64;			/* Bloom shift out of range */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, tb.gnu_words), 0);

	memcpy(t, tb.gnu, sizeof(t));
	t[0] = 0x40000000;		/* buckets far past the end */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, tb.gnu_words), 0);
}
END_TEST

START_TEST(gnu_nsyms_rejects_truncated_chain)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 3, 0 };

	build_table(&tb, five, 5, &o);
	/* The last chain ends in the last word: without it, no end is seen. */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(tb.gnu, tb.gnu_words - 1), 0);
	/* Nor with its end bit cleared. */
	tb.gnu[tb.gnu_words - 1] &= ~1u;
	ck_assert_uint_eq(sym_gnu_hash_nsyms(tb.gnu, tb.gnu_words), 0);
}
END_TEST

START_TEST(gnu_nsyms_rejects_bucket_below_symoffset)
{
	static const char *const names[] = { "foo" };
	uint32_t t[16] __attribute__((aligned(8)));
	size_t words = build_gnu_hash(t, 16, names, 1, 3, 1, 1, 6);

	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, words), 4);
	t[4 + 2] = 2;	/* the only bucket now names symbol 2 < symoffset 3 */
	ck_assert_uint_eq(sym_gnu_hash_nsyms(t, words), 0);
}
END_TEST

START_TEST(sysv_nchain_reads_the_header)
{
	/* nbucket 2, nchain 5: 2 + 2 + 5 words. */
	static const uint32_t t[9] = { 2, 5 };

	ck_assert_uint_eq(sym_sysv_hash_nchain(t, 9), 5);
	ck_assert_uint_eq(sym_sysv_hash_nchain(t, 8), 0);	/* truncated */
	ck_assert_uint_eq(sym_sysv_hash_nchain(t, 1), 0);
	ck_assert_uint_eq(sym_sysv_hash_nchain(t, 0), 0);
	static const uint32_t no_buckets[9] = { 0, 5 };
	ck_assert_uint_eq(sym_sysv_hash_nchain(no_buckets, 9), 0);
	/* nchain 0: not even the null symbol. */
	static const uint32_t no_chains[4] = { 2, 0 };
	ck_assert_uint_eq(sym_sysv_hash_nchain(no_chains, 4), 0);
	/* Sizes whose sum would wrap around in 32 bits. */
	static const uint32_t huge[9] = { 0xffffffffu, 0xffffffffu };
	ck_assert_uint_eq(sym_sysv_hash_nchain(huge, 9), 0);
	static const uint32_t wraps[9] = { 0xfffffffeu, 3 };
	ck_assert_uint_eq(sym_sysv_hash_nchain(wraps, 9), 0);
}
END_TEST

START_TEST(sysv_nchain_ignores_the_entries)
{
	/*
	 * Entries out of range do not matter to the load-time check: the
	 * look-ups check what they read (see the sysv_lookup_ tests), so
	 * that loading does not cost a step per symbol.
	 */
	static const uint32_t t[9] = { 2, 5, 99, 99, 99, 99, 99, 99, 99 };

	ck_assert_uint_eq(sym_sysv_hash_nchain(t, 9), 5);
}
END_TEST

/*
 * The five symbols in one SysV bucket, so that one chain holds them all:
 * bucket -> 1 -> 2 -> 3 -> 4 -> 5 -> 0.  Returns a pointer to the
 * bucket; chain entry i is at [1 + i].
 */
static uint32_t *one_sysv_chain(struct table *tb)
{
	const struct table_opts o = { HASH_SYSV, 1, 0 };

	build_table(tb, five, 5, &o);
	ck_assert_uint_eq(tb->sysv_words, 2 + 1 + 6);
	ck_assert_uint_eq(tb->sysv[1], tb->t.nsyms);
	uint32_t *bucket = &tb->sysv[2];
	ck_assert_uint_eq(bucket[0], 1);
	for (uint32_t i = 1; i < 5; i++)
		ck_assert_uint_eq(bucket[1 + i], i + 1);
	ck_assert_uint_eq(bucket[1 + 5], 0);
	return bucket;
}

/* Look NAME up in TB; *BAD tells whether the table was reported. */
static const Elf64_Sym *lookup_sysv(const struct table *tb, const char *name,
				    int *bad)
{
	struct sym_query q;
	const Elf64_Sym *s;

	sym_bad_sysv_table = NULL;
	sym_query_init(&q, name, NULL, 0);
	s = sym_find_in(&tb->t, &q);
	ck_assert(!q.sysv_hash_bad || q.bad_sysv_table == &tb->t);
	*bad = q.sysv_hash_bad;
	/* What start-up and lazy binding check (loader/reloc.c). */
	ck_assert_ptr_eq(sym_bad_sysv_table, *bad ? &tb->t : NULL);
	if (s)
		ck_assert_str_eq(tb->strtab + s->st_name, name);
	return s;
}

START_TEST(sysv_lookup_valid_chain_is_not_reported)
{
	static struct table tb;
	int bad;

	one_sysv_chain(&tb);
	/* The longest valid chain, nchain - 1 symbols, is walked in full. */
	ck_assert_ptr_null(lookup_sysv(&tb, "absent", &bad));
	ck_assert_int_eq(bad, 0);
	for (size_t k = 0; k < 5; k++) {
		ck_assert_ptr_nonnull(lookup_sysv(&tb, five[k].name, &bad));
		ck_assert_int_eq(bad, 0);
	}
}
END_TEST

/*
 * A bucket or chain entry at or beyond nchain, met by a look-up: the walk
 * stops there and the table is reported; nothing outside the table is
 * read (0xffffffff would fault far beyond it).  A symbol before the bad
 * entry is still found.
 */
START_TEST(sysv_lookup_reports_out_of_range_entry)
{
	static struct table tb;
	const uint32_t bad_values[] = { 6, 7, 0x80000000u, 0xffffffffu };
	int bad;

	for (size_t v = 0; v < ARRAY_SIZE(bad_values); v++) {
		/* at = 0: the bucket; at = i: chain entry i. */
		for (uint32_t at = 0; at <= 5; at++) {
			uint32_t *bucket = one_sysv_chain(&tb);

			bucket[at == 0 ? 0 : 1 + at] = bad_values[v];
			/* A name that is absent walks the whole chain. */
			ck_assert_ptr_null(lookup_sysv(&tb, "absent", &bad));
			ck_assert_msg(bad, "entry %u = %#x not reported", at,
				      bad_values[v]);
			/* Symbols 1..at are reached before the bad entry. */
			for (uint32_t i = 1; i <= 5; i++) {
				const char *name = tb.strtab +
						   tb.syms[i].st_name;
				const Elf64_Sym *s = lookup_sysv(&tb, name,
								 &bad);

				if (i <= at) {
					ck_assert_ptr_eq(s, &tb.syms[i]);
					ck_assert_int_eq(bad, 0);
				} else {
					ck_assert_ptr_null(s);
					ck_assert_int_eq(bad, 1);
				}
			}
		}
	}
}
END_TEST

/* The null symbol's chain entry is never read: nothing to report. */
START_TEST(sysv_lookup_ignores_unread_entry)
{
	static struct table tb;
	int bad;

	uint32_t *bucket = one_sysv_chain(&tb);
	bucket[1 + 0] = 0xffffffffu;
	ck_assert_ptr_null(lookup_sysv(&tb, "absent", &bad));
	ck_assert_int_eq(bad, 0);
}
END_TEST

/*
 * Loops of every length, back to every earlier symbol: the walk ends
 * after at most nchain steps, and reports the table.
 */
START_TEST(sysv_lookup_reports_looping_chain)
{
	static struct table tb;
	int bad;

	for (uint32_t from = 1; from <= 5; from++) {
		for (uint32_t to = 1; to <= from; to++) {
			uint32_t *bucket = one_sysv_chain(&tb);

			bucket[1 + from] = to;	/* from -> to, not -> from+1 */
			ck_assert_ptr_null(lookup_sysv(&tb, "absent", &bad));
			ck_assert_msg(bad, "loop %u -> %u not reported", from,
				      to);
			/* Everything up to the loop is still found. */
			for (uint32_t i = 1; i <= from; i++) {
				const char *name = tb.strtab +
						   tb.syms[i].st_name;

				ck_assert_ptr_eq(lookup_sysv(&tb, name, &bad),
						 &tb.syms[i]);
				ck_assert_int_eq(bad, 0);
			}
		}
	}
}
END_TEST

/* Only the null symbol (nchain 1): any non-empty bucket is bad. */
START_TEST(sysv_lookup_with_only_the_null_symbol)
{
	static struct table tb;
	int bad;

	uint32_t *bucket = one_sysv_chain(&tb);
	tb.sysv[1] = 1;
	tb.t.nsyms = 1;
	ck_assert_ptr_null(lookup_sysv(&tb, "foo", &bad));
	ck_assert_int_eq(bad, 1);
	bucket[0] = 0;
	ck_assert_ptr_null(lookup_sysv(&tb, "foo", &bad));
	ck_assert_int_eq(bad, 0);
}
END_TEST

/*
 * A GNU table whose buckets are not in chain order (as no linker writes
 * them): the bound comes from the last non-empty bucket, and a lookup
 * ignores any other bucket that lies outside [symoffset, nsyms).
 */
#define ODD_SYMOFF 3
#define ODD_N 4

struct odd_table {
	Elf64_Sym syms[ODD_SYMOFF + ODD_N];
	char strtab[64];
	uint32_t gnu[64] __attribute__((aligned(8)));
	size_t words;
	uint32_t *buckets;
	const char *names[ODD_N];
	struct symtab t;
};

static void build_odd_table(struct odd_table *o)
{
	static const char *const pool[ODD_N] = { "foo", "bar", "baz", "qux" };
	const uint32_t nb = 3;
	size_t str = 1;

	memset(o, 0, sizeof(*o));
	/* Sort by bucket (stable). */
	for (size_t i = 0; i < ODD_N; i++) {
		size_t j = i;

		while (j > 0 && gnu_bucket(o->names[j - 1], nb) >
				gnu_bucket(pool[i], nb)) {
			o->names[j] = o->names[j - 1];
			j--;
		}
		o->names[j] = pool[i];
	}
	o->words = build_gnu_hash(o->gnu, ARRAY_SIZE(o->gnu), o->names,
				  ODD_N, ODD_SYMOFF, nb, 1, 6);
	o->buckets = o->gnu + 4 + 2;
	for (size_t i = 0; i < ODD_N; i++) {
		Elf64_Sym *sym = &o->syms[ODD_SYMOFF + i];

		memcpy(o->strtab + str, o->names[i], strlen(o->names[i]) + 1);
		sym->st_name = str;
		str += strlen(o->names[i]) + 1;
		sym->st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
		sym->st_shndx = DEF_SHNDX;
		sym->st_value = 0x100 + i;
	}
	o->t.syms = o->syms;
	o->t.strtab = o->strtab;
	o->t.strsz = str;
	o->t.gnu_hash = o->gnu;
	o->t.nsyms = sym_gnu_hash_nsyms(o->gnu, o->words);
}

static const Elf64_Sym *odd_lookup(struct odd_table *o, const char *name)
{
	struct sym_query q;

	sym_query_init(&q, name, NULL, 0);
	return sym_find_in(&o->t, &q);
}

START_TEST(gnu_buckets_out_of_order_are_bounded_at_lookup)
{
	static struct odd_table o;
	uint32_t last = 0;

	build_odd_table(&o);
	ck_assert_uint_eq(o.t.nsyms, ODD_SYMOFF + ODD_N);
	for (size_t i = 0; i < ODD_N; i++)
		ck_assert_ptr_eq(odd_lookup(&o, o.names[i]),
				 &o.syms[ODD_SYMOFF + i]);
	for (uint32_t b = 0; b < 3; b++)
		if (o.buckets[b])
			last = b;
	/* Every other non-empty bucket: past the table, then below
	 * symoffset.  The bound stays; those names are just not found. */
	for (uint32_t b = 0; b < last; b++) {
		if (!o.buckets[b])
			continue;
		uint32_t keep = o.buckets[b];

		for (int k = 0; k < 2; k++) {
			o.buckets[b] = k ? ODD_SYMOFF - 1 : 0x0ffffff0;
			ck_assert_uint_eq(sym_gnu_hash_nsyms(o.gnu, o.words),
					  ODD_SYMOFF + ODD_N);
			for (size_t i = 0; i < ODD_N; i++) {
				const Elf64_Sym *s = odd_lookup(&o, o.names[i]);

				if (gnu_bucket(o.names[i], 3) == b)
					ck_assert_ptr_null(s);
				else
					ck_assert_ptr_eq(s,
						&o.syms[ODD_SYMOFF + i]);
			}
		}
		o.buckets[b] = keep;
	}
	/* The last bucket itself is checked when the bound is computed. */
	o.buckets[last] = ODD_SYMOFF - 1;
	ck_assert_uint_eq(sym_gnu_hash_nsyms(o.gnu, o.words), 0);
	o.buckets[last] = 0x0ffffff0;
	ck_assert_uint_eq(sym_gnu_hash_nsyms(o.gnu, o.words), 0);
}
END_TEST

/* ---- lookup in one table ---- */

static void check_five_found(const struct table *tb)
{
	for (size_t i = 0; i < ARRAY_SIZE(five); i++)
		ck_assert_uint_eq(found(tb, five[i].name, NULL), five[i].value);
	ck_assert_uint_eq(found(tb, "qux", NULL), 0);
	ck_assert_uint_eq(found(tb, "fo", NULL), 0);	/* a prefix */
	ck_assert_uint_eq(found(tb, "fooo", NULL), 0);	/* an extension */
	ck_assert_uint_eq(found(tb, "", NULL), 0);
}

START_TEST(find_with_gnu_hash)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 3, 0 };

	build_table(&tb, five, 5, &o);
	check_five_found(&tb);
}
END_TEST

START_TEST(find_with_gnu_hash_single_bucket)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 1, 0 };

	build_table(&tb, five, 5, &o);
	check_five_found(&tb);
}
END_TEST

START_TEST(find_with_sysv_hash_only)
{
	static struct table tb;
	const struct table_opts o = { HASH_SYSV, 3, 0 };
	struct sym_query q;

	build_table(&tb, five, 5, &o);
	ck_assert_ptr_null(tb.t.gnu_hash);
	check_five_found(&tb);
	/* The SysV hash is computed once and kept in the query. */
	sym_query_init(&q, "printf", NULL, 0);
	ck_assert_ptr_nonnull(sym_find_in(&tb.t, &q));
	ck_assert_int_eq(q.have_sysv_hash, 1);
	ck_assert_uint_eq(q.sysv_hash, 0x077905a6);
}
END_TEST

START_TEST(find_without_hash_table_finds_nothing)
{
	static struct table tb;
	const struct table_opts o = { 0, 3, 0 };

	build_table(&tb, five, 5, &o);
	ck_assert_uint_eq(found(&tb, "foo", NULL), 0);
}
END_TEST

START_TEST(gnu_hash_preferred_over_sysv)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU | HASH_SYSV, 3, 0 };

	build_table(&tb, five, 5, &o);
	/* Empty every SysV bucket: lookups must still succeed via GNU. */
	memset(tb.sysv + 2, 0, 3 * sizeof(uint32_t));
	check_five_found(&tb);
}
END_TEST

START_TEST(sysv_looping_chain_terminates)
{
	static struct table tb;
	const struct table_opts o = { HASH_SYSV, 1, 0 };

	build_table(&tb, five, 5, &o);
	/* One bucket; make the first symbol's chain point back at itself. */
	uint32_t first = tb.sysv[2];
	tb.sysv[2 + 1 + first] = first;
	ck_assert_uint_eq(found(&tb, tb.strtab + tb.syms[first].st_name, NULL),
			  tb.syms[first].st_value);
	ck_assert_uint_eq(found(&tb, "absent", NULL), 0);	/* no hang */
}
END_TEST

/* ---- the Bloom filter ---- */

START_TEST(bloom_zero_rejects_without_touching_chain)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 3, 0 };

	build_table(&tb, five, 5, &o);
	ck_assert_uint_eq(found(&tb, "printf", NULL), 0x1040);
	/* Buckets and chains still lead to printf, but the filter says no.
	 * Pull the symbols away: reaching the chain would now crash. */
	set_bloom(tb.gnu, 0, 0);
	tb.t.syms = NULL;
	tb.t.strtab = NULL;
	struct sym_query q;
	sym_query_init(&q, "printf", NULL, 0);
	ck_assert_ptr_null(sym_find_in(&tb.t, &q));
}
END_TEST

START_TEST(bloom_needs_both_bits)
{
	static const struct sym_spec one[] = { FUNC("printf", 0x1040) };
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 1, 0 };
	uint32_t h = ref_gnu_hash("printf");
	uint64_t bit1 = (uint64_t)1 << (h % 64);
	uint64_t bit2 = (uint64_t)1 << ((h >> 6) % 64);

	build_table(&tb, one, 1, &o);
	ck_assert_uint_ne(bit1, bit2);	/* precondition: two distinct bits */
	ck_assert_uint_eq(get_bloom(tb.gnu, 0), bit1 | bit2);
	set_bloom(tb.gnu, 0, bit1);
	ck_assert_uint_eq(found(&tb, "printf", NULL), 0);
	set_bloom(tb.gnu, 0, bit2);
	ck_assert_uint_eq(found(&tb, "printf", NULL), 0);
	set_bloom(tb.gnu, 0, bit1 | bit2);
	ck_assert_uint_eq(found(&tb, "printf", NULL), 0x1040);
}
END_TEST

START_TEST(bloom_word_chosen_by_hash)
{
	static const char *const names[] = { "printf" };
	uint32_t t[32] __attribute__((aligned(8)));
	Elf64_Sym syms[2] = { { 0 } };
	static const char strtab[] = "\0printf";
	struct symtab st = { .syms = syms, .nsyms = 2, .strtab = strtab,
			     .strsz = sizeof(strtab) };
	uint32_t h = ref_gnu_hash("printf");
	size_t k = (h / 64) % 4;

	syms[1].st_name = 1;
	syms[1].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
	syms[1].st_shndx = DEF_SHNDX;
	syms[1].st_value = 0x1040;
	build_gnu_hash(t, 32, names, 1, 1, 1, 4, 6);
	st.gnu_hash = t;

	struct sym_query q;
	sym_query_init(&q, "printf", NULL, 0);
	ck_assert_ptr_eq(sym_find_in(&st, &q), &syms[1]);
	/* Move the bits to another of the four words: rejected. */
	uint64_t w = get_bloom(t, k);
	set_bloom(t, k, 0);
	set_bloom(t, (k + 1) % 4, w);
	ck_assert_ptr_null(sym_find_in(&st, &q));
}
END_TEST

/* ---- which symbols are definitions ---- */

START_TEST(binding_visibility_and_type_rules)
{
	static const struct sym_spec specs[] = {
		{ .name = "weak", .value = 0x10, .bind = STB_WEAK, .type = STT_FUNC },
		{ .name = "local", .value = 0x20, .bind = STB_LOCAL, .type = STT_FUNC },
		{ .name = "hidden", .value = 0x30, .bind = STB_GLOBAL,
		  .type = STT_FUNC, .vis = STV_HIDDEN },
		{ .name = "internal", .value = 0x40, .bind = STB_GLOBAL,
		  .type = STT_FUNC, .vis = STV_INTERNAL },
		{ .name = "protected", .value = 0x50, .bind = STB_GLOBAL,
		  .type = STT_FUNC, .vis = STV_PROTECTED },
		{ .name = "object", .value = 0x60, .bind = STB_GLOBAL, .type = STT_OBJECT },
		{ .name = "ifunc", .value = 0x70, .bind = STB_GLOBAL,
		  .type = STT_GNU_IFUNC },
		{ .name = "unique", .value = 0x80, .bind = STB_GNU_UNIQUE,
		  .type = STT_OBJECT },
		{ .name = "section", .value = 0x90, .bind = STB_GLOBAL,
		  .type = STT_SECTION },
		{ .name = "novalue", .value = 0, .bind = STB_GLOBAL, .type = STT_FUNC },
		/* A TLS symbol at offset 0 of the TLS block is a definition. */
		{ .name = "tls0", .value = 0, .bind = STB_GLOBAL, .type = STT_TLS },
		{ .name = "common", .value = 0xa0, .bind = STB_GLOBAL,
		  .type = STT_COMMON },
	};
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 4, 0 };

	build_table(&tb, specs, ARRAY_SIZE(specs), &o);
	ck_assert_uint_eq(found(&tb, "weak", NULL), 0x10);
	ck_assert_uint_eq(found(&tb, "local", NULL), 0);
	ck_assert_uint_eq(found(&tb, "hidden", NULL), 0);
	ck_assert_uint_eq(found(&tb, "internal", NULL), 0);
	ck_assert_uint_eq(found(&tb, "protected", NULL), 0x50);
	ck_assert_uint_eq(found(&tb, "object", NULL), 0x60);
	ck_assert_uint_eq(found(&tb, "ifunc", NULL), 0x70);
	ck_assert_uint_eq(found(&tb, "unique", NULL), 0x80);
	ck_assert_uint_eq(found(&tb, "section", NULL), 0);
	ck_assert_uint_eq(found(&tb, "novalue", NULL), 0);
	ck_assert_ptr_nonnull(lookup(&tb, "tls0", NULL, 0));
	ck_assert_uint_eq(found(&tb, "common", NULL), 0xa0);
}
END_TEST

START_TEST(undefined_symbols_are_not_definitions)
{
	static const struct sym_spec specs[] = {
		{ .name = "undef", .value = 0, .bind = STB_GLOBAL,
		  .type = STT_FUNC, .shndx = SHN_UNDEF },
		{ .name = "weakundef", .value = 0, .bind = STB_WEAK,
		  .type = STT_NOTYPE, .shndx = SHN_UNDEF },
	};
	static struct table tb;
	const struct table_opts o = { HASH_GNU | HASH_SYSV, 2, 0 };

	build_table(&tb, specs, 2, &o);
	/* build_table turns shndx 0 into DEF_SHNDX: put SHN_UNDEF back. */
	tb.syms[1].st_shndx = SHN_UNDEF;
	tb.syms[2].st_shndx = SHN_UNDEF;
	ck_assert_ptr_null(lookup(&tb, "undef", NULL, 0));
	ck_assert_ptr_null(lookup(&tb, "weakundef", NULL, 0));
	ck_assert_ptr_null(lookup(&tb, "undef", NULL, 1));
}
END_TEST

START_TEST(canonical_plt_entry_only_for_non_plt_queries)
{
	/* A non-PIE program's "puts": undefined, but with the address of
	 * its PLT entry, which is the function's address for everyone. */
	static const struct sym_spec specs[] = {
		FUNC("puts", 0x401030), FUNC("main", 0x401100),
	};
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 2, 0 };
	size_t puts_index;

	build_table(&tb, specs, 2, &o);
	puts_index = strcmp(tb.strtab + tb.syms[1].st_name, "puts") == 0 ? 1 : 2;
	tb.syms[puts_index].st_shndx = SHN_UNDEF;
	ck_assert_ptr_eq(lookup(&tb, "puts", NULL, 0), &tb.syms[puts_index]);
	ck_assert_ptr_null(lookup(&tb, "puts", NULL, 1));
	/* A real definition is fine for a PLT slot. */
	ck_assert_ptr_nonnull(lookup(&tb, "main", NULL, 1));
}
END_TEST

START_TEST(invalid_entry_earlier_in_chain_does_not_hide_definition)
{
	static const struct sym_spec specs[] = {
		{ .name = "dup", .value = 0x11, .bind = STB_LOCAL, .type = STT_FUNC },
		{ .name = "dup", .value = 0x22, .bind = STB_GLOBAL,
		  .type = STT_FUNC, .vis = STV_HIDDEN },
		FUNC("dup", 0x33),
	};
	static struct table tb;
	const struct table_opts gnu = { HASH_GNU, 1, 0 };
	const struct table_opts sysv = { HASH_SYSV, 1, 0 };

	build_table(&tb, specs, 3, &gnu);
	ck_assert_uint_eq(found(&tb, "dup", NULL), 0x33);
	build_table(&tb, specs, 3, &sysv);
	ck_assert_uint_eq(found(&tb, "dup", NULL), 0x33);
}
END_TEST

/*
 * When the string table's last name is not NUL-terminated within
 * DT_STRSZ (a malformed object), that name must not match a query it is
 * a prefix of: "foobar" must not bind to "foo".  A SysV table with one
 * bucket walks every symbol, so the hash does not filter "foo" out first.
 */
START_TEST(name_at_unterminated_end_of_strtab_is_no_prefix_match)
{
	static const struct sym_spec specs[] = { FUNC("foo", 0x1010) };
	static struct table tb;
	const struct table_opts o = { HASH_SYSV, 1, 0 };

	build_table(&tb, specs, 1, &o);
	tb.t.strsz -= 1;	/* "\0foo" without its final NUL */
	ck_assert_uint_eq(found(&tb, "foo", NULL), 0x1010);
	ck_assert_ptr_null(lookup(&tb, "foobar", NULL, 0));
}
END_TEST

/* ---- version tables ---- */

/* A Verdef with its one Verdaux right after it, as linkers write them. */
struct verdef_rec {
	Elf64_Verdef vd;
	Elf64_Verdaux aux;
};

/* "\0libt.so.1\0V1\0V2\0" */
static const char vstr[] = "\0libt.so.1\0V1\0V2";
#define VS_SONAME 1
#define VS_V1 11
#define VS_V2 14

static void set_verdef(struct verdef_rec *r, uint16_t flags, uint16_t ndx,
		       uint32_t name, int last)
{
	r->vd.vd_version = VER_DEF_CURRENT;
	r->vd.vd_flags = flags;
	r->vd.vd_ndx = ndx;
	r->vd.vd_cnt = 1;
	r->vd.vd_hash = ref_sysv_hash(vstr + name);
	r->vd.vd_aux = offsetof(struct verdef_rec, aux);
	r->vd.vd_next = last ? 0 : sizeof(*r);
	r->aux.vda_name = name;
	r->aux.vda_next = 0;
}

static void good_verdefs(struct verdef_rec r[3])
{
	memset(r, 0, 3 * sizeof(*r));
	set_verdef(&r[0], VER_FLG_BASE, 1, VS_SONAME, 0);
	set_verdef(&r[1], 0, 2, VS_V1, 0);
	set_verdef(&r[2], 0, 3, VS_V2, 1);
}

static long read_verdefs(const struct verdef_rec *r, size_t size,
			 struct version *out, size_t out_len)
{
	return sym_read_verdefs(r, size, 3, vstr, sizeof(vstr), out, out_len);
}

START_TEST(verdefs_read_and_indexed)
{
	struct verdef_rec r[3];
	struct version v[6];

	good_verdefs(r);
	ck_assert_int_eq(read_verdefs(r, sizeof(r), NULL, 0), 4);	/* count */
	/* Only the defined indexes are written (OUT comes zeroed). */
	memset(v, 0xa5, sizeof(v));
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 6), 4);
	ck_assert_uint_eq(*(unsigned char *)&v[0], 0xa5);
	ck_assert_uint_eq(*(unsigned char *)&v[4], 0xa5);
	ck_assert_uint_eq(*(unsigned char *)&v[5], 0xa5);
	memset(v, 0, sizeof(v));
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 6), 4);
	ck_assert_ptr_null(v[0].name);
	ck_assert_str_eq(v[1].name, "libt.so.1");
	ck_assert_uint_eq(v[1].flags, VER_FLG_BASE);
	ck_assert_str_eq(v[2].name, "V1");
	ck_assert_uint_eq(v[2].hash, ref_sysv_hash("V1"));
	ck_assert_uint_eq(v[2].flags, 0);
	ck_assert_str_eq(v[3].name, "V2");
	ck_assert_uint_eq(v[3].hash, ref_sysv_hash("V2"));
	ck_assert_ptr_null(v[4].name);
	ck_assert_ptr_null(v[5].name);
}
END_TEST

START_TEST(verdefs_stop_at_count_or_zero_next)
{
	struct verdef_rec r[3];
	struct version v[4] = { 0 };

	good_verdefs(r);
	ck_assert_int_eq(sym_read_verdefs(r, sizeof(r), 2, vstr, sizeof(vstr),
					  v, 4), 3);
	ck_assert_ptr_null(v[3].name);
	r[1].vd.vd_next = 0;
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 4), 3);
	ck_assert_ptr_null(v[3].name);
}
END_TEST

START_TEST(verdefs_malformed)
{
	struct verdef_rec r[3];
	struct version v[4];

	good_verdefs(r);
	r[1].vd.vd_version = 2;
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 4), -1);

	good_verdefs(r);
	r[1].vd.vd_next = 3 * sizeof(r[0]);	/* r[2] would be past SIZE */
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 4), -1);

	good_verdefs(r);		/* the last record cut short */
	ck_assert_int_eq(read_verdefs(r, sizeof(r) - 1, v, 4), -1);

	good_verdefs(r);
	r[2].vd.vd_aux = sizeof(r[0]);	/* the aux past SIZE */
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 4), -1);

	good_verdefs(r);
	r[1].vd.vd_next = sizeof(r[0]) + 2;	/* misaligned */
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 4), -1);

	good_verdefs(r);
	r[2].aux.vda_name = sizeof(vstr);	/* name past the strings */
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 4), -1);

	good_verdefs(r);
	/* The name starts inside but is not terminated there. */
	ck_assert_int_eq(sym_read_verdefs(r, sizeof(r), 3, vstr,
					  sizeof(vstr) - 1, v, 4), -1);

	good_verdefs(r);		/* an index OUT has no room for */
	ck_assert_int_eq(read_verdefs(r, sizeof(r), v, 3), -1);
}
END_TEST

/* A Verneed with two Vernaux, and one with one, laid out like ld does. */
struct verneed_recs {
	Elf64_Verneed vn1;
	Elf64_Vernaux a1, a2;
	Elf64_Verneed vn2;
	Elf64_Vernaux b1;
};

/* "\0libc.so.6\0GLIBC_2.2.5\0GLIBC_2.34\0libm.so.6\0GLIBC_2.29" */
static const char nstr[] =
	"\0libc.so.6\0GLIBC_2.2.5\0GLIBC_2.34\0libm.so.6\0GLIBC_2.29";
#define NS_LIBC 1
#define NS_225 11
#define NS_234 23
#define NS_LIBM 34
#define NS_229 44

static void set_vernaux(Elf64_Vernaux *a, uint32_t name, uint16_t other,
			uint32_t next)
{
	a->vna_hash = ref_sysv_hash(nstr + name);
	a->vna_flags = 0;
	a->vna_other = other;
	a->vna_name = name;
	a->vna_next = next;
}

static void good_verneeds(struct verneed_recs *r)
{
	memset(r, 0, sizeof(*r));
	r->vn1.vn_version = VER_NEED_CURRENT;
	r->vn1.vn_cnt = 2;
	r->vn1.vn_file = NS_LIBC;
	r->vn1.vn_aux = offsetof(struct verneed_recs, a1);
	r->vn1.vn_next = offsetof(struct verneed_recs, vn2);
	set_vernaux(&r->a1, NS_225, 2, sizeof(Elf64_Vernaux));
	set_vernaux(&r->a2, NS_234, 3, 0);
	r->vn2.vn_version = VER_NEED_CURRENT;
	r->vn2.vn_cnt = 1;
	r->vn2.vn_file = NS_LIBM;
	r->vn2.vn_aux = sizeof(Elf64_Verneed);
	r->vn2.vn_next = 0;
	/* The hidden bit in vna_other is not part of the index. */
	set_vernaux(&r->b1, NS_229, 4 | VER_HIDDEN, 0);
}

static long read_verneeds(const struct verneed_recs *r, size_t size,
			  struct version *out, size_t out_len)
{
	return sym_read_verneeds(r, size, 2, nstr, sizeof(nstr), out, out_len);
}

START_TEST(verneeds_read_and_indexed)
{
	struct verneed_recs r;
	struct version v[5] = { { 0 } };

	ck_assert_str_eq(nstr + NS_229, "GLIBC_2.29");	/* offsets right */
	good_verneeds(&r);
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), NULL, 0), 5);
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 5), 5);
	ck_assert_ptr_null(v[0].name);
	ck_assert_ptr_null(v[1].name);
	ck_assert_str_eq(v[2].name, "GLIBC_2.2.5");
	ck_assert_uint_eq(v[2].hash, 0x09691a75);
	ck_assert_str_eq(v[2].file, "libc.so.6");
	ck_assert_str_eq(v[3].name, "GLIBC_2.34");
	ck_assert_str_eq(v[3].file, "libc.so.6");
	ck_assert_str_eq(v[4].name, "GLIBC_2.29");
	ck_assert_str_eq(v[4].file, "libm.so.6");
}
END_TEST

START_TEST(verneeds_malformed)
{
	struct verneed_recs r;
	struct version v[5];

	good_verneeds(&r);
	r.vn2.vn_version = 0;
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 5), -1);

	good_verneeds(&r);
	r.vn1.vn_file = sizeof(nstr);	/* file name past the strings */
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 5), -1);

	good_verneeds(&r);
	r.a2.vna_name = sizeof(nstr) + 100;
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 5), -1);

	good_verneeds(&r);
	r.vn2.vn_aux = 64;		/* the aux past SIZE */
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 5), -1);

	good_verneeds(&r);
	r.a1.vna_next = 1000;		/* next aux past SIZE */
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 5), -1);

	good_verneeds(&r);
	r.vn1.vn_next = sizeof(r);	/* next Verneed at SIZE */
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 5), -1);

	good_verneeds(&r);		/* index 4 with room for 4 */
	ck_assert_int_eq(read_verneeds(&r, sizeof(r), v, 4), -1);
}
END_TEST

/* ---- version matching in lookups ---- */

/*
 * libt.so.1 with versions V1 (index 2), V2 (3), V3 (4).  Chains are in
 * this order (one bucket), so the default foo@@V2 comes before foo@V1.
 */
static const struct sym_spec versioned_specs[] = {
	VFUNC("foo", 0xf2, 3),				/* foo@@V2 */
	VFUNC("foo", 0xf1, 2 | VER_HIDDEN),		/* foo@V1 */
	VFUNC("bar", 0xb4, 4),				/* bar@@V3 */
	VFUNC("hid", 0xc3, 3 | VER_HIDDEN),		/* hid@V2 only */
	VFUNC("old", 0xa1, VER_NDX_GLOBAL),		/* unversioned */
	VFUNC("loc", 0xd0, VER_NDX_LOCAL),
	VFUNC("base", 0xe2, 2),				/* base@@V1 */
};

static void build_versioned(struct table *tb, unsigned hashes)
{
	const struct table_opts o = { hashes, 1, 1 };

	build_table(tb, versioned_specs, ARRAY_SIZE(versioned_specs), &o);
}

START_TEST(versioned_query_finds_exact_version)
{
	static struct table tb;
	struct version v1 = wanted("V1"), v2 = wanted("V2"), v3 = wanted("V3");
	struct version v9 = wanted("V9");

	build_versioned(&tb, HASH_GNU);
	ck_assert_uint_eq(found(&tb, "foo", &v1), 0xf1);	/* though hidden */
	ck_assert_uint_eq(found(&tb, "foo", &v2), 0xf2);
	ck_assert_uint_eq(found(&tb, "foo", &v3), 0);
	ck_assert_uint_eq(found(&tb, "foo", &v9), 0);
	ck_assert_uint_eq(found(&tb, "bar", &v3), 0xb4);
	ck_assert_uint_eq(found(&tb, "bar", &v2), 0);
	ck_assert_uint_eq(found(&tb, "hid", &v2), 0xc3);
}
END_TEST

START_TEST(versioned_query_same_name_other_hash_rejected)
{
	static struct table tb;
	struct version v2 = wanted("V2");

	build_versioned(&tb, HASH_GNU);
	v2.hash ^= 1;
	ck_assert_uint_eq(found(&tb, "foo", &v2), 0);
}
END_TEST

START_TEST(versioned_query_accepts_unversioned_definition)
{
	static struct table tb;
	struct version v1 = wanted("V1");

	build_versioned(&tb, HASH_GNU);
	ck_assert_uint_eq(found(&tb, "old", &v1), 0xa1);
	ck_assert_uint_eq(found(&tb, "loc", &v1), 0);	/* VER_NDX_LOCAL */
}
END_TEST

START_TEST(unversioned_query_binds_oldest_version)
{
	static struct table tb;

	/* glibc's rule: index 2, hidden or not, beats the default foo@@V2. */
	build_versioned(&tb, HASH_GNU);
	ck_assert_uint_eq(found(&tb, "foo", NULL), 0xf1);
	ck_assert_uint_eq(found(&tb, "base", NULL), 0xe2);
	ck_assert_uint_eq(found(&tb, "old", NULL), 0xa1);
	ck_assert_uint_eq(found(&tb, "loc", NULL), 0);
}
END_TEST

START_TEST(unversioned_query_takes_lone_later_default)
{
	static struct table tb;

	build_versioned(&tb, HASH_GNU);
	ck_assert_uint_eq(found(&tb, "bar", NULL), 0xb4);	/* bar@@V3 */
	ck_assert_uint_eq(found(&tb, "hid", NULL), 0);	/* hidden, index 3 */
}
END_TEST

START_TEST(unversioned_query_rejects_two_later_defaults)
{
	/* Two non-hidden definitions from index 3 on: neither is chosen. */
	static const struct sym_spec specs[] = {
		VFUNC("twin", 0x13, 3), VFUNC("twin", 0x14, 4),
	};
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 1, 1 };

	build_table(&tb, specs, 2, &o);
	ck_assert_uint_eq(found(&tb, "twin", NULL), 0);
}
END_TEST

START_TEST(version_rules_same_with_sysv_hash)
{
	static struct table tb;
	struct version v1 = wanted("V1"), v2 = wanted("V2"), v3 = wanted("V3");

	build_versioned(&tb, HASH_SYSV);
	ck_assert_uint_eq(found(&tb, "foo", &v1), 0xf1);
	ck_assert_uint_eq(found(&tb, "foo", &v2), 0xf2);
	ck_assert_uint_eq(found(&tb, "foo", &v3), 0);
	ck_assert_uint_eq(found(&tb, "foo", NULL), 0xf1);
	ck_assert_uint_eq(found(&tb, "bar", NULL), 0xb4);
	ck_assert_uint_eq(found(&tb, "hid", NULL), 0);
}
END_TEST

START_TEST(table_without_versions_satisfies_any_version)
{
	static struct table tb;
	const struct table_opts o = { HASH_GNU, 3, 0 };
	struct version v1 = wanted("V1");

	build_table(&tb, five, 5, &o);
	ck_assert_uint_eq(found(&tb, "malloc", &v1), 0x1050);
}
END_TEST

/* ---- sym_resolve over a scope ---- */

static struct table table_a, table_b;
static struct dso dso_a, dso_b;

/* dso_list: A then B, both defining "foo"; "only_a", "only_b". */
static void setup_scope(void)
{
	static const struct sym_spec a[] = {
		FUNC("foo", 0xa1), FUNC("only_a", 0xa2),
	};
	static const struct sym_spec b[] = {
		FUNC("foo", 0xb1), FUNC("only_b", 0xb2),
	};
	const struct table_opts o = { HASH_GNU, 2, 0 };

	build_table(&table_a, a, 2, &o);
	build_table(&table_b, b, 2, &o);
	memset(&dso_a, 0, sizeof(dso_a));
	memset(&dso_b, 0, sizeof(dso_b));
	dso_a.name = "liba.so";
	dso_a.symtab = table_a.t;
	dso_a.next = &dso_b;
	dso_a.global = 1;
	dso_b.name = "libb.so";
	dso_b.symtab = table_b.t;
	dso_b.global = 1;
	dso_list = &dso_a;
}

/* Resolve NAME for REQUESTER; return the value and the defining object. */
static uint64_t resolve(const char *name, struct dso *requester,
			struct dso *skip, struct dso **def)
{
	struct sym_query q;
	const Elf64_Sym *s;

	*def = NULL;
	sym_query_init(&q, name, NULL, 0);
	s = sym_resolve(&q, requester, skip, def);
	return s ? s->st_value : 0;
}

/*
 * An object outside the global scope (dlopened RTLD_LOCAL) is found only
 * by the objects of its own group, after the global scope.
 */
START_TEST(resolve_local_object_only_within_its_group)
{
	struct dso *def;
	struct dso *group[] = { &dso_b };

	setup_scope();
	dso_b.global = 0;
	ck_assert_uint_eq(resolve("only_b", &dso_a, NULL, &def), 0);
	ck_assert_ptr_null(def);
	ck_assert_uint_eq(resolve("foo", &dso_a, NULL, &def), 0xa1);

	dso_b.scope = group;
	dso_b.nscope = 1;
	dso_b.group = &dso_b;
	ck_assert_uint_eq(resolve("only_b", &dso_b, NULL, &def), 0xb2);
	ck_assert_ptr_eq(def, &dso_b);
	/* The global scope still comes first, even for the group. */
	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xa1);
	ck_assert_ptr_eq(def, &dso_a);
}
END_TEST

/*
 * RTLD_DEEPBIND: an object of a deep-bound group asks its group's local
 * scope before the global one, also through the scope index.
 */
START_TEST(resolve_deepbind_local_scope_first)
{
	struct dso *def;
	struct dso *group[] = { &dso_b };

	setup_scope();
	dso_b.scope = group;
	dso_b.nscope = 1;
	dso_b.group = &dso_b;
	dso_b.deepbind = 1;
	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xb1);
	ck_assert_ptr_eq(def, &dso_b);
	ck_assert_uint_eq(resolve("only_a", &dso_b, NULL, &def), 0xa2);
	ck_assert_ptr_eq(def, &dso_a);
	/* Others still see the global scope first. */
	ck_assert_uint_eq(resolve("foo", &dso_a, NULL, &def), 0xa1);
	dso_b.deepbind = 0;
	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xa1);
}
END_TEST

/* The scopes of dlsym: a handle's local scope, and RTLD_NEXT's objects
 * after the caller (in the global scope, or in the caller's group). */
START_TEST(dlsym_scopes_of_handle_and_next)
{
	struct dso *def;
	struct dso *group[] = { &dso_a, &dso_b };
	struct sym_scope sc;
	struct sym_query q;

	setup_scope();
	dso_a.kind = dso_b.kind = DSO_LIBRARY;
	dso_b.scope = group + 1;
	dso_b.nscope = 1;
	sym_query_init(&q, "foo", NULL, 0);
	sym_scope_of_handle(&sc, &dso_b);
	ck_assert_uint_eq(sym_scope_search(&q, &sc, &def)->st_value, 0xb1);
	/* Start-up objects: the global scope after the caller. */
	sym_scope_after(&sc, &dso_a);
	ck_assert_uint_eq(sym_scope_search(&q, &sc, &def)->st_value, 0xb1);
	sym_scope_after(&sc, &dso_b);
	ck_assert_ptr_null(sym_scope_search(&q, &sc, &def));
	/* A dlopen group: the objects after the caller in its root's list. */
	dso_a.scope = group;
	dso_a.nscope = 2;
	dso_b.group = &dso_a;
	dso_a.group = &dso_a;
	sym_scope_after(&sc, &dso_a);
	ck_assert_uint_eq(sym_scope_search(&q, &sc, &def)->st_value, 0xb1);
	ck_assert_ptr_eq(def, &dso_b);
	sym_scope_after(&sc, &dso_b);
	ck_assert_ptr_null(sym_scope_search(&q, &sc, &def));
}
END_TEST

/* Room for an index of dso_a and dso_b. */
union index_of_two {
	struct scope_index ix;
	char room[sizeof(struct scope_index) + 2 * sizeof(struct dso *)];
};

/*
 * Set IX up for the first OBJECTS of dso_a and dso_b, with MASK + 1
 * buckets and symbol indexes below 1 << SYMBOL_BITS, over BOUNDS and
 * ENTRIES (NBOUNDS and NENTRIES of them), all cleared, ready for
 * sym_index_build.
 */
static void index_a_and_b(struct scope_index *ix, uint32_t mask,
			  uint32_t symbol_bits, uint32_t *bounds,
			  size_t nbounds, struct scope_entry *entries,
			  size_t nentries, size_t objects)
{
	memset(bounds, 0, nbounds * sizeof(*bounds));
	memset(entries, 0, nentries * sizeof(*entries));
	dso_a.indexed = dso_b.indexed = 0;
	*ix = (struct scope_index){ mask, symbol_bits,
				    (1u << symbol_bits) - 1, bounds,
				    entries, objects };
	ix->objects[0] = &dso_a;
	ix->objects[1] = &dso_b;
}

/*
 * With the global scope indexed, the answers are the same as without:
 * the first definition in scope order, and for a name nobody defines,
 * nothing (without asking each object again).
 */
START_TEST(resolve_through_the_scope_index)
{
	/* Two buckets, so that definitions of different names share one. */
	static uint32_t bounds[1 + 3];
	static struct scope_entry entries[4];
	static union index_of_two u;
	struct scope_index *ix = &u.ix;
	struct dso *def;

	setup_scope();
	/* Symbol indexes below 4 (2 bits), then the object's position. */
	index_a_and_b(ix, 1, 2, bounds, ARRAY_SIZE(bounds), entries,
		      ARRAY_SIZE(entries), 2);
	ck_assert_uint_eq(sym_index_count(&dso_a), 2);
	sym_index_build(ix, NULL);
	ck_assert(dso_a.indexed && dso_b.indexed);
	/* Every entry in a bucket, the buckets one after the other. */
	ck_assert_uint_eq(bounds[0], 0);
	ck_assert_uint_le(bounds[1], 4);
	ck_assert_uint_eq(bounds[2], 4);
	for (uint32_t b = 0; b < 2; b++)
		for (uint32_t n = bounds[b]; n < bounds[b + 1]; n++)
			ck_assert_uint_eq(entries[n].hash >> 1 & 1, b);
	sym_scope_index = ix;

	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xa1);
	ck_assert_ptr_eq(def, &dso_a);
	ck_assert_uint_eq(resolve("only_b", &dso_a, NULL, &def), 0xb2);
	ck_assert_ptr_eq(def, &dso_b);
	ck_assert_uint_eq(resolve("nobody", &dso_a, NULL, &def), 0);
	/* With a skipped object (COPY), the index is not used. */
	ck_assert_uint_eq(resolve("foo", &dso_a, &dso_a, &def), 0xb1);
	ck_assert_ptr_eq(def, &dso_b);
	sym_scope_index = NULL;
}
END_TEST

/*
 * One bucket for every entry: each look-up scans all of them, and still
 * finds the first definition in scope order, whatever else shares the
 * bucket.
 */
START_TEST(scope_index_in_one_bucket)
{
	static uint32_t bounds[0 + 3];
	static struct scope_entry entries[4];
	static union index_of_two u;
	struct scope_index *ix = &u.ix;
	struct dso *def;

	setup_scope();
	index_a_and_b(ix, 0, 2, bounds, ARRAY_SIZE(bounds), entries,
		      ARRAY_SIZE(entries), 2);
	sym_index_build(ix, NULL);
	ck_assert_uint_eq(bounds[0], 0);
	ck_assert_uint_eq(bounds[1], 4);
	/* In scope order: A's two entries, then B's. */
	for (uint32_t n = 0; n < 4; n++)
		ck_assert_uint_eq(entries[n].where >> 2, n / 2);
	sym_scope_index = ix;

	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xa1);
	ck_assert_ptr_eq(def, &dso_a);
	ck_assert_uint_eq(resolve("only_a", &dso_b, NULL, &def), 0xa2);
	ck_assert_uint_eq(resolve("only_b", &dso_a, NULL, &def), 0xb2);
	ck_assert_ptr_eq(def, &dso_b);
	ck_assert_uint_eq(resolve("nobody", &dso_a, NULL, &def), 0);
	sym_scope_index = NULL;
}
END_TEST

/* The number of buckets: a power of two, at most four entries a bucket
 * on average, and more than two once there are more than four. */
START_TEST(scope_index_buckets_hold_two_to_four)
{
	ck_assert_uint_eq(sym_index_buckets(0), 1);
	ck_assert_uint_eq(sym_index_buckets(4), 1);
	ck_assert_uint_eq(sym_index_buckets(5), 2);
	ck_assert_uint_eq(sym_index_buckets(91198), 32768);
	for (size_t n = 1; n <= 70000; n += 1 + n / 64) {
		size_t b = sym_index_buckets(n);

		ck_assert_uint_eq(b & (b - 1), 0);
		ck_assert_uint_le(n, 4 * b);
		if (n > 4)
			ck_assert_uint_gt(n, 2 * b);
	}
}
END_TEST

/* The same for a reference of REQUESTER's own symbol I (its name). */
static uint64_t resolve_own(struct dso *requester, size_t i, int *partial,
			    struct dso **def)
{
	const struct symtab *t = &requester->symtab;
	struct sym_query q;
	const Elf64_Sym *s;

	*def = NULL;
	sym_query_init_ref(&q, t, i, t->strtab + t->syms[i].st_name, NULL, 0);
	*partial = q.gnu_hash_partial;
	s = sym_resolve(&q, requester, NULL, def);
	if (s)	/* Whatever the path, the hash is the name's, if it was needed. */
		ck_assert(q.gnu_hash_partial ||
			  q.gnu_hash == ref_gnu_hash(q.name));
	return s ? s->st_value : 0;
}

/*
 * An object's reference to a name it defines itself asks the index with
 * the hash from its own DT_GNU_HASH chain (bit 0 unknown), and a walk
 * after the index (here: B left out of it) with the name's whole hash:
 * every answer is the one the name's hash gives, without the index, with
 * it, and with the index holding only A.  Names of both parities.
 */
START_TEST(own_references_take_the_hash_from_the_chain)
{
	static const struct sym_spec b[] = {
		FUNC("foo", 0xb1), FUNC("only_b", 0xb2), FUNC("b3", 0xb3),
		FUNC("b4", 0xb4), FUNC("b5", 0xb5), FUNC("b6", 0xb6),
		FUNC("only_a", 0xb7),
	};
	const struct table_opts o = { HASH_GNU, 3, 0 };
	static uint32_t bounds[1 + 3];
	static struct scope_entry entries[9];
	static union index_of_two u;
	struct scope_index *ix = &u.ix;
	uint64_t want[MAX_SYMS + 1];
	struct dso *want_def[MAX_SYMS + 1], *def;
	unsigned parities = 0;
	int partial;

	setup_scope();
	build_table(&table_b, b, 7, &o);
	dso_b.symtab = table_b.t;
	const struct symtab *t = &dso_b.symtab;
	size_t first = t->gnu_hash[1];
	ck_assert_uint_eq(t->nsyms - first, 7);
	for (size_t i = first; i < t->nsyms; i++) {
		const char *name = t->strtab + t->syms[i].st_name;

		want[i] = resolve(name, &dso_b, NULL, &want_def[i]);
		ck_assert_uint_eq(resolve_own(&dso_b, i, &partial, &def),
				  want[i]);
		ck_assert_ptr_eq(def, want_def[i]);
		ck_assert(!partial);	/* no index: the name is hashed */
		parities |= 1u << (ref_gnu_hash(name) & 1);
	}
	ck_assert_uint_eq(parities, 3);
	size_t from_a = 0;	/* "foo" and "only_a": A's come first */
	for (size_t i = first; i < t->nsyms; i++)
		from_a += want_def[i] == &dso_a;
	ck_assert_uint_eq(from_a, 2);

	for (size_t objects = 2; objects >= 1; objects--) {
		index_a_and_b(ix, 1, 3, bounds, ARRAY_SIZE(bounds), entries,
			      ARRAY_SIZE(entries), objects);
		sym_index_build(ix, NULL);
		sym_scope_index = ix;
		for (size_t i = first; i < t->nsyms; i++) {
			ck_assert_uint_eq(resolve_own(&dso_b, i, &partial, &def),
					  want[i]);
			ck_assert_ptr_eq(def, want_def[i]);
			ck_assert(partial);
		}
	}
	sym_scope_index = NULL;
}
END_TEST

/*
 * An object with only a DT_HASH table has its names hashed for the
 * index (with the GNU hash the queries carry); a symbol that can define
 * nothing (here a local one) takes no entry.
 */
START_TEST(scope_index_hashes_sysv_only_names)
{
	static const struct sym_spec b[] = {
		FUNC("foo", 0xb1),
		{ .name = "only_a", .value = 0xb3, .bind = STB_LOCAL,
		  .type = STT_FUNC },
		FUNC("only_b", 0xb2),
	};
	const struct table_opts sysv = { HASH_SYSV, 2, 0 };
	static uint32_t bounds[1 + 3], name_hashes[3];
	static struct scope_entry entries[5];
	static union index_of_two u;
	struct scope_index *ix = &u.ix;
	struct dso *def;

	setup_scope();
	build_table(&table_b, b, 3, &sysv);
	dso_b.symtab = table_b.t;
	ck_assert_uint_eq(sym_index_count(&dso_b), 3);
	index_a_and_b(ix, 1, 2, bounds, ARRAY_SIZE(bounds), entries,
		      ARRAY_SIZE(entries), 2);
	sym_index_build(ix, name_hashes);
	ck_assert_uint_eq(bounds[2], 4);	/* the local "only_a" left out */
	/* One word per symbol the table covers, 0 for the local one. */
	ck_assert_uint_eq(!name_hashes[0] + !name_hashes[1] + !name_hashes[2],
			  1);
	sym_scope_index = ix;

	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xa1);
	ck_assert_uint_eq(resolve("only_b", &dso_a, NULL, &def), 0xb2);
	ck_assert_ptr_eq(def, &dso_b);
	ck_assert_uint_eq(resolve("only_a", &dso_b, NULL, &def), 0xa2);
	ck_assert_ptr_eq(def, &dso_a);
	sym_scope_index = NULL;
}
END_TEST

START_TEST(resolve_first_definition_in_scope_wins)
{
	struct dso *def;

	setup_scope();
	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xa1);
	ck_assert_ptr_eq(def, &dso_a);
	ck_assert_uint_eq(resolve("only_b", &dso_a, NULL, &def), 0xb2);
	ck_assert_ptr_eq(def, &dso_b);
}
END_TEST

START_TEST(resolve_symbolic_looks_in_itself_first)
{
	struct dso *def;

	setup_scope();
	dso_b.symbolic = 1;
	ck_assert_uint_eq(resolve("foo", &dso_b, NULL, &def), 0xb1);
	ck_assert_ptr_eq(def, &dso_b);
	/* Names it does not define still come from the scope. */
	ck_assert_uint_eq(resolve("only_a", &dso_b, NULL, &def), 0xa2);
	ck_assert_ptr_eq(def, &dso_a);
}
END_TEST

START_TEST(resolve_skips_the_skipped_object)
{
	struct dso *def;

	setup_scope();
	ck_assert_uint_eq(resolve("foo", &dso_a, &dso_a, &def), 0xb1);
	ck_assert_ptr_eq(def, &dso_b);
	/* Even when it is the -Bsymbolic requester itself. */
	dso_b.symbolic = 1;
	ck_assert_uint_eq(resolve("foo", &dso_b, &dso_b, &def), 0xa1);
	ck_assert_ptr_eq(def, &dso_a);
	ck_assert_uint_eq(resolve("only_b", &dso_b, &dso_b, &def), 0);
}
END_TEST

START_TEST(resolve_missing_symbol)
{
	struct dso *def;

	setup_scope();
	ck_assert_uint_eq(resolve("nowhere", &dso_a, NULL, &def), 0);
	ck_assert_ptr_null(def);
}
END_TEST

static Suite *symbol_suite(void)
{
	Suite *s = suite_create("symbol");
	TCase *hash = tcase_create("hash_functions");
	TCase *size = tcase_create("table_sizes");
	TCase *find = tcase_create("sym_find_in");
	TCase *bloom = tcase_create("bloom_filter");
	TCase *defs = tcase_create("definitions");
	TCase *vers = tcase_create("version_tables");
	TCase *match = tcase_create("version_matching");
	TCase *scope = tcase_create("sym_resolve");

	tcase_add_test(hash, reference_hashes_match_published_values);
	tcase_add_test(hash, gnu_hash_known_values);
	tcase_add_test(hash, sysv_hash_known_values);
	tcase_add_test(hash, hashes_agree_with_reference);
	tcase_add_test(hash, gnu_hash_every_length_and_alignment);
	tcase_add_test(hash, gnu_hash_stops_at_the_page_end);
	suite_add_tcase(s, hash);

	tcase_add_test(size, gnu_nsyms_of_valid_table);
	tcase_add_test(size, gnu_nsyms_counts_from_symoffset);
	tcase_add_test(size, gnu_nsyms_without_hashed_symbols);
	tcase_add_test(size, gnu_nsyms_rejects_malformed_headers);
	tcase_add_test(size, gnu_nsyms_rejects_truncated_chain);
	tcase_add_test(size, gnu_nsyms_rejects_bucket_below_symoffset);
	tcase_add_test(size, sysv_nchain_reads_the_header);
	tcase_add_test(size, sysv_nchain_ignores_the_entries);
	tcase_add_test(size, gnu_buckets_out_of_order_are_bounded_at_lookup);
	suite_add_tcase(s, size);

	tcase_add_test(find, find_with_gnu_hash);
	tcase_add_test(find, find_with_gnu_hash_single_bucket);
	tcase_add_test(find, find_with_sysv_hash_only);
	tcase_add_test(find, find_without_hash_table_finds_nothing);
	tcase_add_test(find, gnu_hash_preferred_over_sysv);
	tcase_add_test(find, sysv_looping_chain_terminates);
	tcase_add_test(find, sysv_lookup_valid_chain_is_not_reported);
	tcase_add_test(find, sysv_lookup_reports_out_of_range_entry);
	tcase_add_test(find, sysv_lookup_ignores_unread_entry);
	tcase_add_test(find, sysv_lookup_reports_looping_chain);
	tcase_add_test(find, sysv_lookup_with_only_the_null_symbol);
	suite_add_tcase(s, find);

	tcase_add_test(bloom, bloom_zero_rejects_without_touching_chain);
	tcase_add_test(bloom, bloom_needs_both_bits);
	tcase_add_test(bloom, bloom_word_chosen_by_hash);
	suite_add_tcase(s, bloom);

	tcase_add_test(defs, binding_visibility_and_type_rules);
	tcase_add_test(defs, undefined_symbols_are_not_definitions);
	tcase_add_test(defs, canonical_plt_entry_only_for_non_plt_queries);
	tcase_add_test(defs, invalid_entry_earlier_in_chain_does_not_hide_definition);
	tcase_add_test(defs, name_at_unterminated_end_of_strtab_is_no_prefix_match);
	suite_add_tcase(s, defs);

	tcase_add_test(vers, verdefs_read_and_indexed);
	tcase_add_test(vers, verdefs_stop_at_count_or_zero_next);
	tcase_add_test(vers, verdefs_malformed);
	tcase_add_test(vers, verneeds_read_and_indexed);
	tcase_add_test(vers, verneeds_malformed);
	suite_add_tcase(s, vers);

	tcase_add_test(match, versioned_query_finds_exact_version);
	tcase_add_test(match, versioned_query_same_name_other_hash_rejected);
	tcase_add_test(match, versioned_query_accepts_unversioned_definition);
	tcase_add_test(match, unversioned_query_binds_oldest_version);
	tcase_add_test(match, unversioned_query_takes_lone_later_default);
	tcase_add_test(match, unversioned_query_rejects_two_later_defaults);
	tcase_add_test(match, version_rules_same_with_sysv_hash);
	tcase_add_test(match, table_without_versions_satisfies_any_version);
	suite_add_tcase(s, match);

	tcase_add_test(scope, resolve_first_definition_in_scope_wins);
	tcase_add_test(scope, resolve_symbolic_looks_in_itself_first);
	tcase_add_test(scope, resolve_skips_the_skipped_object);
	tcase_add_test(scope, resolve_missing_symbol);
	tcase_add_test(scope, resolve_local_object_only_within_its_group);
	tcase_add_test(scope, resolve_deepbind_local_scope_first);
	tcase_add_test(scope, dlsym_scopes_of_handle_and_next);
	tcase_add_test(scope, resolve_through_the_scope_index);
	tcase_add_test(scope, scope_index_in_one_bucket);
	tcase_add_test(scope, scope_index_buckets_hold_two_to_four);
	tcase_add_test(scope, own_references_take_the_hash_from_the_chain);
	tcase_add_test(scope, scope_index_hashes_sysv_only_names);
	suite_add_tcase(s, scope);
	return s;
}

UNIT_TEST_MAIN(symbol_suite)
