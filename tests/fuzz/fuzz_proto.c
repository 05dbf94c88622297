/*
 * fuzz_proto.c - libFuzzer target for the wire protocol, at two levels.
 *
 * 1. Frames: the input is cut into frames with proto_frame_check() and
 *    each is decoded; a frame that decodes must encode back to the same
 *    bytes.
 * 2. The daemon: the same bytes are written to a real hershd server (a
 *    store in a temporary directory, the real loop and dispatch table)
 *    through a unix socket, as a hostile same-uid client would.  The
 *    server must answer or drop the client, never crash, leak or hang.
 *    Inputs may start with a valid HELLO (see the seed corpus) so that the
 *    fuzzer reaches every handler.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/proto.h>

#include "log.h"
#include "loop.h"
#include "server.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct loop *loop;
static struct store *st;
static struct server *srv;
static char sock_path[128];

static char dir[] = "/tmp/hersh-fuzz-proto.XXXXXX";

/* Removes the temporary store and socket when the fuzzer exits. */
static void fuzz_cleanup(void)
{
	static const char *const names[] = {
		"memory.db", "memory.db-wal", "memory.db-shm", "socket",
	};
	char path[160];
	size_t i;

	server_free(srv);
	store_close(st);
	loop_free(loop);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void fuzz_setup(void)
{
	struct buf err = BUF_INIT;
	char db[128];
	int fd;

	if (mkdtemp(dir) == NULL) {
		abort();
	}
	snprintf(db, sizeof(db), "%s/memory.db", dir);
	snprintf(sock_path, sizeof(sock_path), "%s/socket", dir);
	log_set_level(LOG_ERROR);
	st = store_open(db, &err);
	loop = loop_new();
	fd = server_listen(sock_path);
	if (st == NULL || loop == NULL || fd < 0) {
		abort();
	}
	srv = server_new(loop, st, fd, 0);
	buf_release(&err);
	atexit(fuzz_cleanup);
}

static void fuzz_frames(const uint8_t *data, size_t size)
{
	struct buf again = BUF_INIT;
	struct proto_msg m;
	size_t off = 0, len;

	while (off < size &&
	       proto_frame_check(data + off, size - off, &len) == 0) {
		if (proto_decode(data + off, len, &m) == 0) {
			buf_reset(&again);
			if (proto_encode(&again, &m) != 0 || again.len != len ||
			    memcmp(again.data, data + off, len) != 0) {
				abort();
			}
			proto_msg_release(&m);
		}
		off += len;
	}
	buf_release(&again);
}

static void fuzz_server(const uint8_t *data, size_t size)
{
	char sink[65536];
	int fd, i;
	ssize_t r;
	size_t off = 0;
	struct sockaddr_un addr;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	strcpy(addr.sun_path, sock_path);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		abort();
	}
	for (i = 0; i < 10000; i++) {
		if (off < size) {
			r = send(fd, data + off, size - off, MSG_NOSIGNAL);
			if (r > 0) {
				off += (size_t)r;
			}
			if (off == size) {
				shutdown(fd, SHUT_WR);
			}
		}
		loop_run_once(loop, 0);
		r = recv(fd, sink, sizeof(sink), MSG_DONTWAIT);
		if (r == 0 || (r < 0 && off == size && i > 50)) {
			break;
		}
	}
	close(fd);
	/* let the server see the hang-up and free the client */
	while (loop_run_once(loop, 0) > 0) {
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (loop == NULL) {
		fuzz_setup();
	}
	if (size > 256 * 1024) {
		return 0;
	}
	fuzz_frames(data, size);
	fuzz_server(data, size);
	return 0;
}
