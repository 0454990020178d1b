/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/tlsdesc.S - TLS descriptor resolvers.
 *
 * aarch64 code reaches a TLS variable through a two-word descriptor in
 * its GOT (the default TLS dialect): it loads the resolver from the first
 * word, calls it with x0 = the descriptor's address, and expects in x0 the
 * variable's offset from tpidr_el0.  Every other register must survive,
 * which is why the resolvers are written in assembly.
 *
 * For a variable in static TLS the offset is known at relocation time;
 * myld stores it as the descriptor's argument, and this resolver just
 * returns it.
 */

	.text
	.globl	arch_tlsdesc_static
	.hidden	arch_tlsdesc_static
	.type	arch_tlsdesc_static, %function
	.p2align 4
arch_tlsdesc_static:
	.cfi_startproc
	bti	c
	ldr	x0, [x0, #8]
	ret
	.cfi_endproc
	.size	arch_tlsdesc_static, . - arch_tlsdesc_static

/*
 * For a weak reference to a variable that nothing defines, the address
 * is to be the argument (the addend: usually 0, a null pointer), so the
 * offset returned is the argument less this thread's TP.  x1 is the
 * caller's: it is kept on the stack while it holds the TP.
 */
	.globl	arch_tlsdesc_undefined_weak
	.hidden	arch_tlsdesc_undefined_weak
	.type	arch_tlsdesc_undefined_weak, %function
	.p2align 4
arch_tlsdesc_undefined_weak:
	.cfi_startproc
	bti	c
	str	x1, [sp, #-16]!
	.cfi_adjust_cfa_offset 16
	.cfi_rel_offset x1, 0
	ldr	x0, [x0, #8]
	mrs	x1, tpidr_el0
	sub	x0, x0, x1
	ldr	x1, [sp], #16
	.cfi_adjust_cfa_offset -16
	.cfi_restore x1
	ret
	.cfi_endproc
	.size	arch_tlsdesc_undefined_weak, . - arch_tlsdesc_undefined_weak

/*
 * For a variable of a module with no static block (dlopened after the
 * surplus ran out) the argument encodes the module and offset.
 *
 * The descriptor call must preserve every register but x0 (x30 is the
 * caller's to lose: its blr wrote it): x1-x29, the full 128 bits of
 * v0-v31, FPCR and FPSR.  The condition flags may change, as the
 * compilers assume.  Two paths keep the common case cheap:
 *
 *  - fast: tls_descriptor_ready (loader/tls.c) answers when this
 *    thread's block already exists.  It is myld's own C, built with
 *    -mgeneral-regs-only, takes no lock and calls nothing outside myld,
 *    so only the general registers a C call may clobber are saved.
 *  - slow: tls_descriptor_address allocates the block, which may call
 *    the C library's calloc, which is free to use any SIMD register:
 *    q0-q31, FPCR and FPSR are saved around it as well.
 *
 * SVE state beyond the low 128 bits of each register (and the predicate
 * registers) is not preserved: the compilers treat a descriptor call as
 * clobbering it, and any system call the C library makes discards it.
 */
	.globl	arch_tlsdesc_dynamic
	.hidden	arch_tlsdesc_dynamic
	.type	arch_tlsdesc_dynamic, %function
	.p2align 4
arch_tlsdesc_dynamic:
	.cfi_startproc
	bti	c
	stp	x29, x30, [sp, #-176]!
	.cfi_def_cfa_offset 176
	.cfi_offset x29, -176
	.cfi_offset x30, -168
	mov	x29, sp
	.cfi_def_cfa_register x29
	stp	x1, x2, [sp, #16]
	stp	x3, x4, [sp, #32]
	stp	x5, x6, [sp, #48]
	stp	x7, x8, [sp, #64]
	stp	x9, x10, [sp, #80]
	stp	x11, x12, [sp, #96]
	stp	x13, x14, [sp, #112]
	stp	x15, x16, [sp, #128]
	stp	x17, x18, [sp, #144]
	ldr	x0, [x0, #8]
	str	x0, [sp, #160]		/* the argument, for the slow path */
	bl	tls_descriptor_ready
	cbz	x0, .Lslow
.Lreturn:
	mrs	x1, tpidr_el0
	sub	x0, x0, x1
	ldp	x1, x2, [sp, #16]
	ldp	x3, x4, [sp, #32]
	ldp	x5, x6, [sp, #48]
	ldp	x7, x8, [sp, #64]
	ldp	x9, x10, [sp, #80]
	ldp	x11, x12, [sp, #96]
	ldp	x13, x14, [sp, #112]
	ldp	x15, x16, [sp, #128]
	ldp	x17, x18, [sp, #144]
	.cfi_remember_state
	ldp	x29, x30, [sp], #176
	.cfi_def_cfa sp, 0
	.cfi_restore x29
	.cfi_restore x30
	ret

.Lslow:
	.cfi_restore_state
	sub	sp, sp, #528		/* FPCR, FPSR, then q0-q31 */
	stp	q0, q1, [sp, #16]
	stp	q2, q3, [sp, #48]
	stp	q4, q5, [sp, #80]
	stp	q6, q7, [sp, #112]
	stp	q8, q9, [sp, #144]
	stp	q10, q11, [sp, #176]
	stp	q12, q13, [sp, #208]
	stp	q14, q15, [sp, #240]
	stp	q16, q17, [sp, #272]
	stp	q18, q19, [sp, #304]
	stp	q20, q21, [sp, #336]
	stp	q22, q23, [sp, #368]
	stp	q24, q25, [sp, #400]
	stp	q26, q27, [sp, #432]
	stp	q28, q29, [sp, #464]
	stp	q30, q31, [sp, #496]
	mrs	x1, fpcr
	mrs	x2, fpsr
	stp	x1, x2, [sp]
	ldr	x0, [x29, #160]
	bl	tls_descriptor_address
	ldp	x1, x2, [sp]
	msr	fpcr, x1
	msr	fpsr, x2
	ldp	q0, q1, [sp, #16]
	ldp	q2, q3, [sp, #48]
	ldp	q4, q5, [sp, #80]
	ldp	q6, q7, [sp, #112]
	ldp	q8, q9, [sp, #144]
	ldp	q10, q11, [sp, #176]
	ldp	q12, q13, [sp, #208]
	ldp	q14, q15, [sp, #240]
	ldp	q16, q17, [sp, #272]
	ldp	q18, q19, [sp, #304]
	ldp	q20, q21, [sp, #336]
	ldp	q22, q23, [sp, #368]
	ldp	q24, q25, [sp, #400]
	ldp	q26, q27, [sp, #432]
	ldp	q28, q29, [sp, #464]
	ldp	q30, q31, [sp, #496]
	add	sp, sp, #528
	b	.Lreturn
	.cfi_endproc
	.size	arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

	.section .note.GNU-stack, "", %progbits
