/*
 * test_mail.c - the mail reader on a temporary Maildir and mbox: messages
 * present at start, new deliveries (rename and link), read state followed
 * through Maildir renames and mbox rewrites, mbox growth, truncation and
 * replacement, $MAIL/$MAILPATH, Maildir++ folders, encoded and malformed
 * headers.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "clock.h"
#include "mail.h"
#include "mailparse.h"
#include "test.h"
#include "worker.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif

static char home[256];
static struct buf got = BUF_INIT;
static int batches;

static void on_message(void *ctx, const struct mail_msg *m)
{
	buf_printf(&got, "msg %s|%s|%s|%s|%s;", m->mailbox, m->from,
		   m->subject, m->read ? "read" : "unread", m->ident);
	CHECK(m->time > 0);
	CHECK_INT(batches, 1);
}

static void on_read(void *ctx, const char *ident, bool read)
{
	buf_printf(&got, "%s %s;", read ? "read" : "unread", ident);
	CHECK_INT(batches, 1);
}

/* Batches must pair up and never nest. */
static void on_batch(void *ctx, bool begin)
{
	CHECK_INT(batches, begin ? 0 : 1);
	batches = begin;
}

static const struct mail_sink sink = { on_message, on_read, on_batch, NULL };

static char *at(const char *rel)
{
	static char path[8][512];
	static int next;
	char *p = path[next++ % 8];

	snprintf(p, sizeof(path[0]), "%s%s", home, rel);
	return p;
}

static void put(const char *rel, const char *text, const char *mode)
{
	FILE *f = fopen(at(rel), mode);

	CHECK(f != NULL);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void mkdirs(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s%s", home, rel);
	for (p = path + strlen(home) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	mkdir(path, 0700);
}

static const char *drain(struct mail *m)
{
	buf_reset(&got);
	mail_handle_events(m);
	mail_flush(m);
	return buf_str(&got);
}

static void setup(void)
{
	snprintf(home, sizeof(home), "/tmp/hersh-mail.XXXXXX");
	CHECK(mkdtemp(home) != NULL);
	buf_reset(&got);
}

static void teardown(struct mail *m)
{
	char cmd[600];

	mail_free(m);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	CHECK(system(cmd) == 0);
}

static const char amy[] =
	"Return-Path: <amy@example.org>\n"
	"From: Amy Adams <amy@example.org>\n"
	"Subject: Dinner on\n Friday?\n"
	"Date: Thu, 19 Nov 2026 11:12:00 +0000\n"
	"Message-ID: <1@example.org>\n"
	"\n"
	"Hi!\n";

static const char bob[] =
	"From: =?ISO-8859-1?Q?Bob_M=FCller?= <bob@example.org>\n"
	"Subject: =?UTF-8?B?w6l0w6k=?= report\n"
	"Date: Thu, 19 Nov 2026 12:00:00 +0100\n"
	"\n"
	"body\n";

static void test_maildir(void)
{
	struct mail *m;
	struct buf status = BUF_INIT;

	setup();
	mkdirs("/Maildir/cur");
	mkdirs("/Maildir/new");
	mkdirs("/Maildir/tmp");
	mkdirs("/Maildir/.Lists.debian/cur");
	mkdirs("/Maildir/.Lists.debian/new");
	mkdirs("/Maildir/.notafolder");
	put("/Maildir/cur/1700000000.A.host:2,S", amy, "w");
	put("/Maildir/.Lists.debian/new/1700000001.B.host", bob, "w");
	m = mail_new(NULL, &sink);
	CHECK(m != NULL);
	CHECK_INT(mail_add_from_env(m, NULL, "", NULL, home), 2);
	CHECK_STR(buf_str(&got),
		  "msg INBOX|Amy Adams <amy@example.org>|Dinner on Friday?|"
		  "read|maildir:1700000000.A.host;"
		  "msg Lists/debian|Bob M\xc3\xbcller <bob@example.org>|"
		  "\xc3\xa9t\xc3\xa9 report|unread|maildir:1700000001.B.host;");
	/* delivery: written in tmp/, renamed into new/ */
	put("/Maildir/tmp/1700000100.C.host", bob, "w");
	CHECK(rename(at("/Maildir/tmp/1700000100.C.host"),
		     at("/Maildir/new/1700000100.C.host")) == 0);
	CHECK_STR(drain(m), "msg INBOX|Bob M\xc3\xbcller <bob@example.org>|"
		  "\xc3\xa9t\xc3\xa9 report|unread|maildir:1700000100.C.host;");
	/* the client sees it (new -> cur), then reads it (S) */
	CHECK(rename(at("/Maildir/new/1700000100.C.host"),
		     at("/Maildir/cur/1700000100.C.host:2,")) == 0);
	CHECK_STR(drain(m), "");
	CHECK(rename(at("/Maildir/cur/1700000100.C.host:2,"),
		     at("/Maildir/cur/1700000100.C.host:2,RS")) == 0);
	CHECK_STR(drain(m), "read maildir:1700000100.C.host;");
	CHECK(rename(at("/Maildir/cur/1700000100.C.host:2,RS"),
		     at("/Maildir/cur/1700000100.C.host:2,R")) == 0);
	CHECK_STR(drain(m), "unread maildir:1700000100.C.host;");
	/* delivery by link(2) */
	put("/Maildir/tmp/1700000200.D.host", amy, "w");
	CHECK(link(at("/Maildir/tmp/1700000200.D.host"),
		   at("/Maildir/new/1700000200.D.host")) == 0);
	CHECK(strstr(drain(m), "|unread|maildir:1700000200.D.host;") != NULL);
	/* a file created empty is read once written */
	put("/Maildir/new/1700000300.E.host", "", "w");
	mail_handle_events(m);
	buf_reset(&got);
	put("/Maildir/new/1700000300.E.host", bob, "a");
	CHECK(strstr(drain(m), "maildir:1700000300.E.host;") != NULL);
	/* garbage is a message with nothing known about it */
	put("/Maildir/new/1700000400.F.host", "\x01\x02\xff\xfe no header",
	    "w");
	CHECK_STR(drain(m), "msg INBOX|||unread|maildir:1700000400.F.host;");
	/* dot files and deletions are nothing */
	put("/Maildir/new/.hidden", amy, "w");
	CHECK(unlink(at("/Maildir/new/1700000400.F.host")) == 0);
	CHECK_STR(drain(m), "");
	mail_status(m, &status);
	CHECK_STR(buf_str(&status), "mail: 2 mailboxes: INBOX (Maildir, "
		  "5 messages, 4 unread), Lists/debian (Maildir, 1 messages, "
		  "1 unread)");
	buf_release(&status);
	teardown(m);
}

static const char mbox1[] =
	"From amy@example.org Thu Nov 19 11:12:00 2026\n"
	"From: Amy Adams <amy@example.org>\n"
	"Subject: one\n"
	"Message-ID: <1@example.org>\n"
	"Status: O\n"
	"\n"
	"body one\n"
	"\n"
	"From bob@example.org Thu Nov 19 11:13:00 2026\n"
	"From: bob@example.org\n"
	"Subject: two\n"
	"Status: RO\n"
	"\n"
	"body two\n"
	"\n";

static const char mbox3[] =
	"From carol@example.org Thu Nov 19 11:14:00 2026\n"
	"From: Carol <carol@example.org>\n"
	"Subject: three\n"
	"Date: Thu, 19 Nov 2026 11:14:00 +0000\n"
	"\n"
	"body three\n"
	"\n";

static void test_mbox(void)
{
	struct mail *m;
	struct buf text = BUF_INIT, status = BUF_INIT, rewritten = BUF_INIT;
	const char *s;
	char *ident_two;
	size_t i;

	setup();
	put("/inbox", mbox1, "w");
	m = mail_new(NULL, &sink);
	CHECK(m != NULL);
	CHECK_INT(mail_add_from_env(m, at("/inbox"), NULL, NULL, NULL), 1);
	s = buf_str(&got);
	CHECK(strncmp(s, "msg INBOX|Amy Adams <amy@example.org>|one|unread|"
		      "mbox:INBOX:<1@example.org>;msg INBOX|bob@example.org|"
		      "two|read|mbox:INBOX:", 110) == 0);
	ident_two = strdup(strstr(s, "|read|") + 6);
	ident_two[strlen(ident_two) - 1] = '\0';
	/* a new message appended, its header in two writes */
	put("/inbox", "From carol@example.org Thu Nov 19 11:14:00 2026\n"
	    "From: Carol <carol@example.org>\n", "a");
	CHECK_STR(drain(m), "");
	put("/inbox", strstr(mbox3, "Subject:"), "a");
	drain(m);
	CHECK(strstr(buf_str(&got), "msg INBOX|Carol <carol@example.org>|"
		     "three|unread|mbox:INBOX:") != NULL);
	CHECK(strstr(buf_str(&got), "one") == NULL);
	/* a client rewrites the file in place: one marked read */
	buf_puts(&text, mbox1);
	buf_puts(&text, mbox3);
	s = strstr(buf_str(&text), "Status: O\n");
	i = (size_t)(s - buf_str(&text));
	buf_reset(&got);
	buf_append(&rewritten, text.data, i);
	buf_puts(&rewritten, "Status: RO\n");
	buf_puts(&rewritten, s + 10);
	put("/inbox", buf_str(&rewritten), "r+");
	CHECK_STR(drain(m), "read mbox:INBOX:<1@example.org>;");
	/* the same bytes written again (only mtime changes): nothing */
	usleep(20000);
	put("/inbox", buf_str(&rewritten), "r+");
	CHECK_STR(drain(m), "");
	/* truncated and refilled with one old and one new message */
	put("/inbox", mbox3, "w");
	put("/inbox", "From dan@x Thu Nov 19 11:20:00 2026\n"
	    "From: dan@x\nSubject: four\nMessage-ID: <4@x>\n\n", "a");
	CHECK_STR(drain(m), "msg INBOX|dan@x|four|unread|mbox:INBOX:<4@x>;");
	/* removed (mail moved away), then delivered again */
	CHECK(unlink(at("/inbox")) == 0);
	CHECK_STR(drain(m), "");
	put("/inbox", mbox1, "w");
	s = drain(m);
	CHECK(strstr(s, "|one|unread|mbox:INBOX:<1@example.org>;") != NULL);
	CHECK(strstr(s, ident_two) != NULL);
	/* replaced by rename, as some clients save */
	put("/inbox.new", mbox1, "w");
	put("/inbox.new", mbox3, "a");
	CHECK(rename(at("/inbox.new"), at("/inbox")) == 0);
	CHECK(strstr(drain(m), "|three|unread|") != NULL);
	mail_status(m, &status);
	CHECK_STR(buf_str(&status),
		  "mail: 1 mailbox: INBOX (mbox, 3 messages, 2 unread)");
	free(ident_two);
	buf_release(&rewritten);
	buf_release(&text);
	buf_release(&status);
	teardown(m);
}

static void test_env(void)
{
	struct mail *m;
	char mailpath[1200];

	setup();
	put("/spool", mbox3, "w");
	put("/work", mbox1, "w");
	mkdirs("/mdir/cur");
	mkdirs("/mdir/new");
	put("/mdir/new/1.x", amy, "w");
	m = mail_new(NULL, &sink);
	CHECK(m != NULL);
	snprintf(mailpath, sizeof(mailpath),
		 "%s%%You have mail:%s?New work mail:relative:%s::%s",
		 at("/spool"), at("/work"), at("/not-yet"), at("/mdir"));
	CHECK_INT(mail_add_from_env(m, at("/spool"), mailpath, "nobody",
				    home), 4);
	CHECK(strstr(buf_str(&got), "msg INBOX|Carol") != NULL);
	CHECK(strstr(buf_str(&got), "msg work|Amy") != NULL);
	CHECK(strstr(buf_str(&got), "msg mdir|Amy") != NULL);
	/* a mailbox that did not exist yet */
	buf_reset(&got);
	put("/not-yet", mbox3, "w");
	CHECK(strstr(drain(m), "msg not-yet|Carol") != NULL);
	CHECK_INT(mail_add_mbox(m, at("/work"), "again"), -1);
	CHECK_INT(mail_add_mbox(m, "relative", "x"), -1);
	CHECK_INT(mail_add_mbox(m, at("/no/such/dir/box"), "x"), -1);
	CHECK_INT(mail_add_maildir(m, at("/spool"), "x"), -1);
	teardown(m);
}

static void test_big_and_broken_mbox(void)
{
	struct mail *m;
	struct buf big = BUF_INIT;
	int i, count = 0;
	const char *p;

	setup();
	for (i = 0; i < 3000; i++) {
		buf_printf(&big, "From x%d@y Thu Nov 19 11:14:00 2026\n"
			   "Subject: n%d\nFrom: =?bogus?q?=FF?= <x%d@y>\n"
			   "Date: not a date\n\n%s\n\n", i, i, i,
			   i % 100 ? "body" : "body\nFrom, not after a "
			   "blank line\n>From quoted");
	}
	/* a last message whose header never ends */
	buf_puts(&big, "From z Thu Nov 19 11:14:00 2026\nSubject: open");
	put("/big", buf_str(&big), "w");
	m = mail_new(NULL, &sink);
	CHECK(m != NULL);
	CHECK_INT(mail_add_mbox(m, at("/big"), "big"), 0);
	for (p = buf_str(&got); (p = strstr(p, "msg big|")) != NULL; p++) {
		count++;
	}
	CHECK_INT(count, 3000);
	CHECK(strstr(buf_str(&got), "msg big|\xef\xbf\xbd <x7@y>|n7|") != NULL);
	CHECK(strstr(buf_str(&got), "|open|") == NULL);
	buf_release(&big);
	teardown(m);
}

#ifndef TEST_ASAN
/* Headers parsed by the sandboxed worker give the same messages. */
static void test_worker(void)
{
	struct worker *w;
	struct mail *m;

	setup();
	mkdirs("/Maildir/cur");
	mkdirs("/Maildir/new");
	put("/Maildir/cur/1700000000.A.host:2,S", amy, "w");
	put("/Maildir/new/1700000001.B.host", bob, "w");
	w = worker_start(NULL);
	CHECK(w != NULL);
	m = mail_new(NULL, &sink);
	CHECK(m != NULL);
	mail_set_worker(m, w);
	CHECK_INT(mail_add_maildir(m, at("/Maildir"), "INBOX"), 0);
	CHECK_STR(buf_str(&got),
		  "msg INBOX|Bob M\xc3\xbcller <bob@example.org>|"
		  "\xc3\xa9t\xc3\xa9 report|unread|maildir:1700000001.B.host;"
		  "msg INBOX|Amy Adams <amy@example.org>|Dinner on Friday?|"
		  "read|maildir:1700000000.A.host;");
	put("/inbox", mbox3, "w");
	buf_reset(&got);
	CHECK_INT(mail_add_mbox(m, at("/inbox"), "box"), 0);
	CHECK(strstr(buf_str(&got), "msg box|Carol <carol@example.org>|three|"
		     "unread|") != NULL);
	teardown(m);
	worker_stop(w);
}
#endif

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	worker_register(WORKER_MAIL_HEADERS, mailparse_worker_parse);
	TEST_RUN(test_maildir);
	TEST_RUN(test_mbox);
	TEST_RUN(test_env);
	TEST_RUN(test_big_and_broken_mbox);
#ifndef TEST_ASAN
	/* the worker's seccomp filter is beyond ASan and valgrind */
	if (getenv("LD_PRELOAD") == NULL ||
	    strstr(getenv("LD_PRELOAD"), "vgpreload") == NULL) {
		TEST_RUN(test_worker);
	}
#endif
	buf_release(&got);
	mailparse_charset_release();
	return test_summary();
}
