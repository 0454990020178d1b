/* SPDX-License-Identifier: MIT */
/*
 * loader/rdebug.c - see rdebug.h.
 */
#include "rdebug.h"
#include "alloc.h"
#include "lib.h"
#include "load.h"
#include "search_order.h"
#include "sys.h"

/*
 * SystemTap SDT probes, which gdb prefers to the _dl_debug_state
 * breakpoint when it finds them in the loader: provider "rtld", with the
 * names and arguments glibc's loader uses (the namespace; its r_debug;
 * and, for map_complete and reloc_complete, the first new link_map).
 * gdb tells namespaces apart by the r_debug's address.  Without
 * <sys/sdt.h> they compile to nothing.
 */
#ifdef MYLD_HAVE_SDT
#include <sys/sdt.h>
/*
 * The probe arguments must be registers or simple operands a debugger
 * can decode: the address of the exported _r_debug would otherwise be
 * written as a GOT-relative memory operand, which gdb cannot parse.
 */
#define PROBE_0(name, ns)                                                \
	do {                                                             \
		long lmid = (ns);                                        \
		void *rd = debug_of(lmid);                               \
		__asm__("" : "+r"(lmid), "+r"(rd));                      \
		STAP_PROBE2(rtld, name, lmid, rd);                       \
	} while (0)
#define PROBE_1(name, ns, arg)                                           \
	do {                                                             \
		long lmid = (ns);                                        \
		void *rd = debug_of(lmid), *new_map = (arg);             \
		__asm__("" : "+r"(lmid), "+r"(rd), "+r"(new_map));       \
		STAP_PROBE3(rtld, name, lmid, rd, new_map);              \
	} while (0)
#else
#define PROBE_0(name, ns) ((void)(ns))
#define PROBE_1(name, ns, arg) ((void)(ns), (void)(arg))
#endif
#define PROBE_PICK(_1, _2, _3, which, ...) which
#define PROBE(...) PROBE_PICK(__VA_ARGS__, PROBE_1, PROBE_0)(__VA_ARGS__)

/*
 * glibc's struct r_debug_extended: the public struct r_debug, then the
 * next namespace's.  r_version 2 says that r_next is there; it becomes 2
 * when the first namespace other than the base one is set up.  A
 * namespace's r_debug stays in the chain for good, its r_map NULL while
 * the namespace is empty, as in glibc.
 */
struct r_debug_abi {
	int r_version;
	struct link_map_abi *r_map;
	uintptr_t r_brk;
	int r_state;
	uintptr_t r_ldbase;
	struct r_debug_abi *r_next;
};

/*
 * The base namespace's is exported as _r_debug with the size of the
 * public struct r_debug (40 bytes), as glibc's is, so that a program
 * that copies it by a COPY relocation copies what it knows.
 */
__attribute__((visibility("hidden")))
struct r_debug_abi r_debug_base;
__asm__(".globl _r_debug\n"
	".type _r_debug, @object\n"
	".set _r_debug, r_debug_base\n"
	".size _r_debug, 40\n");

static struct r_debug_abi ns_debug[DSO_MAX_NAMESPACES];	/* [0] unused */
static struct link_map_abi *list_tails[DSO_MAX_NAMESPACES];

static struct r_debug_abi *debug_of(long ns)
{
	return ns ? &ns_debug[ns] : &r_debug_base;
}

static int loader_first;

/*
 * The debugger's breakpoint.  It must stay a real, separate function
 * that is really called: noipa keeps the compiler from inlining it,
 * cloning it or dropping calls to it, and the asm from proving it empty.
 */
__attribute__((visibility("default"), noinline, noipa))
void _dl_debug_state(void)
{
	__asm__ volatile("" ::: "memory");
}

/* The name a debugger sees: absolute, so it can open the file. */
static char *absolute_name(const char *path)
{
	char *abs;

	if (path[0] == '/')
		return (char *)path;	/* shared with the dso: see load.c */
	abs = load_absolute_copy(path);
	return abs ? abs : mem_strdup(path);
}

static void append_entry(struct link_map_abi **tail, struct link_map_abi **prev,
		 struct dso *d)
{
	d->lm.l_addr = d->base;
	d->lm.l_ld = (Elf64_Dyn *)d->dynv;
	if (!d->lm.l_name) {
		if (d->kind == DSO_PROGRAM && !loader_first)
			d->lm.l_name = "";
		else if (d->path)
			d->lm.l_name = absolute_name(d->path);
		else
			d->lm.l_name = "";
	}
	d->lm.l_prev = *prev;
	d->lm.l_next = NULL;
	*tail = &d->lm;
	*prev = &d->lm;
}

/* Append D to its namespace's list. */
static void publish(struct dso *d)
{
	struct link_map_abi *prev = list_tails[d->ns];

	append_entry(prev ? &prev->l_next : &debug_of(d->ns)->r_map, &prev, d);
	list_tails[d->ns] = &d->lm;
}

void rdebug_publish_from(struct dso *first)
{
	long ns = first->ns;
	struct link_map_abi *old_tail = list_tails[ns];

	for (struct dso *d = first; d; d = d->next)
		if (d != dso_loader && d->path)
			publish(d);
	PROBE(map_complete, ns,
	      old_tail ? old_tail->l_next : debug_of(ns)->r_map);
}

void rdebug_remove(struct dso *d)
{
	struct link_map_abi *lm = &d->lm;
	struct r_debug_abi *r = debug_of(d->ns);

	if (lm->l_prev)
		lm->l_prev->l_next = lm->l_next;
	else if (r->r_map == lm)
		r->r_map = lm->l_next;
	if (lm->l_next)
		lm->l_next->l_prev = lm->l_prev;
	if (list_tails[d->ns] == lm)
		list_tails[d->ns] = lm->l_prev;
	lm->l_next = lm->l_prev = NULL;
}

struct link_map_abi *rdebug_list(void)
{
	return r_debug_base.r_map;
}

/* A namespace's r_debug joins the chain when first used (glibc's
 * _dl_debug_initialize), and stays. */
static void set_up_namespace(long ns)
{
	struct r_debug_abi *r = &ns_debug[ns], **link = &r_debug_base.r_next;

	if (r->r_brk)
		return;
	r->r_version = 2;
	r->r_ldbase = dso_loader->base;
	r->r_brk = (uintptr_t)_dl_debug_state;
	while (*link)
		link = &(*link)->r_next;
	__atomic_store_n(link, r, __ATOMIC_RELEASE);
	__atomic_store_n(&r_debug_base.r_version, 2, __ATOMIC_RELEASE);
}

void rdebug_begin(long ns, int state)
{
	if (ns)
		set_up_namespace(ns);
	if (state == RDEBUG_ADD)
		PROBE(map_start, ns);
	else
		PROBE(unmap_start, ns);
	debug_of(ns)->r_state = state;
	_dl_debug_state();
}

void rdebug_end(long ns)
{
	struct r_debug_abi *r = debug_of(ns);
	int state = r->r_state;

	r->r_state = RDEBUG_CONSISTENT;
	_dl_debug_state();
	if (state == RDEBUG_DELETE)
		PROBE(unmap_complete, ns);
}

void rdebug_map_failed(long ns)
{
	PROBE(map_failed, ns);
}

void rdebug_relocated(long ns, struct link_map_abi *first_new)
{
	PROBE(reloc_complete, ns, first_new);
}

void rdebug_init(int command_mode)
{
	loader_first = command_mode;
	/* (2 already if an auditor's namespace came first: rtld.c) */
	if (!r_debug_base.r_version)
		r_debug_base.r_version = 1;
	r_debug_base.r_brk = (uintptr_t)_dl_debug_state;
	r_debug_base.r_ldbase = dso_loader->base;

	/* The program's DT_DEBUG, while its .dynamic is still writable. */
	const struct dso *p = dso_program;
	if (p->dyn.present[DT_DEBUG]) {
		Elf64_Dyn *debug = (Elf64_Dyn *)&p->dynv[p->dyn.debug_index];

		if (dso_range_writable(p, (uintptr_t)debug - p->base,
				       sizeof(*debug)))
			debug->d_un.d_ptr = (uintptr_t)&r_debug_base;
	}
	PROBE(init_start, 0L);
	r_debug_base.r_state = RDEBUG_ADD;
	_dl_debug_state();
}

void rdebug_publish_startup(void)
{
	/* The order: see rdebug.h. */
	if (loader_first)
		publish(dso_loader);
	/* (An auditor's namespace is published as it opens.) */
	for (struct dso *d = dso_list; d; d = d->next)
		if (d != dso_loader && d->path && !d->ns)
			publish(d);
	if (!loader_first)
		publish(dso_loader);
	r_debug_base.r_state = RDEBUG_CONSISTENT;
	_dl_debug_state();
	PROBE(init_complete, 0L);
}
