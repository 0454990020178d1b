/* SPDX-License-Identifier: MIT */
/*
 * Program entry for x86_64.  The loader jumps here with %rsp at argc
 * (argc, argv..., NULL, envp..., NULL, auxv pairs) and, per the psABI,
 * a function to register with atexit in %rdx (0 if none).  The psABI
 * requires %rsp to be 16-byte aligned here; rt_start checks the value we
 * pass it, so a misaligning loader shows up in the args_auxv test.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	.cfi_startproc
	.cfi_undefined rip	/* outermost frame: stop unwinders here */
	xorl	%ebp, %ebp
	movq	%rsp, %rdi	/* arg 1: the initial stack, as received */
	movq	%rdx, %rsi	/* arg 2: the loader's fini function */
	andq	$-16, %rsp	/* realign anyway, so the C code runs */
	call	rt_start
	hlt
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
