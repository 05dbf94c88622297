/*
 * fuzz_redact.c - libFuzzer target for daemon/redact.c.
 *
 * Redacts arbitrary bytes and checks the contract of redact.h:
 *   - the result is NUL-terminated at the length reported;
 *   - a line reported unchanged is returned byte for byte;
 *   - a changed line holds the marker, and every marker run replaced at
 *     least one byte, so the result is at most len + MARKER_LEN per
 *     masked run longer;
 *   - redacting the result again changes nothing (idempotence).
 * Sanitizers catch reads outside the input and leaks.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	-Idaemon tests/fuzz/fuzz_redact.c daemon/redact.c -o fuzz_redact
 *   ./fuzz_redact -max_len=4096 -dict=tests/fuzz/redact.dict (optional)
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"

#define MARKER_LEN (sizeof(REDACT_MARKER) - 1)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	size_t n = 0, n2 = 0;
	bool changed = false, changed2 = true;
	char *out, *again;

	out = redact_buf(in, size, &n, &changed);
	if (out == NULL) {
		return 0;	/* out of memory is the one allowed failure */
	}
	if (out[n] != '\0') {
		abort();
	}
	if (!changed && (n != size || memcmp(out, in, size) != 0)) {
		abort();
	}
	if (changed && memmem(out, n, REDACT_MARKER, MARKER_LEN) == NULL) {
		abort();
	}
	/* each masked run is at least one byte and becomes one marker */
	if (n > size + (size + 1) / 2 * MARKER_LEN) {
		abort();
	}
	again = redact_buf(out, n, &n2, &changed2);
	if (again == NULL) {
		free(out);
		return 0;
	}
	if (changed2 || n2 != n || memcmp(again, out, n) != 0) {
		abort();
	}
	free(again);
	free(out);
	return 0;
}
