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

/*
 * For a variable of a module with no static block (dlopened after the
 * surplus ran out) the argument encodes the module and offset;
 * tls_descriptor_address (loader/tls.c) finds or allocates the block.
 * Everything the C call may clobber is saved, except the vector
 * registers, which myld's general-registers-only code does not touch.
 */
	.globl	arch_tlsdesc_dynamic
	.hidden	arch_tlsdesc_dynamic
	.type	arch_tlsdesc_dynamic, @function
	.p2align 4
arch_tlsdesc_dynamic:
	.cfi_startproc
	endbr64
	push	%rdi
	.cfi_adjust_cfa_offset 8
	push	%rsi
	.cfi_adjust_cfa_offset 8
	push	%rdx
	.cfi_adjust_cfa_offset 8
	push	%rcx
	.cfi_adjust_cfa_offset 8
	push	%r8
	.cfi_adjust_cfa_offset 8
	push	%r9
	.cfi_adjust_cfa_offset 8
	push	%r10
	.cfi_adjust_cfa_offset 8
	push	%r11
	.cfi_adjust_cfa_offset 8
	sub	$8, %rsp		/* 16-byte alignment for the call */
	.cfi_adjust_cfa_offset 8
	mov	8(%rax), %rdi
	call	tls_descriptor_address
	sub	%fs:0, %rax
	add	$8, %rsp
	.cfi_adjust_cfa_offset -8
	pop	%r11
	.cfi_adjust_cfa_offset -8
	pop	%r10
	.cfi_adjust_cfa_offset -8
	pop	%r9
	.cfi_adjust_cfa_offset -8
	pop	%r8
	.cfi_adjust_cfa_offset -8
	pop	%rcx
	.cfi_adjust_cfa_offset -8
	pop	%rdx
	.cfi_adjust_cfa_offset -8
	pop	%rsi
	.cfi_adjust_cfa_offset -8
	pop	%rdi
	.cfi_adjust_cfa_offset -8
	ret
	.cfi_endproc
	.size	arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

	.section .note.GNU-stack, "", @progbits
