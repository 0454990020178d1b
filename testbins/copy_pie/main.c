/* SPDX-License-Identifier: MIT */
/*
 * copy-pie: COPY relocations in a PIE.  Debian's gcc (x86_64) accesses
 * extern data in a PIE PC-relatively, so the linker copies cp_int, cp_arr,
 * cp_name and cp_bss into the program (R_X86_64_COPY), as in a non-PIE
 * (testbins/relocs).  The program's copy is the object every module binds
 * to, the defining library included.  (Where the compiler goes through the
 * GOT instead, e.g. aarch64, this is a plain GLOB_DAT test with the same
 * output.)
 */
#include "rt.h"

extern int cp_int;
extern int cp_arr[4];
extern const char *cp_name;
extern long cp_bss;
int cp_get_int(void);
int cp_get_arr(int i);
long cp_get_bss(void);
void cp_set_arr(int i, int v);
const void *cp_addr_int(void);
const void *cp_addr_arr(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	rt_show_dec("initial cp_int", cp_int);
	rt_show_dec("initial cp_arr[0]", cp_arr[0]);
	rt_show_dec("initial cp_arr[3]", cp_arr[3]);
	rt_print("initial cp_name: ");
	rt_puts(cp_name);
	rt_show_dec("initial cp_bss", cp_bss);
	rt_show_yes("&cp_int: program == library",
		    (const void *)&cp_int == cp_addr_int());
	rt_show_yes("&cp_arr: program == library",
		    (const void *)cp_arr == cp_addr_arr());
	cp_int = 12;
	cp_arr[2] = 333;
	cp_bss = 44;
	rt_show_dec("library sees the program's cp_int", cp_get_int());
	rt_show_dec("library sees the program's cp_arr[2]", cp_get_arr(2));
	rt_show_dec("library sees the program's cp_bss", cp_get_bss());
	cp_set_arr(1, 222);
	rt_show_dec("program sees the library's cp_arr[1]", cp_arr[1]);
	return 0;
}
