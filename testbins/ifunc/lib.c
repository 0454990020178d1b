/* SPDX-License-Identifier: MIT */
/*
 * ifunc: lib_fn is an exported STT_GNU_IFUNC.  Its resolver picks the
 * implementation from impls[], a table of pointers that needs RELATIVE
 * relocations (or RELR): a loader that runs the resolver before the
 * library's other relocations returns an unrelocated pointer and the
 * program crashes.  On aarch64 the resolver also checks the arguments
 * glibc passes (hwcap | _IFUNC_ARG_HWCAP, and an __ifunc_arg_t whose
 * hwcap matches) and picks the other implementation if they are wrong, so
 * lib_fn(5) is 10 instead of 25.
 *
 * References to lib_fn from here: a call through the PLT (JUMP_SLOT, as
 * lib_fn is preemptible), its address (GLOB_DAT) and a pointer in data
 * (R_X86_64_64 / R_AARCH64_ABS64), all against the IFUNC symbol.
 */
static int impl_double(int x)
{
	return 2 * x;
}

static int impl_square(int x)
{
	return x * x;
}

typedef int fn_t(int);

static fn_t *const impls[2] = {impl_double, impl_square};

/* Read by the program's own IFUNC resolver, see main.c. */
int ifunc_lib_mode = 7;

#if defined(__aarch64__)
struct ifunc_arg {
	unsigned long size, hwcap, hwcap2;
};

#define IFUNC_ARG_HWCAP (1UL << 62)

static fn_t *resolve_lib_fn(unsigned long hwcap, const struct ifunc_arg *arg)
{
	int ok = (hwcap & IFUNC_ARG_HWCAP) && arg &&
		 arg->size >= sizeof(*arg) &&
		 arg->hwcap == (hwcap & ~IFUNC_ARG_HWCAP);

	return impls[ok ? 1 : 0];
}
#else
static fn_t *resolve_lib_fn(void)
{
	return impls[1];
}
#endif

int lib_fn(int x) __attribute__((ifunc("resolve_lib_fn")));

int (*const lib_fn_ptr_in_lib)(int) = lib_fn;

void *lib_fn_addr(void)
{
	return (void *)lib_fn;
}

void *lib_fn_data_ptr(void)
{
	return (void *)lib_fn_ptr_in_lib;
}

int lib_call(int x)
{
	return lib_fn(x);
}
