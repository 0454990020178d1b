/* SPDX-License-Identifier: MIT */
/*
 * args_auxv: what the loader hands to _start.  Prints argc/argv and one
 * yes/no line per property, so a diff names the broken one.  Addresses
 * are compared, never printed: they differ between runs.
 */
#include "rt.h"

#include <elf.h>

/* Linker-defined: the ELF header at the start of our first segment. */
extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
void _start(void);

#ifdef USE_AA_LIB
const char *aa_lib_name(void);
/* Never called: makes the DT_NEEDED entry survive --as-needed. */
const char *(*const keep)(void) = aa_lib_name;
#endif

static void say(const char *what, int ok)
{
	rt_print(what);
	rt_puts(ok ? ": yes" : ": no");
}

int main(int argc, char **argv, char **envp)
{
	const char *phdr = (const char *)&__ehdr_start + __ehdr_start.e_phoff;
	const char *execfn = (const char *)rt_getauxval(AT_EXECFN);
	const unsigned char *base = (const unsigned char *)rt_getauxval(AT_BASE);
	const char *var = rt_getenv("MYLD_TEST_VAR");

	(void)envp;
	rt_print("argc: ");
	rt_print_dec(argc);
	rt_puts("");
	for (int i = 0; i < argc; i++) {
		rt_print("argv[");
		rt_print_dec(i);
		rt_print("]: '");
		rt_print(argv[i]);
		rt_puts("'");
	}
	say("argv[argc] is NULL", argv[argc] == NULL);
	say("sp 16-byte aligned at _start", rt_entry_sp_aligned);
	say("AT_PHDR is our program headers",
	    rt_getauxval(AT_PHDR) == (unsigned long)phdr);
	say("AT_PHNUM matches e_phnum",
	    rt_getauxval(AT_PHNUM) == __ehdr_start.e_phnum);
	say("AT_PHENT matches e_phentsize",
	    rt_getauxval(AT_PHENT) == __ehdr_start.e_phentsize);
	say("AT_ENTRY is _start", rt_getauxval(AT_ENTRY) == (unsigned long)_start);
	say("AT_EXECFN equals argv[0]",
	    execfn && rt_strcmp(execfn, argv[0]) == 0);
	say("AT_PAGESZ is 4096", rt_getauxval(AT_PAGESZ) == 4096);
	/* AT_BASE is 0 in command mode (glibc, musl): accept 0 or an ELF. */
	say("AT_BASE ok", base == NULL || (base[0] == 0x7f && base[1] == 'E' &&
					   base[2] == 'L' && base[3] == 'F'));
	say("AT_RANDOM present", rt_getauxval(AT_RANDOM) != 0);
	rt_print("MYLD_TEST_VAR: ");
	rt_puts(var ? var : "(unset)");
	return 3;
}
