/* SPDX-License-Identifier: MIT */
/*
 * interpose: the program defines the same names as the libraries (see
 * lib.c) and reports which definition each library's internal call got.
 */
#include "rt.h"

const char *ip_call_shared_name(void);
const char *ip_call_prot_name(void);
const char *ip_call_hidden_name(void);
const char *ip_symbolic_call_shared_name(void);

const char *shared_name(void)
{
	return "program";
}

const char *prot_name(void)
{
	return "program";
}

const char *hidden_name(void)
{
	return "program";
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_show_str("ip_lib calls shared_name", ip_call_shared_name());
	rt_show_str("ip_lib calls prot_name", ip_call_prot_name());
	rt_show_str("ip_lib calls hidden_name", ip_call_hidden_name());
	rt_show_str("ip_symbolic calls shared_name",
		    ip_symbolic_call_shared_name());
	rt_show_str("program calls shared_name", shared_name());
	return 0;
}
