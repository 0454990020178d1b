/* SPDX-License-Identifier: MIT */
/*
 * Program entry for aarch64.  The loader jumps here with sp at argc
 * (argc, argv..., NULL, envp..., NULL, auxv pairs) and, per the AAPCS64
 * Linux convention, a function to register with atexit in x0 (0 if none).
 * sp must be 16-byte aligned (the hardware may fault otherwise); rt_start
 * checks the value we pass it.
 */
	.text
	.globl	_start
	.type	_start, %function
_start:
	.cfi_startproc
	.cfi_undefined x30	/* outermost frame: stop unwinders here */
	mov	x29, #0
	mov	x30, #0
	mov	x1, x0		/* arg 2: the loader's fini function */
	mov	x0, sp		/* arg 1: the initial stack, as received */
	and	x2, x0, #-16
	mov	sp, x2
	bl	rt_start
	brk	#0
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
