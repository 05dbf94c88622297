/*
 * proto.c - frames and messages of the hersh wire protocol (see proto.h
 * and docs/protocol.md).  Shared by both programs: libc and <hersh/> only.
 */
#include <stdlib.h>
#include <string.h>

#include <hersh/buf.h>
#include <hersh/proto.h>

struct proto_desc {
	const char *name;
	const char *schema;
	bool event;
};

/* Indexed by enum proto_type; the schema letters are enum proto_kind. */
static const struct proto_desc proto_descs[PROTO_TYPE_MAX + 1] = {
	[PROTO_HELLO] = { "HELLO", "iiss", false },
	[PROTO_CMD_START] = { "CMD_START", "siiss", true },
	[PROTO_CMD_END] = { "CMD_END", "siiiiss", true },
	[PROTO_PROMPT] = { "PROMPT", "ii", false },
	[PROTO_NOTE] = { "NOTE", "is", false },
	[PROTO_ASK] = { "ASK", "iis", false },
	[PROTO_ANSWER] = { "ANSWER", "iis", false },
	[PROTO_FEEDBACK] = { "FEEDBACK", "sii", true },
	[PROTO_CONTROL] = { "CONTROL", "iisss", false },
	[PROTO_RESULT] = { "RESULT", "iis", false },
	[PROTO_IMPORT_DATA] = { "IMPORT_DATA", "b", false },
	[PROTO_IMPORT_ISSUE] = { "IMPORT_ISSUE", "is", false },
	[PROTO_EXPORT_DATA] = { "EXPORT_DATA", "b", false },
	[PROTO_ACK] = { "ACK", "i", false },
	[PROTO_ERROR] = { "ERROR", "is", false },
};

static const struct proto_desc *proto_desc(int type)
{
	if (type <= 0 || type > PROTO_TYPE_MAX ||
	    proto_descs[type].name == NULL) {
		return NULL;
	}
	return &proto_descs[type];
}

const char *proto_type_name(int type)
{
	const struct proto_desc *d = proto_desc(type);

	return d ? d->name : NULL;
}

const char *proto_schema(int type)
{
	const struct proto_desc *d = proto_desc(type);

	return d ? d->schema : NULL;
}

bool proto_is_event(int type)
{
	const struct proto_desc *d = proto_desc(type);

	return d != NULL && d->event;
}

const char *proto_strerror(int err)
{
	switch (err) {
	case PROTO_OK:
		return "success";
	case PROTO_EAGAIN:
		return "incomplete frame";
	case PROTO_ETOOBIG:
		return "frame too large";
	case PROTO_EEMPTY:
		return "empty frame";
	case PROTO_ETYPE:
		return "unknown message type";
	case PROTO_ESHORT:
		return "field runs past the frame";
	case PROTO_ETRAILING:
		return "trailing bytes after the last field";
	case PROTO_ENUL:
		return "NUL byte in a text field";
	case PROTO_EFIELD:
		return "missing or malformed field";
	case PROTO_ENOMEM:
		return "out of memory";
	case PROTO_EVERSION:
		return "unsupported protocol version";
	case PROTO_EORDER:
		return "message not allowed now";
	case PROTO_EUID:
		return "peer belongs to another user";
	}
	return "unknown error";
}

uint32_t proto_get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

void proto_put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint64_t get_u64(const unsigned char *p)
{
	return (uint64_t)proto_get_u32(p) | (uint64_t)proto_get_u32(p + 4) << 32;
}

static void put_u64(unsigned char *p, uint64_t v)
{
	proto_put_u32(p, (uint32_t)v);
	proto_put_u32(p + 4, (uint32_t)(v >> 32));
}

void proto_msg_init(struct proto_msg *m, enum proto_type type)
{
	const char *schema = proto_schema(type);

	memset(m, 0, sizeof(*m));
	m->type = type;
	m->nfields = schema ? (int)strlen(schema) : 0;
}

/* Marks m unencodable (an index outside its schema was used). */
static void proto_msg_poison(struct proto_msg *m)
{
	m->nfields = -1;
}

static bool proto_idx_ok(struct proto_msg *m, int idx, char kind)
{
	const char *schema = proto_schema(m->type);

	if (schema == NULL || m->nfields < 0 || idx < 0 ||
	    idx >= m->nfields) {
		proto_msg_poison(m);
		return false;
	}
	if (kind == PROTO_INT ? schema[idx] != PROTO_INT
			      : schema[idx] == PROTO_INT) {
		proto_msg_poison(m);
		return false;
	}
	return true;
}

void proto_set_int(struct proto_msg *m, int idx, int64_t v)
{
	if (proto_idx_ok(m, idx, PROTO_INT)) {
		m->f[idx].i = v;
		m->f[idx].set = true;
	}
}

void proto_set_bytes(struct proto_msg *m, int idx, const void *p, size_t n)
{
	if (!proto_idx_ok(m, idx, PROTO_BYTES)) {
		return;
	}
	if (n > PROTO_FRAME_MAX || (p == NULL && n != 0)) {
		proto_msg_poison(m);
		return;
	}
	m->f[idx].s = p ? p : "";
	m->f[idx].len = (uint32_t)n;
	m->f[idx].set = true;
}

void proto_set_str(struct proto_msg *m, int idx, const char *s)
{
	if (s == NULL) {
		s = "";
	}
	proto_set_bytes(m, idx, s, strlen(s));
}

void proto_msg_release(struct proto_msg *m)
{
	free(m->mem);
	m->mem = NULL;
}

int proto_encode(struct buf *out, const struct proto_msg *m)
{
	const char *schema = proto_schema(m->type);
	size_t start = out->len, total = 1;
	unsigned char hdr[PROTO_HEADER], num[8];
	int k;

	if (schema == NULL || m->nfields != (int)strlen(schema)) {
		return PROTO_EFIELD;
	}
	for (k = 0; k < m->nfields; k++) {
		if (!m->f[k].set) {
			return PROTO_EFIELD;
		}
		if (schema[k] == PROTO_INT) {
			total += 8;
			continue;
		}
		if (schema[k] == PROTO_TEXT &&
		    memchr(m->f[k].s, '\0', m->f[k].len) != NULL) {
			return PROTO_EFIELD;
		}
		total += 4 + (size_t)m->f[k].len;
		if (total > PROTO_FRAME_MAX) {
			return PROTO_ETOOBIG;
		}
	}
	if (out->err || buf_reserve(out, total + 4) < 0) {
		return PROTO_ENOMEM;
	}
	proto_put_u32(hdr, (uint32_t)total);
	hdr[4] = (unsigned char)m->type;
	buf_append(out, hdr, sizeof(hdr));
	for (k = 0; k < m->nfields; k++) {
		if (schema[k] == PROTO_INT) {
			put_u64(num, (uint64_t)m->f[k].i);
			buf_append(out, num, 8);
		} else {
			proto_put_u32(num, m->f[k].len);
			buf_append(out, num, 4);
			buf_append(out, m->f[k].s, m->f[k].len);
		}
	}
	if (out->err) {
		buf_truncate(out, start);
		return PROTO_ENOMEM;
	}
	return PROTO_OK;
}

int proto_frame_check(const void *p, size_t n, size_t *frame_len)
{
	uint32_t len;

	if (n < 4) {
		return PROTO_EAGAIN;
	}
	len = proto_get_u32(p);
	if (len > PROTO_FRAME_MAX) {
		return PROTO_ETOOBIG;
	}
	if (len == 0) {
		return PROTO_EEMPTY;
	}
	if (n - 4 < len) {
		return PROTO_EAGAIN;
	}
	*frame_len = (size_t)len + 4;
	return PROTO_OK;
}

/*
 * Walks the payload against the schema.  With mem == NULL it only
 * validates and counts the string bytes (*need); with mem it fills m.
 */
static int proto_walk(const unsigned char *p, size_t n, const char *schema,
		      struct proto_msg *m, char *mem, size_t *need)
{
	size_t off = 0, used = 0;
	uint32_t len;
	int k;

	for (k = 0; schema[k] != '\0'; k++) {
		if (schema[k] == PROTO_INT) {
			if (n - off < 8) {
				return PROTO_ESHORT;
			}
			if (mem != NULL) {
				m->f[k].i = (int64_t)get_u64(p + off);
				m->f[k].set = true;
			}
			off += 8;
			continue;
		}
		if (n - off < 4) {
			return PROTO_ESHORT;
		}
		len = proto_get_u32(p + off);
		off += 4;
		if (n - off < len) {
			return PROTO_ESHORT;
		}
		if (schema[k] == PROTO_TEXT &&
		    memchr(p + off, '\0', len) != NULL) {
			return PROTO_ENUL;
		}
		if (mem != NULL) {
			memcpy(mem + used, p + off, len);
			mem[used + len] = '\0';
			m->f[k].s = mem + used;
			m->f[k].len = len;
			m->f[k].set = true;
		}
		used += (size_t)len + 1;
		off += len;
	}
	if (off != n) {
		return PROTO_ETRAILING;
	}
	*need = used;
	return PROTO_OK;
}

int proto_decode(const void *p, size_t n, struct proto_msg *m)
{
	const unsigned char *b = p;
	const char *schema;
	size_t frame_len, need = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	rc = proto_frame_check(p, n, &frame_len);
	if (rc < 0) {
		return rc == PROTO_EAGAIN ? PROTO_ESHORT : rc;
	}
	if (frame_len != n) {
		return PROTO_ETRAILING;
	}
	schema = proto_schema(b[4]);
	if (schema == NULL) {
		return PROTO_ETYPE;
	}
	rc = proto_walk(b + PROTO_HEADER, n - PROTO_HEADER, schema, m, NULL,
			&need);
	if (rc < 0) {
		return rc;
	}
	m->mem = malloc(need ? need : 1);
	if (m->mem == NULL) {
		return PROTO_ENOMEM;
	}
	m->type = b[4];
	m->nfields = (int)strlen(schema);
	rc = proto_walk(b + PROTO_HEADER, n - PROTO_HEADER, schema, m, m->mem,
			&need);
	if (rc < 0) {
		proto_msg_release(m);
	}
	return rc;
}
