/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_launch_cache_format.c - the launch cache's file format
 * (loader/launch_cache_format.c): an entry laid out and sealed as
 * launch_cache_file.c writes it reads back whole; every kind of damage
 * (truncation, any flipped byte, a wrong header field, an index out of
 * range, a lazy slot's included, under a recomputed checksum) is
 * refused; the checksum made in parts is the whole's; the build-id note is
 * found among others and malformed notes are not read past their end.
 */
#include <elf.h>
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "launch_cache_format.h"

#define MACHINE 62

static const char key[] = "format=1:1\nprogram=3:1:2\n";
static const char *const paths[] = { "", "/lib/liba.so", "/lib/libc.so.6" };
#define NOBJ 3
#define NBIND 5
#define NLAZY 2

static uint64_t file[1024];	/* 8-byte aligned */
static struct lcf_layout layout;
static size_t strings_size;

/* An entry of NOBJ objects and NBIND bindings in FILE; returns its size. */
static size_t make_entry(void)
{
	char *buf = (char *)file;

	memset(file, 0, sizeof(file));
	strings_size = 0;
	for (int i = 0; i < NOBJ; i++)
		strings_size += strlen(paths[i]) + 1;
	ck_assert_int_eq(lcf_layout(sizeof(key), NOBJ, NBIND, NLAZY,
				    strings_size, &layout), 0);
	ck_assert(layout.total <= sizeof(file));
	memcpy(buf + layout.key, key, sizeof(key));
	struct lcf_object *o = (void *)(buf + layout.objects);
	for (size_t i = 0, at = 0; i < NOBJ; i++) {
		o[i].dev = 10 + i;
		o[i].ino = 20 + i;
		o[i].size = 30 + i;
		o[i].mtime_ns = 40 + i;
		o[i].ctime_ns = 50 + i;
		o[i].path = at;
		o[i].build_id_len = i == 2 ? 20 : 0;
		memset(o[i].build_id, 0xab, o[i].build_id_len);
		strcpy(buf + layout.strings + at, paths[i]);
		at += strlen(paths[i]) + 1;
	}
	struct lcf_binding *b = (void *)(buf + layout.bindings);
	for (uint32_t i = 0; i < NBIND; i++)
		b[i] = (struct lcf_binding){ 100 + i,
			i == 4 ? LCF_NO_OBJECT : (uint16_t)(i % NOBJ),
			lcf_binding_check(0, i, LCF_KIND_DATA) };
	struct lcf_lazy *z = (void *)(buf + layout.lazy);
	for (uint32_t i = 0; i < NLAZY; i++)
		z[i] = (struct lcf_lazy){ 7 + i, (uint16_t)i, 0,
			{ 200 + i, (uint16_t)(NOBJ - 1),
			  lcf_binding_check(i, 9, LCF_KIND_PLT) } };
	lcf_seal(file, &layout, MACHINE, sizeof(key), NOBJ, NBIND, NLAZY,
		 strings_size);
	return layout.total;
}

static int parses(size_t len)
{
	struct lcf_view v;
	char err[LCF_ERR_SIZE];

	return lcf_parse(file, len, MACHINE, &v, err) == 0;
}

START_TEST(round_trip)
{
	size_t len = make_entry();
	struct lcf_view v;
	char err[LCF_ERR_SIZE];

	ck_assert_int_eq(lcf_parse(file, len, MACHINE, &v, err), 0);
	ck_assert_str_eq(v.key, key);
	ck_assert_uint_eq(v.nobjects, NOBJ);
	ck_assert_uint_eq(v.nbindings, NBIND);
	ck_assert_uint_eq(v.nlazy, NLAZY);
	ck_assert_uint_eq(v.lazy[1].slot, 8);
	ck_assert_uint_eq(v.lazy[1].answer.def_sym, 201);
	for (size_t i = 0; i < NOBJ; i++) {
		ck_assert_str_eq(lcf_object_path(&v, i), paths[i]);
		ck_assert_uint_eq(v.objects[i].ino, 20 + i);
	}
	ck_assert_uint_eq(v.objects[2].build_id_len, 20);
	ck_assert_uint_eq(v.bindings[3].def_sym, 103);
	ck_assert_uint_eq(v.bindings[3].def_obj, 0);
	ck_assert_uint_eq(v.bindings[4].def_obj, LCF_NO_OBJECT);
	ck_assert_uint_eq(v.bindings[1].check,
			  lcf_binding_check(0, 1, LCF_KIND_DATA));
}
END_TEST

START_TEST(every_truncation_refused)
{
	size_t len = make_entry();

	for (size_t n = 0; n < len; n++)
		ck_assert_msg(!parses(n), "accepted %zu of %zu bytes", n, len);
}
END_TEST

START_TEST(every_flipped_byte_refused)
{
	size_t len = make_entry();
	unsigned char *p = (unsigned char *)file;

	for (size_t i = 0; i < len; i++) {
		p[i] ^= 0x20;
		ck_assert_msg(!parses(len), "accepted a flip at byte %zu", i);
		p[i] ^= 0x20;
	}
	ck_assert(parses(len));
}
END_TEST

START_TEST(wrong_machine_refused)
{
	size_t len = make_entry();
	struct lcf_view v;
	char err[LCF_ERR_SIZE];

	ck_assert_int_eq(lcf_parse(file, len, MACHINE + 1, &v, err), -1);
	ck_assert_str_eq(err, "made for another CPU");
}
END_TEST

/* Damage under a recomputed checksum, as a crafted file would have. */
static void reseal(void)
{
	lcf_seal(file, &layout, MACHINE, sizeof(key), NOBJ, NBIND, NLAZY,
		 strings_size);
}

START_TEST(bad_indexes_refused_under_good_checksum)
{
	size_t len = make_entry();
	char *buf = (char *)file;
	struct lcf_binding *b = (void *)(buf + layout.bindings);
	struct lcf_object *o = (void *)(buf + layout.objects);

	b[0].def_obj = NOBJ;
	reseal();
	ck_assert(!parses(len));
	b[0].def_obj = 0;
	struct lcf_lazy *z = (void *)(buf + layout.lazy);
	z[1].ref_obj = NOBJ;
	reseal();
	ck_assert(!parses(len));
	z[1].ref_obj = 1;
	z[1].flags = 2;			/* no such flag */
	reseal();
	ck_assert(!parses(len));
	z[1].flags = LCF_LAZY_IFUNC;
	reseal();
	ck_assert(parses(len));
	z[1].flags = 0;
	z[0].answer.def_obj = LCF_NO_OBJECT;	/* a lazy slot has a definer */
	reseal();
	ck_assert(!parses(len));
	z[0].answer.def_obj = NOBJ - 1;
	o[1].path = strings_size;
	reseal();
	ck_assert(!parses(len));
	o[1].path = 0;
	o[2].build_id_len = LCF_BUILD_ID_MAX + 1;
	reseal();
	ck_assert(!parses(len));
	o[2].build_id_len = 20;
	buf[layout.strings + strings_size - 1] = 'x';
	reseal();
	ck_assert(!parses(len));
	buf[layout.strings + strings_size - 1] = '\0';
	buf[layout.key + sizeof(key) - 1] = 'x';
	reseal();
	ck_assert(!parses(len));
	buf[layout.key + sizeof(key) - 1] = '\0';
	reseal();
	ck_assert(parses(len));
}
END_TEST

START_TEST(header_sizes_must_add_up)
{
	size_t len = make_entry();
	struct lcf_header *h = (void *)file;
	struct lcf_view v;
	char err[LCF_ERR_SIZE];

	h->nbindings = 0xffffffffu;
	ck_assert(!parses(len));
	h->nbindings = NBIND;
	h->nobjects = LCF_MAX_OBJECTS + 1;
	ck_assert(!parses(len));
	h->nobjects = NOBJ;
	h->total_size = len + 8;
	ck_assert_int_eq(lcf_parse(file, len, MACHINE, &v, err), -1);
	ck_assert_str_eq(err, "truncated, or longer than its header says");
	h->total_size = len;
	ck_assert(parses(len));
	ck_assert_int_eq(lcf_parse((char *)file + 4, len - 8, MACHINE, &v,
				   err), -1);
}
END_TEST

START_TEST(layout_limits)
{
	struct lcf_layout l;

	ck_assert_int_eq(lcf_layout(1, LCF_MAX_OBJECTS + 1, 0, 0, 1, &l), -1);
	ck_assert_int_eq(lcf_layout(1, 0, UINT64_MAX / 2, 0, 1, &l), -1);
	ck_assert_int_eq(lcf_layout(1, 0, 0, UINT64_MAX / 2, 1, &l), -1);
	ck_assert_int_eq(lcf_layout(UINT64_MAX, 0, 0, 0, 1, &l), -1);
	ck_assert_int_eq(lcf_layout(9, 1, 1, 1, 3, &l), 0);
	ck_assert_uint_eq(l.lazy, l.bindings + sizeof(struct lcf_binding));
	ck_assert_uint_eq(l.strings, l.lazy + sizeof(struct lcf_lazy));
	ck_assert_uint_eq(l.key, sizeof(struct lcf_header));
	ck_assert_uint_eq(l.objects, l.key + 16);
	ck_assert_uint_eq(l.total % 8, 0);
}
END_TEST

/* The checksum made part by part (as launch_cache_file.c writes an
 * entry, the lazy slots in two pieces) is the sealed one; summing the
 * body as one part is not (a part with an odd number of words pairs
 * them otherwise: the bindings are 5 words here). */
START_TEST(checksum_in_parts)
{
	size_t len = make_entry();
	const char *f = (const char *)file;
	struct lcf_layout l = layout;
	uint64_t h = lcf_checksum_begin();

	ck_assert_uint_eq(l.total, len);
	h = lcf_checksum_add(h, f + l.key, l.objects - l.key);
	h = lcf_checksum_add(h, f + l.objects, l.bindings - l.objects);
	h = lcf_checksum_add(h, f + l.bindings, l.lazy - l.bindings);
	h = lcf_checksum_add(h, f + l.lazy, sizeof(struct lcf_lazy));
	h = lcf_checksum_add(h, f + l.lazy + sizeof(struct lcf_lazy),
			     l.strings - l.lazy - sizeof(struct lcf_lazy));
	h = lcf_checksum_add(h, f + l.strings, l.total - l.strings);
	ck_assert_uint_eq(lcf_checksum_end(h),
			  ((struct lcf_header *)file)->checksum);
	ck_assert_uint_eq(lcf_checksum_parts(file, &l),
			  ((struct lcf_header *)file)->checksum);
	ck_assert_uint_ne(lcf_checksum_end(lcf_checksum_add(
				  lcf_checksum_begin(), f + l.key,
				  l.total - l.key)),
			  ((struct lcf_header *)file)->checksum);
}
END_TEST

/* Notes: a note of another owner, then GNU's build-id. */
START_TEST(build_id_found_after_other_notes)
{
	uint32_t notes[32] = { 0 };
	const uint8_t *id = NULL;

	/* "ABI" tag note: namesz 4, descsz 16, type 1. */
	notes[0] = 4, notes[1] = 16, notes[2] = NT_GNU_ABI_TAG;
	memcpy(&notes[3], "GNU", 4);
	/* build-id: namesz 4, descsz 8, type 3, "GNU\0", 8 bytes. */
	notes[8] = 4, notes[9] = 8, notes[10] = NT_GNU_BUILD_ID;
	memcpy(&notes[11], "GNU", 4);
	memcpy(&notes[12], "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	ck_assert_uint_eq(lcf_find_build_id(notes, 14 * 4, &id), 8);
	ck_assert_int_eq(id[0], 1);
	ck_assert_int_eq(id[7], 8);
	/* The same notes cut inside the build-id's descriptor. */
	ck_assert_uint_eq(lcf_find_build_id(notes, 13 * 4, &id), 0);
	/* A note claiming a huge name is not read past the end. */
	notes[0] = 0xfffffff0u;
	ck_assert_uint_eq(lcf_find_build_id(notes, sizeof(notes), &id), 0);
}
END_TEST

static Suite *launch_cache_format_suite(void)
{
	Suite *s = suite_create("launch_cache_format");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, every_truncation_refused);
	tcase_add_test(tc, every_flipped_byte_refused);
	tcase_add_test(tc, wrong_machine_refused);
	tcase_add_test(tc, bad_indexes_refused_under_good_checksum);
	tcase_add_test(tc, header_sizes_must_add_up);
	tcase_add_test(tc, layout_limits);
	tcase_add_test(tc, checksum_in_parts);
	tcase_add_test(tc, build_id_found_after_other_notes);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_TEST_MAIN(launch_cache_format_suite)
