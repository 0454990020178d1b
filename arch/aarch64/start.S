/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/start.S - the first and the last instructions myld runs.
 *
 * The kernel enters _start with sp pointing at argc (then argv, envp and
 * auxv).  myld has not been relocated yet, so the only addresses this
 * code may form are PC-relative ones (adrp/add, adr).
 */

	.text
	.globl	_start
	.hidden	_start
	.type	_start, %function
_start:
	.cfi_startproc
	/* No caller: tell the unwinder (and gdb's bt) to stop here. */
	.cfi_undefined x30
	mov	x29, #0
	mov	x30, #0
	mov	x0, sp			/* boot_start(sp, dynv, base) */
	adrp	x1, _DYNAMIC
	add	x1, x1, #:lo12:_DYNAMIC
	/* myld is linked at address 0, so its ELF header's run-time
	 * address is its load base. */
	adrp	x2, __ehdr_start
	add	x2, x2, #:lo12:__ehdr_start
	/* The kernel's sp is 16-byte aligned already, as AAPCS64 and the
	 * hardware's alignment check both require. */
	bl	boot_start
	brk	#0			/* boot_start never returns */
	.cfi_endproc
	.size	_start, . - _start

/*
 * void arch_jump_to_entry(uintptr_t entry, uintptr_t *sp, void (*fini)(void))
 *
 * Hand the process to the program: sp goes back to the (possibly
 * rewritten) initial stack, and x0 carries the function the program's
 * start code registers with atexit.
 */
	.globl	arch_jump_to_entry
	.hidden	arch_jump_to_entry
	.type	arch_jump_to_entry, %function
arch_jump_to_entry:
	.cfi_startproc
	.cfi_undefined x30
	mov	sp, x1
	mov	x16, x0
	mov	x0, x2
	mov	x1, #0
	mov	x2, #0
	mov	x29, #0
	mov	x30, #0
	br	x16
	.cfi_endproc
	.size	arch_jump_to_entry, . - arch_jump_to_entry

	.section .note.GNU-stack, "", %progbits
