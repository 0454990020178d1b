/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_alloc.c - loader/alloc.c: blocks are zeroed, aligned and
 * reused, and memory no block uses any more goes back to the system.
 *
 * alloc.c is not pure (it maps memory with myld's own system calls, which
 * work the same in a hosted program), so this test compiles it in; its
 * one other dependency, diag_die, is stubbed below.  Whether a page is
 * still mapped is read from /proc/self/maps (a system call on an
 * unmapped page would be an error under valgrind).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"

void diag_die(const char *object, const char *fmt, ...)
{
	fprintf(stderr, "diag_die(%s, %s)\n", object, fmt);
	abort();
}

static int mapped(const void *p)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int found = 0;

	ck_assert_ptr_nonnull(f);
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 &&
		    (uintptr_t)p >= lo && (uintptr_t)p < hi)
			found = 1;
	}
	fclose(f);
	return found;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

START_TEST(blocks_zeroed_aligned_reused)
{
	unsigned char *a = mem_alloc(100);

	ck_assert_uint_eq((uintptr_t)a % 16, 0);
	ck_assert(all_zero(a, 100));
	for (int i = 0; i < 100; i++)
		a[i] = 0xaa;
	unsigned char *pin = mem_alloc(100);	/* keeps a's chunk */
	mem_free(a);
	unsigned char *b = mem_alloc(112);	/* the same class */
	ck_assert_ptr_eq(a, b);
	ck_assert(all_zero(b, 112));
	mem_free(b);
	mem_free(pin);
}
END_TEST

/* Classes are a quarter of a doubling apart, not a doubling: 1184 and
 * 1280 bytes share a block, 1281 bytes do not (a class of its own, where
 * powers of two would have given all three 2048 bytes). */
START_TEST(classes_by_quarters)
{
	void *a = mem_alloc(1184);
	void *pin = mem_alloc(16);	/* keeps a's chunk */

	mem_free(a);
	void *b = mem_alloc(1280);

	ck_assert_ptr_eq(a, b);
	mem_free(b);
	void *c = mem_alloc(1281);

	ck_assert_ptr_ne(a, c);
	void *d = mem_alloc(1100);	/* 1281's class is not 1184's */

	ck_assert_ptr_eq(a, d);
	mem_free(c);
	mem_free(d);
	mem_free(pin);
}
END_TEST

/* Enough blocks of every class to fill many chunks, then all freed: the
 * chunks they filled are unmapped, but the one being carved from. */
#define MANY 6000

START_TEST(empty_chunks_unmapped)
{
	static void *blocks[MANY];

	for (int i = 0; i < MANY; i++) {
		size_t size = (size_t)16 << (i % 8);	/* 16 .. 2048 */

		blocks[i] = mem_alloc(size);
		((char *)blocks[i])[size - 1] = 1;
	}
	void *last = mem_alloc(16);	/* in the chunk carved from now */

	for (int i = 0; i < MANY; i++)
		ck_assert(mapped(blocks[i]));
	for (int i = 0; i < MANY; i++)
		mem_free(blocks[i]);
	int still = 0;

	for (int i = 0; i < MANY; i++)
		still += mapped(blocks[i]);
	/* At most the current chunk's blocks (64 KiB of 1.6 MiB). */
	ck_assert_int_lt(still, MANY / 16);
	ck_assert(mapped(last));
	/* The free lists hold no block of an unmapped chunk: new blocks
	 * of every class are usable. */
	for (int i = 0; i < MANY; i++) {
		size_t size = (size_t)16 << (i % 8);

		blocks[i] = mem_alloc(size);
		ck_assert(all_zero(blocks[i], size));
		((char *)blocks[i])[0] = 1;
	}
	for (int i = 0; i < MANY; i++)
		mem_free(blocks[i]);
	mem_free(last);
}
END_TEST

/* One block in use keeps its chunk; freeing it gives the chunk back. */
START_TEST(live_block_pins_chunk)
{
	static void *blocks[200];

	for (int i = 0; i < 200; i++)
		blocks[i] = mem_alloc(2048);	/* 32 per chunk */
	void *pinned = blocks[3];

	for (int i = 0; i < 200; i++)
		if (blocks[i] != pinned)
			mem_free(blocks[i]);
	ck_assert(mapped(pinned));
	ck_assert(!mapped(blocks[40]));	/* a later chunk, empty */
	mem_free(pinned);
	ck_assert(!mapped(pinned));
}
END_TEST

START_TEST(large_blocks_unmapped)
{
	char *big = mem_alloc(1 << 20);

	ck_assert_uint_eq((uintptr_t)big % 16, 0);
	ck_assert(all_zero((unsigned char *)big, 1 << 20));
	big[(1 << 20) - 1] = 1;
	char *filled = mem_alloc_filled(100000);

	ck_assert(all_zero((unsigned char *)filled, 100000));
	mem_free(big);
	ck_assert(!mapped(big + 8192));
	mem_free(filled);
	ck_assert(!mapped(filled));
}
END_TEST

static Suite *alloc_suite(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc = tcase_create("alloc");

	tcase_add_test(tc, blocks_zeroed_aligned_reused);
	tcase_add_test(tc, classes_by_quarters);
	tcase_add_test(tc, empty_chunks_unmapped);
	tcase_add_test(tc, live_block_pins_chunk);
	tcase_add_test(tc, large_blocks_unmapped);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(alloc_suite());

	/* In one process, in order: the allocator's state carries over. */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);

	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
