/* SPDX-License-Identifier: MIT */
/*
 * interpose: ip_lib defines four functions that the program also defines,
 * and calls each internally:
 *   shared_name  default visibility: the call goes through the PLT and
 *                binds to the program's definition (it comes first in the
 *                global scope);
 *   prot_name    protected: the call binds to ip_lib's own definition;
 *   hidden_name  hidden: not even exported, the call is local.
 * symbolic.c is the same shared_name in a library linked -Bsymbolic.
 */
const char *shared_name(void)
{
	return "ip_lib";
}

__attribute__((visibility("protected"))) const char *prot_name(void)
{
	return "ip_lib (protected)";
}

__attribute__((visibility("hidden"))) const char *hidden_name(void)
{
	return "ip_lib (hidden)";
}

/* -fPIC: GCC may not inline shared_name here, it is interposable. */
const char *ip_call_shared_name(void)
{
	return shared_name();
}

const char *ip_call_prot_name(void)
{
	return prot_name();
}

const char *ip_call_hidden_name(void)
{
	return hidden_name();
}
