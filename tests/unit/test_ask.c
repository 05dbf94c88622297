/*
 * test_ask.c - ask_answer() end to end over a small memory: answers in
 * each domain, the persona kept in the store, honest refusals, and
 * hostile input (empty, 100 KB, binary, SQL and format strings).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "ask.h"
#include "clock.h"
#include "store.h"
#include "test.h"
#include "vocab.h"

static struct store *st;
static int64_t now;
static char dir[64];

static void cmd(const char *iso, const char *cwd, const char *line, int status,
		int64_t ms, const char *session)
{
	struct store_command c = { 0 };

	clock_parse_iso(iso, strlen(iso), &c.time);
	c.cwd = cwd;
	c.line = line;
	c.session = session;
	c.has_status = true;
	c.status = status;
	c.duration_ms = ms;
	store_add_command(st, &c, -1);
}

static void mail(const char *iso, const char *from, const char *subject,
		 bool read)
{
	struct store_mail m = { 0 };

	clock_parse_iso(iso, strlen(iso), &m.time);
	m.from = from;
	m.subject = subject;
	m.mailbox = "INBOX";
	m.read = read;
	store_add_mail(st, &m);
}

static void file(const char *iso, const char *path, const char *op,
		 const char *to)
{
	struct store_file_event f = { 0 };

	clock_parse_iso(iso, strlen(iso), &f.time);
	f.path = path;
	f.op = op;
	f.to_path = to;
	store_add_file_event(st, &f);
}

static void setup(void)
{
	struct buf err = BUF_INIT;
	char path[128];
	const char *L = "/home/theo/src/letters";

	snprintf(dir, sizeof(dir), "/tmp/hersh-ask.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		abort();
	}
	snprintf(path, sizeof(path), "%s/memory.db", dir);
	st = store_open(path, &err);
	if (st == NULL) {
		abort();
	}
	store_begin(st);
	cmd("2026-11-18T09:00:00", "/home/theo", "cd ~/src/letters", 0, 3, "s1");
	cmd("2026-11-18T09:01:00", L, "make", 2, 4000, "s1");
	cmd("2026-11-18T09:02:00", L, "make", 0, 9000, "s1");
	cmd("2026-11-19T10:00:00", L, "make test", 0, 14000, "s2");
	cmd("2026-11-19T10:05:00", L, "make test", 2, 15000, "s2");
	cmd("2026-11-19T10:50:00", "/home/theo", "sudo apt upgrade", 0, 60000, "s2");
	cmd("2026-11-19T11:00:00", L, "git commit -m \"render: wrap at 72\"", 0,
	    200, "s2");
	cmd("2026-11-19T15:15:00", "/home/theo", "ssh pi@kestrel.local", 0,
	    1200000, "s3");
	cmd("2026-11-20T08:40:00", "/home/theo", "ls", 0, 5, "s4");
	cmd("2026-11-20T09:00:00", L, "make test", 0, 13000, "s4");
	file("2026-11-17T16:24:00", "/home/theo/notes/todo.md", "modify", NULL);
	file("2026-11-20T09:10:00", "/home/theo/src/letters/src/smtp.c",
	     "modify", NULL);
	file("2026-11-18T12:00:00", "/home/theo/Downloads/a.tar.gz", "create",
	     NULL);
	file("2026-11-18T13:00:00", "/home/theo/book/ch-06-draft.md", "move",
	     "/home/theo/book/ch-06.md");
	mail("2026-11-18T19:25:00", "Clara Lindqvist <clara@q.example>",
	     "Cover proofs attached", true);
	mail("2026-11-20T11:00:00", "Forge Notifications <noreply@f.example>",
	     "[letters] Pipeline #12 failed", false);
	store_commit(st);
	buf_release(&err);
}

/* Asks text; checks the exit code and that want occurs in the answer. */
static void ask(const char *text, int want_rc, const char *want, int line)
{
	struct buf out = BUF_INIT;
	int rc = ask_answer(st, text, (time_t)now, &out);

	if ((want_rc >= 0 && rc != want_rc) || (want != NULL && strstr(buf_str(&out), want) == NULL)) {
		fprintf(stderr, "line %d: ask \"%.60s\": rc %d, answer \"%s\"\n",
			line, text, rc, buf_str(&out));
		test_failed_checks++;
	}
	buf_release(&out);
}

#define ASK(text, rc, want) ask(text, rc, want, __LINE__)

static void test_commands(void)
{
	ASK("when did I last run sudo apt upgrade", 0, "10:50");
	ASK("how many times did I run make test yesterday", 0, "2 times");
	ASK("did I run sudo apt upgrade today", 0, "No");
	ASK("what was my last commit message in letters", 0, "render: wrap at 72");
	ASK("when did I last ssh into kestrel", 0, "15:15");
	ASK("how often does make test fail", 0, "1 of 3");
	ASK("how long did the slowest make take", 0, "9.0 s");
	ASK("when did I start working today", 0, "08:40");
	ASK("what was I working on yesterday around 3pm", 0, "~");
	ASK("how many shell sessions did I have yesterday", 0, "2 shell sessions");
}

static void test_files_mail(void)
{
	ASK("when did I last edit todo.md", 0, "16:24");
	ASK("what did I download on Wednesday", 0, "a.tar.gz");
	ASK("did I rename any file", 0, "ch-06-draft.md → ch-06.md");
	ASK("any new mail?", 0, "Forge");
	ASK("did anyone email me about proofs", 0, "Clara");
	ASK("do I have unread mail from Clara", 0, "No");
}

static void test_persona(void)
{
	ASK("what's your name", 0, "hersh");
	ASK("what is my name", 1, "don't know");
	ASK("call me Theo", 0, "Theo");
	ASK("hello", 0, "Theo");
	ASK("call yourself Sam", 0, "Sam");
	ASK("who are you", 0, "Sam");
	ASK("what do you remember", 0, "10 commands");
	ASK("how do I make you forget things", 0, "companion forget");
}

static void test_decline(void)
{
	ASK("what will the weather be like tomorrow", 1, "don't know");
	ASK("what is my bank PIN", 1, "don't know");
	ASK("what did I run on 3 March 2025", 1, "no record");
	ASK("how many steps did I walk today", 1, "don't know");
}

static void test_hostile(void)
{
	char *big = malloc(100 * 1024 + 1);
	size_t i;
	struct store_counts c;

	ASK("", 1, NULL);
	ASK("   ", 1, NULL);
	ASK("?", 1, NULL);
	for (i = 0; i < 100 * 1024; i++) {
		big[i] = "when did I last run make "[i % 25];
	}
	big[100 * 1024] = '\0';
	ASK(big, 0, NULL);
	for (i = 0; i < 100 * 1024; i++) {
		big[i] = (char)(1 + (i * 131) % 255);
	}
	ask(big, 1, NULL, __LINE__);
	free(big);
	ASK("'; DROP TABLE commands; --", -1, NULL);
	ASK("when did I last run \"; DELETE FROM mail; --\"", 0, NULL);
	ASK("did I run %s%s%n%x%p today", 0, "No");
	ASK("what did I run in \"\"\"\" NEAR( OR AND *", 0, NULL);
	store_counts(st, &c);
	CHECK_INT(c.commands, 10);
	CHECK_INT(c.mails, 2);
}

int main(void)
{
	char cmdline[128];

	clock_parse_iso("2026-11-20T15:30:00", 19, &now);
	setup();
	TEST_RUN(test_commands);
	TEST_RUN(test_files_mail);
	TEST_RUN(test_persona);
	TEST_RUN(test_decline);
	TEST_RUN(test_hostile);
	vocab_free();
	store_close(st);
	snprintf(cmdline, sizeof(cmdline), "rm -rf %s", dir);
	if (system(cmdline) != 0) {
		fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_summary();
}
