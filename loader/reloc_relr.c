/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc_relr.c - DT_RELR, the packed RELATIVE relocations: every
 * word the table touches is checked, then the table is applied in one
 * go by relr.h's decoder (which boot.c shares).
 */
#include "reloc_internal.h"
#include "diag.h"
#include "relr.h"
#include "trace.h"

/*
 * May the RELR entry ENTRY write every word it touches, as a relocation
 * of D (place_ok)?  CURSOR is the decoder's cursor before ENTRY.  Word
 * by word: for what falls in no single writable segment, such as a
 * bitmap whose words straddle two adjacent ones.
 */
static __attribute__((noinline)) int relr_words_ok(const struct dso *d,
						   uint64_t entry,
						   uint64_t cursor)
{
	if ((entry & 1) == 0)
		return place_ok(d, entry, 8);
	for (uint64_t bits = entry >> 1; bits; bits >>= 1, cursor += 8)
		if ((bits & 1) && !place_ok(d, cursor, 8))
			return 0;
	return 1;
}

/*
 * Does every word the N-word RELR table RELR of D touches lie where a
 * relocation may write?  Each entry is checked against the writable
 * PT_LOAD the one before fell in, so that a table over several of them
 * (lld gives RELRO a segment of its own before .data) costs about one
 * comparison an entry.
 */
static int relr_places_ok(const struct dso *d, const uint64_t *relr,
			  size_t n)
{
	uint64_t where = 0, first, end, seg_lo = 0, seg_size = 0;
	int have_address = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t cursor = where;
		const Elf64_Phdr *seg;

		if (relr_entry_extent(relr[i], &where, &have_address, &first,
				      &end) < 0)
			return 0;
		if (first == end ||
		    (first - seg_lo < seg_size && end - seg_lo <= seg_size))
			continue;
		if ((seg = dso_writable_load(d, first, end - first))) {
			seg_lo = seg->p_vaddr;
			seg_size = seg->p_memsz;
		} else if (!relr_words_ok(d, relr[i], cursor)) {
			return 0;
		}
	}
	return 1;
}

int reloc_apply_relr(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;
	uint64_t size = di->tag[DT_RELRSZ];

	if (!di->present[DT_RELR] || !size)
		return 0;
	if (size % 8 || di->tag[DT_RELR] % 8 ||
	    !dso_has_range(d, di->tag[DT_RELR], size))
		return diag_fail(d->path, "DT_RELR table lies outside the "
				 "image or is misaligned");
	const uint64_t *relr = dso_addr(d, di->tag[DT_RELR]);
	if (!relr_places_ok(d, relr, size / 8))
		return diag_fail(d->path, "DT_RELR table writes outside the "
				 "writable segments");
	relr_apply(d->base, relr, size);
	trace_stats.relr_words += size / 8;
	return 0;
}
