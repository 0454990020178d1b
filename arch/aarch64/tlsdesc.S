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

	.section .note.GNU-stack, "", %progbits
