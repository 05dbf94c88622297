/*
 * control.h - the stateless verbs of `companion` (status, forget, pause,
 * resume, set), run by the server on a CONTROL message.  Each appends the
 * reply text (no final newline) to out and returns the RESULT code:
 * 0 done, 1 refused or failed (out says why).  The streaming verbs
 * (import, export) and stop belong to the connection and live in server.c.
 */
#ifndef HERSH_CONTROL_H
#define HERSH_CONTROL_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

struct store;

/* What `companion status` prints; started is the daemon's time(NULL). */
int control_status(struct store *st, int64_t started, struct buf *out);

/*
 * Forgets RANGE as of now (local seconds): "30m", "1h", "2d", "1w"
 * (that long before now until now), "today", "yesterday" (calendar days),
 * "all", or any other text as a search term (store_forget_match()).
 */
int control_forget(struct store *st, const char *range, int64_t now,
		   struct buf *out);

/* Recording off (pause) or on; persisted in the store's state table. */
int control_pause(struct store *st, bool paused, struct buf *out);
/* Whether recording is paused (false when unknown). */
bool control_paused(struct store *st);

/*
 * Sets persona KEY to VALUE after checking both: name and user (1-64
 * printable characters), chattiness (quiet, normal, chatty), tone
 * (plain, friendly, playful).  With an empty key, lists the settings.
 */
int control_set(struct store *st, const char *key, const char *value,
		struct buf *out);

#endif
