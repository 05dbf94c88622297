/*
 * test_worker.c - the parser worker: round trips, the import-line kind
 * against the in-process parser, garbage, a crash (restart and
 * quarantine), the seccomp filter, the memory and time limits, hostile
 * replies, recycling, and restarting a worker from under the daemon's own
 * seccomp policy (the reason the zygote exists).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/proto.h>

#include "import.h"
#include "log.h"
#include "sandbox.h"
#include "worker.h"
#include "test.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#define FIXTURE "../shared/bench/ask/fixture.jsonl"

enum {
	K_ECHO = WORKER_KIND_TEST,
	K_ABORT,
	K_LOOP,
	K_ALLOC,
	K_SYSCALL,
	K_SEGV,
	K_BAD_LENGTH,
	K_BAD_ID,
	K_BIG,
	K_CODE,
	K_UNREGISTERED,
};

/* ---- parse functions run inside the worker ------------------------------ */

static int parse_echo(const char *in, size_t len, struct buf *out)
{
	buf_append(out, in, len);
	return 0;
}

static int parse_abort(const char *in, size_t len, struct buf *out)
{
	abort();
}

static int parse_loop(const char *in, size_t len, struct buf *out)
{
	volatile unsigned long n = 0;

	for (;;) {
		n++;
	}
	return 0;
}

/* Asks for 1 GiB: RLIMIT_AS must make malloc fail. */
static int parse_alloc(const char *in, size_t len, struct buf *out)
{
	size_t n = (size_t)1 << 30;
	char *p = malloc(n);

	if (p == NULL) {
		buf_puts(out, "no memory");
		return 7;
	}
	memset(p, 1, n);
	free(p);
	return 0;
}

/* Any system call but read/write on fd 3 and memory kills the worker. */
static int parse_syscall(const char *in, size_t len, struct buf *out)
{
	return (int)getppid() > 0 ? 0 : 1;
}

static int parse_segv(const char *in, size_t len, struct buf *out)
{
	*(volatile int *)(uintptr_t)(len - len) = 1;
	return 0;
}

/* A compromised worker: a reply header claiming 4 GiB. */
static int parse_bad_length(const char *in, size_t len, struct buf *out)
{
	unsigned char h[WORKER_HEADER] = { 0xff, 0xff, 0xff, 0xff };

	(void)!write(SANDBOX_WORKER_FD, h, sizeof(h));
	return 0;
}

/* A compromised worker: a reply to some other request. */
static int parse_bad_id(const char *in, size_t len, struct buf *out)
{
	unsigned char h[WORKER_HEADER] = { 0 };

	proto_put_u32(h + 4, 0xdeadbeef);
	(void)!write(SANDBOX_WORKER_FD, h, sizeof(h));
	return 0;
}

static int parse_big(const char *in, size_t len, struct buf *out)
{
	size_t i;

	for (i = 0; i <= WORKER_REPLY_MAX; i += 64) {
		buf_append(out, "0123456789abcdef0123456789abcdef"
			   "0123456789abcdef0123456789abcdef", 64);
	}
	return 0;
}

static int parse_code(const char *in, size_t len, struct buf *out)
{
	return atoi(in);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct worker *start(size_t mem, unsigned recycle)
{
	struct worker_limits lim = { 0 };
	struct worker *w;

	lim.mem_max = mem;
	lim.recycle_after = recycle;
	w = worker_start(&lim);
	CHECK(w != NULL);
	return w;
}

/* ---- tests ---------------------------------------------------------------- */

static void test_echo(void)
{
	struct worker *w = start(0, 0);
	struct buf out = BUF_INIT;
	struct worker_stats st;
	size_t n = 512 * 1024, i;
	char *big = malloc(n);

	CHECK_INT(worker_request(w, K_ECHO, "hello", 5, &out, 0), 0);
	CHECK_STR(buf_str(&out), "hello");
	for (i = 0; i < n; i++) {
		big[i] = (char)(i * 7);
	}
	CHECK_INT(worker_request(w, K_ECHO, big, n, &out, 2000), 0);
	CHECK(out.len == n && memcmp(out.data, big, n) == 0);
	CHECK_INT(worker_request(w, K_ECHO, "", 0, &out, 0), 0);
	CHECK_INT(out.len, 0);
	CHECK_INT(worker_request(w, K_CODE, "42", 2, &out, 0), 42);
	CHECK_INT(worker_request(w, K_CODE, "999", 3, &out, 0),
		  WORKER_CODE_MAX);
	worker_stats(w, &st);
	CHECK_INT(st.requests, 5);
	CHECK_INT(st.spawned, 1);
	CHECK(st.pid > 0 && st.zygote > 0);
	CHECK(worker_default() == w);
	free(big);
	buf_release(&out);
	worker_stop(w);
	CHECK(worker_default() == NULL);
}

static void test_errors(void)
{
	struct worker *w = start(0, 0);
	struct buf out = BUF_INIT;
	struct worker_stats st;

	CHECK_INT(worker_request(w, K_UNREGISTERED, "x", 1, &out, 0),
		  WORKER_ENOKIND);
	CHECK_INT(worker_request(w, 0, "x", 1, &out, 0), WORKER_ENOKIND);
	CHECK_INT(worker_request(w, 99, "x", 1, &out, 0), WORKER_ENOKIND);
	CHECK_INT(worker_request(w, K_ECHO, "x", WORKER_REQUEST_MAX + 1, &out,
				 0), WORKER_ETOOBIG);
	CHECK_INT(worker_request(w, K_BIG, "x", 1, &out, 0), WORKER_EOVERFLOW);
	CHECK_INT(worker_register(K_UNREGISTERED, parse_echo), -1);
	worker_stats(w, &st);
	CHECK_INT(st.crashes, 0);
	CHECK_INT(st.spawned, 1);	/* the overflow did not kill it */
	CHECK_INT(worker_request(w, K_ECHO, "ok", 2, &out, 0), 0);
	buf_release(&out);
	worker_stop(w);
}

/* Every fixture line: the worker's answer equals the in-process parse. */
static void test_import_fixture(void)
{
	struct worker *w = start(0, 0);
	struct import_line *il = import_line_new();
	struct buf why1 = BUF_INIT, why2 = BUF_INIT;
	struct store_event e1, e2;
	bool r1, r2;
	char line[8192];
	FILE *f = fopen(FIXTURE, "r");
	int n = 0, same = 0, a, b;

	if (f == NULL) {
		printf("skip: %s not found\n", FIXTURE);
		import_line_free(il);
		worker_stop(w);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "\n");

		buf_reset(&why1);
		buf_reset(&why2);
		a = import_parse_line(il, line, len, &e1, &r1, &why1);
		b = worker_import_line(w, line, len, &e2, &r2, &why2);
		n++;
		if (a != b || r1 != r2 || e1.kind != e2.kind) {
			continue;
		}
		if (e1.kind == STORE_KIND_COMMAND &&
		    (e1.cmd.time != e2.cmd.time ||
		     strcmp(e1.cmd.line, e2.cmd.line) != 0 ||
		     strcmp(e1.cmd.cwd ? e1.cmd.cwd : "-",
			    e2.cmd.cwd ? e2.cmd.cwd : "-") != 0 ||
		     e1.cmd.status != e2.cmd.status ||
		     e1.cmd.has_status != e2.cmd.has_status ||
		     e1.cmd.duration_ms != e2.cmd.duration_ms)) {
			continue;
		}
		if (e1.kind == STORE_KIND_FILE &&
		    (strcmp(e1.file.path, e2.file.path) != 0 ||
		     strcmp(e1.file.op, e2.file.op) != 0)) {
			continue;
		}
		if (e1.kind == STORE_KIND_MAIL &&
		    (strcmp(e1.mail.subject ? e1.mail.subject : "-",
			    e2.mail.subject ? e2.mail.subject : "-") != 0 ||
		     e1.mail.read != e2.mail.read)) {
			continue;
		}
		same++;
	}
	fclose(f);
	CHECK(n > 1000);
	CHECK_INT(same, n);
	import_line_free(il);
	buf_release(&why1);
	buf_release(&why2);
	worker_stop(w);
}

static void test_import_kinds(void)
{
	static const char secret[] = "{\"type\": \"command\", \"time\": "
		"\"2026-11-19T10:02:11\", \"cmd\": \"export GITHUB_TOKEN="
		"ghp_abcdefghijklmnopqrstuvwxyz0123456789\"}";
	static const char bad[] = "{\"type\": \"command\", \"time\": 3}";
	static const char broken[] = "{\"type\": \"comm";
	static const char other[] = "{\"type\": \"weather\", \"time\": 1}";
	static const char private[] = "{\"type\": \"command\", \"time\": "
		"\"2026-11-19T10:02:11\", \"cmd\": \" secret stuff\"}";
	static const char mail[] = "{\"type\": \"mail\", \"time\": "
		"\"2026-11-19T10:02:11\", \"from\": \"A <a@b.c>\", "
		"\"subject\": \"caf\\u00e9\", \"read\": true}";
	struct worker *w = start(0, 0);
	struct buf why = BUF_INIT;
	struct store_event ev;
	bool red;

	CHECK_INT(worker_import_line(w, secret, strlen(secret), &ev, &red,
				     &why), IMPORT_EVENT);
	CHECK(red);
	CHECK(ev.kind == STORE_KIND_COMMAND);
	CHECK(ev.cmd.line != NULL && strstr(ev.cmd.line, "ghp_") == NULL);
	CHECK_INT(worker_import_line(w, "  ", 2, &ev, &red, &why),
		  IMPORT_BLANK);
	CHECK_INT(worker_import_line(w, other, strlen(other), &ev, &red, &why),
		  IMPORT_UNKNOWN);
	CHECK_INT(worker_import_line(w, private, strlen(private), &ev, &red,
				     &why), IMPORT_PRIVATE);
	buf_reset(&why);
	CHECK_INT(worker_import_line(w, bad, strlen(bad), &ev, &red, &why),
		  IMPORT_BAD);
	CHECK_STR(buf_str(&why), "\"time\" is not a string");
	buf_reset(&why);
	CHECK_INT(worker_import_line(w, broken, strlen(broken), &ev, &red,
				     &why), IMPORT_BAD);
	CHECK(strstr(buf_str(&why), "column") != NULL);
	CHECK_INT(worker_import_line(w, mail, strlen(mail), &ev, &red, &why),
		  IMPORT_EVENT);
	CHECK(ev.kind == STORE_KIND_MAIL && ev.mail.read);
	CHECK_STR(ev.mail.subject, "caf\xc3\xa9");
	CHECK(ev.mail.mailbox == NULL);
	buf_release(&why);
	worker_stop(w);
}

/* Random bytes and mangled lines: answers, never a crash. */
static void test_garbage(void)
{
	static const char seed[] = "{\"type\": \"command\", \"time\": "
		"\"2026-11-19T10:02:11\", \"cwd\": \"/tmp\", \"cmd\": \"ls\", "
		"\"status\": 0}";
	struct worker *w = start(0, 0);
	struct buf why = BUF_INIT;
	struct store_event ev;
	struct worker_stats st;
	unsigned char line[300];
	unsigned x = 12345;
	int i, j, len, rc, answered = 0;

	for (i = 0; i < 3000; i++) {
		len = (int)(x % sizeof(line));
		memcpy(line, seed, sizeof(seed) - 1);
		if (i % 2 == 0) {
			for (j = 0; j < len; j++) {
				x = x * 1103515245 + 12345;
				line[j] = (unsigned char)(x >> 16);
			}
		} else {
			len = (int)sizeof(seed) - 1;
			x = x * 1103515245 + 12345;
			line[x % (unsigned)len] = (unsigned char)(x >> 8);
			x = x * 1103515245 + 12345;
			line[x % (unsigned)len] = (unsigned char)(x >> 16);
		}
		x = x * 1103515245 + 12345;
		buf_reset(&why);
		rc = worker_import_line(w, (char *)line, (size_t)len, &ev, NULL,
					&why);
		answered += rc == IMPORT_EVENT || rc == IMPORT_BAD ||
			    rc == IMPORT_BLANK || rc == IMPORT_UNKNOWN ||
			    rc == IMPORT_PRIVATE;
	}
	worker_stats(w, &st);
	CHECK_INT(answered, 3000);
	CHECK_INT(st.crashes, 0);
	CHECK_INT(st.timeouts, 0);
	CHECK_INT(st.bad_replies, 0);
	CHECK_INT(st.spawned, 1);
	buf_release(&why);
	worker_stop(w);
}

static void test_crash_quarantine(void)
{
	struct worker *w = start(0, 0);
	struct buf out = BUF_INIT;
	struct worker_stats st;

	CHECK_INT(worker_request(w, K_ECHO, "a", 1, &out, 0), 0);
	CHECK_INT(worker_request(w, K_ABORT, "poison", 6, &out, 0),
		  WORKER_ECRASHED);
	worker_stats(w, &st);
	CHECK_INT(st.crashes, 1);
	CHECK_INT(st.quarantined, 1);
	CHECK(st.last_signal == SIGABRT || st.last_signal == SIGSYS);
	CHECK(worker_quarantined(w, K_ABORT, "poison", 6));
	CHECK(!worker_quarantined(w, K_ABORT, "poisoN", 6));
	CHECK(!worker_quarantined(w, K_ECHO, "poison", 6));
	/* restarted */
	CHECK_INT(worker_request(w, K_ECHO, "b", 1, &out, 0), 0);
	CHECK_STR(buf_str(&out), "b");
	worker_stats(w, &st);
	CHECK_INT(st.spawned, 2);
	/* the same input is refused without reaching a worker */
	CHECK_INT(worker_request(w, K_ABORT, "poison", 6, &out, 0),
		  WORKER_EQUARANTINED);
	worker_stats(w, &st);
	CHECK_INT(st.refused, 1);
	CHECK_INT(st.spawned, 2);
	CHECK_INT(st.crashes, 1);
	/* a segfault is the same story */
	CHECK_INT(worker_request(w, K_SEGV, "x", 1, &out, 0), WORKER_ECRASHED);
	worker_stats(w, &st);
	/* (under UBSan the report's write(2) is a SIGSYS first) */
	CHECK(st.last_signal == SIGSEGV || st.last_signal == SIGSYS);
	CHECK_INT(worker_request(w, K_ECHO, "c", 1, &out, 0), 0);
	buf_release(&out);
	worker_stop(w);
}

/* The worker's seccomp policy is on: getppid() is a SIGSYS. */
static void test_worker_filter(void)
{
	struct worker *w = start(0, 0);
	struct buf out = BUF_INIT;
	struct worker_stats st;

	CHECK_INT(worker_request(w, K_SYSCALL, "x", 1, &out, 0),
		  WORKER_ECRASHED);
	worker_stats(w, &st);
	CHECK_INT(st.last_signal, SIGSYS);
	CHECK_INT(worker_request(w, K_ECHO, "d", 1, &out, 0), 0);
	buf_release(&out);
	worker_stop(w);
}

static void test_time_limit(void)
{
	struct worker *w = start(0, 0);
	struct buf out = BUF_INIT;
	struct worker_stats st;
	int64_t t0 = now_ms(), dt;

	CHECK_INT(worker_request(w, K_LOOP, "spin", 4, &out, 200),
		  WORKER_ETIMEOUT);
	dt = now_ms() - t0;
	CHECK(dt >= 190 && dt < 1500);
	worker_stats(w, &st);
	CHECK_INT(st.timeouts, 1);
	CHECK_INT(st.last_signal, SIGKILL);
	CHECK(worker_quarantined(w, K_LOOP, "spin", 4));
	CHECK_INT(worker_request(w, K_ECHO, "e", 1, &out, 0), 0);
	buf_release(&out);
	worker_stop(w);
}

static void test_memory_limit(void)
{
	struct worker *w = start((size_t)64 << 20, 0);
	struct buf out = BUF_INIT;
	struct worker_stats st;

	CHECK_INT(worker_request(w, K_ALLOC, "x", 1, &out, 2000), 7);
	CHECK_STR(buf_str(&out), "no memory");
	worker_stats(w, &st);
	CHECK_INT(st.spawned, 1);
	CHECK_INT(st.crashes, 0);
	/* a request larger than the worker may hold kills it, not us */
	{
		size_t n = WORKER_REQUEST_MAX;
		char *big = calloc(1, n);

		CHECK(big != NULL);
		memset(big, '0', n);
		CHECK_INT(worker_request(w, K_CODE, big, n, &out, 2000), 0);
		free(big);
	}
	buf_release(&out);
	worker_stop(w);
}

static void test_hostile_replies(void)
{
	struct worker *w = start(0, 0);
	struct buf out = BUF_INIT;
	struct worker_stats st;

	CHECK_INT(worker_request(w, K_BAD_LENGTH, "x", 1, &out, 0),
		  WORKER_EPROTO);
	CHECK_INT(out.len, 0);
	CHECK_INT(worker_request(w, K_ECHO, "f", 1, &out, 0), 0);
	CHECK_INT(worker_request(w, K_BAD_ID, "x", 1, &out, 0), WORKER_EPROTO);
	CHECK_INT(worker_request(w, K_ECHO, "g", 1, &out, 0), 0);
	worker_stats(w, &st);
	CHECK_INT(st.bad_replies, 2);
	CHECK_INT(st.spawned, 3);
	CHECK_INT(st.quarantined, 2);
	buf_release(&out);
	worker_stop(w);
}

static void test_recycle(void)
{
	struct worker *w = start(0, 5);
	struct buf out = BUF_INIT;
	struct worker_stats st;
	int i;

	for (i = 0; i < 12; i++) {
		CHECK_INT(worker_request(w, K_ECHO, "h", 1, &out, 0), 0);
	}
	worker_stats(w, &st);
	CHECK_INT(st.spawned, 3);
	CHECK_INT(st.requests, 12);
	buf_release(&out);
	worker_stop(w);
}

/*
 * In a child under the daemon's own policy (no fork, no exec): requests,
 * a crash and its restart, a timeout, and stopping all still work.
 */
static void test_under_monitor_policy(void)
{
	pid_t pid;
	int status = -1;

	pid = fork();
	if (pid == 0) {
		struct worker *w = start(0, 0);
		struct buf out = BUF_INIT;
		struct worker_stats st;
		int bad = 0;

		if (w == NULL || sandbox_apply_policy(SANDBOX_MONITOR) < 0) {
			_exit(10);
		}
		bad |= worker_request(w, K_ECHO, "i", 1, &out, 0) != 0;
		bad |= (worker_request(w, K_ABORT, "j", 1, &out, 0) !=
			WORKER_ECRASHED) << 1;
		bad |= (worker_request(w, K_LOOP, "k", 1, &out, 100) !=
			WORKER_ETIMEOUT) << 2;
		bad |= (worker_request(w, K_ECHO, "l", 1, &out, 0) != 0) << 3;
		worker_stats(w, &st);
		bad |= (st.spawned != 3) << 4;
		worker_stop(w);
		buf_release(&out);
		_exit(bad);
	}
	CHECK(pid > 0);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
}

/* True while pid runs (a zombie nobody reaps counts as gone). */
static bool alive(pid_t pid)
{
	char path[64], line[256];
	bool zombie = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	f = fopen(path, "r");
	if (f == NULL) {
		return false;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "State:", 6) == 0) {
			zombie = strchr(line, 'Z') != NULL;
		}
	}
	fclose(f);
	return !zombie;
}

/* The zygote goes when the daemon goes, even without worker_stop(). */
static void test_zygote_follows_daemon(void)
{
	int fds[2], status, i;
	pid_t pid, zygote = 0;

	CHECK(pipe(fds) == 0);
	pid = fork();
	if (pid == 0) {
		struct worker *w = start(0, 0);
		struct worker_stats st;
		struct buf out = BUF_INIT;

		worker_request(w, K_ECHO, "m", 1, &out, 0);
		worker_stats(w, &st);
		(void)!write(fds[1], &st.zygote, sizeof(st.zygote));
		_exit(0);
	}
	close(fds[1]);
	CHECK(read(fds[0], &zygote, sizeof(zygote)) == sizeof(zygote));
	close(fds[0]);
	waitpid(pid, &status, 0);
	CHECK(zygote > 0);
	/* orphaned, it is reparented and killed by PDEATHSIG */
	for (i = 0; i < 100 && alive(zygote); i++) {
		usleep(10000);
	}
	CHECK(!alive(zygote));
}

/* How much the worker costs: a JSON line in process vs. round trip. */
static void report_overhead(void)
{
	static const char line[] = "{\"type\": \"command\", \"time\": "
		"\"2026-11-07T10:23:07\", \"cwd\": \"/home/theo\", \"cmd\": "
		"\"cd ~/writing/salt-road\", \"status\": 0, \"duration_ms\": "
		"11, \"session\": \"s1\"}";
	struct worker *w = start(0, 0);
	struct import_line *il = import_line_new();
	struct buf why = BUF_INIT;
	struct store_event ev;
	struct timespec a, b;
	double in_proc, round;
	int i, n = 20000;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		import_parse_line(il, line, sizeof(line) - 1, &ev, NULL, &why);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	in_proc = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		worker_import_line(w, line, sizeof(line) - 1, &ev, NULL, &why);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	round = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n;
	printf("import line: %.2f us in process, %.2f us through the worker\n",
	       in_proc / 1000, round / 1000);
	import_line_free(il);
	buf_release(&why);
	worker_stop(w);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	log_set_level(LOG_ERROR);
	worker_register(K_ECHO, parse_echo);
	worker_register(K_ABORT, parse_abort);
	worker_register(K_LOOP, parse_loop);
	worker_register(K_ALLOC, parse_alloc);
	worker_register(K_SYSCALL, parse_syscall);
	worker_register(K_SEGV, parse_segv);
	worker_register(K_BAD_LENGTH, parse_bad_length);
	worker_register(K_BAD_ID, parse_bad_id);
	worker_register(K_BIG, parse_big);
	worker_register(K_CODE, parse_code);
#ifdef TEST_ASAN
	printf("skip: the worker runs under seccomp, which ASan's runtime "
	       "does not survive; run this test in a normal build\n");
	return test_summary();
#endif
	if (RUNNING_ON_VALGRIND) {
		printf("skip: valgrind cannot run seccomp(2); run this test "
		       "without it\n");
		return test_summary();
	}
	TEST_RUN(test_echo);
	TEST_RUN(test_errors);
	TEST_RUN(test_import_kinds);
	TEST_RUN(test_import_fixture);
	TEST_RUN(test_garbage);
	TEST_RUN(test_crash_quarantine);
	TEST_RUN(test_worker_filter);
	TEST_RUN(test_time_limit);
	TEST_RUN(test_memory_limit);
	TEST_RUN(test_hostile_replies);
	TEST_RUN(test_recycle);
	TEST_RUN(test_under_monitor_policy);
	TEST_RUN(test_zygote_follows_daemon);
	if (getenv("HERSH_TEST_BENCH") != NULL) {
		report_overhead();
	}
	return test_summary();
}
