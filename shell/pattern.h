/*
 * pattern.h - shell pattern matching (XCU 2.13) for expand.c: pathname
 * expansion and the ${x%p} ${x%%p} ${x#p} ${x##p} trims.
 *
 * Patterns are in the form expand_pattern() returns: a backslash makes the
 * next character literal.  pattern_match() and pattern_has_magic() are
 * declared in expand.h and implemented in pattern.c.
 */
#ifndef HERSH_PATTERN_H
#define HERSH_PATTERN_H

#include <stddef.h>

struct strvec;

enum pattern_trim_how {
	PATTERN_PREFIX,		/* ${x#p}: shortest matching prefix */
	PATTERN_PREFIX_MAX,	/* ${x##p}: longest matching prefix */
	PATTERN_SUFFIX,		/* ${x%p}: shortest matching suffix */
	PATTERN_SUFFIX_MAX,	/* ${x%%p}: longest matching suffix */
};

/*
 * Pathname expansion of pat (XCU 2.13.3): appends the matching path names,
 * sorted, as arena strings to out.  Returns how many were appended (0 when
 * nothing matched; the caller then keeps the word).
 */
size_t pattern_glob(const char *pat, struct strvec *out);

/*
 * Removes the prefix or suffix of s[0..len) (s NUL-terminated at len) that
 * pat matches, the shortest or the longest as how says.  The rest is
 * s[*off .. *off + *n).  Candidate cut points are character boundaries in
 * a multibyte locale.
 */
void pattern_trim(const char *pat, const char *s, size_t len,
		  enum pattern_trim_how how, size_t *off, size_t *n);

#endif
