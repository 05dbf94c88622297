/*
 * suggest.c - the daemon's rules, the bookkeeping of what was shown, and
 * the ghost-text candidates (see suggest.h and docs/suggestions.md).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hersh/buf.h>
#include <hersh/paths.h>
#include <hersh/proto.h>
#include <hersh/suggestion.h>

#include "clock.h"
#include "persona.h"
#include "policy.h"
#include "redact.h"
#include "store.h"
#include "suggest.h"

#define SG_SESSIONS 32
#define SG_SHOWN 64		/* daemon suggestions remembered for feedback */
#define SG_CTX_MAX 32
#define SG_RECENT 400		/* commands read per prompt for recall */
#define SG_ALIAS_MIN_LEN 24	/* a "long" line */
#define SG_ALIAS_TIMES 5	/* typed this often among the recent ones */
#define SG_CARE_HOURS 3		/* session length worth a word */
#define SG_LINE_MAX 256		/* longest line offered as a command */
#define SG_HASH 1024		/* candidate table (power of two) */
#define SG_DIRS 4		/* directories whose recent commands are kept */

struct sg_session {
	char name[96];		/* "" = free slot */
	int64_t started;	/* first heard of */
	int64_t used;		/* for replacement */
	char *line;		/* the last command */
	char *cwd;
	bool ended;
	int status;
	int64_t duration_ms;
	bool long_pending;	/* it ended long: say so at the next prompt */
	int local_kind;		/* the shell shows its own this prompt */
	int64_t local_row[SUGGESTION_KINDS];	/* store rows, by kind */
	bool want_greeting;
	int hours_noted;	/* care: session hours already mentioned */
};

/* A daemon suggestion waiting for its outcome. */
struct sg_shown {
	int64_t id;
	int kind;
	char ctx[SG_CTX_MAX];
};

/* What `companion why` tells. */
struct sg_why {
	bool set;
	int kind;
	bool local;		/* found by the shell */
	int64_t time;
	char ctx[SG_CTX_MAX];
	char text[320];
	char evidence[320];
	struct policy_why pw;
};

/* A rule's proposal. */
struct sg_cand {
	int kind;
	char ctx[SG_CTX_MAX];
	double confidence;
	struct buf text;	/* the line to show */
	struct buf cmd;		/* the command it proposes, or empty */
	struct buf want;	/* first words that count as taking it */
	struct buf evidence;	/* for `companion why` */
	struct buf rule;	/* what it fires on */
};

/* The recent commands, newest first, for the alias and recall rules. */
struct sg_row {
	int64_t id;		/* in the store */
	char *line;
	char *session;
	int64_t time;
	bool failed;
};
struct sg_rows {
	struct sg_row v[SG_RECENT];
	int n;
};

/*
 * The recent commands everywhere ([0], cwd NULL) and in the last few
 * directories, kept in memory between prompts: read from the store once,
 * then kept up to date from the commands the daemon records (see
 * sg_recent_note), and read again when the store says something else
 * changed the commands (an import, a forget).
 */
struct sg_recent {
	char *cwd;
	bool loaded;
	uint64_t used;		/* for replacement */
	struct sg_rows rows;
};

struct suggest {
	struct store *st;
	struct policy *policy;
	struct persona persona;
	int64_t long_ms;	/* long-command threshold */
	int64_t memory_limit;	/* bytes */
	struct sg_session sessions[SG_SESSIONS];
	uint64_t clock;
	struct sg_shown shown[SG_SHOWN];
	int shown_next;
	struct sg_why why;
	struct policy_why local_why[SUGGESTION_KINDS];
	bool dirty;		/* policy changed since saved */
	struct sg_recent recent[1 + SG_DIRS];
	uint64_t recent_version;	/* store_version() they match */
	bool settings_loaded;
	uint64_t settings_version;	/* of the persona table, when read */
	int64_t memory_checked;	/* when the care rule looked at the file */
	bool no_mail;		/* the mail rule found nothing ... */
	uint64_t no_mail_version;	/* ... in this version of the table */
};

/* Programs whose run time says nothing (editors, pagers, remote shells). */
static const char *const sg_interactive[] = {
	"vim", "vi", "nvim", "nano", "emacs", "less", "more", "man", "ssh",
	"mosh", "top", "htop", "tmux", "screen", "watch", "tail", "journalctl",
	"python", "python3", "ipython", "psql", "mysql", "sqlite3", "mutt",
	"neomutt", "mail", "bash", "sh", "zsh", "hersh", "dash", "su",
	"sudoedit", "ed", "info", "telnet", "nc", "gdb", "irb", "node",
	"ghci", "btop", "mc", "ranger", "lynx", "w3m", "aerc", "alpine", NULL,
};

static const char sg_mail_clients[] =
	"mutt|neomutt|mail|mailx|s-nail|alpine|aerc|mu|notmuch|thunderbird|"
	"claws-mail|evolution|ask";

/* ---- small helpers -------------------------------------------------------- */

static bool sg_in(const char *const *list, const char *w)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, w) == 0) {
			return true;
		}
	}
	return false;
}

/* The first word of line (basename of a path) into w. */
static void sg_first_word(const char *line, char *w, size_t size)
{
	const char *s = line, *slash;
	size_t n = 0;

	while (*s == ' ' || *s == '\t') {
		s++;
	}
	/* skip leading assignments (VAR=x cmd) */
	while (strchr(s, '=') != NULL && strcspn(s, "= \t") < strcspn(s, " \t")
	       && strchr(s, ' ') != NULL) {
		s = strchr(s, ' ');
		while (*s == ' ') {
			s++;
		}
	}
	if (strncmp(s, "sudo ", 5) == 0 || strncmp(s, "time ", 5) == 0) {
		s += 5;
	}
	slash = s;
	while (s[n] != '\0' && s[n] != ' ' && s[n] != '\t') {
		if (s[n] == '/') {
			slash = s + n + 1;
		}
		n++;
	}
	n -= (size_t)(slash - s);
	if (n >= size) {
		n = size - 1;
	}
	memcpy(w, slash, n);
	w[n] = '\0';
}

static uint32_t sg_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * 16777619u;
	}
	return h;
}

/* Appends one NOTE field; the value loses separators and line breaks. */
static void sg_field(struct buf *note, const char *key, const char *value)
{
	const char *s;

	buf_puts(note, SUGGESTION_SEP);
	buf_puts(note, key);
	buf_putc(note, '=');
	for (s = value; *s != '\0'; s++) {
		if (strncmp(s, SUGGESTION_SEP, SUGGESTION_SEP_LEN) == 0) {
			s += SUGGESTION_SEP_LEN - 1;
			continue;
		}
		buf_putc(note, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

/* Appends s cut to max bytes (at a UTF-8 boundary, with "…"). */
static void sg_cut(struct buf *out, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max) {
		buf_puts(out, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80) {
		max--;
	}
	buf_append(out, s, max);
	buf_puts(out, "…");
}

/* Whether line may be offered for the user to run. */
static bool sg_offerable(const char *line)
{
	return line != NULL && line[0] != '\0' && line[0] != ' ' &&
	       strlen(line) <= SG_LINE_MAX &&
	       strstr(line, REDACT_MARKER) == NULL &&
	       strstr(line, SUGGESTION_SEP) == NULL &&
	       strchr(line, '\n') == NULL;
}

static void sg_cand_init(struct sg_cand *c, int kind, const char *ctx,
			 double confidence)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	snprintf(c->ctx, sizeof(c->ctx), "%s", ctx ? ctx : "");
	c->confidence = confidence;
	buf_init(&c->text, 4096);
	buf_init(&c->cmd, 4096);
	buf_init(&c->want, 1024);
	buf_init(&c->evidence, 1024);
	buf_init(&c->rule, 256);
}

static void sg_cand_release(struct sg_cand *c)
{
	buf_release(&c->text);
	buf_release(&c->cmd);
	buf_release(&c->want);
	buf_release(&c->evidence);
	buf_release(&c->rule);
}

/* ---- settings ---------------------------------------------------------------- */

/* "30", "30s", "2m", "1h" -> seconds; -1 when not that form. */
static int64_t sg_parse_seconds(const char *v)
{
	char *end;
	long long n = strtoll(v, &end, 10);

	if (end == v || n < 0 || n > 86400 * 7) {
		return -1;
	}
	if (*end == '\0' || strcmp(end, "s") == 0) {
		return n;
	}
	if (strcmp(end, "m") == 0) {
		return n * 60;
	}
	if (strcmp(end, "h") == 0) {
		return n * 3600;
	}
	return -1;
}

/* "512", "512M", "1G" -> bytes (MiB by default); -1 when not. */
static int64_t sg_parse_size(const char *v)
{
	char *end;
	long long n = strtoll(v, &end, 10);

	if (end == v || n <= 0 || n > 1024 * 1024) {
		return -1;
	}
	if (*end == '\0' || strcmp(end, "M") == 0 || strcmp(end, "MiB") == 0) {
		return (int64_t)n * 1024 * 1024;
	}
	if (strcmp(end, "G") == 0 || strcmp(end, "GiB") == 0) {
		return n > 1024 ? -1 : (int64_t)n * 1024 * 1024 * 1024;
	}
	return -1;
}

bool suggest_is_setting(const char *key)
{
	return strcmp(key, "long-command") == 0 ||
	       strcmp(key, "memory-limit") == 0;
}

int suggest_set(struct store *st, const char *key, const char *value,
		struct buf *out)
{
	bool is_long = strcmp(key, "long-command") == 0;
	int64_t v = is_long ? sg_parse_seconds(value) : sg_parse_size(value);

	if (!suggest_is_setting(key) || v < 0 || (is_long && v == 0)) {
		buf_puts(out, is_long ? "long-command: a duration (30s, 2m, 1h)"
			 : "memory-limit: a size (512M, 1G)");
		return 1;
	}
	if (store_persona_set(st, key, value) < 0) {
		buf_printf(out, "cannot save: %s", store_errmsg(st));
		return 1;
	}
	buf_printf(out, "%s set to %s", key, value);
	return 0;
}

/* The muted kinds, from the persona's "muted" setting. */
static void sg_load_mutes(struct suggest *sg)
{
	struct buf v = BUF_INIT;
	char word[16];
	const char *s;
	size_t n;
	int k;

	for (k = 1; k < SUGGESTION_KINDS; k++) {
		policy_set_muted(sg->policy, k, false);
	}
	if (store_persona_get(sg->st, "muted", &v) > 0) {
		for (s = buf_str(&v); *s != '\0'; s += n + (s[n] == ',')) {
			n = strcspn(s, ",");
			if (n > 0 && n < sizeof(word)) {
				memcpy(word, s, n);
				word[n] = '\0';
				k = suggestion_kind_parse(word);
				policy_set_muted(sg->policy, k, true);
			}
			if (s[n] == '\0') {
				break;
			}
		}
	}
	buf_release(&v);
}

static int sg_save_mutes(struct store *st, const bool *muted)
{
	struct buf v = BUF_INIT;
	int k, rc;

	for (k = 1; k < SUGGESTION_KINDS; k++) {
		if (muted[k]) {
			buf_printf(&v, "%s%s", v.len ? "," : "",
				   suggestion_kind_name(k));
		}
	}
	rc = store_persona_set(st, "muted", v.len ? buf_str(&v) : "none");
	buf_release(&v);
	return rc;
}

/* Reads what the user may have changed since the last prompt. */
static void sg_load_settings(struct suggest *sg)
{
	uint64_t version = store_version(sg->st, STORE_V_PERSONA);
	struct buf v = BUF_INIT;
	int64_t n;

	if (sg->settings_loaded && version == sg->settings_version) {
		return;		/* nothing written since */
	}
	sg->settings_loaded = true;
	sg->settings_version = version;

	persona_load(&sg->persona, sg->st);
	policy_set_chattiness(sg->policy, sg->persona.chattiness);
	sg_load_mutes(sg);
	sg->long_ms = SUGGEST_LONG_DEFAULT * 1000;
	if (store_persona_get(sg->st, "long-command", &v) > 0 &&
	    (n = sg_parse_seconds(buf_str(&v))) > 0) {
		sg->long_ms = n * 1000;
	}
	buf_reset(&v);
	sg->memory_limit = (int64_t)SUGGEST_MEMORY_LIMIT_DEFAULT * 1024 * 1024;
	if (store_persona_get(sg->st, "memory-limit", &v) > 0 &&
	    (n = sg_parse_size(buf_str(&v))) > 0) {
		sg->memory_limit = n;
	}
	buf_release(&v);
}

static void sg_save_policy(struct suggest *sg)
{
	struct buf text = BUF_INIT;

	if (!sg->dirty) {
		return;
	}
	policy_save(sg->policy, &text);
	if (!text.err && store_state_set(sg->st, "policy", buf_str(&text)) ==
	    0) {
		sg->dirty = false;
	}
	buf_release(&text);
}

/* ---- the recent commands ------------------------------------------------------ */

static int sg_collect(const struct store_cmd_row *row, void *arg)
{
	struct sg_rows *r = arg;
	struct sg_row *x;

	if (r->n >= SG_RECENT) {
		return 1;
	}
	x = &r->v[r->n];
	x->id = row->id;
	x->line = strdup(row->cmd.line ? row->cmd.line : "");
	x->session = strdup(row->cmd.session ? row->cmd.session : "");
	x->time = row->cmd.time;
	x->failed = row->cmd.has_status && row->cmd.status != 0;
	if (x->line == NULL || x->session == NULL) {
		free(x->line);
		free(x->session);
		return 1;
	}
	r->n++;
	return 0;
}

static void sg_rows_read(struct store *st, const char *cwd, struct sg_rows *r)
{
	struct store_cmd_query q;

	r->n = 0;
	memset(&q, 0, sizeof(q));
	q.cwd = cwd;
	q.newest_first = true;
	q.limit = SG_RECENT;
	store_commands(st, &q, sg_collect, r);
}

static void sg_rows_release(struct sg_rows *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].line);
		free(r->v[i].session);
	}
	r->n = 0;
}

static void sg_recent_clear(struct sg_recent *c)
{
	sg_rows_release(&c->rows);
	free(c->cwd);
	c->cwd = NULL;
	c->loaded = false;
	c->used = 0;
}

/*
 * The recent commands in cwd (NULL: everywhere), newest first, from
 * memory when they are there and still what the store holds.
 */
static const struct sg_rows *sg_recent(struct suggest *sg, const char *cwd)
{
	uint64_t version = store_version(sg->st, STORE_V_COMMANDS);
	struct sg_recent *c = &sg->recent[0], *oldest = NULL;
	int i;

	if (version != sg->recent_version) {
		for (i = 0; i <= SG_DIRS; i++) {
			sg_recent_clear(&sg->recent[i]);
		}
		sg->recent_version = version;
	}
	for (i = 1; cwd != NULL && i <= SG_DIRS; i++) {
		c = &sg->recent[i];
		if (c->loaded && strcmp(c->cwd, cwd) == 0) {
			break;
		}
		if (oldest == NULL || (oldest->loaded && (!c->loaded ||
							  c->used < oldest->used))) {
			oldest = c;
		}
	}
	if (cwd != NULL && i > SG_DIRS) {
		c = oldest;
		sg_recent_clear(c);
		if ((c->cwd = strdup(cwd)) == NULL) {
			return &c->rows;	/* empty */
		}
	}
	if (!c->loaded) {
		sg_rows_read(sg->st, cwd, &c->rows);
		c->loaded = true;
	}
	c->used = ++sg->clock;
	return &c->rows;
}

/* Where a command that started at time goes in r (newest first; the
 * store breaks ties by order of arrival), or -1 if past the end. */
static int sg_rows_slot(const struct sg_rows *r, int64_t time)
{
	int i = 0;

	while (i < r->n && r->v[i].time > time) {
		i++;
	}
	return i < SG_RECENT ? i : -1;
}

/* Adds row id (cmd) to r in its place, or marks how it ended.  False
 * when out of memory (r is then left as it was). */
static bool sg_rows_note(struct sg_rows *r, int64_t id, bool added,
			 const struct store_command *cmd)
{
	struct sg_row x;
	int i;

	if (!added) {
		for (i = 0; i < r->n; i++) {
			if (r->v[i].id == id) {
				r->v[i].failed = cmd->has_status &&
						 cmd->status != 0;
				break;
			}
		}
		return true;	/* not there: older than what r holds */
	}
	if ((i = sg_rows_slot(r, cmd->time)) < 0) {
		return true;
	}
	x.id = id;
	x.line = strdup(cmd->line);
	x.session = strdup(cmd->session ? cmd->session : "");
	x.time = cmd->time;
	x.failed = cmd->has_status && cmd->status != 0;
	if (x.line == NULL || x.session == NULL) {
		free(x.line);
		free(x.session);
		return false;
	}
	if (r->n == SG_RECENT) {
		r->n--;
		free(r->v[r->n].line);
		free(r->v[r->n].session);
	}
	memmove(&r->v[i + 1], &r->v[i], (size_t)(r->n - i) * sizeof(r->v[0]));
	r->v[i] = x;
	r->n++;
	return true;
}

/*
 * Keeps the recent commands in memory in step with one command just
 * recorded (or ended) by the store.  Any other change to the commands
 * since they were read leaves them to be read again.
 */
static void sg_recent_note(struct suggest *sg, const struct store_command *cmd)
{
	uint64_t version = store_version(sg->st, STORE_V_COMMANDS);
	struct sg_recent *c;
	bool added;
	int64_t id = store_last_command(sg->st, &added);
	int i;

	if (version == sg->recent_version) {
		return;		/* the store ignored it (a repeat) */
	}
	if (version != sg->recent_version + 1) {
		return;		/* something else too: sg_recent() rereads */
	}
	for (i = 0; i <= SG_DIRS; i++) {
		c = &sg->recent[i];
		if (!c->loaded || (i > 0 && (cmd->cwd == NULL ||
					     strcmp(c->cwd, cmd->cwd) != 0))) {
			continue;
		}
		if (!sg_rows_note(&c->rows, id, added, cmd)) {
			sg_recent_clear(c);	/* read again when needed */
		}
	}
	sg->recent_version = version;
}

/* ---- life cycle ---------------------------------------------------------------- */

struct suggest *suggest_new(struct store *st, uint64_t seed)
{
	struct suggest *sg = calloc(1, sizeof(*sg));
	struct buf v = BUF_INIT;

	if (sg == NULL) {
		return NULL;
	}
	sg->st = st;
	sg->policy = policy_new(seed);
	if (sg->policy == NULL) {
		free(sg);
		return NULL;
	}
	persona_init(&sg->persona, seed ^ 0x5851f42d4c957f2dull);
	policy_set_always(sg->policy, getenv("HERSHD_POLICY") != NULL &&
			  strcmp(getenv("HERSHD_POLICY"), "always") == 0);
	if (store_state_get(st, "policy", &v) > 0) {
		policy_load(sg->policy, buf_str(&v));
	}
	buf_release(&v);
	sg_load_settings(sg);
	return sg;
}

static void sg_session_clear(struct sg_session *s)
{
	free(s->line);
	free(s->cwd);
	memset(s, 0, sizeof(*s));
}

void suggest_free(struct suggest *sg)
{
	int i;

	if (sg == NULL) {
		return;
	}
	sg_save_policy(sg);
	for (i = 0; i < SG_SESSIONS; i++) {
		sg_session_clear(&sg->sessions[i]);
	}
	for (i = 0; i <= SG_DIRS; i++) {
		sg_recent_clear(&sg->recent[i]);
	}
	policy_free(sg->policy);
	free(sg);
}

/* The state of session name, made (and an old one dropped) if new. */
static struct sg_session *sg_session(struct suggest *sg, const char *name,
				     int64_t now)
{
	struct sg_session *s, *oldest = NULL;
	int i;

	if (name == NULL) {
		name = "";
	}
	for (i = 0; i < SG_SESSIONS; i++) {
		s = &sg->sessions[i];
		if (s->used != 0 && strcmp(s->name, name) == 0) {
			s->used = ++sg->clock;
			return s;
		}
		if (oldest == NULL || s->used < oldest->used) {
			oldest = s;
		}
	}
	sg_session_clear(oldest);
	snprintf(oldest->name, sizeof(oldest->name), "%s", name);
	oldest->started = now;
	oldest->used = ++sg->clock;
	return oldest;
}

/* ---- observing commands ------------------------------------------------------- */

/* Whether line's run time says nothing about waiting (an editor...). */
static bool sg_interactive_line(const char *line)
{
	char w[64];

	sg_first_word(line, w, sizeof(w));
	if (sg_in(sg_interactive, w)) {
		return true;
	}
	/* git commit without -m opens an editor; so does rebase -i */
	return strcmp(w, "git") == 0 && (strstr(line, " -i") != NULL ||
	       (strstr(line, "commit") != NULL && strstr(line, " -m") == NULL));
}

void suggest_command(struct suggest *sg, const struct store_command *cmd,
		     bool ended)
{
	struct sg_session *s;

	if (sg == NULL || cmd->line == NULL) {
		return;
	}
	sg_recent_note(sg, cmd);
	s = sg_session(sg, cmd->session, cmd->time);
	if (!ended || s->line == NULL || strcmp(s->line, cmd->line) != 0) {
		free(s->line);
		free(s->cwd);
		s->line = strdup(cmd->line);
		s->cwd = cmd->cwd ? strdup(cmd->cwd) : NULL;
	}
	s->ended = ended;
	s->status = ended ? cmd->status : 0;
	s->duration_ms = ended ? cmd->duration_ms : 0;
	s->long_pending = ended && cmd->duration_ms >= sg->long_ms &&
			  !sg_interactive_line(cmd->line);
}

/* ---- the daemon's rules ---------------------------------------------------------- */

static void sg_rule_long(struct suggest *sg, struct sg_session *s,
			 struct sg_cand *c)
{
	struct buf cmd = BUF_INIT, dur = BUF_INIT;
	char status[16], w[64];
	bool failed = s->status != 0;

	sg_cand_init(c, SUGGESTION_LONG, failed ? "fail" : "ok",
		     failed ? 0.9 : 0.6);
	sg_cut(&cmd, s->line, 48);
	persona_duration(&dur, s->duration_ms);
	snprintf(status, sizeof(status), "%d", s->status);
	persona_say(&sg->persona, &c->text, failed ? PERSONA_LONG_FAIL :
		    PERSONA_LONG_OK, buf_str(&cmd), buf_str(&dur), status);
	if (failed) {
		sg_first_word(s->line, w, sizeof(w));
		buf_puts(&c->want, w);
	}
	buf_printf(&c->rule, "a command ran longer than %llds",
		   (long long)(sg->long_ms / 1000));
	buf_printf(&c->evidence, "`%s` ran %s and ended with status %d",
		   buf_str(&cmd), buf_str(&dur), s->status);
	buf_release(&cmd);
	buf_release(&dur);
}

/* A mail's sender as a short name: "Amy" of "Amy Park <amy@x.org>". */
static void sg_sender_name(struct buf *out, const char *from)
{
	const char *lt = from ? strchr(from, '<') : NULL, *at;
	size_t n;

	if (from == NULL) {
		buf_puts(out, "someone");
		return;
	}
	while (*from == ' ' || *from == '"') {
		from++;
	}
	if (lt != NULL && lt > from) {
		n = strcspn(from, " \"<");
		buf_append(out, from, n);
		return;
	}
	if (lt != NULL) {
		from = lt + 1;
	}
	at = strchr(from, '@');
	n = at != NULL ? (size_t)(at - from) : strcspn(from, " >");
	buf_append(out, from, n > 32 ? 32 : n);
}

/* The address in a From value, lower case, for the policy context. */
static void sg_sender_address(char *ctx, size_t size, const char *from)
{
	const char *lt = from ? strchr(from, '<') : NULL;
	size_t i = 0;

	if (from == NULL) {
		snprintf(ctx, size, "unknown");
		return;
	}
	from = lt != NULL ? lt + 1 : from;
	for (; *from != '\0' && *from != '>' && i + 1 < size; from++) {
		if (!isspace((unsigned char)*from)) {
			ctx[i++] = (char)tolower((unsigned char)*from);
		}
	}
	ctx[i] = '\0';
}

struct sg_mails {
	int n;
	int64_t newest;
	char *best_from;
	char *best_subject;
	double best_score;
	struct suggest *sg;
};

/* The share of a sender's mails the user read (Laplace smoothed). */
static int sg_count_read(const struct store_mail_row *row, void *arg)
{
	int *counts = arg;

	counts[0]++;
	counts[1] += row->mail.read;
	return 0;
}

static double sg_sender_score(struct store *st, const char *address)
{
	struct store_mail_query q;
	int counts[2] = { 0, 0 };

	memset(&q, 0, sizeof(q));
	q.sender_part = address;
	q.newest_first = true;
	q.limit = 50;
	store_mails(st, &q, sg_count_read, counts);
	/* the new mails themselves are unread: leave them out */
	return (counts[1] + 1.0) / (counts[1] + 2.0 +
				    (counts[0] - counts[1] > 1 ?
				     counts[0] - counts[1] - 1 : 0));
}

static int sg_each_mail(const struct store_mail_row *row, void *arg)
{
	struct sg_mails *m = arg;
	char address[SG_CTX_MAX * 2];
	double score;

	m->n++;
	if (row->mail.time > m->newest) {
		m->newest = row->mail.time;
	}
	sg_sender_address(address, sizeof(address), row->mail.from);
	score = sg_sender_score(m->sg->st, address);
	if (m->best_from == NULL || score > m->best_score + 1e-9) {
		free(m->best_from);
		free(m->best_subject);
		m->best_from = strdup(row->mail.from ? row->mail.from : "");
		m->best_subject = strdup(row->mail.subject ?
					 row->mail.subject : "");
		m->best_score = score;
	}
	return 0;
}

/* Unread mail since `from`; best (sender most read) first. */
static void sg_new_mail(struct suggest *sg, int64_t from, struct sg_mails *m)
{
	struct store_mail_query q;

	memset(m, 0, sizeof(*m));
	m->sg = sg;
	memset(&q, 0, sizeof(q));
	q.from = from;
	q.unread_only = true;
	q.newest_first = true;
	q.limit = 100;
	store_mails(sg->st, &q, sg_each_mail, m);
}

static void sg_mails_release(struct sg_mails *m)
{
	free(m->best_from);
	free(m->best_subject);
}

/* "Amy: Dinner on Friday?" */
static void sg_mail_headline(struct buf *out, const struct sg_mails *m)
{
	sg_sender_name(out, m->best_from);
	buf_puts(out, ": ");
	sg_cut(out, m->best_subject[0] ? m->best_subject : "(no subject)", 60);
}

static int64_t sg_state_int(struct store *st, const char *key)
{
	struct buf v = BUF_INIT;
	int64_t n = 0;

	if (store_state_get(st, key, &v) > 0) {
		n = strtoll(buf_str(&v), NULL, 10);
	}
	buf_release(&v);
	return n;
}

static void sg_state_set_int(struct store *st, const char *key, int64_t n)
{
	char v[24];

	snprintf(v, sizeof(v), "%lld", (long long)n);
	store_state_set(st, key, v);
}

/* New mail since the last one considered: at most one decision each. */
static bool sg_rule_mail(struct suggest *sg, int64_t now, struct sg_cand *c)
{
	uint64_t version = store_version(sg->st, STORE_V_MAIL);
	struct buf head = BUF_INIT, count = BUF_INIT;
	struct sg_mails m;
	char ctx[SG_CTX_MAX];
	int64_t seen;

	if (policy_muted(sg->policy, SUGGESTION_MAIL)) {
		return false;
	}
	/* nothing new then, nothing now: the window only moves on, and
	 * only this rule and the greeting move mail.considered */
	if (sg->no_mail && sg->no_mail_version == version) {
		return false;
	}
	seen = sg_state_int(sg->st, "mail.considered");
	sg_new_mail(sg, seen > now - 86400 ? seen + 1 : now - 86400, &m);
	if (m.n == 0) {
		sg_mails_release(&m);
		sg->no_mail = true;
		sg->no_mail_version = version;
		return false;
	}
	sg_state_set_int(sg->st, "mail.considered", m.newest);
	sg_sender_address(ctx, sizeof(ctx), m.best_from);
	sg_cand_init(c, SUGGESTION_MAIL, ctx, 0.4 + 0.6 * m.best_score);
	buf_printf(&count, "%d new message%s", m.n, m.n == 1 ? "" : "s");
	sg_mail_headline(&head, &m);
	persona_say(&sg->persona, &c->text, PERSONA_MAIL, buf_str(&count),
		    buf_str(&head), NULL);
	buf_puts(&c->want, sg_mail_clients);
	buf_puts(&c->rule, "new unread mail");
	buf_printf(&c->evidence, "%s; headline from the sender read most "
		   "often (%.0f%% of their mail read)", buf_str(&count),
		   100.0 * m.best_score);
	buf_release(&head);
	buf_release(&count);
	sg_mails_release(&m);
	return true;
}

/* A short alias name from a line: "rsync_writing". */
static void sg_alias_name(struct buf *out, const char *line)
{
	char first[16], last[64] = "";
	const char *s = line, *w;
	size_t n, i;

	sg_first_word(line, first, sizeof(first));
	while (*s != '\0') {
		while (*s == ' ') {
			s++;
		}
		n = strcspn(s, " ");
		if (n > 0 && s[0] != '-' && s != line && n < sizeof(last)) {
			memcpy(last, s, n);
			last[n] = '\0';
		}
		s += n;
	}
	for (i = 0; first[i] != '\0'; i++) {
		buf_putc(out, isalnum((unsigned char)first[i]) ?
			 (char)tolower((unsigned char)first[i]) : '_');
	}
	/* the last operand's last path part, letters and digits only */
	n = strlen(last);
	while (n > 0 && !isalnum((unsigned char)last[n - 1])) {
		last[--n] = '\0';
	}
	w = strrchr(last, '/');
	w = w != NULL ? w + 1 : last;
	w += strcspn(w, ":") < strlen(w) ? strcspn(w, ":") + 1 : 0;
	for (i = 0, n = 0; w[i] != '\0' && n < 10; i++) {
		if (isalnum((unsigned char)w[i])) {
			if (n++ == 0) {
				buf_putc(out, '_');
			}
			buf_putc(out, (char)tolower((unsigned char)w[i]));
		}
	}
}

/* Appends s single-quoted for sh. */
static void sg_quote(struct buf *out, const char *s)
{
	buf_putc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'') {
			buf_puts(out, "'\\''");
		} else {
			buf_putc(out, *s);
		}
	}
	buf_putc(out, '\'');
}

static bool sg_rule_alias(struct suggest *sg, struct sg_session *s,
			  struct sg_cand *c)
{
	struct buf def = BUF_INIT, times = BUF_INIT, key = BUF_INIT;
	const struct sg_rows *recent;
	char *rc_path;
	int i, n = 0;

	if (s->line == NULL || strlen(s->line) < SG_ALIAS_MIN_LEN ||
	    strchr(s->line, ' ') == NULL || !sg_offerable(s->line) ||
	    strncmp(s->line, "cd ", 3) == 0 || s->status != 0 ||
	    strchr(s->line, '\'') != NULL ||
	    policy_muted(sg->policy, SUGGESTION_ALIAS)) {
		return false;
	}
	recent = sg_recent(sg, NULL);
	for (i = 0; i < recent->n; i++) {
		n += strcmp(recent->v[i].line, s->line) == 0;
	}
	buf_printf(&key, "alias.%08x", (unsigned)sg_hash(s->line));
	if (n < SG_ALIAS_TIMES || sg_state_int(sg->st, buf_str(&key)) != 0) {
		buf_release(&key);
		return false;
	}
	/* one decision per line: proposed now or never */
	store_state_set(sg->st, buf_str(&key), "1");
	sg_cand_init(c, SUGGESTION_ALIAS, "", 0.8);
	buf_puts(&def, "alias ");
	sg_alias_name(&def, s->line);
	buf_putc(&def, '=');
	sg_quote(&def, s->line);
	buf_printf(&times, "%d", n);
	persona_say(&sg->persona, &c->text, PERSONA_ALIAS, buf_str(&times),
		    buf_str(&def), NULL);
	rc_path = paths_file(PATHS_CONFIG, "hershrc");
	buf_puts(&c->cmd, "echo ");
	sg_quote(&c->cmd, buf_str(&def));
	buf_printf(&c->cmd, " >> %s", rc_path ? rc_path :
		   "~/.config/hersh/hershrc");
	free(rc_path);
	buf_puts(&c->rule, "a long line typed again and again");
	buf_printf(&c->evidence, "typed %d times in the last %d commands",
		   n, recent->n);
	buf_release(&def);
	buf_release(&times);
	buf_release(&key);
	return true;
}

static bool sg_rule_care(struct suggest *sg, struct sg_session *s,
			 int64_t now, struct sg_cand *c)
{
	int hours = (int)((now - s->started) / 3600);
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct stat sb;
	int64_t day = now / 86400;
	char h[16];

	if (policy_muted(sg->policy, SUGGESTION_CARE)) {
		return false;
	}
	if (hours >= SG_CARE_HOURS && hours >= s->hours_noted + SG_CARE_HOURS) {
		s->hours_noted = hours;
		snprintf(h, sizeof(h), "%d", hours);
		sg_cand_init(c, SUGGESTION_CARE, "hours", 0.5);
		persona_say(&sg->persona, &c->text, PERSONA_CARE_HOURS, h,
			    NULL, NULL);
		buf_puts(&c->rule, "a session running for hours");
		buf_printf(&c->evidence, "this shell's first command was %d "
			   "hours ago", hours);
		return true;
	}
	/* the file grows slowly: look at it once a minute */
	if (now - sg->memory_checked < 60 && now >= sg->memory_checked) {
		return false;
	}
	sg->memory_checked = now;
	if (sg_state_int(sg->st, "care.memory") == day ||
	    stat(store_path(sg->st), &sb) < 0 || sb.st_size <= sg->memory_limit) {
		return false;
	}
	sg_state_set_int(sg->st, "care.memory", day);
	sg_cand_init(c, SUGGESTION_CARE, "memory", 0.8);
	buf_printf(&a, "%lld MiB", (long long)(sb.st_size >> 20));
	buf_printf(&b, "%lld MiB", (long long)(sg->memory_limit >> 20));
	persona_say(&sg->persona, &c->text, PERSONA_CARE_MEMORY, buf_str(&a),
		    buf_str(&b), NULL);
	buf_puts(&c->rule, "the memory file past its limit");
	buf_printf(&c->evidence, "%s is %s, the limit %s",
		   store_path(sg->st), buf_str(&a), buf_str(&b));
	buf_release(&a);
	buf_release(&b);
	return true;
}

/* ---- recall: the usual next command here ---------------------------------------- */

struct sg_slot {
	const char *line;	/* NULL = empty */
	uint32_t hash;
	double score;
	bool failed;		/* the last run of it failed */
};

static struct sg_slot *sg_slot(struct sg_slot *t, const char *line)
{
	uint32_t h = sg_hash(line), i;

	for (i = h & (SG_HASH - 1);; i = (i + 1) & (SG_HASH - 1)) {
		if (t[i].line == NULL) {
			t[i].line = line;
			t[i].hash = h;
			return &t[i];
		}
		if (t[i].hash == h && strcmp(t[i].line, line) == 0) {
			return &t[i];
		}
	}
}

/*
 * Scores the lines of rows (newest first): how often each followed the
 * session's last command (in the same session), how often it ran here,
 * how recently, and at this hour.
 */
static void sg_score(struct sg_slot *t, const struct sg_rows *r,
		     const struct sg_session *s, int64_t now, double w_next,
		     double w_freq)
{
	int hour = (int)(now % 86400 / 3600), h, i;
	struct sg_slot *x;
	double age;

	for (i = r->n - 1; i >= 0; i--) {
		const struct sg_row *row = &r->v[i];

		x = sg_slot(t, row->line);
		x->failed = row->failed;
		age = (double)(now - row->time) / 86400.0;
		x->score += w_freq * exp(-(age > 0 ? age : 0) / 7.0);
		h = (int)(row->time % 86400 / 3600);
		if (abs(h - hour) <= 1 || abs(h - hour) == 23) {
			x->score += 0.3 * w_freq;
		}
		if (s->line != NULL && i + 1 < r->n &&
		    strcmp(r->v[i + 1].line, s->line) == 0 &&
		    strcmp(r->v[i + 1].session, row->session) == 0) {
			/* row came right after the last command; more so
			 * when that one ended as it did now */
			x->score += w_next * ((r->v[i + 1].failed ==
					       (s->status != 0)) ? 1.5 : 1.0);
		}
	}
}

/* Where the shell is now: cwd, or where a successful cd took it. */
static char *sg_now_cwd(const struct sg_session *s)
{
	const char *arg, *home = getenv("HOME");
	struct buf b = BUF_INIT;
	size_t n;

	if (s->cwd == NULL) {
		return NULL;
	}
	if (s->line == NULL || strncmp(s->line, "cd", 2) != 0 ||
	    (s->line[2] != ' ' && s->line[2] != '\0') || s->status != 0) {
		return strdup(s->cwd);
	}
	arg = s->line + 2;
	while (*arg == ' ') {
		arg++;
	}
	n = strcspn(arg, " ");
	if (n == 0 || (arg[0] == '~' && (arg[1] == '/' || n == 1))) {
		buf_puts(&b, home ? home : "/");
		if (n > 1) {
			buf_append(&b, arg + 1, n - 1);
		}
	} else if (arg[0] == '/') {
		buf_append(&b, arg, n);
	} else if (arg[0] == '-' || strpbrk(arg, "$`*?~\"'") != NULL) {
		return NULL;	/* cd -, expansions: unknown */
	} else {
		buf_printf(&b, "%s/", strcmp(s->cwd, "/") ? s->cwd : "");
		buf_append(&b, arg, n);
	}
	while (b.len > 1 && b.data[b.len - 1] == '/') {
		buf_truncate(&b, b.len - 1);
	}
	/* fold "/.." and "/." lexically, as the shell's cd does */
	for (;;) {
		char *p = strstr(b.data, "/../"), *q;

		if (p == NULL && b.len >= 3 &&
		    strcmp(b.data + b.len - 3, "/..") == 0) {
			p = b.data + b.len - 3;
		}
		if (p == NULL) {
			break;
		}
		*p = '\0';
		q = strrchr(b.data, '/');
		*p = '/';
		q = q != NULL ? q : b.data;
		memmove(q, p + 3, strlen(p + 3) + 1);
		b.len = strlen(b.data);
		if (b.len == 0) {
			buf_putc(&b, '/');
		}
	}
	return buf_steal(&b, NULL);
}

static int sg_cmp_slot(const void *a, const void *b)
{
	const struct sg_slot *x = *(const struct sg_slot *const *)a;
	const struct sg_slot *y = *(const struct sg_slot *const *)b;

	return x->score < y->score ? 1 : x->score > y->score ? -1 :
	       strcmp(x->line, y->line);
}

/* Appends next= fields: the likely next commands, best first. */
static void sg_recall(struct suggest *sg, struct sg_session *s, int64_t now,
		      struct buf *note)
{
	struct sg_slot *t = calloc(SG_HASH, sizeof(*t)), *best[SG_HASH];
	char *cwd = sg_now_cwd(s);
	int i, n = 0;

	if (t == NULL) {
		goto out;
	}
	if (cwd != NULL) {
		sg_score(t, sg_recent(sg, cwd), s, now, 4.0, 1.0);
	}
	sg_score(t, sg_recent(sg, NULL), s, now, 1.5, 0.1);
	for (i = 0; i < SG_HASH; i++) {
		if (t[i].line != NULL && !t[i].failed && t[i].score > 0.05 &&
		    sg_offerable(t[i].line)) {
			best[n++] = &t[i];
		}
	}
	qsort(best, (size_t)n, sizeof(best[0]), sg_cmp_slot);
	for (i = 0; i < n && i < SUGGEST_NEXT_MAX; i++) {
		sg_field(note, "next", best[i]->line);
	}
out:
	free(t);
	free(cwd);
}

/* ---- the prompt ----------------------------------------------------------------- */

/* Remembers a shown daemon suggestion for its feedback. */
static void sg_remember(struct suggest *sg, int64_t id, int kind,
			const char *ctx)
{
	struct sg_shown *x = &sg->shown[sg->shown_next];

	sg->shown_next = (sg->shown_next + 1) % SG_SHOWN;
	x->id = id;
	x->kind = kind;
	snprintf(x->ctx, sizeof(x->ctx), "%s", ctx ? ctx : "");
}

/* "session=..., cwd=..., ctx" as the stored context of a suggestion. */
static void sg_context(struct buf *out, const struct sg_session *s,
		       const char *ctx)
{
	buf_printf(out, "session=%s cwd=%s", s->name, s->cwd ? s->cwd : "");
	if (ctx != NULL && ctx[0] != '\0') {
		buf_printf(out, " ctx=%s", ctx);
	}
}

/* Records the last shown suggestion where the ask engine can find it. */
static void sg_note_last(struct store *st, int64_t id, int kind, int64_t now)
{
	char v[64];

	snprintf(v, sizeof(v), "%lld %d %lld", (long long)id, kind,
		 (long long)now);
	store_state_set(st, "suggest.last", v);
}

static void sg_set_why(struct suggest *sg, const struct sg_cand *c,
		       const struct policy_why *pw, bool local, int64_t now)
{
	struct sg_why *w = &sg->why;

	w->set = true;
	w->kind = c->kind;
	w->local = local;
	w->time = now;
	w->pw = *pw;
	snprintf(w->ctx, sizeof(w->ctx), "%s", c->ctx);
	snprintf(w->text, sizeof(w->text), "%s", buf_str(&c->rule));
	snprintf(w->evidence, sizeof(w->evidence), "%s",
		 buf_str(&c->evidence));
}

/* Shows c: stores it, spends the budget, writes the line and fields. */
static int sg_show(struct suggest *sg, struct sg_session *s,
		   struct sg_cand *c, const struct policy_why *pw,
		   int64_t now, struct buf *note)
{
	struct buf ctx = BUF_INIT;
	int64_t id = 0;
	char num[24];
	int rc;

	sg_context(&ctx, s, c->ctx);
	rc = store_add_suggestion(sg->st, suggestion_kind_name(c->kind),
				  buf_str(&ctx), buf_str(&c->text), now, &id);
	buf_release(&ctx);
	if (rc < 0) {
		return rc;
	}
	policy_shown(sg->policy, c->kind, now);
	sg_remember(sg, id, c->kind, c->ctx);
	sg_note_last(sg->st, id, c->kind, now);
	sg_set_why(sg, c, pw, false, now);
	buf_puts(note, buf_str(&c->text));
	snprintf(num, sizeof(num), "%lld", (long long)id);
	sg_field(note, "id", num);
	sg_field(note, "kind", suggestion_kind_name(c->kind));
	if (c->cmd.len > 0 && sg_offerable(buf_str(&c->cmd))) {
		sg_field(note, "cmd", buf_str(&c->cmd));
	}
	if (c->want.len > 0) {
		sg_field(note, "want", buf_str(&c->want));
	}
	return 0;
}

/* The greeting a login shell asked for, if anything is worth saying. */
static void sg_greet(struct suggest *sg, int64_t now, struct buf *note)
{
	struct persona_since since;
	struct store_cmd_query q;
	struct sg_rows *failed = malloc(sizeof(*failed));
	struct buf head = BUF_INIT, cmd = BUF_INIT;
	struct sg_mails m;
	int i;

	memset(&since, 0, sizeof(since));
	since.last_login = sg_state_int(sg->st, "login.last");
	sg_state_set_int(sg->st, "login.last", now);
	if (failed == NULL || (policy_muted(sg->policy, SUGGESTION_MAIL) &&
			       policy_muted(sg->policy, SUGGESTION_LONG))) {
		free(failed);
		return;
	}
	sg_new_mail(sg, since.last_login ? since.last_login : now - 86400, &m);
	if (m.n > 0 && !policy_muted(sg->policy, SUGGESTION_MAIL)) {
		since.new_mail = m.n;
		sg_mail_headline(&head, &m);
		since.mail_top = buf_str(&head);
		sg_state_set_int(sg->st, "mail.considered", m.newest);
		sg->no_mail = false;
	}
	/* the newest long command that failed since */
	memset(&q, 0, sizeof(q));
	q.from = since.last_login ? since.last_login : now - 86400;
	q.status = STORE_STATUS_FAILED;
	q.newest_first = true;
	q.limit = SG_RECENT;
	failed->n = 0;
	store_commands(sg->st, &q, sg_collect, failed);
	for (i = 0; i < failed->n && since.failed == NULL &&
	     !policy_muted(sg->policy, SUGGESTION_LONG); i++) {
		struct store_cmd_stats stats;

		memset(&q, 0, sizeof(q));
		q.prefix = failed->v[i].line;
		q.from = failed->v[i].time;
		q.to = failed->v[i].time + 1;
		q.status = STORE_STATUS_FAILED;
		if (store_command_stats(sg->st, &q, &stats) == 0 &&
		    stats.max_ms >= sg->long_ms &&
		    !sg_interactive_line(failed->v[i].line)) {
			sg_cut(&cmd, failed->v[i].line, 40);
			since.failed = buf_str(&cmd);
			since.failed_ms = stats.max_ms;
		}
	}
	persona_greeting(&sg->persona, now, &since, note);
	sg_rows_release(failed);
	free(failed);
	sg_mails_release(&m);
	buf_release(&head);
	buf_release(&cmd);
}

/* Which of the shell's own kinds the policy allows at this prompt. */
static void sg_local_kinds(struct suggest *sg, int64_t now, bool *recall,
			   struct buf *note)
{
	static const struct {
		int kind;
		double confidence;
	} local[] = {
		{ SUGGESTION_TYPO, 1.0 },
		{ SUGGESTION_FIX, 1.0 },
		{ SUGGESTION_CARE, 0.8 },
		{ SUGGESTION_RECALL, 1.0 },
	};
	struct buf list = BUF_INIT;
	size_t i;

	*recall = false;
	for (i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		if (policy_decide(sg->policy, local[i].kind, "",
				  local[i].confidence, now,
				  &sg->local_why[local[i].kind])) {
			buf_printf(&list, "%s%s", list.len ? "," : "",
				   suggestion_kind_name(local[i].kind));
			*recall |= local[i].kind == SUGGESTION_RECALL;
		}
	}
	sg_field(note, "local", buf_str(&list));
	buf_release(&list);
}

int suggest_prompt(struct suggest *sg, const char *session, int64_t now,
		   struct buf *note)
{
	struct sg_session *s = sg_session(sg, session, now);
	struct sg_cand c;
	struct policy_why pw;
	bool have, recall, spoke = false;
	int step, rc = 0;

	sg_load_settings(sg);
	policy_prompt(sg->policy, now);
	if (s->want_greeting) {
		s->want_greeting = false;
		sg_greet(sg, now, note);
		spoke = note->len > 0;
	}
	/* the shell shows its own suggestion at this prompt: say nothing */
	spoke |= s->local_kind != 0;
	s->local_kind = 0;
	for (step = 0; step < 4 && !spoke && rc == 0; step++) {
		switch (step) {
		case 0:
			have = s->long_pending;
			if (have) {
				sg_rule_long(sg, s, &c);
			}
			break;
		case 1:
			have = sg_rule_alias(sg, s, &c);
			break;
		case 2:
			have = sg_rule_mail(sg, now, &c);
			break;
		default:
			have = sg_rule_care(sg, s, now, &c);
			break;
		}
		if (!have) {
			continue;
		}
		if (policy_decide(sg->policy, c.kind, c.ctx, c.confidence, now,
				  &pw)) {
			rc = sg_show(sg, s, &c, &pw, now, note);
			spoke = true;
		}
		sg_cand_release(&c);
	}
	s->long_pending = false;
	sg_field(note, "name", sg->persona.name);
	sg_local_kinds(sg, now, &recall, note);
	if (recall) {
		sg_recall(sg, s, now, note);
	}
	sg_save_policy(sg);
	return rc;
}

/* ---- feedback ------------------------------------------------------------------------ */

static void sg_mute_kind(struct suggest *sg, int kind)
{
	bool muted[SUGGESTION_KINDS];
	int k;

	policy_set_muted(sg->policy, kind, true);
	for (k = 0; k < SUGGESTION_KINDS; k++) {
		muted[k] = policy_muted(sg->policy, k);
	}
	sg_save_mutes(sg->st, muted);
}

/* The shell reports one of its own suggestions (kind) and its fate. */
static int sg_local_feedback(struct suggest *sg, struct sg_session *s,
			     int kind, int outcome, int64_t now)
{
	struct buf ctx = BUF_INIT;
	struct sg_cand c;
	int64_t id = 0;
	int rc = 0;

	if (outcome == PROTO_OUTCOME_SHOWN) {
		sg_context(&ctx, s, NULL);
		rc = store_add_suggestion(sg->st, suggestion_kind_name(kind),
					  buf_str(&ctx), "(shown by the shell)",
					  now, &id);
		buf_release(&ctx);
		s->local_row[kind] = id;
		if (kind != SUGGESTION_RECALL) {
			s->local_kind = kind;
			policy_shown(sg->policy, kind, now);
			sg_note_last(sg->st, id, kind, now);
			sg_cand_init(&c, kind, "", 1.0);
			buf_printf(&c.rule, "%s, found by the shell",
				   kind == SUGGESTION_TYPO ?
				   "a command not found" :
				   kind == SUGGESTION_FIX ?
				   "a failed command with a known fix" :
				   "the disk almost full");
			buf_puts(&c.evidence, "the shell's own check at the "
				 "prompt; the policy allowed this kind");
			sg_set_why(sg, &c, &sg->local_why[kind], true, now);
			sg_cand_release(&c);
		}
		return rc < 0 ? rc : 0;
	}
	if (s->local_row[kind] > 0) {
		rc = store_set_suggestion_outcome(sg->st, s->local_row[kind],
						  outcome, now);
		s->local_row[kind] = 0;
	}
	policy_outcome(sg->policy, kind, "", outcome, now);
	sg->dirty = true;
	if (outcome == PROTO_OUTCOME_DISMISSED) {
		sg_mute_kind(sg, kind);
	}
	return rc < 0 ? rc : 0;
}

int suggest_feedback(struct suggest *sg, const char *session,
		     int64_t suggestion, int outcome, int64_t now)
{
	struct sg_session *s = sg_session(sg, session, now);
	int i, rc;

	if (outcome < PROTO_OUTCOME_SHOWN ||
	    outcome > PROTO_OUTCOME_DISMISSED) {
		return 0;
	}
	if (suggestion == -SUGGESTION_LOGIN) {
		s->want_greeting = true;
		return 0;
	}
	if (suggestion < 0) {
		if (-suggestion >= SUGGESTION_KINDS) {
			return 0;
		}
		rc = sg_local_feedback(sg, s, (int)-suggestion, outcome, now);
		sg_save_policy(sg);
		return rc;
	}
	rc = store_set_suggestion_outcome(sg->st, suggestion, outcome, now);
	for (i = 0; i < SG_SHOWN; i++) {
		if (sg->shown[i].id == suggestion && suggestion > 0 &&
		    outcome != PROTO_OUTCOME_SHOWN) {
			policy_outcome(sg->policy, sg->shown[i].kind,
				       sg->shown[i].ctx, outcome, now);
			if (outcome == PROTO_OUTCOME_DISMISSED) {
				sg_mute_kind(sg, sg->shown[i].kind);
			}
			sg->shown[i].id = 0;
			sg->dirty = true;
		}
	}
	sg_save_policy(sg);
	return rc < 0 ? rc : 0;
}

/* ---- control verbs --------------------------------------------------------------------- */

int suggest_why(struct suggest *sg, struct buf *out)
{
	const struct sg_why *w = &sg->why;

	if (!w->set) {
		buf_puts(out, "nothing suggested since hershd started");
		return 0;
	}
	buf_printf(out, "last suggestion: %s, at ",
		   suggestion_kind_name(w->kind));
	clock_format_iso(out, w->time);
	buf_printf(out, "\nrule: %s\n", w->text);
	if (w->evidence[0] != '\0') {
		buf_printf(out, "evidence: %s\n", w->evidence);
	}
	if (w->ctx[0] != '\0') {
		buf_printf(out, "context: %s\n", w->ctx);
	}
	buf_printf(out, "score: sampled chance of acceptance %.2f x "
		   "confidence %.2f = %.2f, above the cost of interrupting "
		   "%.2f\n", w->pw.theta, w->pw.confidence,
		   w->pw.theta * w->pw.confidence, w->pw.cost);
	buf_printf(out, "learned: Beta(%.1f, %.1f), mean %.2f; chattiness %s",
		   w->pw.alpha, w->pw.beta, w->pw.mean,
		   sg->persona.chattiness == POLICY_QUIET ? "quiet" :
		   sg->persona.chattiness == POLICY_CHATTY ? "chatty" :
		   "normal");
	return 0;
}

int suggest_mute(struct suggest *sg, const char *kind, bool mute,
		 int64_t now, struct buf *out)
{
	bool muted[SUGGESTION_KINDS];
	int k = suggestion_kind_parse(kind), i;

	(void)now;
	if (k == SUGGESTION_NONE && strcmp(kind, "all") != 0) {
		buf_puts(out, "kinds: typo, fix, alias, mail, long, recall, "
			 "care, all");
		return 1;
	}
	sg_load_settings(sg);
	for (i = 1; i < SUGGESTION_KINDS; i++) {
		muted[i] = policy_muted(sg->policy, i);
		if (i == k || k == SUGGESTION_NONE) {
			muted[i] = mute;
		}
	}
	muted[0] = false;
	if (sg_save_mutes(sg->st, muted) < 0) {
		buf_printf(out, "cannot save: %s", store_errmsg(sg->st));
		return 1;
	}
	sg_load_settings(sg);
	persona_say(&sg->persona, out, mute ? PERSONA_MUTED : PERSONA_UNMUTED,
		    k == SUGGESTION_NONE ? "of these" : kind, NULL, NULL);
	return 0;
}

int suggest_refuse_last(struct store *st, int64_t now, struct buf *out)
{
	struct buf v = BUF_INIT, muted = BUF_INIT;
	struct persona p;
	long long id = 0, when = 0;
	int kind = 0;
	const char *name;

	persona_init(&p, persona_seed());
	persona_load(&p, st);
	if (store_state_get(st, "suggest.last", &v) <= 0 ||
	    sscanf(buf_str(&v), "%lld %d %lld", &id, &kind, &when) != 3 ||
	    now - when > 1800 || kind <= 0 || kind >= SUGGESTION_KINDS) {
		buf_printf(out, "%s: I haven't suggested anything lately",
			   p.name);
		buf_release(&v);
		return 1;
	}
	store_set_suggestion_outcome(st, id, PROTO_OUTCOME_DISMISSED, now);
	name = suggestion_kind_name(kind);
	if (store_persona_get(st, "muted", &muted) > 0 &&
	    strcmp(buf_str(&muted), "none") != 0) {
		buf_putc(&muted, ',');
	} else {
		buf_reset(&muted);
	}
	buf_puts(&muted, name);
	store_persona_set(st, "muted", buf_str(&muted));
	persona_say(&p, out, PERSONA_MUTED, name, NULL, NULL);
	buf_release(&v);
	buf_release(&muted);
	return 0;
}

/* ---- for tests and the simulator ------------------------------------------------------ */

struct policy *suggest_policy(struct suggest *sg)
{
	return sg->policy;
}

bool suggest_last_shown(struct suggest *sg, int *kind, char *ctx,
			size_t size, double *confidence)
{
	if (!sg->why.set) {
		return false;
	}
	*kind = sg->why.kind;
	snprintf(ctx, size, "%s", sg->why.ctx);
	*confidence = sg->why.pw.confidence;
	return true;
}
