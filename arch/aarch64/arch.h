/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/arch.h - everything the generic loader needs to know about
 * aarch64, and nothing more.  The full list of what an architecture must
 * provide is in docs/arch-interface.md.
 */
#ifndef MYLD_ARCH_H
#define MYLD_ARCH_H

#include <elf.h>
#include <stdint.h>
#include <stddef.h>

#define ARCH_NAME	"aarch64"
#define ARCH_EM		EM_AARCH64
/*
 * The default library directories, those of Debian's glibc (its
 * dlinfo(RTLD_DI_SERINFO) lists them), and what $LIB expands to
 * (Debian's glibc says "lib/aarch64-linux-gnu").
 */
#define ARCH_DEFAULT_LIBRARY_DIRS \
	"/lib/aarch64-linux-gnu:/usr/lib/aarch64-linux-gnu:/lib:/usr/lib"
/* The soname of the system's loader: a DT_NEEDED on it means myld. */
#define ARCH_LD_SONAME	"ld-linux-aarch64.so.1"
#define ARCH_LIB	"lib/aarch64-linux-gnu"
/* ldconfig's flags in /etc/ld.so.cache for a library of this ABI
 * ("libc6,AArch64"): the cache lists every ABI's libraries, and only these
 * can be loaded. */
#define ARCH_LDCONFIG_FLAGS	0x0a03
/* Without PT_GNU_STACK, an object does not ask for an executable stack. */
#define ARCH_STACK_EXEC_DEFAULT 0

/*
 * Relocation types, under the generic names that loader/reloc.c switches
 * on.  The TLS ones are laid out now and implemented with TLS support.
 */
#define R_ARCH_NONE		R_AARCH64_NONE
#define R_ARCH_ABS		R_AARCH64_ABS64
#define R_ARCH_GLOB_DAT		R_AARCH64_GLOB_DAT
#define R_ARCH_JUMP_SLOT	R_AARCH64_JUMP_SLOT
#define R_ARCH_RELATIVE		R_AARCH64_RELATIVE
#define R_ARCH_COPY		R_AARCH64_COPY
#define R_ARCH_IRELATIVE	R_AARCH64_IRELATIVE
#define R_ARCH_DTPMOD		R_AARCH64_TLS_DTPMOD
#define R_ARCH_DTPOFF		R_AARCH64_TLS_DTPREL
#define R_ARCH_TPOFF		R_AARCH64_TLS_TPREL
#define R_ARCH_TLSDESC		R_AARCH64_TLSDESC

/*
 * GLOB_DAT and JUMP_SLOT store S + A: the AArch64 psABI defines both as
 * S + A, and glibc's elf_machine_rela adds the addend for both.  (glibc's
 * lazy path, elf_machine_plt_value, drops it: a first call through a
 * lazy slot with an addend reaches S there but S + A when bound at
 * start-up.  myld keeps the psABI's one rule on every path; linkers
 * never write such an addend.)
 */
#define ARCH_SLOT_ADDEND	1

/*
 * How a block of RELATIVE entries is read (reloc_relative.h,
 * relative_block_ok and relocate_relative_blocks); code generation
 * only, the checks are the same C on every CPU.  AArch64 reads two
 * adjacent words with one ldp, whose offset reaches 504 bytes: 21
 * entries from one base register (REACH), so the block is walked in 3
 * groups of 21 after its first entry.  It has no operands in memory
 * (FOLDS 0): each word is loaded once, into a register.
 */
#define ARCH_RELATIVE_REACH	21
#define ARCH_RELATIVE_FOLDS	0

/*
 * What DT_JMPREL may hold besides JUMP_SLOT: glibc's lazy-binding pass
 * (elf_machine_lazy_rel) accepts IRELATIVE and TLSDESC and refuses any
 * other type as an "unexpected PLT reloc type".
 */
#define ARCH_JMPREL_TLSDESC	1

/*
 * aarch64 has no relocation types of its own in dynamic objects beyond
 * the generic ones above: linkers never emit ABS32 or PREL32 as dynamic
 * relocations.
 */
static inline int arch_reloc_special(uint32_t type, uint64_t s, int64_t a,
				     uint64_t p, uint64_t *value, int *width)
{
	(void)type, (void)s, (void)a, (void)p, (void)value, (void)width;
	return 0;
}

static inline int arch_reloc_fits(uint32_t type, uint64_t value, int width)
{
	(void)type, (void)value, (void)width;
	return 1;
}

/* The name of a relocation type, for messages and tracing. */
static inline const char *arch_reloc_name(uint32_t type)
{
	switch (type) {
	case R_AARCH64_NONE: return "R_AARCH64_NONE";
	case R_AARCH64_ABS64: return "R_AARCH64_ABS64";
	case R_AARCH64_ABS32: return "R_AARCH64_ABS32";
	case R_AARCH64_PREL64: return "R_AARCH64_PREL64";
	case R_AARCH64_PREL32: return "R_AARCH64_PREL32";
	case R_AARCH64_COPY: return "R_AARCH64_COPY";
	case R_AARCH64_GLOB_DAT: return "R_AARCH64_GLOB_DAT";
	case R_AARCH64_JUMP_SLOT: return "R_AARCH64_JUMP_SLOT";
	case R_AARCH64_RELATIVE: return "R_AARCH64_RELATIVE";
	case R_AARCH64_TLS_DTPMOD: return "R_AARCH64_TLS_DTPMOD64";
	case R_AARCH64_TLS_DTPREL: return "R_AARCH64_TLS_DTPREL64";
	case R_AARCH64_TLS_TPREL: return "R_AARCH64_TLS_TPREL64";
	case R_AARCH64_TLSDESC: return "R_AARCH64_TLSDESC";
	case R_AARCH64_IRELATIVE: return "R_AARCH64_IRELATIVE";
	}
	return "unknown";
}

/*
 * Raw system calls.  The kernel takes the number in x8 and arguments in
 * x0-x5, and returns the result in x0 (-errno on failure).
 */
static inline long arch_syscall6(long n, long a1, long a2, long a3, long a4,
				 long a5, long a6)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a1;
	register long x1 __asm__("x1") = a2;
	register long x2 __asm__("x2") = a3;
	register long x3 __asm__("x3") = a4;
	register long x4 __asm__("x4") = a5;
	register long x5 __asm__("x5") = a6;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
			   "r"(x5)
			 : "memory", "cc");
	return x0;
}

/*
 * Thread-local storage.  aarch64 uses ELF TLS variant I: tpidr_el0 points
 * at a 16-byte thread control block whose first word is the DTV, and the
 * TLS blocks follow it.
 */
/* Register names, for messages and --explain. */
#define ARCH_TP_REGISTER	"tpidr_el0"
#define ARCH_FINI_REGISTER	"x0"
#define ARCH_TLS_VARIANT	1
#define ARCH_TLS_TCB_SIZE	16
#define ARCH_TCB_DTV_OFFSET	0

static inline void arch_tcb_init(void *tp, void *dtv, uint64_t guard)
{
	/* The stack guard is a global (__stack_chk_guard) on aarch64. */
	(void)guard;
	((void **)tp)[0] = dtv;
	((void **)tp)[1] = NULL;
}

static inline long arch_set_tp(void *tp)
{
	__asm__ volatile("msr tpidr_el0, %0" : : "r"(tp));
	return 0;
}

static inline void *arch_get_tp(void)
{
	void *tp;

	__asm__("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}

/*
 * Call an IFUNC resolver as glibc does on aarch64: the first argument is
 * AT_HWCAP with _IFUNC_ARG_HWCAP set, telling the resolver that the
 * second points to an __ifunc_arg_t (its size, AT_HWCAP, AT_HWCAP2).
 */
#define ARCH_IFUNC_ARG_HWCAP (1ULL << 62)

struct arch_ifunc_arg {
	uint64_t size;
	uint64_t hwcap;
	uint64_t hwcap2;
};

static inline uintptr_t arch_call_ifunc(uintptr_t resolver, uint64_t hwcap,
					uint64_t hwcap2)
{
	struct arch_ifunc_arg arg = { sizeof(arg), hwcap, hwcap2 };

	return ((uintptr_t(*)(uint64_t, const struct arch_ifunc_arg *))
			resolver)(hwcap | ARCH_IFUNC_ARG_HWCAP, &arg);
}

/*
 * The dynamic tag that announces PLT slots arch_plt_needs_bind_now must
 * see, or 0: only objects with it are checked slot by slot.
 */
#define ARCH_DT_PLT_CHECK 0x70000005	/* DT_AARCH64_VARIANT_PCS */

/*
 * A function with the variant PCS (STO_AARCH64_VARIANT_PCS, e.g. one
 * taking SVE or vector arguments in registers the base ABI lets a call
 * clobber) may be called with live values in registers the lazy
 * trampoline does not save: such PLT slots are bound at load time, as
 * glibc does.
 */
#ifndef STO_AARCH64_VARIANT_PCS
#define STO_AARCH64_VARIANT_PCS 0x80
#endif

static inline int arch_plt_needs_bind_now(const Elf64_Sym *sym)
{
	return (sym->st_other & STO_AARCH64_VARIANT_PCS) != 0;
}

/*
 * Written in assembly (tlsdesc.S, plt.S): the TLSDESC resolver for a
 * variable in static TLS, and the lazy-binding trampoline GOT[2] points
 * to.
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
 * La_aarch64_regs it built, and audit_plt_exit (la_pltexit,
 * ARCH_AUDIT_PLTEXIT) after the call when asked to.
 */
void arch_audit_trampoline(void);
#define ARCH_AUDIT_PLTENTER "la_aarch64_gnu_pltenter"
#define ARCH_AUDIT_PLTEXIT "la_aarch64_gnu_pltexit"

/*
 * Defined in start.S: set the stack pointer to SP, put FINI in x0 (where
 * glibc's loader passes it to the program's start code) and jump to
 * ENTRY.
 */
__attribute__((noreturn)) void arch_jump_to_entry(uintptr_t entry,
						  uintptr_t *sp,
						  void (*fini)(void));

#endif
