/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/plt.S - the lazy-binding trampoline.
 *
 * A PLT entry loads its GOT slot into x17, leaves the slot's address in
 * x16 and branches to x17.  A lazy slot first points at PLT0, which
 * pushes x16 (that slot address) and x30 (the caller's return address),
 * sets x16 to &GOT[2] and branches to GOT[2], which is this trampoline.
 * So on entry:
 *
 *     [sp]      the address of the GOT slot being bound
 *     [sp, #8]  the caller's x30
 *     x16       &GOT[2]; GOT[1], just below it, is the struct dso *
 *
 * and x0-x7 (arguments) and x8 (the indirect result address) still hold
 * the caller's values.  The trampoline saves them, asks lazy_bind() for
 * the target, which it also writes into the slot, restores them and the
 * caller's x30, and branches to the target.
 *
 * The vector argument registers q0-q7 are not saved: myld is compiled
 * with general registers only and cannot change them.  The exception is
 * an IFUNC, whose resolver is ordinary program code: lazy_bind returns 0
 * for those and q0-q7 are saved around lazy_bind_ifunc.
 */

	.text
	.globl	arch_lazy_trampoline
	.hidden	arch_lazy_trampoline
	.type	arch_lazy_trampoline, %function
	.p2align 4
arch_lazy_trampoline:
	.cfi_startproc
	.cfi_def_cfa_offset 16		/* PLT0's push */
	.cfi_offset x30, -8
	bti	c
	/* Frame: x29/x30, x0-x8, then the dso and index for the IFUNC path. */
	stp	x29, x30, [sp, #-112]!
	.cfi_adjust_cfa_offset 112
	mov	x29, sp
	stp	x0, x1, [sp, #16]
	stp	x2, x3, [sp, #32]
	stp	x4, x5, [sp, #48]
	stp	x6, x7, [sp, #64]
	str	x8, [sp, #80]

	ldr	x0, [x16, #-8]		/* GOT[1]: the struct dso * */
	ldr	x1, [sp, #112]		/* the slot's address */
	add	x2, x16, #8		/* &GOT[3]: the first PLT slot */
	sub	x1, x1, x2
	lsr	x1, x1, #3		/* slot number = relocation index */
	stp	x0, x1, [sp, #96]
	bl	lazy_bind
	cbnz	x0, 1f

	/* An IFUNC: keep the vector arguments safe from its resolver. */
	sub	sp, sp, #128
	.cfi_adjust_cfa_offset 128
	stp	q0, q1, [sp, #0]
	stp	q2, q3, [sp, #32]
	stp	q4, q5, [sp, #64]
	stp	q6, q7, [sp, #96]
	ldp	x0, x1, [sp, #224]
	bl	lazy_bind_ifunc
	ldp	q0, q1, [sp, #0]
	ldp	q2, q3, [sp, #32]
	ldp	q4, q5, [sp, #64]
	ldp	q6, q7, [sp, #96]
	add	sp, sp, #128
	.cfi_adjust_cfa_offset -128
1:
	mov	x16, x0
	ldp	x0, x1, [sp, #16]
	ldp	x2, x3, [sp, #32]
	ldp	x4, x5, [sp, #48]
	ldp	x6, x7, [sp, #64]
	ldr	x8, [sp, #80]
	ldp	x29, x30, [sp], #112
	.cfi_adjust_cfa_offset -112
	ldp	x17, x30, [sp], #16	/* PLT0's push: slot, caller's x30 */
	.cfi_adjust_cfa_offset -16
	.cfi_restore x30
	br	x16
	.cfi_endproc
	.size	arch_lazy_trampoline, . - arch_lazy_trampoline

	.section .note.GNU-stack, "", %progbits
