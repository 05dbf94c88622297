/*
 * test_store.c - the memory file: open/migrate, record, query, forget
 * (including that forgotten text leaves the file), integrity, reopen.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "clock.h"
#include "store.h"
#include "test.h"

static char dir[64];
static char path[128];

static int64_t T(const char *iso)
{
	int64_t t = 0;

	CHECK(clock_parse_iso(iso, strlen(iso), &t));
	return t;
}

static struct store *open_store(void)
{
	struct buf err = BUF_INIT;
	struct store *st = store_open(path, &err);

	if (st == NULL) {
		fprintf(stderr, "store_open: %s\n", buf_str(&err));
	}
	buf_release(&err);
	return st;
}

static void add_cmd(struct store *st, const char *iso, const char *cwd,
		    const char *line, int status, int64_t ms,
		    const char *session)
{
	struct store_command c = { 0 };

	c.time = T(iso);
	c.cwd = cwd;
	c.line = line;
	c.session = session;
	c.has_status = status >= 0;
	c.status = status;
	c.duration_ms = ms;
	CHECK_INT(store_add_command(st, &c, -1), 1);
}

/* Whether the bytes of s occur in the file at p (or its -wal). */
static bool file_contains(const char *p, const char *s)
{
	char wal[160];
	const char *files[2] = { p, wal };
	size_t n = strlen(s), len;
	char *data;
	bool found = false;
	FILE *f;
	int i;

	snprintf(wal, sizeof(wal), "%s-wal", p);
	for (i = 0; i < 2; i++) {
		f = fopen(files[i], "rb");
		if (f == NULL) {
			continue;
		}
		data = malloc(64 * 1024 * 1024);
		len = fread(data, 1, 64 * 1024 * 1024, f);
		fclose(f);
		for (size_t k = 0; k + n <= len && !found; k++) {
			found = memcmp(data + k, s, n) == 0;
		}
		free(data);
	}
	return found;
}

static void fill(struct store *st)
{
	struct store_file_event fe = { 0 };
	struct store_mail m = { 0 };

	add_cmd(st, "2026-11-19T10:00:00", "/home/theo/src/letters",
		"make test", 2, 5400, "s1");
	add_cmd(st, "2026-11-19T10:05:00", "/home/theo/src/letters",
		"make test", 0, 4100, "s1");
	add_cmd(st, "2026-11-19T10:05:00", "/home/theo/src/letters",
		"git commit -m 'smtp: retry on 421'", 0, 300, "s1");
	add_cmd(st, "2026-11-20T09:00:00", "/home/theo",
		"ssh tern.example.net", 255, 12000, "s2");
	add_cmd(st, "2026-11-20T09:30:00", "/home/theo",
		"sshfs x:/ /mnt", 0, 80, "s2");
	add_cmd(st, "2026-11-20T11:00:00", "/home/theo",
		"echo hunter2secret", -1, 0, NULL);
	fe.time = T("2026-11-19T10:05:00");
	fe.path = "/home/theo/notes/todo.md";
	fe.op = "modify";
	CHECK_INT(store_add_file_event(st, &fe), 1);
	fe.time = T("2026-11-20T08:00:00");
	fe.path = "/home/theo/Downloads/a.pdf";
	fe.op = "move";
	fe.to_path = "/home/theo/Documents/a.pdf";
	CHECK_INT(store_add_file_event(st, &fe), 1);
	fe.op = "rename";
	CHECK_INT(store_add_file_event(st, &fe), STORE_EINVAL);
	m.time = T("2026-11-20T07:00:00");
	m.from = "Amy Adams <amy@example.org>";
	m.subject = "Dinner on Friday?";
	m.mailbox = "INBOX";
	m.read = false;
	m.ident = "maildir:1";
	CHECK_INT(store_add_mail(st, &m), 1);
	CHECK_INT(store_add_mail(st, &m), 0);	/* same ident */
	m.ident = NULL;
	m.time = T("2026-11-18T07:00:00");
	m.from = "Bob <bob@example.org>";
	m.subject = "Re: salt road";
	m.read = true;
	CHECK_INT(store_add_mail(st, &m), 1);
}

static void test_open_creates_private_file(void)
{
	struct store *st = open_store();
	struct store_counts c;
	struct stat sb;

	CHECK(st != NULL);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK_INT(store_counts(st, &c), 0);
	CHECK_INT(c.commands, 0);
	store_close(st);
	/* reopening an existing file works (no migration to run) */
	st = open_store();
	CHECK(st != NULL);
	store_close(st);
}

static void test_refuses_symlink(void)
{
	char link[160];
	struct buf err = BUF_INIT;

	snprintf(link, sizeof(link), "%s/link.db", dir);
	CHECK(symlink(path, link) == 0);
	CHECK(store_open(link, &err) == NULL);
	CHECK(err.len > 0);
	unlink(link);
	buf_release(&err);
}

static int count_rows(const struct store_cmd_row *row, void *arg)
{
	struct buf *b = arg;

	buf_printf(b, "%s|", row->cmd.line);
	return 0;
}

static void test_record_and_query(void)
{
	struct store *st = open_store();
	struct store_cmd_query q = { 0 };
	struct store_cmd_stats stats;
	struct store_counts c;
	struct buf b = BUF_INIT;
	int n;

	fill(st);
	CHECK_INT(store_counts(st, &c), 0);
	CHECK_INT(c.commands, 6);
	CHECK_INT(c.file_events, 2);
	CHECK_INT(c.mails, 2);
	CHECK_INT(c.sessions, 2);

	q.prefix = "ssh";
	n = store_commands(st, &q, count_rows, &b);
	CHECK_INT(n, 1);
	CHECK_STR(buf_str(&b), "ssh tern.example.net|");

	buf_reset(&b);
	memset(&q, 0, sizeof(q));
	q.cwd = "/home/theo/src/letters";
	q.newest_first = true;
	q.limit = 2;
	CHECK_INT(store_commands(st, &q, count_rows, &b), 2);
	CHECK_STR(buf_str(&b), "git commit -m 'smtp: retry on 421'|make test|");

	buf_reset(&b);
	memset(&q, 0, sizeof(q));
	q.status = STORE_STATUS_FAILED;
	CHECK_INT(store_commands(st, &q, count_rows, &b), 2);
	CHECK_STR(buf_str(&b), "make test|ssh tern.example.net|");

	buf_reset(&b);
	memset(&q, 0, sizeof(q));
	q.from = T("2026-11-20T00:00:00");
	q.to = T("2026-11-21T00:00:00");
	CHECK_INT(store_commands(st, &q, count_rows, &b), 3);

	buf_reset(&b);
	memset(&q, 0, sizeof(q));
	store_fts_phrase(&b, "retry on");
	q.match = buf_str(&b);
	{
		struct buf r = BUF_INIT;

		CHECK_INT(store_commands(st, &q, count_rows, &r), 1);
		buf_release(&r);
	}
	/* FTS syntax in user text is quoted, not interpreted */
	buf_reset(&b);
	store_fts_phrase(&b, "\"); DROP TABLE commands;-- AND OR NEAR(");
	q.match = buf_str(&b);
	CHECK_INT(store_commands(st, &q, count_rows, NULL), 0);

	memset(&q, 0, sizeof(q));
	q.prefix = "make test";
	CHECK_INT(store_command_stats(st, &q, &stats), 0);
	CHECK_INT(stats.count, 2);
	CHECK_INT(stats.failed, 1);
	CHECK_INT(stats.total_ms, 9500);
	CHECK_INT(stats.max_ms, 5400);
	CHECK_INT(stats.first, T("2026-11-19T10:00:00"));
	buf_release(&b);
	store_close(st);
}

struct groups {
	struct buf b;
};

static int group_row(const struct store_group_row *row, void *arg)
{
	buf_printf(arg, "%s=%lld/%lld|", row->key, (long long)row->stats.count,
		   (long long)row->stats.failed);
	return 0;
}

static int file_row(const struct store_file_row *row, void *arg)
{
	buf_printf(arg, "%s>%s|", row->file.op,
		   row->file.to_path ? row->file.to_path : "");
	return 0;
}

static int mail_row(const struct store_mail_row *row, void *arg)
{
	buf_printf(arg, "%s|", row->mail.subject);
	return 0;
}

static void test_groups_files_mail(void)
{
	struct store *st = open_store();
	struct store_cmd_query q = { 0 };
	struct store_file_query fq = { 0 };
	struct store_mail_query mq = { 0 };
	struct buf b = BUF_INIT;

	CHECK_INT(store_command_groups(st, &q, STORE_GROUP_WORD, group_row,
				       &b), 5);
	CHECK(strncmp(buf_str(&b), "make=2/1|", 9) == 0);
	buf_reset(&b);
	q.status = STORE_STATUS_FAILED;
	q.limit = 1;
	CHECK_INT(store_command_groups(st, &q, STORE_GROUP_LINE, group_row,
				       &b), 1);
	CHECK_STR(buf_str(&b), "ssh tern.example.net=1/1|");

	buf_reset(&b);
	fq.path_part = "a.pdf";
	CHECK_INT(store_file_events(st, &fq, file_row, &b), 1);
	CHECK_STR(buf_str(&b), "move>/home/theo/Documents/a.pdf|");
	buf_reset(&b);
	fq.path_part = "Documents";
	fq.op = "move";
	CHECK_INT(store_file_events(st, &fq, file_row, &b), 1);

	buf_reset(&b);
	mq.unread_only = true;
	CHECK_INT(store_mails(st, &mq, mail_row, &b), 1);
	CHECK_STR(buf_str(&b), "Dinner on Friday?|");
	buf_reset(&b);
	memset(&mq, 0, sizeof(mq));
	mq.sender_part = "BOB";
	CHECK_INT(store_mails(st, &mq, mail_row, &b), 1);
	CHECK_STR(buf_str(&b), "Re: salt road|");
	CHECK_INT(store_set_mail_read(st, "maildir:1", true), 1);
	memset(&mq, 0, sizeof(mq));
	mq.unread_only = true;
	CHECK_INT(store_mails(st, &mq, mail_row, NULL), 0);
	buf_release(&b);
	store_close(st);
}

static int event_line(const struct store_event *ev, void *arg)
{
	int64_t t = ev->kind == STORE_KIND_COMMAND ? ev->cmd.time :
		    ev->kind == STORE_KIND_FILE ? ev->file.time : ev->mail.time;

	buf_printf(arg, "%d@%lld#%lld|", (int)ev->kind, (long long)t,
		   (long long)ev->seq);
	return 0;
}

static void test_events_in_order(void)
{
	struct store *st = open_store();
	struct buf all = BUF_INIT, paged = BUF_INIT, one = BUF_INIT;
	int64_t t = INT64_MIN, s = INT64_MIN;
	int n;
	char *p;

	CHECK_INT(store_events_after(st, INT64_MIN, INT64_MIN, 0, event_line,
				     &all), 10);
	/* page one by one with the keyset cursor: same sequence */
	for (;;) {
		buf_reset(&one);
		n = store_events_after(st, t, s, 1, event_line, &one);
		if (n <= 0) {
			break;
		}
		buf_append(&paged, one.data, one.len);
		p = strchr(one.data, '@');
		t = strtoll(p + 1, &p, 10);
		s = strtoll(p + 1, NULL, 10);
	}
	CHECK_STR(buf_str(&paged), buf_str(&all));
	/* ties on time keep insertion order: at 10:05 the two commands
	 * (seq 2, 3) come before the file event recorded after them */
	CHECK(strstr(buf_str(&all), "#2|0@") != NULL);
	CHECK(strstr(buf_str(&all), "#3|1@") != NULL);
	buf_release(&all);
	buf_release(&paged);
	buf_release(&one);
	store_close(st);
}

static void test_persona_and_dedup(void)
{
	struct store *st = open_store();
	struct store_command c = { 0 };
	struct buf v = BUF_INIT;

	CHECK_INT(store_persona_get(st, "user", &v), 0);
	CHECK_INT(store_persona_set(st, "user", "Theo"), 0);
	CHECK_INT(store_persona_set(st, "user", "Theodore"), 0);
	CHECK_INT(store_persona_get(st, "user", &v), 1);
	CHECK_STR(buf_str(&v), "Theodore");
	CHECK_INT(store_state_set(st, "paused", "1"), 0);

	CHECK_INT(store_add_session(st, "host-1-2", "/dev/pts/1", 42, 1), 0);
	c.time = T("2026-11-20T12:00:00");
	c.cwd = "/";
	c.line = "ls";
	c.session = "host-1-2";
	CHECK_INT(store_add_command(st, &c, 7), 1);
	CHECK_INT(store_add_command(st, &c, 7), 0);	/* resent: ignored */
	c.has_status = true;
	c.status = 1;
	c.duration_ms = 33;
	CHECK_INT(store_end_command(st, &c, 7), 1);
	/* an end whose start never came is recorded whole */
	c.line = "make";
	CHECK_INT(store_end_command(st, &c, 8), 1);
	CHECK_INT(store_add_command(st, &c, 8), 0);	/* late start */
	c.session = "nobody";
	CHECK_INT(store_end_command(st, &c, 7), 1);
	c.line = NULL;
	CHECK_INT(store_end_command(st, &c, 9), 0);
	buf_release(&v);
	store_close(st);

	/* persistent across reopen, and seq continues */
	st = open_store();
	buf_init(&v, 0);
	CHECK_INT(store_persona_get(st, "user", &v), 1);
	CHECK_STR(buf_str(&v), "Theodore");
	buf_reset(&v);
	CHECK_INT(store_state_get(st, "paused", &v), 1);
	CHECK_STR(buf_str(&v), "1");
	buf_release(&v);
	store_close(st);
}

static void test_forget(void)
{
	struct store *st = open_store();
	struct store_counts c;
	struct buf b = BUF_INIT;

	CHECK(file_contains(path, "hunter2secret"));
	CHECK_INT(store_forget_match(st, "hunter2secret"), 1);
	CHECK(!file_contains(path, "hunter2secret"));
	CHECK_INT(store_integrity(st, &b), 0);

	/* yesterday: 3 commands, 1 file event */
	CHECK_INT(store_forget_range(st, T("2026-11-19T00:00:00"),
				     T("2026-11-20T00:00:00")), 4);
	CHECK(!file_contains(path, "smtp: retry on 421"));
	CHECK_INT(store_forget_match(st, "a.pdf"), 1);
	CHECK_INT(store_forget_match(st, "amy@"), 1);
	CHECK_INT(store_forget_match(st, "%"), 0);	/* LIKE wildcards are literal */
	CHECK_INT(store_counts(st, &c), 0);
	CHECK_INT(c.commands, 5);
	CHECK_INT(c.mails, 1);
	CHECK_INT(store_forget_all(st), 6);
	CHECK_INT(store_counts(st, &c), 0);
	CHECK_INT(c.commands + c.file_events + c.mails + c.sessions, 0);
	CHECK_INT(store_integrity(st, &b), 0);
	CHECK(!file_contains(path, "tern.example.net"));
	CHECK(!file_contains(path, "Re: salt road"));
	/* persona survives forget all */
	CHECK_INT(store_persona_get(st, "user", &b), 1);
	buf_release(&b);
	store_close(st);
}

static void test_transaction_rollback(void)
{
	struct store *st = open_store();
	struct store_counts c;

	CHECK_INT(store_begin(st), 0);
	add_cmd(st, "2026-11-20T12:00:00", "/", "rolled back", 0, 1, "rb");
	store_rollback(st);
	CHECK_INT(store_counts(st, &c), 0);
	CHECK_INT(c.commands, 0);
	/* the session cache was dropped with the transaction */
	add_cmd(st, "2026-11-20T12:00:00", "/", "kept", 0, 1, "rb");
	CHECK_INT(store_counts(st, &c), 0);
	CHECK_INT(c.commands, 1);
	CHECK_INT(c.sessions, 1);
	store_forget_all(st);
	store_close(st);
}

static void test_ingest_rate(void)
{
	struct store *st = open_store();
	struct store_command c = { 0 };
	struct timespec a, b;
	char line[64];
	double secs;
	int i, n = 100000;

	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK_INT(store_begin(st), 0);
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "make test-%d --jobs=%d", i % 97,
			 i % 7);
		c.time = T("2026-11-01T00:00:00") + i;
		c.cwd = i % 3 ? "/home/theo/src/letters" : "/home/theo";
		c.line = line;
		c.session = i % 2 ? "s1" : "s2";
		c.has_status = true;
		c.status = i % 5 == 0;
		c.duration_ms = i % 1000;
		if (store_add_command(st, &c, -1) != 1) {
			CHECK(0);
			break;
		}
	}
	CHECK_INT(store_commit(st), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) +
	       (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("ingest: %d commands in %.3f s = %.0f events/s\n", n, secs,
	       n / secs);
	/* the target holds for a normal build; valgrind runs ~20x slower */
	if (getenv("LD_PRELOAD") == NULL ||
	    strstr(getenv("LD_PRELOAD"), "vgpreload") == NULL) {
		CHECK(n / secs >= 20000);
	}
	store_close(st);
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/hersh-test-store.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/memory.db", dir);
	TEST_RUN(test_open_creates_private_file);
	TEST_RUN(test_refuses_symlink);
	TEST_RUN(test_record_and_query);
	TEST_RUN(test_groups_files_mail);
	TEST_RUN(test_events_in_order);
	TEST_RUN(test_persona_and_dedup);
	TEST_RUN(test_forget);
	TEST_RUN(test_transaction_rollback);
	TEST_RUN(test_ingest_rate);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0) {
			fprintf(stderr, "cleanup failed\n");
		}
	}
	return test_summary();
}
