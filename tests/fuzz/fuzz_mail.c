/*
 * fuzz_mail.c - libFuzzer target for mailparse.c: header fields, RFC 2047
 * words and charsets, addresses, dates, flags and mbox framing.
 *
 * Checks besides "no crash": decoded text is valid UTF-8 with no control
 * characters and within MAILPARSE_TEXT_MAX; field iteration stays inside
 * the input; the mbox framer finds the same messages at the same offsets
 * whatever the chunk sizes the bytes come in.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>

#include "mailparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless s is clean text: valid UTF-8, no C0, DEL or C1. */
static void check_text(const struct buf *b)
{
	const unsigned char *s = (const unsigned char *)buf_str(b);
	size_t i = 0, n = b->len, len, k;
	uint32_t c;

	if (n > MAILPARSE_TEXT_MAX || strlen((const char *)s) != n) {
		abort();
	}
	while (i < n) {
		c = s[i];
		len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if ((c >= 0x80 && c < 0xc2) || c > 0xf4 || i + len > n) {
			abort();
		}
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80) {
				abort();
			}
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if (len == 2) {
			c &= 0x7ff;
		}
		if (c < 0x20 || c == 0x7f || (len == 2 && c < 0xa0)) {
			abort();
		}
		i += len;
	}
}

/* Records "offset,header length;" per message. */
static int on_message(void *ctx, uint64_t offset, const char *from_line,
		      size_t from_len, const char *header, size_t header_len)
{
	struct buf *log = ctx;

	if (from_len > MAILPARSE_FROMLINE_MAX ||
	    header_len > MAILPARSE_HEADER_MAX ||
	    memcmp(from_line, "From ", 5) != 0) {
		abort();
	}
	buf_printf(log, "%llu,%zu;", (unsigned long long)offset, header_len);
	return 0;
}

static void frame(const char *s, size_t size, size_t step, struct buf *log)
{
	struct mailparse_mbox mb;
	size_t off, len;

	mailparse_mbox_init(&mb);
	for (off = 0; off < size; off += len) {
		len = size - off < step ? size - off : step;
		mailparse_mbox_feed(&mb, s + off, len, on_message, log);
		step = step * 7 % 13 + 1;
	}
	if (mb.pos != size) {
		abort();
	}
	mailparse_mbox_release(&mb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct mailparse_msg m, d;
	struct mailparse_field f;
	struct buf out = BUF_INIT, name = BUF_INIT, addr = BUF_INIT;
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t pos = 0, prev, cs;
	unsigned flags;
	int64_t t;

	mailparse_msg_init(&m);
	mailparse_msg_init(&d);
	mailparse_msg_parse(&m, s, size);
	check_text(&m.from);
	check_text(&m.subject);
	/* the worker's encoding: a round trip is exact, garbage is safe */
	mailparse_worker_parse(s, size, &a);
	if (mailparse_msg_decode(&d, a.data, a.len) != 0 ||
	    d.from.len != m.from.len || d.subject.len != m.subject.len ||
	    d.date != (m.has_date ? m.date : 0) || d.flags != m.flags ||
	    (d.from.len && memcmp(d.from.data, m.from.data, d.from.len)) ||
	    (d.subject.len &&
	     memcmp(d.subject.data, m.subject.data, d.subject.len))) {
		abort();
	}
	buf_reset(&a);
	if (mailparse_msg_decode(&d, s, size) == 0) {
		check_text(&d.from);
		check_text(&d.subject);
		check_text(&d.message_id);
	}
	mailparse_msg_release(&m);
	mailparse_msg_release(&d);
	for (prev = 0; mailparse_next_field(s, size, &pos, &f); prev = pos) {
		if (pos <= prev || pos > size || f.name < s ||
		    f.value + f.value_len > s + size) {
			abort();
		}
	}
	mailparse_decode_text(s, size, &out);
	check_text(&out);
	mailparse_address(s, size, &name, &addr);
	check_text(&name);
	check_text(&addr);
	buf_reset(&out);
	mailparse_from(s, size, &out);
	mailparse_date(s, size, &t);
	mailparse_status(s, size);
	if (mailparse_maildir_name(s, size, &flags) > size) {
		abort();
	}
	cs = size < 16 ? size : 16;
	buf_reset(&out);
	mailparse_charset_to_utf8(s, cs, s + cs, size - cs, &out);
	frame(s, size, size, &a);
	frame(s, size, size % 5 + 1, &b);
	if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0)) {
		abort();
	}
	buf_release(&out);
	buf_release(&name);
	buf_release(&addr);
	buf_release(&a);
	buf_release(&b);
	return 0;
}
