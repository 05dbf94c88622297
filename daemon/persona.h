/*
 * persona.h - the companion's voice: its name, the user's name, how
 * chatty it is, and a tone that follows the user's own.
 *
 * State lives in the store's persona table (name, user, chattiness,
 * tone: what `companion set` changes and `companion status` shows) and,
 * for what the persona learns by itself, in the state table ("tone.stats":
 * how long and how casual the user's own questions are).  Without an
 * explicit tone, a user who writes tersely gets terse phrasing and one who
 * writes casually ("hey, thx!") a warmer voice.
 *
 * Phrasing varies between a few variants per message.  The choice comes
 * from a generator seeded by HERSH_SEED when it is set (tests), so the
 * same seed and the same conversation give the same words.
 *
 * For the ask engine: persona_adjust_chattiness() ("be quieter", "talk
 * more"), persona_set_name() ("call yourself Sam", "call me Theo") and
 * persona_observe() (every question asked) are the calls to make; each
 * writes a one-line reply in the persona's voice.
 */
#ifndef HERSH_PERSONA_H
#define HERSH_PERSONA_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

#include "policy.h"

struct store;

#define PERSONA_NAME_MAX 64

/* The voice actually used. */
enum persona_tone {
	PERSONA_TERSE = 0,	/* fewest words */
	PERSONA_PLAIN = 1,	/* plain sentences (the default) */
	PERSONA_WARM = 2,	/* casual and friendly, uses the user's name */
};

struct persona {
	char name[PERSONA_NAME_MAX + 1];	/* the companion's ("hersh") */
	char user[PERSONA_NAME_MAX + 1];	/* the user's, "" = unknown */
	enum policy_chattiness chattiness;
	enum persona_tone tone;		/* in effect */
	bool tone_set;			/* chosen by the user, not learned */
	uint64_t rng;			/* phrasing variety */
};

/* What a message says; each has variants per tone. */
enum persona_phrase {
	PERSONA_MAIL,		/* %1 "2 new messages", %2 "Amy: Dinner" */
	PERSONA_LONG_OK,	/* %1 command, %2 duration */
	PERSONA_LONG_FAIL,	/* %1 command, %2 duration, %3 status */
	PERSONA_ALIAS,		/* %1 times typed, %2 line for hershrc */
	PERSONA_CARE_HOURS,	/* %1 hours */
	PERSONA_CARE_MEMORY,	/* %1 file size, %2 limit */
	PERSONA_MUTED,		/* %1 kind */
	PERSONA_UNMUTED,	/* %1 kind */
	PERSONA_QUIETER,	/* %1 new chattiness */
	PERSONA_CHATTIER,	/* %1 new chattiness */
	PERSONA_PHRASES
};

/* Defaults (hersh, normal, plain) and a phrasing generator from seed. */
void persona_init(struct persona *p, uint64_t seed);
/* Reads the settings and the learned tone from the store.  0 or error;
 * p keeps its defaults for what is missing. */
int persona_load(struct persona *p, struct store *st);

/*
 * Appends the message in p's voice: %n is the name, %u ", USER" when the
 * user's name is known (warm tone only), %1..%3 the arguments (NULL for
 * "").  The text starts with "NAME: ".
 */
void persona_say(struct persona *p, struct buf *out,
		 enum persona_phrase what, const char *a1, const char *a2,
		 const char *a3);

/* Things worth a greeting at login, gathered by suggest.c. */
struct persona_since {
	int64_t last_login;	/* 0 = first login */
	int new_mail;		/* unread mails since */
	const char *mail_top;	/* "Amy: Dinner on Friday?" or NULL */
	const char *failed;	/* a long command that failed, or NULL */
	int64_t failed_ms;	/* how long it ran */
};
/*
 * The login greeting: time of day, the user's name, what happened since
 * the last login.  Appends nothing and returns false when nothing
 * happened that is worth saying.
 */
bool persona_greeting(struct persona *p, int64_t now,
		      const struct persona_since *since, struct buf *out);

/* "4m12s", "1h05m", "38s" for a duration in milliseconds. */
void persona_duration(struct buf *out, int64_t ms);

/* ---- for the ask engine and the control verbs -------------------------- */

/*
 * Learns from text the user wrote (a question): words per message and how
 * casual it reads, as a moving average in the state table.
 */
int persona_observe(struct store *st, const char *text);
/* The tone the statistics suggest (no explicit setting involved). */
enum persona_tone persona_learned_tone(struct store *st);

/*
 * "be quieter" (delta < 0) or "talk more" (delta > 0): moves chattiness
 * one step (quiet, normal, chatty), saves it, and appends the reply.
 * Returns 0, or 1 when already at the end (the reply says so).
 */
int persona_adjust_chattiness(struct store *st, int delta, struct buf *out);
/*
 * "call yourself Sam" (key "name") / "call me Theo" (key "user"): checks
 * and saves the name and appends the reply.  0 done, 1 refused.
 */
int persona_set_name(struct store *st, const char *key, const char *value,
		     struct buf *out);

/* HERSH_SEED as a number when set, else something different each run. */
uint64_t persona_seed(void);

#endif
