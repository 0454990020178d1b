/* SPDX-License-Identifier: MIT */
/*
 * loader/launch_cache_objects.c - the launch cache's view of the
 * start-up objects: the identity each file is recorded with (from
 * map.c's fstat and the build-id in memory), and whether an entry's
 * objects are the ones loaded now.  See launch_cache_file.h.
 */
#include "launch_cache_file.h"
#include "alloc.h"
#include "dso.h"
#include "lib.h"

/* D's build-id from its PT_NOTE segment P in memory, if P is one of
 * ALIGN (4 or 8) that lies in D's image. */
static size_t build_id_in_note(const struct dso *d, const Elf64_Phdr *p,
			       uint64_t align, const uint8_t **id)
{
	if (p->p_type != PT_NOTE || (p->p_align > 4 ? 8 : 4) != align ||
	    p->p_align > 8 || p->p_vaddr % 4 ||
	    !dso_has_range(d, p->p_vaddr, p->p_filesz))
		return 0;
	return lcf_find_build_id(dso_addr(d, p->p_vaddr), p->p_filesz, id);
}

/* D's build-id from its PT_NOTE segments in memory aligned to ALIGN
 * (4 or 8). */
static size_t build_id_in_notes(const struct dso *d, uint64_t align,
				const uint8_t **id)
{
	const Elf64_Phdr *p = d->phdr, *end = p + d->phnum;

	for (; p < end; p++) {
		size_t n = build_id_in_note(d, p, align, id);

		if (n)
			return n;
	}
	return 0;
}

/*
 * D's build-id, from its PT_NOTE segments in memory: those aligned to 4
 * first, where GNU ld and lld put .note.gnu.build-id (the one aligned
 * to 8 before it holds .note.gnu.property), then the others.  The
 * first of those aligned to 4, which map.c noted, nearly always holds
 * it: the walks are for the others.
 */
size_t lc_build_id_of(const struct dso *d, const uint8_t **id)
{
	size_t n = d->note4_phdr ? build_id_in_note(d, d->note4_phdr, 4, id)
				 : 0;

	return n ?: build_id_in_notes(d, 4, id) ?: build_id_in_notes(d, 8, id);
}

/*
 * What the entry records of D.  The program the kernel mapped was not
 * opened by myld: lc.program_st stands in for the fstat map.c makes.
 */
static void identity_of(const struct dso *d, struct lcf_object *o)
{
	const uint8_t *id;

	/* O is zeroed (mem_alloc): the build-id's unused bytes stay so. */
	if (d->from_kernel && d == dso_program) {
		*o = lc.program_id;
	} else {
		o->dev = d->dev;
		o->ino = d->ino;
		o->size = d->file_size;
		o->mtime_ns = d->file_mtime_ns;
		o->ctime_ns = d->file_ctime_ns;
	}
	/* myld's own (standing in for the system's loader) is the key's. */
	if (d == dso_loader) {
		o->build_id_len = lc.loader_build_id_len;
		id = lc.loader_build_id;
	} else {
		o->build_id_len = lc_build_id_of(d, &id);
	}
	lcf_copy_build_id(o->build_id, id, o->build_id_len);
}

static size_t path_len_of(const struct dso *d)
{
	return d->path_len ? d->path_len : strlen(path_of(d));
}

/* Number the start-up's objects and note what each is; -1 when there
 * are too many for the format. */
int lc_list_objects(void)
{
	size_t n = 0;

	for (struct dso *d = dso_list; d; d = d->next)
		n++;
	if (n > LCF_MAX_OBJECTS)
		return -1;
	/* One block for both (lcf_object is a multiple of 8 bytes). */
	lc.ids = mem_alloc(n * (sizeof(*lc.ids) + sizeof(*lc.objects)));
	lc.objects = (struct dso **)(lc.ids + n);
	for (struct dso *d = dso_list; d; d = d->next) {
		d->launch_index = lc.nobjects;
		lc.objects[lc.nobjects] = d;
		identity_of(d, &lc.ids[lc.nobjects++]);
	}
	return 0;
}

/* Does the entry V describe the objects loaded now?  If not, WHY says
 * which differs. */
int lc_entry_matches(const struct lcf_view *v, char *why, size_t size)
{
	if (v->header->key_size != lc.key_size ||
	    memcmp(v->key, lc.key, lc.key_size)) {
		fmt_format(why, size, "stale: its key differs (a hash "
			   "collision)");
		return 0;
	}
	if (v->nobjects != lc.nobjects) {
		fmt_format(why, size, "stale: %lu objects were loaded, %lu "
			   "now",
			   (unsigned long)v->nobjects,
			   (unsigned long)lc.nobjects);
		return 0;
	}
	for (size_t i = 0; i < lc.nobjects; i++) {
		const struct lcf_object *was = &v->objects[i], *now = &lc.ids[i];

		if (!lcf_object_path_is(v, i, path_of(lc.objects[i]),
					path_len_of(lc.objects[i])) ||
		    was->dev != now->dev || was->ino != now->ino ||
		    was->size != now->size || was->mtime_ns != now->mtime_ns ||
		    was->ctime_ns != now->ctime_ns ||
		    was->build_id_len != now->build_id_len ||
		    memcmp(was->build_id, now->build_id, now->build_id_len)) {
			fmt_format(why, size, "stale: object %lu (%s) is not "
				   "the file recorded", (unsigned long)i,
				   path_of(lc.objects[i]));
			return 0;
		}
	}
	return 1;
}
