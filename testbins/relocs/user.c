/* SPDX-License-Identifier: MIT */
/* relocs: rel_user refers to rel_data in each relocation form. */
extern int rel_arr[8];
int rel_fn(void);

/* R_X86_64_64 / R_AARCH64_ABS64 against rel_arr with addend 12. */
int *rel_p3 = &rel_arr[3];

/* RELATIVE relocations (or RELR entries): pointers to our own strings. */
static const char *names[] = {"zero", "one", "two"};

int rel_user_read_p3(void)
{
	return *rel_p3;
}

/* GLOB_DAT: the address of an external function. */
void *rel_user_fn_addr(void)
{
	return (void *)rel_fn;
}

/* JUMP_SLOT: a call through the PLT. */
int rel_user_call(void)
{
	return rel_fn();
}

const char *rel_user_name(int i)
{
	return names[i];
}
