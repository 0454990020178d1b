/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/glibc_catch.S - the non-local exit behind glibc's
 * _dl_catch_exception and _dl_signal_exception (loader/glibc/
 * exceptions.c): save the registers a callee must preserve, and come
 * back to that point later from deeper in the stack.  Written here, not
 * with a C library's setjmp, because myld has none.
 *
 * The buffer (struct glibc_arch_jump_buffer) holds, in words:
 * rbx, rbp, r12, r13, r14, r15, the stack pointer the caller will see
 * after the call, and the address the call returns to.  The vector
 * registers are all caller-saved in the psABI, and the signal mask is
 * not saved (glibc does not save it either).
 */

	.text
	.globl	glibc_arch_catch_save
	.hidden	glibc_arch_catch_save
	.type	glibc_arch_catch_save, @function
	.p2align 4
/* int glibc_arch_catch_save(struct glibc_arch_jump_buffer *buf): 0 now,
 * and again the value given to glibc_arch_catch_resume. */
glibc_arch_catch_save:
	.cfi_startproc
	endbr64
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rdx
	mov	%rdx, 48(%rdi)
	mov	(%rsp), %rdx
	mov	%rdx, 56(%rdi)
	xor	%eax, %eax
	ret
	.cfi_endproc
	.size	glibc_arch_catch_save, . - glibc_arch_catch_save

	.globl	glibc_arch_catch_resume
	.hidden	glibc_arch_catch_resume
	.type	glibc_arch_catch_resume, @function
	.p2align 4
/* void glibc_arch_catch_resume(const struct glibc_arch_jump_buffer *buf,
 * int value): return VALUE (not 0) from the glibc_arch_catch_save that
 * filled BUF, whose caller must still be running. */
glibc_arch_catch_resume:
	.cfi_startproc
	endbr64
	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	mov	%esi, %eax
	jmp	*56(%rdi)
	.cfi_endproc
	.size	glibc_arch_catch_resume, . - glibc_arch_catch_resume

	.section .note.GNU-stack, "", @progbits
