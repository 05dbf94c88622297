/*
 * ask.c - question -> query plan over the store and the docs -> answer
 * (see ask.h and docs/ask.md).
 *
 * The words go through nlu.c (tokens, normal forms, stems), the user's
 * vocabulary is brought up to date (vocab.c), intent.c decides what is
 * asked and fills the slots, and one handler per domain runs the store
 * queries and composes the reply with answer.c.  Every handler answers
 * "no" plainly when the memory has nothing, and questions the memory
 * cannot answer get an honest "I don't know".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "ask.h"
#include "clock.h"
#include "docs.h"
#include "howto.h"
#include "intent.h"
#include "loop.h"
#include "nlu.h"
#include "sandbox.h"
#include "store.h"
#include "sysinfo.h"
#include "vocab.h"

#define DAY 86400
/* Items in a list answer before "...and N more". */
#define ASK_LIST_CAP 6

struct ask {
	struct store *st;
	const struct vocab *v;
	struct nlu *q;
	struct intent *in;
	int64_t now;
	struct buf *out;
	char user[64];		/* the user's name, or "" */
	char self[64];		/* the companion's name */
	const char *home;
	int64_t first;		/* the memory's first event, 0 if empty */
	int64_t last;
};

/* ---- small helpers ----------------------------------------------------- */

static void ask_persona(struct store *st, const char *key, char *dst,
			size_t cap, const char *fallback)
{
	struct buf b = BUF_INIT;

	if (store_persona_get(st, key, &b) > 0 && b.len > 0 && b.len < cap) {
		memcpy(dst, b.data, b.len + 1);
	} else {
		snprintf(dst, cap, "%s", fallback);
	}
	buf_release(&b);
}

/* " yesterday", " on Wednesday", "" (with a leading space). */
static void ask_label(const struct ask *a, struct buf *out)
{
	if (a->in->time.found && a->in->time.label[0] != '\0') {
		buf_putc(out, ' ');
		buf_puts(out, a->in->time.label);
	}
}

/* " in ~/src/letters" when a directory was named. */
static void ask_where(const struct ask *a, struct buf *out)
{
	if (a->in->dir[0] != '\0') {
		buf_puts(out, " in ");
		answer_path(out, a->in->dir, a->home);
	}
}

/* Navigation and screen noise, left out of summaries. */
static bool ask_trivial(const char *line)
{
	static const char *const noise[] = {
		"ls", "ll", "la", "l", "clear", "cls", "pwd", "cd", "exit",
		"logout", "history", "reset", "true", "dir", NULL
	};
	char first[32];
	size_t n = strcspn(line, " ");
	int i;

	if (n >= sizeof(first)) {
		return false;
	}
	memcpy(first, line, n);
	first[n] = '\0';
	for (i = 0; noise[i] != NULL; i++) {
		if (strcmp(first, noise[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* The command query of the intent's filters. */
static void ask_cmd_query(const struct ask *a, struct store_cmd_query *cq,
			  struct buf *match)
{
	const struct intent *in = a->in;

	memset(cq, 0, sizeof(*cq));
	if (in->time.found && in->time.has_range) {
		cq->from = in->time.from;
		cq->to = in->time.to;
	}
	cq->cwd = in->dir[0] ? in->dir : NULL;
	cq->prefix = in->cmd[0] ? in->cmd : NULL;
	cq->status = in->outcome == OUTCOME_FAILED ? STORE_STATUS_FAILED :
		     in->outcome == OUTCOME_OK ? STORE_STATUS_OK :
						 STORE_STATUS_ANY;
	buf_reset(match);
	if (in->cmd[0] != '\0') {
		/* the line starts with the command: an initial-token phrase
		 * narrows the scan before the exact prefix test */
		buf_putc(match, '^');
		store_fts_phrase(match, in->cmd);
	}
	if (in->arg[0] != '\0') {
		if (match->len > 0) {
			buf_puts(match, " AND ");
		}
		store_fts_phrase(match, in->arg);
	}
	if (match->len > 0 && !match->err) {
		cq->match = buf_str(match);
	}
}

/* The command as the answer names it: the recorded prefix, with the
 * extra word ("ssh ... kestrel"). */
static void ask_cmd_name(const struct ask *a, struct buf *out)
{
	buf_printf(out, "`%s`", a->in->cmd);
}

struct ask_row {
	bool found;
	int64_t time;
	int64_t duration_ms;
	int status;
	bool has_status;
	char line[1024];
	char cwd[512];
	char session[64];
};

static int ask_take_row(const struct store_cmd_row *r, void *arg)
{
	struct ask_row *row = arg;

	row->found = true;
	row->time = r->cmd.time;
	row->duration_ms = r->cmd.duration_ms;
	row->status = r->cmd.status;
	row->has_status = r->cmd.has_status;
	snprintf(row->line, sizeof(row->line), "%s", r->cmd.line ? r->cmd.line : "");
	snprintf(row->cwd, sizeof(row->cwd), "%s", r->cmd.cwd ? r->cmd.cwd : "");
	snprintf(row->session, sizeof(row->session), "%s",
		 r->cmd.session ? r->cmd.session : "");
	return 1;
}

/* The newest (or oldest) command of the query. */
static bool ask_one(const struct ask *a, struct store_cmd_query *cq,
		    bool newest, struct ask_row *row)
{
	memset(row, 0, sizeof(*row));
	cq->newest_first = newest;
	cq->limit = 1;
	store_commands(a->st, cq, ask_take_row, row);
	cq->limit = 0;
	cq->newest_first = false;
	return row->found;
}

/* Whether a line with exactly this text exists (for stats of "make"
 * that should not count "make test"). */
static bool ask_exact_exists(const struct ask *a, const char *line)
{
	const struct vocab_entry *e = vocab_lookup(a->v, VOCAB_PREFIX, line);

	return e != NULL && e->count > 0;
}

/* ---- commands ------------------------------------------------------------- */

/* "what was I doing around 3pm": the command nearest to the moment. */
static int ask_doing_at(struct ask *a)
{
	struct store_cmd_query cq;
	struct buf m = BUF_INIT;
	struct ask_row before, after, *pick;
	int64_t point = a->in->time.point;

	ask_cmd_query(a, &cq, &m);
	cq.from = point - 3 * 3600;
	cq.to = point + 1;
	ask_one(a, &cq, true, &before);
	cq.from = point;
	cq.to = point + 3 * 3600;
	ask_one(a, &cq, false, &after);
	buf_release(&m);
	pick = &before;
	if (!before.found || (after.found &&
			      after.time - point < point - before.time)) {
		pick = &after;
	}
	if (!pick->found) {
		buf_puts(a->out, "I have no record of anything you did around ");
		answer_when(a->out, point, a->now);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	buf_puts(a->out, "Around ");
	answer_clock(a->out, point);
	buf_putc(a->out, ' ');
	answer_day(a->out, point, a->now);
	buf_puts(a->out, " you were working in ");
	answer_path(a->out, pick->cwd, a->home);
	if (strcmp(pick->cwd, a->home) != 0) {
		const char *b = strrchr(pick->cwd, '/');

		buf_printf(a->out, " (%s)", b && b[1] ? b + 1 : pick->cwd);
	}
	buf_printf(a->out, ": `%s` at ", pick->line);
	answer_clock(a->out, pick->time);
	buf_putc(a->out, '.');
	return ASK_ANSWERED;
}

/* The message of `git commit -m "msg"` (or the line after "commit"). */
static void ask_commit_msg(const char *line, char *out, size_t cap)
{
	const char *m = strstr(line, " -m");
	const char *q;
	size_t n;

	out[0] = '\0';
	if (m == NULL) {
		m = strstr(line, " --message");
	}
	if (m == NULL) {
		return;
	}
	q = strpbrk(m + 3, "\"'");
	if (q != NULL) {
		const char *e = strchr(q + 1, *q);

		n = e ? (size_t)(e - q - 1) : strlen(q + 1);
		snprintf(out, cap, "%.*s", (int)n, q + 1);
		return;
	}
	while (*m == ' ' || *m == '-' || *m == 'm') {
		m++;
	}
	snprintf(out, cap, "%s", m);
}

struct ask_commits {
	struct answer_list list;
	int n;
};

static int ask_on_commit(const struct store_cmd_row *r, void *arg)
{
	struct ask_commits *c = arg;
	char msg[512];

	ask_commit_msg(r->cmd.line, msg, sizeof(msg));
	if (msg[0] == '\0') {
		return 0;
	}
	if (answer_list_next(&c->list)) {
		buf_printf(c->list.out, "\"%s\"", msg);
	}
	c->n++;
	return 0;
}

static int ask_commit_message(struct ask *a)
{
	struct store_cmd_query cq;
	struct buf m = BUF_INIT;
	struct ask_row row;
	char msg[512];

	snprintf(a->in->cmd, sizeof(a->in->cmd), "git commit");
	ask_cmd_query(a, &cq, &m);
	if (a->in->time.found && !(a->in->agg & (AGG_LAST | AGG_FIRST))) {
		struct ask_commits c;
		size_t at;

		buf_puts(a->out, "Your commits");
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_puts(a->out, ": ");
		at = a->out->len;
		answer_list_init(&c.list, a->out, ASK_LIST_CAP);
		c.n = 0;
		cq.newest_first = true;
		store_commands(a->st, &cq, ask_on_commit, &c);
		answer_list_finish(&c.list);
		if (c.n == 0) {
			buf_truncate(a->out, at - 2 - (a->out->len - at));
			buf_truncate(a->out, 0);
			buf_puts(a->out, "No, you made no commits");
			ask_label(a, a->out);
			ask_where(a, a->out);
		}
		buf_putc(a->out, '.');
		buf_release(&m);
		return ASK_ANSWERED;
	}
	if (!ask_one(a, &cq, !(a->in->agg & AGG_FIRST), &row)) {
		buf_puts(a->out, "I have no record of a commit");
		ask_where(a, a->out);
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		buf_release(&m);
		return ASK_ANSWERED;
	}
	buf_release(&m);
	ask_commit_msg(row.line, msg, sizeof(msg));
	buf_printf(a->out, "Your %s commit", a->in->agg & AGG_FIRST ? "first" :
		   "last");
	ask_where(a, a->out);
	buf_printf(a->out, " was \"%s\", ", msg[0] ? msg : row.line);
	answer_when(a->out, row.time, a->now);
	buf_putc(a->out, '.');
	return ASK_ANSWERED;
}

/* Counts, fail rates and durations read the exact line when one exists
 * ("make" is not "make test"); counts of runs use the prefix. */
static void ask_exact_prefix(struct ask *a, struct store_cmd_query *cq)
{
	if (cq->prefix != NULL && ask_exact_exists(a, cq->prefix)) {
		/* the prefix filter also matches longer lines: narrow it with
		 * a group lookup instead */
	}
}

struct ask_group_pick {
	const char *want;	/* the line wanted */
	struct store_cmd_stats stats;
	bool found;
};

static int ask_on_group_pick(const struct store_group_row *r, void *arg)
{
	struct ask_group_pick *p = arg;

	if (r->key != NULL && strcmp(r->key, p->want) == 0) {
		p->stats = r->stats;
		p->found = true;
		return 1;
	}
	return 0;
}

/* Stats of the command: of the exact line when there is one, else of
 * every line starting with it.  *exact says which. */
static void ask_cmd_stats(struct ask *a, struct store_cmd_query *cq,
			  struct store_cmd_stats *s, bool *exact)
{
	struct ask_group_pick p;

	*exact = false;
	ask_exact_prefix(a, cq);
	if (cq->prefix != NULL && ask_exact_exists(a, cq->prefix)) {
		memset(&p, 0, sizeof(p));
		p.want = cq->prefix;
		store_command_groups(a->st, cq, STORE_GROUP_LINE,
				     ask_on_group_pick, &p);
		if (p.found) {
			*s = p.stats;
			*exact = true;
			return;
		}
	}
	store_command_stats(a->st, cq, s);
}

static int ask_cmd_rate(struct ask *a, struct store_cmd_query *cq)
{
	struct store_cmd_stats s;
	bool exact;
	enum store_status st = cq->status;

	cq->status = STORE_STATUS_ANY;
	ask_cmd_stats(a, cq, &s, &exact);
	cq->status = st;
	if (s.count == 0) {
		buf_puts(a->out, "No record of ");
		ask_cmd_name(a, a->out);
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (a->in->outcome == OUTCOME_FAILED || a->in->agg & AGG_RATE) {
		if (a->in->outcome != OUTCOME_FAILED && !(a->in->agg & AGG_RATE)) {
			goto frequency;
		}
		if (a->in->outcome == OUTCOME_FAILED ||
		    nlu_has_stem(a->q, "fail") || nlu_has_stem(a->q, "success") ||
		    nlu_has_stem(a->q, "succeed")) {
			ask_cmd_name(a, a->out);
			buf_printf(a->out, " failed %lld of %lld times (",
				   (long long)s.failed, (long long)s.count);
			answer_percent(a->out, s.failed, s.count);
			buf_putc(a->out, ')');
			ask_label(a, a->out);
			buf_putc(a->out, '.');
			if (s.failed * 4 > s.count) {
				buf_puts(a->out, " That's a lot — flaky tests?");
			}
			return ASK_ANSWERED;
		}
	}
frequency:
	{
		int64_t span = s.last - s.first;
		double days = span > 0 ? (double)span / DAY : 1.0;

		buf_puts(a->out, "You ran ");
		ask_cmd_name(a, a->out);
		buf_putc(a->out, ' ');
		answer_times(a->out, s.count);
		ask_label(a, a->out);
		if (days >= 1.5) {
			buf_printf(a->out, ", about %.1f a day", (double)s.count / days);
		}
		buf_printf(a->out, "; %lld failed (", (long long)s.failed);
		answer_percent(a->out, s.failed, s.count);
		buf_puts(a->out, ").");
	}
	return ASK_ANSWERED;
}

struct ask_maxrow {
	int64_t best;
	bool longest;
	struct ask_row row;
};

struct ask_extreme_ctx {
	const char *exact;	/* only this whole line, or NULL */
	struct ask_row *row;
};

static int ask_on_extreme(const struct store_cmd_row *r, void *arg)
{
	struct ask_extreme_ctx *x = arg;

	if (x->exact != NULL && strcmp(r->cmd.line, x->exact) != 0) {
		return 0;
	}
	return ask_take_row(r, x->row);
}

/* The longest (or shortest) run of the query, of exactly the line exact
 * when given ("make", not "make test"). */
static void ask_extreme(struct ask *a, struct store_cmd_query *cq,
			bool longest, const char *exact, struct ask_row *row)
{
	struct ask_extreme_ctx x = { exact, row };

	memset(row, 0, sizeof(*row));
	cq->newest_first = longest;
	store_commands_by_duration(a->st, cq, ask_on_extreme, &x);
	cq->newest_first = false;
}

static int ask_cmd_duration(struct ask *a, struct store_cmd_query *cq)
{
	struct store_cmd_stats s;
	struct ask_row row;
	bool exact, present;
	unsigned agg = a->in->agg;

	present = nlu_has(a->q, "does") || nlu_has(a->q, "do") ||
		  nlu_has(a->q, "takes") || nlu_has(a->q, "usually") ||
		  nlu_has(a->q, "typically");
	if (a->in->cmd[0] == '\0') {
		/* how long did I work today: the span of the commands */
		store_command_stats(a->st, cq, &s);
		if (s.count == 0) {
			buf_puts(a->out, "No commands");
			ask_label(a, a->out);
			buf_puts(a->out, ", so I can't tell.");
			return ASK_ANSWERED;
		}
		buf_puts(a->out, "From ");
		answer_clock(a->out, s.first);
		buf_puts(a->out, " to ");
		answer_clock(a->out, s.last);
		ask_label(a, a->out);
		buf_printf(a->out, " you ran %lld commands; together they took ",
			   (long long)s.count);
		answer_duration(a->out, s.total_ms);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (agg & (AGG_LONGEST | AGG_SHORTEST)) {
		struct ask_maxrow m;

		memset(&m, 0, sizeof(m));
		m.longest = (agg & AGG_LONGEST) != 0;
		exact = cq->prefix != NULL && ask_exact_exists(a, cq->prefix);
		ask_extreme(a, cq, m.longest, exact ? cq->prefix : NULL, &m.row);
		if (!m.row.found) {
			buf_puts(a->out, "No record of ");
			ask_cmd_name(a, a->out);
			ask_label(a, a->out);
			buf_putc(a->out, '.');
			return ASK_ANSWERED;
		}
		buf_printf(a->out, "The %s `%s` took ",
			   m.longest ? "slowest" : "fastest", m.row.line);
		answer_duration(a->out, m.row.duration_ms);
		if (m.row.time != 0) {
			buf_puts(a->out, ", ");
			answer_when(a->out, m.row.time, a->now);
		}
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if ((agg & AGG_AVERAGE) || (present && !(agg & (AGG_LAST | AGG_FIRST)))) {
		ask_cmd_stats(a, cq, &s, &exact);
		if (s.with_duration == 0) {
			buf_puts(a->out, "No timed runs of ");
			ask_cmd_name(a, a->out);
			ask_label(a, a->out);
			buf_puts(a->out, " — I can't tell.");
			return ASK_ANSWERED;
		}
		ask_cmd_name(a, a->out);
		buf_puts(a->out, " takes ");
		answer_duration(a->out, s.total_ms / s.with_duration);
		buf_printf(a->out, " on average (%lld runs", (long long)s.with_duration);
		ask_label(a, a->out);
		buf_puts(a->out, "; fastest ");
		answer_duration(a->out, s.min_ms);
		buf_puts(a->out, ", slowest ");
		answer_duration(a->out, s.max_ms);
		buf_puts(a->out, ").");
		return ASK_ANSWERED;
	}
	if (agg & AGG_TOTAL) {
		store_command_stats(a->st, cq, &s);
		buf_puts(a->out, "Altogether ");
		ask_cmd_name(a, a->out);
		buf_puts(a->out, " took ");
		answer_duration(a->out, s.total_ms);
		buf_printf(a->out, " over %lld runs", (long long)s.count);
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (!ask_one(a, cq, !(agg & AGG_FIRST), &row)) {
		buf_puts(a->out, "No record of ");
		ask_cmd_name(a, a->out);
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	buf_printf(a->out, "The %s `%s` took ", agg & AGG_FIRST ? "first" : "last",
		   row.line);
	answer_duration(a->out, row.duration_ms);
	buf_puts(a->out, " (");
	answer_when(a->out, row.time, a->now);
	buf_puts(a->out, ").");
	return ASK_ANSWERED;
}

struct ask_groups {
	struct ask *a;
	struct answer_list list;
	enum store_group kind;
	int64_t total;
	int n;
	bool skip_home;
	bool skip_trivial;
	bool counts;
	const char *noun;
	char top[1024];
	int64_t top_count;
	int64_t top_max_ms;
	int64_t top_time;
};

static int ask_on_group(const struct store_group_row *r, void *arg)
{
	struct ask_groups *g = arg;
	struct ask *a = g->a;
	const char *key = r->key ? r->key : "?";

	if (g->skip_home && strcmp(key, a->home) == 0) {
		return 0;
	}
	if (g->skip_trivial && ask_trivial(key)) {
		return 0;
	}
	g->n++;
	g->total += r->stats.count;
	if (g->n == 1) {
		snprintf(g->top, sizeof(g->top), "%s", key);
		g->top_count = r->stats.count;
	}
	if (!answer_list_next(&g->list)) {
		return 0;
	}
	switch (g->kind) {
	case STORE_GROUP_CWD: {
		const char *b = strrchr(key, '/');

		buf_printf(a->out, "%s", b && b[1] ? b + 1 : key);
		if (strcmp(key, a->home) != 0) {
			buf_puts(a->out, " (");
			answer_path(a->out, key, a->home);
			buf_putc(a->out, ')');
		}
		break;
	}
	case STORE_GROUP_DAY: {
		int64_t day = strtoll(key, NULL, 10);

		answer_date(a->out, day, a->now);
		break;
	}
	default:
		buf_printf(a->out, "`%s`", key);
		break;
	}
	if (g->counts) {
		buf_printf(a->out, " %lld×", (long long)r->stats.count);
	}
	return 0;
}

/* Most used / most failed commands, busiest directories. */
static int ask_cmd_most(struct ask *a, struct store_cmd_query *cq,
			enum store_group kind)
{
	struct ask_groups g;
	size_t at;
	bool failed = cq->status == STORE_STATUS_FAILED;

	memset(&g, 0, sizeof(g));
	g.a = a;
	g.kind = kind;
	g.counts = true;
	g.skip_home = kind == STORE_GROUP_CWD;
	at = a->out->len;
	if (kind == STORE_GROUP_LINE) {
		buf_puts(a->out, failed ? "Failed most" : "Most used");
	} else {
		buf_puts(a->out, "Where you worked most");
	}
	ask_label(a, a->out);
	ask_where(a, a->out);
	buf_puts(a->out, ": ");
	answer_list_init(&g.list, a->out, kind == STORE_GROUP_LINE ? 5 : 4);
	store_command_groups(a->st, cq, kind, ask_on_group, &g);
	answer_list_finish(&g.list);
	if (g.n == 0) {
		buf_truncate(a->out, at);
		buf_puts(a->out, failed ? "No, nothing failed" : "No commands");
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	buf_putc(a->out, '.');
	if (kind == STORE_GROUP_LINE) {
		buf_printf(a->out, " `%s` %s %lld times.", g.top,
			   failed ? "failed" : "ran", (long long)g.top_count);
	}
	return ASK_ANSWERED;
}

static int ask_busiest_day(struct ask *a, struct store_cmd_query *cq)
{
	struct ask_groups g;

	memset(&g, 0, sizeof(g));
	g.a = a;
	g.kind = STORE_GROUP_DAY;
	answer_list_init(&g.list, a->out, 0);
	g.list.cap = 0;
	{
		struct buf tmp = BUF_INIT;
		struct buf *save = a->out;

		a->out = &tmp;
		answer_list_init(&g.list, &tmp, 0);
		store_command_groups(a->st, cq, STORE_GROUP_DAY, ask_on_group, &g);
		a->out = save;
		buf_release(&tmp);
	}
	if (g.n == 0) {
		buf_puts(a->out, "No commands");
		ask_label(a, a->out);
		buf_puts(a->out, ", so no busiest day.");
		return ASK_ANSWERED;
	}
	{
		int64_t day = strtoll(g.top, NULL, 10);
		static const char *const wd[7] = {
			"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
			"Saturday", "Sunday",
		};

		buf_printf(a->out, "%s (", wd[clock_weekday(day)]);
		answer_date(a->out, day, a->now);
		buf_printf(a->out, ") was the busiest day%s, with %lld %s%s.",
			   a->in->time.found ? "" : " I remember",
			   (long long)g.top_count,
			   cq->status == STORE_STATUS_FAILED ? "failures" :
			   "commands", "");
		if (a->in->time.found) {
			/* say the range after the fact */
			buf_truncate(a->out, a->out->len - 1);
			ask_label(a, a->out);
			buf_putc(a->out, '.');
		}
	}
	return ASK_ANSWERED;
}

static int ask_sessions(struct ask *a, struct store_cmd_query *cq)
{
	struct ask_groups g;
	struct buf tmp = BUF_INIT;

	memset(&g, 0, sizeof(g));
	g.a = a;
	g.kind = STORE_GROUP_SESSION;
	answer_list_init(&g.list, &tmp, 0);
	store_command_groups(a->st, cq, STORE_GROUP_SESSION, ask_on_group, &g);
	buf_release(&tmp);
	if (g.n == 0) {
		buf_puts(a->out, "No shell sessions");
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	buf_printf(a->out, "You had %d shell session%s", g.n, g.n == 1 ? "" : "s");
	ask_label(a, a->out);
	buf_printf(a->out, " (%lld commands).", (long long)g.total);
	return ASK_ANSWERED;
}

static int ask_cmd_count(struct ask *a, struct store_cmd_query *cq)
{
	struct store_cmd_stats s;

	if (a->in->agg & AGG_SESSIONS) {
		return ask_sessions(a, cq);
	}
	if (a->in->agg & AGG_RATE) {
		return ask_cmd_rate(a, cq);
	}
	if (a->in->agg & AGG_DISTINCT) {
		struct ask_groups g;
		struct buf tmp = BUF_INIT;

		memset(&g, 0, sizeof(g));
		g.a = a;
		g.kind = STORE_GROUP_LINE;
		answer_list_init(&g.list, &tmp, 0);
		store_command_groups(a->st, cq, STORE_GROUP_LINE, ask_on_group, &g);
		buf_release(&tmp);
		buf_printf(a->out, "%d different command lines", g.n);
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_printf(a->out, " (%lld runs).", (long long)g.total);
		return ASK_ANSWERED;
	}
	store_command_stats(a->st, cq, &s);
	if (a->in->cmd[0] != '\0') {
		if (s.count == 0) {
			buf_puts(a->out, "None: ");
			ask_cmd_name(a, a->out);
			buf_puts(a->out, cq->status == STORE_STATUS_FAILED ?
				 " didn't fail" : " didn't run");
			ask_label(a, a->out);
			ask_where(a, a->out);
			buf_puts(a->out, " (0 times).");
			return ASK_ANSWERED;
		}
		ask_cmd_name(a, a->out);
		buf_puts(a->out, cq->status == STORE_STATUS_FAILED ? " failed " :
			 cq->status == STORE_STATUS_OK ? " succeeded " : ": ");
		buf_printf(a->out, "%lld time%s", (long long)s.count,
			   s.count == 1 ? "" : "s");
		ask_label(a, a->out);
		ask_where(a, a->out);
		if (cq->status == STORE_STATUS_ANY && s.failed > 0) {
			buf_printf(a->out, " (%lld failed)", (long long)s.failed);
		}
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (s.count == 0) {
		buf_puts(a->out, "None: no commands");
		buf_puts(a->out, cq->status == STORE_STATUS_FAILED ? " failed" : "");
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	buf_printf(a->out, "%lld command%s", (long long)s.count,
		   s.count == 1 ? "" : "s");
	if (cq->status == STORE_STATUS_FAILED) {
		buf_puts(a->out, " failed");
	}
	ask_label(a, a->out);
	ask_where(a, a->out);
	if (cq->status == STORE_STATUS_ANY) {
		buf_printf(a->out, " (%lld failed)", (long long)s.failed);
	}
	buf_putc(a->out, '.');
	if (s.count > 150 && a->in->time.single_day) {
		buf_puts(a->out, " A busy day!");
	}
	return ASK_ANSWERED;
}

static int ask_cmd_when(struct ask *a, struct store_cmd_query *cq)
{
	struct ask_row row;
	bool first = (a->in->agg & AGG_FIRST) != 0;

	if (!ask_one(a, cq, !first, &row)) {
		if (a->in->cmd[0] != '\0') {
			buf_puts(a->out, "No record: you never ran ");
			ask_cmd_name(a, a->out);
			if (a->in->arg[0]) {
				buf_printf(a->out, " with %s", a->in->arg);
			}
		} else {
			buf_puts(a->out, "No commands");
		}
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_puts(a->out, " that I know of.");
		return ASK_ANSWERED;
	}
	if (a->in->cmd[0] == '\0') {
		/* "when did I start working today" */
		buf_printf(a->out, "You %s ", first ? "started" : "stopped");
		answer_when(a->out, row.time, a->now);
		buf_printf(a->out, " (%s command: `%s`", first ? "first" : "last",
			   row.line);
		if (row.cwd[0]) {
			buf_puts(a->out, " in ");
			answer_path(a->out, row.cwd, a->home);
		}
		buf_puts(a->out, ").");
		return ASK_ANSWERED;
	}
	buf_printf(a->out, "You %s ran `%s` ", first ? "first" : "last", row.line);
	answer_when(a->out, row.time, a->now);
	if (row.cwd[0] && a->in->dir[0] == '\0') {
		buf_puts(a->out, " in ");
		answer_path(a->out, row.cwd, a->home);
	}
	if (row.has_status && row.status != 0) {
		buf_printf(a->out, " (it failed with status %d)", row.status);
	}
	buf_putc(a->out, '.');
	return ASK_ANSWERED;
}

static int ask_cmd_where(struct ask *a, struct store_cmd_query *cq)
{
	struct ask_groups g;
	size_t at = a->out->len;

	memset(&g, 0, sizeof(g));
	g.a = a;
	g.kind = STORE_GROUP_CWD;
	g.counts = true;
	if (a->in->cmd[0] != '\0') {
		buf_puts(a->out, "You ran ");
		ask_cmd_name(a, a->out);
		buf_puts(a->out, " in ");
	} else {
		buf_puts(a->out, "You worked in ");
	}
	answer_list_init(&g.list, a->out, 4);
	store_command_groups(a->st, cq, STORE_GROUP_CWD, ask_on_group, &g);
	answer_list_finish(&g.list);
	if (g.n == 0) {
		buf_truncate(a->out, at);
		buf_puts(a->out, "No record of ");
		if (a->in->cmd[0]) {
			ask_cmd_name(a, a->out);
		} else {
			buf_puts(a->out, "any command");
		}
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	ask_label(a, a->out);
	buf_putc(a->out, '.');
	return ASK_ANSWERED;
}

static int ask_cmd_yesno(struct ask *a, struct store_cmd_query *cq)
{
	struct store_cmd_stats s;
	struct ask_row row;

	if (a->in->cmd[0] == '\0' && a->in->unknown_words[0] != '\0' &&
	    a->in->dir[0] == '\0' && a->in->arg[0] == '\0') {
		/* "did I run frobnicate": a command it never saw */
		buf_printf(a->out, "No, I have no record of you running \"%s\"",
			   a->in->unknown_words);
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	store_command_stats(a->st, cq, &s);
	if (s.count == 0) {
		buf_puts(a->out, "No, you didn't ");
		buf_puts(a->out, cq->status == STORE_STATUS_FAILED ? "see " : "run ");
		if (a->in->cmd[0]) {
			ask_cmd_name(a, a->out);
		} else {
			buf_puts(a->out, "anything");
		}
		if (cq->status == STORE_STATUS_FAILED) {
			buf_puts(a->out, " fail");
		}
		ask_label(a, a->out);
		ask_where(a, a->out);
		if (a->in->cmd[0] && a->in->time.found) {
			struct store_cmd_query all = *cq;

			all.from = 0;
			all.to = 0;
			if (ask_one(a, &all, true, &row)) {
				buf_puts(a->out, ". Last time was ");
				answer_when(a->out, row.time, a->now);
			}
		}
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	ask_one(a, cq, true, &row);
	buf_puts(a->out, "Yes, ");
	if (a->in->cmd[0]) {
		ask_cmd_name(a, a->out);
		buf_putc(a->out, ' ');
	}
	buf_printf(a->out, "%s%lld time%s", cq->status == STORE_STATUS_FAILED ?
		   "failed " : "", (long long)s.count, s.count == 1 ? "" : "s");
	ask_label(a, a->out);
	ask_where(a, a->out);
	buf_puts(a->out, ", last ");
	answer_when(a->out, row.time, a->now);
	buf_putc(a->out, '.');
	return ASK_ANSWERED;
}

struct ask_lines {
	struct ask *a;
	struct answer_list list;
	int n;
	char seen[8][256];
	int nseen;
};

static int ask_on_line(const struct store_cmd_row *r, void *arg)
{
	struct ask_lines *l = arg;
	int i;

	for (i = 0; i < l->nseen; i++) {
		if (strncmp(l->seen[i], r->cmd.line, sizeof(l->seen[i]) - 1) == 0) {
			return 0;
		}
	}
	if (l->nseen < 8) {
		snprintf(l->seen[l->nseen++], sizeof(l->seen[0]), "%s", r->cmd.line);
	}
	l->n++;
	if (answer_list_next(&l->list)) {
		buf_printf(l->list.out, "`%s` (", r->cmd.line);
		answer_when(l->list.out, r->cmd.time, l->a->now);
		if (r->cmd.has_status && r->cmd.status != 0) {
			buf_printf(l->list.out, ", failed %d", r->cmd.status);
		}
		buf_putc(l->list.out, ')');
	}
	return l->nseen >= 8 ? 1 : 0;
}

static int ask_on_commit_line(const struct store_cmd_row *r, void *arg)
{
	struct ask_commits *c = arg;

	if (answer_list_next(&c->list)) {
		buf_puts(c->list.out, r->cmd.line);
	}
	c->n++;
	return 0;
}

/* "what did I run yesterday in letters": a summary, most frequent first,
 * then the commits. */
static int ask_cmd_summary(struct ask *a, struct store_cmd_query *cq)
{
	struct ask_groups g;
	struct ask_commits c;
	struct store_cmd_stats s;
	struct store_cmd_query cc;
	struct buf m = BUF_INIT;
	size_t at;

	store_command_stats(a->st, cq, &s);
	if (s.count == 0) {
		buf_puts(a->out, "Nothing: no commands");
		if (cq->status == STORE_STATUS_FAILED) {
			buf_puts(a->out, " failed");
		}
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	at = a->out->len;
	ask_label(a, a->out);
	ask_where(a, a->out);
	if (a->out->len > at) {
		memmove(a->out->data + at, a->out->data + at + 1,
			a->out->len - at - 1);
		buf_truncate(a->out, a->out->len - 1);
		answer_capitalize(a->out, at);
		buf_puts(a->out, " you ran ");
	} else {
		buf_puts(a->out, "You ran ");
	}
	buf_printf(a->out, "%lld command%s%s", (long long)s.count,
		   s.count == 1 ? "" : "s",
		   cq->status == STORE_STATUS_FAILED ? " that failed" : "");
	memset(&g, 0, sizeof(g));
	g.a = a;
	g.kind = STORE_GROUP_LINE;
	g.counts = true;
	g.skip_trivial = true;
	buf_puts(a->out, ", mostly ");
	at = a->out->len;
	answer_list_init(&g.list, a->out, ASK_LIST_CAP);
	store_command_groups(a->st, cq, STORE_GROUP_LINE, ask_on_group, &g);
	answer_list_finish(&g.list);
	if (g.n == 0) {
		buf_truncate(a->out, at - 8);
	}
	buf_putc(a->out, '.');
	/* commits are the milestones */
	if (a->in->cmd[0] == '\0') {
		cc = *cq;
		cc.prefix = "git commit";
		buf_putc(&m, '^');
		store_fts_phrase(&m, "git commit");
		cc.match = buf_str(&m);
		cc.newest_first = true;
		answer_list_init(&c.list, a->out, 4);
		c.list.sep = "; ";
		c.n = 0;
		at = a->out->len;
		buf_puts(a->out, " Commits: ");
		{
			size_t before = a->out->len;

			store_commands(a->st, &cc, ask_on_commit_line, &c);
			if (c.n == 0) {
				buf_truncate(a->out, at);
			} else {
				answer_list_finish(&c.list);
				buf_putc(a->out, '.');
			}
			(void)before;
		}
		buf_release(&m);
	}
	return ASK_ANSWERED;
}

/* "what was the ffmpeg command", "the last command that failed", "the
 * first command yesterday". */
static int ask_cmd_what(struct ask *a, struct store_cmd_query *cq)
{
	unsigned agg = a->in->agg;
	struct ask_row row;

	if (agg & AGG_DAY) {
		return ask_busiest_day(a, cq);
	}
	if (agg & (AGG_LONGEST | AGG_SHORTEST)) {
		struct ask_maxrow m;

		if (a->in->cmd[0] != '\0' && (a->in->form == FORM_DURATION)) {
			return ask_cmd_duration(a, cq);
		}
		memset(&m, 0, sizeof(m));
		m.longest = (agg & AGG_LONGEST) != 0;
		ask_extreme(a, cq, m.longest, NULL, &m.row);
		if (!m.row.found) {
			buf_puts(a->out, "No commands");
			ask_label(a, a->out);
			ask_where(a, a->out);
			buf_putc(a->out, '.');
			return ASK_ANSWERED;
		}
		buf_printf(a->out, "`%s` ran the %s", m.row.line,
			   m.longest ? "longest" : "shortest");
		ask_label(a, a->out);
		buf_puts(a->out, ": ");
		answer_duration(a->out, m.row.duration_ms);
		buf_puts(a->out, ", started ");
		answer_when(a->out, m.row.time, a->now);
		buf_puts(a->out, " in ");
		answer_path(a->out, m.row.cwd, a->home);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (agg & AGG_PROJECTS) {
		return ask_cmd_most(a, cq, STORE_GROUP_CWD);
	}
	if (agg & (AGG_MOST | AGG_LEAST)) {
		return ask_cmd_most(a, cq, STORE_GROUP_LINE);
	}
	if (agg & (AGG_FIRST | AGG_LAST) ||
	    (cq->status == STORE_STATUS_FAILED && a->in->cmd[0] == '\0' &&
	     !a->in->time.found)) {
		bool first = (agg & AGG_FIRST) && !(agg & AGG_LAST);

		if (!ask_one(a, cq, !first, &row)) {
			buf_puts(a->out, "No record of ");
			if (a->in->cmd[0]) {
				ask_cmd_name(a, a->out);
			} else {
				buf_puts(a->out, cq->status == STORE_STATUS_FAILED ?
					 "a failed command" : "any command");
			}
			ask_label(a, a->out);
			ask_where(a, a->out);
			buf_putc(a->out, '.');
			return ASK_ANSWERED;
		}
		buf_printf(a->out, "The %s ", first ? "first" : "last");
		if (a->in->cmd[0]) {
			buf_printf(a->out, "%s ", a->in->cmd);
		}
		buf_printf(a->out, "command%s", cq->status == STORE_STATUS_FAILED ?
			   " that failed" : "");
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_printf(a->out, " was `%s`, ", row.line);
		answer_when(a->out, row.time, a->now);
		if (a->in->dir[0] == '\0' && row.cwd[0]) {
			buf_puts(a->out, " in ");
			answer_path(a->out, row.cwd, a->home);
		}
		if (row.has_status && row.status != 0) {
			buf_printf(a->out, " (exit status %d", row.status);
			if (row.duration_ms > 0) {
				buf_puts(a->out, ", after ");
				answer_duration(a->out, row.duration_ms);
			}
			buf_putc(a->out, ')');
		}
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (a->in->cmd[0] != '\0') {
		struct ask_lines l;
		size_t at = a->out->len;

		memset(&l, 0, sizeof(l));
		l.a = a;
		ask_cmd_name(a, a->out);
		buf_puts(a->out, " commands");
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_puts(a->out, ", newest first: ");
		answer_list_init(&l.list, a->out, 4);
		l.list.sep = "; ";
		cq->newest_first = true;
		store_commands(a->st, cq, ask_on_line, &l);
		answer_list_finish(&l.list);
		if (l.n == 0) {
			buf_truncate(a->out, at);
			buf_puts(a->out, "No, you didn't run ");
			ask_cmd_name(a, a->out);
			ask_label(a, a->out);
			ask_where(a, a->out);
		}
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	return ask_cmd_summary(a, cq);
}

static int ask_commands(struct ask *a)
{
	struct store_cmd_query cq;
	struct buf m = BUF_INIT;
	int rc;

	if (a->in->time.point != 0 && a->in->cmd[0] == '\0') {
		return ask_doing_at(a);
	}
	if (a->in->commit_message) {
		return ask_commit_message(a);
	}
	ask_cmd_query(a, &cq, &m);
	if ((a->in->agg & AGG_AVERAGE) && a->in->form != FORM_COUNT) {
		a->in->form = FORM_DURATION;
	}
	if ((a->in->agg & AGG_RATE) && a->in->cmd[0] != '\0' &&
	    a->in->form != FORM_DURATION) {
		rc = ask_cmd_rate(a, &cq);
		buf_release(&m);
		return rc;
	}
	switch (a->in->form) {
	case FORM_WHEN:
		rc = ask_cmd_when(a, &cq);
		break;
	case FORM_WHERE:
		rc = ask_cmd_where(a, &cq);
		break;
	case FORM_COUNT:
		rc = a->in->agg & AGG_DAY ? ask_busiest_day(a, &cq) :
		     ask_cmd_count(a, &cq);
		break;
	case FORM_DURATION:
		rc = ask_cmd_duration(a, &cq);
		break;
	case FORM_YESNO:
		if (a->in->agg & (AGG_MOST | AGG_LONGEST | AGG_FIRST | AGG_LAST |
				  AGG_PROJECTS)) {
			rc = ask_cmd_what(a, &cq);
		} else {
			rc = ask_cmd_yesno(a, &cq);
		}
		break;
	default:
		rc = ask_cmd_what(a, &cq);
		break;
	}
	buf_release(&m);
	return rc;
}

/* ---- files ------------------------------------------------------------------ */

struct ask_files {
	struct ask *a;
	struct answer_list list;
	char **seen;
	size_t nseen;
	size_t capseen;
	int64_t events;
	bool first_only;
	struct store_file_row first;
	char first_path[1024];
	char first_to[1024];
	bool moves;
};

static bool ask_file_op_ok(const struct ask *a, const char *op)
{
	switch (a->in->file_op) {
	case FILE_OP_ANY:
		return strcmp(op, "delete") != 0;
	case FILE_OP_MODIFY:
		return strcmp(op, "modify") == 0;
	case FILE_OP_CREATE:
	case FILE_OP_DOWNLOAD:
		return strcmp(op, "create") == 0;
	case FILE_OP_DELETE:
		return strcmp(op, "delete") == 0;
	case FILE_OP_MOVE:
		return strcmp(op, "move") == 0;
	default:
		return true;
	}
}

static bool ask_file_match(const struct ask *a, const char *path)
{
	const char *f = a->in->file;
	size_t lp, lf;

	if (f[0] == '\0') {
		return true;
	}
	if (strchr(f, '/') == NULL) {
		const char *b = strrchr(path, '/');

		return strcasecmp(b ? b + 1 : path, f) == 0;
	}
	lp = strlen(path);
	lf = strlen(f);
	return lf <= lp && strcmp(path + lp - lf, f) == 0;
}

static bool ask_seen(struct ask_files *f, const char *s)
{
	size_t i;
	char **n;

	for (i = 0; i < f->nseen; i++) {
		if (strcmp(f->seen[i], s) == 0) {
			return true;
		}
	}
	if (f->nseen == f->capseen) {
		size_t cap = f->capseen ? f->capseen * 2 : 32;

		n = realloc(f->seen, cap * sizeof(*n));
		if (n == NULL) {
			return false;
		}
		f->seen = n;
		f->capseen = cap;
	}
	f->seen[f->nseen] = strdup(s);
	if (f->seen[f->nseen] != NULL) {
		f->nseen++;
	}
	return false;
}

static void ask_files_free(struct ask_files *f)
{
	size_t i;

	for (i = 0; i < f->nseen; i++) {
		free(f->seen[i]);
	}
	free(f->seen);
}

static int ask_on_file(const struct store_file_row *r, void *arg)
{
	struct ask_files *f = arg;
	const char *path = r->file.path;
	const char *b;
	char name[1200];

	if (!ask_file_op_ok(f->a, r->file.op)) {
		return 0;
	}
	if (!ask_file_match(f->a, path) &&
	    !(r->file.to_path && ask_file_match(f->a, r->file.to_path))) {
		return 0;
	}
	f->events++;
	if (f->events == 1) {
		f->first = *r;
		snprintf(f->first_path, sizeof(f->first_path), "%s", path);
		snprintf(f->first_to, sizeof(f->first_to), "%s",
			 r->file.to_path ? r->file.to_path : "");
		f->first.file.path = f->first_path;
		f->first.file.to_path = f->first_to;
		if (f->first_only) {
			return 1;
		}
	}
	if (strcmp(r->file.op, "move") == 0 && r->file.to_path != NULL &&
	    f->moves) {
		const char *tb = strrchr(r->file.to_path, '/');

		b = strrchr(path, '/');
		snprintf(name, sizeof(name), "%s → %s", b ? b + 1 : path,
			 tb ? tb + 1 : r->file.to_path);
	} else {
		b = strrchr(path, '/');
		snprintf(name, sizeof(name), "%s", b ? b + 1 : path);
	}
	if (ask_seen(f, name)) {
		return 0;
	}
	if (answer_list_next(&f->list)) {
		buf_puts(f->list.out, name);
	}
	return 0;
}

static void ask_file_query(struct ask *a, struct store_file_query *fq,
			   char *part, size_t cap)
{
	memset(fq, 0, sizeof(*fq));
	if (a->in->time.found && a->in->time.has_range) {
		fq->from = a->in->time.from;
		fq->to = a->in->time.to;
	}
	part[0] = '\0';
	if (a->in->file_op == FILE_OP_DOWNLOAD) {
		snprintf(part, cap, "%s/Downloads/", a->home);
	} else if (a->in->dir[0] != '\0') {
		snprintf(part, cap, "%s/", a->in->dir);
	} else if (a->in->file[0] != '\0') {
		snprintf(part, cap, "%s", a->in->file);
	}
	if (part[0] != '\0') {
		fq->path_part = part;
	}
	switch (a->in->file_op) {
	case FILE_OP_CREATE:
	case FILE_OP_DOWNLOAD:
		fq->op = "create";
		break;
	case FILE_OP_DELETE:
		fq->op = "delete";
		break;
	case FILE_OP_MOVE:
		fq->op = "move";
		break;
	default:
		break;
	}
}

static const char *ask_file_verb(const struct ask *a, bool past)
{
	switch (a->in->file_op) {
	case FILE_OP_CREATE:
		return past ? "created" : "create";
	case FILE_OP_DOWNLOAD:
		return past ? "downloaded" : "download";
	case FILE_OP_DELETE:
		return past ? "deleted" : "delete";
	case FILE_OP_MOVE:
		return past ? "renamed or moved" : "rename or move";
	case FILE_OP_MODIFY:
		return past ? "edited" : "edit";
	default:
		return past ? "changed" : "change";
	}
}

struct ask_file_count {
	struct ask *a;
	char **key;
	int64_t *count;
	size_t n;
	size_t cap;
	bool by_base;
};

static int ask_on_file_count(const struct store_file_row *r, void *arg)
{
	struct ask_file_count *c = arg;
	const char *k = r->file.path;
	size_t i;

	if (!ask_file_op_ok(c->a, r->file.op) || !ask_file_match(c->a, k)) {
		return 0;
	}
	if (c->by_base && strrchr(k, '/')) {
		k = strrchr(k, '/') + 1;
	}
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->key[i], k) == 0) {
			c->count[i]++;
			return 0;
		}
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		char **nk = realloc(c->key, cap * sizeof(*nk));
		int64_t *nc;

		if (nk == NULL) {
			return 1;
		}
		c->key = nk;
		nc = realloc(c->count, cap * sizeof(*nc));
		if (nc == NULL) {
			return 1;
		}
		c->count = nc;
		c->cap = cap;
	}
	c->key[c->n] = strdup(k);
	if (c->key[c->n] == NULL) {
		return 1;
	}
	c->count[c->n++] = 1;
	return 0;
}

static void ask_file_count_free(struct ask_file_count *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->key[i]);
	}
	free(c->key);
	free(c->count);
}

static int ask_files(struct ask *a)
{
	struct store_file_query fq;
	struct ask_files f;
	char part[600];
	size_t at;
	const struct intent *in = a->in;

	if (in->file_op == FILE_OP_ANY && in->form != FORM_WHEN &&
	    in->file[0] == '\0') {
		/* "what changed": creates and edits */
	}
	ask_file_query(a, &fq, part, sizeof(part));
	memset(&f, 0, sizeof(f));
	f.a = a;
	f.moves = in->file_op == FILE_OP_MOVE;
	if (in->form == FORM_COUNT || (in->agg & AGG_MOST)) {
		struct ask_file_count c;
		size_t i, best = 0;
		int64_t total = 0;

		memset(&c, 0, sizeof(c));
		c.a = a;
		c.by_base = (in->agg & AGG_MOST) != 0;
		store_file_events(a->st, &fq, ask_on_file_count, &c);
		for (i = 0; i < c.n; i++) {
			total += c.count[i];
			if (c.count[i] > c.count[best]) {
				best = i;
			}
		}
		if (in->agg & AGG_MOST) {
			if (c.n == 0) {
				buf_printf(a->out, "No files %s", ask_file_verb(a, true));
			} else {
				buf_printf(a->out, "%s: %s %lld times", c.key[best],
					   ask_file_verb(a, true),
					   (long long)c.count[best]);
			}
		} else if (in->file[0] != '\0') {
			buf_printf(a->out, "You %s %s %lld time%s",
				   ask_file_verb(a, true), in->file,
				   (long long)total, total == 1 ? "" : "s");
		} else {
			buf_printf(a->out, "%lld different file%s %s (%lld events)",
				   (long long)c.n, c.n == 1 ? "" : "s",
				   ask_file_verb(a, true), (long long)total);
		}
		ask_label(a, a->out);
		ask_where(a, a->out);
		buf_putc(a->out, '.');
		ask_file_count_free(&c);
		return ASK_ANSWERED;
	}
	if (in->form == FORM_WHEN || (in->agg & (AGG_LAST | AGG_FIRST))) {
		bool first = (in->agg & AGG_FIRST) != 0;

		fq.newest_first = !first;
		f.first_only = true;
		answer_list_init(&f.list, a->out, 0);
		store_file_events(a->st, &fq, ask_on_file, &f);
		if (f.events == 0) {
			buf_puts(a->out, "No record of ");
			if (in->file[0]) {
				buf_printf(a->out, "%s being %s", in->file,
					   ask_file_verb(a, true));
			} else {
				buf_printf(a->out, "files %s", ask_file_verb(a, true));
			}
			ask_label(a, a->out);
			ask_where(a, a->out);
			buf_putc(a->out, '.');
			ask_files_free(&f);
			return ASK_ANSWERED;
		}
		{
			const char *b = strrchr(f.first_path, '/');

			if (in->form == FORM_WHEN) {
				buf_printf(a->out, "You %s %s %s", first ? "first" : "last",
					   ask_file_verb(a, true), b ? b + 1 : f.first_path);
				buf_putc(a->out, ' ');
				answer_when(a->out, f.first.file.time, a->now);
			} else {
				buf_printf(a->out, "The %s file you %s was %s (",
					   first ? "first" : "last",
					   ask_file_verb(a, true), b ? b + 1 : f.first_path);
				answer_path(a->out, f.first_path, a->home);
				buf_puts(a->out, "), ");
				answer_when(a->out, f.first.file.time, a->now);
			}
			if (f.first_to[0]) {
				const char *tb = strrchr(f.first_to, '/');

				buf_printf(a->out, " (to %s)", tb ? tb + 1 : f.first_to);
			}
			buf_putc(a->out, '.');
		}
		ask_files_free(&f);
		return ASK_ANSWERED;
	}
	/* lists and yes/no */
	fq.newest_first = true;
	at = a->out->len;
	if (in->form == FORM_YESNO && in->file[0] != '\0') {
		answer_list_init(&f.list, a->out, 0);
		store_file_events(a->st, &fq, ask_on_file, &f);
		if (f.events == 0) {
			buf_printf(a->out, "No, you didn't %s %s", ask_file_verb(a, false),
				   in->file);
		} else {
			buf_printf(a->out, "Yes, you %s %s %lld time%s",
				   ask_file_verb(a, true), in->file,
				   (long long)f.events, f.events == 1 ? "" : "s");
		}
		ask_label(a, a->out);
		if (f.events > 0) {
			buf_puts(a->out, ", last ");
			answer_when(a->out, f.first.file.time, a->now);
		}
		buf_putc(a->out, '.');
		ask_files_free(&f);
		return ASK_ANSWERED;
	}
	if (in->form == FORM_YESNO) {
		buf_puts(a->out, "Yes: ");
	}
	buf_printf(a->out, "Files %s", ask_file_verb(a, true));
	ask_label(a, a->out);
	if (in->file_op != FILE_OP_DOWNLOAD) {
		ask_where(a, a->out);
	}
	buf_puts(a->out, ", newest first: ");
	answer_list_init(&f.list, a->out, 8);
	store_file_events(a->st, &fq, ask_on_file, &f);
	answer_list_finish(&f.list);
	buf_putc(a->out, '.');
	if (f.events == 0) {
		buf_truncate(a->out, at);
		buf_printf(a->out, "No, no files %s", ask_file_verb(a, true));
		ask_label(a, a->out);
		if (in->file_op != FILE_OP_DOWNLOAD) {
			ask_where(a, a->out);
		}
		buf_putc(a->out, '.');
	}
	ask_files_free(&f);
	return ASK_ANSWERED;
}

/* ---- mail ------------------------------------------------------------------- */

/* "Amy Adams" from "Amy Adams <amy@example.org>". */
static void ask_sender(const char *from, char *out, size_t cap)
{
	const char *lt = from ? strchr(from, '<') : NULL;
	size_t n;

	if (from == NULL) {
		snprintf(out, cap, "someone");
		return;
	}
	n = lt ? (size_t)(lt - from) : strlen(from);
	while (n > 0 && (from[n - 1] == ' ' || from[n - 1] == '"')) {
		n--;
	}
	if (n > 0 && from[0] == '"') {
		from++;
		n--;
	}
	if (n == 0) {
		snprintf(out, cap, "%s", from);
		return;
	}
	snprintf(out, cap, "%.*s", (int)n, from);
}

struct ask_mails {
	struct ask *a;
	struct answer_list list;
	int64_t n;
	bool with_sender;
	bool with_time;
	char *topic[8];		/* every word must be in the subject */
	int ntopic;
	struct store_mail_row newest;
	char newest_from[256];
	char newest_subject[512];
	/* sender counts */
	char names[64][128];
	int64_t counts[64];
	int nnames;
};

static bool ask_mail_topic_ok(struct ask_mails *m, const char *subject)
{
	int i;

	for (i = 0; i < m->ntopic; i++) {
		if (subject == NULL || strcasestr(subject, m->topic[i]) == NULL) {
			return false;
		}
	}
	return true;
}

static int ask_on_mail(const struct store_mail_row *r, void *arg)
{
	struct ask_mails *m = arg;
	char who[128];
	int i;

	if (!ask_mail_topic_ok(m, r->mail.subject)) {
		return 0;
	}
	m->n++;
	ask_sender(r->mail.from, who, sizeof(who));
	if (m->n == 1) {
		m->newest = *r;
		snprintf(m->newest_from, sizeof(m->newest_from), "%s", who);
		snprintf(m->newest_subject, sizeof(m->newest_subject), "%s",
			 r->mail.subject ? r->mail.subject : "");
	}
	for (i = 0; i < m->nnames; i++) {
		if (strcmp(m->names[i], who) == 0) {
			m->counts[i]++;
			break;
		}
	}
	if (i == m->nnames && m->nnames < 64) {
		snprintf(m->names[m->nnames], sizeof(m->names[0]), "%s", who);
		m->counts[m->nnames++] = 1;
	}
	if (m->list.out != NULL && answer_list_next(&m->list)) {
		buf_printf(m->list.out, "\"%s\"", r->mail.subject ? r->mail.subject : "");
		if (m->with_sender) {
			buf_printf(m->list.out, " from %s", who);
		}
		if (m->with_time) {
			buf_puts(m->list.out, " (");
			answer_when(m->list.out, r->mail.time, m->a->now);
			buf_putc(m->list.out, ')');
		}
	}
	return 0;
}

static void ask_mail_query(struct ask *a, struct store_mail_query *mq,
			   struct ask_mails *m, char *words, size_t cap)
{
	char *p, *save = NULL;

	memset(mq, 0, sizeof(*mq));
	if (a->in->time.found && a->in->time.has_range) {
		mq->from = a->in->time.from;
		mq->to = a->in->time.to;
	}
	mq->sender_part = a->in->person[0] ? a->in->person : NULL;
	mq->unread_only = a->in->unread;
	mq->newest_first = true;
	snprintf(words, cap, "%s", a->in->topic);
	for (p = strtok_r(words, " ", &save); p && m->ntopic < 8;
	     p = strtok_r(NULL, " ", &save)) {
		m->topic[m->ntopic++] = p;
	}
}

static int ask_mail(struct ask *a)
{
	struct store_mail_query mq;
	struct ask_mails m;
	char words[INTENT_TEXT];
	const struct intent *in = a->in;
	const char *who = in->person_name[0] ? in->person_name : NULL;
	char first[64] = "";
	size_t at;

	memset(&m, 0, sizeof(m));
	m.a = a;
	ask_mail_query(a, &mq, &m, words, sizeof(words));
	if (who != NULL) {
		snprintf(first, sizeof(first), "%.*s", (int)strcspn(who, " "), who);
	}
	if (in->form == FORM_WHO || (in->agg & AGG_MOST && who == NULL)) {
		int i, best = 0;

		store_mails(a->st, &mq, ask_on_mail, &m);
		if (m.n == 0) {
			buf_puts(a->out, "No one: no mail");
			ask_label(a, a->out);
			buf_putc(a->out, '.');
			return ASK_ANSWERED;
		}
		if (in->agg & AGG_MOST) {
			for (i = 1; i < m.nnames; i++) {
				if (m.counts[i] > m.counts[best]) {
					best = i;
				}
			}
			buf_printf(a->out, "%s wrote the most", m.names[best]);
			ask_label(a, a->out);
			buf_printf(a->out, ": %lld of %lld mails.",
				   (long long)m.counts[best], (long long)m.n);
			return ASK_ANSWERED;
		}
		buf_puts(a->out, "From");
		ask_label(a, a->out);
		buf_puts(a->out, ": ");
		{
			struct answer_list l;

			answer_list_init(&l, a->out, 8);
			for (i = 0; i < m.nnames; i++) {
				if (answer_list_next(&l)) {
					buf_printf(a->out, "%s (%lld)", m.names[i],
						   (long long)m.counts[i]);
				}
			}
			answer_list_finish(&l);
		}
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (in->form == FORM_COUNT) {
		store_mails(a->st, &mq, ask_on_mail, &m);
		buf_printf(a->out, "%lld %smail%s", (long long)m.n,
			   in->unread ? "unread " : "", m.n == 1 ? "" : "s");
		if (who) {
			buf_printf(a->out, " from %s", who);
		}
		ask_label(a, a->out);
		buf_putc(a->out, '.');
		return ASK_ANSWERED;
	}
	if (in->form == FORM_WHEN || (in->agg & (AGG_LAST | AGG_FIRST))) {
		if (in->agg & AGG_FIRST && !(in->agg & AGG_LAST)) {
			mq.newest_first = false;
		}
		mq.limit = m.ntopic > 0 ? 0 : 1;
		store_mails(a->st, &mq, ask_on_mail, &m);
		if (m.n == 0) {
			buf_puts(a->out, "No mail");
			if (who) {
				buf_printf(a->out, " from %s", who);
			}
			ask_label(a, a->out);
			buf_puts(a->out, " that I know of.");
			return ASK_ANSWERED;
		}
		if (in->form == FORM_WHEN) {
			buf_printf(a->out, "%s %s wrote ", m.newest_from,
				   mq.newest_first ? "last" : "first");
			answer_when(a->out, m.newest.mail.time, a->now);
			buf_printf(a->out, ": \"%s\".", m.newest_subject);
		} else {
			buf_printf(a->out, "The %s mail%s was \"%s\" from %s, ",
				   mq.newest_first ? "last" : "first",
				   who ? "" : "", m.newest_subject, m.newest_from);
			answer_when(a->out, m.newest.mail.time, a->now);
			buf_putc(a->out, '.');
		}
		return ASK_ANSWERED;
	}
	/* lists and yes/no: newest first */
	at = a->out->len;
	m.with_sender = who == NULL;
	m.with_time = true;
	answer_list_init(&m.list, a->out, 5);
	m.list.sep = "; ";
	{
		struct buf tmp = BUF_INIT;

		m.list.out = &tmp;
		store_mails(a->st, &mq, ask_on_mail, &m);
		answer_list_finish(&m.list);
		if (m.n == 0) {
			buf_puts(a->out, "No");
			if (in->form == FORM_YESNO || in->unread || who || m.ntopic) {
				buf_puts(a->out, ", no");
			}
			buf_printf(a->out, " %smail", in->unread ? "unread " : "");
			if (who) {
				buf_printf(a->out, " from %s", first);
			}
			if (m.ntopic) {
				buf_printf(a->out, " about %s", in->topic);
			}
			ask_label(a, a->out);
			buf_putc(a->out, '.');
		} else {
			if (in->form == FORM_YESNO) {
				buf_puts(a->out, "Yes: ");
			}
			buf_printf(a->out, "%lld %smail%s", (long long)m.n,
				   in->unread ? "unread " : "", m.n == 1 ? "" : "s");
			if (who) {
				buf_printf(a->out, " from %s", who);
			}
			if (m.ntopic) {
				buf_printf(a->out, " about %s", in->topic);
			}
			ask_label(a, a->out);
			buf_puts(a->out, ", newest first: ");
			buf_append(a->out, tmp.data, tmp.len);
			buf_putc(a->out, '.');
		}
		buf_release(&tmp);
	}
	(void)at;
	return ASK_ANSWERED;
}

/* ---- the machine, the companion, and what it won't answer ------------------- */

static int ask_system(struct ask *a)
{
	static const char *const wd[7] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday",
	};
	int rc = -1;

	switch (a->in->sys) {
	case SYS_DISK:
		rc = sysinfo_disk(a->out);
		break;
	case SYS_MEMORY:
		rc = sysinfo_memory(a->out);
		break;
	case SYS_UPTIME:
		rc = sysinfo_uptime(a->out);
		break;
	case SYS_TOP_MEMORY:
		rc = sysinfo_top_process(a->out, 0);
		break;
	case SYS_TOP_CPU:
		rc = sysinfo_top_process(a->out, 1);
		break;
	case SYS_LOAD:
		rc = sysinfo_load(a->out);
		break;
	case SYS_DATE:
		buf_printf(a->out, "Today is %s, ", wd[clock_weekday(a->now)]);
		answer_date(a->out, a->now, 0);
		buf_puts(a->out, " (");
		clock_format_iso(a->out, clock_day_start(a->now));
		buf_truncate(a->out, a->out->len - 9);
		buf_puts(a->out, ").");
		rc = 0;
		break;
	case SYS_TIME:
		buf_puts(a->out, "It's ");
		answer_clock(a->out, a->now);
		buf_printf(a->out, " on %s, ", wd[clock_weekday(a->now)]);
		answer_date(a->out, a->now, a->now);
		buf_putc(a->out, '.');
		rc = 0;
		break;
	default:
		break;
	}
	if (rc < 0) {
		buf_puts(a->out, "I can't read that from this machine right now.");
		return ASK_NOT_UNDERSTOOD;
	}
	return ASK_ANSWERED;
}

static int ask_persona_answer(struct ask *a)
{
	switch (a->in->persona) {
	case PERSONA_YOUR_NAME:
		buf_printf(a->out, "I'm %s, the companion in your shell.", a->self);
		return ASK_ANSWERED;
	case PERSONA_MY_NAME:
		if (a->user[0] == '\0') {
			buf_puts(a->out, "I don't know your name yet; say "
				 "\"call me NAME\".");
			return ASK_NOT_UNDERSTOOD;
		}
		buf_printf(a->out, "You're %s.", a->user);
		return ASK_ANSWERED;
	case PERSONA_CALL_ME:
		if (store_persona_set(a->st, "user", a->in->name) < 0) {
			buf_puts(a->out, "Sorry, I couldn't remember that.");
			return ASK_NOT_UNDERSTOOD;
		}
		buf_printf(a->out, "OK, I'll call you %s.", a->in->name);
		return ASK_ANSWERED;
	case PERSONA_CALL_YOU:
		if (store_persona_set(a->st, "name", a->in->name) < 0) {
			buf_puts(a->out, "Sorry, I couldn't remember that.");
			return ASK_NOT_UNDERSTOOD;
		}
		buf_printf(a->out, "OK, from now on I'm %s.", a->in->name);
		return ASK_ANSWERED;
	case PERSONA_GREET:
		if (a->user[0]) {
			buf_printf(a->out, "Hello, %s! What would you like to know?",
				   a->user);
		} else {
			buf_puts(a->out, "Hello! What would you like to know?");
		}
		return ASK_ANSWERED;
	case PERSONA_THANKS:
		buf_printf(a->out, "You're welcome%s%s.", a->user[0] ? ", " : "",
			   a->user);
		return ASK_ANSWERED;
	case PERSONA_HOW_ARE_YOU:
		buf_printf(a->out, "All good%s%s, thanks — keeping an eye on your "
			   "shell.", a->user[0] ? ", " : "", a->user);
		return ASK_ANSWERED;
	case PERSONA_HELP:
	default:
		buf_printf(a->out, "Ask me about what you ran (\"when did I last "
			   "run ssh\"), files you changed, your mail, how to do "
			   "something (from the man pages), or this machine "
			   "(disk, memory, uptime).");
		return ASK_ANSWERED;
	}
}

static int ask_memory(struct ask *a)
{
	struct store_counts c;

	if (a->in->persona == PERSONA_FORGET) {
		buf_puts(a->out, "Use `companion forget RANGE`: `companion forget "
			 "1h`, `today`, `yesterday`, `all`, or a word to forget "
			 "every record that mentions it. `companion pause` stops "
			 "recording until `companion resume`.");
		return ASK_ANSWERED;
	}
	memset(&c, 0, sizeof(c));
	store_counts(a->st, &c);
	if (c.commands + c.file_events + c.mails == 0) {
		buf_puts(a->out, "Nothing yet: I remember commands you run, files "
			 "that change and mail that arrives, from now on.");
		return ASK_ANSWERED;
	}
	buf_printf(a->out, "I remember %lld commands, %lld file changes and "
		   "%lld mails, ", (long long)c.commands,
		   (long long)c.file_events, (long long)c.mails);
	buf_puts(a->out, "from ");
	answer_date(a->out, a->first, a->now);
	buf_puts(a->out, " to ");
	answer_date(a->out, a->last, a->now);
	buf_puts(a->out, ". Passwords and tokens on command lines are masked "
		 "before I store them; `companion forget` erases.");
	return ASK_ANSWERED;
}

static int ask_decline(struct ask *a)
{
	switch (a->in->decline) {
	case DECLINE_FUTURE:
		buf_puts(a->out, "I don't know — I only remember what has "
			 "happened, not what will.");
		break;
	case DECLINE_SECRET:
		buf_puts(a->out, "I don't know, and I never keep secrets like "
			 "passwords, PINs or keys: they are masked before "
			 "anything is stored.");
		break;
	default:
		buf_puts(a->out, "I don't know — I only see your shell commands, "
			 "files and mail, so I have no record of that.");
		break;
	}
	return ASK_NOT_UNDERSTOOD;
}

/* Times outside the memory: before it begins. */
static bool ask_before_memory(struct ask *a)
{
	const struct timeexpr *t = &a->in->time;

	if (!t->found || !t->has_range || a->first == 0 ||
	    t->to > clock_day_start(a->first)) {
		return false;
	}
	buf_puts(a->out, "I have no record from then: my memory begins ");
	answer_date(a->out, a->first, a->now);
	buf_putc(a->out, '.');
	return true;
}

/* Rows of the vocabulary learnt per background slice. */
#define ASK_WARM_ROWS 20000

static struct {
	struct loop *loop;
	struct loop_timer *timer;
	struct store *st;
} ask_bg;

/* Rows of new memory a question reads into the vocabulary at most; more
 * (after a large import) is left to background slices. */
#define ASK_VOCAB_BUDGET 250000

static void ask_warm_tick(struct loop *l, void *data);

/*
 * The user's vocabulary, brought up to date -- within a budget when a
 * large import has just arrived: the rest is learnt in the background
 * and this one question makes do with most of it.
 */
static const struct vocab *ask_vocab(struct store *st)
{
	if (ask_bg.loop == NULL || ask_bg.st != st) {
		return vocab_get(st);	/* no loop: tests, tools */
	}
	if (vocab_warm(st, ASK_VOCAB_BUDGET) == 0 && ask_bg.timer == NULL) {
		ask_bg.timer = loop_add_timer(ask_bg.loop, 2, ask_warm_tick, NULL);
	}
	return vocab_peek();
}

int ask_answer(struct store *st, const char *question, time_t now,
	       struct buf *out)
{
	struct nlu *q = calloc(1, sizeof(*q));
	struct intent *in = calloc(1, sizeof(*in));
	struct ask a;
	int rc = ASK_NOT_UNDERSTOOD;

	if (q == NULL || in == NULL) {
		free(q);
		free(in);
		buf_puts(out, "Sorry, I'm out of memory.");
		return ASK_NOT_UNDERSTOOD;
	}
	memset(&a, 0, sizeof(a));
	a.st = st;
	a.q = q;
	a.in = in;
	a.now = (int64_t)now;
	a.out = out;
	nlu_parse(q, question);
	if (q->n == 0) {
		buf_puts(out, "Ask me something — about your commands, files, "
			 "mail, this machine, or how to do something.");
		goto done;
	}
	a.v = ask_vocab(st);
	a.home = vocab_home(a.v);
	ask_persona(st, "user", a.user, sizeof(a.user), "");
	ask_persona(st, "name", a.self, sizeof(a.self), "hersh");
	store_time_bounds(st, &a.first, &a.last);
	intent_parse(q, a.v, a.now, in);
	switch (in->domain) {
	case DOM_COMMANDS:
	case DOM_FILES:
	case DOM_MAIL:
		if (ask_before_memory(&a)) {
			rc = ASK_NOT_UNDERSTOOD;
			break;
		}
		if (a.first == 0) {
			buf_puts(out, "I don't have any records yet, so I can't "
				 "tell.");
			rc = ASK_NOT_UNDERSTOOD;
			break;
		}
		rc = in->domain == DOM_COMMANDS ? ask_commands(&a) :
		     in->domain == DOM_FILES ? ask_files(&a) : ask_mail(&a);
		break;
	case DOM_HOWTO:
		rc = howto_answer(st, q, a.v, out) == 0 ? ASK_ANSWERED :
							   ASK_NOT_UNDERSTOOD;
		break;
	case DOM_SYSTEM:
		rc = ask_system(&a);
		break;
	case DOM_PERSONA:
		rc = ask_persona_answer(&a);
		break;
	case DOM_MEMORY:
		rc = ask_memory(&a);
		break;
	case DOM_DECLINE:
		rc = ask_decline(&a);
		break;
	default:
		if (ask_before_memory(&a)) {
			break;
		}
		buf_puts(out, "Sorry, I don't know how to answer that. Ask me "
			 "about commands you ran, files you changed, your mail, "
			 "this machine, or how to do something.");
		rc = ASK_NOT_UNDERSTOOD;
		break;
	}
done:
	nlu_release(q);
	free(q);
	free(in);
	return rc;
}

/* Learns the memory's vocabulary in slices after start-up, so the first
 * question over a large memory is as quick as the others. */
static void ask_warm_tick(struct loop *l, void *data)
{
	(void)data;
	ask_bg.timer = NULL;
	if (store_in_transaction(ask_bg.st)) {
		ask_bg.timer = loop_add_timer(l, 50, ask_warm_tick, NULL);
		return;
	}
	if (vocab_warm(ask_bg.st, ASK_WARM_ROWS) == 0) {
		ask_bg.timer = loop_add_timer(l, 2, ask_warm_tick, NULL);
	} else if (!docs_complete()) {
		/* while the daemon is busy starting up anyway (the man pages),
		 * keep up with what arrives, e.g. an import */
		ask_bg.timer = loop_add_timer(l, 20, ask_warm_tick, NULL);
	}
}

int ask_start(struct loop *l, struct store *st)
{
	const char *const *dirs = docs_read_paths();
	size_t i;

	for (i = 0; dirs[i] != NULL; i++) {
		sandbox_add_path(dirs[i], SANDBOX_READ);
	}
	sandbox_add_path("/proc", SANDBOX_READ);
	ask_bg.loop = l;
	ask_bg.st = st;
	ask_bg.timer = loop_add_timer(l, 10, ask_warm_tick, NULL);
	return docs_start(l, st);
}

void ask_stop(void)
{
	if (ask_bg.timer != NULL && ask_bg.loop != NULL) {
		loop_del_timer(ask_bg.loop, ask_bg.timer);
	}
	ask_bg.timer = NULL;
	docs_stop();
	vocab_free();
}
