/* SPDX-License-Identifier: MIT */
/*
 * loader/launch_cache_format.h - the file of one launch-cache entry, and
 * its reader (pure: no system calls, no global state; the unit tests and
 * a fuzzer drive it on the host).  docs/launch-cache.md explains the
 * cache; loader/launch_cache.c records and applies entries.
 *
 * An entry is one file, in native byte order, every part 8-byte aligned:
 *
 *   struct lcf_header
 *   the key: text, NUL-terminated (key_size bytes, padded to 8)
 *   nobjects struct lcf_object: the objects loaded at start-up, in load
 *                               order, each with its file's identity
 *   nbindings struct lcf_binding: the definition each symbol look-up of
 *                               the start-up's relocation found, in the
 *                               order the look-ups were made
 *   nlazy struct lcf_lazy:      lazy PLT slots bound after start-up, to
 *                               be bound at the next start's relocation
 *   strings (strings_size bytes): the objects' paths, NUL-terminated
 *
 * The header's checksum covers every byte after the header, so a file
 * damaged by accident is refused whole.  A file crafted to pass is the
 * user's own (launch_cache.c reads no other), and still cannot make the
 * reader or myld read outside what it allocated: every index is checked
 * where it is used.
 */
#ifndef MYLD_LAUNCH_CACHE_FORMAT_H
#define MYLD_LAUNCH_CACHE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define LCF_MAGIC "MYLDLC\r\n"		/* 8 bytes, no NUL */
#define LCF_VERSION 3
#define LCF_MAX_SIZE ((uint64_t)256 << 20)
#define LCF_MAX_OBJECTS 65534u
#define LCF_NO_OBJECT 0xffffu	/* a weak reference that found nothing */
#define LCF_BUILD_ID_MAX 32
#define LCF_ERR_SIZE 96

struct lcf_header {
	char magic[8];
	uint32_t version;
	uint16_t machine;	/* e_machine of the objects (EM_*) */
	uint16_t header_size;	/* sizeof(struct lcf_header) */
	uint64_t total_size;	/* the whole file */
	uint64_t checksum;	/* lcf_checksum_parts of what follows it */
	uint32_t key_size;	/* the key text with its NUL */
	uint32_t nobjects;
	uint32_t nbindings;
	uint32_t strings_size;
	uint32_t nlazy;
	uint32_t reserved;	/* 0 */
};

/* One object, as stat(2) and its NT_GNU_BUILD_ID note described it. */
struct lcf_object {
	uint64_t dev, ino, size;
	int64_t mtime_ns, ctime_ns;
	uint32_t path;		/* offset of its path in the strings */
	uint32_t build_id_len;	/* 0: none */
	uint8_t build_id[LCF_BUILD_ID_MAX];
};

/*
 * One look-up's answer: symbol DEF_SYM of the object at position
 * DEF_OBJ in load order (LCF_NO_OBJECT: none).  CHECK is
 * lcf_binding_check() of the question (which object asked, for which of
 * its symbols, for what kind of relocation), so that an answer is never
 * given to another question.
 */
struct lcf_binding {
	uint32_t def_sym;
	uint16_t def_obj;
	uint16_t check;
};

/*
 * A lazy PLT slot that was bound after start-up: slot SLOT (its index
 * in DT_JMPREL) of the object at position REF_OBJ, bound to ANSWER,
 * whose check is lcf_binding_check(REF_OBJ, the slot's symbol,
 * LCF_KIND_PLT).
 */
struct lcf_lazy {
	uint32_t slot;
	uint16_t ref_obj;
	uint16_t flags;		/* LCF_LAZY_* */
	struct lcf_binding answer;
};

/* The definition is an IFUNC: the slot is not bound at start-up, its
 * resolver runs at the first call, whose look-up ANSWER answers. */
#define LCF_LAZY_IFUNC 1u

/* The kinds of look-up, which can find different definitions. */
enum lcf_kind {
	LCF_KIND_DATA = 0,	/* every type but the two below */
	LCF_KIND_PLT = 1,	/* JUMP_SLOT: skips canonical PLT entries */
	LCF_KIND_COPY = 2,	/* COPY: skips the program itself */
};

/* (Cheap, since every look-up computes one: the symbol index's low bits
 * and the kind, with the object's position folded into the top.) */
static inline uint16_t lcf_binding_check(uint32_t ref_obj, uint32_t ref_sym,
					 unsigned kind)
{
	/* Made in 32 bits (what the CPUs do best), cut to 16 at the end;
	 * kind is below 4, so the sum is the OR. */
	uint32_t c = ref_sym * 4 + kind;

	c ^= ref_obj << 10;
	c ^= ref_sym >> 14;
	__asm__("" : "+r"(c));
	return (uint16_t)c;
}

/* Where each part lies in a file of the given sizes. */
struct lcf_layout {
	size_t key, objects, bindings, lazy, strings, total;
};

/* Fill L; returns 0, or -1 when the sizes exceed the format's limits. */
int lcf_layout(uint64_t key_size, uint64_t nobjects, uint64_t nbindings,
	       uint64_t nlazy, uint64_t strings_size, struct lcf_layout *l);

/*
 * The entry's checksum: its parts after the header (the key padded to 8
 * bytes, the objects, the bindings, the lazy slots, the strings padded
 * to 8 bytes), each summed on its own, in order: lcf_checksum_begin(),
 * then lcf_checksum_add for each part (8-byte aligned, a multiple of 8
 * bytes long), then lcf_checksum_end.  A part may be summed in pieces
 * of an even number of words (the lazy slots are 2 words each).  (The
 * length is not in it: the header's total_size is checked against the
 * file's.)
 */
uint64_t lcf_checksum_begin(void);
uint64_t lcf_checksum_add(uint64_t h, const void *p, size_t len);
uint64_t lcf_checksum_end(uint64_t h);

/* The checksum of the entry at BUF, laid out as L. */
uint64_t lcf_checksum_parts(const void *buf, const struct lcf_layout *l);

/* The header of a file laid out as L, with CHECKSUM. */
void lcf_header_fill(struct lcf_header *h, const struct lcf_layout *l,
		     uint16_t machine, uint32_t key_size, uint32_t nobjects,
		     uint32_t nbindings, uint32_t nlazy,
		     uint32_t strings_size, uint64_t checksum);

/* Fill in the header of the file of LEN bytes at BUF, whose parts are
 * written at L's offsets: the checksum last. */
void lcf_seal(void *buf, const struct lcf_layout *l, uint16_t machine,
	      uint32_t key_size, uint32_t nobjects, uint32_t nbindings,
	      uint32_t nlazy, uint32_t strings_size);

/* A checked file: its parts, in place. */
struct lcf_view {
	const struct lcf_header *header;
	const char *key;
	const struct lcf_object *objects;
	const struct lcf_binding *bindings;
	const struct lcf_lazy *lazy;
	const char *strings;
	size_t nobjects, nbindings, nlazy;
};

/*
 * Check the LEN bytes at BUF (8-byte aligned) as an entry for objects
 * of MACHINE.  Returns 0 with V filled, or -1 with the reason in ERR
 * (LCF_ERR_SIZE bytes).  After 0: the key and every path are
 * NUL-terminated inside the file, every binding's def_obj is below
 * nobjects or LCF_NO_OBJECT, every lazy slot's ref_obj and def_obj
 * below nobjects, every build_id_len is at most
 * LCF_BUILD_ID_MAX.
 */
int lcf_parse(const void *buf, size_t len, uint16_t machine,
	      struct lcf_view *v, char *err);

static inline const char *lcf_object_path(const struct lcf_view *v,
					  size_t i)
{
	return v->strings + v->objects[i].path;
}

/* Is object I's path PATH, which is LEN bytes long (I below nobjects)? */
int lcf_object_path_is(const struct lcf_view *v, size_t i, const char *path,
		       size_t len);

/*
 * The NT_GNU_BUILD_ID note among the SIZE bytes of notes at NOTES
 * (4-byte aligned): returns its length (at most LCF_BUILD_ID_MAX, longer
 * ones are cut) with *ID pointing at it, or 0 when there is none.
 */
size_t lcf_find_build_id(const void *notes, size_t size,
			 const uint8_t **id);

/* The N bytes (at most LCF_BUILD_ID_MAX) of a build-id at FROM, which
 * lcf_find_build_id found, into TO, 4 bytes at a time: FROM is inside
 * its note, whose descriptor is padded to 4 bytes. */
void lcf_copy_build_id(uint8_t *to, const uint8_t *from, size_t n);

#endif
