/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/plt_audit.S - the lazy-binding trampoline when an auditor
 * has la_x86_64_gnu_pltenter (loader/audit.c puts it in GOT[2]).
 *
 * Entered as arch_lazy_trampoline is (plt.S): 0(%rsp) the struct dso *,
 * 8(%rsp) the relocation index, 16(%rsp) the return address.  Every call
 * through an audited slot comes here, because the slot is left unbound.
 * It saves the argument registers in a La_x86_64_regs (glibc's
 * <bits/link.h>: rdx r8 r9 rcx rsi rdi rbp rsp at 0..56, lr_xmm[8] at 64,
 * lr_vector[8] at 192, 768 bytes in all), asks lazy_bind_audited for the
 * target (which calls la_pltenter with that structure), reloads the
 * registers from it, since an auditor may change the arguments, and:
 *
 *  - when no auditor asked for la_pltexit (frame size -1), jumps to the
 *    target as the caller's call would have;
 *  - else calls the target itself, on a copy of the first FRAME SIZE
 *    bytes (rounded up to 16) of the caller's stack arguments, since the
 *    trampoline's own frame now lies between them and the callee; then
 *    fills a La_x86_64_retval (rax 0, rdx 8, xmm0 16, xmm1 32, st0 48,
 *    st1 64, lrv_vector0/1 at 80/144, 240 bytes), calls audit_plt_exit,
 *    reloads rax, rdx, xmm0 and xmm1 from it (an auditor may change the
 *    result) and returns to the caller.  st0 and st1 are reported
 *    without popping the x87 stack, whose depth depends on the callee's
 *    return type, which the trampoline cannot know: a change an auditor
 *    makes to them is not applied.
 */

#define REGS_SIZE	768
#define SAVED_RAX	REGS_SIZE
#define FRAME_BYTES	(REGS_SIZE + 8)	/* la_pltenter's frame size */
#define RETVAL		(REGS_SIZE + 16)
#define X87_ENV		(RETVAL + 240)	/* fnstenv's 28 bytes */
#define FRAME_SIZE	(X87_ENV + 32)

	.text
	.globl	arch_audit_trampoline
	.hidden	arch_audit_trampoline
	.type	arch_audit_trampoline, @function
	.p2align 4
arch_audit_trampoline:
	.cfi_startproc
	.cfi_adjust_cfa_offset 16	/* the two words PLT code pushed */
	endbr64
	push	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	mov	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	push	%rbx
	.cfi_offset %rbx, -40
	sub	$FRAME_SIZE, %rsp
	and	$-16, %rsp
	mov	%rsp, %rbx		/* the frame, kept across the call */
	mov	%rdx, 0(%rbx)
	mov	%r8, 8(%rbx)
	mov	%r9, 16(%rbx)
	mov	%rcx, 24(%rbx)
	mov	%rsi, 32(%rbx)
	mov	%rdi, 40(%rbx)
	mov	(%rbp), %r11		/* the caller's %rbp */
	mov	%r11, 48(%rbx)
	lea	24(%rbp), %r11		/* the caller's %rsp: its return address */
	mov	%r11, 56(%rbx)
	movaps	%xmm0, 64(%rbx)
	movaps	%xmm1, 80(%rbx)
	movaps	%xmm2, 96(%rbx)
	movaps	%xmm3, 112(%rbx)
	movaps	%xmm4, 128(%rbx)
	movaps	%xmm5, 144(%rbx)
	movaps	%xmm6, 160(%rbx)
	movaps	%xmm7, 176(%rbx)
	/* lr_vector[i] starts with the same xmm register. */
	movaps	%xmm0, 192(%rbx)
	movaps	%xmm1, 256(%rbx)
	movaps	%xmm2, 320(%rbx)
	movaps	%xmm3, 384(%rbx)
	movaps	%xmm4, 448(%rbx)
	movaps	%xmm5, 512(%rbx)
	movaps	%xmm6, 576(%rbx)
	movaps	%xmm7, 640(%rbx)
	mov	%rax, SAVED_RAX(%rbx)	/* vector count of a variadic call */

	mov	8(%rbp), %rdi		/* struct dso * */
	mov	16(%rbp), %rsi		/* relocation index */
	mov	%rbx, %rdx		/* La_x86_64_regs * */
	lea	FRAME_BYTES(%rbx), %rcx	/* long *frame_size */
	call	lazy_bind_audited
	mov	%rax, %r11		/* r11: scratch in the psABI */

	mov	FRAME_BYTES(%rbx), %rcx
	test	%rcx, %rcx
	jns	2f

	call	reload_arguments
	mov	-8(%rbp), %rbx
	.cfi_remember_state
	.cfi_restore %rbx
	mov	%rbp, %rsp
	pop	%rbp
	.cfi_def_cfa %rsp, 24
	.cfi_restore %rbp
	add	$16, %rsp		/* drop the dso and the index */
	.cfi_adjust_cfa_offset -16
	jmp	*%r11

2:	.cfi_restore_state
	/* la_pltexit wanted: copy the stack arguments below the frame. */
	add	$15, %rcx
	and	$-16, %rcx
	sub	%rcx, %rsp
	mov	%rsp, %rdi
	lea	32(%rbp), %rsi		/* the caller's first stack argument */
	shr	$3, %rcx
	rep movsq
	call	reload_arguments
	call	*%r11
	mov	%rbx, %rsp		/* drop the copy */

	mov	%rax, RETVAL+0(%rbx)
	mov	%rdx, RETVAL+8(%rbx)
	movaps	%xmm0, RETVAL+16(%rbx)
	movaps	%xmm1, RETVAL+32(%rbx)
	movaps	%xmm0, RETVAL+80(%rbx)
	movaps	%xmm1, RETVAL+144(%rbx)
	/* Copies of st0 and st1, leaving the x87 stack and its status as
	 * they are, even when the stack is empty (fldenv undoes the
	 * invalid-operation flag the copy then raises). */
	fnstenv	X87_ENV(%rbx)
	fld	%st(0)
	fstpt	RETVAL+48(%rbx)
	fld	%st(1)
	fstpt	RETVAL+64(%rbx)
	fldenv	X87_ENV(%rbx)

	mov	8(%rbp), %rdi		/* struct dso * */
	mov	16(%rbp), %rsi		/* relocation index */
	mov	%rbx, %rdx		/* La_x86_64_regs * */
	lea	RETVAL(%rbx), %rcx	/* La_x86_64_retval * */
	call	audit_plt_exit

	mov	RETVAL+0(%rbx), %rax
	mov	RETVAL+8(%rbx), %rdx
	movaps	RETVAL+16(%rbx), %xmm0
	movaps	RETVAL+32(%rbx), %xmm1
	mov	-8(%rbp), %rbx
	.cfi_restore %rbx
	mov	%rbp, %rsp
	pop	%rbp
	.cfi_def_cfa %rsp, 24
	.cfi_restore %rbp
	add	$16, %rsp		/* drop the dso and the index */
	.cfi_adjust_cfa_offset -16
	ret
	.cfi_endproc
	.size	arch_audit_trampoline, . - arch_audit_trampoline

/*
 * The argument registers from the La_x86_64_regs at %rbx, as la_pltenter
 * left them, and %rax.  Called with one word pushed: every register it
 * loads is an argument register, so nothing of the caller's is lost.
 */
	.type	reload_arguments, @function
	.p2align 4
reload_arguments:
	.cfi_startproc
	mov	0(%rbx), %rdx
	mov	8(%rbx), %r8
	mov	16(%rbx), %r9
	mov	24(%rbx), %rcx
	mov	32(%rbx), %rsi
	mov	40(%rbx), %rdi
	movaps	64(%rbx), %xmm0
	movaps	80(%rbx), %xmm1
	movaps	96(%rbx), %xmm2
	movaps	112(%rbx), %xmm3
	movaps	128(%rbx), %xmm4
	movaps	144(%rbx), %xmm5
	movaps	160(%rbx), %xmm6
	movaps	176(%rbx), %xmm7
	mov	SAVED_RAX(%rbx), %rax
	ret
	.cfi_endproc
	.size	reload_arguments, . - reload_arguments

	.section .note.GNU-stack, "", @progbits
