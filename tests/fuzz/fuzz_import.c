/*
 * fuzz_import.c - libFuzzer target for the JSON parser and the import
 * format.
 *
 * Each line of the input goes through import_parse_line(); an event that
 * parses is written with import_emit() and must parse back to the same
 * line again (the round trip the export relies on).  The whole input is
 * also streamed through import_feed() in uneven chunks, which must agree
 * with the line-by-line count of events.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>

#include "import.h"
#include "json.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_member(const char *key, size_t klen,
		       const struct json_value *v, void *arg)
{
	(void)key;
	(void)klen;
	(void)v;
	(void)arg;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct import_line *il, *il2;
	const char *s = (const char *)data, *nl;
	struct buf why = BUF_INIT, out = BUF_INIT, out2 = BUF_INIT;
	struct store_event ev, ev2;
	struct json_error err;
	struct import *im;
	size_t off = 0, len, step;
	int64_t events = 0;

	if (il == NULL) {
		il = import_line_new();
		il2 = import_line_new();
	}
	json_parse_object(s, size, fuzz_member, NULL, &err);
	while (off <= size) {
		nl = memchr(s + off, '\n', size - off);
		len = nl ? (size_t)(nl - (s + off)) : size - off;
		buf_reset(&why);
		if (import_parse_line(il, s + off, len, &ev, NULL, &why) ==
		    IMPORT_EVENT) {
			events += nl != NULL;
			buf_reset(&out);
			import_emit(&out, &ev);
			buf_reset(&why);
			if (import_parse_line(il2, out.data, out.len - 1, &ev2,
					      NULL, &why) != IMPORT_EVENT) {
				abort();
			}
			buf_reset(&out2);
			import_emit(&out2, &ev2);
			if (out.len != out2.len ||
			    memcmp(out.data, out2.data, out.len) != 0) {
				abort();
			}
		}
		if (nl == NULL) {
			break;
		}
		off += len + 1;
	}
	im = import_new(NULL, NULL);
	step = size % 7 + 1;
	for (off = 0; off < size; off += len) {
		len = size - off < step ? size - off : step;
		import_feed(im, s + off, len);
		step = step * 3 % 11 + 1;
	}
	if (import_summary(im)->commands + import_summary(im)->files +
	    import_summary(im)->mails != events) {
		abort();
	}
	import_free(im);
	buf_release(&why);
	buf_release(&out);
	buf_release(&out2);
	return 0;
}
