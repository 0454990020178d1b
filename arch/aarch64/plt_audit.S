/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/plt_audit.S - the lazy-binding trampoline when an auditor
 * has la_aarch64_gnu_pltenter (loader/audit.c puts it in GOT[2]).
 *
 * Entered as arch_lazy_trampoline is (plt.S): [sp] the GOT slot's
 * address, [sp, #8] the caller's x30, x16 &GOT[2], the arguments in
 * x0-x8 and q0-q7.  Every call through an audited slot comes here,
 * because the slot is left unbound.  It fills a La_aarch64_regs (glibc's
 * <bits/link.h>: lr_xreg[9] x0-x8 at 0, lr_vreg[8] q0-q7 at 80, lr_sp at
 * 208 (the caller's sp, above PLT0's push), lr_lr at 216, lr_vpcs at
 * 224, 240 bytes), asks lazy_bind_audited for the target (which calls
 * la_pltenter with it), reloads the argument registers from it, since
 * an auditor may change them, and:
 *
 *  - when no auditor asked for la_pltexit (frame size -1), branches to
 *    the target with the caller's x30, as the PLT would have;
 *  - else calls the target itself, on a copy of the first FRAME SIZE
 *    bytes (rounded up to 16) of the caller's stack arguments; then
 *    fills a La_aarch64_retval (lrv_xreg[8] x0-x7 at 0, lrv_vreg[8]
 *    q0-q7 at 64, lrv_vpcs at 192, 208 bytes), calls audit_plt_exit,
 *    reloads x0-x7 and q0-q7 from it (an auditor may change the result)
 *    and returns to the caller.
 *
 * Frame, from x29: x29/x30 at 0, the registers at 16, the dso and the
 * relocation index at 256, the frame size at 272, the return values at
 * 288; 496 bytes, then PLT0's 16.
 */

#define REGS		16
#define DSO_INDEX	256
#define FRAME_BYTES	272
#define RETVAL		288
#define FRAME_SIZE	496

	.text
	.globl	arch_audit_trampoline
	.hidden	arch_audit_trampoline
	.type	arch_audit_trampoline, %function
	.p2align 4
arch_audit_trampoline:
	.cfi_startproc
	.cfi_def_cfa_offset 16		/* PLT0's push */
	.cfi_offset x30, -8
	bti	c
	stp	x29, x30, [sp, #-FRAME_SIZE]!
	.cfi_adjust_cfa_offset FRAME_SIZE
	mov	x29, sp
	.cfi_def_cfa x29, FRAME_SIZE + 16
	.cfi_offset x29, -(FRAME_SIZE + 16)
	stp	x0, x1, [x29, #REGS + 0]
	stp	x2, x3, [x29, #REGS + 16]
	stp	x4, x5, [x29, #REGS + 32]
	stp	x6, x7, [x29, #REGS + 48]
	str	x8, [x29, #REGS + 64]
	stp	q0, q1, [x29, #REGS + 80]
	stp	q2, q3, [x29, #REGS + 112]
	stp	q4, q5, [x29, #REGS + 144]
	stp	q6, q7, [x29, #REGS + 176]
	add	x0, x29, #FRAME_SIZE + 16	/* the caller's sp */
	ldr	x1, [x29, #FRAME_SIZE + 8]	/* the caller's x30 */
	stp	x0, x1, [x29, #REGS + 208]
	str	xzr, [x29, #REGS + 224]		/* lr_vpcs: none */

	ldr	x0, [x16, #-8]		/* GOT[1]: the struct dso * */
	ldr	x1, [x29, #FRAME_SIZE]	/* the slot's address */
	add	x2, x16, #8		/* &GOT[3]: the first PLT slot */
	sub	x1, x1, x2
	lsr	x1, x1, #3		/* slot number = relocation index */
	stp	x0, x1, [x29, #DSO_INDEX]
	add	x2, x29, #REGS		/* La_aarch64_regs * */
	add	x3, x29, #FRAME_BYTES	/* long *frame_size */
	bl	lazy_bind_audited
	mov	x16, x0			/* the target; x16 is no argument */

	ldr	x9, [x29, #FRAME_BYTES]
	tbz	x9, #63, 2f

	bl	reload_arguments
	ldp	x29, x30, [sp], #FRAME_SIZE
	.cfi_remember_state
	.cfi_def_cfa sp, 16
	.cfi_restore x29
	ldp	x17, x30, [sp], #16	/* PLT0's push: slot, caller's x30 */
	.cfi_adjust_cfa_offset -16
	.cfi_restore x30
	br	x16

2:	.cfi_restore_state
	/* la_pltexit wanted: copy the stack arguments below the frame. */
	add	x9, x9, #15
	and	x9, x9, #~15
	sub	sp, sp, x9
	add	x10, x29, #FRAME_SIZE + 16	/* the caller's sp */
	mov	x11, sp
3:	cbz	x9, 4f
	ldp	x12, x13, [x10], #16
	stp	x12, x13, [x11], #16
	sub	x9, x9, #16
	b	3b
4:	bl	reload_arguments
	blr	x16
	mov	sp, x29			/* drop the copy */

	stp	x0, x1, [x29, #RETVAL + 0]
	stp	x2, x3, [x29, #RETVAL + 16]
	stp	x4, x5, [x29, #RETVAL + 32]
	stp	x6, x7, [x29, #RETVAL + 48]
	stp	q0, q1, [x29, #RETVAL + 64]
	stp	q2, q3, [x29, #RETVAL + 96]
	stp	q4, q5, [x29, #RETVAL + 128]
	stp	q6, q7, [x29, #RETVAL + 160]
	str	xzr, [x29, #RETVAL + 192]	/* lrv_vpcs: none */

	ldp	x0, x1, [x29, #DSO_INDEX]
	add	x2, x29, #REGS		/* La_aarch64_regs * */
	add	x3, x29, #RETVAL	/* La_aarch64_retval * */
	bl	audit_plt_exit

	ldp	x0, x1, [x29, #RETVAL + 0]
	ldp	x2, x3, [x29, #RETVAL + 16]
	ldp	x4, x5, [x29, #RETVAL + 32]
	ldp	x6, x7, [x29, #RETVAL + 48]
	ldp	q0, q1, [x29, #RETVAL + 64]
	ldp	q2, q3, [x29, #RETVAL + 96]
	ldp	q4, q5, [x29, #RETVAL + 128]
	ldp	q6, q7, [x29, #RETVAL + 160]
	ldp	x29, x30, [sp], #FRAME_SIZE
	.cfi_def_cfa sp, 16
	.cfi_restore x29
	ldp	x17, x30, [sp], #16	/* PLT0's push: slot, caller's x30 */
	.cfi_adjust_cfa_offset -16
	.cfi_restore x30
	ret
	.cfi_endproc
	.size	arch_audit_trampoline, . - arch_audit_trampoline

/*
 * The argument registers x0-x8 and q0-q7 from the La_aarch64_regs in
 * the frame at x29, as la_pltenter left them.  Leaf: x30 is its own
 * return address, which the trampoline's frame has saved already.
 */
	.type	reload_arguments, %function
	.p2align 4
reload_arguments:
	.cfi_startproc
	ldp	x0, x1, [x29, #REGS + 0]
	ldp	x2, x3, [x29, #REGS + 16]
	ldp	x4, x5, [x29, #REGS + 32]
	ldp	x6, x7, [x29, #REGS + 48]
	ldr	x8, [x29, #REGS + 64]
	ldp	q0, q1, [x29, #REGS + 80]
	ldp	q2, q3, [x29, #REGS + 112]
	ldp	q4, q5, [x29, #REGS + 144]
	ldp	q6, q7, [x29, #REGS + 176]
	ret
	.cfi_endproc
	.size	reload_arguments, . - reload_arguments

	.section .note.GNU-stack, "", %progbits
