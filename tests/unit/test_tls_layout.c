/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for loader/tls_layout.c: where each module's TLS block goes
 * relative to the thread pointer, for both ELF TLS variants.  The rule
 * checked everywhere: a block's address (TP + offset, TP aligned to the
 * largest alignment) is congruent to its segment's p_vaddr modulo
 * p_align, and blocks never overlap each other or the TCB.
 */
#include <stdint.h>

#include "harness.h"
#include "tls_layout.h"

/* TP + OFFSET == VADDR (mod ALIGN), with TP a multiple of ALIGN. */
static int congruent(int64_t offset, const struct tls_segment *s)
{
	uint64_t align = s->align > 1 ? s->align : 1;

	return (((uint64_t)offset - s->vaddr) & (align - 1)) == 0;
}

START_TEST(variant2_executable_block_ends_at_tp)
{
	/* The executable's block: the linker assumes TP - round_up(memsz,
	 * align) for local-exec code, so the layout must agree. */
	struct tls_segment s = { 20, 16, 0x3000 };
	int64_t off;
	struct tls_area area;

	ck_assert_int_eq(tls_layout(&s, 1, 2, 0, &off, &area), 0);
	ck_assert_int_eq(off, -32);
	ck_assert_uint_eq(area.below_tp, 32);
	ck_assert_uint_eq(area.above_tp, 0);
}
END_TEST

START_TEST(variant1_first_block_after_tcb)
{
	/* aarch64: a 16-byte TCB, then the first block at round_up(16,
	 * align), which is what the linker assumes for local-exec. */
	struct tls_segment s = { 100, 64, 0x10000 };
	int64_t off;
	struct tls_area area;

	ck_assert_int_eq(tls_layout(&s, 1, 1, 16, &off, &area), 0);
	ck_assert_int_eq(off, 64);
	ck_assert_uint_eq(area.above_tp, 164);
	ck_assert_uint_eq(area.max_align, 64);
}
END_TEST

START_TEST(residue_of_p_vaddr_is_kept)
{
	/* A segment starting 8 bytes into a 64-byte unit must start 8
	 * bytes into one in memory too, in both variants. */
	struct tls_segment segs[] = {
		{ 24, 8, 0x1000 },
		{ 200, 64, 0x2008 },
		{ 8, 4096, 0x5000 },
	};
	int64_t off[3];
	struct tls_area area;

	for (int variant = 1; variant <= 2; variant++) {
		ck_assert_int_eq(tls_layout(segs, 3, variant, 16, off, &area),
				 0);
		for (int i = 0; i < 3; i++)
			ck_assert_msg(congruent(off[i], &segs[i]),
				      "variant %d segment %d at %lld", variant,
				      i, (long long)off[i]);
		ck_assert_uint_eq(area.max_align, 4096);
	}
}
END_TEST

START_TEST(blocks_do_not_overlap)
{
	struct tls_segment segs[] = {
		{ 100, 8, 0 }, { 37, 16, 4 }, { 4096, 4096, 0 }, { 1, 1, 0 },
	};
	int64_t off[4];
	struct tls_area area;

	for (int variant = 1; variant <= 2; variant++) {
		ck_assert_int_eq(tls_layout(segs, 4, variant, 16, off, &area),
				 0);
		for (int i = 0; i < 4; i++) {
			int64_t a0 = off[i], a1 = off[i] + (int64_t)segs[i].memsz;

			if (variant == 1)
				ck_assert_int_ge(a0, 16);	/* after the TCB */
			else
				ck_assert_int_le(a1, 0);	/* below TP */
			for (int j = 0; j < i; j++) {
				int64_t b0 = off[j];
				int64_t b1 = off[j] + (int64_t)segs[j].memsz;

				ck_assert_msg(a1 <= b0 || b1 <= a0,
					      "variant %d: %d and %d overlap",
					      variant, i, j);
			}
		}
	}
}
END_TEST

START_TEST(bad_alignment_or_size_is_refused)
{
	struct tls_segment odd = { 8, 24, 0 };
	struct tls_segment huge = { (uint64_t)1 << 50, 8, 0 };
	int64_t off;
	struct tls_area area;

	ck_assert_int_eq(tls_layout(&odd, 1, 2, 0, &off, &area), -1);
	ck_assert_int_eq(tls_layout(&huge, 1, 1, 16, &off, &area), -1);
}
END_TEST

START_TEST(place_next_continues_a_layout)
{
	/* tls_place_next is how dlopen adds a module to the surplus:
	 * the same rule, starting from what is used. */
	struct tls_segment s = { 10, 32, 0x8 };
	uint64_t used = 100;
	int64_t off;

	ck_assert_int_eq(tls_place_next(&s, 2, &used, &off), 0);
	ck_assert(congruent(off, &s));
	ck_assert_int_le(off + 10, -100);
	ck_assert_uint_eq(used, (uint64_t)-off);

	used = 100;
	ck_assert_int_eq(tls_place_next(&s, 1, &used, &off), 0);
	ck_assert(congruent(off, &s));
	ck_assert_int_ge(off, 100);
	ck_assert_uint_eq(used, (uint64_t)off + 10);
}
END_TEST

static Suite *tls_suite(void)
{
	Suite *s = suite_create("tls_layout");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, variant2_executable_block_ends_at_tp);
	tcase_add_test(tc, variant1_first_block_after_tcb);
	tcase_add_test(tc, residue_of_p_vaddr_is_kept);
	tcase_add_test(tc, blocks_do_not_overlap);
	tcase_add_test(tc, bad_alignment_or_size_is_refused);
	tcase_add_test(tc, place_next_continues_a_layout);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_TEST_MAIN(tls_suite)
