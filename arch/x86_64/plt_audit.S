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
 * registers from it, since an auditor may change the arguments, and
 * jumps to the target as the caller's call would have.
 */

#define REGS_SIZE	768
#define SAVED_RAX	REGS_SIZE
#define FRAME_SIZE	(REGS_SIZE + 16)

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
	sub	$FRAME_SIZE, %rsp
	and	$-16, %rsp
	mov	%rdx, 0(%rsp)
	mov	%r8, 8(%rsp)
	mov	%r9, 16(%rsp)
	mov	%rcx, 24(%rsp)
	mov	%rsi, 32(%rsp)
	mov	%rdi, 40(%rsp)
	mov	(%rbp), %r11		/* the caller's %rbp */
	mov	%r11, 48(%rsp)
	lea	24(%rbp), %r11		/* the caller's %rsp: its return address */
	mov	%r11, 56(%rsp)
	movaps	%xmm0, 64(%rsp)
	movaps	%xmm1, 80(%rsp)
	movaps	%xmm2, 96(%rsp)
	movaps	%xmm3, 112(%rsp)
	movaps	%xmm4, 128(%rsp)
	movaps	%xmm5, 144(%rsp)
	movaps	%xmm6, 160(%rsp)
	movaps	%xmm7, 176(%rsp)
	/* lr_vector[i] starts with the same xmm register. */
	movaps	%xmm0, 192(%rsp)
	movaps	%xmm1, 256(%rsp)
	movaps	%xmm2, 320(%rsp)
	movaps	%xmm3, 384(%rsp)
	movaps	%xmm4, 448(%rsp)
	movaps	%xmm5, 512(%rsp)
	movaps	%xmm6, 576(%rsp)
	movaps	%xmm7, 640(%rsp)
	mov	%rax, SAVED_RAX(%rsp)	/* vector count of a variadic call */

	mov	8(%rbp), %rdi		/* struct dso * */
	mov	16(%rbp), %rsi		/* relocation index */
	mov	%rsp, %rdx		/* La_x86_64_regs * */
	call	lazy_bind_audited
	mov	%rax, %r11		/* r11: scratch in the psABI */

	mov	0(%rsp), %rdx
	mov	8(%rsp), %r8
	mov	16(%rsp), %r9
	mov	24(%rsp), %rcx
	mov	32(%rsp), %rsi
	mov	40(%rsp), %rdi
	movaps	64(%rsp), %xmm0
	movaps	80(%rsp), %xmm1
	movaps	96(%rsp), %xmm2
	movaps	112(%rsp), %xmm3
	movaps	128(%rsp), %xmm4
	movaps	144(%rsp), %xmm5
	movaps	160(%rsp), %xmm6
	movaps	176(%rsp), %xmm7
	mov	SAVED_RAX(%rsp), %rax
	mov	%rbp, %rsp
	pop	%rbp
	.cfi_def_cfa %rsp, 24
	.cfi_restore %rbp
	add	$16, %rsp		/* drop the dso and the index */
	.cfi_adjust_cfa_offset -16
	jmp	*%r11
	.cfi_endproc
	.size	arch_audit_trampoline, . - arch_audit_trampoline

	.section .note.GNU-stack, "", @progbits
