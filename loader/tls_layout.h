/* SPDX-License-Identifier: MIT */
/*
 * loader/tls_layout.h - where each module's TLS block goes in the static
 * TLS area.  Pure arithmetic, unit-tested on the host.
 *
 * The two ELF TLS variants place the blocks on opposite sides of the
 * thread pointer (TP):
 *
 *   variant I (aarch64)          TP
 *                                | TCB (tcb_size) | block 1 | block 2 ...
 *
 *   variant II (x86_64)      ... block 2 | block 1 | TCB
 *                                                  TP
 *
 * Every block must start at an address congruent to its segment's
 * p_vaddr modulo p_align: the linker computed the offsets of the
 * variables inside the block from p_vaddr, so an object whose PT_TLS
 * starts 8 bytes into a 64-byte alignment unit expects its block to
 * start 8 bytes into one too.  (Rounding the block's start up to
 * p_align, as some loaders do, is wrong for such objects.)  The thread
 * pointer itself is aligned to the largest p_align, so congruence
 * relative to TP is congruence in memory.
 */
#ifndef MYLD_TLS_LAYOUT_H
#define MYLD_TLS_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* One module's TLS segment, as its PT_TLS describes it. */
struct tls_segment {
	uint64_t memsz;
	uint64_t align;		/* p_align, 0 or 1 meaning 1 */
	uint64_t vaddr;		/* p_vaddr: only its residue matters */
};

/* The layout computed for a set of modules. */
struct tls_area {
	uint64_t max_align;	/* TP's alignment */
	uint64_t below_tp;	/* bytes of blocks below TP (variant II) */
	uint64_t above_tp;	/* bytes above TP, TCB included (variant I) */
};

/*
 * Place one more segment SEG after those that already use *USED bytes
 * (the TCB included, for variant I): stores its offset from TP and
 * advances *USED.  Returns 0, or -1 for a bad alignment or an overflow.
 */
int tls_place_next(const struct tls_segment *seg, int variant,
		   uint64_t *used, int64_t *offset);

/*
 * Assign each of the N segments its offset from TP (block address = TP +
 * OFFSETS[i]), in order, for the given VARIANT (1 or 2) and TCB_SIZE (the
 * bytes at TP that are not TLS blocks, variant I only).  Returns 0, or -1
 * if an alignment is not a power of two or the sizes overflow.
 */
int tls_layout(const struct tls_segment *segs, size_t n, int variant,
	       uint64_t tcb_size, int64_t *offsets, struct tls_area *area);

#endif
