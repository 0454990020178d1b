/* SPDX-License-Identifier: MIT */
/*
 * tls_odd: a PT_TLS whose p_vaddr is not a multiple of its p_align.  The
 * 8-aligned .tdata starts 8 bytes after a 64-aligned section (.padtls,
 * placed just before .tdata by odd.ld) and the 64-aligned .tbss array
 * makes p_align 64.  GNU ld and gold always align .tdata to the whole TLS
 * segment's alignment; lld does not when the script puts something there,
 * so this library is linked with lld and -z norelro (.padtls is not RELRO).
 * A loader that puts the block at an address that is a multiple of p_align
 * instead of one congruent to p_vaddr misaligns odd_al64 by 8.  The library
 * reports its own PT_TLS (through __ehdr_start) so the expected output
 * catches a linker that stops producing this layout.
 */
#include <elf.h>

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));

__attribute__((section(".padtls"), aligned(64), used)) long odd_pad = 1;

__thread long odd_data = 0x7777;
__thread char odd_al64[64] __attribute__((aligned(64)));

static const Elf64_Phdr *tls_phdr(void)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)
		((const char *)&__ehdr_start + __ehdr_start.e_phoff);

	for (int i = 0; i < __ehdr_start.e_phnum; i++)
		if (ph[i].p_type == PT_TLS)
			return &ph[i];
	return 0;
}

long odd_tls_align(void)
{
	const Elf64_Phdr *ph = tls_phdr();

	return ph ? (long)ph->p_align : -1;
}

long odd_tls_misalign(void)
{
	const Elf64_Phdr *ph = tls_phdr();

	return ph && ph->p_align ? (long)(ph->p_vaddr % ph->p_align) : -1;
}

long *odd_addr_data(void)
{
	return &odd_data;
}

char *odd_addr_al64(void)
{
	return odd_al64;
}
