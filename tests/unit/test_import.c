/*
 * test_import.c - the JSON parser and the JSON-lines event format:
 * escapes, strictness, bad lines with line numbers, streaming in any chunk
 * size, redaction, and an exact import/export round trip.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>

#include "clock.h"
#include "import.h"
#include "json.h"
#include "store.h"
#include "test.h"

static struct import_line *il;

/* Parses line; returns the result and leaves the reason in why. */
static enum import_result parse(const char *line, struct store_event *ev,
				struct buf *why)
{
	buf_reset(why);
	return import_parse_line(il, line, strlen(line), ev, NULL, why);
}

static void test_command_line(void)
{
	struct store_event ev;
	struct buf why = BUF_INIT;

	CHECK_INT(parse("{\"type\": \"command\", \"time\": "
			"\"2026-11-19T10:02:11\", \"cwd\": \"/home/theo/src\","
			" \"cmd\": \"make test\", \"status\": 2, "
			"\"duration_ms\": 5400, \"session\": \"s1\"}", &ev,
			&why), IMPORT_EVENT);
	CHECK_INT(ev.kind, STORE_KIND_COMMAND);
	CHECK_STR(ev.cmd.line, "make test");
	CHECK_STR(ev.cmd.cwd, "/home/theo/src");
	CHECK_STR(ev.cmd.session, "s1");
	CHECK(ev.cmd.has_status);
	CHECK_INT(ev.cmd.status, 2);
	CHECK_INT(ev.cmd.duration_ms, 5400);
	CHECK_INT(ev.cmd.time, clock_days_from_civil(2026, 11, 19) * 86400 +
		  10 * 3600 + 2 * 60 + 11);
	/* unknown members of every JSON kind are skipped */
	CHECK_INT(parse("{\"x\":{\"a\":[1,2,{\"b\":null}]},\"type\":\"file\","
			"\"y\":[],\"time\":\"2026-01-01T00:00:00\",\"z\":-1.5e3,"
			"\"path\":\"/a\",\"op\":\"create\",\"w\":true}", &ev,
			&why), IMPORT_EVENT);
	CHECK_STR(ev.file.path, "/a");
	CHECK(ev.file.to_path == NULL);
	CHECK_INT(parse(" {\"type\":\"mail\",\"time\":\"2026-01-01T00:00:00\","
			"\"from\":\"Amy <a@b>\",\"read\":true} \r", &ev, &why),
		  IMPORT_EVENT);
	CHECK_STR(ev.mail.from, "Amy <a@b>");
	CHECK(ev.mail.subject == NULL);
	CHECK(ev.mail.read);
	buf_release(&why);
}

static void test_escapes(void)
{
	struct store_event ev;
	struct buf why = BUF_INIT;

	CHECK_INT(parse("{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\","
			"\"cmd\":\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f"
			"\\u00e9\\u20AC\\ud83d\\ude00\"}", &ev, &why),
		  IMPORT_EVENT);
	CHECK_STR(ev.cmd.line, "a\"b\\c/d\n\t\r\b\f\xc3\xa9\xe2\x82\xac"
		  "\xf0\x9f\x98\x80");
	/* raw UTF-8 passes through */
	CHECK_INT(parse("{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\","
			"\"cmd\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}", &ev, &why),
		  IMPORT_EVENT);
	CHECK_STR(ev.cmd.line, "caf\xc3\xa9 \xf0\x9f\x98\x80");
	buf_release(&why);
}

static void test_bad_lines(void)
{
	static const char *const bad[] = {
		"not json",
		"[1,2]",
		"\"string\"",
		"{",
		"{\"type\":\"file\",}",
		"{\"type\":'file'}",
		"{\"type\":\"file\"} x",
		"{\"type\":\"file\"}{}",
		"{type:\"file\"}",
		"{\"type\" \"file\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\x01\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\\x\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\\u12\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\\ud800\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\\udc00\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\\ud800\\u0041\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\\u0000\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\xc0\xaf\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\xed\xa0\x80\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\xf4\x90\x80\x80\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"\xff\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"x",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\"}",
		"{\"type\":\"command\",\"cmd\":\"ls\"}",
		"{\"type\":\"command\",\"time\":\"2026-13-01T00:00:00\",\"cmd\":\"ls\"}",
		"{\"type\":\"command\",\"time\":\"2026-02-29T00:00:00\",\"cmd\":\"ls\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01 00:00:00\",\"cmd\":\"ls\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T24:00:00\",\"cmd\":\"ls\"}",
		"{\"type\":\"command\",\"time\":20260101,\"cmd\":\"ls\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"status\":\"0\",\"duration_ms\":1}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"status\":0.5,\"duration_ms\":1}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"status\":01,\"duration_ms\":1}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"status\":0,\"duration_ms\":-1}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"status\":0}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"cmd\":\"rm\"}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"x\":-}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"x\":1.}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"x\":1e}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"x\":tru}",
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"ls\",\"x\":[1,]}",
		"{\"type\":\"file\",\"time\":\"2026-01-01T00:00:00\",\"path\":\"/a\",\"op\":\"rename\"}",
		"{\"type\":\"file\",\"time\":\"2026-01-01T00:00:00\",\"path\":\"/a\",\"op\":\"move\"}",
		"{\"type\":\"file\",\"time\":\"2026-01-01T00:00:00\",\"op\":\"create\"}",
		"{\"type\":\"mail\",\"time\":\"2026-01-01T00:00:00\",\"read\":\"no\"}",
		"{\"type\":1}",
		"{\"time\":\"2026-01-01T00:00:00\"}",
	};
	struct store_event ev;
	struct buf why = BUF_INIT, deep = BUF_INIT;
	size_t i;
	int k;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i], &ev, &why) != IMPORT_BAD) {
			fprintf(stderr, "accepted: %s\n", bad[i]);
			CHECK(0);
		}
		CHECK(why.len > 0);
	}
	/* deep nesting is refused, not a stack overflow */
	buf_puts(&deep, "{\"x\":");
	for (k = 0; k < 100000; k++) {
		buf_putc(&deep, '[');
	}
	CHECK_INT(parse(buf_str(&deep), &ev, &why), IMPORT_BAD);
	CHECK(strstr(buf_str(&why), "nesting") != NULL);
	/* but 60 levels are fine */
	buf_reset(&deep);
	buf_puts(&deep, "{\"type\":\"x\",\"x\":");
	for (k = 0; k < 60; k++) {
		buf_putc(&deep, '[');
	}
	for (k = 0; k < 60; k++) {
		buf_putc(&deep, ']');
	}
	buf_putc(&deep, '}');
	CHECK_INT(parse(buf_str(&deep), &ev, &why), IMPORT_UNKNOWN);
	CHECK_INT(parse("{\"type\":\"weather\",\"time\":1}", &ev, &why),
		  IMPORT_UNKNOWN);
	CHECK_INT(parse("  \t\r", &ev, &why), IMPORT_BLANK);
	CHECK_INT(parse("", &ev, &why), IMPORT_BLANK);
	buf_release(&why);
	buf_release(&deep);
}

static void test_redaction_and_private(void)
{
	struct store_event ev;
	struct buf why = BUF_INIT;
	bool redacted = false;
	const char *line = "{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\","
			   "\"cmd\":\"export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\"}";

	CHECK_INT(import_parse_line(il, line, strlen(line), &ev, &redacted,
				    &why), IMPORT_EVENT);
	CHECK(redacted);
	CHECK(strstr(ev.cmd.line, "ghp_") == NULL);
	CHECK_INT(parse("{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\","
			"\"cmd\":\" secret stuff\"}", &ev, &why),
		  IMPORT_PRIVATE);
	buf_release(&why);
}

static void test_emit_matches_python(void)
{
	static const char *const lines[] = {
		"{\"type\": \"command\", \"time\": \"2026-11-19T10:02:11\", "
		"\"cwd\": \"/home/theo/src/letters\", \"cmd\": \"git commit -m "
		"\\\"smtp: retry on 421\\\"\", \"status\": 2, \"duration_ms\": "
		"5400, \"session\": \"s1\"}\n",
		"{\"type\": \"file\", \"time\": \"2026-11-19T10:06:02\", "
		"\"path\": \"/home/theo/Downloads/a.pdf\", \"op\": \"move\", "
		"\"to\": \"/home/theo/Documents/a.pdf\"}\n",
		"{\"type\": \"mail\", \"time\": \"2026-11-19T11:12:00\", "
		"\"from\": \"Amy Adams <amy@example.org>\", \"subject\": "
		"\"Dinner on Friday? \\u00e9\\ud83d\\ude00\\u0001\\t\", "
		"\"mailbox\": \"INBOX\", \"read\": false}\n",
		("{\"type\": \"command\", \"time\": \"2026-11-19T10:02:11\", "
		 "\"cmd\": \"ls\"}\n"),
	};
	struct store_event ev;
	struct buf why = BUF_INIT, out = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		CHECK_INT(parse(lines[i], &ev, &why), IMPORT_EVENT);
		buf_reset(&out);
		import_emit(&out, &ev);
		CHECK_STR(buf_str(&out), lines[i]);
	}
	/* invalid UTF-8 from a live source becomes U+FFFD */
	buf_reset(&out);
	json_put_string(&out, "a\xff" "b", 3);
	CHECK_STR(buf_str(&out), "\"a\\ufffdb\"");
	buf_release(&why);
	buf_release(&out);
}

static void on_issue(int64_t line, const char *why, void *arg)
{
	buf_printf(arg, "%lld:%s\n", (long long)line, why);
}

/* Empty strings in a fresh parser (regression: no terminator). */
static void test_empty_strings(void)
{
	struct import_line *fresh = import_line_new();
	const char *line = "{\"type\": \"command\", \"time\": "
			   "\"2026-11-19T10:02:11\", \"cwd\": \"\", \"cmd\": "
			   "\"x\", \"session\": \"\"}\n";
	struct store_event ev;
	struct buf why = BUF_INIT, out = BUF_INIT;

	CHECK_INT(import_parse_line(fresh, line, strlen(line), &ev, NULL,
				    &why), IMPORT_EVENT);
	CHECK_STR(ev.cmd.cwd, "");
	CHECK_STR(ev.cmd.session, "");
	import_emit(&out, &ev);
	CHECK_STR(buf_str(&out), line);
	import_line_free(fresh);
	buf_release(&why);
	buf_release(&out);
}

static void test_stream_chunks(void)
{
	const char *file =
		"{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"a\"}\n"
		"garbage\n"
		"\n"
		"{\"type\":\"file\",\"time\":\"2026-01-01T00:00:01\",\"path\":\"/x\",\"op\":\"delete\"}\r\n"
		"{\"type\":\"unknown\"}\n"
		"{\"type\":\"mail\",\"time\":\"2026-01-01T00:00:02\",\"subject\":\"hi\"}";
	size_t n = strlen(file), chunk, off;
	struct buf issues = BUF_INIT;
	const struct import_summary *s;
	struct import *im;

	for (chunk = 1; chunk <= n; chunk += (chunk < 8 ? 1 : 13)) {
		buf_reset(&issues);
		im = import_new(on_issue, &issues);
		for (off = 0; off < n; off += chunk) {
			CHECK_INT(import_feed(im, file + off,
					      off + chunk > n ? n - off : chunk),
				  0);
		}
		/* commit without a store: feed the tail via a NULL-free path */
		s = import_summary(im);
		CHECK_INT(s->commands, 1);
		CHECK_INT(s->files, 1);
		CHECK_INT(s->bad, 1);
		CHECK_INT(s->unknown, 1);
		CHECK(strncmp(buf_str(&issues), "2:not a JSON object", 19) == 0);
		import_free(im);
	}
	buf_release(&issues);
}

static void test_long_line(void)
{
	struct buf issues = BUF_INIT, big = BUF_INIT;
	struct import *im = import_new(on_issue, &issues);
	size_t i;

	buf_init(&big, 0);
	for (i = 0; i < IMPORT_LINE_MAX + 10; i++) {
		buf_putc(&big, 'x');
	}
	buf_putc(&big, '\n');
	buf_puts(&big, "{\"type\":\"command\",\"time\":\"2026-01-01T00:00:00\",\"cmd\":\"a\"}\n");
	for (i = 0; i < big.len; i += 4096) {
		import_feed(im, big.data + i, big.len - i < 4096 ?
			    big.len - i : 4096);
	}
	CHECK_INT(import_summary(im)->bad, 1);
	CHECK_INT(import_summary(im)->commands, 1);
	CHECK(strncmp(buf_str(&issues), "1:longer than", 13) == 0);
	import_free(im);
	buf_release(&issues);
	buf_release(&big);
}

static int export_event(const struct store_event *ev, void *arg)
{
	import_emit(arg, ev);
	return 0;
}

static const char *fixture_path = "../shared/bench/ask/fixture.jsonl";
static char db_path[96];

/* Imports the fixture into a fresh store and exports it again: the same
 * bytes come back. */
static void test_round_trip_file(void)
{
	const char *path = fixture_path, *dbpath = db_path;
	struct buf file = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
	struct buf issues = BUF_INIT;
	struct store *st;
	struct import *im;
	char chunk[65536];
	size_t r;
	FILE *f = fopen(path, "rb");
	int64_t n;

	if (f == NULL) {
		printf("skip: %s not found\n", path);
		return;
	}
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(&file, chunk, r);
	}
	fclose(f);
	st = store_open(dbpath, &err);
	CHECK(st != NULL);
	if (st == NULL) {
		return;
	}
	im = import_new(on_issue, &issues);
	for (r = 0; r < file.len; r += 65536) {
		CHECK_INT(import_feed(im, file.data + r, file.len - r < 65536 ?
				      file.len - r : 65536), 0);
	}
	n = import_commit(im, st);
	CHECK(n > 0);
	printf("round trip: %lld events, %lld redacted, %lld bad\n",
	       (long long)n, (long long)import_summary(im)->redacted,
	       (long long)import_summary(im)->bad);
	CHECK_INT(import_summary(im)->bad, 0);
	CHECK(store_events_after(st, INT64_MIN, INT64_MIN, 0, export_event,
				 &out) == n);
	if (import_summary(im)->redacted == 0) {
		CHECK(out.len == file.len);
		CHECK(memcmp(out.data, file.data, file.len) == 0);
	}
	import_free(im);
	store_close(st);
	buf_release(&file);
	buf_release(&out);
	buf_release(&err);
	buf_release(&issues);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/hersh-test-import.XXXXXX", cmd[128];

	il = import_line_new();
	TEST_RUN(test_command_line);
	TEST_RUN(test_escapes);
	TEST_RUN(test_bad_lines);
	TEST_RUN(test_redaction_and_private);
	TEST_RUN(test_emit_matches_python);
	TEST_RUN(test_empty_strings);
	TEST_RUN(test_stream_chunks);
	TEST_RUN(test_long_line);
	if (mkdtemp(dir) != NULL) {
		snprintf(db_path, sizeof(db_path), "%s/memory.db", dir);
		if (argc > 1) {
			fixture_path = argv[1];
		}
		TEST_RUN(test_round_trip_file);
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0) {
			return 1;
		}
	}
	import_line_free(il);
	return test_summary();
}
