/*
 * suggest.h - whether and what the companion suggests at a prompt, and
 * what it learns from the user's reactions.  See docs/suggestions.md.
 *
 * The server feeds it every command the shells report (suggest_command),
 * asks it what to say when a shell is about to draw a prompt
 * (suggest_prompt) and hands it the shells' FEEDBACK (suggest_feedback).
 *
 * The daemon's own rules, from its memory: a long command that just
 * finished (how long, whether it failed), new mail (sender and subject;
 * senders whose mail stays unread sink), a long line typed again and
 * again (an alias for hershrc, proposed once), care (a session running
 * for hours, the memory file past its limit), and the login greeting.
 * The shell's own rules (typo, fix, disk space) run in the shell
 * (shell/suggest.c); the daemon tells it which of them the policy allows
 * and records them when the shell reports them.  Every prompt also gets
 * the likely next commands here, for the shell's ghost text (recall).
 *
 * Whether to speak is the learned policy's call (policy.h); the words are
 * the persona's (persona.h).  Settings come from the store at each prompt,
 * so `companion set`, mutes and the ask engine's changes apply at once.
 */
#ifndef HERSH_SUGGEST_H
#define HERSH_SUGGEST_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

struct store;
struct store_command;
struct suggest;

/* Default for `companion set long-command` (seconds). */
#define SUGGEST_LONG_DEFAULT 30
/* Default for `companion set memory-limit` (MiB). */
#define SUGGEST_MEMORY_LIMIT_DEFAULT 512
/* Commands after a suggestion in which taking it counts. */
#define SUGGEST_WINDOW 3
/* Ghost-text candidates sent per prompt. */
#define SUGGEST_NEXT_MAX 6

/* A suggestion engine over st; seed for the policy and the phrasing. */
struct suggest *suggest_new(struct store *st, uint64_t seed);
/* Saves the learned policy and frees.  NULL does nothing. */
void suggest_free(struct suggest *sg);

/*
 * A command was reported: started (ended false) or ended (ended true,
 * status and duration set).  cmd->line is already redacted.
 */
void suggest_command(struct suggest *sg, const struct store_command *cmd,
		     bool ended);

/*
 * Session is about to draw a prompt at now (local seconds): appends the
 * NOTE text (the line to show, if any, then the fields of
 * include/hersh/suggestion.h) to note.  Returns 0, or a negative store
 * error (note then holds what could be made).
 */
int suggest_prompt(struct suggest *sg, const char *session, int64_t now,
		   struct buf *note);

/*
 * FEEDBACK from session: suggestion is a daemon id (> 0) or a negated
 * kind for the shell's own suggestions; outcome an enum proto_outcome.
 * FEEDBACK(-SUGGESTION_LOGIN, 0) asks for a greeting at the next prompt.
 */
int suggest_feedback(struct suggest *sg, const char *session,
		     int64_t suggestion, int outcome, int64_t now);

/* ---- control verbs ------------------------------------------------------- */

/* `companion why`: the last suggestion's rule, evidence and score. */
int suggest_why(struct suggest *sg, struct buf *out);
/* `companion mute KIND` / `unmute KIND` ("all" for every kind). */
int suggest_mute(struct suggest *sg, const char *kind, bool mute,
		 int64_t now, struct buf *out);

/*
 * "stop", "no more of these": refuses the suggestion shown last (within
 * the last half hour) and mutes its kind.  Needs only the store, for the
 * ask engine.  0 done, 1 nothing to refuse (out says so).
 */
int suggest_refuse_last(struct store *st, int64_t now, struct buf *out);

/* Whether key is one of the suggestion settings (long-command,
 * memory-limit) that `companion set` accepts. */
bool suggest_is_setting(const char *key);
/* Checks and saves a suggestion setting ("30s", "2m"; "512M", "1G"). */
int suggest_set(struct store *st, const char *key, const char *value,
		struct buf *out);

/* ---- for tests and the simulator ------------------------------------------ */

/* The engine's policy (owned by sg). */
struct policy *suggest_policy(struct suggest *sg);
/*
 * The kind, context and rule confidence of the suggestion shown last
 * (daemon's or shell's).  Returns false when none was shown yet.
 */
bool suggest_last_shown(struct suggest *sg, int *kind, char *ctx,
			size_t size, double *confidence);

#endif
