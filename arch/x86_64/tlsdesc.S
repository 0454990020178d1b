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
 * For a weak reference to a variable that nothing defines, the address
 * is to be the argument (the addend: usually 0, a null pointer), so the
 * offset returned is the argument less this thread's TP.
 */
	.globl	arch_tlsdesc_undefined_weak
	.hidden	arch_tlsdesc_undefined_weak
	.type	arch_tlsdesc_undefined_weak, @function
	.p2align 4
arch_tlsdesc_undefined_weak:
	.cfi_startproc
	endbr64
	mov	8(%rax), %rax
	sub	%fs:0, %rax
	ret
	.cfi_endproc
	.size	arch_tlsdesc_undefined_weak, . - arch_tlsdesc_undefined_weak

/*
 * For a variable of a module with no static block (dlopened after the
 * surplus ran out) the argument encodes the module and offset.
 *
 * The descriptor call must preserve every register but %rax: the
 * general registers, the whole x87/SSE/AVX/AVX-512 state (and anything
 * else XCR0 enables) and MXCSR; only the flags may change.  Two paths
 * keep the common case cheap:
 *
 *  - fast: tls_descriptor_ready (loader/tls.c) answers when this
 *    thread's block already exists.  It is myld's own C, built with
 *    -mgeneral-regs-only, takes no lock and calls nothing outside myld,
 *    so only the general registers a C call may clobber are saved.
 *  - slow: tls_descriptor_address allocates the block, which may call
 *    the C library's calloc, which is free to use any vector register.
 *    So the whole extended state is saved first: XSAVE of every
 *    component XCR0 enables, into an area of the size CPUID leaf 0xD
 *    gives for them, 64-byte aligned as XSAVE requires; FXSAVE (x87,
 *    SSE, MXCSR) on a CPU whose OS has not enabled XSAVE.
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
	/* The argument, kept for the slow path; the ninth push also
	 * aligns the stack to 16 bytes for the call. */
	mov	8(%rax), %rdi
	push	%rdi
	.cfi_adjust_cfa_offset 8
	call	tls_descriptor_ready
	test	%rax, %rax
	jz	.Lslow
.Lreturn:
	.cfi_remember_state
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

.Lslow:
	.cfi_restore_state
	push	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	mov	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	push	%rbx
	.cfi_rel_offset %rbx, -8

	/* How big the save area is and which instruction fills it, found
	 * on the first slow call.  Threads racing here store the same
	 * values; the kind is stored before the size, and x86 keeps
	 * stores (and loads) in order, so a reader that sees a size sees
	 * its kind. */
	mov	xstate_size(%rip), %ebx
	test	%ebx, %ebx
	jnz	1f
	mov	$1, %eax
	cpuid
	mov	$512, %ebx		/* FXSAVE's fixed area */
	bt	$27, %ecx		/* OSXSAVE: XSAVE enabled, XCR0 set */
	jnc	0f
	mov	$0xd, %eax
	xor	%ecx, %ecx
	cpuid				/* %ebx: the area for XCR0's components */
	movb	$1, xstate_use_xsave(%rip)
0:	mov	%ebx, xstate_size(%rip)
1:	sub	%rbx, %rsp
	and	$-64, %rsp

	cmpb	$0, xstate_use_xsave(%rip)
	je	2f
	/* XRSTOR faults on a header with stray bits, and XSAVE writes
	 * only its XSTATE_BV field: clear all 64 bytes first. */
	xor	%eax, %eax
	mov	%rax, 512(%rsp)
	mov	%rax, 520(%rsp)
	mov	%rax, 528(%rsp)
	mov	%rax, 536(%rsp)
	mov	%rax, 544(%rsp)
	mov	%rax, 552(%rsp)
	mov	%rax, 560(%rsp)
	mov	%rax, 568(%rsp)
	mov	$-1, %eax		/* every component XCR0 enables */
	mov	$-1, %edx
	xsave64	(%rsp)
	jmp	3f
2:	fxsave64 (%rsp)
	/* What the psABI promises a called function: the x87 stack empty
	 * (the caller may have been using it, or MMX) and DF clear. */
3:	emms
	cld

	mov	8(%rbp), %rdi		/* the argument pushed above */
	call	tls_descriptor_address
	mov	%rax, 8(%rbp)

	cmpb	$0, xstate_use_xsave(%rip)
	je	4f
	mov	$-1, %eax
	mov	$-1, %edx
	xrstor64 (%rsp)
	jmp	5f
4:	fxrstor64 (%rsp)
5:	mov	8(%rbp), %rax
	mov	-8(%rbp), %rbx
	.cfi_restore %rbx
	mov	%rbp, %rsp
	.cfi_def_cfa_register %rsp
	pop	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbp
	jmp	.Lreturn
	.cfi_endproc
	.size	arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

	/* Filled by the first slow call (above): the size of the save
	 * area, 0 until known, and 1 if it is XSAVE's, 0 if FXSAVE's. */
	.bss
	.p2align 2
xstate_size:
	.zero	4
xstate_use_xsave:
	.zero	1

	.section .note.GNU-stack, "", @progbits
