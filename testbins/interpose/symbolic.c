/* SPDX-License-Identifier: MIT */
/* interpose: linked with -Wl,-Bsymbolic, so its own call binds locally. */
const char *shared_name(void)
{
	return "ip_symbolic (-Bsymbolic)";
}

const char *ip_symbolic_call_shared_name(void)
{
	return shared_name();
}
