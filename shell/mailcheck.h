/*
 * mailcheck.h - the POSIX mail check of interactive shells (XCU 2.5.3,
 * MAIL, MAILCHECK, MAILPATH): before a primary prompt, at most every
 * $MAILCHECK seconds (default 600; 0: every prompt), the shell says so
 * when a mailbox it watches has changed and holds mail.
 */
#ifndef HERSH_MAILCHECK_H
#define HERSH_MAILCHECK_H

struct shell;

/* Checks the mailboxes if it is time; prints on stderr. */
void mail_check(struct shell *sh);

#endif
