/*
 * test.h - a tiny assertion helper for unit tests.
 *
 * Each test file defines main() that calls TEST_RUN(fn) for each test
 * function and ends with `return test_summary();`, which prints
 * "N passed, N failed" for the file.  A failing CHECK records the failure
 * with its file and line and lets the test go on.
 */
#ifndef HERSH_TEST_H
#define HERSH_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_checks;
static int test_passed;
static int test_failed;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			__LINE__, #cond); \
		test_failed_checks++; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ == NULL || strcmp(g_, w_) != 0) { \
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", \
			__FILE__, __LINE__, g_ ? g_ : "(null)", w_); \
		test_failed_checks++; \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ != w_) { \
		fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", \
			__FILE__, __LINE__, #got, g_, w_); \
		test_failed_checks++; \
	} \
} while (0)

#define TEST_RUN(fn) do { \
	int before_ = test_failed_checks; \
	fn(); \
	if (test_failed_checks == before_) { \
		test_passed++; \
	} else { \
		fprintf(stderr, "FAIL %s\n", #fn); \
		test_failed++; \
	} \
} while (0)

static inline int test_summary(void)
{
	printf("%d passed, %d failed\n", test_passed, test_failed);
	return test_failed != 0;
}

#endif
