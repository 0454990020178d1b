/* SPDX-License-Identifier: MIT */
/*
 * protected: the program defines the names the library defines protected
 * (see lib.c) and exports them (-Wl,-E); each side must use its own.
 */
#include "rt.h"

int lib_reads_prot_var(void);
int *lib_addr_prot_var(void);
const char *lib_calls_prot_fn(void);
const char *lib_calls_prot_fn_by_pointer(void);

int prot_var = 2;

const char *prot_fn(void)
{
	return "program";
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_show_str("library reads prot_var",
		    lib_reads_prot_var() == 1 ? "its own (1)" : "another");
	rt_show_str("library takes &prot_var",
		    lib_addr_prot_var() == &prot_var ? "the program's"
						       : "its own");
	rt_show_str("library calls prot_fn", lib_calls_prot_fn());
	rt_show_str("library calls prot_fn by pointer",
		    lib_calls_prot_fn_by_pointer());
	rt_show_str("program reads prot_var",
		    prot_var == 2 ? "its own (2)" : "another");
	rt_show_str("program calls prot_fn", prot_fn());
	return 0;
}
