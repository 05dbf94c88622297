/*
 * fuzz_ask.c - libFuzzer target for the ask engine's parsers: the
 * tokenizer and normaliser (nlu.c), the time-expression parser
 * (timeexpr.c), the intent/slot parser (intent.c) against a small
 * vocabulary, the roff parser of the man-page indexer (docs.c), and, for
 * short inputs, the whole ask_answer() over a small memory.  Checks that
 * nothing crashes, reads out of bounds or leaks, that token counts stay
 * in their bounds and that a question never changes what is remembered
 * (only the persona may change).
 *
 *   make build/fuzz/fuzz_ask && ./build/fuzz/fuzz_ask -max_len=4096
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "ask.h"
#include "clock.h"
#include "docs.h"
#include "intent.h"
#include "nlu.h"
#include "store.h"
#include "timeexpr.h"
#include "vocab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;
static int64_t now;

static void fuzz_setup(void)
{
	static const char *const lines[] = {
		"make test", "make", "git commit -m \"fix\"", "ssh pi@kestrel.local",
		"hugo server -D", "python3 app.py", "tar xzf a.tar.gz",
	};
	char dir[] = "/tmp/hersh-fuzz-ask.XXXXXX", path[64];
	struct buf err = BUF_INIT;
	struct store_command c = { 0 };
	struct store_mail m = { 0 };
	struct store_file_event f = { 0 };
	size_t i;

	if (mkdtemp(dir) == NULL) {
		abort();
	}
	snprintf(path, sizeof(path), "%s/memory.db", dir);
	st = store_open(path, &err);
	if (st == NULL) {
		abort();
	}
	clock_parse_iso("2026-11-20T15:30:00", 19, &now);
	store_begin(st);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		c.time = now - 3600 * (int64_t)(i + 1);
		c.cwd = i % 2 ? "/home/u/src/letters" : "/home/u";
		c.line = lines[i];
		c.session = "s1";
		c.has_status = true;
		c.status = (int)(i % 3);
		c.duration_ms = 1000 * (int64_t)i;
		store_add_command(st, &c, -1);
	}
	m.time = now - 7200;
	m.from = "Clara Lindqvist <clara@example.org>";
	m.subject = "Cover proofs";
	m.mailbox = "INBOX";
	store_add_mail(st, &m);
	f.time = now - 100;
	f.path = "/home/u/notes/todo.md";
	f.op = "modify";
	store_add_file_event(st, &f);
	store_commit(st);
	buf_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct nlu q;
	struct intent in;
	struct docs_page page;
	struct store_counts before, after;
	struct buf out = BUF_INIT;
	int i;

	if (text == NULL) {
		return 0;
	}
	if (st == NULL) {
		fuzz_setup();
	}
	memcpy(text, data, size);
	text[size] = '\0';

	nlu_parse(&q, text);
	if (q.n < 0 || q.n > NLU_MAX_TOKENS) {
		abort();
	}
	for (i = 0; i < q.n; i++) {
		if (q.tok[i].raw == NULL || q.tok[i].norm == NULL ||
		    strlen(q.tok[i].norm) > NLU_MAX_WORD + 16) {
			abort();
		}
	}
	intent_parse(&q, vocab_get(st), now, &in);
	if (in.time.found && in.time.has_range && in.time.to < in.time.from &&
	    !in.time.future) {
		abort();
	}
	nlu_release(&q);

	docs_parse(text, size, &page, NULL, NULL);

	if (size < 512) {
		store_counts(st, &before);
		ask_answer(st, text, (time_t)now, &out);
		store_counts(st, &after);
		if (before.commands != after.commands ||
		    before.mails != after.mails ||
		    before.file_events != after.file_events) {
			abort();
		}
	}
	buf_release(&out);
	free(text);
	return 0;
}
