/*
 * test_intent.c - domains, forms, aggregates and slots, against a small
 * memory so that the user's own vocabulary (commands, directories, files,
 * people) is there to match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "clock.h"
#include "intent.h"
#include "nlu.h"
#include "store.h"
#include "test.h"
#include "vocab.h"

static struct store *st;
static int64_t now;
static char dir[64];

static void cmd(const char *iso, const char *cwd, const char *line, int status)
{
	struct store_command c = { 0 };

	clock_parse_iso(iso, strlen(iso), &c.time);
	c.cwd = cwd;
	c.line = line;
	c.session = "s1";
	c.has_status = true;
	c.status = status;
	c.duration_ms = 1200;
	store_add_command(st, &c, -1);
}

static void setup(void)
{
	struct buf err = BUF_INIT;
	char path[128];
	struct store_file_event f = { 0 };
	struct store_mail m = { 0 };
	int i;

	snprintf(dir, sizeof(dir), "/tmp/hersh-intent.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		abort();
	}
	snprintf(path, sizeof(path), "%s/memory.db", dir);
	st = store_open(path, &err);
	if (st == NULL) {
		fprintf(stderr, "%s\n", buf_str(&err));
		abort();
	}
	store_begin(st);
	for (i = 0; i < 3; i++) {
		cmd("2026-11-19T10:00:00", "/home/theo/src/letters", "make test", i);
		cmd("2026-11-19T10:01:00", "/home/theo/src/letters", "make", 0);
		cmd("2026-11-19T10:02:00", "/home/theo/src/letters", "python3 app.py", 0);
		cmd("2026-11-19T11:00:00", "/home/theo/writing/salt-road",
		    "git commit -m \"ch-08: new ending\"", 0);
		cmd("2026-11-18T22:00:00", "/home/theo", "ssh pi@kestrel.local", 0);
		cmd("2026-11-18T22:30:00", "/home/theo/writing/blog", "hugo server -D", 0);
	}
	clock_parse_iso("2026-11-19T12:00:00", 19, &f.time);
	f.path = "/home/theo/notes/todo.md";
	f.op = "modify";
	store_add_file_event(st, &f);
	m.time = f.time;
	m.from = "Clara Lindqvist <clara@quill.example>";
	m.subject = "Cover proofs attached";
	m.mailbox = "INBOX";
	store_add_mail(st, &m);
	store_commit(st);
	buf_release(&err);
}

static void parse(const char *text, struct intent *in)
{
	struct nlu q;

	nlu_parse(&q, text);
	intent_parse(&q, vocab_get(st), now, in);
	nlu_release(&q);
}

static void test_commands(void)
{
	struct intent in;

	parse("what did I run yesterday in ~/src/letters", &in);
	CHECK_STR(intent_domain_name(in.domain), "commands");
	CHECK_STR(in.dir, "/home/theo/src/letters");
	CHECK(in.time.found);
	parse("wat did i run yday in letters", &in);
	CHECK_STR(in.dir, "/home/theo/src/letters");
	CHECK_STR(in.time.label, "yesterday");
	parse("how many times did I run make test yesterday", &in);
	CHECK_INT(in.form, FORM_COUNT);
	CHECK_STR(in.cmd, "make test");
	parse("did i run pyhton today", &in);
	CHECK_STR(in.cmd, "python3");
	CHECK(in.cmd_fuzzy || strcmp(in.cmd, "python3") == 0);
	parse("in which directory did I run hugo server -D", &in);
	CHECK_INT(in.form, FORM_WHERE);
	CHECK_STR(in.cmd, "hugo server -D");
	parse("when did I last ssh into kestrel", &in);
	CHECK_INT(in.form, FORM_WHEN);
	CHECK_STR(in.cmd, "ssh");
	CHECK_STR(in.arg, "kestrel");
	parse("how long did the slowest make take", &in);
	CHECK_INT(in.form, FORM_DURATION);
	CHECK(in.agg & AGG_LONGEST);
	CHECK_STR(in.cmd, "make");
	parse("what was the last command that failed", &in);
	CHECK(in.agg & AGG_LAST);
	CHECK_INT(in.outcome, OUTCOME_FAILED);
	CHECK_STR(in.cmd, "");
	parse("how often does make test fail", &in);
	CHECK(in.agg & AGG_RATE);
	parse("what was my last commit message in salt-road", &in);
	CHECK(in.commit_message);
	CHECK_STR(in.dir, "/home/theo/writing/salt-road");
	parse("which day last week did I run the most commands", &in);
	CHECK(in.agg & AGG_DAY);
}

static void test_files_mail(void)
{
	struct intent in;

	parse("when did I last edit todo.md", &in);
	CHECK_STR(intent_domain_name(in.domain), "files");
	CHECK_STR(in.file, "todo.md");
	parse("what changed in ~/notes yesterday", &in);
	CHECK_STR(intent_domain_name(in.domain), "files");
	CHECK_STR(in.dir, "/home/theo/notes");
	parse("do I have mail from clara", &in);
	CHECK_STR(intent_domain_name(in.domain), "mail");
	CHECK_STR(in.person, "clara");
	parse("any mails from Clra?", &in);
	CHECK_STR(intent_domain_name(in.domain), "mail");
	parse("did anyone email me about proofs", &in);
	CHECK_STR(in.topic, "proofs");
	parse("any new mail?", &in);
	CHECK(in.unread);
	CHECK_INT(in.form, FORM_YESNO);
	parse("who emailed me the most this week", &in);
	CHECK_INT(in.form, FORM_WHO);
	CHECK(in.agg & AGG_MOST);
}

static void test_other_domains(void)
{
	struct intent in;

	parse("how do I list hidden files", &in);
	CHECK_STR(intent_domain_name(in.domain), "howto");
	parse("how much disk space is left", &in);
	CHECK_INT(in.sys, SYS_DISK);
	parse("which process is using the most memory", &in);
	CHECK_INT(in.sys, SYS_TOP_MEMORY);
	parse("what day is it today", &in);
	CHECK_INT(in.sys, SYS_DATE);
	parse("call me Theo", &in);
	CHECK_INT(in.persona, PERSONA_CALL_ME);
	CHECK_STR(in.name, "Theo");
	parse("call yourself Sam", &in);
	CHECK_INT(in.persona, PERSONA_CALL_YOU);
	CHECK_STR(in.name, "Sam");
	parse("hello", &in);
	CHECK_INT(in.persona, PERSONA_GREET);
	parse("how do I make you forget", &in);
	CHECK_INT(in.persona, PERSONA_FORGET);
	parse("what will the weather be like tomorrow", &in);
	CHECK_INT(in.decline, DECLINE_FUTURE);
	parse("what is my bank PIN", &in);
	CHECK_INT(in.decline, DECLINE_SECRET);
	parse("how many steps did I walk today", &in);
	CHECK_INT(in.decline, DECLINE_UNRECORDED);
	parse("zxqv blorp", &in);
	CHECK_STR(intent_domain_name(in.domain), "none");
}

int main(void)
{
	char cmdline[128];

	clock_parse_iso("2026-11-20T15:30:00", 19, &now);
	setup();
	TEST_RUN(test_commands);
	TEST_RUN(test_files_mail);
	TEST_RUN(test_other_domains);
	vocab_free();
	store_close(st);
	snprintf(cmdline, sizeof(cmdline), "rm -rf %s", dir);
	if (system(cmdline) != 0) {
		fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_summary();
}
