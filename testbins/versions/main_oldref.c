/* SPDX-License-Identifier: MIT */
/* versions: see old_user.c. */
#include "rt.h"

int old_user_vfoo(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_print("unversioned vfoo reference got: ");
	rt_print_dec(old_user_vfoo());
	rt_puts("");
	return 0;
}
