/* SPDX-License-Identifier: MIT */
/*
 * relocs: see data.c and user.c.  Each line names the relocation type the
 * check mostly depends on.
 *
 * rel_p3 is copy-relocated into the (non-PIE) program too.  COPY copies
 * rel_user's value of rel_p3, which is itself relocated (R_X86_64_64
 * against rel_arr): the loader must relocate rel_user before it processes
 * the program's COPY relocations (glibc relocates in reverse load order,
 * the program last), or the program reads an unrelocated pointer.
 */
#include "rt.h"

extern int rel_counter;
extern int rel_arr[8];
extern int *rel_p3;
int rel_fn(void);
int rel_get_counter(void);
int rel_user_read_p3(void);
void *rel_user_fn_addr(void);
int rel_user_call(void);
const char *rel_user_name(int i);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_show_dec("COPY: initial rel_counter", rel_counter);
	rt_show_dec("COPY: initial rel_arr[3]", rel_arr[3]);
	rel_counter = 42;
	rel_arr[3] = 33;
	rt_show_dec("COPY: rel_data sees the program's write",
		    rel_get_counter());
	rt_show_dec("64+addend: *rel_p3 after the write", rel_user_read_p3());
	rt_puts(rel_p3 == &rel_arr[3] ? "64+addend: rel_p3 == &rel_arr[3]"
				      : "64+addend: rel_p3 != &rel_arr[3]");
	rt_puts(rel_user_fn_addr() == (void *)rel_fn
			? "GLOB_DAT: function pointers equal"
			: "GLOB_DAT: function pointers differ");
	rt_show_dec("JUMP_SLOT: rel_user_call()", rel_user_call());
	rt_print("RELATIVE: names: ");
	for (int i = 0; i < 3; i++) {
		rt_print(rel_user_name(i));
		rt_print(i < 2 ? " " : "\n");
	}
	return 0;
}
