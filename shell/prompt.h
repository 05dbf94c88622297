/*
 * prompt.h - PS1/PS2/PS4 expansion: the backslash escapes people know
 * from bash, then POSIX parameter expansion.
 */
#ifndef HERSH_PROMPT_H
#define HERSH_PROMPT_H

#include <stdbool.h>

struct shell;

/*
 * Expands a prompt string.  Escapes: \u user, \h host (to the first '.'),
 * \H host, \w $PWD with $HOME as ~, \W its last component, \$ '#' for root
 * else '$', \t HH:MM:SS, \T 12-hour, \@ am/pm, \A HH:MM, \d "Tue May 26",
 * \n newline, \s shell name, \v version, \j number of jobs? (not kept: 0),
 * \e ESC, \a BEL, \\ backslash, \nnn octal, \[ \] around non-printing
 * sequences (given to readline as \001 \002 when for_readline, dropped
 * otherwise).  Then parameter, command and arithmetic expansion as POSIX
 * asks of PS1.  When plain is true (TERM=dumb, or not a terminal), escape
 * sequences are removed from the result.  Returns an arena string.
 */
char *prompt_expand(struct shell *sh, const char *ps, bool for_readline,
		    bool plain);

/* Removes ESC sequences (CSI, OSC, two-byte) and other control
 * characters except \n, \t, \001 and \002 from s, in place. */
void prompt_strip_escapes(char *s);

#endif
