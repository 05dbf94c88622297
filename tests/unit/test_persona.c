/*
 * test_persona.c - the companion's voice: settings from the store,
 * phrasing variety that HERSH_SEED makes deterministic, the tone that
 * follows the user's own, chattiness steps, names, the greeting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>

#include "persona.h"
#include "store.h"
#include "test.h"

static char path[] = "/tmp/hersh-test-persona-XXXXXX";
static struct store *st;

static void reopen(void)
{
	struct buf err = BUF_INIT;
	char wal[64];

	store_close(st);
	unlink(path);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	st = store_open(path, &err);
	CHECK(st != NULL);
	buf_release(&err);
}

/* What persona p says for a long failed command. */
static void say(struct persona *p, struct buf *out)
{
	buf_reset(out);
	persona_say(p, out, PERSONA_LONG_FAIL, "make", "4m02s", "2");
}

static void test_defaults_and_settings(void)
{
	struct persona p;
	struct buf out = BUF_INIT;

	reopen();
	persona_init(&p, 1);
	CHECK_INT(persona_load(&p, st), 0);
	CHECK_STR(p.name, "hersh");
	CHECK_STR(p.user, "");
	CHECK_INT(p.chattiness, POLICY_NORMAL);
	CHECK_INT(p.tone, PERSONA_PLAIN);
	store_persona_set(st, "name", "Sam");
	store_persona_set(st, "user", "Theo");
	store_persona_set(st, "chattiness", "quiet");
	store_persona_set(st, "tone", "friendly");
	CHECK_INT(persona_load(&p, st), 0);
	CHECK_STR(p.name, "Sam");
	CHECK_STR(p.user, "Theo");
	CHECK_INT(p.chattiness, POLICY_QUIET);
	CHECK_INT(p.tone, PERSONA_WARM);
	CHECK(p.tone_set);
	/* every line starts with the name; the warm voice uses the user's */
	say(&p, &out);
	CHECK(strncmp(buf_str(&out), "Sam: ", 5) == 0);
	CHECK(strstr(buf_str(&out), "`make`") != NULL);
	persona_say(&p, &out, PERSONA_MUTED, "mail", NULL, NULL);
	CHECK(strstr(buf_str(&out), "Theo") != NULL);
	buf_release(&out);
}

static void test_seed_makes_phrasing_deterministic(void)
{
	struct persona a, b;
	struct buf x = BUF_INIT, y = BUF_INIT;
	bool varied = false;
	char first[256];
	int i;

	reopen();
	setenv("HERSH_SEED", "42", 1);
	persona_init(&a, persona_seed());
	persona_init(&b, persona_seed());
	persona_load(&a, st);
	persona_load(&b, st);
	say(&a, &x);
	say(&b, &y);
	CHECK_STR(buf_str(&x), buf_str(&y));
	snprintf(first, sizeof(first), "%s", buf_str(&x));
	for (i = 0; i < 20; i++) {
		say(&a, &x);
		say(&b, &y);
		CHECK_STR(buf_str(&x), buf_str(&y));
		varied |= strcmp(buf_str(&x), first) != 0;
	}
	/* the plain voice has two ways to say it: both come up */
	CHECK(varied);
	setenv("HERSH_SEED", "43", 1);
	persona_init(&b, persona_seed());
	CHECK(persona_seed() != 0);
	unsetenv("HERSH_SEED");
	buf_release(&x);
	buf_release(&y);
}

static void test_tone_follows_the_user(void)
{
	struct persona p;
	int i;

	reopen();
	/* too little to go on: plain */
	persona_observe(st, "when did I last run make");
	CHECK_INT(persona_learned_tone(st), PERSONA_PLAIN);
	/* terse */
	for (i = 0; i < 6; i++) {
		persona_observe(st, "last make?");
	}
	CHECK_INT(persona_learned_tone(st), PERSONA_TERSE);
	persona_init(&p, 1);
	persona_load(&p, st);
	CHECK_INT(p.tone, PERSONA_TERSE);
	/* casual */
	for (i = 0; i < 8; i++) {
		persona_observe(st, "hey, what did i do yesterday? thx!");
	}
	CHECK_INT(persona_learned_tone(st), PERSONA_WARM);
	/* an explicit tone wins over what was learned */
	store_persona_set(st, "tone", "plain");
	persona_load(&p, st);
	CHECK_INT(p.tone, PERSONA_PLAIN);
}

static void test_chattiness_steps(void)
{
	struct buf out = BUF_INIT, v = BUF_INIT;

	reopen();
	CHECK_INT(persona_adjust_chattiness(st, -1, &out), 0);
	CHECK(strstr(buf_str(&out), "quiet") != NULL);
	store_persona_get(st, "chattiness", &v);
	CHECK_STR(buf_str(&v), "quiet");
	buf_reset(&out);
	CHECK_INT(persona_adjust_chattiness(st, -1, &out), 1);
	CHECK(strstr(buf_str(&out), "already") != NULL);
	buf_reset(&out);
	CHECK_INT(persona_adjust_chattiness(st, 1, &out), 0);
	CHECK_INT(persona_adjust_chattiness(st, 1, &out), 0);
	buf_reset(&v);
	store_persona_get(st, "chattiness", &v);
	CHECK_STR(buf_str(&v), "chatty");
	buf_release(&out);
	buf_release(&v);
}

static void test_names(void)
{
	struct buf out = BUF_INIT;
	struct persona p;

	reopen();
	CHECK_INT(persona_set_name(st, "user", "Theo", &out), 0);
	CHECK_STR(buf_str(&out), "hersh: nice to meet you, Theo");
	buf_reset(&out);
	CHECK_INT(persona_set_name(st, "name", "Sam", &out), 0);
	CHECK_STR(buf_str(&out), "Sam: ok, I'm Sam now");
	buf_reset(&out);
	CHECK_INT(persona_set_name(st, "name", "", &out), 1);
	CHECK_INT(persona_set_name(st, "name", "a\nb", &out), 1);
	persona_init(&p, 1);
	persona_load(&p, st);
	CHECK_STR(p.name, "Sam");
	buf_release(&out);
}

static void test_greeting(void)
{
	struct persona p;
	struct persona_since since;
	struct buf out = BUF_INIT;
	int64_t morning = 1794046980;	/* 2026-11-07T10:23:00, Saturday */

	persona_init(&p, 1);
	memset(&since, 0, sizeof(since));
	since.last_login = morning - 3 * 86400;
	/* nothing happened: nothing said */
	CHECK(!persona_greeting(&p, morning, &since, &out));
	CHECK_INT(out.len, 0);
	since.new_mail = 2;
	since.mail_top = "Amy: Dinner on Friday?";
	CHECK(persona_greeting(&p, morning, &since, &out));
	CHECK_STR(buf_str(&out), "hersh: Good morning. Since Wednesday: 2 "
		  "new messages (Amy: Dinner on Friday?).");
	strcpy(p.user, "Theo");
	p.tone = PERSONA_TERSE;
	buf_reset(&out);
	since.new_mail = 0;
	since.failed = "make release";
	since.failed_ms = 725000;
	CHECK(persona_greeting(&p, morning + 9 * 3600, &since, &out));
	CHECK_STR(buf_str(&out), "hersh: Evening. Since Wednesday: `make "
		  "release` failed after 12m05s.");
	buf_release(&out);
}

int main(void)
{
	char side[64];
	int fd = mkstemp(path);

	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	unsetenv("HERSH_SEED");
	TEST_RUN(test_defaults_and_settings);
	TEST_RUN(test_seed_makes_phrasing_deterministic);
	TEST_RUN(test_tone_follows_the_user);
	TEST_RUN(test_chattiness_steps);
	TEST_RUN(test_names);
	TEST_RUN(test_greeting);
	store_close(st);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	return test_summary();
}
