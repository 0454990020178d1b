/* SPDX-License-Identifier: MIT */
/*
 * loader/tls.c - see tls.h.
 */
#include "tls.h"
#include "alloc.h"
#include "diag.h"
#include "lib.h"
#include "map.h"
#include "sys.h"
#include "tls_layout.h"

/* One DTV entry, as glibc lays it out. */
union dtv_entry {
	uint64_t counter;
	struct {
		void *val;
		void *to_free;
	} pointer;
};

static size_t tls_module_count;

int tls_register(struct dso *d, char *err)
{
	const Elf64_Phdr *p = elf_find_phdr(d->phdr, d->phnum, PT_TLS);

	if (!p || p->p_memsz == 0)
		return 0;
	if (p->p_filesz && !dso_has_range(d, p->p_vaddr, p->p_filesz)) {
		fmt_format(err, ELF_ERR_SIZE,
			   "PT_TLS image lies outside the loaded image");
		return -1;
	}
	if (p->p_align & (p->p_align - 1)) {
		fmt_format(err, ELF_ERR_SIZE,
			   "PT_TLS alignment %#lx is not a power of two",
			   (unsigned long)p->p_align);
		return -1;
	}
	d->tls_modid = ++tls_module_count;
	d->tls_image = dso_addr(d, p->p_vaddr);
	d->tls_filesz = p->p_filesz;
	d->tls_memsz = p->p_memsz;
	d->tls_align = p->p_align ? p->p_align : 1;
	d->tls_vaddr = p->p_vaddr;
	return 0;
}

static void *map_zeroed(size_t size)
{
	void *p = sys_mmap(NULL, size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (SYS_FAILED(p))
		diag_die("myld", "cannot allocate the static TLS area");
	return p;
}

void tls_setup_static(const void *random)
{
	size_t n = 0, i = 0;

	for (struct dso *d = dso_list; d; d = d->next)
		if (d->tls_modid)
			n++;

	struct tls_segment *segs = mem_alloc((n + 1) * sizeof(*segs));
	int64_t *offsets = mem_alloc((n + 1) * sizeof(*offsets));
	struct tls_area area;

	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->tls_modid)
			continue;
		segs[i].memsz = d->tls_memsz;
		segs[i].align = d->tls_align;
		segs[i].vaddr = d->tls_vaddr;
		i++;
	}
	if (tls_layout(segs, n, ARCH_TLS_VARIANT, ARCH_TLS_TCB_SIZE, offsets,
		       &area) < 0)
		diag_die("myld", "cannot lay out static TLS");

	/*
	 * One mapping holds, in order: room to align TP, the blocks below
	 * TP (variant II), the TCB and the blocks above TP.
	 */
	size_t above = area.above_tp > ARCH_TLS_TCB_SIZE ? area.above_tp
							 : ARCH_TLS_TCB_SIZE;
	size_t size = area.max_align + area.below_tp + above;
	char *mem = map_zeroed(ALIGN_UP(size, map_page_size));
	uintptr_t tp = ALIGN_UP((uintptr_t)mem + area.below_tp,
				area.max_align);

	/* The DTV: slots for every module, plus the two header entries. */
	union dtv_entry *dtv = mem_alloc((n + 2) * sizeof(*dtv));
	dtv[0].counter = n;
	dtv++;
	dtv[0].counter = 0;	/* generation */

	i = 0;
	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->tls_modid)
			continue;
		d->tls_offset = offsets[i++];
		char *block = (char *)tp + d->tls_offset;

		memcpy(block, d->tls_image, d->tls_filesz);
		/* .tbss is already zero: the mapping is fresh. */
		dtv[d->tls_modid].pointer.val = block;
	}
	mem_free(segs);
	mem_free(offsets);

	/* The stack guard, as glibc derives it: AT_RANDOM's first word
	 * with a zero low byte, so that string overflows stop at it. */
	uint64_t guard = 0;
	if (random)
		memcpy(&guard, random, sizeof(guard));
	guard &= ~(uint64_t)0xff;

	arch_tcb_init((void *)tp, dtv, guard);
	if (SYS_FAILED(arch_set_tp((void *)tp)))
		diag_die("myld", "cannot set the thread pointer");
}

__attribute__((visibility("default"))) void *
__tls_get_addr(struct tls_index *ti)
{
	char *tp = arch_get_tp();
	union dtv_entry *dtv = *(union dtv_entry **)(tp + ARCH_TCB_DTV_OFFSET);

	if (ti->module == 0 || ti->module > dtv[-1].counter ||
	    !dtv[ti->module].pointer.val)
		diag_die("myld", "__tls_get_addr: no TLS block for module "
			 "%lu", (unsigned long)ti->module);
	return (char *)dtv[ti->module].pointer.val + ti->offset;
}
