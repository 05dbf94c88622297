/*
 * persona.c - the companion's voice (see persona.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "persona.h"
#include "store.h"

#define PERSONA_VARIANTS 3
/* Weight of a new message in the tone averages. */
#define PERSONA_EMA 0.2

/*
 * [phrase][tone][variant]; NULL ends a list.  Backquotes mark commands,
 * as in the rest of hersh's messages.
 */
static const char *const persona_text[PERSONA_PHRASES][3][PERSONA_VARIANTS] = {
	[PERSONA_MAIL] = {
		{ "%n: %1 — %2", NULL },
		{ "%n: %1 — %2", "%n: you have %1 — %2", NULL },
		{ "%n: %1%u — %2", "%n: mail%u! %1 — %2",
		  "%n: %1 for you — %2" },
	},
	[PERSONA_LONG_OK] = {
		{ "%n: `%1` done, %2", NULL },
		{ "%n: `%1` finished after %2", "%n: `%1` took %2", NULL },
		{ "%n: `%1` is done%u — it took %2",
		  "%n: all done with `%1` (%2)", NULL },
	},
	[PERSONA_LONG_FAIL] = {
		{ "%n: `%1` failed (%3), %2", NULL },
		{ "%n: `%1` failed with status %3 after %2",
		  "%n: `%1` ran %2 and failed (status %3)", NULL },
		{ "%n: sorry%u — `%1` failed (status %3) after %2",
		  "%n: uh-oh, `%1` failed after %2 (status %3)", NULL },
	},
	[PERSONA_ALIAS] = {
		{ "%n: typed %1 times; for hershrc: %2", NULL },
		{ "%n: you typed that %1 times — add to your hershrc: %2",
		  "%n: %1 times now; a line for your hershrc: %2", NULL },
		{ "%n: that's %1 times%u! how about, in your hershrc: %2",
		  "%n: %1 times already — save typing with: %2", NULL },
	},
	[PERSONA_CARE_HOURS] = {
		{ "%n: %1 hours in this session", NULL },
		{ "%n: this session has run %1 hours — time for a break?",
		  "%n: %1 hours at it; a short break might help", NULL },
		{ "%n: %1 hours already%u — stretch your legs?",
		  "%n: you've been at it %1 hours%u; tea break?", NULL },
	},
	[PERSONA_CARE_MEMORY] = {
		{ "%n: memory file %1 (limit %2)", NULL },
		{ "%n: my memory file is %1, past its limit of %2 — "
		  "`companion forget` can trim it", NULL },
		{ "%n: my memory file has grown to %1 (limit %2)%u — "
		  "`companion forget` can trim it", NULL },
	},
	[PERSONA_MUTED] = {
		{ "%n: %1 suggestions off", NULL },
		{ "%n: no more %1 suggestions (`companion unmute %1` "
		  "brings them back)", NULL },
		{ "%n: got it%u — no more %1 suggestions "
		  "(`companion unmute %1` brings them back)", NULL },
	},
	[PERSONA_UNMUTED] = {
		{ "%n: %1 suggestions on", NULL },
		{ "%n: %1 suggestions are back on", NULL },
		{ "%n: ok%u, %1 suggestions are back", NULL },
	},
	[PERSONA_QUIETER] = {
		{ "%n: chattiness %1", NULL },
		{ "%n: I'll be quieter (chattiness %1)", NULL },
		{ "%n: sure%u, I'll keep it down (chattiness %1)", NULL },
	},
	[PERSONA_CHATTIER] = {
		{ "%n: chattiness %1", NULL },
		{ "%n: I'll speak up more (chattiness %1)", NULL },
		{ "%n: happy to%u — chattiness %1", NULL },
	},
};

static const char *const persona_levels[] = { "quiet", "normal", "chatty" };

uint64_t persona_seed(void)
{
	const char *s = getenv("HERSH_SEED");

	if (s != NULL && s[0] != '\0') {
		return strtoull(s, NULL, 10) * 0x9e3779b97f4a7c15ull + 1;
	}
	return (uint64_t)time(NULL) * 0x2545f4914f6cdd1dull ^
	       (uint64_t)getpid();
}

void persona_init(struct persona *p, uint64_t seed)
{
	memset(p, 0, sizeof(*p));
	strcpy(p->name, "hersh");
	p->chattiness = POLICY_NORMAL;
	p->tone = PERSONA_PLAIN;
	p->rng = seed | 1;
}

/* Copies the persona setting key into dst when set. */
static int persona_get(struct store *st, const char *key, char *dst,
		       size_t size)
{
	struct buf v = BUF_INIT;
	int rc = store_persona_get(st, key, &v);

	if (rc > 0 && v.len > 0 && v.len < size) {
		memcpy(dst, v.data, v.len);
		dst[v.len] = '\0';
	}
	buf_release(&v);
	return rc;
}

int persona_load(struct persona *p, struct store *st)
{
	char v[PERSONA_NAME_MAX + 1] = "";
	int i;

	if (persona_get(st, "name", p->name, sizeof(p->name)) < 0) {
		return -1;
	}
	persona_get(st, "user", p->user, sizeof(p->user));
	if (persona_get(st, "chattiness", v, sizeof(v)) > 0) {
		for (i = 0; i < 3; i++) {
			if (strcmp(v, persona_levels[i]) == 0) {
				p->chattiness = (enum policy_chattiness)i;
			}
		}
	}
	v[0] = '\0';
	p->tone_set = persona_get(st, "tone", v, sizeof(v)) > 0;
	if (p->tone_set) {
		p->tone = strcmp(v, "plain") == 0 ? PERSONA_PLAIN :
			  PERSONA_WARM;	/* friendly, playful */
	} else {
		p->tone = persona_learned_tone(st);
	}
	return 0;
}

/* xorshift64*: the phrasing generator. */
static uint64_t persona_next(struct persona *p)
{
	p->rng ^= p->rng >> 12;
	p->rng ^= p->rng << 25;
	p->rng ^= p->rng >> 27;
	return p->rng * 0x2545f4914f6cdd1dull;
}

void persona_say(struct persona *p, struct buf *out,
		 enum persona_phrase what, const char *a1, const char *a2,
		 const char *a3)
{
	const char *const *v = persona_text[what][p->tone];
	const char *args[3] = { a1, a2, a3 }, *s;
	size_t n = 0;

	while (n < PERSONA_VARIANTS && v[n] != NULL) {
		n++;
	}
	s = v[n > 1 ? persona_next(p) % n : 0];
	for (; *s != '\0'; s++) {
		if (*s != '%' || s[1] == '\0') {
			buf_putc(out, *s);
			continue;
		}
		s++;
		if (*s == 'n') {
			buf_puts(out, p->name);
		} else if (*s == 'u') {
			if (p->user[0] != '\0' && p->tone == PERSONA_WARM) {
				buf_printf(out, ", %s", p->user);
			}
		} else if (*s >= '1' && *s <= '3') {
			buf_puts(out, args[*s - '1'] ? args[*s - '1'] : "");
		} else {
			buf_putc(out, *s);
		}
	}
}

void persona_duration(struct buf *out, int64_t ms)
{
	int64_t s = ms / 1000;

	if (s >= 3600) {
		buf_printf(out, "%lldh%02lldm", (long long)(s / 3600),
			   (long long)(s % 3600 / 60));
	} else if (s >= 60) {
		buf_printf(out, "%lldm%02llds", (long long)(s / 60),
			   (long long)(s % 60));
	} else {
		buf_printf(out, "%llds", (long long)s);
	}
}

bool persona_greeting(struct persona *p, int64_t now,
		      const struct persona_since *since, struct buf *out)
{
	static const char *const days[] = {
		"Thursday", "Friday", "Saturday", "Sunday", "Monday",
		"Tuesday", "Wednesday",
	};
	int hour = (int)((now % 86400 + 86400) % 86400 / 3600);
	const char *part = hour < 5 ? "evening" : hour < 12 ? "morning" :
			   hour < 18 ? "afternoon" : "evening";
	int64_t gap = now - since->last_login;
	bool any = false;

	if (since->new_mail <= 0 && since->failed == NULL) {
		return false;
	}
	buf_printf(out, "%s: ", p->name);
	if (p->tone == PERSONA_TERSE) {
		buf_printf(out, "%c%s", toupper((unsigned char)part[0]),
			   part + 1);
	} else {
		buf_printf(out, "Good %s", part);
	}
	if (p->user[0] != '\0' && p->tone != PERSONA_TERSE) {
		buf_printf(out, ", %s", p->user);
	}
	buf_puts(out, ". ");
	if (since->last_login > 0 && gap >= 86400) {
		/* 1970-01-01 was a Thursday */
		buf_printf(out, "Since %s: ",
			   days[(since->last_login / 86400 % 7 + 7) % 7]);
	} else if (since->last_login > 0) {
		buf_puts(out, "Since you were last here: ");
	}
	if (since->new_mail > 0) {
		buf_printf(out, "%d new message%s", since->new_mail,
			   since->new_mail == 1 ? "" : "s");
		if (since->mail_top != NULL) {
			buf_printf(out, " (%s)", since->mail_top);
		}
		any = true;
	}
	if (since->failed != NULL) {
		buf_printf(out, "%s`%s` failed after ", any ? "; " : "",
			   since->failed);
		persona_duration(out, since->failed_ms);
	}
	buf_putc(out, '.');
	return true;
}

/* ---- learning the user's tone ---------------------------------------------- */

static const char *const persona_casual[] = {
	"hey", "hi", "hiya", "yo", "thanks", "thx", "ty", "pls", "plz",
	"please", "lol", "haha", "u", "ya", "gonna", "wanna", "cool",
	"awesome", "cheers", "mate", "buddy", "dude", "hello", "heya", NULL,
};

static bool persona_is_casual(const char *w)
{
	const char *const *c;

	for (c = persona_casual; *c != NULL; c++) {
		if (strcmp(*c, w) == 0) {
			return true;
		}
	}
	return false;
}

/* Reads "n words casual" from the state table. */
static void persona_stats(struct store *st, double *n, double *words,
			  double *casual)
{
	struct buf v = BUF_INIT;

	*n = 0;
	*words = 0;
	*casual = 0;
	if (store_state_get(st, "tone.stats", &v) > 0 &&
	    sscanf(buf_str(&v), "%lf %lf %lf", n, words, casual) != 3) {
		*n = 0;
	}
	buf_release(&v);
}

int persona_observe(struct store *st, const char *text)
{
	double n, words, casual, w = 0, c = 0;
	char word[32], line[96];
	size_t k = 0;
	const char *s;

	persona_stats(st, &n, &words, &casual);
	for (s = text;; s++) {
		if (*s != '\0' && (isalnum((unsigned char)*s) || *s == '\'')) {
			if (k + 1 < sizeof(word)) {
				word[k++] = (char)tolower((unsigned char)*s);
			}
			continue;
		}
		if (k > 0) {
			word[k] = '\0';
			w++;
			c += persona_is_casual(word) ? 1 : 0;
			k = 0;
		}
		if (*s == '!' || (*s == ':' && (s[1] == ')' || s[1] == 'D'))) {
			c += 0.5;
		}
		if (*s == '\0') {
			break;
		}
	}
	if (w == 0) {
		return 0;
	}
	c = c > 0 ? 1.0 : 0.0;	/* casual or not, per message */
	if (n < 1) {
		words = w;
		casual = c;
	} else {
		words += PERSONA_EMA * (w - words);
		casual += PERSONA_EMA * (c - casual);
	}
	snprintf(line, sizeof(line), "%.0f %.3f %.3f", n + 1, words, casual);
	return store_state_set(st, "tone.stats", line) < 0 ? -1 : 0;
}

enum persona_tone persona_learned_tone(struct store *st)
{
	double n, words, casual;

	persona_stats(st, &n, &words, &casual);
	if (n < 3) {
		return PERSONA_PLAIN;
	}
	if (casual >= 0.4) {
		return PERSONA_WARM;
	}
	if (words <= 4.0) {
		return PERSONA_TERSE;
	}
	return PERSONA_PLAIN;
}

int persona_adjust_chattiness(struct store *st, int delta, struct buf *out)
{
	struct persona p;
	int level;

	persona_init(&p, persona_seed());
	persona_load(&p, st);
	level = (int)p.chattiness + (delta < 0 ? -1 : 1);
	if (level < POLICY_QUIET || level > POLICY_CHATTY) {
		buf_printf(out, "%s: I'm already as %s as I get", p.name,
			   delta < 0 ? "quiet" : "chatty");
		return 1;
	}
	if (store_persona_set(st, "chattiness", persona_levels[level]) < 0) {
		buf_printf(out, "%s: cannot save: %s", p.name,
			   store_errmsg(st));
		return 1;
	}
	persona_say(&p, out, delta < 0 ? PERSONA_QUIETER : PERSONA_CHATTIER,
		    persona_levels[level], NULL, NULL);
	return 0;
}

int persona_set_name(struct store *st, const char *key, const char *value,
		     struct buf *out)
{
	struct persona p;
	size_t n = strlen(value), i;

	if (strcmp(key, "name") != 0 && strcmp(key, "user") != 0) {
		buf_printf(out, "unknown name '%s'", key);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f) {
			n = 0;
		}
	}
	if (n == 0 || n > PERSONA_NAME_MAX) {
		buf_printf(out, "a name is 1 to %d printable characters",
			   PERSONA_NAME_MAX);
		return 1;
	}
	if (store_persona_set(st, key, value) < 0) {
		buf_printf(out, "cannot save: %s", store_errmsg(st));
		return 1;
	}
	persona_init(&p, persona_seed());
	persona_load(&p, st);
	if (strcmp(key, "name") == 0) {
		buf_printf(out, "%s: ok, I'm %s now", p.name, p.name);
	} else if (p.tone == PERSONA_TERSE) {
		buf_printf(out, "%s: ok, %s", p.name, value);
	} else {
		buf_printf(out, "%s: nice to meet you, %s", p.name, value);
	}
	return 0;
}
