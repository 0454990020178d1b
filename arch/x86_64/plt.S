/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/plt.S - the lazy-binding trampoline.
 *
 * A lazy PLT slot first points back into its PLT entry, which pushes the
 * slot's relocation index and jumps to PLT0; PLT0 pushes GOT[1] (the
 * object's struct dso, set by myld) and jumps to GOT[2], which is this
 * trampoline.  So on entry:
 *
 *     0(%rsp)   the struct dso *
 *     8(%rsp)   the relocation index in DT_JMPREL
 *    16(%rsp)   the return address into the caller
 *
 * and every argument register still holds the caller's arguments.  The
 * trampoline saves the integer ones (rdi, rsi, rdx, rcx, r8, r9, and rax,
 * which holds the vector-register count of a variadic call), asks
 * lazy_bind() for the target, which it also writes into the slot, then
 * restores them and jumps to the target as if the caller had called it.
 *
 * The vector argument registers are not saved: myld is compiled with
 * general registers only, so lazy_bind cannot change them.  The one
 * exception is a symbol defined by an IFUNC, whose resolver is ordinary
 * program code: lazy_bind returns 0 for those, and the trampoline saves
 * xmm0-xmm7 around lazy_bind_ifunc, which runs the resolver.
 */

	.text
	.globl	arch_lazy_trampoline
	.hidden	arch_lazy_trampoline
	.type	arch_lazy_trampoline, @function
	.p2align 4
arch_lazy_trampoline:
	.cfi_startproc
	.cfi_adjust_cfa_offset 16	/* the two words PLT code pushed */
	endbr64
	push	%rax
	.cfi_adjust_cfa_offset 8
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
	/* 7 pushes on top of the 3 words above: %rsp is 16-byte aligned. */
	mov	56(%rsp), %rdi		/* struct dso * */
	mov	64(%rsp), %rsi		/* relocation index */
	call	lazy_bind
	test	%rax, %rax
	jnz	1f

	/* An IFUNC: keep the vector arguments safe from its resolver. */
	sub	$128, %rsp
	.cfi_adjust_cfa_offset 128
	movdqu	%xmm0, 0(%rsp)
	movdqu	%xmm1, 16(%rsp)
	movdqu	%xmm2, 32(%rsp)
	movdqu	%xmm3, 48(%rsp)
	movdqu	%xmm4, 64(%rsp)
	movdqu	%xmm5, 80(%rsp)
	movdqu	%xmm6, 96(%rsp)
	movdqu	%xmm7, 112(%rsp)
	mov	184(%rsp), %rdi
	mov	192(%rsp), %rsi
	call	lazy_bind_ifunc
	movdqu	0(%rsp), %xmm0
	movdqu	16(%rsp), %xmm1
	movdqu	32(%rsp), %xmm2
	movdqu	48(%rsp), %xmm3
	movdqu	64(%rsp), %xmm4
	movdqu	80(%rsp), %xmm5
	movdqu	96(%rsp), %xmm6
	movdqu	112(%rsp), %xmm7
	add	$128, %rsp
	.cfi_adjust_cfa_offset -128
1:
	mov	%rax, %r11		/* r11: scratch in the psABI */
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
	pop	%rax
	.cfi_adjust_cfa_offset -8
	add	$16, %rsp		/* drop the dso and the index */
	.cfi_adjust_cfa_offset -16
	jmp	*%r11
	.cfi_endproc
	.size	arch_lazy_trampoline, . - arch_lazy_trampoline

	.section .note.GNU-stack, "", @progbits
