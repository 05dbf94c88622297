/*
 * expand.h - word expansions (XCU 2.6): tilde, parameter, command
 * substitution, arithmetic, field splitting, pathname expansion, quote
 * removal.
 *
 * All results live in the expansion arena (arena.h); the caller holds a
 * mark around the command.  On an expansion error (${x?}, set -u, a bad
 * arithmetic expression, a readonly ${x=}) a message has been printed,
 * sh_fatal() has been called, and the functions return -1 / NULL.
 */
#ifndef HERSH_EXPAND_H
#define HERSH_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

struct shell;
struct word;

/* A growable, NULL-terminated vector of arena strings. */
struct strvec {
	char **v;
	size_t n;
	size_t cap;
};

void strvec_push(struct strvec *sv, char *s);

/*
 * Expands command words: all expansions, field splitting, pathname
 * expansion (unless set -f) and quote removal.  Appends the fields to out
 * (out->v stays NULL-terminated).  0 or -1.
 */
int expand_words(struct shell *sh, struct word **words, size_t n,
		 struct strvec *out);

enum expand_flag {
	/* assignment value: tilde expansion after '=' and each unquoted ':'
	 * too (XCU 2.6.1) */
	EXPAND_ASSIGN = 1 << 0,
	/* a here-document body: no tilde expansion */
	EXPAND_HEREDOC = 1 << 1,
	/* a whole NAME=value word (operand of export, readonly, local):
	 * tilde expansion after the first '=' and each unquoted ':' */
	EXPAND_DECL = 1 << 2,
};

/*
 * Expands one word to one string, with no field splitting and no pathname
 * expansion (assignment values, redirection targets, the case word,
 * here-document bodies).  "$@" joins with the first character of IFS, as
 * dash does.  Returns an arena string or NULL on error.
 */
char *expand_string(struct shell *sh, struct word *w, int flags);

/*
 * Expands a word used as a pattern (case patterns, ${x#p}): like
 * expand_string(), but characters that came from quoted text or quoted
 * expansions are backslash-escaped, so the result can be given to
 * fnmatch(3) with flags 0 and quoted '*' matches only '*'.
 */
char *expand_pattern(struct shell *sh, struct word *w);

/* pattern_has_magic() and pattern_match() live in pattern.c. */

/* Is there an unquoted pattern character in s (as returned by
 * expand_pattern)?  Used to skip fnmatch for plain strings. */
bool pattern_has_magic(const char *s);
/* fnmatch(pattern, s, 0) == 0, with shell pattern rules (XCU 2.13). */
bool pattern_match(const char *pattern, const char *s);

/* Expands the prompt string ps (parameter, command and arithmetic
 * expansion, as POSIX asks of PS1).  Returns an arena string. */
char *expand_prompt(struct shell *sh, const char *ps);

#endif
