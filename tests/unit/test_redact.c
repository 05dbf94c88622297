/*
 * test_redact.c - unit tests for daemon/redact.c.
 *
 * Runs the corpus in tests/redact/ (paths relative to the repository
 * root, where the test runner starts): every secret annotated in
 * secrets.txt must be gone from the redacted line, and every line of
 * innocent.txt must come out byte-identical.  Prints recall, the
 * false-positive rate and the throughput, then checks edge cases.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "redact.h"
#include "test.h"

#define SECRETS_PATH "tests/redact/secrets.txt"
#define INNOCENT_PATH "tests/redact/innocent.txt"
#define MAX_FIELDS 8
#define BIG (1024 * 1024)

/* One corpus line: the command line and the secrets it holds. */
struct sample {
	char *line;
	char *secret[MAX_FIELDS];
	int nsecret;
};

struct corpus {
	struct sample *v;
	size_t n;
};

static struct corpus secrets;
static struct corpus innocent;

/* Redacts s (a C string); aborts the test run on OOM. */
static char *redact(const char *s, bool *changed)
{
	char *r = redact_line(s, strlen(s), changed);

	if (r == NULL) {
		fprintf(stderr, "test_redact: out of memory\n");
		exit(2);
	}
	return r;
}

/* CPU time of the process: a busy machine does not make the code slow. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Reads a corpus file: one sample a line, fields separated by tabs, the
 * command line first; blank lines and lines starting with '#' are skipped.
 */
static int corpus_load(struct corpus *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL, *p, *tab;
	size_t cap = 0;
	ssize_t n;
	struct sample *sm;

	if (f == NULL) {
		fprintf(stderr, "test_redact: cannot open '%s' (run from the "
			"repository root)\n", path);
		return -1;
	}
	while ((n = getline(&buf, &cap, f)) > 0) {
		if (buf[n - 1] == '\n') {
			buf[--n] = '\0';
		}
		if (n == 0 || buf[0] == '#') {
			continue;
		}
		sm = realloc(c->v, (c->n + 1) * sizeof(*sm));
		if (sm == NULL) {
			exit(2);
		}
		c->v = sm;
		sm = &c->v[c->n++];
		memset(sm, 0, sizeof(*sm));
		sm->line = strdup(buf);
		if (sm->line == NULL) {
			exit(2);
		}
		for (p = sm->line; (tab = strchr(p, '\t')) != NULL; p = tab + 1) {
			*tab = '\0';
			if (sm->nsecret < MAX_FIELDS) {
				sm->secret[sm->nsecret++] = tab + 1;
			}
		}
	}
	free(buf);
	fclose(f);
	return 0;
}

static void corpus_free(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].line);
	}
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

static void test_corpus_loads(void)
{
	CHECK(corpus_load(&secrets, SECRETS_PATH) == 0);
	CHECK(corpus_load(&innocent, INNOCENT_PATH) == 0);
	CHECK(secrets.n >= 220);
	CHECK(innocent.n >= 220);
}

static void test_secrets_recall(void)
{
	size_t i, caught = 0;
	int k;

	for (i = 0; i < secrets.n; i++) {
		struct sample *sm = &secrets.v[i];
		bool changed, gone = true;
		char *r = redact(sm->line, &changed);

		CHECK(sm->nsecret > 0);
		for (k = 0; k < sm->nsecret; k++) {
			if (strstr(r, sm->secret[k]) != NULL) {
				gone = false;
			}
		}
		if (gone && changed) {
			caught++;
		} else {
			fprintf(stderr, "missed: %s\n   got: %s\n", sm->line, r);
		}
		CHECK(gone);
		CHECK(changed);
		free(r);
	}
	printf("redact: recall %zu/%zu = %.1f%%\n", caught, secrets.n,
		secrets.n ? 100.0 * (double)caught / (double)secrets.n : 0.0);
}

static void test_innocent_unchanged(void)
{
	size_t i, changed_lines = 0;

	for (i = 0; i < innocent.n; i++) {
		const char *line = innocent.v[i].line;
		bool changed;
		char *r = redact(line, &changed);

		if (changed || strcmp(r, line) != 0) {
			changed_lines++;
			fprintf(stderr, "false positive: %s\n          got: %s\n",
				line, r);
		}
		CHECK(!changed);
		CHECK_STR(r, line);
		free(r);
	}
	printf("redact: false positives %zu/%zu = %.1f%%\n", changed_lines,
		innocent.n, innocent.n ?
		100.0 * (double)changed_lines / (double)innocent.n : 0.0);
}

/* redact(redact(x)) == redact(x) on every corpus line. */
static void test_idempotent(void)
{
	size_t i;
	struct corpus *cs[2] = { &secrets, &innocent };
	int c;

	for (c = 0; c < 2; c++) {
		for (i = 0; i < cs[c]->n; i++) {
			bool changed;
			char *once = redact(cs[c]->v[i].line, NULL);
			char *twice = redact(once, &changed);

			CHECK_STR(twice, once);
			CHECK(!changed);
			free(once);
			free(twice);
		}
	}
}

/* One token of every well-known shape, built from a prefix and a body. */
static void test_shapes(void)
{
	static const struct {
		const char *prefix;
		const char *body;	/* repeated to n bytes */
		size_t n;
	} shapes[] = {
		{ "AGE-SECRET-KEY-1", "Q7Z", 58 }, { "AGPA", "X2", 16 },
		{ "AIDA", "X2", 16 }, { "AIPA", "X2", 16 },
		{ "AIza", "Sy-_9a", 35 }, { "AKIA", "IOSFODNN7", 16 },
		{ "ANPA", "X2", 16 }, { "ANVA", "X2", 16 }, { "AROA", "X2", 16 },
		{ "ASIA", "Y3", 16 }, { "PMAK-", "ab12-", 59 },
		{ "SG.", "aB3_.x", 66 }, { "dapi", "0f", 32 },
		{ "dckr_pat_", "aZ9-_", 27 }, { "doo_v1_", "a1", 64 },
		{ "dop_v1_", "b2", 64 }, { "ghp_", "aB3", 36 },
		{ "gho_", "aB3", 36 }, { "ghr_", "aB3", 36 }, { "ghs_", "aB3", 36 },
		{ "ghu_", "aB3", 36 }, { "github_pat_", "11AB_cd", 82 },
		{ "glc_", "eyJ9_-", 40 }, { "gldt-", "aB3", 20 },
		{ "glpat-", "aB3-_", 20 }, { "glptt-", "aB3", 40 },
		{ "glrt-", "aB3", 20 }, { "hf_", "aBc", 34 }, { "hvb.", "aB3", 90 },
		{ "hvs.", "CAES", 24 }, { "key-", "3f", 32 },
		{ "lin_api_", "aB3", 40 }, { "npm_", "aB3", 36 },
		{ "pk_live_", "aB3", 24 }, { "pk_test_", "aB3", 24 },
		{ "pul-", "9e", 40 }, { "pypi-AgEIcHlwaS5vcmc", "CJ-_", 60 },
		{ "rk_live_", "aB3", 24 }, { "rk_test_", "aB3", 24 },
		{ "shpat_", "a1", 32 }, { "shpss_", "a1", 32 },
		{ "sk-", "proj-aB3", 48 }, { "sk_live_", "aB3", 24 },
		{ "sk_test_", "aB3", 24 }, { "sqa_", "0a", 40 },
		{ "sqp_", "0a", 40 }, { "squ_", "0a", 40 },
		{ "whsec_", "aB3", 32 }, { "xapp-", "1-A0-", 40 },
		{ "xoxa-", "2-", 40 }, { "xoxb-", "123-", 40 },
		{ "xoxe-", "1-", 40 }, { "xoxe.xoxp-", "1-", 40 },
		{ "xoxp-", "123-", 40 }, { "xoxr-", "1-", 40 },
		{ "xoxs-", "1-", 40 }, { "ya29.", "a0Ad_-", 60 },
		{ "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.", "sig_-", 43 },
	};
	char line[256], *r;
	size_t i, k, p;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		p = (size_t)snprintf(line, sizeof(line), "x %s", shapes[i].prefix);
		for (k = 0; k < shapes[i].n && p < sizeof(line) - 8; k++) {
			line[p++] = shapes[i].body[k % strlen(shapes[i].body)];
		}
		strcpy(line + p, " y");
		r = redact(line, NULL);
		if (strcmp(r, "x <redacted> y") != 0) {
			fprintf(stderr, "shape %s: %s -> %s\n", shapes[i].prefix,
				line, r);
		}
		CHECK_STR(r, "x <redacted> y");
		free(r);
	}
}

/* Each secret becomes exactly one marker, and the rest stays. */
static void test_examples(void)
{
	static const char *const cases[][2] = {
		{ "mysql -u root -psecret db", "mysql -u root -p<redacted> db" },
		{ "export API_TOKEN=abc123xyz", "export API_TOKEN=<redacted>" },
		{ "PGPASSWORD='a b' psql", "PGPASSWORD='<redacted>' psql" },
		{ "curl -u bob:pw1 https://x", "curl -u bob:<redacted> https://x" },
		{ "git clone https://u:p@h/r", "git clone https://u:<redacted>@h/r" },
		{ "curl -H 'Authorization: Bearer abc' x",
			"curl -H 'Authorization: Bearer <redacted>' x" },
		{ "sshpass -p pw ssh h", "sshpass -p <redacted> ssh h" },
		{ "cmd --password hunter2 --user bob",
			"cmd --password <redacted> --user bob" },
		{ "echo AKIAABCDEFGHIJKLMNOP", "echo <redacted>" },
		{ "echo AKIAABCDEFGHIJKLMNOPQ", "echo AKIAABCDEFGHIJKLMNOPQ" },
		{ "mysql -u root -p", "mysql -u root -p" },
		{ "ls -p", "ls -p" },
		{ "TOKEN=$(gh auth token)", "TOKEN=$(gh auth token)" },
		{ "echo $'x'", "echo $'x'" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = redact(cases[i][0], NULL);

		CHECK_STR(r, cases[i][1]);
		free(r);
	}
}

static void test_marker_not_duplicated(void)
{
	static const char *const done[] = {
		"mysql -p<redacted> db",
		"export GITHUB_TOKEN=<redacted>",
		"PASSWORD='<redacted>' ./x",
		"curl -u bob:<redacted> https://x",
		"git clone https://u:<redacted>@h/r",
		"curl -H 'Authorization: Bearer <redacted>' x",
		"sshpass -p <redacted> ssh h",
		"echo '<redacted>' | sudo -S true",
		"curl -d '{\"password\":\"<redacted>\"}' x",
		"<redacted>",
		"<redacted><redacted>",
	};
	size_t i;

	for (i = 0; i < sizeof(done) / sizeof(done[0]); i++) {
		bool changed = true;
		char *r = redact(done[i], &changed);

		CHECK_STR(r, done[i]);
		CHECK(!changed);
		free(r);
	}
}

static void test_empty_and_null(void)
{
	bool changed = true;
	size_t n = 99;
	char *r = redact_line(NULL, 0, &changed);

	CHECK(r != NULL && r[0] == '\0');
	CHECK(!changed);
	free(r);
	r = redact_buf("", 0, &n, NULL);
	CHECK(r != NULL && n == 0);
	free(r);
	/* len counts, not the NUL: only the first 6 bytes are read */
	r = redact_line("ls -la; PASSWORD=x", 5, &changed);
	CHECK_STR(r, "ls -l");
	free(r);
}

static void test_skip_line(void)
{
	CHECK(redact_skip_line(" export TOKEN=x"));
	CHECK(redact_skip_line(" "));
	CHECK(!redact_skip_line("export TOKEN=x"));
	CHECK(!redact_skip_line("\tls"));
	CHECK(!redact_skip_line(""));
	CHECK(!redact_skip_line(NULL));
}

static void test_binary_and_nul(void)
{
	char bytes[512], *r;
	size_t i, n;
	bool changed;
	static const char with_nul[] = "x\0PASSWORD=hunter2\0y";

	for (i = 0; i < sizeof(bytes); i++) {
		bytes[i] = (char)(i * 37 % 256);
	}
	r = redact_buf(bytes, sizeof(bytes), &n, &changed);
	CHECK(r != NULL);
	CHECK(!changed && n == sizeof(bytes));
	CHECK(r != NULL && memcmp(r, bytes, sizeof(bytes)) == 0);
	free(r);
	r = redact_buf(with_nul, sizeof(with_nul) - 1, &n, &changed);
	CHECK(r != NULL && changed);
	CHECK(r != NULL && n == sizeof("x\0PASSWORD=<redacted>\0y") - 1);
	CHECK(r != NULL && memcmp(r, "x\0PASSWORD=<redacted>\0y", n) == 0);
	free(r);
}

static void test_invalid_utf8(void)
{
	static const char *const cases[][2] = {
		{ "echo \xff\xfe\xc3( done", "echo \xff\xfe\xc3( done" },
		{ "PASSWORD=\xc3\xa0\xa1\xff ./x", "PASSWORD=<redacted> ./x" },
		{ "export TOKEN=\xe2\x82 && ls", "export TOKEN=<redacted> && ls" },
		{ "mysql -p\xf0\x8c\xbc\xff db", "mysql -p<redacted> db" },
		{ "caf\xc3\xa9 --password=\xed\xa0\x80", "caf\xc3\xa9 --password=<redacted>" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = redact(cases[i][0], NULL);

		CHECK_STR(r, cases[i][1]);
		free(r);
	}
}

/* Multi-line command lines: key blocks and here-documents. */
static void test_multiline(void)
{
	char *r = redact("cat > k <<EOF\n-----BEGIN EC PRIVATE KEY-----\n"
		"MHcCAQEEIBkg\nAwEHoUQDQgAE\n-----END EC PRIVATE KEY-----\nEOF",
		NULL);

	CHECK_STR(r, "cat > k <<EOF\n-----BEGIN EC PRIVATE KEY-----<redacted>"
		"-----END EC PRIVATE KEY-----\nEOF");
	free(r);
	r = redact("ls\nexport DB_PASSWORD=abc\nmysql -pxyz", NULL);
	CHECK_STR(r, "ls\nexport DB_PASSWORD=<redacted>\nmysql -p<redacted>");
	free(r);
}

/* Fills buf with n bytes repeating pat. */
static void fill(char *buf, size_t n, const char *pat)
{
	size_t i, k = strlen(pat);

	for (i = 0; i < n; i++) {
		buf[i] = pat[i % k];
	}
}

/* Built with a sanitizer or run under valgrind: timing is meaningless. */
static bool slow_build(void)
{
	const char *pre = getenv("LD_PRELOAD");

#if defined(__SANITIZE_ADDRESS__)
	return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
	return true;
#endif
#endif
	return pre != NULL && strstr(pre, "vgpreload") != NULL;
}

/*
 * Lines of 1 MB, ordinary and adversarial: each must be redacted without
 * a crash and in linear time (well under a second).
 */
static void test_long_lines(void)
{
	static const char *const pats[] = {
		"ls -la /usr/share/doc ",
		"PASSWORD=",
		"PASSWORD=\"",
		"TOKEN='",
		"eyJ-",
		"sk-sk-",
		"://",
		"a://u:p@",
		"-----BEGIN ",
		"-----BEGIN RSA PRIVATE KEY-----",
		"$($(${",
		"\\",
		"'\"",
		"mysql -p",
		"curl -u a:b ",
		"echo x | sudo -S ",
		"{\"token\":\"",
		"Authorization: ",
		"a,password=",
		"ghp_",
		"\xff\x00\x80",
		"x",
	};
	char *buf = malloc(BIG), *r;
	size_t i, n;
	double t, limit = slow_build() ? 60.0 : 1.0;

	if (buf == NULL) {
		exit(2);
	}
	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		fill(buf, BIG, pats[i]);
		t = now();
		r = redact_buf(buf, BIG, &n, NULL);
		t = now() - t;
		CHECK(r != NULL);
		if (t > limit) {
			fprintf(stderr, "slow: pattern %zu took %.2f s\n", i, t);
		}
		CHECK(t < limit);
		free(r);
	}
	/* a real secret at the end of a long line is still found */
	fill(buf, BIG, "echo hello ");
	memcpy(buf + BIG - 20, " PASSWORD=hunter2 ok", 20);
	r = redact_buf(buf, BIG, &n, NULL);
	CHECK(r != NULL && strstr(r + BIG - 40, "PASSWORD=<redacted> ok") != NULL);
	CHECK(r != NULL && strstr(r, "hunter2") == NULL);
	free(r);
	free(buf);
}


/*
 * Throughput on the corpus, a fair sample of typical command lines (half
 * of them with secrets, which take a second pass).  The best of five
 * rounds of 0.1 s CPU time is reported, so a busy machine does not make
 * it flaky.  The target is 200,000 lines a second; only an optimised,
 * uninstrumented build is held to it.
 */
static void test_throughput(void)
{
	size_t i, lines, total = secrets.n + innocent.n;
	double t0, t, rate, best = 0;
	int round;
	char *r;

	if (total == 0) {
		return;
	}
	for (round = 0; round < 5; round++) {
		lines = 0;
		t0 = now();
		do {
			for (i = 0; i < total; i++) {
				const char *s = i < secrets.n ? secrets.v[i].line :
					innocent.v[i - secrets.n].line;

				r = redact(s, NULL);
				free(r);
				lines++;
			}
			t = now() - t0;
		} while (t < 0.1);
		rate = (double)lines / t;
		if (rate > best) {
			best = rate;
		}
	}
	printf("redact: throughput %.0f lines/s (best of 5 rounds, CPU time)\n",
		best);
#ifdef __OPTIMIZE__
	if (!slow_build()) {
		CHECK(best >= 200000.0);
	}
#endif
}

int main(void)
{
	TEST_RUN(test_corpus_loads);
	TEST_RUN(test_secrets_recall);
	TEST_RUN(test_innocent_unchanged);
	TEST_RUN(test_idempotent);
	TEST_RUN(test_examples);
	TEST_RUN(test_shapes);
	TEST_RUN(test_marker_not_duplicated);
	TEST_RUN(test_empty_and_null);
	TEST_RUN(test_skip_line);
	TEST_RUN(test_binary_and_nul);
	TEST_RUN(test_invalid_utf8);
	TEST_RUN(test_multiline);
	TEST_RUN(test_long_lines);
	TEST_RUN(test_throughput);
	corpus_free(&secrets);
	corpus_free(&innocent);
	return test_summary();
}
