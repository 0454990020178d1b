/* SPDX-License-Identifier: MIT */
/*
 * loader/rdebug.c - see rdebug.h.
 */
#include "rdebug.h"
#include "alloc.h"
#include "lib.h"
#include "load.h"
#include "path.h"
#include "sys.h"

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
	char cwd[PATH_MAX_LEN], abs[PATH_MAX_LEN];

	if (path[0] == '/')
		return mem_strdup(path);
	if (SYS_FAILED(sys_getcwd(cwd, sizeof(cwd))) ||
	    path_absolute(path, cwd, abs, sizeof(abs)) < 0)
		return mem_strdup(path);
	return mem_strdup(abs);
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

/* Rebuild the list from dso_list, in the order rdebug_init explains. */
static void rebuild(void)
{
	struct link_map_abi *head = NULL, **tail = &head, *prev = NULL;

	if (loader_first) {
		append_entry(tail, &prev, dso_loader);
		tail = &prev->l_next;
	}
	for (struct dso *d = dso_list; d; d = d->next) {
		if (d == dso_loader || !d->path)
			continue;
		append_entry(tail, &prev, d);
		tail = &prev->l_next;
	}
	if (!loader_first)
		append_entry(tail, &prev, dso_loader);
	_r_debug.r_map = head;
}

struct link_map_abi *rdebug_list(void)
{
	return _r_debug.r_map;
}

void rdebug_begin(int state)
{
	_r_debug.r_state = state;
	_dl_debug_state();
}

void rdebug_end(void)
{
	rebuild();
	_r_debug.r_state = RDEBUG_CONSISTENT;
	_dl_debug_state();
}

void rdebug_init(int command_mode)
{
	loader_first = command_mode;
	_r_debug.r_version = 1;
	_r_debug.r_brk = (uintptr_t)_dl_debug_state;
	_r_debug.r_ldbase = dso_loader->base;

	/* The program's DT_DEBUG, while its .dynamic is still writable. */
	const struct dso *p = dso_program;
	for (size_t i = 0; p->dynv && i < p->dyn_count &&
			   p->dynv[i].d_tag != DT_NULL; i++) {
		if (p->dynv[i].d_tag == DT_DEBUG &&
		    dso_range_writable(p, (uintptr_t)&p->dynv[i] - p->base,
				       sizeof(Elf64_Dyn)))
			((Elf64_Dyn *)p->dynv)[i].d_un.d_ptr =
				(uintptr_t)&_r_debug;
	}
	rdebug_begin(RDEBUG_ADD);
	rdebug_end();
}
