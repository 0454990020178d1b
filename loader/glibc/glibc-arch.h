/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/glibc-arch.h - what glibc does differently on each CPU:
 * where struct pthread lies relative to the thread pointer, where the
 * stack and pointer guards live, and the CPU description its IFUNC
 * resolvers read.  One implementation per CPU (arch-x86_64.c,
 * arch-aarch64.c), chosen by loader/glibc/meson.build.
 */
#ifndef MYLD_GLIBC_ARCH_H
#define MYLD_GLIBC_ARCH_H

#include <stddef.h>
#include <stdint.h>

/* Fill the CPU-specific part of _rtld_global_ro (at RO): the CPU
 * description, hwcap, the FPU control word.  AT: auxv values by type. */
void glibc_arch_init_ro(unsigned char *ro, const uintptr_t *at);

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

/* The signature glibc registers rseq areas with on this CPU (the
 * instruction word that must precede an abort handler). */
uint32_t glibc_arch_rseq_signature(void);

#endif
