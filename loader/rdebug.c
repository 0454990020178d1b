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
 * names and arguments glibc's loader uses (the namespace, 0 here; the
 * r_debug; and, for map_complete and reloc_complete, the first new
 * link_map).  Without <sys/sdt.h> they compile to nothing.
 */
#ifdef MYLD_HAVE_SDT
#include <sys/sdt.h>
/*
 * The probe arguments must be registers or simple operands a debugger
 * can decode: the address of the exported _r_debug would otherwise be
 * written as a GOT-relative memory operand, which gdb cannot parse.
 */
#define PROBE_0(name)                                                    \
	do {                                                             \
		void *rd = &_r_debug;                                    \
		__asm__("" : "+r"(rd));                                  \
		STAP_PROBE2(rtld, name, 0L, rd);                         \
	} while (0)
#define PROBE_1(name, arg)                                               \
	do {                                                             \
		void *rd = &_r_debug, *new_map = (arg);                  \
		__asm__("" : "+r"(rd), "+r"(new_map));                   \
		STAP_PROBE3(rtld, name, 0L, rd, new_map);                \
	} while (0)
#else
#define PROBE_0(name) ((void)0)
#define PROBE_1(name, arg) ((void)(arg))
#endif
#define PROBE_PICK(_1, _2, which, ...) which
#define PROBE(...) PROBE_PICK(__VA_ARGS__, PROBE_1, PROBE_0)(__VA_ARGS__)

struct r_debug_abi {
	int r_version;
	struct link_map_abi *r_map;
	uintptr_t r_brk;
	int r_state;
	uintptr_t r_ldbase;
};

__attribute__((visibility("default")))
struct r_debug_abi _r_debug;

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

static struct link_map_abi *list_tail;

/* Append D to the list debuggers read. */
static void publish(struct dso *d)
{
	struct link_map_abi *prev = list_tail;

	append_entry(prev ? &prev->l_next : &_r_debug.r_map, &prev, d);
	list_tail = &d->lm;
}

void rdebug_publish_from(struct dso *first)
{
	struct link_map_abi *old_tail = list_tail;

	for (struct dso *d = first; d; d = d->next)
		if (d != dso_loader && d->path)
			publish(d);
	PROBE(map_complete, old_tail ? old_tail->l_next : _r_debug.r_map);
}

void rdebug_remove(struct dso *d)
{
	struct link_map_abi *lm = &d->lm;

	if (lm->l_prev)
		lm->l_prev->l_next = lm->l_next;
	else if (_r_debug.r_map == lm)
		_r_debug.r_map = lm->l_next;
	if (lm->l_next)
		lm->l_next->l_prev = lm->l_prev;
	if (list_tail == lm)
		list_tail = lm->l_prev;
	lm->l_next = lm->l_prev = NULL;
}

struct link_map_abi *rdebug_list(void)
{
	return _r_debug.r_map;
}

void rdebug_begin(int state)
{
	if (state == RDEBUG_ADD)
		PROBE(map_start);
	else
		PROBE(unmap_start);
	_r_debug.r_state = state;
	_dl_debug_state();
}

void rdebug_end(void)
{
	int state = _r_debug.r_state;

	_r_debug.r_state = RDEBUG_CONSISTENT;
	_dl_debug_state();
	if (state == RDEBUG_DELETE)
		PROBE(unmap_complete);
}

void rdebug_map_failed(void)
{
	PROBE(map_failed);
}

void rdebug_relocated(struct link_map_abi *first_new)
{
	PROBE(reloc_complete, first_new);
}

void rdebug_init(int command_mode)
{
	loader_first = command_mode;
	_r_debug.r_version = 1;
	_r_debug.r_brk = (uintptr_t)_dl_debug_state;
	_r_debug.r_ldbase = dso_loader->base;

	/* The program's DT_DEBUG, while its .dynamic is still writable. */
	const struct dso *p = dso_program;
	if (p->dyn.present[DT_DEBUG]) {
		Elf64_Dyn *debug = (Elf64_Dyn *)&p->dynv[p->dyn.debug_index];

		if (dso_range_writable(p, (uintptr_t)debug - p->base,
				       sizeof(*debug)))
			debug->d_un.d_ptr = (uintptr_t)&_r_debug;
	}
	PROBE(init_start);
	_r_debug.r_state = RDEBUG_ADD;
	_dl_debug_state();
}

void rdebug_publish_startup(void)
{
	/* The order: see rdebug.h. */
	if (loader_first)
		publish(dso_loader);
	for (struct dso *d = dso_list; d; d = d->next)
		if (d != dso_loader && d->path)
			publish(d);
	if (!loader_first)
		publish(dso_loader);
	_r_debug.r_state = RDEBUG_CONSISTENT;
	_dl_debug_state();
	PROBE(init_complete);
}
