/*
 * suggestion.h - what the shell and the daemon agree on about the
 * companion's suggestions: the kinds, and how a NOTE carries more than
 * its one line of text.  See docs/suggestions.md.
 *
 * Kinds.  Every suggestion has one kind; the policy learns per kind (and
 * per context inside a kind).  Some kinds are found by the shell, locally
 * and instantly (typo, fix, the disk part of care, the ghost text of
 * recall); the others by the daemon from its memory (alias, mail, long,
 * care).  The shell tells the daemon about its own suggestions with
 * FEEDBACK events whose suggestion number is the kind negated
 * (-SUGGESTION_TYPO ...); positive numbers are the daemon's own ids.
 * FEEDBACK(-SUGGESTION_LOGIN, 0) is the login shell asking for a greeting
 * at its next prompt.
 *
 * NOTE text.  The text of a NOTE is the line to show, optionally followed
 * by fields, each introduced by SUGGESTION_SEP (U+E000, a private-use
 * character that survives companion_sanitize()) and written KEY=VALUE:
 *
 *	id=N		the daemon's id of the suggestion shown
 *	kind=NAME	its kind
 *	cmd=LINE	the command it proposes (accepted with one key)
 *	want=W1|W2	first words that count as taking it (else cmd)
 *	next=LINE	a likely next command here, best first (repeated)
 *	local=K1,K2	the shell's own kinds the policy allows now
 *	name=NAME	the companion's name
 *
 * Values never contain SUGGESTION_SEP.  A shell that knows nothing of
 * fields would print them; hersh strips them (shell/suggest.c).
 *
 * Shared by both programs: libc only.
 */
#ifndef HERSH_SUGGESTION_H
#define HERSH_SUGGESTION_H

#include <string.h>

enum suggestion_kind {
	SUGGESTION_NONE = 0,
	SUGGESTION_TYPO = 1,	/* command not found: did you mean */
	SUGGESTION_FIX = 2,	/* a failed command with a known fix */
	SUGGESTION_ALIAS = 3,	/* a long line typed again and again */
	SUGGESTION_MAIL = 4,	/* new mail */
	SUGGESTION_LONG = 5,	/* a long command just finished */
	SUGGESTION_RECALL = 6,	/* the usual next command (ghost text) */
	SUGGESTION_CARE = 7,	/* long session, disk full, memory file */
	SUGGESTION_KINDS = 8,	/* number of kinds + 1 */
	SUGGESTION_LOGIN = 100,	/* FEEDBACK only: greet at the next prompt */
};

/* U+E000 in UTF-8: starts each field of a NOTE. */
#define SUGGESTION_SEP "\xee\x80\x80"
#define SUGGESTION_SEP_LEN 3

static const char *const suggestion_kind_names[SUGGESTION_KINDS] = {
	"none", "typo", "fix", "alias", "mail", "long", "recall", "care",
};

/* Name of kind k ("typo"), or "none". */
static inline const char *suggestion_kind_name(int k)
{
	return k > 0 && k < SUGGESTION_KINDS ? suggestion_kind_names[k] :
	       "none";
}

/* The kind called name, or SUGGESTION_NONE. */
static inline int suggestion_kind_parse(const char *name)
{
	int k;

	for (k = 1; k < SUGGESTION_KINDS; k++) {
		if (strcmp(name, suggestion_kind_names[k]) == 0) {
			return k;
		}
	}
	return SUGGESTION_NONE;
}

#endif
