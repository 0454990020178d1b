/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/tlsdesc.S - TLS descriptor resolvers.
 *
 * Code compiled with -mtls-dialect=gnu2 reaches a TLS variable through a
 * two-word descriptor in its GOT: "lea var@tlsdesc(%rip), %rax; call
 * *var@tlscall(%rax)".  The call must return in %rax the variable's
 * offset from the thread pointer, and must preserve every other
 * register, which is why the resolvers are written in assembly.
 *
 * For a variable in static TLS the offset is known at relocation time;
 * myld stores it as the descriptor's argument, and this resolver just
 * returns it.
 */

	.text
	.globl	arch_tlsdesc_static
	.hidden	arch_tlsdesc_static
	.type	arch_tlsdesc_static, @function
	.p2align 4
arch_tlsdesc_static:
	.cfi_startproc
	endbr64
	mov	8(%rax), %rax
	ret
	.cfi_endproc
	.size	arch_tlsdesc_static, . - arch_tlsdesc_static

	.section .note.GNU-stack, "", @progbits
