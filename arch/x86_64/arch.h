/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/arch.h - everything the generic loader needs to know about
 * x86_64, and nothing more.  The full list of what an architecture must
 * provide is in docs/arch-interface.md; this file is one answer to it.
 */
#ifndef MYLD_ARCH_H
#define MYLD_ARCH_H

#include <elf.h>
#include <stdint.h>
#include <stddef.h>

#define ARCH_NAME	"x86_64"
#define ARCH_EM		EM_X86_64
/*
 * The default library directories, those of Debian's glibc (its
 * dlinfo(RTLD_DI_SERINFO) lists them), and what $LIB expands to
 * (Debian's glibc says "lib/x86_64-linux-gnu").
 */
#define ARCH_DEFAULT_LIBRARY_DIRS \
	"/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/lib:/usr/lib"
/* The soname of the system's loader: a DT_NEEDED on it means myld. */
#define ARCH_LD_SONAME	"ld-linux-x86-64.so.2"
#define ARCH_LIB	"lib/x86_64-linux-gnu"
/* ldconfig's flags in /etc/ld.so.cache for a library of this ABI
 * ("libc6,x86-64"): the cache lists every ABI's libraries, and only these
 * can be loaded. */
#define ARCH_LDCONFIG_FLAGS	0x0303
/* Without PT_GNU_STACK, an object asks for an executable stack here. */
#define ARCH_STACK_EXEC_DEFAULT 1

/* x86_64 uses RELA only; DT_REL tables never appear but are handled. */

/*
 * Relocation types, under the generic names that loader/reloc.c switches
 * on.  A type an architecture does not have is left undefined and
 * reloc.h gives it a value no real relocation can take.
 */
#define R_ARCH_NONE		R_X86_64_NONE
#define R_ARCH_ABS		R_X86_64_64
#define R_ARCH_GLOB_DAT		R_X86_64_GLOB_DAT
#define R_ARCH_JUMP_SLOT	R_X86_64_JUMP_SLOT
#define R_ARCH_RELATIVE		R_X86_64_RELATIVE
#define R_ARCH_COPY		R_X86_64_COPY
#define R_ARCH_IRELATIVE	R_X86_64_IRELATIVE
#define R_ARCH_DTPMOD		R_X86_64_DTPMOD64
#define R_ARCH_DTPOFF		R_X86_64_DTPOFF64
#define R_ARCH_TPOFF		R_X86_64_TPOFF64
#define R_ARCH_TLSDESC		R_X86_64_TLSDESC

/*
 * GLOB_DAT and JUMP_SLOT store S alone: the x86-64 psABI defines both as
 * S, and glibc's loader ignores their addend on the eager path and the
 * lazy one alike (elf_machine_rela, elf_machine_plt_value).  A linker
 * never writes a non-zero addend there, but a file that does runs
 * under glibc, so it must run here the same way.
 */
#define ARCH_SLOT_ADDEND	0

/*
 * How a block of RELATIVE entries is read (reloc_relative.h,
 * relative_block_ok and relocate_relative_blocks); code generation
 * only, the checks are the same C on every CPU.  x86-64 reads the
 * table through a 32-bit displacement, which reaches the whole block
 * from its first entry (REACH: the 63 entries after the first in one
 * group), and folds a read into the OR, the subtract-with-borrow or the
 * comparison that uses it (FOLDS).
 */
#define ARCH_RELATIVE_REACH	63
#define ARCH_RELATIVE_FOLDS	1

/*
 * What DT_JMPREL may hold besides JUMP_SLOT: glibc's lazy-binding pass
 * (elf_machine_lazy_rel) accepts IRELATIVE and TLSDESC and refuses any
 * other type as an "unexpected PLT reloc type".
 */
#define ARCH_JMPREL_TLSDESC	1

/*
 * Relocation types only this architecture has.  Returns 1 and stores the
 * value to write (and its width in bytes) when TYPE is one of them, or 0
 * when it is not.  S is the symbol's address, A the addend, P the place.
 * These types show up only from non-PIC code linked with -z notext, or
 * from hand-written data directives such as ".long sym - .".
 */
static inline int arch_reloc_special(uint32_t type, uint64_t s, int64_t a,
				     uint64_t p, uint64_t *value, int *width)
{
	switch (type) {
	case R_X86_64_PC32:
		*value = s + a - p;
		*width = 4;
		return 1;
	case R_X86_64_PC64:
		*value = s + a - p;
		*width = 8;
		return 1;
	case R_X86_64_32:
	case R_X86_64_32S:
		*value = s + a;
		*width = 4;
		return 1;
	}
	return 0;
}

/*
 * Does VALUE fit the WIDTH-byte field of relocation TYPE?  R_X86_64_32 is
 * zero-extended by the CPU, 32S and PC32 sign-extended.
 */
static inline int arch_reloc_fits(uint32_t type, uint64_t value, int width)
{
	if (width == 8)
		return 1;
	if (type == R_X86_64_32)
		return value <= 0xffffffffu;
	return (int64_t)value == (int64_t)(int32_t)value;
}

/* The name of a relocation type, for messages and tracing. */
static inline const char *arch_reloc_name(uint32_t type)
{
	/* A switch, not a table of pointers: each pointer would be one more
	 * relocation for boot.c to apply at every start. */
	switch (type) {
	case R_X86_64_NONE: return "R_X86_64_NONE";
	case R_X86_64_64: return "R_X86_64_64";
	case R_X86_64_PC32: return "R_X86_64_PC32";
	case R_X86_64_GOT32: return "R_X86_64_GOT32";
	case R_X86_64_PLT32: return "R_X86_64_PLT32";
	case R_X86_64_COPY: return "R_X86_64_COPY";
	case R_X86_64_GLOB_DAT: return "R_X86_64_GLOB_DAT";
	case R_X86_64_JUMP_SLOT: return "R_X86_64_JUMP_SLOT";
	case R_X86_64_RELATIVE: return "R_X86_64_RELATIVE";
	case R_X86_64_GOTPCREL: return "R_X86_64_GOTPCREL";
	case R_X86_64_32: return "R_X86_64_32";
	case R_X86_64_32S: return "R_X86_64_32S";
	case R_X86_64_16: return "R_X86_64_16";
	case R_X86_64_PC16: return "R_X86_64_PC16";
	case R_X86_64_8: return "R_X86_64_8";
	case R_X86_64_PC8: return "R_X86_64_PC8";
	case R_X86_64_DTPMOD64: return "R_X86_64_DTPMOD64";
	case R_X86_64_DTPOFF64: return "R_X86_64_DTPOFF64";
	case R_X86_64_TPOFF64: return "R_X86_64_TPOFF64";
	case R_X86_64_TLSGD: return "R_X86_64_TLSGD";
	case R_X86_64_TLSLD: return "R_X86_64_TLSLD";
	case R_X86_64_DTPOFF32: return "R_X86_64_DTPOFF32";
	case R_X86_64_GOTTPOFF: return "R_X86_64_GOTTPOFF";
	case R_X86_64_TPOFF32: return "R_X86_64_TPOFF32";
	case R_X86_64_PC64: return "R_X86_64_PC64";
	case R_X86_64_GOTOFF64: return "R_X86_64_GOTOFF64";
	case R_X86_64_GOTPC32: return "R_X86_64_GOTPC32";
	case R_X86_64_SIZE32: return "R_X86_64_SIZE32";
	case R_X86_64_SIZE64: return "R_X86_64_SIZE64";
	case R_X86_64_TLSDESC: return "R_X86_64_TLSDESC";
	case R_X86_64_IRELATIVE: return "R_X86_64_IRELATIVE";
	}
	return "unknown";
}

/*
 * Raw system calls.  The kernel takes the number in rax and arguments in
 * rdi, rsi, rdx, r10, r8, r9; the syscall instruction clobbers rcx and
 * r11.  The result comes back in rax, -errno on failure.
 */
static inline long arch_syscall6(long n, long a1, long a2, long a3, long a4,
				 long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * Thread-local storage.  x86_64 uses ELF TLS variant II: the blocks lie
 * below the thread pointer, and %fs points at the thread control block,
 * whose first word points to itself (so %fs:0 reads the TP).  myld's TCB
 * follows glibc's tcbhead_t for the fields code compiled by GCC uses:
 * the DTV at 8 and the stack guard at 0x28.
 */
/* Register names, for messages and --explain. */
#define ARCH_TP_REGISTER	"%fs"
#define ARCH_FINI_REGISTER	"%rdx"
#define ARCH_TLS_VARIANT	2
#define ARCH_TLS_TCB_SIZE	0x100		/* bytes at and above TP */
#define ARCH_TCB_DTV_OFFSET	8

static inline void arch_tcb_init(void *tp, void *dtv, uint64_t guard)
{
	void **tcb = tp;

	tcb[0] = tp;			/* self pointer, read as %fs:0 */
	tcb[1] = dtv;
	tcb[2] = tp;			/* glibc's "self" field */
	tcb[5] = (void *)guard;		/* %fs:0x28, the stack protector */
}

static inline long arch_set_tp(void *tp)
{
	/* arch_prctl(ARCH_SET_FS, tp) */
	return arch_syscall6(158, 0x1002, (long)tp, 0, 0, 0, 0);
}

static inline void *arch_get_tp(void)
{
	void *tp;

	__asm__("mov %%fs:0, %0" : "=r"(tp));
	return tp;
}

/*
 * Call an IFUNC resolver.  On x86_64 glibc passes no arguments (resolvers
 * read the CPU features themselves), so neither do we.
 */
static inline uintptr_t arch_call_ifunc(uintptr_t resolver, uint64_t hwcap,
					uint64_t hwcap2)
{
	(void)hwcap, (void)hwcap2;
	return ((uintptr_t(*)(void))resolver)();
}

/*
 * The dynamic tag that announces PLT slots arch_plt_needs_bind_now must
 * see, or 0: only objects with it are checked slot by slot.
 */
#define ARCH_DT_PLT_CHECK 0

/* Must a PLT slot for this symbol be bound at load time even when the
 * object is lazy?  Never on x86_64. */
static inline int arch_plt_needs_bind_now(const Elf64_Sym *sym)
{
	(void)sym;
	return 0;
}

/*
 * Written in assembly (tlsdesc.S, plt.S).  arch_tlsdesc_static is the
 * TLSDESC resolver for a variable in static TLS: it returns the
 * descriptor's argument, the variable's offset from TP.
 * arch_lazy_trampoline is what GOT[2] points to: the PLT's first entry
 * jumps to it on the first call through a lazy slot.
 */
void arch_tlsdesc_static(void);
void arch_tlsdesc_dynamic(void);
/* The resolver of a descriptor for an undefined weak variable: the
 * argument less TP (the variable's address is the argument). */
void arch_tlsdesc_undefined_weak(void);
void arch_lazy_trampoline(void);

/*
 * plt_audit.S: the lazy trampoline when an auditor has la_pltenter
 * (ARCH_AUDIT_PLTENTER names it); it calls lazy_bind_audited with the
 * La_x86_64_regs it built, and audit_plt_exit (la_pltexit,
 * ARCH_AUDIT_PLTEXIT) after the call when asked to.
 */
void arch_audit_trampoline(void);
#define ARCH_AUDIT_PLTENTER "la_x86_64_gnu_pltenter"
#define ARCH_AUDIT_PLTEXIT "la_x86_64_gnu_pltexit"

/*
 * Defined in start.S: set the stack pointer to SP, put FINI where the
 * psABI says a program's start code finds it (%rdx) and jump to ENTRY.
 */
__attribute__((noreturn)) void arch_jump_to_entry(uintptr_t entry,
						  uintptr_t *sp,
						  void (*fini)(void));

#endif
