/* SPDX-License-Identifier: MIT */
/*
 * hardening: checks, from inside a running program, the memory
 * protections the loader left behind (issue 7, "invariants"):
 *
 *  - no mapping is writable and executable at once (the stack excepted
 *    when PT_GNU_STACK asks for an executable one);
 *  - every PT_GNU_RELRO region is read-only: the program's (found with
 *    _DYNAMIC), each library's (found through r_debug, which DT_DEBUG
 *    points to), and the loader's own (found with AT_BASE, or r_ldbase
 *    when AT_BASE is 0; not with HARDENING_NO_LOADER_CHECK set, see
 *    meson.build);
 *  - the stack (the mapping holding a local variable) is executable
 *    exactly when the program's PT_GNU_STACK has PF_X.
 *
 * Built twice (meson.build): normally, and with -z execstack.  The code
 * is the same: the program reads its own PT_GNU_STACK, so one expected
 * file serves both, and a line that differs says what is wrong.
 */
#include <elf.h>

#include "rt.h"

const char *const *hardening_lib_table(void);

extern Elf64_Dyn _DYNAMIC[] __attribute__((visibility("hidden")));

/* The r_debug / link_map layout every ELF debugger reads. */
struct lmap {
	Elf64_Addr l_addr;
	char *l_name;
	Elf64_Dyn *l_ld;
	struct lmap *l_next, *l_prev;
};
struct rdebug {
	int r_version;
	struct lmap *r_map;
	Elf64_Addr r_brk;
	int r_state;
	Elf64_Addr r_ldbase;
};

#ifndef AT_BASE
#define AT_BASE 7
#endif

static char maps[1 << 17];
static int problems;

static void problem(const char *what, unsigned long addr)
{
	rt_print("PROBLEM: ");
	rt_print(what);
	rt_print(" at ");
	rt_print_hex(addr);
	rt_puts("");
	problems++;
}

/* Is [START, END) mapped and nowhere writable? */
static int read_only(unsigned long start, unsigned long end)
{
	while (start < end) {
		struct rt_mapping m;

		if (!rt_maps_find(maps, start, &m)) {
			problem("unmapped RELRO page", start);
			return 0;
		}
		if (m.perms[1] == 'w') {
			problem("writable RELRO page", start);
			return 0;
		}
		start = m.end;
	}
	return 1;
}

/*
 * Check the PT_GNU_RELRO of the object whose program headers are PH,
 * loaded with bias BIAS.  Returns 1 when it has a non-empty one and it is
 * read-only, 0 when it has none (or it covers no whole page), -1 when
 * something is wrong.
 */
static int relro_ok(const Elf64_Phdr *ph, unsigned n, unsigned long bias)
{
	for (unsigned i = 0; i < n; i++) {
		if (ph[i].p_type != PT_GNU_RELRO)
			continue;
		/* The loader may only protect whole pages: the start's page
		 * and up to the last page boundary inside the region. */
		unsigned long s = (bias + ph[i].p_vaddr) & ~4095ul;
		unsigned long e = (bias + ph[i].p_vaddr + ph[i].p_memsz) & ~4095ul;
		if (e <= s)
			return 0;
		return read_only(s, e) ? 1 : -1;
	}
	return 0;
}

static int relro_of_image(unsigned long base)
{
	const Elf64_Ehdr *eh = (const void *)base;

	if (!base || rt_strncmp((const char *)eh->e_ident, ELFMAG, SELFMAG))
		return -2;
	return relro_ok((const void *)(base + eh->e_phoff), eh->e_phnum, base);
}

static void report(const char *what, int r)
{
	rt_print(what);
	if (r == 1)
		rt_puts(": relro read-only");
	else if (r == 0)
		rt_puts(": NO RELRO to check");
	else if (r == -2)
		rt_puts(": NOT FOUND");
	else
		rt_puts(": relro NOT read-only");
}

int main(int argc, char **argv, char **envp)
{
	(void)argc, (void)argv, (void)envp;
	const Elf64_Phdr *ph = (const void *)rt_getauxval(AT_PHDR);
	unsigned phnum = rt_getauxval(AT_PHNUM);
	unsigned long bias = 0;
	int exec_stack_wanted = 0;
	struct rdebug *rd = 0;

	if (rt_maps_read(maps, sizeof(maps)) <= 0)
		return 1;
	for (unsigned i = 0; i < phnum; i++) {
		if (ph[i].p_type == PT_DYNAMIC)
			bias = (unsigned long)_DYNAMIC - ph[i].p_vaddr;
		if (ph[i].p_type == PT_GNU_STACK)
			exec_stack_wanted = !!(ph[i].p_flags & PF_X);
	}

	/* No W+X mapping (an executable stack, when asked for, is one). */
	int wx = 0;
	const char *cursor = maps;
	struct rt_mapping m;
	while (rt_maps_next(&cursor, &m)) {
		if (m.perms[1] != 'w' || m.perms[2] != 'x')
			continue;
		/* The kernel may split the stack: [stack] is the main part,
		 * and a local variable's page decides below; any other W+X
		 * mapping is a problem. */
		unsigned long sp = (unsigned long)&m;
		if (exec_stack_wanted &&
		    ((m.name_len == 7 && !rt_strncmp(m.name, "[stack]", 7)) ||
		     (sp >= m.start && sp < m.end)))
			continue;
		rt_print("W+X mapping: ");
		rt_write(1, m.line, m.line_len);
		rt_puts("");
		wx = 1;
	}
	rt_puts(wx ? "wx mappings: FOUND" : "wx mappings: none");

	report("program", relro_ok(ph, phnum, bias));

	/* The libraries, through r_debug (DT_DEBUG). */
	for (Elf64_Dyn *d = _DYNAMIC; d->d_tag != DT_NULL; d++)
		if (d->d_tag == DT_DEBUG)
			rd = (struct rdebug *)d->d_un.d_ptr;
	unsigned long ldbase = rt_getauxval(AT_BASE);
	if (!ldbase && rd)
		ldbase = rd->r_ldbase;
	int lib = -2;
	/* The library's table is RELRO too (lib.c). */
	const char *const *table = hardening_lib_table();
	if (!rt_maps_find(maps, (unsigned long)table, &m) ||
	    m.perms[1] == 'w' || rt_strcmp(table[1], "beta"))
		problem("library table not read-only", (unsigned long)table);
	for (struct lmap *l = rd ? rd->r_map : 0; l; l = l->l_next)
		if (l->l_name && rt_strstr(l->l_name, "libhardening_lib"))
			lib = relro_of_image(l->l_addr);
	report("library", lib);
	if (!rt_getenv("HARDENING_NO_LOADER_CHECK"))
		report("loader", relro_of_image(ldbase));

	/* The stack: the mapping that holds a local variable. */
	if (!rt_maps_find(maps, (unsigned long)&wx, &m)) {
		rt_puts("stack: NOT FOUND");
	} else if ((m.perms[2] == 'x') == exec_stack_wanted) {
		rt_puts("stack: executable exactly as PT_GNU_STACK asks");
	} else {
		rt_print("stack: WRONG, executable=");
		rt_print_dec(m.perms[2] == 'x');
		rt_print(" but PT_GNU_STACK PF_X=");
		rt_print_dec(exec_stack_wanted);
		rt_puts("");
	}
	return problems ? 1 : 0;
}
