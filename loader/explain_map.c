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

int explain_out_open(struct explain_out *o, const char *path)
{
	/* 0666 less the umask, as any tool creating a file for its user. */
	long fd = sys_call(__NR_openat, AT_FDCWD, path,
			   O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666, 0, 0);

	o->fd = (int)fd;
	o->len = 0;
	o->error = 0;
	return SYS_FAILED(fd) ? (int)fd : 0;
}

static void out_flush(struct explain_out *o)
{
	for (size_t done = 0; done < o->len && !o->error;) {
		long w = sys_write(o->fd, o->buf + done, o->len - done);

		if (w == -EINTR)
			continue;
		if (SYS_FAILED(w) || w == 0)
			o->error = w ? (int)w : -EIO;
		else
			done += (size_t)w;
	}
	o->len = 0;
}

int explain_out_close(struct explain_out *o)
{
	out_flush(o);
	sys_close(o->fd);
	return o->error;
}

static void out_bytes(struct explain_out *o, const char *p, size_t n)
{
	while (n) {
		size_t room = sizeof(o->buf) - o->len;
		size_t part = n < room ? n : room;

		memcpy(o->buf + o->len, p, part);
		o->len += part;
		p += part;
		n -= part;
		if (o->len == sizeof(o->buf))
			out_flush(o);
	}
}

void explain_out_raw(struct explain_out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

void explain_out_put(struct explain_out *o, const char *fmt, ...)
{
	char line[1200];
	va_list ap;

	va_start(ap, fmt);
	int n = fmt_vformat(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	out_bytes(o, line, (size_t)n);
}

/*
 * Names come from the ELF files and the kernel's maps, which anyone can
 * craft: every character markup gives a meaning to becomes an entity,
 * and every byte that is not printable ASCII (control characters are
 * not allowed in XML even as entities, and a stray byte above 127 is
 * not UTF-8) is written as the four characters \xNN.
 */
void explain_out_text(struct explain_out *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep = c == '&'   ? "&amp;"
				  : c == '<' ? "&lt;"
				  : c == '>' ? "&gt;"
				  : c == '"' ? "&quot;"
				  : c == '\'' ? "&#39;"
					     : NULL;
		if (rep) {
			out_bytes(o, rep, strlen(rep));
		} else if (c < 0x20 || c >= 0x7f) {
			char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

			out_bytes(o, esc, sizeof(esc));
		} else {
			out_bytes(o, (const char *)&c, 1);
		}
	}
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
static int draw_gap(struct explain_out *s, int y, uintptr_t from, uintptr_t to)
{
	char size[32];
	uint64_t gap = to - from;

	size_text(gap, size, sizeof(size));
	if (gap >= BROKEN_GAP) {
		explain_out_put(s, "<g class=\"gap broken\" data-start=\"0x%lx\" "
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

	explain_out_put(s, "<g class=\"gap\" data-start=\"0x%lx\" data-end=\"0x%lx\">"
		   "<rect x=\"80\" y=\"%d\" width=\"870\" height=\"%d\" "
		   "fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>"
		   "<text x=\"86\" y=\"%d\" fill=\"#888\" font-size=\"10\">"
		   "%s unmapped</text></g>\n",
		(unsigned long)from, (unsigned long)to, y, h, y + h - 2, size);
	return h;
}

/* The program break when no mapping holds it: the empty heap's start. */
static int draw_heap_start(struct explain_out *s, int y, uintptr_t brk)
{
	explain_out_put(s, "<g class=\"heap-start\" data-start=\"0x%lx\"><path "
		   "d=\"M80 %d h870\" stroke=\"#060\" stroke-width=\"2\"/>"
		   "<text x=\"86\" y=\"%d\" fill=\"#060\">0x%012lx the "
		   "heap (brk area) starts here, still empty: the program has "
		   "not run</text></g>\n",
		(unsigned long)brk, y + 2, y + 14, (unsigned long)brk);
	return 18;
}

static int draw_mapping(struct explain_out *s, int y, const struct mapping *m,
			const char *before, const struct explain_map_facts *f)
{
	char size[32];
	int h = height_of(m->end - m->start);
	int relro = before && strcmp(before, m->perms);

	size_text(m->end - m->start, size, sizeof(size));
	explain_out_put(s, "<g class=\"mapping\" data-start=\"0x%lx\" "
			"data-end=\"0x%lx\" data-perms=\"%s\" data-before=\"%s\" "
			"data-name=\"", (unsigned long)m->start,
			(unsigned long)m->end, m->perms, before ? before : "");
	explain_out_text(s, m->name);
	explain_out_put(s, "\">\n<rect x=\"10\" y=\"%d\" width=\"60\" "
			"height=\"%d\" fill=\"%s\" stroke=\"#555\"/><text "
			"x=\"14\" y=\"%d\" font-size=\"10\">%s</text>\n",
			y, h, colour_of(before ? before : m->perms), y + 12,
			before ? before : "new");
	explain_out_put(s, "<rect x=\"80\" y=\"%d\" width=\"870\" height=\"%d\" "
			"fill=\"%s\" stroke=\"%s\" stroke-width=\"%d\"/>\n",
			y, h, colour_of(m->perms), relro ? "#060" : "#555",
			relro ? 3 : 1);
	explain_out_put(s, "<text x=\"86\" y=\"%d\">0x%012lx-0x%012lx %s %8s ",
			y + 12, (unsigned long)m->start, (unsigned long)m->end,
			m->perms, size);
	explain_out_text(s, m->name);
	explain_out_put(s, " %s%s</text>\n</g>\n", role_of(m, f),
			relro ? "  RELRO: read-only after relocation" : "");
	return h;
}

static void draw_header(struct explain_out *s, int height, int standalone,
			const struct explain_map_facts *f)
{
	if (standalone)
		explain_out_put(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				"\n");
	explain_out_put(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
			"id=\"map\" width=\"960\" height=\"%d\" "
			"font-family=\"monospace\" font-size=\"12\">\n"
			"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>"
			"\n<title>Address space of ", height);
	explain_out_text(s, f->program);
	explain_out_put(s, " as myld loaded it</title>\n<text x=\"10\" "
			"y=\"20\" font-size=\"15\">Every mapping of ");
	explain_out_text(s, f->program);
	explain_out_put(s, " (from /proc/self/maps), lowest address at the "
			"top</text>\n");
	explain_out_put(s, "<text x=\"10\" y=\"38\">Logarithmic scale: a page is 16 "
		   "px high, each doubling adds 4 px; dashed boxes are gaps "
		   "(half height), red zigzags a broken axis.</text>\n"
		   "<text x=\"10\" y=\"54\">Left column: protections during "
		   "relocation; wide bar: after it (green border: RELRO made "
		   "read-only).</text>\n<text x=\"10\" y=\"68\">Thread pointer "
		   "0x%lx; static TLS %lu bytes; program break (heap start) "
		   "0x%lx.</text>\n",
		(unsigned long)f->tp, (unsigned long)f->static_tls,
		(unsigned long)f->brk);
	explain_out_put(s, "<text x=\"10\" y=\"%d\">red: code (r-x)   blue: writable "
		   "(rw-)   grey: read-only (r--)   white: no access (---, "
		   "reserved or guard)</text>\n", height - 12);
}

void explain_map_draw(struct explain_out *s, int standalone,
		      const struct maps_snapshot *before,
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
	int y = 84;

	draw_header(s, height, standalone, facts);
	for (size_t i = 0; i < now->n; i++) {
		const struct mapping *m = &now->rows[i];
		uintptr_t from = i ? now->rows[i - 1].end : 0;

		if (from < facts->brk && facts->brk < m->start) {
			if (i)
				y += draw_gap(s, y, from, facts->brk);
			y += draw_heap_start(s, y, facts->brk);
			from = facts->brk;
		}
		if ((i || from) && m->start > from)
			y += draw_gap(s, y, from, m->start);
		y += draw_mapping(s, y, m, perms_at(before, m->start), facts);
	}
	explain_out_put(s, "</svg>\n");
}

int explain_map_write(const char *path, const struct maps_snapshot *before,
		      const struct explain_map_facts *facts)
{
	struct explain_out out;
	int rc = explain_out_open(&out, path);

	if (rc)
		return rc;
	explain_map_draw(&out, 1, before, facts);
	return explain_out_close(&out);
}
