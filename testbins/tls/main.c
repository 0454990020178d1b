/* SPDX-License-Identifier: MIT */
/*
 * tls: static TLS of the program and of four libraries loaded at start-up,
 * one per access model (see lib_*.c).  The program's own variables are
 * local-exec; its accesses to the libraries' variables are initial-exec
 * (R_*_TPOFF64 / TLS_TPREL64 against their symbols).  Every variable is
 * checked for its initial value (.tdata) or zero (.tbss) and its
 * alignment (8, 64, 4096), and the address one model computes is compared
 * with another model's, in another module; writes through one model are
 * read back through another.
 */
#include "rt.h"

__thread long p_data = 0x1234;
__thread char p_al64[64] __attribute__((aligned(64))) = "p-al64";
__thread long p_bss;
__thread int p_al4k __attribute__((aligned(4096)));
__thread long p_shared = 0x5151;	/* lib_gd reaches it by GD */

extern __thread long ie_data, ie_bss;
extern __thread char ie_al64[64];
extern __thread long gd_data, gd_bss;
extern __thread int gd_al4k;
extern __thread long desc_data, desc_bss;
extern __thread char desc_al64[64];

long *ie_addr_data(void);
long *ie_addr_bss(void);
char *ie_addr_al64(void);
long ie_read_bss(void);
long *gd_addr_data(void);
long *gd_addr_bss(void);
int *gd_addr_al4k(void);
long *gd_addr_p_shared(void);
long *gd_addr_ie_data(void);
long gd_read_ie_data(void);
void gd_write_p_shared(long v);
long *ld_addr_a(void);
long *ld_addr_b(void);
char *ld_addr_al64(void);
long ld_sum(void);
void ld_set_b(long v);
long *desc_addr_data(void);
long *desc_addr_bss(void);
long *desc_addr_static(void);
char *desc_addr_al64(void);
long *desc_addr_gd_data(void);
void desc_write_gd_data(long v);

static void aligned(const char *what, const void *p, unsigned long al)
{
	rt_print(what);
	rt_print(" aligned to ");
	rt_print_dec((long)al);
	if (rt_opaque(p) & (al - 1)) {
		rt_print(": NO, ");
		rt_print_hex(rt_opaque(p));
		rt_puts("");
	} else {
		rt_puts(": yes");
	}
}

static void same(const char *what, const void *a, const void *b)
{
	rt_print(what);
	if (rt_opaque(a) == rt_opaque(b)) {
		rt_puts(": same address");
	} else {
		rt_print(": DIFFERENT ");
		rt_print_hex(rt_opaque(a));
		rt_print(" ");
		rt_print_hex(rt_opaque(b));
		rt_puts("");
	}
}

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;

	rt_show_yes("thread pointer set up", rt_thread_pointer_ok(&p_data));

	/* The program's own block: local-exec. */
	rt_show_dec("LE p_data", p_data);
	aligned("LE p_data", &p_data, 8);
	rt_show_str("LE p_al64", p_al64);
	aligned("LE p_al64", p_al64, 64);
	rt_show_dec("LE p_bss", p_bss);
	rt_show_dec("LE p_al4k", p_al4k);
	aligned("LE p_al4k", &p_al4k, 4096);
	same("p_shared: LE in program, GD in lib_gd", &p_shared,
	     gd_addr_p_shared());
	gd_write_p_shared(0x5252);
	rt_show_dec("p_shared after lib_gd's GD write, read by LE", p_shared);

	/* lib_ie: initial-exec in the program and in the library. */
	rt_show_dec("IE ie_data", ie_data);
	same("ie_data: IE in program, IE in lib_ie", &ie_data, ie_addr_data());
	same("ie_data: IE in program, GD in lib_gd", &ie_data,
	     gd_addr_ie_data());
	rt_show_dec("IE ie_bss", ie_bss);
	same("ie_bss: IE in program, IE in lib_ie", &ie_bss, ie_addr_bss());
	rt_show_str("IE ie_al64", ie_al64);
	aligned("IE ie_al64", ie_al64, 64);
	same("ie_al64: IE in program, IE in lib_ie", ie_al64, ie_addr_al64());
	ie_data = 101;
	rt_show_dec("ie_data after the program's write, read by GD in lib_gd",
		    gd_read_ie_data());
	ie_bss = 102;
	rt_show_dec("ie_bss after the program's write, read by IE in lib_ie",
		    ie_read_bss());

	/* lib_gd: general-dynamic. */
	rt_show_dec("IE gd_data", gd_data);
	same("gd_data: IE in program, GD in lib_gd", &gd_data, gd_addr_data());
	same("gd_data: IE in program, TLSDESC in lib_desc", &gd_data,
	     desc_addr_gd_data());
	rt_show_dec("IE gd_bss", gd_bss);
	same("gd_bss: IE in program, GD in lib_gd", &gd_bss, gd_addr_bss());
	rt_show_dec("IE gd_al4k", gd_al4k);
	aligned("GD gd_al4k", gd_addr_al4k(), 4096);
	same("gd_al4k: IE in program, GD in lib_gd", &gd_al4k, gd_addr_al4k());
	desc_write_gd_data(201);
	rt_show_dec("gd_data after lib_desc's TLSDESC write, read by IE",
		    gd_data);

	/* lib_ld: local-dynamic, reached only through the library. */
	rt_show_dec("LD ld_a", *ld_addr_a());
	aligned("LD ld_a", ld_addr_a(), 8);
	rt_show_dec("LD ld_b", *ld_addr_b());
	rt_show_str("LD ld_al64", ld_addr_al64());
	aligned("LD ld_al64", ld_addr_al64(), 64);
	ld_set_b(1000);
	rt_show_dec("LD ld_b after ld_set_b(1000), through its address",
		    *ld_addr_b());
	rt_show_dec("LD ld_sum()", ld_sum());

	/* lib_desc: TLSDESC. */
	rt_show_dec("IE desc_data", desc_data);
	same("desc_data: IE in program, TLSDESC in lib_desc", &desc_data,
	     desc_addr_data());
	rt_show_dec("IE desc_bss", desc_bss);
	same("desc_bss: IE in program, TLSDESC in lib_desc", &desc_bss,
	     desc_addr_bss());
	rt_show_dec("TLSDESC desc_static", *desc_addr_static());
	rt_show_yes("IE desc_al64 is zero",
		    all_zero(desc_al64, sizeof(desc_al64)));
	aligned("TLSDESC desc_al64", desc_addr_al64(), 64);
	same("desc_al64: IE in program, TLSDESC in lib_desc", desc_al64,
	     desc_addr_al64());
	desc_data = 301;
	rt_show_dec("desc_data after the program's write, through lib_desc",
		    *desc_addr_data());
	return 0;
}
