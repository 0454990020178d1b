/* SPDX-License-Identifier: MIT */
/* The loader that tests/check_system_workloads.py's aarch64 'ldd' case
 * puts in ldd's RTLDLIST: it runs the arm64 loader under qemu-user.
 * ldd starts its loader with LD_TRACE_LOADED_OBJECTS and friends in the
 * environment; in qemu's own environment they would reach the host's
 * loader of the dynamically linked qemu (which would list qemu's
 * libraries and exit), so they go to the guest with -E instead.  It is
 * linked statically for the same reason: no loader acts on them here.
 *
 * ARGV0.cmd holds the command, NUL-terminated words: qemu and its
 * options, the loader last.  Runs: WORDS... -E LD_X=... LOADER ARGS... */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	static char words[65536];
	static char *args[4096], *env[4096];
	char path[4096];
	int nargs = 0, nenv = 0;
	size_t len;
	FILE *f;

	snprintf(path, sizeof path, "%s.cmd", argv[0]);
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 127;
	}
	len = fread(words, 1, sizeof words - 1, f);
	fclose(f);
	for (char *p = words; p < words + len && nargs < 2000;
	     p += strlen(p) + 1)
		args[nargs++] = p;
	if (nargs < 2) {
		fprintf(stderr, "%s: no command\n", path);
		return 127;
	}
	char *loader = args[--nargs];
	for (char **v = environ; *v && nargs < 4000 && nenv < 4000; v++) {
		if (strncmp(*v, "LD_", 3) == 0) {
			args[nargs++] = "-E";
			args[nargs++] = *v;
		} else {
			env[nenv++] = *v;
		}
	}
	args[nargs++] = loader;
	for (int i = 1; i < argc && nargs < 4095; i++)
		args[nargs++] = argv[i];
	args[nargs] = NULL;
	env[nenv] = NULL;
	execve(args[0], args, env);
	perror(args[0]);
	return 127;
}
