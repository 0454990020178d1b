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
 * For a variable of a module with no static block (dlopened after the
 * surplus ran out) the argument encodes the module and offset;
 * tls_descriptor_address (loader/tls.c) finds or allocates the block.
 * Every register the C call may clobber is saved, except the vector
 * registers, which myld's general-registers-only code does not touch.
 */
	.globl	arch_tlsdesc_dynamic
	.hidden	arch_tlsdesc_dynamic
	.type	arch_tlsdesc_dynamic, %function
	.p2align 4
arch_tlsdesc_dynamic:
	.cfi_startproc
	bti	c
	stp	x29, x30, [sp, #-176]!
	.cfi_adjust_cfa_offset 176
	.cfi_offset x29, -176
	.cfi_offset x30, -168
	mov	x29, sp
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
	bl	tls_descriptor_address
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
	ldp	x29, x30, [sp], #176
	.cfi_adjust_cfa_offset -176
	ret
	.cfi_endproc
	.size	arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

	.section .note.GNU-stack, "", %progbits
