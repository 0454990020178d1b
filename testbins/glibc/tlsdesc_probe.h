/* SPDX-License-Identifier: MIT */
/*
 * The record tlsdesc_probe (tlsdesc_probe_<cpu>.S) fills: every register
 * is loaded from a "before" pattern, then the TLS descriptor call of a
 * variable in dynamic TLS is made, then every register is stored to
 * "after".  Everything but the descriptor call's own result register
 * (%rax; aarch64: x0, and x30, which the caller's blr writes) must come
 * back unchanged.  Offsets, for the assembly; tlsdesc_main.c checks them
 * against the struct.
 */
#ifndef TLSDESC_PROBE_H
#define TLSDESC_PROBE_H

#define PROBE_GPR_BEFORE	0	/* u64[32], by register number */
#define PROBE_GPR_AFTER		256	/* u64[32] */
#define PROBE_ADDRESS		512	/* u64: thread pointer + result */
#define PROBE_LEVEL		520	/* u32, x86_64: 0 SSE, 1 AVX, 2 AVX-512 */
/* u64[6]: the FP control and status registers: the values loaded, the
 * values after, the caller's own (restored at the end).  x86_64: MXCSR,
 * x87 control word; aarch64: FPCR, FPSR. */
#define PROBE_FP_BEFORE		528
#define PROBE_FP_AFTER		544
#define PROBE_FP_SAVED		560
#define PROBE_X87_BEFORE	576	/* double[2], x86_64: the x87 stack */
#define PROBE_X87_AFTER		592	/* double[2] */
#define PROBE_K_BEFORE		640	/* u64[8], x86_64: k0-k7 */
#define PROBE_K_AFTER		704	/* u64[8] */
#define PROBE_VEC_BEFORE	768	/* 32 registers of 64 bytes */
#define PROBE_VEC_AFTER		2816	/* 32 x 64 bytes */
#define PROBE_SIZE		4864

#ifndef __ASSEMBLER__
#include <stdint.h>

struct probe {
	uint64_t gpr_before[32];
	uint64_t gpr_after[32];
	uint64_t address;
	uint32_t level;
	uint32_t pad;
	uint64_t fp_before[2];
	uint64_t fp_after[2];
	uint64_t fp_saved[2];
	double x87_before[2];
	double x87_after[2];
	uint8_t pad2[32];
	uint64_t k_before[8];
	uint64_t k_after[8];
	uint8_t vec_before[32][64];
	uint8_t vec_after[32][64];
} __attribute__((aligned(64)));
#endif

#endif
