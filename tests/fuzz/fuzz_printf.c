/*
 * fuzz_printf.c - libFuzzer target for the printf and echo builtins: the
 * input is split at NUL bytes; the first piece is the format, the rest are
 * the arguments.  Output is dropped.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"

#define FUZZ_MAX_ARGS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Large widths fill the output buffer, which then drains to fd 1: send
 * that to /dev/null. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = open("/dev/null", O_WRONLY);

	if (fd >= 0) {
		dup2(fd, 1);
		close(fd);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct shell sh;
	char *copy, *p, *end;
	char *argv[FUZZ_MAX_ARGS + 3];
	int argc = 1;

	copy = malloc(size + 1);
	if (copy == NULL) {
		return 0;
	}
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = "printf";
	/* keep the format from being read as options */
	argv[argc++] = "--";
	end = copy + size;
	for (p = copy; p < end && argc < FUZZ_MAX_ARGS; p += strlen(p) + 1) {
		argv[argc++] = p;
	}
	if (argc == 2) {
		argv[argc++] = "";
	}
	argv[argc] = NULL;
	sh.lineno = 1;
	builtin_printf(&sh, argc, argv);
	out_discard();
	argv[1] = "echo";
	builtin_echo(&sh, argc - 1, argv + 1);
	out_discard();
	free(copy);
	return 0;
}
