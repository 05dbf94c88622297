/*
 * test_mailparse.c - header fields, unfolding, RFC 2047 words and
 * charsets, From: addresses, dates, flags, Maildir names, mbox framing,
 * and garbage that must neither crash nor pass the caps.
 */
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>

#include "clock.h"
#include "mailparse.h"
#include "test.h"

static char text_out[4096];

/* Subject-style decoding of s, as a C string (static storage). */
static const char *dec(const char *s)
{
	struct buf b = BUF_INIT;

	mailparse_decode_text(s, strlen(s), &b);
	snprintf(text_out, sizeof(text_out), "%s", buf_str(&b));
	buf_release(&b);
	return text_out;
}

static const char *from(const char *s)
{
	struct buf b = BUF_INIT;

	mailparse_from(s, strlen(s), &b);
	snprintf(text_out, sizeof(text_out), "%s", buf_str(&b));
	buf_release(&b);
	return text_out;
}

static int64_t date(const char *s)
{
	int64_t t;

	return mailparse_date(s, strlen(s), &t) ? t : -1;
}

static int64_t utc(int y, unsigned mo, unsigned d, int h, int mi, int s)
{
	return clock_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	       s;
}

static void test_fields(void)
{
	const char *h = "From amy@x Thu Nov 19 11:12:00 2026\n"
			"SUBJECT: one\r\n"
			"  two\r\n"
			"\tthree\n"
			"garbage line without colon\n"
			" continuation of garbage\n"
			"X-Empty:\n"
			"Bad Name: x\n"
			"Spaced : y\n"
			"\n"
			"Body: not a field\n";
	struct mailparse_field f;
	struct buf v = BUF_INIT;
	size_t pos = 0;
	bool complete;

	CHECK(mailparse_next_field(h, strlen(h), &pos, &f));
	CHECK_INT(f.name_len, 7);
	CHECK(strncmp(f.name, "SUBJECT", 7) == 0);
	mailparse_unfold(f.value, f.value_len, &v);
	CHECK_STR(buf_str(&v), "one  two\tthree");
	CHECK(mailparse_next_field(h, strlen(h), &pos, &f));
	CHECK(strncmp(f.name, "X-Empty", 7) == 0);
	CHECK_INT(f.value_len, 0);
	CHECK(mailparse_next_field(h, strlen(h), &pos, &f));
	CHECK(strncmp(f.name, "Spaced", f.name_len) == 0);
	CHECK(!mailparse_next_field(h, strlen(h), &pos, &f));
	CHECK(strncmp(h + pos, "Body:", 5) == 0);
	CHECK_INT(mailparse_header_len(h, strlen(h), &complete), pos);
	CHECK(complete);
	CHECK_INT(mailparse_header_len("A: b\r\nC: d", 10, &complete), 10);
	CHECK(!complete);
	buf_release(&v);
}

static void test_encoded_words(void)
{
	CHECK_STR(dec("plain text"), "plain text");
	CHECK_STR(dec("=?UTF-8?B?w6l0w6k=?="), "\xc3\xa9t\xc3\xa9");
	CHECK_STR(dec("=?ISO-8859-1?Q?Caf=E9_cr=E8me?="),
		  "Caf\xc3\xa9 cr\xc3\xa8me");
	/* white space between words goes, between word and text stays */
	CHECK_STR(dec("=?utf-8?q?a?= =?utf-8?q?b?=\r\n =?utf-8?q?c?= d"),
		  "abc d");
	CHECK_STR(dec("Re: =?utf-8?q?Hi?= there"), "Re: Hi there");
	/* a character split over two words survives */
	CHECK_STR(dec("=?UTF-8?B?ww==?= =?UTF-8?B?qQ==?="), "\xc3\xa9");
	/* different charsets in a row */
	CHECK_STR(dec("=?iso-8859-1?q?=E9?= =?utf-8?q?=C3=A9?="),
		  "\xc3\xa9\xc3\xa9");
	CHECK_STR(dec("=?iso-8859-15?q?=A4?="), "\xe2\x82\xac");
	CHECK_STR(dec("=?windows-1252?Q?=80=96?="), "\xe2\x82\xac\xe2\x80\x93");
	CHECK_STR(dec("=?cp1252?Q?=80?="), "\xe2\x82\xac");
	CHECK_STR(dec("=?latin1?Q?=E9?="), "\xc3\xa9");
	CHECK_STR(dec("=?us-ascii?Q?a=E9?="), "a\xef\xbf\xbd");
	CHECK_STR(dec("=?utf-8*en?q?x?="), "x");
	/* other charsets go through iconv */
	CHECK_STR(dec("=?koi8-r?q?=D0=D2=C9=D7=C5=D4?="),
		  "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	/* an unknown charset: ASCII stays, the rest is U+FFFD */
	CHECK_STR(dec("=?x-bogus?q?a=E9?="), "a\xef\xbf\xbd");
	/* bad words stay literal */
	CHECK_STR(dec("=?utf-8?x?abc?="), "=?utf-8?x?abc?=");
	CHECK_STR(dec("=?utf-8?b?!!!?="), "=?utf-8?b?!!!?=");
	CHECK_STR(dec("=?utf-8?q?abc"), "=?utf-8?q?abc");
	CHECK_STR(dec("=??q?abc?="), "=??q?abc?=");
	/* invalid UTF-8 in a utf-8 word */
	CHECK_STR(dec("=?utf-8?q?a=FFb?="), "a\xef\xbf\xbd" "b");
	/* raw 8-bit: UTF-8 kept, other bytes read as windows-1252 */
	CHECK_STR(dec("Caf\xc3\xa9"), "Caf\xc3\xa9");
	CHECK_STR(dec("Caf\xe9 \x93q\x94"),
		  "Caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d");
	/* controls and escape sequences are removed, space collapsed */
	CHECK_STR(dec("  a\x01\x1b[31mb\tc  "), "a [31mb c");
	CHECK_STR(dec("=?utf-8?q?x=1B=5B2J=07y?="), "x [2J y");
	CHECK_STR(dec("=?utf-8?q?=E2=80=AEevil?="), "evil");
	CHECK_STR(dec("=?utf-8?q?a=C2=9Bb?="), "a b");
}

static void test_tables_match_iconv(void)
{
	static const char *const names[] = {
		"ISO-8859-1", "ISO-8859-15", "WINDOWS-1252"
	};
	struct buf ours = BUF_INIT;
	char in[1], out[8], *ip, *op;
	size_t il, ol, i;
	iconv_t cd;
	int c;

	for (i = 0; i < 3; i++) {
		cd = iconv_open("UTF-8", names[i]);
		CHECK(cd != (iconv_t)-1);
		if (cd == (iconv_t)-1) {
			continue;
		}
		for (c = 0x80; c < 0x100; c++) {
			in[0] = (char)c;
			ip = in;
			il = 1;
			op = out;
			ol = sizeof(out);
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
				continue;	/* a hole in the code page */
			}
			buf_reset(&ours);
			mailparse_charset_to_utf8(names[i], strlen(names[i]),
						  in, 1, &ours);
			CHECK_INT(ours.len, sizeof(out) - ol);
			CHECK(memcmp(ours.data, out, ours.len) == 0);
		}
		iconv_close(cd);
	}
	buf_release(&ours);
}

static void test_from(void)
{
	CHECK_STR(from(" Amy Adams <amy@example.org>"),
		  "Amy Adams <amy@example.org>");
	CHECK_STR(from("\"Adams, Amy\" <amy@example.org>"),
		  "Adams, Amy <amy@example.org>");
	CHECK_STR(from("\"Amy \\\"A\\\" Adams\" <amy@example.org>"),
		  "Amy \"A\" Adams <amy@example.org>");
	CHECK_STR(from("amy@example.org (Amy Adams)"),
		  "Amy Adams <amy@example.org>");
	CHECK_STR(from("<amy@example.org>"), "amy@example.org");
	CHECK_STR(from("amy@example.org"), "amy@example.org");
	CHECK_STR(from("=?UTF-8?Q?Ren=C3=A9e_Roy?= <r@x.org>"),
		  "Ren\xc3\xa9" "e Roy <r@x.org>");
	CHECK_STR(from("\"=?iso-8859-1?q?Ren=E9e?=\" <r@x.org>"),
		  "Ren\xc3\xa9" "e <r@x.org>");
	CHECK_STR(from("Amy (work) <amy@x.org>, Bob <bob@x.org>"),
		  "Amy <amy@x.org>");
	CHECK_STR(from("Amy\r\n Adams\r\n <amy@x.org>"), "Amy Adams <amy@x.org>");
	CHECK_STR(from("<@relay.org:amy@x.org>"), "amy@x.org");
	CHECK_STR(from("Just A Name"), "Just A Name");
	CHECK_STR(from(""), "");
	CHECK_STR(from("<<<<>>>\"((("), ">>");
	CHECK_STR(from("\"unterminated <a@b>"), "unterminated <a@b>");
	CHECK_STR(from("Evil\x1b]0;x\x07 <a@b>"), "Evil ]0;x <a@b>");
}

static void test_dates(void)
{
	CHECK_INT(date("Thu, 19 Nov 2026 11:12:00 +0100"),
		  utc(2026, 11, 19, 10, 12, 0));
	CHECK_INT(date("19 Nov 2026 11:12 -0230"),
		  utc(2026, 11, 19, 13, 42, 0));
	CHECK_INT(date("Thu, 19 Nov 26 11:12:07 GMT"),
		  utc(2026, 11, 19, 11, 12, 7));
	CHECK_INT(date("Thu, 19 Nov 99 11:12:07 GMT"),
		  utc(1999, 11, 19, 11, 12, 7));
	CHECK_INT(date("Thu, 19 Nov 2026 11:12:00 EST"),
		  utc(2026, 11, 19, 16, 12, 0));
	CHECK_INT(date("Thu, 19 Nov 2026 11:12:00 PDT"),
		  utc(2026, 11, 19, 18, 12, 0));
	CHECK_INT(date("Thu,\r\n 19 Nov 2026 11:12:00 -0000 (UTC)"),
		  utc(2026, 11, 19, 11, 12, 0));
	CHECK_INT(date("  Thu (day) , 19 (x(y)) November 2026 11:12:00 Z"),
		  utc(2026, 11, 19, 11, 12, 0));
	CHECK_INT(date("Thu Nov 19 11:12:00 2026"),
		  utc(2026, 11, 19, 11, 12, 0));
	CHECK_INT(date("19-Nov-2026 11:12:00 +0000"),
		  utc(2026, 11, 19, 11, 12, 0));
	CHECK_INT(date("29 Feb 2024 00:00:00 +0000"), utc(2024, 2, 29, 0, 0, 0));
	CHECK_INT(date("29 Feb 2026 00:00:00 +0000"), -1);
	CHECK_INT(date("31 Apr 2026 00:00:00 +0000"), -1);
	CHECK_INT(date("19 Nov 2026 24:00:00 +0000"), -1);
	CHECK_INT(date("19 Nov 2026 11:60:00 +0000"), -1);
	CHECK_INT(date("19 Nov 2026 11:12:00 +0160"), -1);
	CHECK_INT(date("19 Nov 2026"), -1);
	CHECK_INT(date("yesterday"), -1);
	CHECK_INT(date(""), -1);
	CHECK_INT(date("19 Nov 123456 11:12:00"), -1);
	CHECK_INT(date("99999999999999999999 Nov 2026 11:12:00"), -1);
}

static void test_flags_and_names(void)
{
	unsigned flags;

	CHECK_INT(mailparse_status("RO", 2), MAILPARSE_SEEN | MAILPARSE_OLD);
	CHECK_INT(mailparse_status(" O", 2), MAILPARSE_OLD);
	CHECK_INT(mailparse_status("AF", 2),
		  MAILPARSE_ANSWERED | MAILPARSE_FLAGGED);
	CHECK_INT(mailparse_maildir_name("1700.M1P2.host:2,RS", 19, &flags),
		  14);
	CHECK_INT(flags, MAILPARSE_SEEN | MAILPARSE_ANSWERED);
	CHECK_INT(mailparse_maildir_name("1700.M1P2.host", 14, &flags), 14);
	CHECK_INT(flags, 0);
	CHECK_INT(mailparse_maildir_name("abc:2,", 6, &flags), 3);
	CHECK_INT(flags, 0);
	CHECK_INT(mailparse_maildir_name("abc:1,S", 7, &flags), 3);
	CHECK_INT(flags, 0);
	CHECK_INT(mailparse_maildir_name("abc!2,FSa", 9, &flags), 3);
	CHECK_INT(flags, MAILPARSE_SEEN | MAILPARSE_FLAGGED);
	CHECK_INT(mailparse_maildir_name(":2,S", 4, &flags), 0);
	CHECK_INT(mailparse_maildir_name("", 0, &flags), 0);
}

static void test_msg(void)
{
	const char *h = "From amy@x Thu Nov 19 11:12:00 2026\n"
			"Received: from x\n\tby y\n"
			"from: Amy Adams <amy@example.org>\n"
			"Subject: =?utf-8?q?Dinner_on?=\n"
			" =?utf-8?q?_Friday=3F?=\n"
			"Subject: second subject ignored\n"
			"Date: Thu, 19 Nov 2026 11:12:00 +0000\n"
			"Message-ID:\n <abc@example.org>\n"
			"Status: RO\n"
			"X-Status: A\n"
			"\n"
			"Subject: in the body\n";
	struct mailparse_msg m;

	mailparse_msg_init(&m);
	CHECK_INT(mailparse_msg_parse(&m, h, strlen(h)), 0);
	CHECK_STR(buf_str(&m.from), "Amy Adams <amy@example.org>");
	CHECK_STR(buf_str(&m.subject), "Dinner on Friday?");
	CHECK_STR(buf_str(&m.message_id), "abc@example.org");
	CHECK(m.has_date);
	CHECK_INT(m.date, utc(2026, 11, 19, 11, 12, 0));
	CHECK(m.has_status);
	CHECK_INT(m.flags, MAILPARSE_SEEN | MAILPARSE_OLD | MAILPARSE_ANSWERED);
	CHECK(m.complete);
	/* parse again: nothing of the first message stays */
	CHECK_INT(mailparse_msg_parse(&m, "Subject: x\n", 11), 0);
	CHECK_STR(buf_str(&m.subject), "x");
	CHECK_STR(buf_str(&m.from), "");
	CHECK(!m.has_date);
	CHECK(!m.has_status);
	CHECK(!m.complete);
	mailparse_msg_release(&m);
}

static void test_garbage(void)
{
	struct mailparse_msg m;
	struct buf big = BUF_INIT;
	size_t i;

	mailparse_msg_init(&m);
	/* a huge header: many fields, one enormous subject */
	for (i = 0; i < 200000; i++) {
		buf_puts(&big, "X-A: b\n");
	}
	CHECK_INT(mailparse_msg_parse(&m, big.data, big.len), 0);
	buf_reset(&big);
	buf_puts(&big, "Subject: ");
	for (i = 0; i < 100000; i++) {
		buf_puts(&big, i % 2 ? "=?utf-8?q?=C3=A9?= " : "xy ");
	}
	buf_puts(&big, "\nFrom: ");
	for (i = 0; i < 50000; i++) {
		buf_puts(&big, "((\"<");
	}
	buf_putc(&big, '\n');
	CHECK_INT(mailparse_msg_parse(&m, big.data, big.len), 0);
	CHECK(m.subject.len > 0 && m.subject.len <= MAILPARSE_TEXT_MAX);
	CHECK(m.from.len <= MAILPARSE_TEXT_MAX);
	/* NULs, lone CRs, binary */
	buf_reset(&big);
	for (i = 0; i < 4096; i++) {
		buf_putc(&big, (char)(i * 7 + 3));
	}
	CHECK_INT(mailparse_msg_parse(&m, big.data, big.len), 0);
	CHECK_INT(mailparse_msg_parse(&m, "", 0), 0);
	CHECK_INT(mailparse_msg_parse(&m, "Subject", 7), 0);
	CHECK_INT(mailparse_msg_parse(&m, "Subject:\r", 9), 0);
	CHECK_STR(buf_str(&m.subject), "");
	mailparse_msg_release(&m);
	buf_release(&big);
}

static void test_encoding(void)
{
	const char *h = "From: =?utf-8?q?Ren=C3=A9e?= <r@x.org>\n"
			"Subject: hi\nMessage-ID: <a@b>\n"
			"Date: Thu, 19 Nov 2026 11:12:00 +0000\nStatus: R\n\n";
	struct mailparse_msg m, d;
	struct buf enc = BUF_INIT, bad = BUF_INIT;
	size_t i;

	mailparse_msg_init(&m);
	mailparse_msg_init(&d);
	CHECK_INT(mailparse_worker_parse(h, strlen(h), &enc), 0);
	CHECK_INT(mailparse_msg_decode(&d, enc.data, enc.len), 0);
	mailparse_msg_parse(&m, h, strlen(h));
	CHECK_STR(buf_str(&d.from), buf_str(&m.from));
	CHECK_STR(buf_str(&d.subject), "hi");
	CHECK_STR(buf_str(&d.message_id), "a@b");
	CHECK(d.has_date && d.complete && d.has_status);
	CHECK_INT(d.date, m.date);
	CHECK_INT(d.flags, MAILPARSE_SEEN);
	/* every truncation and a trailing byte are refused */
	for (i = 0; i < enc.len; i++) {
		CHECK_INT(mailparse_msg_decode(&d, enc.data, i), -1);
		CHECK_STR(buf_str(&d.from), "");
	}
	buf_append(&bad, enc.data, enc.len);
	buf_putc(&bad, 'x');
	CHECK_INT(mailparse_msg_decode(&d, bad.data, bad.len), -1);
	/* unknown version, bits, flags; a negative date */
	bad.data[0] = 2;
	CHECK_INT(mailparse_msg_decode(&d, bad.data, enc.len), -1);
	buf_reset(&bad);
	buf_append(&bad, enc.data, enc.len);
	bad.data[1] |= 8;
	CHECK_INT(mailparse_msg_decode(&d, bad.data, bad.len), -1);
	bad.data[1] &= 7;
	bad.data[5] = 1;
	CHECK_INT(mailparse_msg_decode(&d, bad.data, bad.len), -1);
	bad.data[5] = 0;
	bad.data[13] = (char)0x80;
	CHECK_INT(mailparse_msg_decode(&d, bad.data, bad.len), -1);
	/* a hostile worker's text is cleaned again */
	buf_reset(&bad);
	buf_append(&bad, "\1\0\0\0\0\0\0\0\0\0\0\0\0\0", 14);
	buf_append(&bad, "\5\0a\x1b[2J", 7);
	buf_append(&bad, "\2\0\xff\xfe\0\0", 6);
	CHECK_INT(mailparse_msg_decode(&d, bad.data, bad.len), 0);
	CHECK_STR(buf_str(&d.from), "a [2J");
	CHECK_STR(buf_str(&d.subject), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK(!d.has_date);
	mailparse_msg_release(&m);
	mailparse_msg_release(&d);
	buf_release(&enc);
	buf_release(&bad);
}

/* mbox callback: records "offset:subject;" for each message. */
static int on_mbox(void *ctx, uint64_t offset, const char *from_line,
		   size_t from_len, const char *header, size_t header_len)
{
	struct buf *log = ctx;
	struct mailparse_msg m;

	mailparse_msg_init(&m);
	mailparse_msg_parse(&m, header, header_len);
	buf_printf(log, "%llu:%.*s:%s;", (unsigned long long)offset,
		   (int)(from_len > 10 ? 10 : from_len), from_line,
		   buf_str(&m.subject));
	mailparse_msg_release(&m);
	return 0;
}

static void test_mbox(void)
{
	const char *mbox = "From a@x Thu Nov 19 11:12:00 2026\n"
			   "Subject: one\n"
			   "\n"
			   "body\n"
			   "From here on not a separator\n"
			   ">From quoted\n"
			   "\n"
			   "From b@x Thu Nov 19 11:13:00 2026\r\n"
			   "Subject: two\r\n"
			   "\r\n"
			   "\r\n"
			   "From c@x Thu Nov 19 11:14:00 2026\n"
			   "Subject: three\n"
			   "\n";
	const char *want = "0:From a@x T:one;96:From b@x T:two;"
			   "149:From c@x T:three;";
	struct mailparse_mbox mb;
	struct buf log = BUF_INIT;
	size_t step, off, len, n = strlen(mbox);

	for (step = 1; step <= 9; step++) {
		buf_reset(&log);
		mailparse_mbox_init(&mb);
		for (off = 0; off < n; off += len) {
			len = n - off < step ? n - off : step;
			mailparse_mbox_feed(&mb, mbox + off, len, on_mbox,
					    &log);
		}
		CHECK_STR(buf_str(&log), want);
		CHECK_INT(mb.pos, n);
		mailparse_mbox_release(&mb);
	}
	/* a header still open is reported when its end arrives */
	buf_reset(&log);
	mailparse_mbox_init(&mb);
	mailparse_mbox_feed(&mb, "junk\nFrom x\n\nFrom a b\nSubject: s\n", 33,
			    on_mbox, &log);
	CHECK_STR(buf_str(&log), "");
	mailparse_mbox_feed(&mb, "\n", 1, on_mbox, &log);
	CHECK_STR(buf_str(&log), "13:From a b:s;");
	mailparse_mbox_release(&mb);
	buf_release(&log);
}

int main(void)
{
	TEST_RUN(test_fields);
	TEST_RUN(test_encoded_words);
	TEST_RUN(test_tables_match_iconv);
	TEST_RUN(test_from);
	TEST_RUN(test_dates);
	TEST_RUN(test_flags_and_names);
	TEST_RUN(test_msg);
	TEST_RUN(test_garbage);
	TEST_RUN(test_encoding);
	TEST_RUN(test_mbox);
	mailparse_charset_release();
	return test_summary();
}
