/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/glibc_catch.S - the non-local exit behind glibc's
 * _dl_catch_exception and _dl_signal_exception (loader/glibc/
 * exceptions.c): save the registers a callee must preserve, and come
 * back to that point later from deeper in the stack.  Written here, not
 * with a C library's setjmp, because myld has none.
 *
 * The buffer (struct glibc_arch_jump_buffer) holds, in words:
 * x19-x28, the frame pointer x29, the link register x30 (where the call
 * returns), the stack pointer, and d8-d15, the low halves of v8-v15,
 * which AAPCS64 says a callee preserves: the code between the save and
 * the resume is the program's, which may use them.  The signal mask is
 * not saved (glibc does not save it either).
 */

	.text
	.globl	glibc_arch_catch_save
	.hidden	glibc_arch_catch_save
	.type	glibc_arch_catch_save, %function
	.p2align 4
/* int glibc_arch_catch_save(struct glibc_arch_jump_buffer *buf): 0 now,
 * and again the value given to glibc_arch_catch_resume. */
glibc_arch_catch_save:
	.cfi_startproc
	bti	c
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x2, sp
	str	x2, [x0, #96]
	stp	d8, d9, [x0, #104]
	stp	d10, d11, [x0, #120]
	stp	d12, d13, [x0, #136]
	stp	d14, d15, [x0, #152]
	mov	w0, #0
	ret
	.cfi_endproc
	.size	glibc_arch_catch_save, . - glibc_arch_catch_save

	.globl	glibc_arch_catch_resume
	.hidden	glibc_arch_catch_resume
	.type	glibc_arch_catch_resume, %function
	.p2align 4
/* void glibc_arch_catch_resume(const struct glibc_arch_jump_buffer *buf,
 * int value): return VALUE (not 0) from the glibc_arch_catch_save that
 * filled BUF, whose caller must still be running. */
glibc_arch_catch_resume:
	.cfi_startproc
	bti	c
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x2, [x0, #96]
	mov	sp, x2
	ldp	d8, d9, [x0, #104]
	ldp	d10, d11, [x0, #120]
	ldp	d12, d13, [x0, #136]
	ldp	d14, d15, [x0, #152]
	mov	w0, w1
	ret
	.cfi_endproc
	.size	glibc_arch_catch_resume, . - glibc_arch_catch_resume

	.section .note.GNU-stack, "", %progbits
