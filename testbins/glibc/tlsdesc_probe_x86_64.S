/* SPDX-License-Identifier: MIT */
/*
 * void tlsdesc_probe(struct probe *p)  (tlsdesc_probe.h)
 *
 * Loads every general register but %rax and %rsp, the vector registers
 * p->level says this CPU has (xmm0-15; ymm0-15; or zmm0-31 and k0-7),
 * two values on the x87 stack, MXCSR and the x87 control word from P,
 * makes the TLS descriptor call for big (in this library's
 * dynamic TLS), and stores them all back into P.
 */
#include "tlsdesc_probe.h"

	.text
	.globl	tlsdesc_probe
	.type	tlsdesc_probe, @function
	.p2align 4
tlsdesc_probe:
	.cfi_startproc
	push	%rbp
	.cfi_adjust_cfa_offset 8
	push	%rbx
	.cfi_adjust_cfa_offset 8
	push	%r12
	.cfi_adjust_cfa_offset 8
	push	%r13
	.cfi_adjust_cfa_offset 8
	push	%r14
	.cfi_adjust_cfa_offset 8
	push	%r15
	.cfi_adjust_cfa_offset 8
	push	%rdi			/* P, at 8(%rsp) from here on */
	.cfi_adjust_cfa_offset 8
	sub	$8, %rsp		/* the call below sees %rsp % 16 == 0 */
	.cfi_adjust_cfa_offset 8

	stmxcsr	PROBE_FP_SAVED(%rdi)
	fnstcw	PROBE_FP_SAVED+8(%rdi)
	ldmxcsr	PROBE_FP_BEFORE(%rdi)
	fldcw	PROBE_FP_BEFORE+8(%rdi)
	fldl	PROBE_X87_BEFORE(%rdi)
	fldl	PROBE_X87_BEFORE+8(%rdi)

	mov	PROBE_LEVEL(%rdi), %eax
	cmp	$2, %eax
	je	.Lload512
	cmp	$1, %eax
	je	.Lload256
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	PROBE_VEC_BEFORE+64*\i(%rdi), %xmm\i
	.endr
	jmp	.Lloaded
.Lload256:
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	vmovdqu	PROBE_VEC_BEFORE+64*\i(%rdi), %ymm\i
	.endr
	jmp	.Lloaded
.Lload512:
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	vmovdqu64 PROBE_VEC_BEFORE+64*\i(%rdi), %zmm\i
	.endr
	.irp	i, 0,1,2,3,4,5,6,7
	kmovw	PROBE_K_BEFORE+8*\i(%rdi), %k\i
	.endr
.Lloaded:
	mov	PROBE_GPR_BEFORE+8*1(%rdi), %rcx
	mov	PROBE_GPR_BEFORE+8*2(%rdi), %rdx
	mov	PROBE_GPR_BEFORE+8*3(%rdi), %rbx
	mov	PROBE_GPR_BEFORE+8*5(%rdi), %rbp
	mov	PROBE_GPR_BEFORE+8*6(%rdi), %rsi
	.irp	i, 8,9,10,11,12,13,14,15
	mov	PROBE_GPR_BEFORE+8*\i(%rdi), %r\i
	.endr
	mov	PROBE_GPR_BEFORE+8*7(%rdi), %rdi

	lea	big@tlsdesc(%rip), %rax
	call	*big@tlscall(%rax)

	push	%rdi
	.cfi_adjust_cfa_offset 8
	mov	16(%rsp), %rdi		/* P */
	mov	%rax, PROBE_GPR_AFTER(%rdi)
	mov	%rcx, PROBE_GPR_AFTER+8*1(%rdi)
	mov	%rdx, PROBE_GPR_AFTER+8*2(%rdi)
	mov	%rbx, PROBE_GPR_AFTER+8*3(%rdi)
	mov	%rbp, PROBE_GPR_AFTER+8*5(%rdi)
	mov	%rsi, PROBE_GPR_AFTER+8*6(%rdi)
	.irp	i, 8,9,10,11,12,13,14,15
	mov	%r\i, PROBE_GPR_AFTER+8*\i(%rdi)
	.endr
	pop	%rcx
	.cfi_adjust_cfa_offset -8
	mov	%rcx, PROBE_GPR_AFTER+8*7(%rdi)
	mov	%fs:0, %rcx
	add	%rax, %rcx
	mov	%rcx, PROBE_ADDRESS(%rdi)

	mov	PROBE_LEVEL(%rdi), %eax
	cmp	$2, %eax
	je	.Lstore512
	cmp	$1, %eax
	je	.Lstore256
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	%xmm\i, PROBE_VEC_AFTER+64*\i(%rdi)
	.endr
	jmp	.Lstored
.Lstore256:
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	vmovdqu	%ymm\i, PROBE_VEC_AFTER+64*\i(%rdi)
	.endr
	vzeroupper
	jmp	.Lstored
.Lstore512:
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	vmovdqu64 %zmm\i, PROBE_VEC_AFTER+64*\i(%rdi)
	.endr
	.irp	i, 0,1,2,3,4,5,6,7
	kmovw	%k\i, PROBE_K_AFTER+8*\i(%rdi)
	.endr
	vzeroupper
.Lstored:
	fstpl	PROBE_X87_AFTER+8(%rdi)
	fstpl	PROBE_X87_AFTER(%rdi)
	stmxcsr	PROBE_FP_AFTER(%rdi)
	fnstcw	PROBE_FP_AFTER+8(%rdi)
	ldmxcsr	PROBE_FP_SAVED(%rdi)
	fldcw	PROBE_FP_SAVED+8(%rdi)

	add	$16, %rsp
	.cfi_adjust_cfa_offset -16
	pop	%r15
	.cfi_adjust_cfa_offset -8
	pop	%r14
	.cfi_adjust_cfa_offset -8
	pop	%r13
	.cfi_adjust_cfa_offset -8
	pop	%r12
	.cfi_adjust_cfa_offset -8
	pop	%rbx
	.cfi_adjust_cfa_offset -8
	pop	%rbp
	.cfi_adjust_cfa_offset -8
	ret
	.cfi_endproc
	.size	tlsdesc_probe, . - tlsdesc_probe

	.section .note.GNU-stack, "", @progbits
