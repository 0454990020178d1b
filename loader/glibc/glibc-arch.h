/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/glibc-arch.h - what glibc does differently on each CPU:
 * where struct pthread lies relative to the thread pointer, where the
 * stack and pointer guards live, and the CPU description its IFUNC
 * resolvers read.  This is the glibc personality's addition to the
 * architecture interface (docs/arch-interface.md): each CPU implements
 * it in arch/<cpu>/glibc_arch.c and arch/<cpu>/glibc_cpu_features.c,
 * which arch/<cpu>/meson.build lists as arch_glibc_sources.
 */
#ifndef MYLD_GLIBC_ARCH_H
#define MYLD_GLIBC_ARCH_H

#include <stddef.h>
#include <stdint.h>

/* Fill the CPU's conventions in _rtld_global_ro (at RO) other than the
 * CPU description: the FPU control word, and hwcap where glibc reports
 * its own.  AT: auxv values by type. */
void glibc_arch_init_ro(unsigned char *ro, const uintptr_t *at);

/* Fill the CPU description in _rtld_global_ro (at RO), which libc's
 * IFUNC resolvers read: what the CPU has and the OS lets programs use.
 * AT: auxv values by type. */
void glibc_arch_cpu_features(unsigned char *ro, const uintptr_t *at);

/*
 * The tunables glibc's start-up derives from the CPU and records with
 * their bounds (the cache sizes and thresholds on x86_64), for
 * --list-tunables: SET is called with each one's name, value and
 * bounds.  None on a CPU where glibc derives none.  AT: auxv values by
 * type.
 */
typedef void glibc_tunable_setter(const char *name, uint64_t value,
				  uint64_t min, uint64_t max);
void glibc_arch_derived_tunables(const uintptr_t *at,
				 glibc_tunable_setter *set);

/* The bytes of glibc's thread descriptor at and above the thread
 * pointer, and below it. */
void glibc_arch_tcb_sizes(size_t *at_tp, size_t *below_tp);

/* A thread's struct pthread from its thread pointer, and back. */
char *glibc_arch_thread_self(char *tp);
char *glibc_arch_thread_pointer(char *pd);

/* Store the stack and pointer guards where this CPU's glibc reads them
 * (the TCB of thread TP, or globals). */
void glibc_arch_set_guards(char *tp, uint64_t stack_guard,
			   uint64_t pointer_guard);

/*
 * A point to come back to from deeper in the stack, for glibc's
 * _dl_catch_exception (exceptions.c): the registers a callee preserves
 * on this CPU (arch/<cpu>/glibc_catch.S says which; 21 words on
 * aarch64, 8 on x86_64).  glibc_arch_catch_save returns 0, then VALUE
 * (not 0) each time glibc_arch_catch_resume is called on the buffer
 * while its caller still runs.
 */
struct glibc_arch_jump_buffer {
	uint64_t words[22];
};
__attribute__((returns_twice))
int glibc_arch_catch_save(struct glibc_arch_jump_buffer *buf);
__attribute__((noreturn))
void glibc_arch_catch_resume(const struct glibc_arch_jump_buffer *buf,
			     int value);

/* The signature glibc registers rseq areas with on this CPU (the
 * instruction word that must precede an abort handler). */
uint32_t glibc_arch_rseq_signature(void);

#endif
