/* SPDX-License-Identifier: MIT */
/*
 * protected: the library defines a function and a variable with protected
 * visibility, and the program defines and exports the same names.  A
 * protected definition cannot be preempted, so every use inside the
 * library reaches the library's own, whatever the program defines.
 * GNU ld resolves these uses at link time; gold leaves GLOB_DAT
 * relocations against the protected symbols (the address of prot_fn, and
 * prot_var where the compiler reads it through the GOT), which the loader
 * must bind to the library itself.
 */
__attribute__((visibility("protected"))) int prot_var = 1;

__attribute__((visibility("protected"))) const char *prot_fn(void)
{
	return "library";
}

int lib_reads_prot_var(void)
{
	return prot_var;
}

int *lib_addr_prot_var(void)
{
	return &prot_var;
}

const char *lib_calls_prot_fn(void)
{
	return prot_fn();
}

/* Through a pointer: the address itself comes from the GOT. */
const char *lib_calls_prot_fn_by_pointer(void)
{
	const char *(*volatile f)(void) = prot_fn;

	return f();
}
