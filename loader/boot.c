/* SPDX-License-Identifier: MIT */
/*
 * loader/boot.c - stage 1: myld relocates itself.
 *
 * CONTRACT.  boot_start runs before any of myld's relocations have been
 * applied.  Until it calls rtld_main it must not:
 *   - read or write a global variable, or a string literal, through an
 *     address that needs a relocation (in practice: any pointer stored
 *     in data, and anything reached through the GOT);
 *   - call a function outside this file, except through the barrier
 *     below (a helper elsewhere may have been compiled with
 *     instrumentation or may touch globals);
 *   - use the stack protector, sanitizers or jump tables (switch
 *     statements compiled to a table of absolute addresses).
 * meson.build compiles this file on its own with flags that enforce the
 * last point, and tests/check-myld-binary.sh checks that myld carries
 * only relative relocations, which are the only kind applied here.
 *
 * What it receives from start.S: the initial stack pointer, the run-time
 * address of myld's _DYNAMIC, and its load base (the run-time address of
 * its ELF header, which is linked at 0).  Both come from PC-relative
 * address computations, which need no relocation.
 *
 * A failure here cannot be reported: printing needs relocated data.  An
 * impossible relocation table traps (SIGILL or SIGTRAP) instead.
 */
#include <elf.h>
#include <stdint.h>

#include "arch.h"
#include "relr.h"

__attribute__((noreturn)) void rtld_main(uintptr_t *sp, uintptr_t base);
__attribute__((noreturn)) void boot_start(uintptr_t *sp,
					  const Elf64_Dyn *dynv,
					  uintptr_t base);

void boot_start(uintptr_t *sp, const Elf64_Dyn *dynv, uintptr_t base)
{
	uint64_t rela = 0, relasz = 0, rel = 0, relsz = 0;
	uint64_t relr = 0, relrsz = 0;

	/* if-chains, not a switch: a switch may become a jump table.  The
	 * tags wanted are all below DT_RELR + 1: the OS-specific ones above
	 * it are skipped with one comparison, and the others not wanted
	 * (most of the rest) with one bit test. */
	const uint64_t wanted = 1ull << DT_RELA | 1ull << DT_RELASZ |
				1ull << DT_REL | 1ull << DT_RELSZ |
				1ull << DT_RELR | 1ull << DT_RELRSZ;

	for (; dynv->d_tag != DT_NULL; dynv++) {
		if ((uint64_t)dynv->d_tag > DT_RELR ||
		    !(wanted >> dynv->d_tag & 1))
			continue;
		if (dynv->d_tag == DT_RELA)
			rela = dynv->d_un.d_ptr;
		else if (dynv->d_tag == DT_RELASZ)
			relasz = dynv->d_un.d_val;
		else if (dynv->d_tag == DT_REL)
			rel = dynv->d_un.d_ptr;
		else if (dynv->d_tag == DT_RELSZ)
			relsz = dynv->d_un.d_val;
		else if (dynv->d_tag == DT_RELR)
			relr = dynv->d_un.d_ptr;
		else if (dynv->d_tag == DT_RELRSZ)
			relrsz = dynv->d_un.d_val;
	}

	const Elf64_Rela *ra = (const void *)(base + rela);
	for (uint64_t i = 0; i < relasz / sizeof(*ra); i++) {
		if (ELF64_R_TYPE(ra[i].r_info) != R_ARCH_RELATIVE)
			__builtin_trap();
		*(uint64_t *)(base + ra[i].r_offset) = base + ra[i].r_addend;
	}
	const Elf64_Rel *r = (const void *)(base + rel);
	for (uint64_t i = 0; i < relsz / sizeof(*r); i++) {
		if (ELF64_R_TYPE(r[i].r_info) != R_ARCH_RELATIVE)
			__builtin_trap();
		*(uint64_t *)(base + r[i].r_offset) += base;
	}
	if (relrsz)
		relr_apply(base, (const uint64_t *)(base + relr), relrsz);

	/*
	 * The barrier.  Without it the compiler could schedule a load of a
	 * relocated pointer (say, rtld_main's view of a global) before
	 * the stores above.  Laundering the function's address through an
	 * empty asm makes the call opaque, and the asm's memory clobber
	 * orders every store above before it.
	 */
	__attribute__((noreturn)) void (*next)(uintptr_t *, uintptr_t) = rtld_main;
	__asm__ volatile("" : "+r"(next) : : "memory");
	next(sp, base);
	__builtin_unreachable();
}
