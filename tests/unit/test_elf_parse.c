/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_elf_parse.c - ELF header and program header checks
 * (loader/elf_parse.c), and what the program header pass reports, fed
 * crafted in-memory headers.
 *
 * Every rejection is checked twice: the verdict (ELF_BAD or ELF_FOREIGN)
 * and the exact message, since that message is what a user sees.
 *
 * The machine is passed in, so these tests do not depend on the host:
 * they pretend to be an x86_64 myld throughout.
 */
#include <stdint.h>

#include "harness.h"
#include "elf_parse.h"
#include "lib.h"

#define MACHINE EM_X86_64
#define MACHINE_NAME "x86_64"
#define PAGE 0x1000

/* Prefilled so a missing message shows up as garbage, not as "". */
static char err[ELF_ERR_SIZE];

static void clear_err(void)
{
	memset(err, 'E', sizeof(err) - 1);
	err[sizeof(err) - 1] = '\0';
}

/* ---- elf_check_header ---- */

/* A valid ET_DYN header: two program headers right after it. */
static Elf64_Ehdr good_ehdr(void)
{
	Elf64_Ehdr eh;

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
	eh.e_type = ET_DYN;
	eh.e_machine = MACHINE;
	eh.e_version = EV_CURRENT;
	eh.e_entry = 0x1040;
	eh.e_phoff = sizeof(Elf64_Ehdr);
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = 2;
	return eh;
}

#define FILE_SIZE 0x4000

static int check_header(const Elf64_Ehdr *eh)
{
	clear_err();
	return elf_check_header(eh, sizeof(*eh), FILE_SIZE, MACHINE,
				MACHINE_NAME, err);
}

/* Assert that EH is rejected with VERDICT and exactly MESSAGE. */
static void check_header_fails(const Elf64_Ehdr *eh, int verdict,
			       const char *message)
{
	ck_assert_int_eq(check_header(eh), verdict);
	ck_assert_str_eq(err, message);
}

START_TEST(header_valid_et_dyn)
{
	Elf64_Ehdr eh = good_ehdr();

	ck_assert_int_eq(check_header(&eh), ELF_OK);
}
END_TEST

START_TEST(header_valid_et_exec)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_type = ET_EXEC;
	eh.e_entry = 0x401000;
	ck_assert_int_eq(check_header(&eh), ELF_OK);
}
END_TEST

START_TEST(header_bad_magic)
{
	Elf64_Ehdr eh = good_ehdr();

	/* Each of the four bytes counts. */
	for (int i = EI_MAG0; i <= EI_MAG3; i++) {
		eh = good_ehdr();
		eh.e_ident[i] ^= 0x20;
		check_header_fails(&eh, ELF_BAD, "not an ELF file");
	}
	/* A script, say. */
	clear_err();
	ck_assert_int_eq(elf_check_header("#!/bin/sh\necho hi\n", 18, 18,
					  MACHINE, MACHINE_NAME, err), ELF_BAD);
	ck_assert_str_eq(err, "not an ELF file");
}
END_TEST

START_TEST(header_too_short)
{
	Elf64_Ehdr eh = good_ehdr();

	/* Fewer bytes than the magic itself. */
	clear_err();
	ck_assert_int_eq(elf_check_header(&eh, 3, 3, MACHINE, MACHINE_NAME, err),
			 ELF_BAD);
	ck_assert_str_eq(err, "not an ELF file");
	/* The magic, but not all of e_ident. */
	clear_err();
	ck_assert_int_eq(elf_check_header(&eh, 10, 10, MACHINE, MACHINE_NAME,
					  err), ELF_BAD);
	ck_assert_str_eq(err, "truncated ELF header");
	/* e_ident, but not the whole Elf64_Ehdr. */
	clear_err();
	ck_assert_int_eq(elf_check_header(&eh, sizeof(eh) - 1, sizeof(eh) - 1,
					  MACHINE, MACHINE_NAME, err), ELF_BAD);
	ck_assert_str_eq(err, "truncated ELF header");
}
END_TEST

START_TEST(header_32bit_is_foreign)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_ident[EI_CLASS] = ELFCLASS32;
	check_header_fails(&eh, ELF_FOREIGN, "wrong ELF class: 32-bit");
}
END_TEST

START_TEST(header_invalid_class)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_ident[EI_CLASS] = ELFCLASSNONE;
	check_header_fails(&eh, ELF_BAD, "invalid ELF class 0");
	eh.e_ident[EI_CLASS] = 7;
	check_header_fails(&eh, ELF_BAD, "invalid ELF class 7");
}
END_TEST

START_TEST(header_big_endian_is_foreign)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_ident[EI_DATA] = ELFDATA2MSB;
	check_header_fails(&eh, ELF_FOREIGN, "wrong byte order: big-endian");
}
END_TEST

START_TEST(header_bad_ident_version)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_ident[EI_VERSION] = 0;
	check_header_fails(&eh, ELF_BAD, "invalid ELF version 0");
}
END_TEST

START_TEST(header_wrong_machine_named)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_machine = EM_AARCH64;
	check_header_fails(&eh, ELF_FOREIGN,
			   "wrong machine: aarch64 (this myld is for x86_64)");
	eh.e_machine = EM_386;
	check_header_fails(&eh, ELF_FOREIGN,
			   "wrong machine: i386 (this myld is for x86_64)");
	/* From the other side: an x86_64 object under an aarch64 myld. */
	eh.e_machine = EM_X86_64;
	clear_err();
	ck_assert_int_eq(elf_check_header(&eh, sizeof(eh), FILE_SIZE,
					  EM_AARCH64, "aarch64", err),
			 ELF_FOREIGN);
	ck_assert_str_eq(err, "wrong machine: x86_64 (this myld is for aarch64)");
}
END_TEST

START_TEST(header_unknown_machine_numbered)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_machine = 4242;
	check_header_fails(&eh, ELF_FOREIGN,
			   "wrong machine: 4242 (this myld is for x86_64)");
}
END_TEST

START_TEST(header_rel_and_core_rejected)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_type = ET_REL;
	check_header_fails(&eh, ELF_BAD,
			   "a relocatable object (ET_REL) cannot be loaded");
	eh.e_type = ET_CORE;
	check_header_fails(&eh, ELF_BAD, "a core file (ET_CORE) cannot be loaded");
	eh.e_type = ET_NONE;
	check_header_fails(&eh, ELF_BAD, "unsupported ELF type 0");
	eh.e_type = 0xfe00;	/* ET_LOOS */
	check_header_fails(&eh, ELF_BAD, "unsupported ELF type 65024");
}
END_TEST

START_TEST(header_bad_phentsize)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_phentsize = sizeof(Elf32_Phdr);
	check_header_fails(&eh, ELF_BAD, "invalid e_phentsize 32");
	eh.e_phentsize = 0;
	check_header_fails(&eh, ELF_BAD, "invalid e_phentsize 0");
}
END_TEST

START_TEST(header_phnum_zero_or_too_many)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_phnum = 0;
	check_header_fails(&eh, ELF_BAD, "no program headers");
	eh.e_phnum = ELF_MAX_PHNUM + 1;
	check_header_fails(&eh, ELF_BAD, "too many program headers (513)");
	eh.e_phnum = 0xffff;	/* PN_XNUM */
	check_header_fails(&eh, ELF_BAD, "too many program headers (65535)");
	/* The limit itself is fine when the file holds them. */
	eh.e_phnum = ELF_MAX_PHNUM;
	ck_assert_int_eq(elf_check_header(&eh, sizeof(eh),
					  64 + ELF_MAX_PHNUM * sizeof(Elf64_Phdr),
					  MACHINE, MACHINE_NAME, err), ELF_OK);
}
END_TEST

START_TEST(header_phoff_misaligned)
{
	Elf64_Ehdr eh = good_ehdr();

	eh.e_phoff = 65;
	check_header_fails(&eh, ELF_BAD, "misaligned e_phoff 65");
}
END_TEST

START_TEST(header_phoff_overflow)
{
	Elf64_Ehdr eh = good_ehdr();

	/* e_phoff + 2 * 56 wraps around to a small number. */
	eh.e_phoff = UINT64_MAX - 7;
	check_header_fails(&eh, ELF_BAD, "program headers lie outside the file");
}
END_TEST

START_TEST(header_phdrs_past_end_of_file)
{
	Elf64_Ehdr eh = good_ehdr();
	uint64_t end = sizeof(eh) + 2 * sizeof(Elf64_Phdr);	/* 176 */

	clear_err();
	ck_assert_int_eq(elf_check_header(&eh, sizeof(eh), end - 1, MACHINE,
					  MACHINE_NAME, err), ELF_BAD);
	ck_assert_str_eq(err, "program headers lie outside the file");
	/* Ending exactly at the end of the file is fine. */
	ck_assert_int_eq(elf_check_header(&eh, sizeof(eh), end, MACHINE,
					  MACHINE_NAME, err), ELF_OK);
}
END_TEST

/* ---- elf_check_phdrs ---- */

/*
 * A typical shared library (link-time addresses, 4 KiB pages):
 *   [0] PT_PHDR
 *   [1] PT_LOAD R     off 0       vaddr 0       filesz 0x800  memsz 0x800
 *   [2] PT_LOAD R X   off 0x1000  vaddr 0x1000  filesz 0x500  memsz 0x500
 *   [3] PT_LOAD R W   off 0x2e10  vaddr 0x3e10  filesz 0x200  memsz 0x1000
 *   [4] PT_DYNAMIC    off 0x2e20  vaddr 0x3e20  filesz 0x100  memsz 0x100
 *   [5] PT_GNU_STACK
 * The file is 0x3010 bytes: the RW segment's file part ends there.  The
 * program headers are at file offset 64, inside segment 1's file bytes.
 */
#define NPH 6
#define PH_FILE_SIZE 0x3010
#define PHOFF 64

/* What the last elf_check_phdrs call reported. */
static struct elf_phdrs sum;

static void set_ph(Elf64_Phdr *p, uint32_t type, uint32_t flags,
		   uint64_t off, uint64_t vaddr, uint64_t filesz,
		   uint64_t memsz, uint64_t align)
{
	p->p_type = type;
	p->p_flags = flags;
	p->p_offset = off;
	p->p_vaddr = vaddr;
	p->p_paddr = vaddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_align = align;
}

static void good_phdrs(Elf64_Phdr ph[NPH])
{
	memset(ph, 0, NPH * sizeof(*ph));
	set_ph(&ph[0], PT_PHDR, PF_R, 64, 64, NPH * 56, NPH * 56, 8);
	set_ph(&ph[1], PT_LOAD, PF_R, 0, 0, 0x800, 0x800, PAGE);
	set_ph(&ph[2], PT_LOAD, PF_R | PF_X, 0x1000, 0x1000, 0x500, 0x500, PAGE);
	set_ph(&ph[3], PT_LOAD, PF_R | PF_W, 0x2e10, 0x3e10, 0x200, 0x1000, PAGE);
	set_ph(&ph[4], PT_DYNAMIC, PF_R | PF_W, 0x2e20, 0x3e20, 0x100, 0x100, 8);
	set_ph(&ph[5], PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
}

static int check_phdrs(const Elf64_Phdr *ph, size_t n)
{
	clear_err();
	return elf_check_phdrs(ph, n, PHOFF, PH_FILE_SIZE, PAGE, &sum, err);
}

static void check_phdrs_fail(const Elf64_Phdr *ph, size_t n,
			     const char *message)
{
	ck_assert_int_eq(check_phdrs(ph, n), ELF_BAD);
	ck_assert_str_eq(err, message);
}

START_TEST(phdrs_valid_library)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
}
END_TEST

START_TEST(phdrs_valid_with_interp_and_tls)
{
	Elf64_Phdr ph[NPH + 2];

	good_phdrs(ph);
	set_ph(&ph[NPH], PT_INTERP, PF_R, 0x2a8, 0x2a8, 0x1c, 0x1c, 1);
	set_ph(&ph[NPH + 1], PT_TLS, PF_R, 0x2e10, 0x3e10, 0x10, 0x20, 8);
	ck_assert_int_eq(check_phdrs(ph, NPH + 2), ELF_OK);
}
END_TEST

START_TEST(phdrs_other_types_not_checked)
{
	Elf64_Phdr ph[NPH];

	/* A PT_NOTE with nonsense in it is not myld's business. */
	good_phdrs(ph);
	set_ph(&ph[5], PT_NOTE, PF_W | PF_X, UINT64_MAX, 3, 10, 1, 3);
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
}
END_TEST

START_TEST(phdrs_filesz_exceeds_memsz)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[2].p_memsz = ph[2].p_filesz - 1;
	check_phdrs_fail(ph, NPH, "segment 2: p_filesz exceeds p_memsz");
}
END_TEST

START_TEST(phdrs_segment_past_end_of_file)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[3].p_filesz += 1;	/* one byte past 0x3010 */
	ph[3].p_memsz += 1;
	check_phdrs_fail(ph, NPH, "segment 3 lies outside the file");
}
END_TEST

START_TEST(phdrs_offset_plus_filesz_overflows)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[1].p_offset = UINT64_MAX - 0x100;	/* + 0x800 wraps */
	check_phdrs_fail(ph, NPH, "segment 1 lies outside the file");
}
END_TEST

START_TEST(phdrs_dynamic_past_end_of_file)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[4].p_offset = PH_FILE_SIZE - 0x80;
	check_phdrs_fail(ph, NPH, "segment 4 lies outside the file");
}
END_TEST

START_TEST(phdrs_enormous_memsz)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[3].p_memsz = (uint64_t)1 << 47;
	check_phdrs_fail(ph, NPH, "segment 3: address range too large");
	/* Far below the address-space limit, but no real segment is
	 * larger than ELF_MAX_SEGMENT. */
	ph[3].p_memsz = ELF_MAX_SEGMENT + 1;
	check_phdrs_fail(ph, NPH, "segment 3: address range too large");
	ph[3].p_memsz = ELF_MAX_SEGMENT;
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
	/* p_vaddr + p_memsz wrapping around is caught the same way. */
	ph[3].p_memsz = UINT64_MAX - 0x1000;
	check_phdrs_fail(ph, NPH, "segment 3: address range too large");
}
END_TEST

START_TEST(phdrs_unsorted_loads)
{
	Elf64_Phdr ph[NPH], tmp;

	good_phdrs(ph);
	tmp = ph[2];
	ph[2] = ph[3];
	ph[3] = tmp;
	check_phdrs_fail(ph, NPH, "PT_LOAD segments are not sorted by address");
}
END_TEST

START_TEST(phdrs_overlapping_loads)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	/* The text segment's memory now runs into the data segment's. */
	ph[2].p_memsz = 0x2e11;
	check_phdrs_fail(ph, NPH, "PT_LOAD segments overlap");
}
END_TEST

START_TEST(phdrs_adjacent_loads_do_not_overlap)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[2].p_memsz = 0x2e10;	/* ends exactly where the next starts */
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
}
END_TEST

START_TEST(phdrs_incongruent_vaddr_offset)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[3].p_offset = 0x2e00;	/* vaddr 0x3e10: off by 0x10 */
	check_phdrs_fail(ph, NPH,
			 "segment 3: p_vaddr and p_offset differ modulo the page size");
}
END_TEST

START_TEST(phdrs_congruence_uses_given_page_size)
{
	Elf64_Phdr ph[NPH];

	/* vaddr - offset is 0x1000 for the RW segment: fine with 4 KiB
	 * pages, not with 64 KiB ones. */
	good_phdrs(ph);
	clear_err();
	ck_assert_int_eq(elf_check_phdrs(ph, NPH, PHOFF, PH_FILE_SIZE, 0x10000,
					 &sum, err), ELF_BAD);
	ck_assert_str_eq(err,
			 "segment 3: p_vaddr and p_offset differ modulo the page size");
}
END_TEST

START_TEST(phdrs_align_not_power_of_two_rejected)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[1].p_align = 0x3000;
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_BAD);
	/* 0 and 1 both mean "no constraint". */
	ph[1].p_align = 0;
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
	ph[1].p_align = 1;
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
}
END_TEST

/*
 * The message carries the value, formatted with "%#lx": this once came
 * out as a literal "%#lx" when fmt_vformat did not know the '#' flag.
 */
START_TEST(phdrs_align_message_shows_value)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[1].p_align = 0x3000;
	check_phdrs_fail(ph, NPH,
			 "segment 1: p_align 0x3000 is not a power of two");
}
END_TEST

START_TEST(phdrs_writable_and_executable)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[2].p_flags = PF_R | PF_W | PF_X;
	check_phdrs_fail(ph, NPH, "segment 2 is both writable and executable");
}
END_TEST

START_TEST(phdrs_no_loads)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	check_phdrs_fail(ph, 1, "no loadable segments");	/* PT_PHDR only */
}
END_TEST

START_TEST(phdrs_dynamic_outside_loads)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ph[4].p_vaddr = 0x5000;	/* beyond the RW segment's 0x4e10 */
	check_phdrs_fail(ph, NPH, "PT_DYNAMIC lies outside the loaded image");
	/* Starting inside but running past the end is outside too. */
	ph[4].p_vaddr = 0x4d80;
	check_phdrs_fail(ph, NPH, "PT_DYNAMIC lies outside the loaded image");
	/* In the gap between the R and R X segments. */
	ph[4].p_vaddr = 0x900;
	check_phdrs_fail(ph, NPH, "PT_DYNAMIC lies outside the loaded image");
}
END_TEST

START_TEST(phdrs_empty_interp)
{
	Elf64_Phdr ph[NPH + 1];

	good_phdrs(ph);
	set_ph(&ph[NPH], PT_INTERP, PF_R, 0x2a8, 0x2a8, 0, 0, 1);
	check_phdrs_fail(ph, NPH + 1, "empty PT_INTERP");
}
END_TEST

START_TEST(phdrs_dynamic_header_before_the_loads)
{
	Elf64_Phdr ph[NPH], tmp;

	/* The header order of PT_DYNAMIC and the PT_LOAD that holds it
	 * does not matter. */
	good_phdrs(ph);
	tmp = ph[4];
	memmove(&ph[1], &ph[0], 4 * sizeof(*ph));
	ph[0] = tmp;
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
	ck_assert_ptr_eq(sum.dynamic, &ph[0]);
	ph[0].p_vaddr = 0x5000;
	check_phdrs_fail(ph, NPH, "PT_DYNAMIC lies outside the loaded image");
}
END_TEST

/* ---- what elf_check_phdrs and elf_scan_phdrs report ---- */

START_TEST(summary_of_library)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	memset(&sum, 0xa5, sizeof(sum));
	ck_assert_int_eq(check_phdrs(ph, NPH), ELF_OK);
	ck_assert_ptr_eq(sum.first_load, &ph[1]);
	ck_assert_ptr_eq(sum.last_load, &ph[3]);
	ck_assert_ptr_eq(sum.writable, &ph[3]);
	ck_assert_ptr_eq(sum.executable, &ph[2]);
	ck_assert_ptr_eq(sum.dynamic, &ph[4]);
	ck_assert_ptr_eq(sum.stack, &ph[5]);
	ck_assert_ptr_null(sum.interp);
	ck_assert_ptr_null(sum.tls);
	ck_assert_ptr_null(sum.relro);
	/* Bytes 64 to 400 of the file: inside segment 1's 0x800. */
	ck_assert_ptr_eq(sum.phdr_load, &ph[1]);
	ck_assert_uint_eq(sum.span.start, 0);
	ck_assert_uint_eq(sum.span.end, 0x5000);	/* 0x4e10 rounded up */
	ck_assert_uint_eq(sum.span.align, PAGE);
}
END_TEST

/*
 * A program with every kind of header, twice: the first of each kind
 * counts, as for glibc, except that the writable range is the last
 * writable segment's.
 *   [0] PT_PHDR
 *   [1] PT_INTERP                            [10] PT_INTERP (2nd)
 *   [2] PT_LOAD R     vaddr 0x400000          [11] PT_DYNAMIC (2nd)
 *   [3] PT_LOAD R X   vaddr 0x401000          [12] PT_TLS (2nd)
 *   [4] PT_LOAD R W   vaddr 0x402e00          [13] PT_GNU_RELRO (2nd)
 *   [5] PT_DYNAMIC                            [14] PT_GNU_STACK (2nd)
 *   [6] PT_TLS
 *   [7] PT_GNU_RELRO
 *   [8] PT_GNU_STACK
 *   [9] PT_LOAD R W   vaddr 0x404000 (bss only)
 */
#define NPROG 15

static void program_phdrs(Elf64_Phdr ph[NPROG])
{
	memset(ph, 0, NPROG * sizeof(*ph));
	set_ph(&ph[0], PT_PHDR, PF_R, 64, 0x400040, NPROG * 56, NPROG * 56, 8);
	set_ph(&ph[1], PT_INTERP, PF_R, 0x400, 0x400400, 0x1c, 0x1c, 1);
	set_ph(&ph[2], PT_LOAD, PF_R, 0, 0x400000, 0x800, 0x800, PAGE);
	set_ph(&ph[3], PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x500, 0x500,
	       PAGE);
	set_ph(&ph[4], PT_LOAD, PF_R | PF_W, 0x1e00, 0x402e00, 0x200, 0x400,
	       0x10000);
	set_ph(&ph[5], PT_DYNAMIC, PF_R | PF_W, 0x1e40, 0x402e40, 0x100,
	       0x100, 8);
	set_ph(&ph[6], PT_TLS, PF_R, 0x1e00, 0x402e00, 0x10, 0x30, 16);
	set_ph(&ph[7], PT_GNU_RELRO, PF_R, 0x1e00, 0x402e00, 0x140, 0x140, 1);
	set_ph(&ph[8], PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	set_ph(&ph[9], PT_LOAD, PF_R | PF_W, 0x2000, 0x404000, 0, 0x2000,
	       PAGE);
	set_ph(&ph[10], PT_INTERP, PF_R, 0x420, 0x400420, 0x1c, 0x1c, 1);
	set_ph(&ph[11], PT_DYNAMIC, PF_R | PF_W, 0x1f40, 0x402f40, 0x80,
	       0x80, 8);
	set_ph(&ph[12], PT_TLS, PF_R, 0x1e10, 0x402e10, 0x8, 0x8, 8);
	set_ph(&ph[13], PT_GNU_RELRO, PF_R, 0x1e00, 0x402e00, 0x40, 0x40, 1);
	set_ph(&ph[14], PT_GNU_STACK, PF_R | PF_W | PF_X, 0, 0, 0, 0, 16);
}

START_TEST(summary_first_of_each_kind_wins)
{
	Elf64_Phdr ph[NPROG];

	program_phdrs(ph);
	clear_err();
	ck_assert_int_eq(elf_check_phdrs(ph, NPROG, 64, 0x2000, PAGE, &sum,
					 err), ELF_OK);
	ck_assert_ptr_eq(sum.interp, &ph[1]);
	ck_assert_ptr_eq(sum.dynamic, &ph[5]);
	ck_assert_ptr_eq(sum.tls, &ph[6]);
	ck_assert_ptr_eq(sum.relro, &ph[7]);
	ck_assert_ptr_eq(sum.stack, &ph[8]);
	ck_assert_ptr_eq(sum.writable, &ph[9]);		/* the last one */
	ck_assert_ptr_eq(sum.executable, &ph[3]);
	ck_assert_ptr_eq(sum.first_load, &ph[2]);
	ck_assert_ptr_eq(sum.last_load, &ph[9]);
	ck_assert_ptr_eq(sum.phdr_load, &ph[2]);
	/* From the first segment's start to the last one's bss end; the
	 * largest p_align. */
	ck_assert_uint_eq(sum.span.start, 0x400000);
	ck_assert_uint_eq(sum.span.end, 0x406000);
	ck_assert_uint_eq(sum.span.align, 0x10000);
}
END_TEST

START_TEST(summary_span_rounds_to_the_page_size)
{
	Elf64_Phdr ph[2];

	memset(ph, 0, sizeof(ph));
	set_ph(&ph[0], PT_LOAD, PF_R | PF_X, 0x40, 0x400040, 0x1000, 0x1000,
	       0x200000);
	set_ph(&ph[1], PT_LOAD, PF_R | PF_W, 0x1040, 0x801040, 0x10, 0x2001, 16);
	clear_err();
	ck_assert_int_eq(elf_check_phdrs(ph, 2, 0x40, 0x1050, PAGE, &sum, err),
			 ELF_OK);
	ck_assert_uint_eq(sum.span.start, 0x400000);
	ck_assert_uint_eq(sum.span.end, 0x804000);	/* 0x803041 rounded up */
	ck_assert_uint_eq(sum.span.align, 0x200000);
	/* The page size is the least alignment, and the rounding unit. */
	ck_assert_int_eq(elf_check_phdrs(ph, 2, 0x40, 0x1050, 0x400000, &sum,
					 err), ELF_OK);
	ck_assert_uint_eq(sum.span.start, 0x400000);
	ck_assert_uint_eq(sum.span.end, 0xc00000);
	ck_assert_uint_eq(sum.span.align, 0x400000);
}
END_TEST

START_TEST(summary_program_headers_not_loaded)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	/* In the gap between the file bytes of segments 1 and 2. */
	clear_err();
	ck_assert_int_eq(elf_check_phdrs(ph, NPH, 0x900, PH_FILE_SIZE, PAGE,
					 &sum, err), ELF_OK);
	ck_assert_ptr_null(sum.phdr_load);
	/* Starting in segment 1 but running past its file bytes. */
	ck_assert_int_eq(elf_check_phdrs(ph, NPH, 0x800 - 56, PH_FILE_SIZE,
					 PAGE, &sum, err), ELF_OK);
	ck_assert_ptr_null(sum.phdr_load);
	/* Exactly the last bytes of segment 2's. */
	ck_assert_int_eq(elf_check_phdrs(ph, NPH, 0x1500 - NPH * 56,
					 PH_FILE_SIZE, PAGE, &sum, err), ELF_OK);
	ck_assert_ptr_eq(sum.phdr_load, &ph[2]);
	/* An offset so large that the end wraps around. */
	ck_assert_int_eq(elf_check_phdrs(ph, NPH, UINT64_MAX - 8,
					 PH_FILE_SIZE, PAGE, &sum, err), ELF_OK);
	ck_assert_ptr_null(sum.phdr_load);
}
END_TEST

START_TEST(scan_reports_the_same_kinds)
{
	Elf64_Phdr ph[NPROG];

	program_phdrs(ph);
	memset(&sum, 0xa5, sizeof(sum));
	elf_scan_phdrs(ph, NPROG, &sum);
	ck_assert_ptr_eq(sum.interp, &ph[1]);
	ck_assert_ptr_eq(sum.dynamic, &ph[5]);
	ck_assert_ptr_eq(sum.tls, &ph[6]);
	ck_assert_ptr_eq(sum.relro, &ph[7]);
	ck_assert_ptr_eq(sum.stack, &ph[8]);
	ck_assert_ptr_eq(sum.writable, &ph[9]);
	/* What only mapping needs is left out. */
	ck_assert_ptr_null(sum.first_load);
	ck_assert_ptr_null(sum.last_load);
	ck_assert_ptr_null(sum.phdr_load);
	ck_assert_uint_eq(sum.span.end, 0);
}
END_TEST

START_TEST(scan_checks_nothing)
{
	Elf64_Phdr ph[NPH];

	/* The kernel has accepted these; the scan takes them as they are. */
	good_phdrs(ph);
	ph[2].p_flags = PF_R | PF_W | PF_X;
	ph[4].p_offset = UINT64_MAX;
	elf_scan_phdrs(ph, NPH, &sum);
	ck_assert_ptr_eq(sum.writable, &ph[3]);
	ck_assert_ptr_eq(sum.dynamic, &ph[4]);
	/* Without any header. */
	memset(&sum, 0xa5, sizeof(sum));
	elf_scan_phdrs(ph, 0, &sum);
	ck_assert_ptr_null(sum.writable);
	ck_assert_ptr_null(sum.executable);
	ck_assert_ptr_null(sum.dynamic);
	ck_assert_ptr_null(sum.stack);
}
END_TEST

/* ---- elf_find_phdr, elf_vaddr_in_load ---- */

START_TEST(find_phdr_returns_first_of_type)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ck_assert_ptr_eq(elf_find_phdr(ph, NPH, PT_LOAD), &ph[1]);
	ck_assert_ptr_eq(elf_find_phdr(ph, NPH, PT_DYNAMIC), &ph[4]);
	ck_assert_ptr_eq(elf_find_phdr(ph, NPH, PT_GNU_STACK), &ph[5]);
	ck_assert_ptr_null(elf_find_phdr(ph, NPH, PT_INTERP));
	/* PHNUM bounds the search. */
	ck_assert_ptr_null(elf_find_phdr(ph, 4, PT_DYNAMIC));
}
END_TEST

START_TEST(vaddr_in_load_ranges)
{
	Elf64_Phdr ph[NPH];

	good_phdrs(ph);
	ck_assert_int_eq(elf_vaddr_in_load(ph, NPH, 0, 0x800), 1);
	ck_assert_int_eq(elf_vaddr_in_load(ph, NPH, 0x1100, 8), 1);
	/* The bss part (past p_filesz, within p_memsz) is in the image. */
	ck_assert_int_eq(elf_vaddr_in_load(ph, NPH, 0x4e00, 0x10), 1);
	ck_assert_int_eq(elf_vaddr_in_load(ph, NPH, 0x4e00, 0x11), 0);
	ck_assert_int_eq(elf_vaddr_in_load(ph, NPH, 0x7f8, 0x10), 0);
	ck_assert_int_eq(elf_vaddr_in_load(ph, NPH, 0x900, 1), 0);	/* gap */
	/* The PT_PHDR and PT_DYNAMIC entries are not loads. */
	ck_assert_int_eq(elf_vaddr_in_load(&ph[4], 1, 0x3e20, 8), 0);
	/* VADDR + SIZE wrapping around is never inside. */
	ck_assert_int_eq(elf_vaddr_in_load(ph, NPH, 0x100, UINT64_MAX), 0);
}
END_TEST

/* ---- elf_decode_dynamic ---- */

START_TEST(decode_dynamic_tags)
{
	static const Elf64_Dyn dyn[] = {
		{ DT_NEEDED, { 1 } },
		{ DT_NEEDED, { 11 } },
		{ DT_SONAME, { 21 } },
		{ DT_DEBUG, { 0 } },
		{ DT_STRTAB, { 0x400 } },
		{ DT_SYMTAB, { 0x300 } },
		{ DT_RELR, { 0x600 } },
		{ DT_RELRSZ, { 0x18 } },
		{ DT_GNU_HASH, { 0x280 } },
		{ DT_VERSYM, { 0x500 } },
		{ DT_VERDEF, { 0x520 } },
		{ DT_VERDEFNUM, { 3 } },
		{ DT_VERNEED, { 0x580 } },
		{ DT_VERNEEDNUM, { 1 } },
		{ DT_FLAGS_1, { DF_1_NOW | DF_1_PIE } },
		{ 0x6ffffdf5 /* DT_GNU_PRELINKED */, { 99 } },
		{ -5, { 98 } },
		{ DT_NULL, { 0 } },
		{ DT_INIT, { 0x1000 } },	/* after DT_NULL: ignored */
	};
	struct dyn_info di = { 0 };

	elf_decode_dynamic(dyn, ARRAY_SIZE(dyn), &di);
	ck_assert_uint_eq(di.needed_count, 2);
	ck_assert_uint_eq(di.tag[DT_NEEDED], 11);	/* the last one */
	ck_assert_int_eq(di.present[DT_SONAME], 1);
	ck_assert_uint_eq(di.tag[DT_SONAME], 21);
	ck_assert_int_eq(di.present[DT_DEBUG], 1);
	ck_assert_uint_eq(di.debug_index, 3);	/* where to write r_debug */
	ck_assert_uint_eq(di.tag[DT_STRTAB], 0x400);
	ck_assert_uint_eq(di.tag[DT_SYMTAB], 0x300);
	ck_assert_uint_eq(di.tag[DT_RELR], 0x600);
	ck_assert_uint_eq(di.tag[DT_RELRSZ], 0x18);
	ck_assert_uint_eq(di.gnu_hash, 0x280);
	ck_assert_uint_eq(di.versym, 0x500);
	ck_assert_uint_eq(di.verdef, 0x520);
	ck_assert_uint_eq(di.verdefnum, 3);
	ck_assert_uint_eq(di.verneed, 0x580);
	ck_assert_uint_eq(di.verneednum, 1);
	ck_assert_uint_eq(di.flags_1, DF_1_NOW | DF_1_PIE);
	/* Absent tags read as 0 and not present. */
	ck_assert_int_eq(di.present[DT_INIT], 0);
	ck_assert_uint_eq(di.tag[DT_INIT], 0);
	ck_assert_int_eq(di.present[DT_HASH], 0);
	ck_assert_int_eq(di.present[DT_NULL], 0);
}
END_TEST

START_TEST(decode_dynamic_stops_at_count)
{
	static const Elf64_Dyn dyn[] = {
		{ DT_STRTAB, { 0x400 } },
		{ DT_STRSZ, { 0x80 } },
		{ DT_SYMTAB, { 0x300 } },	/* beyond COUNT */
	};
	struct dyn_info di = { 0 };

	elf_decode_dynamic(dyn, 2, &di);
	ck_assert_int_eq(di.present[DT_STRTAB], 1);
	ck_assert_uint_eq(di.tag[DT_STRSZ], 0x80);
	ck_assert_int_eq(di.present[DT_SYMTAB], 0);
	ck_assert_uint_eq(di.tag[DT_SYMTAB], 0);
	ck_assert_uint_eq(di.needed_count, 0);
}
END_TEST

/* ---- PT_GNU_RELRO ---- */

START_TEST(relro_rounded_up_to_its_segments_last_page)
{
	Elf64_Phdr ph[NPH + 1];

	good_phdrs(ph);
	/* lld pads RELRO to the page end, past the segment's p_memsz. */
	set_ph(&ph[NPH], PT_GNU_RELRO, PF_R, 0x2e10, 0x3e10, 0x1f0, 0x1f0, 1);
	ck_assert_int_eq(check_phdrs(ph, NPH + 1), ELF_OK);
	ck_assert_ptr_eq(sum.relro, &ph[NPH]);
}
END_TEST

START_TEST(relro_outside_the_image)
{
	Elf64_Phdr ph[NPH + 1];

	good_phdrs(ph);
	set_ph(&ph[NPH], PT_GNU_RELRO, PF_R, 0x2e10, 0x7fff0000, 0x2000,
	       0x2000, 1);
	check_phdrs_fail(ph, NPH + 1,
			 "PT_GNU_RELRO lies outside the loaded image");
}
END_TEST

START_TEST(relro_across_two_segments)
{
	Elf64_Phdr ph[NPH + 1];

	good_phdrs(ph);
	/* From the text into the data: mprotect would take the text's X. */
	set_ph(&ph[NPH], PT_GNU_RELRO, PF_R, 0x1000, 0x1000, 0x3000, 0x3000,
	       1);
	check_phdrs_fail(ph, NPH + 1,
			 "PT_GNU_RELRO lies outside the loaded image");
}
END_TEST

START_TEST(relro_overflowing_range)
{
	Elf64_Phdr ph[NPH + 1];

	good_phdrs(ph);
	set_ph(&ph[NPH], PT_GNU_RELRO, PF_R, 0, UINT64_MAX - 0x10, 0x100,
	       0x100, 1);
	check_phdrs_fail(ph, NPH + 1,
			 "PT_GNU_RELRO lies outside the loaded image");
}
END_TEST

/* ---- elf_check_mapped_phdrs: headers the kernel mapped ---- */

/* The headers of good_phdrs at PAGE-aligned memory + 64, as the kernel
 * maps a program at a load bias: returns that bias. */
static Elf64_Phdr *mapped;
static uint64_t map_bias;

static void map_good_phdrs(void)
{
	static unsigned char memory[3 * PAGE];
	uintptr_t page = ALIGN_UP((uintptr_t)memory, PAGE);

	mapped = (Elf64_Phdr *)(page + 64);
	good_phdrs(mapped);
	map_bias = page;
}

static int check_mapped(size_t phent, size_t phnum, uint64_t *base)
{
	clear_err();
	return elf_check_mapped_phdrs(mapped, phnum, phent, PAGE, base, &sum,
				      err);
}

START_TEST(mapped_valid_bias_from_pt_phdr)
{
	uint64_t base = 0;

	map_good_phdrs();
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_OK);
	ck_assert_uint_eq(base, map_bias);
	ck_assert_ptr_eq(sum.dynamic, &mapped[4]);
}
END_TEST

START_TEST(mapped_bad_auxv)
{
	uint64_t base = 0;

	map_good_phdrs();
	ck_assert_int_eq(check_mapped(32, NPH, &base), ELF_BAD);
	ck_assert_ptr_nonnull(strstr(err, "bad program headers in the "
					  "auxiliary vector"));
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), 0, &base), ELF_BAD);
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), ELF_MAX_PHNUM + 1,
				      &base), ELF_BAD);
}
END_TEST

START_TEST(mapped_pt_phdr_disagrees_with_its_load)
{
	uint64_t base = 0;

	map_good_phdrs();
	mapped[0].p_vaddr += PAGE;	/* the file offset still says 64 */
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_BAD);
	ck_assert_str_eq(err, "PT_PHDR lies in no PT_LOAD, or disagrees with "
			      "it");
}
END_TEST

START_TEST(mapped_pt_phdr_too_small)
{
	uint64_t base = 0;

	map_good_phdrs();
	mapped[0].p_filesz = mapped[0].p_memsz = 56;
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_BAD);
	ck_assert_str_eq(err, "PT_PHDR is smaller than the program headers");
}
END_TEST

START_TEST(mapped_pt_phdr_shifted_off_the_page)
{
	uint64_t base = 0;

	map_good_phdrs();
	mapped[0].p_vaddr += 8;
	mapped[0].p_offset += 8;
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_BAD);
	ck_assert_ptr_nonnull(strstr(err, "not where PT_PHDR says"));
}
END_TEST

START_TEST(mapped_overlapping_loads_and_dynamic_outside)
{
	uint64_t base = 0;

	map_good_phdrs();
	mapped[1].p_memsz = 0x1010;
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_BAD);
	ck_assert_str_eq(err, "PT_LOAD segments overlap");
	map_good_phdrs();
	mapped[4].p_vaddr = 0x7fff0000;
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_BAD);
	ck_assert_str_eq(err, "PT_DYNAMIC lies outside the loaded image");
}
END_TEST

START_TEST(mapped_without_pt_phdr_keeps_the_given_bias)
{
	map_good_phdrs();
	mapped[0].p_type = PT_NULL;
	uint64_t base = map_bias;
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_OK);
	ck_assert_uint_eq(base, map_bias);
	/* A bias that puts the headers outside the image. */
	base = map_bias - 0x100000;
	ck_assert_int_eq(check_mapped(sizeof(Elf64_Phdr), NPH, &base), ELF_BAD);
	ck_assert_str_eq(err, "the program headers lie outside the loaded "
			      "image");
}
END_TEST

static Suite *elf_parse_suite(void)
{
	Suite *s = suite_create("elf_parse");
	TCase *hdr = tcase_create("elf_check_header");
	TCase *ph = tcase_create("elf_check_phdrs");
	TCase *sums = tcase_create("summary");
	TCase *geo = tcase_create("find_vaddr");
	TCase *dyn = tcase_create("elf_decode_dynamic");

	tcase_add_test(hdr, header_valid_et_dyn);
	tcase_add_test(hdr, header_valid_et_exec);
	tcase_add_test(hdr, header_bad_magic);
	tcase_add_test(hdr, header_too_short);
	tcase_add_test(hdr, header_32bit_is_foreign);
	tcase_add_test(hdr, header_invalid_class);
	tcase_add_test(hdr, header_big_endian_is_foreign);
	tcase_add_test(hdr, header_bad_ident_version);
	tcase_add_test(hdr, header_wrong_machine_named);
	tcase_add_test(hdr, header_unknown_machine_numbered);
	tcase_add_test(hdr, header_rel_and_core_rejected);
	tcase_add_test(hdr, header_bad_phentsize);
	tcase_add_test(hdr, header_phnum_zero_or_too_many);
	tcase_add_test(hdr, header_phoff_misaligned);
	tcase_add_test(hdr, header_phoff_overflow);
	tcase_add_test(hdr, header_phdrs_past_end_of_file);
	suite_add_tcase(s, hdr);

	tcase_add_test(ph, phdrs_valid_library);
	tcase_add_test(ph, phdrs_valid_with_interp_and_tls);
	tcase_add_test(ph, phdrs_other_types_not_checked);
	tcase_add_test(ph, phdrs_filesz_exceeds_memsz);
	tcase_add_test(ph, phdrs_segment_past_end_of_file);
	tcase_add_test(ph, phdrs_offset_plus_filesz_overflows);
	tcase_add_test(ph, phdrs_dynamic_past_end_of_file);
	tcase_add_test(ph, phdrs_enormous_memsz);
	tcase_add_test(ph, phdrs_unsorted_loads);
	tcase_add_test(ph, phdrs_overlapping_loads);
	tcase_add_test(ph, phdrs_adjacent_loads_do_not_overlap);
	tcase_add_test(ph, phdrs_incongruent_vaddr_offset);
	tcase_add_test(ph, phdrs_congruence_uses_given_page_size);
	tcase_add_test(ph, phdrs_align_not_power_of_two_rejected);
	tcase_add_test(ph, phdrs_align_message_shows_value);
	tcase_add_test(ph, phdrs_writable_and_executable);
	tcase_add_test(ph, phdrs_no_loads);
	tcase_add_test(ph, phdrs_dynamic_outside_loads);
	tcase_add_test(ph, phdrs_empty_interp);
	tcase_add_test(ph, phdrs_dynamic_header_before_the_loads);
	suite_add_tcase(s, ph);

	tcase_add_test(sums, summary_of_library);
	tcase_add_test(sums, summary_first_of_each_kind_wins);
	tcase_add_test(sums, summary_span_rounds_to_the_page_size);
	tcase_add_test(sums, summary_program_headers_not_loaded);
	tcase_add_test(sums, scan_reports_the_same_kinds);
	tcase_add_test(sums, scan_checks_nothing);
	suite_add_tcase(s, sums);

	tcase_add_test(ph, relro_rounded_up_to_its_segments_last_page);
	tcase_add_test(ph, relro_outside_the_image);
	tcase_add_test(ph, relro_across_two_segments);
	tcase_add_test(ph, relro_overflowing_range);
	tcase_add_test(ph, mapped_valid_bias_from_pt_phdr);
	tcase_add_test(ph, mapped_bad_auxv);
	tcase_add_test(ph, mapped_pt_phdr_disagrees_with_its_load);
	tcase_add_test(ph, mapped_pt_phdr_too_small);
	tcase_add_test(ph, mapped_pt_phdr_shifted_off_the_page);
	tcase_add_test(ph, mapped_overlapping_loads_and_dynamic_outside);
	tcase_add_test(ph, mapped_without_pt_phdr_keeps_the_given_bias);
	tcase_add_test(geo, find_phdr_returns_first_of_type);
	tcase_add_test(geo, vaddr_in_load_ranges);
	suite_add_tcase(s, geo);

	tcase_add_test(dyn, decode_dynamic_tags);
	tcase_add_test(dyn, decode_dynamic_stops_at_count);
	suite_add_tcase(s, dyn);
	return s;
}

UNIT_TEST_MAIN(elf_parse_suite)
