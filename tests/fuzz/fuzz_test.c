/*
 * fuzz_test.c - libFuzzer target for the test / [ builtin: the input is
 * split at NUL bytes into arguments, which are evaluated as a test
 * expression (and as a [ ... ] one when it ends in "]").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "output.h"
#include "shell.h"

#define FUZZ_MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct shell sh;
	char *copy, *p, *end;
	char *argv[FUZZ_MAX_ARGS + 2];
	int argc = 1;

	copy = malloc(size + 1);
	if (copy == NULL) {
		return 0;
	}
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = "test";
	end = copy + size;
	for (p = copy; p < end && argc < FUZZ_MAX_ARGS; p += strlen(p) + 1) {
		argv[argc++] = p;
	}
	argv[argc] = NULL;
	sh.lineno = 1;
	builtin_test(&sh, argc, argv);
	argv[0] = "[";
	builtin_test(&sh, argc, argv);
	out_discard();
	free(copy);
	return 0;
}
