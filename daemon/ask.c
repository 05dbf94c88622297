/*
 * ask.c - a placeholder question answerer (see ask.h): it knows who it is
 * and who you are, and admits everything else is beyond it.  The full
 * engine replaces this file behind the same interface.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "ask.h"
#include "store.h"

#define ASK_NAME_MAX 64

/* Lower-cases question into out, turning punctuation into spaces and
 * squeezing runs of spaces ("What's your name?" -> "what s your name"). */
static void ask_normalize(const char *q, struct buf *out)
{
	bool space = true;

	for (; *q != '\0'; q++) {
		unsigned char c = (unsigned char)*q;

		if (isalnum(c) || c >= 0x80) {
			buf_putc(out, (char)tolower(c));
			space = false;
		} else if (!space) {
			buf_putc(out, ' ');
			space = true;
		}
	}
	if (out->len > 0 && out->data[out->len - 1] == ' ') {
		buf_truncate(out, out->len - 1);
	}
}

static bool ask_is(const char *norm, const char *const *forms)
{
	for (; *forms != NULL; forms++) {
		if (strcmp(norm, *forms) == 0) {
			return true;
		}
	}
	return false;
}

/* The persona value for key, or fallback. */
static void ask_persona(struct store *st, const char *key,
			const char *fallback, struct buf *out)
{
	size_t len = out->len;

	if (store_persona_get(st, key, out) <= 0 || out->len == len) {
		buf_truncate(out, len);
		buf_puts(out, fallback);
	}
}

/* "call me X": X as typed (original case), trimmed; false if unusable. */
static bool ask_call_me(const char *q, struct buf *name)
{
	const char *p;
	size_t n;

	while (*q == ' ') {
		q++;
	}
	if (strncasecmp(q, "call me ", 8) != 0) {
		return false;
	}
	p = q + 8;
	while (*p == ' ') {
		p++;
	}
	n = strlen(p);
	while (n > 0 && strchr(" .!?", p[n - 1]) != NULL) {
		n--;
	}
	if (n == 0 || n > ASK_NAME_MAX) {
		return false;
	}
	buf_append(name, p, n);
	return true;
}

int ask_answer(struct store *st, const char *question, time_t now,
	       struct buf *out)
{
	static const char *const your_name[] = {
		"what s your name", "what is your name", "who are you",
		"what are you called", "your name", NULL
	};
	static const char *const my_name[] = {
		"what s my name", "what is my name", "who am i",
		"do you know my name", NULL
	};
	static const char *const greetings[] = {
		"hello", "hi", "hey", "hello there", "hi there", "hey there",
		"good morning", "good afternoon", "good evening", NULL
	};
	struct buf norm = BUF_INIT, name = BUF_INIT;
	int rc = ASK_ANSWERED;

	(void)now;
	ask_normalize(question, &norm);
	if (ask_call_me(question, &name)) {
		if (store_persona_set(st, "user", buf_str(&name)) < 0) {
			buf_puts(out, "Sorry, I couldn't remember that.");
			rc = ASK_NOT_UNDERSTOOD;
		} else {
			buf_printf(out, "OK, I'll call you %s.",
				   buf_str(&name));
		}
	} else if (ask_is(buf_str(&norm), your_name)) {
		buf_puts(out, "I'm ");
		ask_persona(st, "name", "hersh", out);
		buf_putc(out, '.');
	} else if (ask_is(buf_str(&norm), my_name)) {
		if (store_persona_get(st, "user", &name) > 0) {
			buf_printf(out, "You're %s.", buf_str(&name));
		} else {
			buf_puts(out, "I don't know your name yet; "
				 "say \"call me NAME\".");
			rc = ASK_NOT_UNDERSTOOD;
		}
	} else if (ask_is(buf_str(&norm), greetings)) {
		if (store_persona_get(st, "user", &name) > 0) {
			buf_printf(out, "Hello, %s!", buf_str(&name));
		} else {
			buf_puts(out, "Hello!");
		}
	} else {
		buf_puts(out, "Sorry, I don't know how to answer that yet.");
		rc = ASK_NOT_UNDERSTOOD;
	}
	buf_release(&norm);
	buf_release(&name);
	return rc;
}
