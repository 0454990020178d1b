/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc_relative.h - the fast mode's window, RELATIVE's rule, and
 * the loops that apply a run of RELATIVE entries: entry by entry, or a
 * block at a time with the checks made per block.  Included by reloc.c
 * only (its functions are static: they are inlined into reloc.c's
 * loops).
 */
#ifndef MYLD_RELOC_RELATIVE_H
#define MYLD_RELOC_RELATIVE_H

#include "reloc_internal.h"

/*
 * What the fast mode reads for every entry, copied out of struct pass
 * and struct dso into values the compiler can keep in registers: a
 * store through a relocation's place could otherwise be a store to any
 * uint64_t field, which it would then read again.
 */
struct window {
	struct dso *d;
	uintptr_t base;
	uint64_t lo, last;	/* see struct pass */
};

/* Is the 8-byte place at OFFSET in W's window?  The fast mode's whole
 * bounds check. */
static inline int in_window(struct window w, uint64_t offset)
{
	return offset - w.lo <= w.last;
}

/* What R_*_RELATIVE stores, for an object at BASE and addend A: B + A. */
static inline uint64_t relative_value(uintptr_t base, int64_t a)
{
	return base + a;
}

/*
 * Apply the RELATIVE entry E if it names no symbol and its place lies
 * in W: relocate() would take it the same way, with the same window
 * test and rule.  WIN_BASE is where the window starts in memory.
 * Returns 0 when it leaves E to relocate().
 */
static inline __attribute__((always_inline)) int
relocate_relative(struct window w, uintptr_t win_base, const Elf64_Rela *e)
{
	uint64_t from_lo = e->r_offset - w.lo;

	if (e->r_info != ELF64_R_INFO(0, R_ARCH_RELATIVE) ||
	    !in_window(w, e->r_offset))
		return 0;
	*(uint64_t *)(win_base + from_lo) = relative_value(w.base, e->r_addend);
	return 1;
}

/* The entries of a RELATIVE block: checked together, then applied. */
#define RELATIVE_BLOCK 64

/* After its first entry, a block is read in groups of
 * ARCH_RELATIVE_REACH entries, each from a base register of its own. */
#define RELATIVE_GROUPS ((RELATIVE_BLOCK - 1) / ARCH_RELATIVE_REACH)
_Static_assert(RELATIVE_GROUPS * ARCH_RELATIVE_REACH == RELATIVE_BLOCK - 1,
	       "a RELATIVE block is its first entry and whole groups");

/*
 * Would relocate_relative() apply each of the RELATIVE_BLOCK entries
 * from E?  Checked per block rather than per entry, and without a
 * branch until the end:
 *
 *   places: each offset is above the one before (unsigned, so none
 *           wraps), so every place lies between the first and the last,
 *           and those two are tested against the window (equal offsets
 *           go entry by entry);
 *   types:  every r_info OR-ed together has no bit that RELATIVE's r_info
 *           lacks, so none is above it; then the sum of the r_info values
 *           and of the offsets' increases (1 each) reaches its greatest,
 *           RELATIVE's r_info times the count plus the count less one,
 *           only if every term does: every r_info is RELATIVE's (type
 *           and symbol 0) and every offset is above the one before.
 *           The sum cannot wrap.  It is kept negated (LESS, 0 less the
 *           sum): taking a term and a comparison's borrow off is one
 *           instruction on both CPUs (sbb, sbc), adding them is not.
 *
 * A block that fails goes entry by entry, exactly as before: only a
 * block that passes skips relocate_relative()'s tests.
 *
 * (Code generation, not rules.  Where reads fold into the instructions
 * that use them (ARCH_RELATIVE_FOLDS), AGAIN, ODD_A and ODD_B are G
 * behind pointers the compiler cannot see through: each r_info is read
 * twice (by the OR and by the subtract-with-borrow) and each odd
 * entry's offset twice (by two comparisons), each read folded, so that
 * only the even entries' offsets are loaded: 3.5 instructions an entry.
 * Elsewhere they are G, every word is loaded once (a load pair an
 * entry), and BITS is kept a chain as LESS is, lest the compiler
 * regroup the ORs and hold every r_info in a register at once: 4 an
 * entry.)
 */
static inline __attribute__((always_inline)) int
relative_block_ok(struct window w, const Elf64_Rela *e)
{
	const uint64_t relative = ELF64_R_INFO(0, R_ARCH_RELATIVE);
	uint64_t bits = e[0].r_info, less = 0 - e[0].r_info;
	uint64_t last = e[0].r_offset;	/* the offset read last */

	for (int k = 0; k < RELATIVE_GROUPS; k++) {
		const Elf64_Rela *g = e + 1 + k * ARCH_RELATIVE_REACH;
		const Elf64_Rela *again = g, *odd_a = g, *odd_b = g;

		if (ARCH_RELATIVE_FOLDS)
			__asm__("" : "+r"(again), "+r"(odd_a), "+r"(odd_b));
#pragma GCC unroll 64
		for (int j = 0; j < ARCH_RELATIVE_REACH; j++) {
			uint64_t before = j == 0 ? last
					  : j % 2 ? odd_b[j - 1].r_offset
						  : g[j - 1].r_offset;
			uint64_t offset = j % 2 ? g[j].r_offset
						: odd_a[j].r_offset;

			bits |= again[j].r_info;
			less = less - g[j].r_info - (before < offset);
			__asm__("" : "+r"(less));
			if (!ARCH_RELATIVE_FOLDS)
				__asm__("" : "+r"(bits));
			last = offset;
		}
	}
	return bits == relative &&
	       less == 0 - (relative * RELATIVE_BLOCK + RELATIVE_BLOCK - 1) &&
	       in_window(w, e[0].r_offset) &&
	       in_window(w, e[RELATIVE_BLOCK - 1].r_offset);
}

/*
 * The blocks of RELATIVE entries from E on, up to END, each checked by
 * relative_block_ok() and then applied with RELATIVE's rule.  Returns
 * the first entry of the first block that fails, or that END cuts.
 * (Each entry's addend is read with the next entry's offset, which
 * follows it, as one load pair on AArch64: the table lies apart from
 * the places, relocate_relative_run() saw to it, so no store changes
 * it.)
 */
static __attribute__((noinline)) const Elf64_Rela *
relocate_relative_blocks(struct window w, const Elf64_Rela *e,
			 const Elf64_Rela *end)
{
	const Elf64_Rela *last_start;

	if (end - e < RELATIVE_BLOCK)
		return e;
	last_start = end - RELATIVE_BLOCK;
	while (e <= last_start && relative_block_ok(w, e)) {
		const Elf64_Rela *g = e;
		uint64_t offset = e[0].r_offset;

		for (int k = 0; k < RELATIVE_GROUPS;
		     k++, g += ARCH_RELATIVE_REACH) {
#pragma GCC unroll 64
			for (int j = 0; j < ARCH_RELATIVE_REACH; j++) {
				int64_t addend = g[j].r_addend;
				uint64_t next = g[j + 1].r_offset;

				*(uint64_t *)(w.base + offset) =
					relative_value(w.base, addend);
				offset = next;
			}
		}
		*(uint64_t *)(w.base + offset) =
			relative_value(w.base, g[0].r_addend);
		e += RELATIVE_BLOCK;
	}
	return e;
}

/*
 * The entries from E on, up to END, that relocate_relative() applies,
 * four at a time, so that the loop's own test is paid once for four
 * entries.  Returns the first entry it did not apply.
 */
static inline __attribute__((always_inline)) const Elf64_Rela *
relocate_relative_entries(struct window w, uintptr_t win_base,
			  const Elf64_Rela *e, const Elf64_Rela *end)
{
	for (size_t fours = (size_t)(end - e) / 4; fours; fours--, e += 4)
		if (!relocate_relative(w, win_base, e) ||
		    !relocate_relative(w, win_base, e + 1) ||
		    !relocate_relative(w, win_base, e + 2) ||
		    !relocate_relative(w, win_base, e + 3))
			break;
	while (e < end && relocate_relative(w, win_base, e))
		e++;
	return e;
}

/*
 * The run of RELATIVE entries from E on, up to END, that
 * relocate_relative() applies: without a call and the tests of every
 * other type in between, a block at a time where the block's checks
 * pass, else entry by entry.  Returns the first entry it did not apply,
 * for relocate() to decide.
 */
static inline __attribute__((always_inline)) const Elf64_Rela *
relocate_relative_run(struct window w, const Elf64_Rela *e,
		      const Elf64_Rela *end)
{
	uintptr_t win_base = w.base + w.lo;
	/*
	 * A table in the window could be written by its own entries
	 * between a block's check and its application: blocks only for
	 * one that lies apart from it.
	 */
	int blocks = (uintptr_t)end <= win_base ||
		     (uintptr_t)e >= win_base + w.last + 8;

	/* The place is WIN_BASE plus the offset from the window's start,
	 * which the window test has computed: hidden from the compiler,
	 * which would otherwise add the base to the offset again. */
	__asm__("" : "+r"(win_base));
	for (;;) {
		const Elf64_Rela *stop = end, *next;

		/* After a block that fails, one block's worth of entries
		 * one by one, then blocks again. */
		if (blocks) {
			e = relocate_relative_blocks(w, e, end);
			if (end - e > RELATIVE_BLOCK)
				stop = e + RELATIVE_BLOCK;
		}
		next = relocate_relative_entries(w, win_base, e, stop);
		if (next != stop || stop == end)
			return next;
		e = next;
	}
}

#endif
