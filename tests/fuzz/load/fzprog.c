/* SPDX-License-Identifier: MIT */
/*
 * fzprog: the program seed of the load fuzzer, and the host that runs a
 * mutated libfz.so or libfzdep.so as a DT_NEEDED library.  Built PIE and
 * non-PIE (fzprog-nopie: fz_data becomes a COPY relocation).  It has its
 * own TLS (initial-exec or local-exec in the program) and calls into
 * libfz.so lazily.  Prints "fz 100 21 9" and exits 0 on a right load.
 *
 * A mutated program can fault in its own code after myld hands over: the
 * fuzzer tells that from a fault in myld by where the PC is (see
 * loadfuzz.c).
 */
#include "rt.h"

extern int fz_entry(void);
extern int fz_lazy(void);
extern int fz_data;

static __thread int prog_tls = 3;

int main(void)
{
	int v = fz_entry();
	int w = fz_lazy();

	rt_print("fz ");
	rt_print_dec(v);
	rt_print(" ");
	rt_print_dec(w);
	rt_print(" ");
	rt_print_dec(fz_data + prog_tls - 3);
	rt_puts("");
	return 0;
}
