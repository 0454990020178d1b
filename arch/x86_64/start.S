/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/start.S - the first and the last instructions myld runs.
 *
 * The kernel enters _start with %rsp pointing at argc (then argv, envp
 * and auxv) and nothing else set up.  myld has not been relocated yet, so
 * the only addresses this code may form are PC-relative ones.
 */

	.text
	.globl	_start
	.hidden	_start
	.type	_start, @function
_start:
	.cfi_startproc
	/* No caller: tell the unwinder (and gdb's bt) to stop here. */
	.cfi_undefined rip
	xor	%ebp, %ebp
	mov	%rsp, %rdi		/* boot_start(sp, dynv, base) */
	lea	_DYNAMIC(%rip), %rsi
	/* myld is linked at address 0, so its ELF header's run-time
	 * address is its load base. */
	lea	__ehdr_start(%rip), %rdx
	and	$-16, %rsp		/* the ABI's call alignment */
	call	boot_start
	hlt				/* boot_start never returns */
	.cfi_endproc
	.size	_start, . - _start

/*
 * void arch_jump_to_entry(uintptr_t entry, uintptr_t *sp, void (*fini)(void))
 *
 * Hand the process to the program: the stack pointer goes back to the
 * (possibly rewritten) initial stack, and %rdx carries the function the
 * program's start code registers with atexit, as the psABI specifies.
 */
	.globl	arch_jump_to_entry
	.hidden	arch_jump_to_entry
	.type	arch_jump_to_entry, @function
arch_jump_to_entry:
	.cfi_startproc
	.cfi_undefined rip
	mov	%rsi, %rsp
	xor	%ebp, %ebp
	/* The program may not rely on registers other than %rsp and %rdx,
	 * but clearing the rest keeps loader state from leaking. */
	xor	%eax, %eax
	xor	%ebx, %ebx
	xor	%ecx, %ecx
	xor	%esi, %esi
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	xor	%r10d, %r10d
	xor	%r11d, %r11d
	xor	%r12d, %r12d
	xor	%r13d, %r13d
	xor	%r14d, %r14d
	xor	%r15d, %r15d
	mov	%rdi, %rax
	xor	%edi, %edi
	jmp	*%rax
	.cfi_endproc
	.size	arch_jump_to_entry, . - arch_jump_to_entry

	.section .note.GNU-stack, "", @progbits
