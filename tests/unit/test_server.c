/*
 * test_server.c - the daemon's dispatch as a shell sees it, in process: a
 * real store, loop and server, and a client on the unix socket.  Events
 * are acknowledged only after their (grouped) commit; a shell's end
 * commits at once; of several PROMPTs in one read only the last is
 * answered; events a rollback lost are never acknowledged.  The commit
 * delay is set per case ($HERSHD_COMMIT_MS): an hour where no timer may
 * fire, a millisecond where one must, so nothing here hangs on timing.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/proto.h>

#include "log.h"
#include "loop.h"
#include "server.h"
#include "store.h"
#include "test.h"

static char dir[] = "/tmp/hersh-test-server-XXXXXX";
static char sock_path[160];
static struct loop *loop;
static struct store *st;
static struct server *srv;

static void setup(const char *commit_ms)
{
	struct buf err = BUF_INIT;
	char db[160];
	int fd;

	setenv("HERSHD_COMMIT_MS", commit_ms, 1);
	snprintf(db, sizeof(db), "%s/memory.db", dir);
	unlink(db);
	st = store_open(db, &err);
	loop = loop_new();
	fd = server_listen(sock_path);
	CHECK(st != NULL && loop != NULL && fd >= 0);
	srv = server_new(loop, st, fd, 0);
	CHECK(srv != NULL);
	buf_release(&err);
}

static void teardown(void)
{
	server_free(srv);
	store_close(st);
	loop_free(loop);
	srv = NULL;
	st = NULL;
	loop = NULL;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int client(void)
{
	struct sockaddr_un addr;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	strcpy(addr.sun_path, sock_path);
	CHECK(connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0);
	loop_run_once(loop, 0);		/* accept */
	return fd;
}

static void put_hello(struct buf *b)
{
	struct proto_msg m;

	proto_msg_init(&m, PROTO_HELLO);
	proto_set_int(&m, PROTO_HELLO_VERSION, PROTO_VERSION);
	proto_set_int(&m, PROTO_HELLO_PID, 1);
	proto_set_str(&m, PROTO_HELLO_SESSION, "t1");
	proto_set_str(&m, PROTO_HELLO_TTY, "");
	CHECK_INT(proto_encode(b, &m), 0);
}

/* A whole command, as a shell sends one that ended at once. */
static void put_end(struct buf *b, int64_t seq, const char *line)
{
	struct proto_msg m;

	proto_msg_init(&m, PROTO_CMD_END);
	proto_set_str(&m, PROTO_CMD_END_SESSION, "t1");
	proto_set_int(&m, PROTO_CMD_END_SEQ, seq);
	proto_set_int(&m, PROTO_CMD_END_STATUS, 0);
	proto_set_int(&m, PROTO_CMD_END_DURATION, 3);
	proto_set_int(&m, PROTO_CMD_END_TIME, 1794046980 + seq);
	proto_set_str(&m, PROTO_CMD_END_CWD, "/tmp");
	proto_set_str(&m, PROTO_CMD_END_LINE, line);
	CHECK_INT(proto_encode(b, &m), 0);
}

static void put_prompt(struct buf *b, int64_t id)
{
	struct proto_msg m;

	proto_msg_init(&m, PROTO_PROMPT);
	proto_set_int(&m, PROTO_PROMPT_ID, id);
	proto_set_int(&m, PROTO_PROMPT_BUDGET, 20);
	CHECK_INT(proto_encode(b, &m), 0);
}

/* A server with this commit delay and a client that said HELLO. */
static int session(const char *commit_ms, struct buf *b)
{
	int fd;

	setup(commit_ms);
	fd = client();
	put_hello(b);
	return fd;
}

static void session_end(int fd, struct buf *b)
{
	close(fd);
	teardown();
	buf_release(b);
}

static void send_all(int fd, struct buf *b)
{
	CHECK(send(fd, b->data, b->len, MSG_NOSIGNAL) == (ssize_t)b->len);
	buf_reset(b);
}

/*
 * Runs the loop for up to ms, collecting what the server sends: the ACK
 * counts, the NOTE ids, and whether it hung up.  Stops early once want
 * messages have come (0: run the whole time).
 */
struct got {
	int64_t acks[8];
	int nacks;
	int64_t notes[8];
	int nnotes;
	bool hung_up;
};

static void collect(int fd, int ms, int want, struct got *g)
{
	struct buf in = BUF_INIT;
	struct proto_msg m;
	double end = now_ms() + ms;
	char chunk[4096];
	size_t len;
	ssize_t r;

	memset(g, 0, sizeof(*g));
	while (now_ms() < end && !g->hung_up &&
	       (want == 0 || g->nacks + g->nnotes < want)) {
		loop_run_once(loop, 10);
		while ((r = recv(fd, chunk, sizeof(chunk), MSG_DONTWAIT)) > 0) {
			buf_append(&in, chunk, (size_t)r);
		}
		if (r == 0) {
			g->hung_up = true;
		}
		while (in.len > 0 &&
		       proto_frame_check(in.data, in.len, &len) == 0) {
			if (proto_decode(in.data, len, &m) == 0) {
				if (m.type == PROTO_ACK && g->nacks < 8) {
					g->acks[g->nacks++] =
						m.f[PROTO_ACK_COUNT].i;
				} else if (m.type == PROTO_NOTE &&
					   g->nnotes < 8) {
					g->notes[g->nnotes++] =
						m.f[PROTO_NOTE_ID].i;
				}
				proto_msg_release(&m);
			}
			memmove(in.data, in.data + len, in.len - len);
			buf_truncate(&in, in.len - len);
		}
	}
	buf_release(&in);
}

static int64_t commands(void)
{
	struct store_counts c;

	CHECK_INT(store_counts(st, &c), 0);
	return c.commands;
}

static void test_ack_after_grouped_commit(void)
{
	struct buf b = BUF_INIT;
	struct got g;
	int fd;

	fd = session("3600000", &b);	/* no timer fires here */
	put_end(&b, 1, "make");
	put_end(&b, 2, "make test");
	send_all(fd, &b);
	/* read and recorded, not yet committed nor acknowledged */
	collect(fd, 100, 0, &g);
	CHECK_INT(g.nacks, 0);
	CHECK(store_in_transaction(st));
	CHECK_INT(commands(), 2);
	/* a shell that leaves gets its ACK at once, then the hang-up */
	put_end(&b, 3, "ls");
	send_all(fd, &b);
	shutdown(fd, SHUT_WR);
	collect(fd, 10000, 0, &g);
	CHECK_INT(g.nacks, 1);
	CHECK_INT(g.acks[0], 3);
	CHECK(g.hung_up);
	CHECK(!store_in_transaction(st));
	CHECK_INT(commands(), 3);
	session_end(fd, &b);
}

static void test_commit_timer(void)
{
	struct buf b = BUF_INIT;
	struct got g;
	int fd;

	fd = session("1", &b);
	put_end(&b, 1, "make");
	put_end(&b, 2, "make test");
	send_all(fd, &b);
	/* the commit comes on its timer, and the ACK after it */
	collect(fd, 10000, 1, &g);
	CHECK_INT(g.nacks, 1);
	CHECK_INT(g.acks[0], 2);
	CHECK(!store_in_transaction(st));
	CHECK(!g.hung_up);
	session_end(fd, &b);
}

static void test_only_the_last_prompt(void)
{
	struct buf b = BUF_INIT;
	struct got g;
	int fd;

	fd = session("3600000", &b);
	put_end(&b, 1, "git status");
	put_prompt(&b, 7);
	put_end(&b, 2, "git add -A");
	put_prompt(&b, 8);
	send_all(fd, &b);
	collect(fd, 10000, 1, &g);
	CHECK_INT(g.nnotes, 1);
	CHECK_INT(g.notes[0], 8);
	/* and it was answered before the commit: no ACK with it */
	CHECK_INT(g.nacks, 0);
	collect(fd, 100, 0, &g);
	CHECK_INT(g.nnotes, 0);
	session_end(fd, &b);
}

static void test_lost_events_never_acknowledged(void)
{
	struct buf b = BUF_INIT;
	struct got g;
	int fd;

	fd = session("1", &b);
	put_end(&b, 1, "make");
	send_all(fd, &b);
	loop_run_once(loop, 1000);	/* the event, into the open batch */
	CHECK(store_in_transaction(st));
	/* something else fails inside the open batch and rolls it back */
	store_rollback(st);
	CHECK_INT(commands(), 0);
	collect(fd, 10000, 0, &g);
	CHECK_INT(g.nacks, 0);
	CHECK(g.hung_up);	/* so that the shell sends them again */
	session_end(fd, &b);
}

int main(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(sock_path, sizeof(sock_path), "%s/socket", dir);
	log_set_level(LOG_ERROR);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	TEST_RUN(test_ack_after_grouped_commit);
	TEST_RUN(test_commit_timer);
	TEST_RUN(test_only_the_last_prompt);
	TEST_RUN(test_lost_events_never_acknowledged);
	snprintf(sock_path, sizeof(sock_path), "rm -rf '%s'", dir);
	if (system(sock_path) != 0) {
		fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_summary();
}
