/*
 * test_proto.c - frames and messages: round trips, and every way a frame
 * can be wrong (truncated, oversized, trailing bytes, bad type, random).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>
#include <hersh/proto.h>

#include "test.h"

static void test_round_trip_all_types(void)
{
	struct buf b = BUF_INIT;
	struct proto_msg m, d;
	const char *schema;
	size_t len;
	int t, k;

	for (t = 1; t <= PROTO_TYPE_MAX; t++) {
		schema = proto_schema(t);
		CHECK(schema != NULL);
		if (schema == NULL) {
			continue;
		}
		proto_msg_init(&m, t);
		for (k = 0; schema[k] != '\0'; k++) {
			if (schema[k] == PROTO_INT) {
				proto_set_int(&m, k, INT64_MIN + t * 1000 + k);
			} else {
				proto_set_str(&m, k, k % 2 ? "" : "h\xc3\xa9llo");
			}
		}
		buf_reset(&b);
		CHECK_INT(proto_encode(&b, &m), 0);
		CHECK_INT(proto_frame_check(b.data, b.len, &len), 0);
		CHECK_INT(len, b.len);
		CHECK_INT(proto_decode(b.data, b.len, &d), 0);
		CHECK_INT(d.type, t);
		CHECK_INT(d.nfields, (int)strlen(schema));
		for (k = 0; schema[k] != '\0'; k++) {
			if (schema[k] == PROTO_INT) {
				CHECK(d.f[k].i == INT64_MIN + t * 1000 + k);
			} else {
				CHECK_STR(d.f[k].s, k % 2 ? "" : "h\xc3\xa9llo");
			}
		}
		proto_msg_release(&d);
	}
	buf_release(&b);
}

static void test_bytes_field_keeps_nul(void)
{
	struct buf b = BUF_INIT;
	struct proto_msg m, d;

	proto_msg_init(&m, PROTO_IMPORT_DATA);
	proto_set_bytes(&m, 0, "a\0b\n", 4);
	CHECK_INT(proto_encode(&b, &m), 0);
	CHECK_INT(proto_decode(b.data, b.len, &d), 0);
	CHECK_INT(d.f[0].len, 4);
	CHECK(memcmp(d.f[0].s, "a\0b\n", 4) == 0);
	CHECK(d.f[0].s[4] == '\0');
	proto_msg_release(&d);
	buf_release(&b);
}

static void test_encoder_refuses(void)
{
	struct buf b = BUF_INIT;
	struct proto_msg m;
	char *big;

	/* unset field */
	proto_msg_init(&m, PROTO_ASK);
	proto_set_int(&m, PROTO_ASK_ID, 1);
	CHECK_INT(proto_encode(&b, &m), PROTO_EFIELD);
	/* wrong kind */
	proto_msg_init(&m, PROTO_ACK);
	proto_set_str(&m, 0, "x");
	CHECK_INT(proto_encode(&b, &m), PROTO_EFIELD);
	/* index out of range */
	proto_msg_init(&m, PROTO_ACK);
	proto_set_int(&m, 0, 1);
	proto_set_int(&m, 5, 1);
	CHECK_INT(proto_encode(&b, &m), PROTO_EFIELD);
	/* NUL in a text field */
	proto_msg_init(&m, PROTO_NOTE);
	proto_set_int(&m, 0, 1);
	proto_set_bytes(&m, 1, "a\0b", 3);
	CHECK_INT(proto_encode(&b, &m), PROTO_EFIELD);
	/* too big */
	big = malloc(PROTO_FRAME_MAX);
	memset(big, 'x', PROTO_FRAME_MAX);
	proto_msg_init(&m, PROTO_IMPORT_DATA);
	proto_set_bytes(&m, 0, big, PROTO_FRAME_MAX - 4);
	CHECK_INT(proto_encode(&b, &m), PROTO_ETOOBIG);
	proto_msg_init(&m, PROTO_IMPORT_DATA);
	proto_set_bytes(&m, 0, big, PROTO_FRAME_MAX);
	CHECK_INT(proto_encode(&b, &m), PROTO_ETOOBIG);
	free(big);
	CHECK_INT(b.len, 0);
	/* unknown type */
	proto_msg_init(&m, 200);
	CHECK_INT(proto_encode(&b, &m), PROTO_EFIELD);
	buf_release(&b);
}

static void test_largest_frame(void)
{
	struct buf b = BUF_INIT;
	struct proto_msg m, d;
	size_t n = PROTO_FRAME_MAX - 1 - 4, len;
	char *big = calloc(1, n);

	proto_msg_init(&m, PROTO_IMPORT_DATA);
	proto_set_bytes(&m, 0, big, n);
	CHECK_INT(proto_encode(&b, &m), 0);
	CHECK_INT(b.len, PROTO_FRAME_MAX + 4);
	CHECK_INT(proto_frame_check(b.data, b.len, &len), 0);
	CHECK_INT(proto_decode(b.data, b.len, &d), 0);
	proto_msg_release(&d);
	free(big);
	buf_release(&b);
}

static void test_frame_check(void)
{
	unsigned char f[16];
	size_t len;

	CHECK_INT(proto_frame_check(f, 0, &len), PROTO_EAGAIN);
	CHECK_INT(proto_frame_check(f, 3, &len), PROTO_EAGAIN);
	proto_put_u32(f, 0);
	CHECK_INT(proto_frame_check(f, 4, &len), PROTO_EEMPTY);
	proto_put_u32(f, PROTO_FRAME_MAX + 1);
	CHECK_INT(proto_frame_check(f, 4, &len), PROTO_ETOOBIG);
	proto_put_u32(f, 0xffffffffu);
	CHECK_INT(proto_frame_check(f, 4, &len), PROTO_ETOOBIG);
	proto_put_u32(f, 9);
	CHECK_INT(proto_frame_check(f, 12, &len), PROTO_EAGAIN);
	CHECK_INT(proto_frame_check(f, 13, &len), 0);
	CHECK_INT(len, 13);
	CHECK_INT(proto_frame_check(f, 16, &len), 0);
	CHECK_INT(len, 13);
}

static void test_decode_rejects(void)
{
	struct buf b = BUF_INIT;
	struct proto_msg m, d;
	size_t i;
	unsigned char *p;

	proto_msg_init(&m, PROTO_ANSWER);
	proto_set_int(&m, 0, 7);
	proto_set_int(&m, 1, 0);
	proto_set_str(&m, 2, "answer");
	CHECK_INT(proto_encode(&b, &m), 0);
	/* every truncation fails, none crashes */
	for (i = 0; i < b.len; i++) {
		CHECK(proto_decode(b.data, i, &d) < 0);
	}
	/* length field claiming less than there is: fields run short */
	p = (unsigned char *)b.data;
	proto_put_u32(p, (uint32_t)(b.len - 4 - 1));
	CHECK_INT(proto_decode(b.data, b.len - 1, &d), PROTO_ESHORT);
	proto_put_u32(p, (uint32_t)(b.len - 4));
	/* a string length beyond the frame */
	proto_put_u32(p + 5 + 16, 0x7fffffff);
	CHECK_INT(proto_decode(b.data, b.len, &d), PROTO_ESHORT);
	proto_put_u32(p + 5 + 16, 6);
	/* trailing bytes */
	buf_putc(&b, 'x');
	p = (unsigned char *)b.data;
	proto_put_u32(p, (uint32_t)(b.len - 4));
	CHECK_INT(proto_decode(b.data, b.len, &d), PROTO_ETRAILING);
	/* unknown types */
	p[4] = 0;
	CHECK_INT(proto_decode(b.data, b.len, &d), PROTO_ETYPE);
	p[4] = PROTO_TYPE_MAX + 1;
	CHECK_INT(proto_decode(b.data, b.len, &d), PROTO_ETYPE);
	p[4] = 255;
	CHECK_INT(proto_decode(b.data, b.len, &d), PROTO_ETYPE);
	buf_release(&b);

	/* NUL inside a text field */
	proto_msg_init(&m, PROTO_NOTE);
	proto_set_int(&m, 0, 1);
	proto_set_str(&m, 1, "abc");
	CHECK_INT(proto_encode(&b, &m), 0);
	b.data[b.len - 2] = '\0';
	CHECK_INT(proto_decode(b.data, b.len, &d), PROTO_ENUL);
	buf_release(&b);
}

/* xorshift: deterministic garbage */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_random_frames(void)
{
	unsigned char f[256];
	struct proto_msg d;
	size_t len, n;
	int i, ok = 0, j;

	for (i = 0; i < 200000; i++) {
		n = rng() % sizeof(f);
		for (j = 0; j < (int)n; j++) {
			f[j] = (unsigned char)rng();
		}
		if (n >= 5 && (i & 1)) {
			/* plausible header: right length, known type */
			proto_put_u32(f, (uint32_t)(n - 4));
			f[4] = (unsigned char)(1 + rng() % PROTO_TYPE_MAX);
		}
		if (proto_frame_check(f, n, &len) == 0 &&
		    proto_decode(f, len, &d) == 0) {
			ok++;
			for (j = 0; j < d.nfields; j++) {
				if (proto_schema(d.type)[j] != PROTO_INT) {
					CHECK(d.f[j].s[d.f[j].len] == '\0');
				}
			}
			proto_msg_release(&d);
		}
	}
	CHECK(ok > 0);
}

static void test_names(void)
{
	CHECK_STR(proto_type_name(PROTO_HELLO), "HELLO");
	CHECK(proto_type_name(0) == NULL);
	CHECK(proto_type_name(99) == NULL);
	CHECK(proto_is_event(PROTO_CMD_START));
	CHECK(proto_is_event(PROTO_CMD_END));
	CHECK(proto_is_event(PROTO_FEEDBACK));
	CHECK(!proto_is_event(PROTO_ASK));
	CHECK_STR(proto_strerror(PROTO_ETOOBIG), "frame too large");
	CHECK_STR(proto_strerror(-999), "unknown error");
}

int main(void)
{
	TEST_RUN(test_round_trip_all_types);
	TEST_RUN(test_bytes_field_keeps_nul);
	TEST_RUN(test_encoder_refuses);
	TEST_RUN(test_largest_frame);
	TEST_RUN(test_frame_check);
	TEST_RUN(test_decode_rejects);
	TEST_RUN(test_random_frames);
	TEST_RUN(test_names);
	return test_summary();
}
