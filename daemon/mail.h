/*
 * mail.h - new mail and its read state, from mbox files and Maildirs,
 * followed with inotify (no polling).
 *
 * Mailboxes.  mail_add_from_env() takes what a shell would check: $MAIL
 * and the colon-separated $MAILPATH (mbox files; a "%message" or
 * "?message" suffix is dropped), else /var/mail/$USER, and ~/Maildir with
 * its Maildir++ folders (".Lists" is the folder "Lists").  The spool
 * file ($MAIL) and ~/Maildir are the mailbox "INBOX"; other mbox files
 * are named by their base name.
 *
 * Reporting.  Each message is reported once through the sink's message
 * callback (From, Subject, Date as local seconds, mailbox, read state, a
 * stable ident); at start every message present is reported, so the
 * receiver must drop idents it already has and take the read state of
 * those (with the store: when store_add_mail() returns 0, call
 * store_set_mail_read()).  Later changes of read state come through the
 * read callback.  At most MAIL_SCAN_MAX messages per Maildir folder are
 * read at start (the newest); the others are only followed.
 *
 * Read state.  Maildir: a message in cur/ whose name has the S flag
 * after ":2," is read; one in new/, or without S, is not; a rename (new
 * to cur, a flag change) is followed by the message's unique name.
 * mbox: "R" in the Status: header means read.  An mbox that only grew
 * is read from where the last read stopped; one that shrank, was
 * replaced or was rewritten in place (a mail client saving flags) is
 * read again from the start, and messages whose read state changed are
 * reported.
 *
 * Idents: "maildir:UNIQUE" for Maildir messages, "mbox:MAILBOX:<Message-ID>"
 * (or a hash of the From line and headers when there is none) for mbox.
 *
 * Headers are parsed with mailparse.c; the bytes are read here.
 * Errors: functions returning int give 0 or -1 with errno set.
 */
#ifndef HERSH_MAIL_H
#define HERSH_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

struct loop;
struct mail;
struct worker;

/* Mailboxes followed at most. */
#define MAIL_BOXES_MAX 32
/* Messages read per Maildir folder at start. */
#define MAIL_SCAN_MAX 2000
/* Messages whose read state is remembered per mailbox. */
#define MAIL_KNOWN_MAX 200000
/* Header bytes read from a Maildir message. */
#define MAIL_READ_MAX (128 * 1024)

/* One message; strings are valid during the callback only. */
struct mail_msg {
	int64_t time;		/* local seconds: its Date:, else delivery */
	const char *from;	/* "Name <addr>", may be "" */
	const char *subject;	/* may be "" */
	const char *mailbox;	/* "INBOX", a folder or file name */
	bool read;
	const char *ident;
};

struct mail_sink {
	void (*message)(void *ctx, const struct mail_msg *m);
	void (*read)(void *ctx, const char *ident, bool read);
	/* optional: called with true before a group of reports (a scan, a
	 * batch of events) and with false after it, never nested */
	void (*batch)(void *ctx, bool begin);
	void *ctx;
};

/*
 * Creates the reader: an inotify fd (IN_CLOEXEC | IN_NONBLOCK) on loop,
 * and a short timer per burst of mbox writes.  loop may be NULL (tests:
 * call mail_handle_events() and mail_flush()).  NULL with errno set.
 */
struct mail *mail_new(struct loop *loop, const struct mail_sink *sink);
/* NULL does nothing. */
void mail_free(struct mail *m);

/*
 * Follows the mbox file at path as mailbox name.  The file need not
 * exist yet (its directory must).  Its messages are reported now.
 */
int mail_add_mbox(struct mail *m, const char *path, const char *name);
/* Follows the Maildir at dir (with cur/ and new/) as mailbox name; its
 * messages are reported now. */
int mail_add_maildir(struct mail *m, const char *dir, const char *name);
/*
 * Adds the mailboxes of the environment (see above): mail and mailpath
 * are $MAIL and $MAILPATH (either NULL), user is $USER (for
 * /var/mail/$USER when both are unset, may be NULL), home is $HOME.
 * Returns the number of mailboxes added.
 */
int mail_add_from_env(struct mail *m, const char *mail, const char *mailpath,
		      const char *user, const char *home);

/*
 * Has header blocks parsed by w (a worker.h worker, on which
 * mailparse_worker_parse() is registered for WORKER_MAIL_HEADERS) instead
 * of in this process; NULL parses here again.  A header the worker fails
 * on (crash, deadline, quarantine, a reply that does not decode) gives a
 * message with empty From and Subject: it is never parsed here instead.
 */
void mail_set_worker(struct mail *m, struct worker *w);

int mail_fd(const struct mail *m);
/* Reads and handles what inotify has queued.  Raw events handled or -1. */
int mail_handle_events(struct mail *m);
/* Reads now the mbox files that changed (normally a timer does). */
void mail_flush(struct mail *m);

/* Appends one line for `companion status`. */
void mail_status(const struct mail *m, struct buf *out);

#endif
