/* SPDX-License-Identifier: MIT */
/*
 * loader/launch_cache_format.c - laying out, sealing and checking a
 * launch-cache entry.  See launch_cache_format.h.
 */
#include <elf.h>

#include "launch_cache_format.h"
#include "lib.h"

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

int lcf_layout(uint64_t key_size, uint64_t nobjects, uint64_t nbindings,
	       uint64_t nlazy, uint64_t strings_size, struct lcf_layout *l)
{
	/* Each count is bounded first, so no sum below can wrap. */
	if (key_size > LCF_MAX_SIZE || strings_size > LCF_MAX_SIZE ||
	    nobjects > LCF_MAX_OBJECTS ||
	    nbindings > LCF_MAX_SIZE / sizeof(struct lcf_binding) ||
	    nlazy > LCF_MAX_SIZE / sizeof(struct lcf_lazy))
		return -1;
	l->key = sizeof(struct lcf_header);
	l->objects = l->key + round8(key_size);
	l->bindings = l->objects + nobjects * sizeof(struct lcf_object);
	l->lazy = l->bindings + nbindings * sizeof(struct lcf_binding);
	l->strings = l->lazy + nlazy * sizeof(struct lcf_lazy);
	l->total = round8(l->strings + strings_size);
	return l->total > LCF_MAX_SIZE ? -1 : 0;
}

/*
 * A multiply-xorshift over 8-byte words, two words a multiplication
 * (the second added after the first is mixed in): about one and a half
 * instructions a word, so that checking a large entry costs little next
 * to what it saves.  Any change of a byte changes the word it is in,
 * and so the pair's sum, and the state after it: the multiplier is odd.
 */
#define LCF_MIX 0x9e3779b97f4a7c15ull

uint64_t lcf_checksum_begin(void)
{
	return 0x6d796c646c630003ull;
}

uint64_t lcf_checksum_add(uint64_t h, const void *p, size_t len)
{
	const uint64_t *w = p;
	size_t n = len / 8, i = 0;

	/* Eight pairs a turn: the loop's own test is then a small part. */
	for (; i + 16 <= n; i += 16) {
#pragma GCC unroll 8
		for (size_t k = 0; k < 16; k += 2)
			h = ((h ^ w[i + k]) + w[i + k + 1]) * LCF_MIX;
	}
	for (; i + 2 <= n; i += 2)
		h = ((h ^ w[i]) + w[i + 1]) * LCF_MIX;
	if (i < n)
		h = (h ^ w[i]) * LCF_MIX;
	return h;
}

uint64_t lcf_checksum_end(uint64_t h)
{
	return h ^ (h >> 29);
}

uint64_t lcf_checksum_parts(const void *buf, const struct lcf_layout *l)
{
	const char *b = buf;
	const size_t at[] = { l->key, l->objects, l->bindings, l->lazy,
			      l->strings, l->total };
	uint64_t h = lcf_checksum_begin();

	for (size_t i = 0; i + 1 < sizeof(at) / sizeof(at[0]); i++)
		h = lcf_checksum_add(h, b + at[i], at[i + 1] - at[i]);
	return lcf_checksum_end(h);
}

void lcf_header_fill(struct lcf_header *h, const struct lcf_layout *l,
		     uint16_t machine, uint32_t key_size, uint32_t nobjects,
		     uint32_t nbindings, uint32_t nlazy,
		     uint32_t strings_size, uint64_t checksum)
{
	*h = (struct lcf_header){ 0 };
	__builtin_memcpy(h->magic, LCF_MAGIC, sizeof(h->magic));
	h->version = LCF_VERSION;
	h->machine = machine;
	h->header_size = sizeof(*h);
	h->total_size = l->total;
	h->key_size = key_size;
	h->nobjects = nobjects;
	h->nbindings = nbindings;
	h->strings_size = strings_size;
	h->nlazy = nlazy;
	h->checksum = checksum;
}

void lcf_seal(void *buf, const struct lcf_layout *l, uint16_t machine,
	      uint32_t key_size, uint32_t nobjects, uint32_t nbindings,
	      uint32_t nlazy, uint32_t strings_size)
{
	lcf_header_fill(buf, l, machine, key_size, nobjects, nbindings, nlazy,
			strings_size, lcf_checksum_parts(buf, l));
}

static int refuse(char *err, const char *why)
{
	fmt_format(err, LCF_ERR_SIZE, "%s", why);
	return -1;
}

/* The header alone: is it ours, and does it describe LEN bytes? */
static int check_header(const struct lcf_header *h, size_t len,
			uint16_t machine, struct lcf_layout *l, char *err)
{
	if (len < sizeof(*h))
		return refuse(err, "shorter than its header");
	if (memcmp(h->magic, LCF_MAGIC, sizeof(h->magic)))
		return refuse(err, "not a launch-cache file");
	if (h->version != LCF_VERSION || h->header_size != sizeof(*h) ||
	    h->reserved)
		return refuse(err, "another version of the format");
	if (h->machine != machine)
		return refuse(err, "made for another CPU");
	if (h->total_size != len)
		return refuse(err, "truncated, or longer than its header says");
	if (lcf_layout(h->key_size, h->nobjects, h->nbindings, h->nlazy,
		       h->strings_size, l) < 0 || l->total != len)
		return refuse(err, "sizes in the header do not add up");
	if (!h->key_size || !h->strings_size)
		return refuse(err, "empty key or strings");
	return 0;
}

int lcf_parse(const void *buf, size_t len, uint16_t machine,
	      struct lcf_view *v, char *err)
{
	const struct lcf_header *h = buf;
	const char *base = buf;
	struct lcf_layout l;

	if ((uintptr_t)buf % 8)
		return refuse(err, "misaligned buffer");
	if (check_header(h, len, machine, &l, err))
		return -1;
	if (lcf_checksum_parts(buf, &l) != h->checksum)
		return refuse(err, "checksum mismatch (damaged)");
	v->header = h;
	v->key = base + l.key;
	v->objects = (const void *)(base + l.objects);
	v->bindings = (const void *)(base + l.bindings);
	v->lazy = (const void *)(base + l.lazy);
	v->strings = base + l.strings;
	v->nobjects = h->nobjects;
	v->nbindings = h->nbindings;
	v->nlazy = h->nlazy;
	if (v->key[h->key_size - 1] != '\0' ||
	    v->strings[h->strings_size - 1] != '\0')
		return refuse(err, "key or strings not terminated");
	for (size_t i = 0; i < v->nobjects; i++)
		if (v->objects[i].path >= h->strings_size ||
		    v->objects[i].build_id_len > LCF_BUILD_ID_MAX)
			return refuse(err, "an object's path or build-id lies "
				      "outside the file");
	for (size_t i = 0; i < v->nbindings; i++) {
		uint16_t o = v->bindings[i].def_obj;

		if (o >= v->nobjects && o != LCF_NO_OBJECT)
			return refuse(err, "a binding names an object the "
				      "entry does not have");
	}
	for (size_t i = 0; i < v->nlazy; i++)
		if (v->lazy[i].ref_obj >= v->nobjects ||
		    (v->lazy[i].flags & ~LCF_LAZY_IFUNC) ||
		    v->lazy[i].answer.def_obj >= v->nobjects)
			return refuse(err, "a lazy slot names an object the "
				      "entry does not have");
	return 0;
}

int lcf_object_path_is(const struct lcf_view *v, size_t i, const char *path,
		       size_t len)
{
	size_t at = v->objects[i].path;	/* below strings_size: lcf_parse */

	/* Compared whole, the NUL included (LEN + 1 bytes, a word at a
	 * time: the entry's paths are packed, so unaligned), and not past
	 * the strings. */
	return len < v->header->strings_size - at &&
	       !memcmp(v->strings + at, path, len + 1);
}

/* The 4 bytes at P as a word. */
static inline uint32_t owner_of(const uint8_t *p)
{
	uint32_t w;

	__builtin_memcpy(&w, p, 4);
	return w;
}

/* The bytes "GNU\0" as a word of this CPU's byte order. */
static inline uint32_t gnu_owner(void)
{
	uint32_t w;

	__builtin_memcpy(&w, "GNU", 4);
	return w;
}

/* An ELF note's header, and its parts' sizes rounded to 4. */
size_t lcf_find_build_id(const void *notes, size_t size, const uint8_t **id)
{
	const uint8_t *p = notes;

	while (size >= sizeof(Elf64_Nhdr)) {
		const Elf64_Nhdr *n = (const void *)p;
		uint64_t name = ((uint64_t)n->n_namesz + 3) & ~3ull;
		uint64_t desc = ((uint64_t)n->n_descsz + 3) & ~3ull;
		uint64_t whole = sizeof(*n) + name + desc;

		if (whole > size)
			return 0;
		/* The owner "GNU\0" compared as one word (inside the note:
		 * its name is 4 bytes long). */
		if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
		    n->n_descsz && owner_of(p + sizeof(*n)) == gnu_owner()) {
			*id = p + sizeof(*n) + name;
			return n->n_descsz < LCF_BUILD_ID_MAX
				       ? n->n_descsz : LCF_BUILD_ID_MAX;
		}
		p += whole;
		size -= whole;
	}
	return 0;
}

void lcf_copy_build_id(uint8_t *to, const uint8_t *from, size_t n)
{
	size_t i = 0;

	/* A SHA-1 (20 bytes, GNU ld's and lld's default) in two steps;
	 * a memcpy call cost more than the copy. */
	if (n >= 16) {
		__builtin_memcpy(to, from, 16);
		i = 16;
	}
	for (; i < n; i += 4)
		__builtin_memcpy(to + i, from + i, 4);
}
