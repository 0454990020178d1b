/* SPDX-License-Identifier: MIT */
/*
 * loader/alloc.c - see alloc.h.
 *
 * Each block is preceded by a 16-byte header holding its size class (or,
 * for a large block, its mapping length), so mem_free needs no size
 * argument.  Classes are powers of two from 16 to 2048 bytes.
 */
#include "alloc.h"
#include "diag.h"
#include "lib.h"
#include "sys.h"

#define MIN_SHIFT 4				/* 16 bytes */
#define NUM_CLASSES 8				/* up to 2048 bytes */
#define CHUNK_SIZE (64 * 1024)
#define HEADER 16

struct free_block {
	struct free_block *next;
};

static struct free_block *free_lists[NUM_CLASSES];
static char *chunk_cur, *chunk_end;

static void *map_pages(size_t len, int flags)
{
	void *p = sys_mmap(NULL, len, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	if (SYS_FAILED(p))
		diag_die("myld", "out of memory");
	return p;
}

static unsigned class_of(size_t size)
{
	/* The smallest c with 2^(c + MIN_SHIFT) >= size. */
	if (size <= ((size_t)1 << MIN_SHIFT))
		return 0;
	return 64 - __builtin_clzll(size - 1) - MIN_SHIFT;
}

#define LARGE(size) ((size) > ((size_t)1 << (MIN_SHIFT + NUM_CLASSES - 1)))

static void *alloc_large(size_t size, int flags)
{
	size_t total;

	if (__builtin_add_overflow(size, HEADER + 4095, &total))
		diag_die("myld", "out of memory");
	total &= ~(size_t)4095;
	char *p = map_pages(total, flags);
	*(size_t *)p = total;
	return p + HEADER;
}

void *mem_alloc_filled(size_t size)
{
	return LARGE(size) ? alloc_large(size, MAP_POPULATE) : mem_alloc(size);
}

void *mem_alloc(size_t size)
{
	if (LARGE(size))
		return alloc_large(size, 0);

	unsigned c = class_of(size);
	size_t block = ((size_t)1 << (c + MIN_SHIFT)) + HEADER;
	char *p;

	if (free_lists[c]) {
		p = (char *)free_lists[c] - HEADER;
		free_lists[c] = free_lists[c]->next;
		memset(p + HEADER, 0, block - HEADER);
	} else {
		if ((size_t)(chunk_end - chunk_cur) < block) {
			chunk_cur = map_pages(CHUNK_SIZE, 0);
			chunk_end = chunk_cur + CHUNK_SIZE;
		}
		p = chunk_cur;
		chunk_cur += block;
	}
	*(size_t *)p = c;
	return p + HEADER;
}

void mem_free(void *ptr)
{
	if (!ptr)
		return;
	char *p = (char *)ptr - HEADER;
	size_t tag = *(size_t *)p;

	if (tag >= NUM_CLASSES) {
		sys_munmap(p, tag);
		return;
	}
	struct free_block *b = ptr;
	b->next = free_lists[tag];
	free_lists[tag] = b;
}

char *mem_strndup(const char *s, size_t n)
{
	char *d = mem_alloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *mem_strdup(const char *s)
{
	return mem_strndup(s, strlen(s));
}
