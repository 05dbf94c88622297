/*
 * server.h - the daemon's side of the protocol: the listening socket,
 * one state per connected shell, and the dispatch of every message.
 *
 * Each accepted connection is checked with SO_PEERCRED and closed at once
 * unless its uid is the daemon's.  A client's bytes are framed with
 * proto_frame_check() (the length is checked before any allocation) and
 * decoded with proto_decode(); a malformed frame gets an ERROR and the
 * connection is closed.  Messages go through a table with per-message
 * flags (must follow HELLO, is an acknowledged event, only during an
 * import) -- see docs/protocol.md.
 *
 * Events (CMD_START, CMD_END, FEEDBACK) read in one go are written in one
 * transaction, then acknowledged with ACK carrying the number of events
 * handled on the connection so far, so the shell knows what it may drop
 * and what it must spool if the daemon dies.
 *
 * Output to a client is buffered and written as the socket accepts it;
 * a client whose unread output passes SERVER_OUT_MAX is dropped, and an
 * export is produced page by page only as fast as the client reads it.
 */
#ifndef HERSH_SERVER_H
#define HERSH_SERVER_H

#include <stdbool.h>
#include <stdint.h>

struct loop;
struct store;
struct server;

#define SERVER_CLIENTS_MAX 256
#define SERVER_OUT_MAX (8 * 1024 * 1024)

/*
 * Creates and binds the listening socket at path (unlinking a stale one:
 * the caller holds the single-instance lock), mode 0600.  Returns the fd
 * (CLOEXEC, non-blocking) or -1 with errno set.
 */
int server_listen(const char *path);

/*
 * Serves listen_fd on loop, recording into st.  started is the daemon's
 * start time (time(NULL)) for `companion status`.  Returns NULL when out
 * of memory.  The server does not own st, loop or listen_fd.
 */
struct server *server_new(struct loop *loop, struct store *st, int listen_fd,
			  int64_t started);
/* Closes every client connection and frees the server.  NULL: nothing. */
void server_free(struct server *srv);

/* Hooks main.c sets to wire the watchers in: */
struct buf;
/* Called with the working directory of each live command that starts
 * (not for imports), while recording is on: the directories to watch. */
typedef void server_cwd_fn(void *ctx, const char *cwd);
void server_set_cwd_hook(struct server *srv, server_cwd_fn *fn, void *ctx);
/* Called to append lines of its own to `companion status`. */
typedef void server_status_fn(void *ctx, struct buf *out);
void server_set_status_hook(struct server *srv, server_status_fn *fn,
			    void *ctx);
/* Is recording paused (`companion pause`)?  Watchers record nothing then. */
bool server_paused(const struct server *srv);

#endif
