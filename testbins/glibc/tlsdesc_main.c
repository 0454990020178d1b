/* SPDX-License-Identifier: MIT */
/*
 * TLS descriptors of a dlopen()ed library whose variable is in dynamic
 * TLS (libtlsdescfp.so, from the directory argv[1]): the descriptor call
 * must preserve every register but its result, also on the slow path
 * that allocates the thread's block, which calls the C library's
 * allocator, which may use any vector register.
 *
 * Expected: 2 * 3 + big[7] = 12, with big[7] = 6 (the .tdata image).
 * glibc's own loader before 2.40 gets it wrong on x86_64 (glibc bug
 * 31372): its slow path saves the general registers only, so the
 * product computed before the access comes back clobbered by the
 * allocator (glibc 2.36 prints 6, or 6.9e-310, in place of 12).  tests/check_glibc_programs.py
 * (case tlsdesc) therefore compares myld's output with the expected
 * file, and allows the reference run to differ on the lines that depend
 * on the vector registers surviving the slow path.
 *
 * Each check runs in a new thread (the slow path runs on a thread's
 * first access to the module's TLS, once), then again in the same thread
 * (the fast path):
 *   main, threads 1-4   tlsdesc_fma(2, 3): a * b + big[7]
 *   threads 5-8         tlsdesc_many: eight products live in vector
 *                       registers across the first access
 *   threads 9-12        tlsdesc_probe: every general register but the
 *                       result (x86_64: %rax; aarch64: x0, and x30 which
 *                       the caller's blr writes), every vector register
 *                       (x86_64: xmm0-15, or ymm0-15, or zmm0-31 and
 *                       k0-7, as the CPU has; aarch64: the 128 bits of
 *                       v0-v31), the x87 stack and control word and MXCSR
 *                       (aarch64: FPCR, FPSR), loaded with patterns
 *                       before the call and compared after it.
 * main prints everything after joining each thread: the output does not
 * depend on scheduling or on the CPU's vector width.  Exit 0 only if
 * every check passed.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tlsdesc_probe.h"

#define CHECK_OFFSET(field, value) \
	_Static_assert(offsetof(struct probe, field) == (value), #field)
CHECK_OFFSET(gpr_after, PROBE_GPR_AFTER);
CHECK_OFFSET(address, PROBE_ADDRESS);
CHECK_OFFSET(level, PROBE_LEVEL);
CHECK_OFFSET(fp_before, PROBE_FP_BEFORE);
CHECK_OFFSET(fp_after, PROBE_FP_AFTER);
CHECK_OFFSET(fp_saved, PROBE_FP_SAVED);
CHECK_OFFSET(x87_before, PROBE_X87_BEFORE);
CHECK_OFFSET(x87_after, PROBE_X87_AFTER);
CHECK_OFFSET(k_before, PROBE_K_BEFORE);
CHECK_OFFSET(k_after, PROBE_K_AFTER);
CHECK_OFFSET(vec_before, PROBE_VEC_BEFORE);
CHECK_OFFSET(vec_after, PROBE_VEC_AFTER);
_Static_assert(sizeof(struct probe) == PROBE_SIZE, "struct probe");

static double (*fma_fn)(double, double);
static double (*many_fn)(const double *);
static void (*probe_fn)(struct probe *);
static double *(*big_address)(void);

static int failures;

/* ---- a * b + big[7], and eight live products ---- */

static const double many_in[8] = { 1.5, 2.25, 3.0, 4.5, 0.5, 8.0, 1.25,
				   2.0 };

/* What tlsdesc_many must return: its formula without TLS, big[7] = 6. */
static double many_expected(void)
{
	const double *v = many_in;

	return v[0] * v[1] + 2 * (v[1] * v[2]) + 3 * (v[2] * v[3]) +
	       4 * (v[3] * v[4]) + 5 * (v[4] * v[5]) + 6 * (v[5] * v[6]) +
	       7 * (v[6] * v[7]) + 8 * (v[7] * v[0]) + 6.0;
}

struct values {
	double slow, fast;	/* the first call in the thread, the second */
};

static void *fma_thread(void *arg)
{
	struct values *r = arg;

	r->slow = fma_fn(2.0, 3.0);
	r->fast = fma_fn(2.0, 3.0);
	return NULL;
}

static void *many_thread(void *arg)
{
	struct values *r = arg;

	r->slow = many_fn(many_in);
	r->fast = many_fn(many_in);
	return NULL;
}

static void print_fma(const char *who, const char *path, double got)
{
	printf("%s: %s path: 2 * 3 + big[7] = %g\n", who, path, got);
	failures += got != 12.0;
}

static void print_many(const char *who, const char *path, double got)
{
	double want = many_expected();

	printf("%s: %s path: 8 live doubles: %g (expected %g)\n", who, path,
	       got, want);
	failures += got != want;
}

/* ---- the register probe ---- */

static uint64_t gpr_pattern(int reg)
{
	return 0x5a5a000000000000ull ^ ((uint64_t)reg << 40) ^
	       (0x0101010101ull * (uint64_t)(reg + 1));
}

static uint8_t vec_pattern(int reg, int byte)
{
	return (uint8_t)(reg * 37 + byte * 11 + 1);
}

#if defined(__x86_64__)
static const char *const gpr_names[16] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
#define GPR_FIRST 1
#define GPR_LAST 15
#define GPR_SKIP 4		/* %rsp: the call could not return without it */
#define FP_BEFORE_0 0x7f80	/* MXCSR: exceptions masked, round to zero */
#define FP_BEFORE_1 0x0f7f	/* x87 control word: round to zero */
#define FP_MASK_1 0xffff

/* How many vector registers of how many bytes, and k0-k7 or not. */
static void vector_shape(int level, int *regs, int *bytes)
{
	*regs = level == 2 ? 32 : 16;
	*bytes = level == 2 ? 64 : level == 1 ? 32 : 16;
}

static int vector_level(void)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512f"))
		return 2;
	return __builtin_cpu_supports("avx") ? 1 : 0;
}

static void vector_name(char *buf, size_t size, int level, int reg)
{
	snprintf(buf, size, "%cmm%d", level == 2 ? 'z' : level ? 'y' : 'x',
		 reg);
}
#else
#define GPR_FIRST 1
#define GPR_LAST 29
#define GPR_SKIP -1
#define FP_BEFORE_0 0x00c00000	/* FPCR: round to zero */
#define FP_BEFORE_1 0x12	/* FPSR: the DZC and IXC flags set */
#define FP_MASK_1 0xffffffff

static void vector_shape(int level, int *regs, int *bytes)
{
	(void)level;
	*regs = 32;
	*bytes = 16;
}

static int vector_level(void)
{
	return 0;
}

static void vector_name(char *buf, size_t size, int level, int reg)
{
	(void)level;
	snprintf(buf, size, "v%d", reg);
}
#endif

static int level;

static void probe_fill(struct probe *p)
{
	memset(p, 0, sizeof(*p));
	p->level = (uint32_t)level;
	for (int r = 0; r < 32; r++) {
		p->gpr_before[r] = gpr_pattern(r);
		for (int b = 0; b < 64; b++)
			p->vec_before[r][b] = vec_pattern(r, b);
	}
	for (int k = 0; k < 8; k++)
		p->k_before[k] = 0xa5c0u + (unsigned)k;
	p->fp_before[0] = FP_BEFORE_0;
	p->fp_before[1] = FP_BEFORE_1;
	p->x87_before[0] = 3.25;
	p->x87_before[1] = -7.5;
}

struct probe_result {
	char gpr[160], vec[160], fp[160];
	int address_ok;
};

/* Appends NAME to the list LIST (at most a few names, then "..."). */
static void add_name(char *list, size_t size, const char *name)
{
	size_t n = strlen(list);

	if (n > size - 24) {
		if (!strstr(list, "..."))
			strcat(list, " ...");
		return;
	}
	snprintf(list + n, size - n, " %s", name);
}

static void probe_judge(const struct probe *p, struct probe_result *r)
{
	char name[16];
	int regs, bytes;

	memset(r, 0, sizeof(*r));
	for (int g = GPR_FIRST; g <= GPR_LAST; g++) {
		if (g == GPR_SKIP || p->gpr_after[g] == p->gpr_before[g])
			continue;
#if defined(__x86_64__)
		snprintf(name, sizeof(name), "%s", gpr_names[g]);
#else
		snprintf(name, sizeof(name), "x%d", g);
#endif
		add_name(r->gpr, sizeof(r->gpr), name);
	}
	vector_shape(level, &regs, &bytes);
	for (int v = 0; v < regs; v++) {
		if (memcmp(p->vec_after[v], p->vec_before[v], (size_t)bytes)) {
			vector_name(name, sizeof(name), level, v);
			add_name(r->vec, sizeof(r->vec), name);
		}
	}
	for (int k = 0; level == 2 && k < 8; k++) {
		if ((p->k_after[k] & 0xffff) != p->k_before[k]) {
			snprintf(name, sizeof(name), "k%d", k);
			add_name(r->vec, sizeof(r->vec), name);
		}
	}
#if defined(__x86_64__)
	if (p->fp_after[0] != p->fp_before[0])
		add_name(r->fp, sizeof(r->fp), "MXCSR");
	if ((p->fp_after[1] & FP_MASK_1) != p->fp_before[1])
		add_name(r->fp, sizeof(r->fp), "x87-control-word");
	if (p->x87_after[0] != p->x87_before[0] ||
	    p->x87_after[1] != p->x87_before[1])
		add_name(r->fp, sizeof(r->fp), "x87-stack");
#else
	if (p->fp_after[0] != p->fp_before[0])
		add_name(r->fp, sizeof(r->fp), "FPCR");
	if ((p->fp_after[1] & FP_MASK_1) != p->fp_before[1])
		add_name(r->fp, sizeof(r->fp), "FPSR");
#endif
	r->address_ok = p->address == (uint64_t)(uintptr_t)big_address();
}

struct probe_pair {
	struct probe_result slow, fast;
};

static void *probe_thread(void *arg)
{
	struct probe_pair *r = arg;
	struct probe *p = aligned_alloc(64, sizeof(*p));

	if (!p)
		abort();
	/* The first access of the module's TLS in this thread. */
	probe_fill(p);
	probe_fn(p);
	probe_judge(p, &r->slow);
	probe_fill(p);
	probe_fn(p);
	probe_judge(p, &r->fast);
	free(p);
	return NULL;
}

static void print_list(const char *who, const char *path, const char *what,
		       const char *clobbered)
{
	if (*clobbered)
		printf("%s: %s path: %s: CLOBBERED%s\n", who, path, what,
		       clobbered);
	else
		printf("%s: %s path: %s: preserved\n", who, path, what);
	failures += *clobbered != 0;
}

static void print_probe(const char *who, const char *path,
			const struct probe_result *r)
{
	print_list(who, path, "general registers", r->gpr);
	print_list(who, path, "vector registers", r->vec);
	print_list(who, path, "floating-point control and status", r->fp);
	printf("%s: %s path: address: %s\n", who, path,
	       r->address_ok ? "right" : "WRONG");
	failures += !r->address_ok;
}

/* ---- main ---- */

static void run_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	if (pthread_create(&t, NULL, fn, arg) || pthread_join(t, NULL)) {
		fprintf(stderr, "tlsdesc_main: cannot run a thread\n");
		exit(2);
	}
}

static void *sym(void *h, const char *name)
{
	void *p = dlsym(h, name);

	if (!p) {
		fprintf(stderr, "tlsdesc_main: dlsym %s: %s\n", name, dlerror());
		exit(2);
	}
	return p;
}

int main(int argc, char **argv)
{
	char path[4096];
	char who[32];

	if (argc != 2) {
		fprintf(stderr, "usage: tlsdesc_main DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/libtlsdescfp.so", argv[1]);
	void *h = dlopen(path, RTLD_NOW);
	if (!h) {
		fprintf(stderr, "tlsdesc_main: %s\n", dlerror());
		return 2;
	}
	fma_fn = (double (*)(double, double))sym(h, "tlsdesc_fma");
	many_fn = (double (*)(const double *))sym(h, "tlsdesc_many");
	probe_fn = (void (*)(struct probe *))sym(h, "tlsdesc_probe");
	big_address = (double *(*)(void))sym(h, "tlsdesc_big_address");
	level = vector_level();

	struct values v;
	fma_thread(&v);
	print_fma("main", "slow", v.slow);
	print_fma("main", "fast", v.fast);

	for (int t = 1; t <= 4; t++) {
		run_thread(fma_thread, &v);
		snprintf(who, sizeof(who), "thread %d", t);
		print_fma(who, "slow", v.slow);
		print_fma(who, "fast", v.fast);
	}
	for (int t = 5; t <= 8; t++) {
		run_thread(many_thread, &v);
		snprintf(who, sizeof(who), "thread %d", t);
		print_many(who, "slow", v.slow);
		print_many(who, "fast", v.fast);
	}
	for (int t = 9; t <= 12; t++) {
		struct probe_pair r;

		run_thread(probe_thread, &r);
		snprintf(who, sizeof(who), "thread %d", t);
		print_probe(who, "slow", &r.slow);
		print_probe(who, "fast", &r.fast);
	}
	return failures != 0;
}
