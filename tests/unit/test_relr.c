/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_relr.c - DT_RELR decoding (loader/relr.h).
 *
 * The "image" is an array of words; the load base is its own address, so
 * an entry 8 * K designates word K.  Each test lists by hand which words
 * must have received the base, and checks every word of the image: the
 * listed ones changed by exactly BASE, all others untouched.
 */
#include <stdint.h>

#include "harness.h"
#include "relr.h"

#define IMAGE_WORDS 200

static uint64_t image[IMAGE_WORDS];

/* An address entry for word K of the image. */
#define AT(k) ((uint64_t)(k) * 8)
/* A bitmap entry: bit 0 marks it, bit N (1..63) is the word cursor + N - 1. */
#define BIT(n) ((uint64_t)1 << (n))

static uint64_t original(size_t k)
{
	return 0x1000 + k * 0x11;	/* distinct, recognisable values */
}

static void reset_image(void)
{
	for (size_t k = 0; k < IMAGE_WORDS; k++)
		image[k] = original(k);
}

/* Apply RELR and check that exactly the words in WANT (N of them) moved. */
static void apply_and_check(const uint64_t *relr, size_t entries,
			    const size_t *want, size_t n)
{
	uintptr_t base = (uintptr_t)image;

	reset_image();
	relr_apply(base, relr, entries * sizeof(*relr));
	for (size_t k = 0; k < IMAGE_WORDS; k++) {
		uint64_t expect = original(k);

		for (size_t j = 0; j < n; j++)
			if (want[j] == k)
				expect += base;
		ck_assert_msg(image[k] == expect,
			      "word %zu: got %#lx, want %#lx", k,
			      (unsigned long)image[k], (unsigned long)expect);
	}
}

static void check_extent(const uint64_t *relr, size_t entries, uint64_t lo,
			 uint64_t hi)
{
	uint64_t got_lo = 0xdead, got_hi = 0xbeef;

	ck_assert_int_eq(relr_extent(relr, entries * sizeof(*relr), &got_lo,
				     &got_hi), 0);
	ck_assert_uint_eq(got_lo, lo);
	ck_assert_uint_eq(got_hi, hi);
}

START_TEST(single_address_entry)
{
	static const uint64_t relr[] = { AT(3) };
	static const size_t want[] = { 3 };

	apply_and_check(relr, 1, want, 1);
	check_extent(relr, 1, AT(3), AT(4));
}
END_TEST

START_TEST(several_address_entries)
{
	static const uint64_t relr[] = { AT(1), AT(7), AT(150) };
	static const size_t want[] = { 1, 7, 150 };

	apply_and_check(relr, 3, want, 3);
	check_extent(relr, 3, AT(1), AT(151));
}
END_TEST

START_TEST(bitmap_after_address)
{
	/* The cursor is word 3 after AT(2): bit 1 -> 3, bit 3 -> 5, bit 63 -> 65. */
	static const uint64_t relr[] = { AT(2), BIT(0) | BIT(1) | BIT(3) | BIT(63) };
	static const size_t want[] = { 2, 3, 5, 65 };

	apply_and_check(relr, 2, want, 4);
	check_extent(relr, 2, AT(2), AT(66));
}
END_TEST

START_TEST(two_consecutive_bitmaps_advance_63_words_each)
{
	/* AT(0); bitmap at cursor 1: bit 1 -> word 1; then the cursor is 64:
	 * bit 1 -> 64, bit 2 -> 65, bit 63 -> 126. */
	static const uint64_t relr[] = {
		AT(0),
		BIT(0) | BIT(1),
		BIT(0) | BIT(1) | BIT(2) | BIT(63),
	};
	static const size_t want[] = { 0, 1, 64, 65, 126 };

	apply_and_check(relr, 3, want, 5);
	check_extent(relr, 3, AT(0), AT(127));
}
END_TEST

START_TEST(empty_bitmap_still_advances_cursor)
{
	/* An odd word with no other bit set relocates nothing but moves on. */
	static const uint64_t relr[] = { AT(0), BIT(0), BIT(0) | BIT(1) };
	static const size_t want[] = { 0, 64 };

	apply_and_check(relr, 3, want, 2);
}
END_TEST

START_TEST(address_after_bitmap_resets_cursor)
{
	static const uint64_t relr[] = {
		AT(10), BIT(0) | BIT(2),	/* 10, 12 */
		AT(150), BIT(0) | BIT(1) | BIT(4),	/* 150, 151, 154 */
	};
	static const size_t want[] = { 10, 12, 150, 151, 154 };

	apply_and_check(relr, 4, want, 5);
	ck_assert_int_eq(image[11], original(11));
	check_extent(relr, 4, AT(10), AT(155));
}
END_TEST

START_TEST(empty_table_touches_nothing)
{
	static const uint64_t relr[] = { AT(5) };

	apply_and_check(relr, 0, NULL, 0);
	check_extent(relr, 0, 0, 0);
}
END_TEST

START_TEST(size_is_in_bytes_and_partial_entry_ignored)
{
	static const uint64_t relr[] = { AT(4), AT(9) };
	static const size_t want[] = { 4 };
	uintptr_t base = (uintptr_t)image;

	/* 12 bytes: one whole entry and half of the next. */
	reset_image();
	relr_apply(base, relr, 12);
	for (size_t k = 0; k < IMAGE_WORDS; k++)
		ck_assert_uint_eq(image[k], original(k) + (k == want[0] ? base : 0));
}
END_TEST

START_TEST(extent_rejects_leading_bitmap)
{
	static const uint64_t relr[] = { BIT(0) | BIT(1), AT(4) };
	uint64_t lo, hi;

	ck_assert_int_eq(relr_extent(relr, sizeof(relr), &lo, &hi), -1);
}
END_TEST

START_TEST(extent_rejects_address_near_top)
{
	static const uint64_t relr[] = { UINT64_MAX - 1 };
	uint64_t lo, hi;

	ck_assert_int_eq(relr_extent(relr, sizeof(relr), &lo, &hi), -1);
}
END_TEST

START_TEST(extent_rejects_bitmaps_running_off_the_top)
{
	/* The highest address accepted, then bitmaps walking past 2^64. */
	static const uint64_t relr[] = {
		(UINT64_MAX - 8 * 64) & ~(uint64_t)7,
		BIT(0) | BIT(63),
		BIT(0) | BIT(63),
	};
	uint64_t lo, hi;

	ck_assert_int_eq(relr_extent(relr, sizeof(relr), &lo, &hi), -1);
}
END_TEST

START_TEST(extent_lowest_address_need_not_come_first)
{
	static const uint64_t relr[] = { AT(100), AT(20), BIT(0) | BIT(5) };

	/* 20 .. word 25 (bit 5 from cursor 21), and 100 is the highest. */
	check_extent(relr, 3, AT(20), AT(101));
}
END_TEST

/* Each entry's own words, as relr_places_ok (reloc.c) checks them one
 * entry at a time: from the lowest set bit to the highest. */
START_TEST(entry_extent_is_each_entrys_own_words)
{
	uint64_t where = 0, first = 0xdead, end = 0xbeef;
	int have_address = 0;

	ck_assert_int_eq(relr_entry_extent(AT(10), &where, &have_address,
					   &first, &end), 0);
	ck_assert_uint_eq(first, AT(10));
	ck_assert_uint_eq(end, AT(11));
	/* Cursor 11: bits 3 and 5 are words 13 and 15. */
	ck_assert_int_eq(relr_entry_extent(BIT(0) | BIT(3) | BIT(5), &where,
					   &have_address, &first, &end), 0);
	ck_assert_uint_eq(first, AT(13));
	ck_assert_uint_eq(end, AT(16));
	/* No bit: nothing touched, and the cursor moves 63 words on. */
	ck_assert_int_eq(relr_entry_extent(BIT(0), &where, &have_address,
					   &first, &end), 0);
	ck_assert_uint_eq(first, end);
	/* Cursor 11 + 126: bit 1 is word 137. */
	ck_assert_int_eq(relr_entry_extent(BIT(0) | BIT(1), &where,
					   &have_address, &first, &end), 0);
	ck_assert_uint_eq(first, AT(137));
	ck_assert_uint_eq(end, AT(138));
}
END_TEST

START_TEST(entry_extent_rejects_bitmap_before_address)
{
	uint64_t where = 0, first, end;
	int have_address = 0;

	ck_assert_int_eq(relr_entry_extent(BIT(0) | BIT(1), &where,
					   &have_address, &first, &end), -1);
}
END_TEST

static Suite *relr_suite(void)
{
	Suite *s = suite_create("relr");
	TCase *apply = tcase_create("relr_apply");
	TCase *extent = tcase_create("relr_extent");

	tcase_add_test(apply, single_address_entry);
	tcase_add_test(apply, several_address_entries);
	tcase_add_test(apply, bitmap_after_address);
	tcase_add_test(apply, two_consecutive_bitmaps_advance_63_words_each);
	tcase_add_test(apply, empty_bitmap_still_advances_cursor);
	tcase_add_test(apply, address_after_bitmap_resets_cursor);
	tcase_add_test(apply, empty_table_touches_nothing);
	tcase_add_test(apply, size_is_in_bytes_and_partial_entry_ignored);
	suite_add_tcase(s, apply);

	tcase_add_test(extent, extent_rejects_leading_bitmap);
	tcase_add_test(extent, extent_rejects_address_near_top);
	tcase_add_test(extent, extent_rejects_bitmaps_running_off_the_top);
	tcase_add_test(extent, extent_lowest_address_need_not_come_first);
	tcase_add_test(extent, entry_extent_is_each_entrys_own_words);
	tcase_add_test(extent, entry_extent_rejects_bitmap_before_address);
	suite_add_tcase(s, extent);
	return s;
}

UNIT_TEST_MAIN(relr_suite)
