/* SPDX-License-Identifier: MIT */
/*
 * loader/map.c - mapping segments.  See map.h.
 *
 * The order of operations matters.  The whole span is reserved first,
 * PROT_NONE, so the segments land at the right distances from each other
 * and nothing else can slip into the gaps between them.  Each segment is
 * then mapped over its part of the reservation with MAP_FIXED, which is
 * safe precisely because the range is already ours.
 */
#include "map.h"
#include "alloc.h"
#include "diag.h"
#include "lib.h"
#include "sys.h"

size_t map_page_size = 4096;

/* The mmap protections for p_flags, by table: it is asked for every
 * segment of every object. */
static int prot_of(uint32_t flags)
{
	static const unsigned char prot[8] = {
		[PF_R] = PROT_READ,
		[PF_R | PF_W] = PROT_READ | PROT_WRITE,
		[PF_R | PF_X] = PROT_READ | PROT_EXEC,
		[PF_R | PF_W | PF_X] = PROT_READ | PROT_WRITE | PROT_EXEC,
		[PF_W] = PROT_WRITE,
		[PF_W | PF_X] = PROT_WRITE | PROT_EXEC,
		[PF_X] = PROT_EXEC,
	};

	return prot[flags & (PF_R | PF_W | PF_X)];
}

/*
 * Fill in what every dso needs from the summary S of its program headers
 * PH: the dynamic section, RELRO, the writable range, the stack request,
 * PT_TLS.  D->phdr must be set already: PT_TLS is kept as a pointer into
 * it, and PH may be a buffer that goes away.
 */
static void fill_from_phdrs(struct dso *d, const Elf64_Phdr *ph,
			    const struct elf_phdrs *s)
{
	if (s->dynamic) {
		d->dynv = dso_addr(d, s->dynamic->p_vaddr);
		d->dyn_count = s->dynamic->p_memsz / sizeof(Elf64_Dyn);
	}
	if (s->relro) {
		d->relro_start = ALIGN_DOWN(s->relro->p_vaddr, map_page_size);
		d->relro_end = ALIGN_DOWN(s->relro->p_vaddr +
					  s->relro->p_memsz, map_page_size);
	}
	if (s->writable) {
		d->writable_start = s->writable->p_vaddr;
		d->writable_end = s->writable->p_vaddr + s->writable->p_memsz;
	}
	if (s->executable) {
		d->exec_start = s->executable->p_vaddr;
		d->exec_end = s->executable->p_vaddr +
			      s->executable->p_memsz;
	}
	if (s->tls)
		d->tls_phdr = d->phdr + (s->tls - ph);
	if (s->note4)
		d->note4_phdr = d->phdr + (s->note4 - ph);
	/*
	 * Without PT_GNU_STACK the ELF default applies, which on the
	 * architectures myld supports is decided in arch.h.
	 */
	d->exec_stack = s->stack ? !!(s->stack->p_flags & PF_X)
				 : ARCH_STACK_EXEC_DEFAULT;
}

struct dso *map_adopt(const Elf64_Phdr *phdr, size_t phnum, uintptr_t base)
{
	struct dso *d = mem_alloc(sizeof(*d));
	struct elf_phdrs s;

	d->phdr = phdr;
	d->phnum = phnum;
	d->base = base;
	elf_scan_phdrs(phdr, phnum, &s);
	fill_from_phdrs(d, phdr, &s);
	return d;
}

/*
 * The flags for mapping LEN file bytes with PROT.  A small writable
 * segment is populated as it is mapped: its pages are the GOT, the
 * relocated data and the page bss zeroing writes, nearly all written
 * at once, and each page left to fault costs a read fault and then a
 * copy-on-write fault (three faults for a typical two pages, a kernel
 * cost larger than the rest of a dlopen).  A large one (a big .data,
 * much of it never written) is left to fault in page by page, rather
 * than copied whole.
 */
#define POPULATE_WRITABLE_PAGES 16

static int file_map_flags(size_t len, int prot)
{
	int flags = MAP_PRIVATE | MAP_FIXED;

	if ((prot & PROT_WRITE) &&
	    len <= POPULATE_WRITABLE_PAGES * map_page_size)
		flags |= MAP_POPULATE;
	return flags;
}

/*
 * Map one PT_LOAD segment into the reservation of D; FILE_MAPPED says
 * that its file pages are there already (reserve_with_first).
 */
static int map_segment(struct dso *d, const Elf64_Phdr *p, int fd,
		       int file_mapped)
{
	size_t page = map_page_size;
	uintptr_t start = ALIGN_DOWN(d->base + p->p_vaddr, page);
	uintptr_t file_end = d->base + p->p_vaddr + p->p_filesz;
	uintptr_t mem_end = d->base + p->p_vaddr + p->p_memsz;
	uintptr_t anon_start = start;
	int prot = prot_of(p->p_flags);
	void *r;

	if (p->p_filesz) {
		size_t len = ALIGN_UP(file_end, page) - start;

		r = file_mapped ? NULL
				: sys_mmap((void *)start, len, prot,
					   file_map_flags(len, prot), fd,
					   ALIGN_DOWN(p->p_offset, page));
		if (SYS_FAILED(r))
			return (int)(long)r;
		anon_start = ALIGN_UP(file_end, page);

		/*
		 * The last file page holds file bytes past p_filesz (the
		 * start of the next section, typically); in memory they
		 * are bss and must read as zero.
		 */
		uintptr_t zero_end = mem_end < anon_start ? mem_end : anon_start;
		if (p->p_memsz > p->p_filesz && zero_end > file_end) {
			int writable = prot & PROT_WRITE;

			if (!writable)
				sys_mprotect((void *)ALIGN_DOWN(file_end, page),
					     page, PROT_READ | PROT_WRITE);
			memset((void *)file_end, 0, zero_end - file_end);
			if (!writable)
				sys_mprotect((void *)ALIGN_DOWN(file_end, page),
					     page, prot);
		}
	}
	if (ALIGN_UP(mem_end, page) > anon_start) {
		r = sys_mmap((void *)anon_start,
			     ALIGN_UP(mem_end, page) - anon_start, prot,
			     MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
		if (SYS_FAILED(r))
			return (int)(long)r;
	}
	return 0;
}

/*
 * Reserve the span of the segments.  An ET_EXEC object must go exactly
 * where it was linked; an ET_DYN one anywhere, but aligned to the
 * largest p_align so that the segments keep their alignment (huge-page
 * or 64 KiB-page builds depend on it).
 */
static int reserve_span(struct dso *d, const struct elf_span *span)
{
	size_t len = span->end - span->start;
	void *r;

	if (d->e_type == ET_EXEC) {
		r = sys_mmap((void *)span->start, len, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			     -1, 0);
		if (SYS_FAILED(r))
			return (int)(long)r;
		if ((uintptr_t)r != span->start) {
			/* An old kernel ignored MAP_FIXED_NOREPLACE. */
			sys_munmap(r, len);
			return -EEXIST;
		}
		d->base = 0;
		d->map_start = span->start;
		d->map_len = len;
		return 0;
	}

	size_t extra = span->align > map_page_size ?
			       span->align - map_page_size : 0;
	if (len + extra < len)
		return -ENOMEM;
	r = sys_mmap(NULL, len + extra, PROT_NONE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (SYS_FAILED(r))
		return (int)(long)r;

	uintptr_t got = (uintptr_t)r;
	uintptr_t aligned = ALIGN_UP(got, span->align);
	/* Give back what the alignment did not need, on both sides. */
	if (aligned > got)
		sys_munmap(r, aligned - got);
	if (got + len + extra > aligned + len)
		sys_munmap((void *)(aligned + len),
			   got + len + extra - (aligned + len));
	d->base = aligned - span->start;
	d->map_start = aligned;
	d->map_len = len;
	return 0;
}

/*
 * Reserve the span of an ET_DYN object whose alignment a page satisfies
 * by mapping the file over all of it from its first segment's pages,
 * with that segment's protections, as glibc's loader does: the first
 * segment is then in place, one mmap instead of two.  The other
 * segments are mapped over the rest, and close_holes makes what none
 * covers inaccessible, as the reservation would have been.
 */
static int reserve_with_first(struct dso *d, const struct elf_span *span,
			      const Elf64_Phdr *first, int fd)
{
	size_t len = span->end - span->start;
	void *r = sys_mmap(NULL, len, prot_of(first->p_flags), MAP_PRIVATE,
			   fd, ALIGN_DOWN(first->p_offset, map_page_size));

	if (SYS_FAILED(r))
		return (int)(long)r;
	d->base = (uintptr_t)r - span->start;
	d->map_start = (uintptr_t)r;
	d->map_len = len;
	return 0;
}

/* Make the pages of D's span between its segments inaccessible. */
static int close_holes(struct dso *d, const struct elf_phdrs *s)
{
	uintptr_t covered = d->map_start;

	for (const Elf64_Phdr *p = s->first_load; p <= s->last_load; p++) {
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		uintptr_t start = ALIGN_DOWN(d->base + p->p_vaddr,
					     map_page_size);
		long r = start > covered ? sys_mprotect((void *)covered,
							 start - covered,
							 PROT_NONE)
					 : 0;

		if (SYS_FAILED(r))
			return (int)r;
		covered = ALIGN_UP(d->base + p->p_vaddr + p->p_memsz,
				   map_page_size);
	}
	return 0;
}

/*
 * Where the program headers are at run time: inside a segment when the
 * file maps them (the usual case: elf_check_phdrs found which), or else
 * in a copy of our own.
 */
static const Elf64_Phdr *place_phdrs(struct dso *d, const Elf64_Ehdr *eh,
				     const Elf64_Phdr *ph,
				     const struct elf_phdrs *s)
{
	size_t size = (size_t)eh->e_phnum * sizeof(Elf64_Phdr);
	const Elf64_Phdr *p = s->phdr_load;

	if (p)
		return dso_addr(d, p->p_vaddr + eh->e_phoff - p->p_offset);
	Elf64_Phdr *copy = mem_alloc(size);
	memcpy(copy, ph, size);
	d->phdr_owned = 1;
	return copy;
}

/* What map_object learns from the file before it maps anything. */
struct headers {
	const struct stat *st;	/* the caller's, or own */
	struct stat own;	/* filled only when the caller had none */
	const Elf64_Ehdr *eh;	/* in the caller's struct map_header */
	const Elf64_Phdr *ph;	/* there too, or in ph_buf */
	Elf64_Phdr *ph_buf;	/* allocated when they lie further on */
	struct elf_phdrs s;	/* elf_check_phdrs' summary */
};

/* Is FD a regular file?  Sets H->st: ST when not NULL, else its own. */
static int check_file(int fd, const struct stat *st, struct headers *h,
		      char *err)
{
	long n = 0;

	if (!st) {
		n = sys_fstat(fd, &h->own);
		st = &h->own;
	}
	h->st = st;

	if (SYS_FAILED(n)) {
		fmt_format(err, ELF_ERR_SIZE, "cannot stat: %s",
			   diag_strerror(n));
		return -1;
	}
	if ((h->st->st_mode & S_IFMT) == S_IFDIR) {
		fmt_format(err, ELF_ERR_SIZE, "is a directory");
		return -1;
	}
	if ((h->st->st_mode & S_IFMT) != S_IFREG) {
		fmt_format(err, ELF_ERR_SIZE, "not a regular file");
		return -1;
	}
	return 0;
}

/*
 * Read the ELF header and the program headers into BUF (or, when they
 * lie past it, into H->ph_buf) and check them.  *VERDICT says whether a
 * refused file is foreign (ELF_FOREIGN: the search goes on) or bad.
 */
static int read_headers(int fd, struct map_header *buf, struct headers *h,
			char *err, enum elf_verdict *verdict)
{
	long n = sys_pread(fd, buf->bytes, sizeof(buf->bytes), 0);

	if (SYS_FAILED(n)) {
		fmt_format(err, ELF_ERR_SIZE, "cannot read: %s",
			   diag_strerror(n));
		return -1;
	}
	*verdict = elf_check_header(buf->bytes, n, h->st->st_size, ARCH_EM,
				    ARCH_NAME, err);
	if (*verdict != ELF_OK)
		return -1;
	*verdict = ELF_BAD;

	const Elf64_Ehdr *eh = (const void *)buf->bytes;
	size_t ph_size = (size_t)eh->e_phnum * sizeof(Elf64_Phdr);

	h->eh = eh;
	if (eh->e_phoff + ph_size <= (uint64_t)n) {
		h->ph = (const void *)(buf->bytes + eh->e_phoff);
	} else {
		h->ph_buf = mem_alloc(ph_size);
		if (sys_pread(fd, h->ph_buf, ph_size, eh->e_phoff) !=
		    (long)ph_size) {
			fmt_format(err, ELF_ERR_SIZE,
				   "cannot read the program headers");
			return -1;
		}
		h->ph = h->ph_buf;
	}
	/* The only pass over the headers before mapping: it checks them
	 * and notes what the rest of map_object needs. */
	return elf_check_phdrs(h->ph, eh->e_phnum, eh->e_phoff,
			       h->st->st_size, map_page_size, &h->s, err)
		       ? -1
		       : 0;
}

/* Reserve D's span and map each PT_LOAD of H into it from FD. */
static int map_segments(struct dso *d, int fd, const struct headers *h,
			char *err)
{
	const struct elf_phdrs *s = &h->s;
	const Elf64_Phdr *first = s->first_load;
	int with_first = d->e_type == ET_DYN && first->p_filesz &&
			 s->span.align <= map_page_size;
	int r = with_first ? reserve_with_first(d, &s->span, first, fd)
			   : reserve_span(d, &s->span);

	if (r && with_first) {
		fmt_format(err, ELF_ERR_SIZE, "cannot map segment %zu: %s",
			   (size_t)(first - h->ph), diag_strerror(r));
		return -1;
	}
	if (r) {
		fmt_format(err, ELF_ERR_SIZE,
			   "cannot reserve %#lx bytes of address space: %s",
			   (unsigned long)(s->span.end - s->span.start),
			   diag_strerror(r));
		return -1;
	}
	for (const Elf64_Phdr *p = first; p <= s->last_load; p++) {
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		r = map_segment(d, p, fd, with_first && p == first);
		if (r) {
			fmt_format(err, ELF_ERR_SIZE,
				   "cannot map segment %zu: %s",
				   (size_t)(p - h->ph), diag_strerror(r));
			map_unmap(d);
			return -1;
		}
	}
	if (with_first && (r = close_holes(d, s))) {
		fmt_format(err, ELF_ERR_SIZE, "cannot protect the gaps between "
			   "its segments: %s", diag_strerror(r));
		map_unmap(d);
		return -1;
	}
	return 0;
}

struct dso *map_object(int fd, const struct stat *st,
		       struct map_header *header, char *err,
		       enum elf_verdict *verdict)
{
	/* (not zeroed whole: the stat buffer is not always used, and the
	 * rest is set before it is read) */
	struct headers h;
	struct dso *d = NULL;

	h.ph_buf = NULL;

	*verdict = ELF_BAD;
	if (check_file(fd, st, &h, err) ||
	    read_headers(fd, header, &h, err, verdict))
		goto out;
	d = mem_alloc(sizeof(*d));
	d->e_type = h.eh->e_type;
	d->dev = h.st->st_dev;
	d->ino = h.st->st_ino;
	d->file_size = h.st->st_size;
	d->file_mtime_ns = (int64_t)h.st->st_mtime * 1000000000 +
			   (int64_t)h.st->st_mtime_nsec;
	d->file_ctime_ns = (int64_t)h.st->st_ctime * 1000000000 +
			   (int64_t)h.st->st_ctime_nsec;
	if (map_segments(d, fd, &h, err)) {
		mem_free(d);
		d = NULL;
		goto out;
	}
	d->phnum = h.eh->e_phnum;
	d->phdr = place_phdrs(d, h.eh, h.ph, &h.s);
	/* 0 means none (a library): never base + 0, the ELF header. */
	d->entry = h.eh->e_entry ? d->base + h.eh->e_entry : 0;
	fill_from_phdrs(d, h.ph, &h.s);
out:
	mem_free(h.ph_buf);
	return d;
}

int map_protect_relro(struct dso *d)
{
	if (d->relro_end <= d->relro_start)
		return 0;
	long rc = sys_mprotect(dso_addr(d, d->relro_start),
			       d->relro_end - d->relro_start, PROT_READ);
	return SYS_FAILED(rc) ? (int)rc : 0;
}

void map_unmap(struct dso *d)
{
	if (d->map_len)
		sys_munmap((void *)d->map_start, d->map_len);
	d->map_len = 0;
}

int map_textrel_writable(const struct dso *d, int restore)
{
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];

		if (p->p_type != PT_LOAD || (p->p_flags & PF_W))
			continue;
		uintptr_t start = ALIGN_DOWN(d->base + p->p_vaddr,
					     map_page_size);
		uintptr_t end = ALIGN_UP(d->base + p->p_vaddr + p->p_memsz,
					 map_page_size);
		/* Never writable and executable at once: drop X meanwhile. */
		int prot = restore ? prot_of(p->p_flags)
				   : PROT_READ | PROT_WRITE;
		long rc = sys_mprotect((void *)start, end - start, prot);
		if (SYS_FAILED(rc))
			return (int)rc;
	}
	return 0;
}

/* Is [VADDR, VADDR + SIZE) inside one PT_LOAD of D with all of FLAGS? */
static int range_in_load_with(const struct dso *d, uint64_t vaddr,
			      uint64_t size, uint32_t flags)
{
	return elf_vaddr_in_load_with(d->phdr, d->phnum, vaddr, size, flags);
}

long map_protect_loader_relro(const struct dso *d, uintptr_t keep_start,
			      uintptr_t keep_end, int step)
{
	/* Whole pages inside the segment only, rounded as glibc rounds
	 * its own: the page where RELRO ends may hold writable data. */
	uintptr_t lo = ALIGN_DOWN(d->base + d->relro_start, map_page_size);
	uintptr_t hi = ALIGN_DOWN(d->base + d->relro_end, map_page_size);
	uintptr_t ks = ALIGN_DOWN(keep_start, map_page_size);
	uintptr_t ke = ALIGN_UP(keep_end, map_page_size);
	long rc = 0;

	if (d->relro_end <= d->relro_start || hi <= lo)
		return 0;
	ks = ks < lo ? lo : ks > hi ? hi : ks;
	ke = ke < ks ? ks : ke > hi ? hi : ke;
	if (step == 1)
		return ke > ks ? sys_mprotect((void *)ks, ke - ks, PROT_READ)
			       : 0;
	if (ks > lo)
		rc = sys_mprotect((void *)lo, ks - lo, PROT_READ);
	if (!SYS_FAILED(rc) && hi > ke)
		rc = sys_mprotect((void *)ke, hi - ke, PROT_READ);
	return SYS_FAILED(rc) ? rc : 0;
}

const Elf64_Phdr *dso_writable_load(const struct dso *d, uint64_t vaddr,
				    uint64_t size)
{
	for (size_t i = 0; i < d->phnum; i++)
		if (elf_vaddr_in_load_with(&d->phdr[i], 1, vaddr, size, PF_W))
			return &d->phdr[i];
	return NULL;
}

int dso_range_writable(const struct dso *d, uint64_t vaddr, uint64_t size)
{
	return dso_writable_load(d, vaddr, size) != NULL;
}

int dso_range_executable(const struct dso *d, uint64_t vaddr, uint64_t size)
{
	/* Nearly always in the one executable segment, whose bounds are
	 * kept (an IFUNC resolver: libc.so.6 has 40); else the headers
	 * say. */
	if (vaddr >= d->exec_start && vaddr < d->exec_end &&
	    size <= d->exec_end - vaddr)
		return 1;
	return range_in_load_with(d, vaddr, size, PF_X);
}
