/*
 * test_suggest.c - the suggestion engine: the shell's own rules
 * (shell/suggest.c: keyboard distance, "did you mean", fixes, the NOTE
 * fields and the ghost text), the daemon's rules over a real store
 * (daemon/suggest.c: long command, mail, alias, care, greeting, recall,
 * mute, why) and the policy (daemon/policy.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/proto.h>
#include <hersh/suggestion.h>

#include "alias.h"
#include "exec.h"
#include "policy.h"
#include "shell.h"
#include "store.h"
#include "test.h"
#include "var.h"
/* both modules are called suggest.h: name them by their folder */
#include "../../daemon/suggest.h"
#include "../../shell/suggest.h"

static char tmp[] = "/tmp/hersh-test-suggest-XXXXXX";
static struct shell test_sh;

static void touch(const char *rel, int mode)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	f = fopen(path, "w");
	if (f != NULL) {
		fputs("#!/bin/sh\n", f);
		fclose(f);
	}
	chmod(path, (mode_t)mode);
}

static void mkd(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	mkdir(path, 0700);
}

/* ---- shell side ----------------------------------------------------------- */

static void test_distance(void)
{
	CHECK_INT(suggest_distance("sl", "ls", 4), 1);
	CHECK_INT(suggest_distance("gti", "git", 4), 1);
	CHECK_INT(suggest_distance("pyhton3", "python3", 4), 1);
	/* u and i are neighbours; u and z are not */
	CHECK_INT(suggest_distance("gut", "git", 4), 1);
	CHECK_INT(suggest_distance("gzt", "git", 4), 2);
	/* a doubled letter costs half */
	CHECK_INT(suggest_distance("gitt", "git", 4), 1);
	CHECK_INT(suggest_distance("git", "git", 4), 0);
	CHECK_INT(suggest_distance("xyzzy", "git", 3), 4);
}

static void test_did_you_mean(void)
{
	char path[512];
	char *s;

	mkd("bin");
	touch("bin/git", 0755);
	touch("bin/python3", 0755);
	touch("bin/ls", 0755);
	touch("bin/make", 0755);
	snprintf(path, sizeof(path), "%s/bin", tmp);
	var_set(&test_sh, "PATH", path, 0);
	s = suggest_command_for(&test_sh, "gti");
	CHECK_STR(s, "git");
	free(s);
	s = suggest_command_for(&test_sh, "sl");
	CHECK_STR(s, "ls");
	free(s);
	s = suggest_command_for(&test_sh, "pyhton3");
	CHECK_STR(s, "python3");
	free(s);
	/* builtins are candidates too */
	s = suggest_command_for(&test_sh, "ehco");
	CHECK_STR(s, "echo");
	free(s);
	/* and aliases */
	alias_set(test_sh.aliases, "deploy", "make deploy");
	s = suggest_command_for(&test_sh, "depoly");
	CHECK_STR(s, "deploy");
	free(s);
	/* nothing close: nothing said */
	CHECK(suggest_command_for(&test_sh, "qqqqqqq") == NULL);
	CHECK(suggest_command_for(&test_sh, "./gti") == NULL);
}

static void test_fixes(void)
{
	char pwd[512];
	char *s;
	int kind;

	mkd("Documents");
	mkd("Documents/projects");
	touch("run.sh", 0644);
	mkd("src");
	snprintf(pwd, sizeof(pwd), "%s", tmp);
	var_set(&test_sh, "PWD", pwd, 0);
	var_set(&test_sh, "HOME", pwd, 0);
	if (chdir(tmp) < 0) {
		CHECK(0);
		return;
	}
	s = suggest_fix_for(&test_sh, "cd Documnts/projcts", 1, &kind);
	CHECK_STR(s, "cd Documents/projects");
	CHECK_INT(kind, SUGGESTION_FIX);
	free(s);
	s = suggest_fix_for(&test_sh, "cd ~/documents", 1, &kind);
	CHECK_STR(s, "cd ~/Documents");
	free(s);
	CHECK(suggest_fix_for(&test_sh, "cd nowhere-near", 1, &kind) == NULL);
	s = suggest_fix_for(&test_sh, "./run.sh --fast", 126, &kind);
	CHECK_STR(s, "chmod +x ./run.sh");
	free(s);
	s = suggest_fix_for(&test_sh, "./src", 126, &kind);
	CHECK_STR(s, "cd ./src");
	free(s);
	s = suggest_fix_for(&test_sh, "git stauts", 1, &kind);
	CHECK_STR(s, "git status");
	free(s);
	s = suggest_fix_for(&test_sh, "git comit -m x", 1, &kind);
	CHECK_STR(s, "git commit -m x");
	free(s);
	CHECK(suggest_fix_for(&test_sh, "git commit -m x", 1, &kind) == NULL);
	s = suggest_fix_for(&test_sh, "apt install cowsay", 100, &kind);
	if (geteuid() != 0) {
		CHECK_STR(s, "sudo apt install cowsay");
	} else {
		CHECK(s == NULL);
	}
	free(s);
	/* success, pipelines and quoting: no fix */
	CHECK(suggest_fix_for(&test_sh, "git stauts", 0, &kind) == NULL);
	CHECK(suggest_fix_for(&test_sh, "cd Documnts | cat", 1, &kind) ==
	      NULL);
}

static void test_note_fields_and_ghost(void)
{
	char *shown;
	char note[512];
	const char *g;

	test_sh.interactive = true;
	snprintf(note, sizeof(note),
		 "Sam: typed 5 times; for hershrc: alias x='make test'"
		 SUGGESTION_SEP "id=5" SUGGESTION_SEP "kind=alias"
		 SUGGESTION_SEP "cmd=echo hi" SUGGESTION_SEP "next=git status"
		 SUGGESTION_SEP "next=make test" SUGGESTION_SEP
		 "next=vim missing/file.md" SUGGESTION_SEP "local=typo,recall"
		 SUGGESTION_SEP "name=Sam");
	suggest_before_prompt(&test_sh);
	shown = suggest_prompt_note(&test_sh, strdup(note));
	CHECK_STR(shown, "Sam: typed 5 times; for hershrc: alias x='make "
		  "test'");
	free(shown);
	/* the proposed command is the ghost of the empty line */
	CHECK_STR(suggest_ghost(&test_sh, ""), "echo hi");
	CHECK_STR(suggest_ghost(&test_sh, "ma"), "ke test");
	CHECK_STR(suggest_ghost(&test_sh, "gi"), "t status");
	/* a file that does not exist is never offered */
	g = suggest_ghost(&test_sh, "vim m");
	CHECK(g == NULL);
	/* a complete line has no ghost */
	CHECK(suggest_ghost(&test_sh, "make test") == NULL);
	/* NO_COLOR: no ghost at all */
	var_set(&test_sh, "NO_COLOR", "1", 0);
	CHECK(suggest_ghost(&test_sh, "ma") == NULL);
	var_unset(&test_sh, "NO_COLOR");
	/* fields alone print nothing */
	suggest_before_prompt(&test_sh);
	shown = suggest_prompt_note(&test_sh, strdup(SUGGESTION_SEP
						     "local=typo"));
	CHECK(shown == NULL);
	/* recall not allowed: no ghost from the history or the daemon */
	CHECK(suggest_ghost(&test_sh, "ma") == NULL);
	/* a non-interactive shell passes the note through untouched and
	 * has no ghost */
	test_sh.interactive = false;
	CHECK(suggest_ghost(&test_sh, "") == NULL);
	test_sh.interactive = true;
	/* HERSH_NO_COMPANION=1: nothing */
	var_set(&test_sh, "HERSH_NO_COMPANION", "1", 0);
	CHECK(suggest_ghost(&test_sh, "") == NULL);
	var_unset(&test_sh, "HERSH_NO_COMPANION");
	test_sh.interactive = false;
}

/* ---- daemon side ------------------------------------------------------------ */

static struct store *st;
static struct suggest *sg;
static int64_t t0 = 1794046980;	/* 2026-11-07T10:23:00 */

static void open_store(void)
{
	struct buf err = BUF_INIT, path = BUF_INIT;

	buf_printf(&path, "%s/memory.db", tmp);
	unlink(buf_str(&path));
	st = store_open(buf_str(&path), &err);
	CHECK(st != NULL);
	sg = suggest_new(st, 1234);
	buf_release(&err);
	buf_release(&path);
}

static void close_store(void)
{
	suggest_free(sg);
	store_close(st);
	sg = NULL;
	st = NULL;
}

/* Teaches the policy that the user takes kind. */
static void likes(int kind, const char *ctx)
{
	int i;

	for (i = 0; i < 30; i++) {
		policy_outcome(suggest_policy(sg), kind, ctx,
			       PROTO_OUTCOME_TAKEN, t0);
	}
}

static int64_t seqno;

static void run(const char *session, int64_t time, const char *cwd,
		const char *line, int status, int64_t ms)
{
	struct store_command c;

	memset(&c, 0, sizeof(c));
	c.time = time;
	c.cwd = cwd;
	c.line = line;
	c.session = session;
	store_add_command(st, &c, ++seqno);
	suggest_command(sg, &c, false);
	c.has_status = true;
	c.status = status;
	c.duration_ms = ms;
	store_end_command(st, &c, seqno);
	suggest_command(sg, &c, true);
}

/* The text of a note (without fields) into out; returns the note. */
static const char *prompt(const char *session, int64_t now, struct buf *note,
			  struct buf *text)
{
	const char *sep;

	buf_reset(note);
	buf_reset(text);
	CHECK_INT(suggest_prompt(sg, session, now, note), 0);
	sep = strstr(buf_str(note), SUGGESTION_SEP);
	buf_append(text, buf_str(note), sep ? (size_t)(sep - buf_str(note)) :
		   note->len);
	return buf_str(note);
}

static void test_long_command(void)
{
	struct buf note = BUF_INIT, text = BUF_INIT;

	open_store();
	likes(SUGGESTION_LONG, "fail");
	likes(SUGGESTION_LONG, "ok");
	/* short: nothing */
	run("s1", t0, "/src", "make", 0, 2000);
	prompt("s1", t0 + 3, &note, &text);
	CHECK_INT(text.len, 0);
	/* long and failed: how long, which status */
	run("s1", t0 + 60, "/src", "make all", 2, 45000);
	prompt("s1", t0 + 106, &note, &text);
	CHECK(strstr(buf_str(&text), "hersh: ") == buf_str(&text));
	CHECK(strstr(buf_str(&text), "`make all`") != NULL);
	CHECK(strstr(buf_str(&text), "45s") != NULL);
	CHECK(strstr(buf_str(&text), "fail") != NULL);
	CHECK(strstr(buf_str(&note), SUGGESTION_SEP "kind=long") != NULL);
	/* said once: the next prompt is quiet */
	prompt("s1", t0 + 110, &note, &text);
	CHECK_INT(text.len, 0);
	/* an editor open for ten minutes is not news */
	run("s1", t0 + 200, "/src", "vim main.c", 0, 600000);
	prompt("s1", t0 + 800, &note, &text);
	CHECK_INT(text.len, 0);
	/* the threshold can be changed */
	CHECK_INT(suggest_set(st, "long-command", "2m", &text), 0);
	run("s1", t0 + 2000, "/src", "make check", 0, 90000);
	prompt("s1", t0 + 2100, &note, &text);
	CHECK_INT(text.len, 0);
	CHECK_INT(suggest_set(st, "long-command", "soon", &text), 1);
	/* muted: never */
	buf_reset(&text);
	CHECK_INT(suggest_mute(sg, "long", true, t0, &text), 0);
	run("s1", t0 + 3000, "/src", "make world", 1, 900000);
	prompt("s1", t0 + 4000, &note, &text);
	CHECK_INT(text.len, 0);
	close_store();
	buf_release(&note);
	buf_release(&text);
}

static void add_mail(int64_t time, const char *from, const char *subject,
		     bool read, const char *ident)
{
	struct store_mail m;

	memset(&m, 0, sizeof(m));
	m.time = time;
	m.from = from;
	m.subject = subject;
	m.mailbox = "INBOX";
	m.read = read;
	m.ident = ident;
	store_add_mail(st, &m);
}

static void test_mail(void)
{
	struct buf note = BUF_INIT, text = BUF_INIT;
	int i;

	open_store();
	likes(SUGGESTION_MAIL, "");
	likes(SUGGESTION_MAIL, "amy@example.org");
	likes(SUGGESTION_MAIL, "ads@shop.example");
	/* the user reads Amy's mail and never the shop's */
	add_mail(t0 - 9000, "Amy Park <amy@example.org>", "Old", true, "a1");
	add_mail(t0 - 8000, "Amy Park <amy@example.org>", "Older", true, "a2");
	add_mail(t0 - 7000, "Shop <ads@shop.example>", "Sale", false, "s1");
	add_mail(t0 - 6000, "Shop <ads@shop.example>", "Sale!", false, "s2");
	prompt("s1", t0 - 5000, &note, &text);
	/* the sender whose mail stays unread does not lead */
	CHECK(strstr(buf_str(&text), "2 new messages — Shop: Sale!") != NULL);
	for (i = 0; i < 5; i++) {
		prompt("s1", t0 - 4000 + i, &note, &text);
		CHECK_INT(text.len, 0);
	}
	add_mail(t0 + 10, "Amy Park <amy@example.org>", "Dinner on Friday?",
		 false, "a3");
	add_mail(t0 + 20, "Shop <ads@shop.example>", "Huge sale", false, "s3");
	run("s1", t0 + 30, "/home", "ls", 0, 5);
	prompt("s1", t0 + 40, &note, &text);
	CHECK_STR(buf_str(&text) + strcspn(buf_str(&text), "0123456789"),
		  "2 new messages — Amy: Dinner on Friday?");
	CHECK(strstr(buf_str(&note), "want=mutt|") != NULL);
	/* announced once */
	prompt("s1", t0 + 50, &note, &text);
	CHECK_INT(text.len, 0);
	close_store();
	buf_release(&note);
	buf_release(&text);
}

static void test_alias_once(void)
{
	struct buf note = BUF_INIT, text = BUF_INIT;
	const char *line = "rsync -avz --delete public/ tern:/srv/www/blog/";
	int i;

	open_store();
	likes(SUGGESTION_ALIAS, "");
	for (i = 0; i < 4; i++) {
		run("s1", t0 + i * 100, "/blog", line, 0, 3000);
		prompt("s1", t0 + i * 100 + 5, &note, &text);
		CHECK_INT(text.len, 0);
	}
	run("s1", t0 + 500, "/blog", line, 0, 3000);
	prompt("s1", t0 + 505, &note, &text);
	CHECK(strstr(buf_str(&text), "5 times") != NULL);
	CHECK(strstr(buf_str(&text), "alias rsync_blog='rsync -avz") != NULL);
	CHECK(strstr(buf_str(&note), SUGGESTION_SEP "cmd=echo 'alias "
		     "rsync_blog='\\''rsync -avz --delete public/ "
		     "tern:/srv/www/blog/'\\''' >> ") != NULL);
	/* once only */
	run("s1", t0 + 600, "/blog", line, 0, 3000);
	prompt("s1", t0 + 605, &note, &text);
	CHECK_INT(text.len, 0);
	close_store();
	buf_release(&note);
	buf_release(&text);
}

static void test_care_and_greeting(void)
{
	struct buf note = BUF_INIT, text = BUF_INIT;

	open_store();
	likes(SUGGESTION_CARE, "hours");
	store_persona_set(st, "user", "Theo");
	run("s2", t0, "/home", "ls", 0, 5);
	prompt("s2", t0 + 10, &note, &text);
	CHECK_INT(text.len, 0);
	run("s2", t0 + 4 * 3600, "/home", "ls", 0, 5);
	prompt("s2", t0 + 4 * 3600 + 5, &note, &text);
	CHECK(strstr(buf_str(&text), "4 hours") != NULL);
	/* greeting: nothing happened, nothing said */
	CHECK_INT(suggest_feedback(sg, "s3", -SUGGESTION_LOGIN, 0, t0), 0);
	prompt("s3", t0 + 5 * 3600, &note, &text);
	CHECK_INT(text.len, 0);
	/* mail and a failed long build since: one line */
	add_mail(t0 + 6 * 3600, "Amy Park <amy@example.org>",
		 "Dinner on Friday?", false, "g1");
	run("s2", t0 + 6 * 3600 + 10, "/src", "make release", 2, 720000);
	CHECK_INT(suggest_feedback(sg, "s4", -SUGGESTION_LOGIN, 0, t0), 0);
	prompt("s4", t0 + 8 * 3600, &note, &text);
	CHECK_STR(buf_str(&text), "hersh: Good evening, Theo. Since you were last "
		  "here: 1 new message (Amy: Dinner on Friday?); `make "
		  "release` failed after 12m00s.");
	close_store();
	buf_release(&note);
	buf_release(&text);
}

static void test_local_feedback_and_why(void)
{
	struct buf note = BUF_INIT, text = BUF_INIT, why = BUF_INIT;
	struct store_counts c;

	open_store();
	likes(SUGGESTION_LONG, "fail");
	run("s1", t0, "/src", "make all", 2, 45000);
	/* the shell shows its own typo fix at this prompt: the daemon
	 * keeps its long-command note to itself */
	CHECK_INT(suggest_feedback(sg, "s1", -SUGGESTION_TYPO,
				   PROTO_OUTCOME_SHOWN, t0 + 50), 0);
	prompt("s1", t0 + 50, &note, &text);
	CHECK_INT(text.len, 0);
	CHECK_INT(suggest_feedback(sg, "s1", -SUGGESTION_TYPO,
				   PROTO_OUTCOME_TAKEN, t0 + 60), 0);
	CHECK_INT(store_counts(st, &c), 0);
	CHECK_INT(c.suggestions, 1);
	CHECK_INT(suggest_why(sg, &why), 0);
	CHECK(strstr(buf_str(&why), "last suggestion: typo") != NULL);
	CHECK(strstr(buf_str(&why), "score: sampled chance") != NULL);
	/* "stop": the last suggestion's kind is muted */
	buf_reset(&why);
	CHECK_INT(suggest_refuse_last(st, t0 + 70, &why), 0);
	CHECK(strstr(buf_str(&why), "no more typo suggestions") != NULL);
	prompt("s1", t0 + 80, &note, &text);
	CHECK(strstr(buf_str(&note), "local=fix") != NULL ||
	      strstr(buf_str(&note), "local=") != NULL);
	CHECK(strstr(buf_str(&note), "typo") == NULL);
	buf_reset(&why);
	CHECK_INT(suggest_refuse_last(st, t0 + 7200, &why), 1);
	close_store();
	buf_release(&note);
	buf_release(&text);
	buf_release(&why);
}

static void test_recall(void)
{
	struct buf note = BUF_INIT, text = BUF_INIT;
	const char *n, *commit, *status;
	int i;

	open_store();
	likes(SUGGESTION_RECALL, "");
	for (i = 0; i < 5; i++) {
		run("s1", t0 + i * 600, "/book", "git add .", 0, 50);
		run("s1", t0 + i * 600 + 30, "/book", "git commit", 0, 9000);
		run("s1", t0 + i * 600 + 60, "/book", "git status", 0, 40);
	}
	run("s1", t0 + 4000, "/book", "make pdf", 0, 40);
	run("s1", t0 + 4100, "/book", "curl -u theo:<redacted> x", 0, 40);
	run("s1", t0 + 4200, "/book", "git add .", 0, 50);
	n = prompt("s1", t0 + 4210, &note, &text);
	commit = strstr(n, "next=git commit");
	status = strstr(n, "next=git status");
	CHECK(commit != NULL);
	CHECK(status != NULL);
	/* after git add, git commit comes first */
	CHECK(commit != NULL && status != NULL && commit < status);
	/* a redacted line is never offered */
	CHECK(strstr(n, "redacted") == NULL);
	/* after cd the context is the new directory */
	run("s1", t0 + 5000, "/", "cd /book", 0, 1);
	n = prompt("s1", t0 + 5010, &note, &text);
	CHECK(strstr(n, "next=git") != NULL);
	close_store();
	buf_release(&note);
	buf_release(&text);
}

/* A copy of c in *to, its session name kept in session[8]. */
static void remember(struct store_command *to, char *session,
		     const struct store_command *c)
{
	*to = *c;
	snprintf(session, 8, "%s", c->session);
	to->session = session;
}

/* The next= fields of a note, in order, into out. */
static void next_fields(const char *note, struct buf *out)
{
	const char *p = note, *e;

	buf_reset(out);
	while ((p = strstr(p, SUGGESTION_SEP "next=")) != NULL) {
		p += strlen(SUGGESTION_SEP "next=");
		e = strstr(p, SUGGESTION_SEP);
		buf_append(out, p, e ? (size_t)(e - p) : strlen(p));
		buf_putc(out, '|');
	}
}

/*
 * The recent commands the engine keeps in memory between prompts stay
 * what the store holds: commands from several sessions and directories,
 * out of order, started and never ended, ended without a start, and
 * seen again (a resent event), must give the same candidates as an
 * engine that reads everything afresh.
 */
static void test_recall_cache(void)
{
	static const char *const lines[] = {
		"git status", "git add -A", "git commit -m wip", "make",
		"make test", "ls -la", "vim notes.md", "cargo build",
		"./run.sh --check", "git push",
	};
	static const char *const cwds[] = {
		"/a", "/a/b", "/c", "/home/theo", "/tmp/t",
	};
	struct buf n1 = BUF_INIT, n2 = BUF_INIT, f1 = BUF_INIT,
		   f2 = BUF_INIT;
	static struct {
		char session[8];
		struct store_command c;
		bool ended;
	} seen[3000];
	struct store_command c;
	struct suggest *fresh;
	uint32_t r = 12345;
	char session[8];
	int i, j, nseen = 0, compared = 0, same = 0;
	int64_t now = t0;

	setenv("HERSHD_POLICY", "always", 1);
	open_store();
	for (i = 0; i < 1500; i++) {
		r = r * 1103515245 + 12345;
		snprintf(session, sizeof(session), "s%u", (r >> 8) % 3);
		memset(&c, 0, sizeof(c));
		now += 7;
		/* one in eight reported late: an older start time */
		c.time = (r >> 12) % 8 == 0 ? now - (int64_t)((r >> 4) % 60) :
			 now;
		c.cwd = cwds[(r >> 16) % 5];
		/* the cd-free lines only: the engine follows a cd */
		c.line = lines[(r >> 20) % 10];
		c.session = session;
		++seqno;
		if ((r >> 24) % 16 != 0) {	/* else: the end only */
			store_add_command(st, &c, seqno);
			suggest_command(sg, &c, false);
			remember(&seen[nseen].c, seen[nseen].session, &c);
			seen[nseen++].ended = false;
			if ((r >> 28) == 0) {	/* a resent start */
				store_add_command(st, &c, seqno);
				suggest_command(sg, &c, false);
			}
		}
		if ((r >> 24) % 16 != 1) {	/* else: never ended */
			c.has_status = true;
			c.status = (r >> 6) % 5 == 0;
			c.duration_ms = 10;
			store_end_command(st, &c, seqno);
			suggest_command(sg, &c, true);
			remember(&seen[nseen].c, seen[nseen].session, &c);
			seen[nseen++].ended = true;
		}
		if (i % 7 != 6) {
			continue;
		}
		buf_reset(&n1);
		CHECK_INT(suggest_prompt(sg, session, now + 1, &n1), 0);
		/* an engine that reads the store afresh, told the same
		 * commands (for each session's last one) */
		fresh = suggest_new(st, 1234);
		for (j = 0; j < nseen; j++) {
			suggest_command(fresh, &seen[j].c, seen[j].ended);
		}
		buf_reset(&n2);
		CHECK_INT(suggest_prompt(fresh, session, now + 1, &n2), 0);
		suggest_free(fresh);
		next_fields(buf_str(&n1), &f1);
		next_fields(buf_str(&n2), &f2);
		compared++;
		same += strcmp(buf_str(&f1), buf_str(&f2)) == 0 && f1.len > 0;
		if (strcmp(buf_str(&f1), buf_str(&f2)) != 0) {
			fprintf(stderr, "step %d: kept %s\n  fresh %s\n", i,
				buf_str(&f1), buf_str(&f2));
		}
	}
	CHECK_INT(same, compared);
	CHECK(compared > 200);
	close_store();
	unsetenv("HERSHD_POLICY");
	buf_release(&n1);
	buf_release(&n2);
	buf_release(&f1);
	buf_release(&f2);
}

/* ---- the policy ------------------------------------------------------------------ */

static void test_policy(void)
{
	struct policy *p = policy_new(3), *q;
	struct policy_why w;
	struct buf saved = BUF_INIT;
	double before, after;
	int i, shown = 0;
	bool spoke[300];

	before = policy_show_probability(p, SUGGESTION_MAIL, "x", 1.0, t0,
					 4000);
	for (i = 0; i < 12; i++) {
		policy_outcome(p, SUGGESTION_MAIL, "x", PROTO_OUTCOME_IGNORED,
			       t0);
	}
	after = policy_show_probability(p, SUGGESTION_MAIL, "x", 1.0, t0,
					4000);
	CHECK(after < before * 0.05);
	/* accepted kinds come more readily */
	for (i = 0; i < 12; i++) {
		policy_outcome(p, SUGGESTION_ALIAS, "", PROTO_OUTCOME_TAKEN,
			       t0);
	}
	CHECK(policy_show_probability(p, SUGGESTION_ALIAS, "", 1.0, t0,
				      4000) > 0.95);
	/* evidence fades with time: a month later the mail kind recovers */
	CHECK(policy_show_probability(p, SUGGESTION_MAIL, "x", 1.0,
				      t0 + 60 * 86400, 4000) > after * 4);
	/* saved and loaded */
	policy_save(p, &saved);
	q = policy_new(4);
	CHECK(policy_load(q, buf_str(&saved)) >= 3);
	CHECK(policy_show_probability(q, SUGGESTION_MAIL, "x", 1.0, t0,
				      4000) < before * 0.05);
	/* budgets: never more than 10 in 100 prompts, even when all is
	 * welcome and the user is chatty */
	policy_set_chattiness(q, POLICY_CHATTY);
	for (i = 0; i < 300; i++) {
		policy_prompt(q, t0 + i * 5);
		spoke[i] = policy_decide(q, SUGGESTION_ALIAS, "", 1.0,
					 t0 + i * 5, &w);
		if (spoke[i]) {
			policy_shown(q, SUGGESTION_ALIAS, t0 + i * 5);
			shown++;
		}
	}
	CHECK(shown > 0);
	for (i = 0; i + 100 <= 300; i++) {
		int j, n = 0;

		for (j = i; j < i + 100; j++) {
			n += spoke[j];
		}
		CHECK(n <= POLICY_MAX_PER_100);
	}
	/* a refusal mutes */
	policy_outcome(q, SUGGESTION_CARE, "", PROTO_OUTCOME_DISMISSED, t0);
	CHECK(policy_muted(q, SUGGESTION_CARE));
	CHECK(!policy_decide(q, SUGGESTION_CARE, "", 1.0, t0, &w));
	CHECK_STR(w.blocked, "muted");
	policy_free(p);
	policy_free(q);
	buf_release(&saved);
}

int main(void)
{
	char env[600];

	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	/* keep the companion's files (spool, intro marker) in here */
	snprintf(env, sizeof(env), "%s", tmp);
	setenv("HOME", env, 1);
	setenv("XDG_STATE_HOME", env, 1);
	setenv("XDG_RUNTIME_DIR", env, 1);
	setenv("XDG_CONFIG_HOME", env, 1);
	setenv("XDG_DATA_HOME", env, 1);
	setenv("HERSHD", "/nonexistent/hershd", 1);
	unsetenv("HERSH_SEED");
	test_sh.vars = var_table_new();
	test_sh.aliases = alias_table_new();
	test_sh.funcs = func_table_new();
	test_sh.arg0 = "hersh";
	TEST_RUN(test_distance);
	TEST_RUN(test_did_you_mean);
	TEST_RUN(test_fixes);
	TEST_RUN(test_note_fields_and_ghost);
	TEST_RUN(test_long_command);
	TEST_RUN(test_mail);
	TEST_RUN(test_alias_once);
	TEST_RUN(test_care_and_greeting);
	TEST_RUN(test_local_feedback_and_why);
	TEST_RUN(test_recall);
	TEST_RUN(test_recall_cache);
	TEST_RUN(test_policy);
	var_table_free(test_sh.vars);
	alias_table_free(test_sh.aliases);
	func_table_free(test_sh.funcs);
	snprintf(env, sizeof(env), "rm -rf '%s'", tmp);
	if (system(env) != 0) {
		fprintf(stderr, "could not remove %s\n", tmp);
	}
	return test_summary();
}
