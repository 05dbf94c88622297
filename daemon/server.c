/*
 * server.c - accept, peer check, per-client buffers, dispatch (see
 * server.h and docs/protocol.md).
 */
#include <errno.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/proto.h>

#include "ask.h"
#include "clock.h"
#include "control.h"
#include "import.h"
#include "log.h"
#include "loop.h"
#include "persona.h"
#include "redact.h"
#include "server.h"
#include "store.h"
#include "suggest.h"

/* Bytes read per read(2); a client's input buffer holds one frame more. */
#define SERVER_READ 65536
/* Reads per wakeup before giving other clients a turn. */
#define SERVER_READS_PER_TURN 16
/* Export pages are made while less than this is waiting to be sent. */
#define SERVER_EXPORT_LOW (256 * 1024)
#define SERVER_EXPORT_PAGE 512
/* Import issues sent per import; the rest are only counted. */
#define SERVER_ISSUES_MAX 100
/*
 * Events wait this long for their commit (and so for their ACK), or
 * until a request, a client's end or this many more events: a commit
 * (WAL frames, a new FTS segment) costs more than recording, and must
 * not compete with the shell drawing its prompt.  The shells keep what
 * is not acknowledged, so a crash in between loses nothing.
 */
#define SERVER_COMMIT_MS 250
#define SERVER_COMMIT_EVENTS 4096

struct client {
	struct server *srv;
	int fd;
	uid_t uid;
	pid_t pid;
	struct buf in;		/* unread bytes, at most one frame + a read */
	struct buf out;		/* bytes to send from out_off */
	size_t out_off;
	bool hello;		/* HELLO received */
	bool closing;		/* close once out is sent */
	bool dead;		/* closed; free after the callback */
	int64_t events;		/* events handled (the ACK count) */
	int64_t acked;		/* events already acknowledged */
	char session[96];	/* from HELLO: whose prompts these are */
	struct buf prompt;	/* the last H_LATEST frame (PROMPT) of this read */
	struct import *import;	/* an import in progress */
	int64_t import_issues;	/* issues sent for it */
	bool exporting;		/* an export in progress */
	int64_t export_id;	/* CONTROL id to answer when done */
	int64_t export_time;	/* (time, seq) of the last event sent */
	int64_t export_seq;
	int64_t export_count;
	struct client *next;
	struct client *prev;
};

struct server {
	struct loop *loop;
	struct store *st;
	int listen_fd;
	int64_t started;
	bool paused;		/* recording paused (cached state) */
	struct suggest *sug;	/* what to say at prompts (suggest.h) */
	server_cwd_fn *cwd_hook;	/* main.c: the watcher learns dirs */
	void *cwd_ctx;
	server_status_fn *status_hook;	/* main.c: watcher/worker status */
	void *status_ctx;
	struct client *clients;
	int nclients;
	struct loop_timer *commit_timer;	/* armed while events wait */
	int commit_ms;		/* SERVER_COMMIT_MS, or $HERSHD_COMMIT_MS */
	int64_t uncommitted;	/* events since the last commit */
	uint64_t rollbacks;	/* store_rollbacks() at the last commit */
};

enum server_flag {
	H_BEFORE_HELLO = 1 << 0,	/* only as the first message */
	H_EVENT = 1 << 1,		/* recorded, counted for ACK */
	H_IMPORTING = 1 << 2,		/* only during an import */
	/* answered inside the open batch of events: the reply does not
	 * wait for their commit (the ACK still comes only after it) */
	H_URGENT = 1 << 3,
	/* of several in one read, only the last is answered: the shell
	 * that sent a newer one has dropped the older (see client_read) */
	H_LATEST = 1 << 4,
};

typedef int server_fn(struct client *c, const struct proto_msg *m);

static server_fn server_hello, server_cmd_start, server_cmd_end,
	server_prompt, server_ask, server_feedback, server_control,
	server_import_data;

/* The dispatch table: what a shell may send, and when. */
static const struct server_handler {
	enum proto_type type;
	server_fn *fn;
	unsigned flags;
} server_handlers[] = {
	{ PROTO_HELLO, server_hello, H_BEFORE_HELLO },
	{ PROTO_CMD_START, server_cmd_start, H_EVENT },
	{ PROTO_CMD_END, server_cmd_end, H_EVENT },
	{ PROTO_PROMPT, server_prompt, H_URGENT | H_LATEST },
	{ PROTO_ASK, server_ask, 0 },
	{ PROTO_FEEDBACK, server_feedback, H_EVENT },
	{ PROTO_CONTROL, server_control, 0 },
	{ PROTO_IMPORT_DATA, server_import_data, H_IMPORTING },
};

static void server_client_io(struct loop *l, int fd, unsigned events,
			     void *data);

/* ---- output ------------------------------------------------------------ */

static void client_close(struct client *c)
{
	struct server *srv = c->srv;

	if (c->dead) {
		return;
	}
	c->dead = true;
	loop_del_fd(srv->loop, c->fd);
	close(c->fd);
	if (c->import != NULL) {
		/* an import cut short: its memory goes back below */
		import_free(c->import);
		c->import = NULL;
		malloc_trim(0);
	}
	if (c->prev != NULL) {
		c->prev->next = c->next;
	} else {
		srv->clients = c->next;
	}
	if (c->next != NULL) {
		c->next->prev = c->prev;
	}
	srv->nclients--;
}

static void client_free(struct client *c)
{
	buf_release(&c->prompt);
	buf_release(&c->in);
	buf_release(&c->out);
	free(c);
}

/* Sends what the socket takes now; false when the connection is broken.
 * Never closes (see client_flush). */
static bool client_write(struct client *c)
{
	ssize_t w;

	while (c->out_off < c->out.len) {
		w = send(c->fd, c->out.data + c->out_off,
			 c->out.len - c->out_off, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0) {
			if (errno == EINTR) {
				continue;
			}
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				break;
			}
			return false;
		}
		c->out_off += (size_t)w;
	}
	return true;
}

/* Writes what the socket takes; watches for writability if more is left. */
static void client_flush(struct client *c)
{
	if (!client_write(c)) {
		client_close(c);
		return;
	}
	if (c->out_off == c->out.len) {
		buf_reset(&c->out);
		c->out_off = 0;
		if (c->closing) {
			client_close(c);
			return;
		}
	} else if (c->out_off > SERVER_OUT_MAX / 2) {
		memmove(c->out.data, c->out.data + c->out_off,
			c->out.len - c->out_off);
		buf_truncate(&c->out, c->out.len - c->out_off);
		c->out_off = 0;
	}
	loop_mod_fd(c->srv->loop, c->fd, c->out.len > c->out_off ?
		    LOOP_READ | LOOP_WRITE : LOOP_READ);
}

/* Queues a message; drops a client that stopped reading. */
static void client_send(struct client *c, const struct proto_msg *m)
{
	int rc;

	if (c->dead) {
		return;
	}
	rc = proto_encode(&c->out, m);
	if (rc < 0 || c->out.len - c->out_off > SERVER_OUT_MAX) {
		error_f("pid %ld: %s; dropping client", (long)c->pid,
			rc < 0 ? proto_strerror(rc) : "output not read");
		client_close(c);
	}
}

static void client_send_text(struct client *c, enum proto_type type,
			     int64_t id, int64_t code, const char *text)
{
	struct proto_msg m;

	proto_msg_init(&m, type);
	proto_set_int(&m, 0, id);
	proto_set_int(&m, 1, code);
	proto_set_str(&m, 2, text);
	client_send(c, &m);
}

/* Sends ERROR and closes the connection once it is written. */
static void client_error(struct client *c, int code, const char *text)
{
	struct proto_msg m;

	proto_msg_init(&m, PROTO_ERROR);
	proto_set_int(&m, PROTO_ERROR_CODE, code);
	proto_set_str(&m, PROTO_ERROR_TEXT, text);
	client_send(c, &m);
	c->closing = true;
}

/* ---- events -------------------------------------------------------------- */

static int server_hello(struct client *c, const struct proto_msg *m)
{
	if (m->f[PROTO_HELLO_VERSION].i != PROTO_VERSION) {
		client_error(c, PROTO_EVERSION, "protocol version 1 only");
		return 0;
	}
	c->hello = true;
	/* suggestions glue: PROMPT carries no session, HELLO does */
	snprintf(c->session, sizeof(c->session), "%s",
		 m->f[PROTO_HELLO_SESSION].s);
	if (c->srv->paused) {
		return 0;
	}
	if (store_add_session(c->srv->st, m->f[PROTO_HELLO_SESSION].s,
			      m->f[PROTO_HELLO_TTY].s,
			      m->f[PROTO_HELLO_PID].i, clock_now()) < 0) {
		error_f("%s", store_errmsg(c->srv->st));
	}
	return 0;
}

/*
 * Records a command from CMD_START (has_status false) or CMD_END: lines
 * starting with a space are dropped, the rest redacted first.
 */
static int server_command(struct client *c, const char *session,
			  int64_t seq, int64_t time, const char *cwd,
			  const char *line, size_t len,
			  const int64_t *status, int64_t duration_ms)
{
	struct store_command cmd;
	bool changed, added = false;
	char *clean;
	int rc;

	if (c->srv->paused || redact_skip_line(line) || line[0] == '\0') {
		return 0;
	}
	clean = redact_line(line, len, &changed);
	if (clean == NULL) {
		return -1;
	}
	memset(&cmd, 0, sizeof(cmd));
	cmd.time = time;
	cmd.cwd = cwd;
	cmd.line = clean;
	cmd.session = session;
	if (status == NULL) {
		rc = store_add_command(c->srv->st, &cmd, seq);
	} else {
		cmd.has_status = true;
		cmd.status = *status < 0 || *status > 65535 ? 255 :
			     (int)*status;
		cmd.duration_ms = duration_ms < 0 ? 0 : duration_ms;
		rc = store_end_command(c->srv->st, &cmd, seq);
	}
	/* suggestions glue: the engine follows each session's commands */
	if (rc >= 0) {
		suggest_command(c->srv->sug, &cmd, status != NULL);
	}
	if (rc > 0) {
		store_last_command(c->srv->st, &added);
	}
	/* a live command's directory is one the user works in: watch it
	 * (from its start, or from its end when that came alone) */
	if (rc > 0 && (status == NULL || added) && cwd != NULL &&
	    cwd[0] == '/' && c->srv->cwd_hook != NULL) {
		c->srv->cwd_hook(c->srv->cwd_ctx, cwd);
	}
	free(clean);
	return rc < 0 ? -1 : 0;
}

static int server_cmd_start(struct client *c, const struct proto_msg *m)
{
	return server_command(c, m->f[PROTO_CMD_START_SESSION].s,
			      m->f[PROTO_CMD_START_SEQ].i,
			      m->f[PROTO_CMD_START_TIME].i,
			      m->f[PROTO_CMD_START_CWD].s,
			      m->f[PROTO_CMD_START_LINE].s,
			      m->f[PROTO_CMD_START_LINE].len, NULL, 0);
}

static int server_cmd_end(struct client *c, const struct proto_msg *m)
{
	return server_command(c, m->f[PROTO_CMD_END_SESSION].s,
			      m->f[PROTO_CMD_END_SEQ].i,
			      m->f[PROTO_CMD_END_TIME].i,
			      m->f[PROTO_CMD_END_CWD].s,
			      m->f[PROTO_CMD_END_LINE].s,
			      m->f[PROTO_CMD_END_LINE].len,
			      &m->f[PROTO_CMD_END_STATUS].i,
			      m->f[PROTO_CMD_END_DURATION].i);
}

/*
 * The user's reaction to a suggestion, or the shell reporting one of its
 * own (negative ids; see include/hersh/suggestion.h).  Nothing is learned
 * while recording is paused.
 */
static int server_feedback(struct client *c, const struct proto_msg *m)
{
	if (c->srv->paused || c->srv->sug == NULL) {
		return 0;
	}
	/* a shell that has run nothing yet may not have named its session:
	 * then it is the one that said HELLO */
	return suggest_feedback(c->srv->sug,
				m->f[PROTO_FEEDBACK_SESSION].s[0] != '\0' ?
				m->f[PROTO_FEEDBACK_SESSION].s : c->session,
				m->f[PROTO_FEEDBACK_SUGGESTION].i,
				(int)m->f[PROTO_FEEDBACK_OUTCOME].i,
				clock_now()) < 0 ? -1 : 0;
}

/* ---- requests ------------------------------------------------------------ */

/*
 * What to say before the prompt: the suggestion engine decides (one line
 * at most, plus the fields of include/hersh/suggestion.h).  Nothing while
 * recording is paused.  Its store writes go in one transaction.
 */
static int server_prompt(struct client *c, const struct proto_msg *m)
{
	struct store *st = c->srv->st;
	struct buf text = BUF_INIT;
	struct proto_msg r;

	buf_init(&text, PROTO_FRAME_MAX / 2);
	if (!c->srv->paused && c->srv->sug != NULL) {
		/* what it writes is committed with the events (client_read) */
		if (store_begin(st) < 0 ||
		    suggest_prompt(c->srv->sug, c->session, clock_now(),
				   &text) < 0) {
			error_f("suggest: %s", store_errmsg(st));
		}
		if (text.err) {
			buf_reset(&text);
		}
	}
	proto_msg_init(&r, PROTO_NOTE);
	proto_set_int(&r, PROTO_NOTE_ID, m->f[PROTO_PROMPT_ID].i);
	proto_set_str(&r, PROTO_NOTE_TEXT, buf_str(&text));
	client_send(c, &r);
	buf_release(&text);
	return 0;
}

static int server_ask(struct client *c, const struct proto_msg *m)
{
	struct buf answer = BUF_INIT;
	struct proto_msg r;
	int64_t now = m->f[PROTO_ASK_NOW].i;
	int code;

	buf_init(&answer, PROTO_FRAME_MAX / 2);
	/* persona glue: the user's own words teach the companion's tone */
	if (!c->srv->paused) {
		persona_observe(c->srv->st, m->f[PROTO_ASK_QUESTION].s);
	}
	code = ask_answer(c->srv->st, m->f[PROTO_ASK_QUESTION].s,
			  (time_t)(now > 0 ? now : clock_now()), &answer);
	if (answer.err) {
		buf_reset(&answer);
		buf_puts(&answer, "That answer was too long to send.");
		code = ASK_NOT_UNDERSTOOD;
	}
	proto_msg_init(&r, PROTO_ANSWER);
	proto_set_int(&r, PROTO_ANSWER_ID, m->f[PROTO_ASK_ID].i);
	proto_set_int(&r, PROTO_ANSWER_CODE, code);
	proto_set_bytes(&r, PROTO_ANSWER_TEXT, answer.data, answer.len);
	client_send(c, &r);
	buf_release(&answer);
	return 0;
}

static void server_import_issue(int64_t line, const char *why, void *arg)
{
	struct client *c = arg;
	struct proto_msg m;

	if (c->import_issues++ >= SERVER_ISSUES_MAX) {
		return;
	}
	proto_msg_init(&m, PROTO_IMPORT_ISSUE);
	proto_set_int(&m, PROTO_IMPORT_ISSUE_LINE, line);
	proto_set_str(&m, PROTO_IMPORT_ISSUE_REASON, why);
	client_send(c, &m);
}

static int server_import_data(struct client *c, const struct proto_msg *m)
{
	if (import_feed(c->import, m->f[PROTO_IMPORT_DATA_CHUNK].s,
			m->f[PROTO_IMPORT_DATA_CHUNK].len) < 0) {
		import_free(c->import);
		c->import = NULL;
		client_error(c, PROTO_ENOMEM, "import too large: split the "
			     "file");
	}
	return 0;
}

static void server_import_end(struct client *c, int64_t id, struct buf *text)
{
	const struct import_summary *s;
	int64_t n;
	int code = 0;

	n = import_commit(c->import, c->srv->st);
	s = import_summary(c->import);
	if (n < 0) {
		buf_printf(text, "import failed, nothing imported: %s",
			   n == IMPORT_NOMEM ? "too large" :
			   store_errmsg(c->srv->st));
		code = 1;
	} else {
		buf_printf(text, "imported %lld events (%lld commands, "
			   "%lld file events, %lld mails)", (long long)n,
			   (long long)s->commands, (long long)s->files,
			   (long long)s->mails);
		if (s->known > 0) {
			buf_printf(text, "; %lld already in memory",
				   (long long)s->known);
		}
		if (s->bad > 0) {
			buf_printf(text, "; %lld bad line%s skipped",
				   (long long)s->bad, s->bad == 1 ? "" : "s");
		}
		if (s->private_lines > 0) {
			buf_printf(text, "; %lld private command%s not "
				   "recorded", (long long)s->private_lines,
				   s->private_lines == 1 ? "" : "s");
		}
		if (s->unknown > 0) {
			buf_printf(text, "; %lld event%s of unknown type "
				   "ignored", (long long)s->unknown,
				   s->unknown == 1 ? "" : "s");
		}
		info_f("%s", buf_str(text));
	}
	import_free(c->import);
	c->import = NULL;
	/* an import holds its events until the commit: give that memory
	 * back now, or the daemon stays as large as its biggest import */
	malloc_trim(0);
	client_send_text(c, PROTO_RESULT, id, code, buf_str(text));
}

/* Appends one event to the export chunk, sending full chunks. */
struct server_export {
	struct client *c;
	struct buf chunk;
};

static void server_export_send(struct server_export *x)
{
	struct proto_msg m;

	if (x->chunk.len == 0) {
		return;
	}
	proto_msg_init(&m, PROTO_EXPORT_DATA);
	proto_set_bytes(&m, PROTO_EXPORT_DATA_CHUNK, x->chunk.data,
			x->chunk.len);
	client_send(x->c, &m);
	buf_reset(&x->chunk);
}

static int server_export_event(const struct store_event *ev, void *arg)
{
	struct server_export *x = arg;
	struct client *c = x->c;

	import_emit(&x->chunk, ev);
	if (x->chunk.err) {
		return -1;
	}
	c->export_time = ev->kind == STORE_KIND_COMMAND ? ev->cmd.time :
			 ev->kind == STORE_KIND_FILE ? ev->file.time :
			 ev->mail.time;
	c->export_seq = ev->seq;
	c->export_count++;
	if (x->chunk.len >= PROTO_CHUNK) {
		server_export_send(x);
	}
	return 0;
}

/* Sends export pages while the client keeps up. */
static void server_export_pump(struct client *c)
{
	struct server_export x;
	struct buf text = BUF_INIT;
	int n;

	x.c = c;
	buf_init(&x.chunk, PROTO_FRAME_MAX / 2);
	while (c->exporting && !c->dead &&
	       c->out.len - c->out_off < SERVER_EXPORT_LOW) {
		n = store_events_after(c->srv->st, c->export_time,
				       c->export_seq, SERVER_EXPORT_PAGE,
				       server_export_event, &x);
		server_export_send(&x);
		if (n < 0) {
			c->exporting = false;
			client_send_text(c, PROTO_RESULT, c->export_id, 1,
					 "export failed");
		} else if (n < SERVER_EXPORT_PAGE) {
			c->exporting = false;
			buf_printf(&text, "exported %lld events",
				   (long long)c->export_count);
			client_send_text(c, PROTO_RESULT, c->export_id, 0,
					 buf_str(&text));
		}
	}
	buf_release(&x.chunk);
	buf_release(&text);
}

/* The suggestion verbs: why, mute KIND, unmute KIND, quieter, chattier
 * (suggest.h, persona.h). */
static int server_suggest_verb(struct client *c, const char *verb,
			       const char *arg, int64_t now, struct buf *text)
{
	if (c->srv->sug == NULL) {
		buf_puts(text, "suggestions unavailable");
		return 1;
	}
	if (strcmp(verb, "why") == 0) {
		return suggest_why(c->srv->sug, text);
	}
	if (strcmp(verb, "quieter") == 0 || strcmp(verb, "chattier") == 0) {
		return persona_adjust_chattiness(c->srv->st,
						 verb[0] == 'q' ? -1 : 1, text);
	}
	return suggest_mute(c->srv->sug, arg, verb[0] == 'm', now, text);
}

static int server_control(struct client *c, const struct proto_msg *m)
{
	struct store *st = c->srv->st;
	const char *verb = m->f[PROTO_CONTROL_VERB].s;
	const char *arg = m->f[PROTO_CONTROL_ARG].s;
	int64_t id = m->f[PROTO_CONTROL_ID].i, now = m->f[PROTO_CONTROL_NOW].i;
	struct buf text = BUF_INIT;
	int code = 0;

	if (now <= 0) {
		now = clock_now();
	}
	if (c->exporting || (c->import != NULL &&
			     strcmp(verb, "import-end") != 0 &&
			     strcmp(verb, "import-abort") != 0)) {
		code = 1;
		buf_puts(&text, "busy with an import or export");
	} else if (strcmp(verb, "status") == 0) {
		code = control_status(st, c->srv->started, &text);
		if (c->srv->status_hook != NULL) {
			c->srv->status_hook(c->srv->status_ctx, &text);
		}
	} else if (strcmp(verb, "forget") == 0) {
		code = control_forget(st, arg, now, &text);
	} else if (strcmp(verb, "pause") == 0 || strcmp(verb, "resume") == 0) {
		code = control_pause(st, verb[0] == 'p', &text);
		if (code == 0) {
			c->srv->paused = verb[0] == 'p';
		}
	} else if (strcmp(verb, "set") == 0) {
		code = control_set(st, arg, m->f[PROTO_CONTROL_ARG2].s, &text);
	} else if (strcmp(verb, "why") == 0 || strcmp(verb, "mute") == 0 ||
		   strcmp(verb, "unmute") == 0 || strcmp(verb, "quieter") == 0 ||
		   strcmp(verb, "chattier") == 0) {
		code = server_suggest_verb(c, verb, arg, now, &text);
	} else if (strcmp(verb, "import") == 0) {
		c->import = import_new(server_import_issue, c);
		c->import_issues = 0;
		code = c->import == NULL;
		buf_puts(&text, code ? "out of memory" : "ready");
	} else if (strcmp(verb, "import-end") == 0 && c->import != NULL) {
		server_import_end(c, id, &text);
		buf_release(&text);
		return 0;
	} else if (strcmp(verb, "import-abort") == 0 && c->import != NULL) {
		import_free(c->import);
		c->import = NULL;
		buf_puts(&text, "import abandoned, nothing imported");
	} else if (strcmp(verb, "export") == 0) {
		c->exporting = true;
		c->export_id = id;
		c->export_time = INT64_MIN;
		c->export_seq = INT64_MIN;
		c->export_count = 0;
		server_export_pump(c);
		buf_release(&text);
		return 0;
	} else if (strcmp(verb, "stop") == 0) {
		info_f("stopping at the request of pid %ld", (long)c->pid);
		buf_puts(&text, "hershd stopping");
		client_send_text(c, PROTO_RESULT, id, 0, buf_str(&text));
		client_flush(c);
		loop_stop(c->srv->loop);
		buf_release(&text);
		return 0;
	} else {
		code = 1;
		buf_printf(&text, "unknown verb '%s'", verb);
	}
	client_send_text(c, PROTO_RESULT, id, code, buf_str(&text));
	buf_release(&text);
	return 0;
}

/* ---- input --------------------------------------------------------------- */

static const struct server_handler *server_handler(int type)
{
	size_t i;

	for (i = 0; i < sizeof(server_handlers) / sizeof(server_handlers[0]);
	     i++) {
		if ((int)server_handlers[i].type == type) {
			return &server_handlers[i];
		}
	}
	return NULL;
}

/* Acknowledges the events handled so far (after they were committed). */
static void client_ack(struct client *c)
{
	struct proto_msg m;

	if (c->events == c->acked) {
		return;
	}
	proto_msg_init(&m, PROTO_ACK);
	proto_set_int(&m, PROTO_ACK_COUNT, c->events);
	client_send(c, &m);
	c->acked = c->events;
}

/*
 * Commits the open batch of events (every client's) and acknowledges
 * them.  Events a rollback threw away since the last commit are never
 * acknowledged: their clients are hung up on, and send them again (the
 * shells spool what was not acknowledged).
 */
static int server_commit(struct server *srv)
{
	struct client *c;
	bool lost;
	int rc = 0;

	if (srv->commit_timer != NULL) {
		loop_del_timer(srv->loop, srv->commit_timer);
		srv->commit_timer = NULL;
	}
	if (store_in_transaction(srv->st) && store_commit(srv->st) < 0) {
		error_f("commit: %s", store_errmsg(srv->st));
		rc = -1;
	}
	lost = store_rollbacks(srv->st) != srv->rollbacks;
	srv->rollbacks = store_rollbacks(srv->st);
	srv->uncommitted = 0;
	for (c = srv->clients; c != NULL; c = c->next) {
		if (c->events == c->acked || c->dead) {
			continue;
		}
		if (lost) {
			/* its own callback sees the hang-up and closes */
			info_f("pid %ld: events lost in a rollback; hanging up "
			       "so that they are sent again", (long)c->pid);
			shutdown(c->fd, SHUT_RDWR);
			c->acked = c->events;
			continue;
		}
		client_ack(c);
		/* the ACK goes now if the socket takes it, else when the
		 * client's own callback sees it writable */
		if (!c->dead && (!client_write(c) || c->out_off < c->out.len)) {
			loop_mod_fd(srv->loop, c->fd, LOOP_READ | LOOP_WRITE);
		}
	}
	return rc;
}

static void server_commit_due(struct loop *l, void *data)
{
	struct server *srv = data;

	srv->commit_timer = NULL;	/* freed after this returns */
	server_commit(srv);
}

/* After a read: the events it left in the open transaction are
 * committed soon, or now when many are waiting. */
static void server_commit_later(struct server *srv)
{
	if (!store_in_transaction(srv->st)) {
		return;
	}
	if (srv->uncommitted >= SERVER_COMMIT_EVENTS) {
		server_commit(srv);
	} else if (srv->commit_timer == NULL) {
		srv->commit_timer = loop_add_timer(srv->loop, srv->commit_ms,
						   server_commit_due, srv);
		if (srv->commit_timer == NULL) {
			server_commit(srv);	/* out of memory: now */
		}
	}
}

/* Checks and runs one decoded message. */
static int client_dispatch(struct client *c, const struct proto_msg *m)
{
	const struct server_handler *h = server_handler(m->type);

	if (h == NULL || ((h->flags & H_BEFORE_HELLO) != 0) == c->hello ||
	    ((h->flags & H_IMPORTING) && c->import == NULL)) {
		client_error(c, PROTO_EORDER, "message not allowed now");
		return -1;
	}
	if (h->flags & H_EVENT) {
		if (!store_in_transaction(c->srv->st) &&
		    store_begin(c->srv->st) < 0) {
			error_f("begin: %s", store_errmsg(c->srv->st));
			return -1;
		}
		if (h->fn(c, m) < 0) {
			error_f("%s: %s", proto_type_name(m->type),
				store_errmsg(c->srv->st));
			store_rollback(c->srv->st);
			return -1;
		}
		c->events++;
		c->srv->uncommitted++;
		return 0;
	}
	/* a request sees (and a forget or export works on) what was
	 * recorded before it */
	if (!(h->flags & H_URGENT) && server_commit(c->srv) < 0) {
		return -1;
	}
	return h->fn(c, m);
}

/* Handles every whole frame in c->in. */
static int client_frames(struct client *c)
{
	const struct server_handler *h;
	struct proto_msg m;
	size_t off = 0, len;
	int rc = 0;

	while (!c->closing && !c->dead) {
		rc = proto_frame_check(c->in.data + off, c->in.len - off, &len);
		if (rc == PROTO_EAGAIN) {
			rc = 0;
			break;
		}
		if (rc == 0) {
			rc = proto_decode(c->in.data + off, len, &m);
		}
		if (rc < 0) {
			info_f("pid %ld: %s", (long)c->pid,
			       proto_strerror(rc));
			client_error(c, rc, proto_strerror(rc));
			break;
		}
		h = server_handler(m.type);
		if (h != NULL && (h->flags & H_LATEST) && c->hello) {
			/* kept, answered after the rest (client_prompt) */
			buf_reset(&c->prompt);
			buf_append(&c->prompt, c->in.data + off, len);
			off += len;
			proto_msg_release(&m);
			continue;
		}
		off += len;
		rc = client_dispatch(c, &m);
		proto_msg_release(&m);
		if (rc < 0) {
			c->closing = true;
			break;
		}
	}
	if (off > 0 && !c->dead) {
		memmove(c->in.data, c->in.data + off, c->in.len - off);
		buf_truncate(&c->in, c->in.len - off);
	}
	return rc;
}

/* Answers the last PROMPT of the read (H_LATEST), after its events. */
static void client_prompt(struct client *c)
{
	struct proto_msg m;

	if (c->prompt.len == 0 || c->closing || c->dead) {
		return;
	}
	if (proto_decode(c->prompt.data, c->prompt.len, &m) == 0) {
		if (client_dispatch(c, &m) < 0) {
			c->closing = true;
		}
		proto_msg_release(&m);
	}
	buf_reset(&c->prompt);
}

static void client_read(struct client *c)
{
	ssize_t r;
	int turns;

	for (turns = 0; turns < SERVER_READS_PER_TURN && !c->dead &&
	     !c->closing; turns++) {
		if (buf_reserve(&c->in, SERVER_READ) < 0) {
			client_error(c, PROTO_ENOMEM, "out of memory");
			break;
		}
		r = recv(c->fd, c->in.data + c->in.len, SERVER_READ,
			 MSG_DONTWAIT);
		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			break;
		}
		if (r <= 0) {
			/* the shell is leaving: its last events now, and
			 * their ACK before the connection closes */
			server_commit(c->srv);
			client_close(c);
			return;
		}
		c->in.len += (size_t)r;
		c->in.data[c->in.len] = '\0';
		client_frames(c);
		if (r < SERVER_READ) {
			break;	/* drained (epoll says when there is more) */
		}
	}
	if (!c->dead) {
		client_prompt(c);
		server_commit_later(c->srv);
	}
}

static void server_client_io(struct loop *l, int fd, unsigned events,
			     void *data)
{
	struct client *c = data;

	if ((events & LOOP_READ) && !c->closing) {
		client_read(c);
	} else if ((events & LOOP_READ) && c->closing) {
		/* the peer is not heard any more; drain and drop */
		char sink[4096];

		if (recv(fd, sink, sizeof(sink), MSG_DONTWAIT) == 0) {
			client_close(c);
		}
	}
	if (!c->dead) {
		client_flush(c);
	}
	/* an export goes on while the socket takes what is made */
	while (!c->dead && c->exporting &&
	       c->out.len - c->out_off < SERVER_EXPORT_LOW) {
		server_export_pump(c);
		if (!c->dead) {
			client_flush(c);
		}
	}
	if (c->dead) {
		client_free(c);
	}
}

/* ---- accept -------------------------------------------------------------- */

static void server_accept(struct loop *l, int fd, unsigned events, void *data)
{
	struct server *srv = data;
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct client *c;
	int cfd, i;

	for (i = 0; i < 64; i++) {
		cfd = accept4(fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (cfd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR) {
				error_f("accept: %s", strerror(errno));
			}
			return;
		}
		if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred,
			       &len) < 0 || cred.uid != getuid()) {
			info_f("refused a client of uid %ld",
			       len == sizeof(cred) ? (long)cred.uid : -1L);
			close(cfd);
			continue;
		}
		if (srv->nclients >= SERVER_CLIENTS_MAX) {
			info_f("too many clients; refused pid %ld",
			       (long)cred.pid);
			close(cfd);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (c == NULL) {
			close(cfd);
			continue;
		}
		c->srv = srv;
		c->fd = cfd;
		c->uid = cred.uid;
		c->pid = cred.pid;
		buf_init(&c->in, PROTO_FRAME_MAX + 4 + SERVER_READ);
		buf_init(&c->out, 0);
		if (loop_add_fd(srv->loop, cfd, LOOP_READ, server_client_io,
				c) < 0) {
			close(cfd);
			free(c);
			continue;
		}
		c->next = srv->clients;
		if (c->next != NULL) {
			c->next->prev = c;
		}
		srv->clients = c;
		srv->nclients++;
		debug_f("client pid %ld", (long)c->pid);
	}
}

int server_listen(const char *path)
{
	struct sockaddr_un addr;
	int fd, saved;

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		return -1;
	}
	if (unlink(path) < 0 && errno != ENOENT) {
		goto fail;
	}
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    chmod(path, 0600) < 0 || listen(fd, 128) < 0) {
		goto fail;
	}
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

struct server *server_new(struct loop *loop, struct store *st, int listen_fd,
			  int64_t started)
{
	struct server *srv = calloc(1, sizeof(*srv));

	if (srv == NULL) {
		return NULL;
	}
	srv->loop = loop;
	srv->st = st;
	srv->listen_fd = listen_fd;
	srv->started = started;
	srv->paused = control_paused(st);
	/* tests set the commit delay (1 ms .. 1 h) */
	srv->commit_ms = SERVER_COMMIT_MS;
	if (getenv("HERSHD_COMMIT_MS") != NULL &&
	    atoi(getenv("HERSHD_COMMIT_MS")) > 0 &&
	    atoi(getenv("HERSHD_COMMIT_MS")) <= 3600000) {
		srv->commit_ms = atoi(getenv("HERSHD_COMMIT_MS"));
	}
	srv->sug = suggest_new(st, persona_seed());
	if (srv->sug == NULL) {
		free(srv);
		return NULL;
	}
	if (loop_add_fd(loop, listen_fd, LOOP_READ, server_accept, srv) < 0) {
		suggest_free(srv->sug);
		free(srv);
		return NULL;
	}
	return srv;
}

void server_free(struct server *srv)
{
	struct client *c;

	if (srv == NULL) {
		return;
	}
	server_commit(srv);
	while ((c = srv->clients) != NULL) {
		client_close(c);
		client_free(c);
	}
	loop_del_fd(srv->loop, srv->listen_fd);
	suggest_free(srv->sug);
	free(srv);
}

void server_set_cwd_hook(struct server *srv, server_cwd_fn *fn, void *ctx)
{
	srv->cwd_hook = fn;
	srv->cwd_ctx = ctx;
}

void server_set_status_hook(struct server *srv, server_status_fn *fn,
			    void *ctx)
{
	srv->status_hook = fn;
	srv->status_ctx = ctx;
}

bool server_paused(const struct server *srv)
{
	return srv->paused;
}
