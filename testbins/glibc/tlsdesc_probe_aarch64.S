/* SPDX-License-Identifier: MIT */
/*
 * void tlsdesc_probe(struct probe *p)  (tlsdesc_probe.h)
 *
 * Loads x1-x29, the full 128 bits of v0-v31, FPCR and FPSR from P, makes
 * the TLS descriptor call for big (in this library's dynamic
 * TLS) and stores them all back into P.  The call goes through x30,
 * which the blr overwrites anyway, so that x1 (the register compilers
 * use) is checked too.
 */
#include "tlsdesc_probe.h"

	.text
	.globl	tlsdesc_probe
	.type	tlsdesc_probe, %function
	.p2align 4
tlsdesc_probe:
	.cfi_startproc
	sub	sp, sp, #176
	.cfi_def_cfa_offset 176
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	.cfi_offset x29, -96
	.cfi_offset x30, -88
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	str	x0, [sp, #160]		/* P */

	mrs	x1, fpcr
	mrs	x2, fpsr
	str	x1, [x0, #PROBE_FP_SAVED]
	str	x2, [x0, #PROBE_FP_SAVED+8]
	ldr	x1, [x0, #PROBE_FP_BEFORE]
	ldr	x2, [x0, #PROBE_FP_BEFORE+8]
	msr	fpcr, x1
	msr	fpsr, x2

	add	x1, x0, #PROBE_VEC_BEFORE
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ldr	q\i, [x1, #64*\i]
	.endr
	.irp	i, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29
	ldr	x\i, [x0, #PROBE_GPR_BEFORE+8*\i]
	.endr

	adrp	x0, :tlsdesc:big
	ldr	x30, [x0, #:tlsdesc_lo12:big]
	add	x0, x0, #:tlsdesc_lo12:big
	.tlsdesccall big
	blr	x30

	stp	x0, x1, [sp, #-16]!
	.cfi_adjust_cfa_offset 16
	ldr	x1, [sp, #16+160]	/* P */
	.irp	i, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29
	str	x\i, [x1, #PROBE_GPR_AFTER+8*\i]
	.endr
	ldp	x2, x3, [sp], #16
	.cfi_adjust_cfa_offset -16
	stp	x2, x3, [x1, #PROBE_GPR_AFTER]
	mrs	x3, tpidr_el0
	add	x3, x3, x2
	str	x3, [x1, #PROBE_ADDRESS]

	mrs	x2, fpcr
	mrs	x3, fpsr
	str	x2, [x1, #PROBE_FP_AFTER]
	str	x3, [x1, #PROBE_FP_AFTER+8]
	add	x2, x1, #PROBE_VEC_AFTER
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	str	q\i, [x2, #64*\i]
	.endr
	ldr	x2, [x1, #PROBE_FP_SAVED]
	ldr	x3, [x1, #PROBE_FP_SAVED+8]
	msr	fpcr, x2
	msr	fpsr, x3

	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	add	sp, sp, #176
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	tlsdesc_probe, . - tlsdesc_probe

	.section .note.GNU-stack, "", %progbits
