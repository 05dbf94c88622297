/*
 * spool.h - events kept on disk while the companion daemon is away.
 *
 * The spool is one file, $XDG_STATE_HOME/hersh/spool (mode 0600, in the
 * private state directory), shared by every hersh of the user.  It holds
 * complete protocol frames (proto.h) back to back, exactly as they would
 * have gone on the socket; each frame carries its session and sequence
 * number, so the daemon can tell a resent event from a new one.  Writers
 * and the reader serialise with flock(2); each frame is appended with one
 * write(2), so a crash leaves at most a torn last frame, which the reader
 * drops.  The file never grows past SPOOL_MAX bytes: past that, new
 * events are dropped (and counted in spool_dropped()).
 */
#ifndef HERSH_SPOOL_H
#define HERSH_SPOOL_H

#include <stddef.h>

struct buf;

#define SPOOL_MAX (16 * 1024 * 1024)

/*
 * Appends whole frames (n bytes of them, back to back) with one write:
 * as many as fit.  0, or -1 (errno) if any was not kept.
 */
int spool_append(const void *frames, size_t n);

/*
 * Moves every complete frame in the spool to the end of out and empties
 * the spool.  Returns the number of frames taken (0 when there is no
 * spool) or -1.  The caller owns the frames from then on: if it cannot
 * deliver them, it appends them again.
 */
int spool_take(struct buf *out);

/* Events this process could not spool (spool full or unwritable). */
unsigned long spool_dropped(void);

#endif
