/*
 * mail.c - mbox and Maildir readers (see mail.h).  This file reads the
 * bytes and follows the files; mailparse.c makes sense of them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "loop.h"
#include "mail.h"
#include "mailparse.h"
#include "worker.h"

#define MBOX_DIR_MASK (IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | \
		       IN_ONLYDIR)
#define MBOX_FILE_MASK (IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE_SELF | \
			IN_MOVE_SELF)
#define MAILDIR_MASK (IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | \
		      IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)
/* An mbox is read this long after its last write event. */
#define MAIL_SETTLE_MS 200
/* Bytes per read of an mbox; bytes at its end remembered by hash. */
#define CHUNK 65536
#define TAIL 4096

/* Message ident hashes -> read state (open addressing, 0 = empty). */
struct idset {
	uint64_t *keys;
	unsigned char *vals;
	size_t cap;		/* a power of two, or 0 */
	size_t len;
};

enum box_kind {
	BOX_MBOX,
	BOX_MAILDIR,
};

struct box {
	enum box_kind kind;
	char *path;		/* the mbox file, or the Maildir */
	char *name;		/* the mailbox's name */
	struct idset known;	/* messages seen, with their read state */
	/* mbox */
	char *dir;		/* the file's directory */
	const char *base;	/* its name in dir (points into path) */
	int wd_dir;
	int wd_file;
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
	uint64_t fed;		/* bytes given to the parser */
	uint64_t tail;		/* hash of the TAIL bytes before fed */
	struct mailparse_mbox parser;
	struct idset old;	/* while read again: what was known */
	bool again;		/* being read again from the start */
	bool dirty;		/* changed since last read */
	/* Maildir */
	int wd_new;
	int wd_cur;
};

struct mail {
	int fd;
	struct loop *loop;
	struct loop_timer *timer;
	struct mail_sink sink;
	struct box *boxes[MAIL_BOXES_MAX];
	int nboxes;
	struct worker *worker;	/* parses headers, if set */
	struct mailparse_msg msg;	/* scratch */
	struct buf ident;	/* scratch */
	struct buf reply;	/* scratch: the worker's answer */
	unsigned long worker_failures;
	unsigned long messages;	/* reported */
	unsigned long updates;	/* read changes reported */
	unsigned long overflows;
	int batch;		/* depth of batch_begin() */
};

/* ---- the ident set ---------------------------------------------------- */

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h = (h ^ s[i]) * 0x100000001b3ULL;
	}
	return h;
}

#define HASH_INIT 0xcbf29ce484222325ULL

static uint64_t ident_key(const char *ident)
{
	uint64_t h = hash_bytes(HASH_INIT, ident, strlen(ident));

	return h ? h : 1;
}

static unsigned char *idset_find(const struct idset *s, uint64_t key)
{
	size_t i;

	if (s->cap == 0) {
		return NULL;
	}
	for (i = key & (s->cap - 1); s->keys[i] != 0;
	     i = (i + 1) & (s->cap - 1)) {
		if (s->keys[i] == key) {
			return &s->vals[i];
		}
	}
	return NULL;
}

static void idset_release(struct idset *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

/* Adds or updates key.  Past MAIL_KNOWN_MAX keys, new ones are dropped. */
static void idset_put(struct idset *s, uint64_t key, unsigned char val)
{
	unsigned char *v = idset_find(s, key);
	struct idset bigger = { NULL, NULL, 0, 0 };
	size_t i;

	if (v != NULL) {
		*v = val;
		return;
	}
	if (s->len >= MAIL_KNOWN_MAX) {
		return;
	}
	if ((s->len + 1) * 2 > s->cap) {
		bigger.cap = s->cap ? s->cap * 2 : 64;
		bigger.keys = calloc(bigger.cap, sizeof(*bigger.keys));
		bigger.vals = calloc(bigger.cap, sizeof(*bigger.vals));
		if (bigger.keys == NULL || bigger.vals == NULL) {
			idset_release(&bigger);
			return;
		}
		for (i = 0; i < s->cap; i++) {
			if (s->keys[i] != 0) {
				idset_put(&bigger, s->keys[i], s->vals[i]);
			}
		}
		idset_release(s);
		*s = bigger;
	}
	for (i = key & (s->cap - 1); s->keys[i] != 0;
	     i = (i + 1) & (s->cap - 1)) {
	}
	s->keys[i] = key;
	s->vals[i] = val;
	s->len++;
}

/* ---- batches --------------------------------------------------------- */

static void batch_begin(struct mail *m)
{
	if (m->batch++ == 0 && m->sink.batch != NULL) {
		m->sink.batch(m->sink.ctx, true);
	}
}

static void batch_end(struct mail *m)
{
	if (--m->batch == 0 && m->sink.batch != NULL) {
		m->sink.batch(m->sink.ctx, false);
	}
}

/* ---- parsing ---------------------------------------------------------- */

/* Parses a header block into m->msg, in the worker when there is one. */
static void parse_header(struct mail *m, const char *p, size_t n)
{
	int rc;

	if (m->worker == NULL) {
		mailparse_msg_parse(&m->msg, p, n);
		return;
	}
	if (n > MAILPARSE_HEADER_MAX) {
		n = MAILPARSE_HEADER_MAX;
	}
	rc = worker_request(m->worker, WORKER_MAIL_HEADERS, p, n, &m->reply,
			    0);
	if (rc == 0 && mailparse_msg_decode(&m->msg, buf_str(&m->reply),
					    m->reply.len) == 0) {
		return;
	}
	m->worker_failures++;
	error_f("mail header not parsed: %s",
		rc < 0 ? worker_strerror(rc) : "bad reply");
	mailparse_msg_parse(&m->msg, "", 0);
}

void mail_set_worker(struct mail *m, struct worker *w)
{
	m->worker = w;
}

/* ---- reporting -------------------------------------------------------- */

static void report(struct mail *m, const struct box *b, int64_t time,
		   bool read)
{
	struct mail_msg msg;

	msg.time = time;
	msg.from = buf_str(&m->msg.from);
	msg.subject = buf_str(&m->msg.subject);
	msg.mailbox = b->name;
	msg.read = read;
	msg.ident = buf_str(&m->ident);
	m->messages++;
	if (m->sink.message != NULL) {
		m->sink.message(m->sink.ctx, &msg);
	}
}

static void report_read(struct mail *m, bool read)
{
	m->updates++;
	if (m->sink.read != NULL) {
		m->sink.read(m->sink.ctx, buf_str(&m->ident), read);
	}
}

/* ---- mbox ------------------------------------------------------------- */

/* Hash of the TAIL bytes of fd before end. */
static uint64_t tail_hash(int fd, uint64_t end)
{
	char bytes[TAIL];
	uint64_t start = end > TAIL ? end - TAIL : 0;
	ssize_t n = 0;

	if (end > 0) {
		n = pread(fd, bytes, (size_t)(end - start), (off_t)start);
	}
	return hash_bytes(HASH_INIT, bytes, n > 0 ? (size_t)n : 0);
}

struct mbox_ctx {
	struct mail *m;
	struct box *b;
};

static int mbox_on_message(void *ctx, uint64_t offset, const char *from_line,
			   size_t from_len, const char *header,
			   size_t header_len)
{
	struct mbox_ctx *c = ctx;
	struct mail *m = c->m;
	struct box *b = c->b;
	struct mailparse_msg *msg = &m->msg;
	const struct idset *before = b->again ? &b->old : &b->known;
	unsigned char *was;
	int64_t t, epoch;
	uint64_t h, key;
	bool read;

	parse_header(m, header, header_len);
	buf_reset(&m->ident);
	buf_printf(&m->ident, "mbox:%s:", b->name);
	if (msg->message_id.len > 0) {
		buf_printf(&m->ident, "<%s>", buf_str(&msg->message_id));
	} else {
		h = hash_bytes(HASH_INIT, from_line, from_len);
		h = hash_bytes(h, msg->from.data, msg->from.len);
		h = hash_bytes(h, msg->subject.data, msg->subject.len);
		h = hash_bytes(h, &msg->date, sizeof(msg->date));
		buf_printf(&m->ident, "%016llx", (unsigned long long)h);
	}
	key = ident_key(buf_str(&m->ident));
	read = (msg->flags & MAILPARSE_SEEN) != 0;
	was = idset_find(before, key);
	if (was == NULL && (!b->again || idset_find(&b->known, key) == NULL)) {
		if (msg->has_date) {
			t = clock_from_epoch(msg->date);
		} else if (from_len > 5 &&
			   mailparse_date(from_line + 5, from_len - 5,
					  &epoch)) {
			t = clock_from_epoch(epoch);
		} else {
			t = clock_now();
		}
		report(m, b, t, read);
	} else if (was != NULL && (*was != 0) != read) {
		report_read(m, read);
	}
	idset_put(&b->known, key, read);
	if (was != NULL) {
		*was = read;	/* a duplicate later in the file agrees */
	}
	(void)offset;
	return 0;
}

/* Starts reading b from the start, remembering what was known. */
static void mbox_start_over(struct box *b)
{
	idset_release(&b->old);
	b->old = b->known;
	memset(&b->known, 0, sizeof(b->known));
	mailparse_mbox_release(&b->parser);
	mailparse_mbox_init(&b->parser);
	b->fed = 0;
	b->tail = 0;
	b->again = true;
}

static void mbox_watch_file(struct mail *m, struct box *b)
{
	int wd = inotify_add_watch(m->fd, b->path, MBOX_FILE_MASK);

	if (wd >= 0) {
		b->wd_file = wd;
	}
}

/* Reads what is new in an mbox, or all of it when it was rewritten. */
static void mbox_read(struct mail *m, struct box *b)
{
	struct mbox_ctx c = { m, b };
	static char chunk[CHUNK];
	struct stat st;
	uint64_t size;
	ssize_t n;
	bool again;
	int fd;

	b->dirty = false;
	fd = open(b->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0) {
			close(fd);
		}
		/* gone (all mail taken away): start afresh when it returns */
		mbox_start_over(b);
		idset_release(&b->old);
		b->again = false;
		b->ino = 0;
		return;
	}
	if (b->wd_file < 0) {
		mbox_watch_file(m, b);
	}
	size = (uint64_t)st.st_size;
	again = st.st_ino != b->ino || st.st_dev != b->dev || size < b->fed ||
		(size == b->fed &&
		 (st.st_mtim.tv_sec != b->mtime.tv_sec ||
		  st.st_mtim.tv_nsec != b->mtime.tv_nsec)) ||
		tail_hash(fd, b->fed) != b->tail;
	if (again) {
		mbox_start_over(b);
	}
	while (b->fed < size) {
		n = pread(fd, chunk, size - b->fed < CHUNK ?
			  (size_t)(size - b->fed) : CHUNK, (off_t)b->fed);
		if (n <= 0) {
			break;
		}
		mailparse_mbox_feed(&b->parser, chunk, (size_t)n,
				    mbox_on_message, &c);
		b->fed += (uint64_t)n;
	}
	b->tail = tail_hash(fd, b->fed);
	b->dev = st.st_dev;
	b->ino = st.st_ino;
	b->mtime = st.st_mtim;
	if (b->again) {
		idset_release(&b->old);
		b->again = false;
	}
	close(fd);
}

/* ---- Maildir ---------------------------------------------------------- */

/* Reads the header of a Maildir message into m->msg.  false when the
 * file is gone or still empty. */
static bool maildir_read(struct mail *m, const char *path, int64_t *time)
{
	struct buf bytes = BUF_INIT;
	struct stat st;
	char chunk[16384];
	bool complete = false;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		return false;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		return false;
	}
	while (!complete && bytes.len < MAIL_READ_MAX &&
	       (n = read(fd, chunk, sizeof(chunk))) > 0) {
		buf_append(&bytes, chunk, (size_t)n);
		mailparse_header_len(buf_str(&bytes), bytes.len, &complete);
	}
	close(fd);
	parse_header(m, buf_str(&bytes), bytes.len);
	buf_release(&bytes);
	*time = m->msg.has_date ? m->msg.date : (int64_t)st.st_mtime;
	return true;
}

/*
 * A file name in new/ or cur/ of Maildir b: a message to report when it
 * is not known, or a read state to follow.  With headers false only its
 * state is remembered.
 */
static void maildir_file(struct mail *m, struct box *b, bool in_cur,
			 const char *name, bool headers)
{
	char path[PATH_MAX];
	unsigned flags;
	unsigned char *was;
	size_t ulen;
	int64_t t;
	bool read;

	if (name[0] == '.') {
		return;
	}
	ulen = mailparse_maildir_name(name, strlen(name), &flags);
	if (ulen == 0) {
		return;
	}
	read = in_cur && (flags & MAILPARSE_SEEN);
	buf_reset(&m->ident);
	buf_puts(&m->ident, "maildir:");
	buf_append(&m->ident, name, ulen);
	was = idset_find(&b->known, ident_key(buf_str(&m->ident)));
	if (was != NULL) {
		if ((*was != 0) != read) {
			*was = read;
			report_read(m, read);
		}
		return;
	}
	if (headers) {
		if (snprintf(path, sizeof(path), "%s/%s/%s", b->path,
			     in_cur ? "cur" : "new", name) >=
		    (int)sizeof(path) || !maildir_read(m, path, &t)) {
			return;	/* gone, or not written yet */
		}
		/* the ident buffer is intact: maildir_read does not use it */
		report(m, b, clock_from_epoch(t), read);
	}
	idset_put(&b->known, ident_key(buf_str(&m->ident)), read);
}

struct entry {
	char *name;
	unsigned long long stamp;	/* the name's leading number */
	bool in_cur;
};

static int entry_newest_first(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->stamp < y->stamp ? 1 : x->stamp > y->stamp ? -1 : 0;
}

/* Reads new/ and cur/: the newest MAIL_SCAN_MAX messages are reported,
 * all are followed. */
static void maildir_scan(struct mail *m, struct box *b)
{
	struct entry *list = NULL, *more;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	char path[PATH_MAX];
	DIR *dir;
	int sub;

	for (sub = 0; sub < 2; sub++) {
		snprintf(path, sizeof(path), "%s/%s", b->path,
			 sub ? "cur" : "new");
		dir = opendir(path);
		if (dir == NULL) {
			continue;
		}
		while ((de = readdir(dir)) != NULL &&
		       n < MAIL_KNOWN_MAX) {
			if (de->d_name[0] == '.') {
				continue;
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				more = realloc(list, cap * sizeof(*list));
				if (more == NULL) {
					break;
				}
				list = more;
			}
			list[n].name = strdup(de->d_name);
			if (list[n].name == NULL) {
				break;
			}
			list[n].stamp = strtoull(de->d_name, NULL, 10);
			list[n].in_cur = sub == 1;
			n++;
		}
		closedir(dir);
	}
	if (n > 0) {
		qsort(list, n, sizeof(*list), entry_newest_first);
	}
	for (i = 0; i < n; i++) {
		maildir_file(m, b, list[i].in_cur, list[i].name,
			     i < MAIL_SCAN_MAX);
		free(list[i].name);
	}
	free(list);
}

/* ---- mailboxes -------------------------------------------------------- */

static void box_free(struct box *b)
{
	if (b == NULL) {
		return;
	}
	idset_release(&b->known);
	idset_release(&b->old);
	mailparse_mbox_release(&b->parser);
	free(b->path);
	free(b->name);
	free(b->dir);
	free(b);
}

static struct box *box_new(struct mail *m, enum box_kind kind,
			   const char *path, const char *name)
{
	struct box *b;
	int i;

	if (path == NULL || path[0] != '/' || name == NULL ||
	    strlen(path) >= PATH_MAX - 64) {
		errno = EINVAL;
		return NULL;
	}
	for (i = 0; i < m->nboxes; i++) {
		if (strcmp(m->boxes[i]->path, path) == 0) {
			errno = EEXIST;
			return NULL;
		}
	}
	if (m->nboxes == MAIL_BOXES_MAX) {
		errno = ENOSPC;
		return NULL;
	}
	b = calloc(1, sizeof(*b));
	if (b == NULL) {
		return NULL;
	}
	b->kind = kind;
	b->wd_dir = b->wd_file = b->wd_new = b->wd_cur = -1;
	mailparse_mbox_init(&b->parser);
	b->path = strdup(path);
	b->name = strdup(name);
	if (b->path == NULL || b->name == NULL) {
		box_free(b);
		errno = ENOMEM;
		return NULL;
	}
	return b;
}

int mail_add_mbox(struct mail *m, const char *path, const char *name)
{
	struct box *b = box_new(m, BOX_MBOX, path, name);
	char *slash;
	int err;

	if (b == NULL) {
		return -1;
	}
	b->dir = strdup(path);
	if (b->dir == NULL) {
		box_free(b);
		errno = ENOMEM;
		return -1;
	}
	slash = strrchr(b->dir, '/');
	*slash = '\0';
	b->base = b->path + (slash - b->dir) + 1;
	b->wd_dir = inotify_add_watch(m->fd, slash == b->dir ? "/" : b->dir,
				      MBOX_DIR_MASK);
	if (b->wd_dir < 0 || b->base[0] == '\0') {
		err = b->wd_dir < 0 ? errno : EINVAL;
		box_free(b);
		errno = err;
		return -1;
	}
	m->boxes[m->nboxes++] = b;
	batch_begin(m);
	mbox_read(m, b);
	batch_end(m);
	return 0;
}

int mail_add_maildir(struct mail *m, const char *dir, const char *name)
{
	struct box *b = box_new(m, BOX_MAILDIR, dir, name);
	char path[PATH_MAX];
	int err;

	if (b == NULL) {
		return -1;
	}
	snprintf(path, sizeof(path), "%s/new", dir);
	b->wd_new = inotify_add_watch(m->fd, path, MAILDIR_MASK);
	err = errno;
	snprintf(path, sizeof(path), "%s/cur", dir);
	if (b->wd_new >= 0) {
		b->wd_cur = inotify_add_watch(m->fd, path, MAILDIR_MASK);
		err = errno;
	}
	if (b->wd_new < 0 || b->wd_cur < 0) {
		box_free(b);
		errno = err;
		return -1;
	}
	m->boxes[m->nboxes++] = b;
	batch_begin(m);
	maildir_scan(m, b);
	batch_end(m);
	return 0;
}

static bool is_maildir(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof(path), "%s/cur", dir) >= (int)sizeof(path) ||
	    stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		return false;
	}
	snprintf(path, sizeof(path), "%s/new", dir);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds path as an mbox, or as a Maildir when it is one. */
static int add_path(struct mail *m, const char *path, const char *name)
{
	if (is_maildir(path)) {
		return mail_add_maildir(m, path, name);
	}
	return mail_add_mbox(m, path, name);
}

/* ~/Maildir and its Maildir++ folders (".Lists.debian" is
 * "Lists/debian"). */
static int add_maildirs(struct mail *m, const char *home)
{
	char root[PATH_MAX], path[PATH_MAX], name[256];
	struct dirent *de;
	DIR *dir;
	int added = 0;
	size_t i;

	if (snprintf(root, sizeof(root), "%s/Maildir", home) >=
	    (int)sizeof(root) || !is_maildir(root)) {
		return 0;
	}
	added += mail_add_maildir(m, root, "INBOX") == 0;
	dir = opendir(root);
	if (dir == NULL) {
		return added;
	}
	while ((de = readdir(dir)) != NULL && m->nboxes < MAIL_BOXES_MAX) {
		if (de->d_name[0] != '.' || de->d_name[1] == '\0' ||
		    strcmp(de->d_name, "..") == 0 ||
		    strlen(de->d_name) >= sizeof(name) ||
		    snprintf(path, sizeof(path), "%s/%s", root, de->d_name) >=
		    (int)sizeof(path) || !is_maildir(path)) {
			continue;
		}
		snprintf(name, sizeof(name), "%s", de->d_name + 1);
		for (i = 0; name[i] != '\0'; i++) {
			if (name[i] == '.') {
				name[i] = '/';
			}
		}
		added += mail_add_maildir(m, path, name) == 0;
	}
	closedir(dir);
	return added;
}

int mail_add_from_env(struct mail *m, const char *mail, const char *mailpath,
		      const char *user, const char *home)
{
	char path[PATH_MAX];
	const char *p, *end, *cut, *base;
	size_t len;
	int added = 0;

	for (p = mailpath; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		end = end ? end : p + strlen(p);
		cut = p;
		while (cut < end && *cut != '%' && *cut != '?') {
			cut++;
		}
		len = (size_t)(cut - p);
		if (len == 0 || *p != '/' || len >= sizeof(path)) {
			continue;
		}
		memcpy(path, p, len);
		path[len] = '\0';
		base = strrchr(path, '/') + 1;
		added += add_path(m, path, mail && strcmp(path, mail) == 0 ?
				  "INBOX" : *base ? base : "INBOX") == 0;
	}
	if (mail != NULL && *mail == '/') {
		added += add_path(m, mail, "INBOX") == 0;
	} else if ((mailpath == NULL || *mailpath == '\0') && user != NULL &&
		   *user != '\0' && strchr(user, '/') == NULL &&
		   snprintf(path, sizeof(path), "/var/mail/%s", user) <
		   (int)sizeof(path)) {
		added += mail_add_mbox(m, path, "INBOX") == 0;
	}
	if (home != NULL && *home == '/') {
		added += add_maildirs(m, home);
	}
	return added;
}

/* ---- events ----------------------------------------------------------- */

static void on_timer(struct loop *l, void *data)
{
	struct mail *m = data;

	m->timer = NULL;
	mail_flush(m);
}

static void mark_dirty(struct mail *m, struct box *b)
{
	b->dirty = true;
	if (m->loop != NULL && m->timer == NULL) {
		m->timer = loop_add_timer(m->loop, MAIL_SETTLE_MS, on_timer, m);
	}
}

static void overflow(struct mail *m)
{
	int i;

	m->overflows++;
	info_f("inotify queue overflow: reading every mailbox again");
	for (i = 0; i < m->nboxes; i++) {
		if (m->boxes[i]->kind == BOX_MBOX) {
			mark_dirty(m, m->boxes[i]);
		} else {
			maildir_scan(m, m->boxes[i]);
		}
	}
}

static void handle_one(struct mail *m, const struct inotify_event *ev,
		       const char *name)
{
	int i;

	if (ev->mask & IN_Q_OVERFLOW) {
		overflow(m);
		return;
	}
	for (i = 0; i < m->nboxes; i++) {
		struct box *b = m->boxes[i];

		if (b->kind == BOX_MBOX) {
			if (ev->wd == b->wd_file) {
				if (ev->mask & IN_IGNORED) {
					b->wd_file = -1;
				}
				mark_dirty(m, b);
			} else if (ev->wd == b->wd_dir && name != NULL &&
				   strcmp(name, b->base) == 0) {
				mark_dirty(m, b);
			}
		} else if ((ev->wd == b->wd_new || ev->wd == b->wd_cur) &&
			   name != NULL && !(ev->mask & IN_ISDIR) &&
			   (ev->mask & (IN_CREATE | IN_MOVED_TO |
					IN_CLOSE_WRITE))) {
			maildir_file(m, b, ev->wd == b->wd_cur, name, true);
		}
	}
}

int mail_handle_events(struct mail *m)
{
	static char buf[CHUNK]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	char name[NAME_MAX + 1];
	size_t off, len;
	ssize_t n;
	int count = 0, reads;

	batch_begin(m);
	for (reads = 0; reads < 64; reads++) {
		n = read(m->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			if (n < 0 && errno != EAGAIN) {
				error_f("inotify read: %s", strerror(errno));
				count = -1;
			}
			break;
		}
		for (off = 0; (size_t)n - off >= sizeof(*ev);
		     off += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(buf + off);
			if (ev->len > (size_t)n - off - sizeof(*ev)) {
				break;
			}
			len = strnlen(ev->name, ev->len);
			if (len > NAME_MAX) {
				len = NAME_MAX;
			}
			memcpy(name, ev->name, len);
			name[len] = '\0';
			handle_one(m, ev, len > 0 ? name : NULL);
			count++;
		}
	}
	batch_end(m);
	return count;
}

void mail_flush(struct mail *m)
{
	int i;

	batch_begin(m);
	for (i = 0; i < m->nboxes; i++) {
		if (m->boxes[i]->kind == BOX_MBOX && m->boxes[i]->dirty) {
			mbox_read(m, m->boxes[i]);
		}
	}
	batch_end(m);
}

/* ---- life cycle ------------------------------------------------------- */

static void on_readable(struct loop *l, int fd, unsigned events, void *data)
{
	mail_handle_events(data);
}

struct mail *mail_new(struct loop *loop, const struct mail_sink *sink)
{
	struct mail *m = calloc(1, sizeof(*m));
	int err;

	if (m == NULL) {
		return NULL;
	}
	mailparse_msg_init(&m->msg);
	buf_init(&m->ident, 0);
	buf_init(&m->reply, 0);
	if (sink != NULL) {
		m->sink = *sink;
	}
	m->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (m->fd < 0) {
		goto fail;
	}
	if (loop != NULL &&
	    loop_add_fd(loop, m->fd, LOOP_READ, on_readable, m) < 0) {
		goto fail;
	}
	m->loop = loop;
	return m;
fail:
	err = errno;
	mail_free(m);
	errno = err;
	return NULL;
}

void mail_free(struct mail *m)
{
	int i;

	if (m == NULL) {
		return;
	}
	if (m->loop != NULL) {
		if (m->timer != NULL) {
			loop_del_timer(m->loop, m->timer);
		}
		loop_del_fd(m->loop, m->fd);
	}
	for (i = 0; i < m->nboxes; i++) {
		box_free(m->boxes[i]);
	}
	if (m->fd >= 0) {
		close(m->fd);
	}
	mailparse_msg_release(&m->msg);
	buf_release(&m->ident);
	buf_release(&m->reply);
	free(m);
}

int mail_fd(const struct mail *m)
{
	return m->fd;
}

void mail_status(const struct mail *m, struct buf *out)
{
	size_t i, unread;
	int k;

	buf_printf(out, "mail: %d mailbox%s", m->nboxes,
		   m->nboxes == 1 ? "" : "es");
	for (k = 0; k < m->nboxes; k++) {
		const struct box *b = m->boxes[k];

		unread = 0;
		for (i = 0; i < b->known.cap; i++) {
			unread += b->known.keys[i] != 0 && !b->known.vals[i];
		}
		buf_printf(out, "%s %s (%s, %zu messages, %zu unread)",
			   k ? "," : ":", b->name,
			   b->kind == BOX_MBOX ? "mbox" : "Maildir",
			   b->known.len, unread);
	}
	if (m->overflows > 0) {
		buf_printf(out, ", %lu overflow%s (reread)", m->overflows,
			   m->overflows == 1 ? "" : "s");
	}
	if (m->worker_failures > 0) {
		buf_printf(out, ", %lu header%s the parser failed on",
			   m->worker_failures,
			   m->worker_failures == 1 ? "" : "s");
	}
}
