/* SPDX-License-Identifier: MIT */
/*
 * relro_table: tables of pointers to an object's own data, one const (in
 * RELRO) and one writable, as the loader sees them: a RELATIVE relocation
 * each.  TABLE(name, cells, n) defines `int *const name[n]` pointing at
 * cells[0 .. n-1] in order; n is a multiple of 256.
 */
#ifndef RELRO_TABLE_TABLES_H
#define RELRO_TABLE_TABLES_H

#define P1(c, i) &c[(i)],
#define P4(c, i) P1(c, i) P1(c, (i) + 1) P1(c, (i) + 2) P1(c, (i) + 3)
#define P16(c, i) P4(c, i) P4(c, (i) + 4) P4(c, (i) + 8) P4(c, (i) + 12)
#define P64(c, i) P16(c, i) P16(c, (i) + 16) P16(c, (i) + 32) P16(c, (i) + 48)
#define P256(c, i) P64(c, i) P64(c, (i) + 64) P64(c, (i) + 128) \
	P64(c, (i) + 192)
#define P1024(c, i) P256(c, i) P256(c, (i) + 256) P256(c, (i) + 512) \
	P256(c, (i) + 768)

/* How many entries of TABLE (N of them) point where they should. */
#define COUNT_OK(table, cells, n, ok)                  \
	do {                                           \
		for (int k_ = 0; k_ < (n); k_++)       \
			(ok) += (table)[k_] == &(cells)[k_]; \
	} while (0)

#endif
