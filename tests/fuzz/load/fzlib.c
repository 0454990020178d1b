/* SPDX-License-Identifier: MIT */
/*
 * libfz.so: the library seed of the load fuzzer (tests/fuzz/loadfuzz.c).
 * One small object with one of each thing a loader does to a library, so
 * that a mutation of any of its tables reaches the code that uses it:
 *
 *   lazy PLT calls into libfzdep.so (JUMP_SLOT, resolved at the first
 *   call, with a version requirement), a GOT load of libfzdep.so's data
 *   (GLOB_DAT), a pointer table in data (RELATIVE and a symbolic 64-bit
 *   relocation), IFUNCs (IRELATIVE, and symbolic relocations against an
 *   STT_GNU_IFUNC), dynamic TLS through descriptors (TLSDESC), a
 *   constructor (DT_INIT_ARRAY), data the non-PIE program copies (COPY),
 *   and a RELRO region (GNU ld's default -z relro).
 *
 * fz_entry() returns 100 when everything was loaded right.
 */
extern int fzdep_value(int x);
extern int fzdep_twice(int x);
extern int fzdep_table[4];

int fz_data = 9;
static int fz_counter;
/* Exported, and read through a volatile access: a TLSDESC relocation. */
__thread int fz_tls = 5;

int *const fz_ptrs[2] = {&fz_counter, fzdep_table};

static int fz_one(void)
{
	return 1;
}

typedef int fz_fn(void);

static fz_fn *fz_resolve(void)
{
	return fz_one;
}

/* Exported: relocations against an STT_GNU_IFUNC symbol. */
int fz_ifunc(void) __attribute__((ifunc("fz_resolve")));
/* Local: an IRELATIVE relocation. */
static int fz_ifunc_local(void) __attribute__((ifunc("fz_resolve")));

__attribute__((constructor)) static void fz_init(void)
{
	fz_counter = 1;
}

/* 5 + 20 (fzdep_value) + 10 (fz_ptrs[1][0]) + 1 + 1 + 1 + 2 * 9 + 44 */
int fz_entry(void)
{
	return fzdep_value(*(volatile int *)&fz_tls) + *fz_ptrs[1] + fz_ifunc() +
	       fz_ifunc_local() + *fz_ptrs[0] + fzdep_twice(fz_data) + 44;
}

/* Called only after fz_entry, through another lazily bound slot. */
int fz_lazy(void)
{
	return fzdep_twice(fzdep_value(1));
}
