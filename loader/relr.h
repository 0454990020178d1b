/* SPDX-License-Identifier: MIT */
/*
 * loader/relr.h - decoding DT_RELR, the packed form of relative
 * relocations (-z pack-relative-relocs).
 *
 * A RELR table is a list of 64-bit words.  An even word is an address
 * (relative to the load base) that needs the base added; it also sets
 * the cursor to the word after it.  An odd word is a bitmap: bit i
 * (1 <= i <= 63) says that the word at cursor + i - 1 needs the base
 * added; afterwards the cursor moves on by 63 words.
 *
 * This is a header of static inline code because two very different
 * callers share it: boot.c, which runs before myld is relocated and may
 * not call into other files, and reloc.c.  It is pure, so unit tests run
 * it on buffers.
 */
#ifndef MYLD_RELR_H
#define MYLD_RELR_H

#include <stddef.h>
#include <stdint.h>

/*
 * Apply the SIZE bytes of RELR entries at RELR to the image loaded at
 * BASE.  No bounds are checked here: callers validate the table first
 * with relr_extent().
 */
static inline void relr_apply(uintptr_t base, const uint64_t *relr,
			      size_t size)
{
	uint64_t *where = NULL;

	for (size_t i = 0; i < size / sizeof(*relr); i++) {
		uint64_t entry = relr[i];

		if ((entry & 1) == 0) {
			where = (uint64_t *)(base + entry);
			*where++ += base;
			continue;
		}
		/*
		 * Eight bits a step, without a loop per bit (a libc has
		 * ~1200 relocations in ~30 bitmaps): a full byte is eight
		 * additions in a row, any other byte one test per bit.
		 */
		uint64_t *p = where;
		for (uint64_t bits = entry >> 1; bits; bits >>= 8, p += 8) {
			unsigned byte = bits & 0xff;

			if (byte == 0xff) {
				p[0] += base;
				p[1] += base;
				p[2] += base;
				p[3] += base;
				p[4] += base;
				p[5] += base;
				p[6] += base;
				p[7] += base;
				continue;
			}
			if (byte & 0x01)
				p[0] += base;
			if (byte & 0x02)
				p[1] += base;
			if (byte & 0x04)
				p[2] += base;
			if (byte & 0x08)
				p[3] += base;
			if (byte & 0x10)
				p[4] += base;
			if (byte & 0x20)
				p[5] += base;
			if (byte & 0x40)
				p[6] += base;
			if (byte & 0x80)
				p[7] += base;
		}
		where += 63;
	}
}

/*
 * The words that ENTRY, the next entry of a RELR table, touches, as
 * link-time addresses [*FIRST, *END) (empty for a bitmap with no bit
 * set).  *WHERE is the decoder's cursor and *HAVE_ADDRESS whether an
 * address came yet, both 0 before the first entry; both move on.
 * Returns 0, or -1 for a bitmap before any address or an address that
 * overflows.
 */
static inline int relr_entry_extent(uint64_t entry, uint64_t *where,
				    int *have_address, uint64_t *first,
				    uint64_t *end)
{
	if ((entry & 1) == 0) {
		if (entry > UINT64_MAX - 8 * 64)
			return -1;
		*have_address = 1;
		*first = entry;
		*end = entry + 8;
		*where = entry + 8;
		return 0;
	}
	if (!*have_address || *where > UINT64_MAX - 8 * 64)
		return -1;
	*first = *end = *where;
	if (entry > 1) {
		/* The lowest and highest set bits (1..63) are the first
		 * and last words touched. */
		*first = *where + 8 * (__builtin_ctzll(entry & ~1ull) - 1);
		*end = *where + 8 * (63 - __builtin_clzll(entry));
	}
	*where += 8 * 63;
	return 0;
}

/*
 * The range of link-time addresses a RELR table touches, so the caller
 * can check that it lies in writable memory before relr_apply runs.
 * Returns 0, or -1 for a table that starts with a bitmap (which has no
 * address to apply to) or whose addresses overflow.
 */
static inline int relr_extent(const uint64_t *relr, size_t size,
			      uint64_t *lo, uint64_t *hi)
{
	uint64_t where = 0, min = UINT64_MAX, max = 0, first, end;
	int have_address = 0;

	for (size_t i = 0; i < size / sizeof(*relr); i++) {
		if (relr_entry_extent(relr[i], &where, &have_address, &first,
				      &end) < 0)
			return -1;
		if (first == end)
			continue;
		if (first < min)
			min = first;
		if (end > max)
			max = end;
	}
	*lo = have_address ? min : 0;
	*hi = max;
	return 0;
}

#endif
