/* SPDX-License-Identifier: MIT */
/*
 * loader/alloc.c - see alloc.h.
 *
 * Each block is preceded by a 16-byte header holding its size class (or,
 * for a large block, its mapping length), so mem_free needs no size
 * argument, and, for a small block, the chunk it was carved from.
 * Classes go by 16 bytes up to 64, then four to each doubling up to 2048
 * (80, 96, 112, 128, 160, ..., 1792, 2048): a block is at most a quarter
 * larger than asked for, not up to twice, which matters because every
 * page the blocks spread over costs a page fault when first written.
 *
 * Small blocks are carved, end to end, from 64 KiB chunks; a chunk counts
 * its blocks in use.  When the last of them is freed, the chunk goes back
 * to the system (a dlclose frees what the object's load allocated), except
 * the chunk blocks are being carved from now: it is kept, so that a block
 * allocated and freed over and over does not map and unmap a chunk each
 * time.  A free block waits on its class's list, doubly linked, so that
 * releasing a chunk can take each of its blocks off its list: they lie end
 * to end after the chunk's header, each header giving its class, so every
 * one is found without a search.
 */
#include "alloc.h"
#include "diag.h"
#include "lib.h"
#include "sys.h"

#define MIN_SHIFT 4				/* 16 bytes */
#define NUM_CLASSES 24
#define LARGEST_CLASS 2048
#define CHUNK_SIZE (64 * 1024)
#define HEADER 16

/* The first 16 bytes of a chunk; its blocks follow, 16-byte aligned. */
struct chunk {
	size_t live;		/* blocks allocated and not freed */
	char *carved_end;	/* the end of the last block carved */
};

struct block_header {
	size_t tag;		/* the class, or a large block's length */
	struct chunk *chunk;	/* a small block's chunk */
};

/* In the payload of a free block (16 bytes at least). */
struct free_block {
	struct free_block *next, *prev;
};

_Static_assert(sizeof(struct chunk) == HEADER &&
	       sizeof(struct block_header) == HEADER &&
	       sizeof(struct free_block) <= ((size_t)1 << MIN_SHIFT),
	       "the layout of chunks and blocks");

static struct free_block *free_lists[NUM_CLASSES];
static struct chunk *chunk_now;		/* the one blocks are carved from */
static char *chunk_cur, *chunk_end;

static void *map_pages(size_t len, int flags)
{
	void *p = sys_mmap(NULL, len, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	if (SYS_FAILED(p))
		diag_die("myld", "out of memory");
	return p;
}

/* The payload bytes of each class, in step with class_of. */
static const unsigned short class_bytes[NUM_CLASSES] = {
	16, 32, 48, 64,
	80, 96, 112, 128,
	160, 192, 224, 256,
	320, 384, 448, 512,
	640, 768, 896, 1024,
	1280, 1536, 1792, LARGEST_CLASS,
};

static unsigned class_of(size_t size)
{
	if (size <= 64)
		return size ? (unsigned)((size - 1) >> MIN_SHIFT) : 0;
	/* 2^k < size <= 2^(k+1), k >= 6: the quarter of that doubling. */
	unsigned k = 63 - (unsigned)__builtin_clzll(size - 1);

	return 4 * (k - 5) + (unsigned)(((size - 1) >> (k - 2)) & 3);
}

static size_t block_size(unsigned c)
{
	return (size_t)class_bytes[c] + HEADER;
}

#define LARGE(size) ((size) > LARGEST_CLASS)

static void *alloc_large(size_t size, int flags)
{
	size_t total;

	if (__builtin_add_overflow(size, HEADER + 4095, &total))
		diag_die("myld", "out of memory");
	total &= ~(size_t)4095;
	char *p = map_pages(total, flags);
	((struct block_header *)p)->tag = total;
	return p + HEADER;
}

static void list_push(unsigned c, struct free_block *b)
{
	b->prev = NULL;
	b->next = free_lists[c];
	if (b->next)
		b->next->prev = b;
	free_lists[c] = b;
}

static void list_remove(unsigned c, struct free_block *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		free_lists[c] = b->next;
	if (b->next)
		b->next->prev = b->prev;
}

/* Give back CH, none of whose blocks is in use: every one of them is on
 * its free list, and comes off it first. */
static void release_chunk(struct chunk *ch)
{
	char *p = (char *)(ch + 1);

	while (p < ch->carved_end) {
		unsigned c = (unsigned)((struct block_header *)p)->tag;

		list_remove(c, (struct free_block *)(p + HEADER));
		p += block_size(c);
	}
	sys_munmap(ch, CHUNK_SIZE);
}

/* A new chunk to carve from; the one before goes back if it is empty. */
static void start_chunk(void)
{
	struct chunk *old = chunk_now;

	chunk_now = map_pages(CHUNK_SIZE, 0);
	chunk_cur = (char *)(chunk_now + 1);
	chunk_end = (char *)chunk_now + CHUNK_SIZE;
	chunk_now->carved_end = chunk_cur;
	if (old && old->live == 0)
		release_chunk(old);
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
	size_t block = block_size(c);
	struct block_header *h;

	if (free_lists[c]) {
		struct free_block *b = free_lists[c];

		list_remove(c, b);
		h = (struct block_header *)b - 1;
		/* Only what the caller asked for: the rest of the class is
		 * never read (a fresh block is zero from the kernel). */
		memset(b, 0, size);
	} else {
		if ((size_t)(chunk_end - chunk_cur) < block)
			start_chunk();
		h = (struct block_header *)chunk_cur;
		h->tag = c;
		h->chunk = chunk_now;
		chunk_cur += block;
		chunk_now->carved_end = chunk_cur;
	}
	h->chunk->live++;
	return h + 1;
}

void mem_free(void *ptr)
{
	if (!ptr)
		return;
	struct block_header *h = (struct block_header *)ptr - 1;

	if (h->tag >= NUM_CLASSES) {
		sys_munmap(h, h->tag);
		return;
	}
	struct chunk *ch = h->chunk;

	list_push((unsigned)h->tag, ptr);
	if (--ch->live == 0 && ch != chunk_now)
		release_chunk(ch);
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
