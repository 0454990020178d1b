/* SPDX-License-Identifier: MIT */
/*
 * loader/explain_map.c - --explain's picture of the address space.  See
 * explain_map.h.
 *
 * The picture is drawn from /proc/self/maps, the kernel's own account,
 * read twice: before relocation (RELRO still writable) and after it.
 * Each mapping is one row, lowest address at the top.  Heights are on a
 * logarithmic scale of the size (a page and a gigabyte must both be
 * readable), and so are the gaps between mappings; a gap of a gigabyte
 * or more is drawn as a broken axis.  Every row carries its facts as
 * data- attributes, which the tests compare with the kernel's maps.
 */
#include <stdarg.h>

#include "alloc.h"
#include "diag.h"
#include "explain_map.h"
#include "lib.h"
#include "sys.h"
#include "tls.h"

#define MAX_MAPPINGS 1024

struct mapping {
	uintptr_t start, end;
	char perms[5];
	const char *name;	/* inside the snapshot's text; "" if none */
};

struct maps_snapshot {
	char *text;
	struct mapping *rows;
	size_t n;
};

/* Read all of /proc/self/maps into memory that lives until exit. */
static char *read_maps_text(void)
{
	size_t size = 1 << 16, len = 0;
	char *buf = mem_alloc(size);
	long fd = sys_open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

	if (SYS_FAILED(fd))
		diag_die("/proc/self/maps", "cannot open: %s",
			 diag_strerror((int)fd));
	for (;;) {
		if (len + 4096 >= size) {
			char *bigger = mem_alloc(size * 2);

			memcpy(bigger, buf, len);
			mem_free(buf);
			buf = bigger;
			size *= 2;
		}
		long n = sys_read((int)fd, buf + len, size - len - 1);

		if (n == -EINTR)
			continue;
		if (SYS_FAILED(n))
			diag_die("/proc/self/maps", "cannot read: %s",
				 diag_strerror((int)n));
		if (n == 0)
			break;
		len += (size_t)n;
	}
	sys_close((int)fd);
	buf[len] = '\0';
	return buf;
}

static uintptr_t parse_hex(char **p)
{
	uintptr_t v = 0;

	for (;; (*p)++) {
		char c = **p;
		int digit = c >= '0' && c <= '9'   ? c - '0'
			    : c >= 'a' && c <= 'f' ? c - 'a' + 10
						   : -1;
		if (digit < 0)
			return v;
		v = v * 16 + (uintptr_t)digit;
	}
}

/* "start-end perms offset dev inode   name": split one line in place
 * (three fields between the protections and the name). */
static char *parse_line(char *p, struct mapping *m)
{
	m->start = parse_hex(&p);
	p += *p == '-';
	m->end = parse_hex(&p);
	p += *p == ' ';
	for (int i = 0; i < 4; i++)
		m->perms[i] = *p ? *p++ : '-';
	m->perms[4] = '\0';
	for (int field = 0; field < 3 && *p && *p != '\n'; field++) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	while (*p == ' ')
		p++;
	m->name = p;
	while (*p && *p != '\n')
		p++;
	if (*p)
		*p++ = '\0';
	return p;
}

struct maps_snapshot *explain_map_snapshot(void)
{
	struct maps_snapshot *s = mem_alloc(sizeof(*s));

	s->text = read_maps_text();
	s->rows = mem_alloc(MAX_MAPPINGS * sizeof(*s->rows));
	for (char *p = s->text; *p && s->n < MAX_MAPPINGS;)
		p = parse_line(p, &s->rows[s->n++]);
	return s;
}

/* The protections of BEFORE's mapping holding ADDR, or NULL. */
static const char *perms_at(const struct maps_snapshot *before,
			    uintptr_t addr)
{
	for (size_t i = 0; i < before->n; i++)
		if (before->rows[i].start <= addr && addr < before->rows[i].end)
			return before->rows[i].perms;
	return NULL;
}

/* The SVG goes out through a buffer; the first failed write is kept. */
struct svg {
	int fd;
	char buf[4096];
	size_t len;
	int error;
};

static void svg_flush(struct svg *s)
{
	for (size_t done = 0; done < s->len && !s->error;) {
		long w = sys_write(s->fd, s->buf + done, s->len - done);

		if (w == -EINTR)
			continue;
		if (SYS_FAILED(w) || w == 0)
			s->error = w ? (int)w : -EIO;
		else
			done += (size_t)w;
	}
	s->len = 0;
}

static void svg_put(struct svg *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void svg_put(struct svg *s, const char *fmt, ...)
{
	char line[1200];
	va_list ap;

	va_start(ap, fmt);
	int n = fmt_vformat(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	if (s->len + n > sizeof(s->buf))
		svg_flush(s);
	memcpy(s->buf + s->len, line, n);
	s->len += n;
}

/* NAME with the characters XML reserves replaced, into OUT. */
static const char *xml_escape(const char *name, char *out, size_t size)
{
	size_t o = 0;

	for (; *name && o + 7 < size; name++) {
		const char *rep = *name == '&'	 ? "&amp;"
				  : *name == '<' ? "&lt;"
				  : *name == '>' ? "&gt;"
				  : *name == '"' ? "&quot;"
						 : NULL;
		if (rep) {
			memcpy(out + o, rep, strlen(rep));
			o += strlen(rep);
		} else {
			out[o++] = *name;
		}
	}
	out[o] = '\0';
	return out;
}

static int log2_floor(uint64_t v)
{
	int n = 0;

	while (v >>= 1)
		n++;
	return n;
}

/* Pixels for SIZE bytes: 16 for a page, 4 more per doubling. */
static int height_of(uint64_t size)
{
	uint64_t pages = size / 4096 ? size / 4096 : 1;

	return 16 + 4 * log2_floor(pages);
}

#define BROKEN_GAP (1ULL << 30)

/* SIZE in words: "12 KiB", "3 MiB", "120 GiB", rounded down. */
static void size_text(uint64_t size, char *out, size_t n)
{
	static const char units[][4] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	while (size >= 1024 && (size % 1024 == 0 || size >= 10240) && u < 4) {
		size /= 1024;
		u++;
	}
	fmt_format(out, n, "%lu %s", (unsigned long)size, units[u]);
}

static const char *colour_of(const char *perms)
{
	if (perms[2] == 'x')
		return "#f4a6a6";
	if (perms[1] == 'w')
		return "#a6c8f4";
	if (perms[0] == 'r')
		return "#d8d8d8";
	return "#ffffff";
}

/* What a learner should know a mapping is, or "". */
static const char *role_of(const struct mapping *m,
			   const struct explain_map_facts *f)
{
	if (f->tp >= m->start && f->tp < m->end)
		return "TLS blocks and TCB: the thread pointer points here";
	if (!strcmp(m->name, f->myld_file))
		return "myld itself";
	if (!strcmp(m->name, "[stack]"))
		return "the main thread's stack (grows down)";
	if (!strcmp(m->name, "[heap]"))
		return "the heap (brk area)";
	if (!strcmp(m->name, "[vdso]"))
		return "the vDSO: kernel code the process calls";
	if (!strcmp(m->name, "[vsyscall]"))
		return "the legacy vsyscall page (fixed address)";
	if (f->brk >= m->start && f->brk <= m->end && !m->name[0])
		return "anonymous; the heap (brk area) will grow from its end";
	if (!strncmp(m->name, "[vvar", 5))
		return "the vDSO's data, written by the kernel";
	if (!m->name[0])
		return "anonymous memory";
	return "";
}

/* The break between mappings: its height and its drawing. */
static int draw_gap(struct svg *s, int y, uintptr_t from, uintptr_t to)
{
	char size[32];
	uint64_t gap = to - from;

	size_text(gap, size, sizeof(size));
	if (gap >= BROKEN_GAP) {
		svg_put(s, "<g class=\"gap broken\" data-start=\"0x%lx\" "
			   "data-end=\"0x%lx\"><path d=\"M10 %d l20 8 l20 -8 "
			   "l20 8 l20 -8 M10 %d l20 8 l20 -8 l20 8 l20 -8\" "
			   "stroke=\"#900\" fill=\"none\"/><text x=\"100\" "
			   "y=\"%d\" fill=\"#900\">axis broken: %s unmapped"
			   "</text></g>\n",
			(unsigned long)from, (unsigned long)to, y + 2, y + 14,
			y + 16, size);
		return 28;
	}
	int h = height_of(gap) / 2;

	svg_put(s, "<g class=\"gap\" data-start=\"0x%lx\" data-end=\"0x%lx\">"
		   "<rect x=\"80\" y=\"%d\" width=\"870\" height=\"%d\" "
		   "fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>"
		   "<text x=\"86\" y=\"%d\" fill=\"#888\" font-size=\"10\">"
		   "%s unmapped</text></g>\n",
		(unsigned long)from, (unsigned long)to, y, h, y + h - 2, size);
	return h;
}

/* The program break when no mapping holds it: the empty heap's start. */
static int draw_heap_start(struct svg *s, int y, uintptr_t brk)
{
	svg_put(s, "<g class=\"heap-start\" data-start=\"0x%lx\"><path "
		   "d=\"M80 %d h870\" stroke=\"#060\" stroke-width=\"2\"/>"
		   "<text x=\"86\" y=\"%d\" fill=\"#060\">0x%012lx the "
		   "heap (brk area) starts here, still empty: the program has "
		   "not run</text></g>\n",
		(unsigned long)brk, y + 2, y + 14, (unsigned long)brk);
	return 18;
}

static int draw_mapping(struct svg *s, int y, const struct mapping *m,
			const char *before, const struct explain_map_facts *f)
{
	char name[600], size[32];
	int h = height_of(m->end - m->start);
	int relro = before && strcmp(before, m->perms);

	size_text(m->end - m->start, size, sizeof(size));
	svg_put(s, "<g class=\"mapping\" data-start=\"0x%lx\" data-end=\"0x%lx\""
		   " data-perms=\"%s\" data-before=\"%s\" data-name=\"%s\">\n",
		(unsigned long)m->start, (unsigned long)m->end, m->perms,
		before ? before : "", xml_escape(m->name, name, sizeof(name)));
	svg_put(s, "<rect x=\"10\" y=\"%d\" width=\"60\" height=\"%d\" "
		   "fill=\"%s\" stroke=\"#555\"/><text x=\"14\" y=\"%d\" "
		   "font-size=\"10\">%s</text>\n",
		y, h, colour_of(before ? before : m->perms), y + 12,
		before ? before : "new");
	svg_put(s, "<rect x=\"80\" y=\"%d\" width=\"870\" height=\"%d\" "
		   "fill=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>\n",
		y, h, colour_of(m->perms), relro ? "#060" : "#555",
		relro ? 3 : 1);
	svg_put(s, "<text x=\"86\" y=\"%d\">0x%012lx-0x%012lx %s %8s %s "
		   "%s%s</text>\n</g>\n", y + 12, (unsigned long)m->start,
		(unsigned long)m->end, m->perms, size, name, role_of(m, f),
		relro ? "  RELRO: read-only after relocation" : "");
	return h;
}

static void draw_header(struct svg *s, int height,
			const struct explain_map_facts *f)
{
	char prog[600];

	svg_put(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" "
		   "height=\"%d\" font-family=\"monospace\" font-size=\"12\">\n"
		   "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
		height);
	svg_put(s, "<title>Address space of %s as myld loaded it</title>\n",
		xml_escape(f->program, prog, sizeof(prog)));
	svg_put(s, "<text x=\"10\" y=\"20\" font-size=\"15\">Every mapping of "
		   "%s (from /proc/self/maps), lowest address at the top"
		   "</text>\n", prog);
	svg_put(s, "<text x=\"10\" y=\"38\">Logarithmic scale: a page is 16 "
		   "px high, each doubling adds 4 px; dashed boxes are gaps "
		   "(half height), red zigzags a broken axis.</text>\n"
		   "<text x=\"10\" y=\"54\">Left column: protections during "
		   "relocation; wide bar: after it (green border: RELRO made "
		   "read-only).</text>\n<text x=\"10\" y=\"68\">Thread pointer "
		   "0x%lx; static TLS %lu bytes; program break (heap start) "
		   "0x%lx.</text>\n",
		(unsigned long)f->tp, (unsigned long)f->static_tls,
		(unsigned long)f->brk);
	svg_put(s, "<text x=\"10\" y=\"%d\">red: code (r-x)   blue: writable "
		   "(rw-)   grey: read-only (r--)   white: no access (---, "
		   "reserved or guard)</text>\n", height - 12);
}

int explain_map_write(const char *path, const struct maps_snapshot *before,
		      const struct explain_map_facts *facts)
{
	const struct maps_snapshot *now = explain_map_snapshot();
	int height = 84 + 30 + 18 + 28;

	for (size_t i = 0; i < now->n; i++) {
		height += height_of(now->rows[i].end - now->rows[i].start);
		if (i && now->rows[i].start > now->rows[i - 1].end) {
			uint64_t gap = now->rows[i].start - now->rows[i - 1].end;
			height += gap >= BROKEN_GAP ? 28 : height_of(gap) / 2;
		}
	}
	/* 0666 less the umask, as any tool creating a file for its user. */
	long fd = sys_call(__NR_openat, AT_FDCWD, path,
			   O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666, 0, 0);
	if (SYS_FAILED(fd))
		return (int)fd;
	struct svg s = { (int)fd, { 0 }, 0, 0 };
	int y = 84;

	draw_header(&s, height, facts);
	for (size_t i = 0; i < now->n; i++) {
		const struct mapping *m = &now->rows[i];
		uintptr_t from = i ? now->rows[i - 1].end : 0;

		if (from < facts->brk && facts->brk < m->start) {
			if (i)
				y += draw_gap(&s, y, from, facts->brk);
			y += draw_heap_start(&s, y, facts->brk);
			from = facts->brk;
		}
		if ((i || from) && m->start > from)
			y += draw_gap(&s, y, from, m->start);
		y += draw_mapping(&s, y, m, perms_at(before, m->start), facts);
	}
	svg_put(&s, "</svg>\n");
	svg_flush(&s);
	sys_close((int)fd);
	return s.error;
}
