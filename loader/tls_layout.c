/* SPDX-License-Identifier: MIT */
/*
 * loader/tls_layout.c - static TLS offsets.  See tls_layout.h.
 */
#include "tls_layout.h"

/* The smallest X >= FLOOR with X == RESIDUE (mod ALIGN). */
static uint64_t up_to_residue(uint64_t floor, uint64_t residue,
			      uint64_t align)
{
	return floor + ((residue - floor) & (align - 1));
}

/* Keep every offset far below what could overflow. */
#define TLS_LIMIT ((uint64_t)1 << 40)

int tls_place_next(const struct tls_segment *seg, int variant,
		   uint64_t *used, int64_t *offset)
{
	uint64_t align = seg->align > 1 ? seg->align : 1;
	uint64_t residue = seg->vaddr & (align - 1);

	if ((align & (align - 1)) || seg->memsz > TLS_LIMIT ||
	    align > TLS_LIMIT || *used > TLS_LIMIT)
		return -1;
	if (variant == 1) {
		/* Block at TP + off: off == vaddr (mod align). */
		uint64_t off = up_to_residue(*used, residue, align);

		*offset = (int64_t)off;
		*used = off + seg->memsz;
	} else {
		/*
		 * Block at TP - off, ending at or below where the previous
		 * one starts: TP - off == vaddr (mod align), that is
		 * off == -vaddr.
		 */
		uint64_t off = up_to_residue(*used + seg->memsz, -residue,
					     align);

		*offset = -(int64_t)off;
		*used = off;
	}
	return *used > TLS_LIMIT ? -1 : 0;
}

int tls_layout(const struct tls_segment *segs, size_t n, int variant,
	       uint64_t tcb_size, int64_t *offsets, struct tls_area *area)
{
	uint64_t used = variant == 1 ? tcb_size : 0;
	uint64_t max_align = 16;

	for (size_t i = 0; i < n; i++) {
		if (tls_place_next(&segs[i], variant, &used, &offsets[i]) < 0)
			return -1;
		if (segs[i].align > max_align)
			max_align = segs[i].align;
	}
	area->max_align = max_align;
	area->below_tp = variant == 2 ? used : 0;
	area->above_tp = variant == 1 ? used : 0;
	return 0;
}
