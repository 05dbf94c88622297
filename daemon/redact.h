/*
 * redact.h - mask secrets in command lines before the daemon stores them.
 *
 * A command line reported by the shell may carry a password, a token or a
 * key.  Before anything is written to the memory file, the daemon passes
 * the line through redact_line(), which replaces each secret value with
 * REDACT_MARKER and leaves every other byte as it was, so the command stays
 * recognisable:
 *
 *	mysql -u root -psecret db      ->  mysql -u root -p<redacted> db
 *	export GITHUB_TOKEN=ghp_...    ->  export GITHUB_TOKEN=<redacted>
 *	git clone https://u:pw@host/r  ->  git clone https://u:<redacted>@host/r
 *
 * The rules (assignments to secret-named variables, password options,
 * URL credentials, Authorization headers, well-known token shapes, private
 * key blocks, tool-specific options such as mysql -p) are listed in
 * docs/redaction.md together with their known limits.
 *
 * Guarantees, for any input bytes (binary, invalid UTF-8, NUL bytes, lines
 * of any length):
 *   - no crash, no read outside [line, line + len), time linear in len;
 *   - only secret values change: each maximal masked run of bytes becomes
 *     exactly one REDACT_MARKER, everything else is copied byte for byte;
 *   - an existing REDACT_MARKER is never masked again, and redacting a
 *     redacted line changes nothing: redact(redact(x)) == redact(x);
 *   - the module depends on libc only, keeps no state and is thread-safe.
 */
#ifndef HERSH_REDACT_H
#define HERSH_REDACT_H

#include <stdbool.h>
#include <stddef.h>

/* What a masked secret becomes: ASCII, no shell-special meaning in quotes. */
#define REDACT_MARKER "<redacted>"

/*
 * Returns a newly malloc'd, NUL-terminated copy of the len bytes at line
 * with every secret value replaced by REDACT_MARKER; the caller frees it.
 * line need not be NUL-terminated and may be NULL when len is 0.  When
 * changed is not NULL, *changed is set to whether the copy differs from
 * the input.  Returns NULL only when memory runs out (then *changed is
 * false).  Embedded NUL bytes are copied like any other byte, so a caller
 * that must keep them uses redact_buf() to learn the length.
 */
char *redact_line(const char *line, size_t len, bool *changed);

/*
 * Like redact_line(), and when out_len is not NULL sets *out_len to the
 * length of the result, not counting its terminating NUL.
 */
char *redact_buf(const char *line, size_t len, size_t *out_len,
	bool *changed);

/*
 * Returns true when the line must not be recorded at all: it starts with
 * a space character, the HISTCONTROL=ignorespace convention of bash and
 * zsh's HIST_IGNORE_SPACE.  NULL and "" return false.
 */
bool redact_skip_line(const char *line);

#endif
