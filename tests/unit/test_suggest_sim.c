/*
 * test_suggest_sim.c - the suggestion simulator (issue 6).
 *
 * Replays a fortnight of activity (../shared/bench/ask/fixture.jsonl, or
 * $HERSH_SIM_FIXTURE) through the daemon's real suggestion engine
 * (suggest.c, policy.c, persona.c over a real store), once per simulated
 * user with a taste: the kinds of suggestion that user takes.  Every
 * command of the fixture is one prompt; before it the engine may speak.
 * The shell's own kinds get their chances as the shell would: a fix after
 * a failed command whose fix is known (one failure in four here), a typo
 * on 3% of the lines; the shell shows them only when the last NOTE allowed
 * the kind.
 *
 * Per user it reports: suggestions per 100 prompts (overall and the worst
 * window of 100), the share accepted (overall and after the first day),
 * and for each kind the user always ignores, how many showings and
 * prompts it takes for the kind's chance of being shown to fall below 5%
 * of its initial value.  Then it checks the targets:
 *   - accepted share above 50% after day 1 for the user who takes half of
 *     the kinds;
 *   - an always-ignored kind below 5% of its initial rate within 20
 *     showings;
 *   - never more than 10 suggestions in any 100 consecutive prompts.
 * Run with -v for a line per suggestion.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hersh/buf.h>
#include <hersh/proto.h>
#include <hersh/suggestion.h>

#include "import.h"
#include "policy.h"
#include "store.h"
/* the daemon's, not shell/suggest.h (both are on the include path) */
#include "../../daemon/suggest.h"
#include "test.h"

#define SIM_MAX_EVENTS 20000
#define SIM_SAMPLES 4000

struct sim_ev {
	enum store_kind kind;
	int64_t time;
	char *cwd;
	char *line;
	char *session;
	int status;
	int64_t duration_ms;
	char *from;
	char *subject;
	bool read;
};

static struct sim_ev sim_events[SIM_MAX_EVENTS];
static int sim_n;
static bool sim_verbose;

static char *sim_dup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static int sim_load(const char *path)
{
	struct import_line *il = import_line_new();
	struct buf why = BUF_INIT;
	struct store_event ev;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	bool redacted;
	FILE *f = fopen(path, "r");

	if (f == NULL || il == NULL) {
		import_line_free(il);
		if (f != NULL) {
			fclose(f);
		}
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0 && sim_n < SIM_MAX_EVENTS) {
		struct sim_ev *e = &sim_events[sim_n];

		buf_reset(&why);
		if (import_parse_line(il, line, (size_t)len - 1, &ev, &redacted,
				      &why) != IMPORT_EVENT) {
			continue;
		}
		e->kind = ev.kind;
		if (ev.kind == STORE_KIND_COMMAND) {
			e->time = ev.cmd.time;
			e->cwd = sim_dup(ev.cmd.cwd);
			e->line = sim_dup(ev.cmd.line);
			e->session = sim_dup(ev.cmd.session);
			e->status = ev.cmd.status;
			e->duration_ms = ev.cmd.duration_ms;
		} else if (ev.kind == STORE_KIND_MAIL) {
			e->time = ev.mail.time;
			e->from = sim_dup(ev.mail.from);
			e->subject = sim_dup(ev.mail.subject);
			e->read = ev.mail.read;
		} else {
			continue;
		}
		sim_n++;
	}
	free(line);
	fclose(f);
	buf_release(&why);
	import_line_free(il);
	return sim_n;
}

static void sim_free(void)
{
	int i;

	for (i = 0; i < sim_n; i++) {
		free(sim_events[i].cwd);
		free(sim_events[i].line);
		free(sim_events[i].session);
		free(sim_events[i].from);
		free(sim_events[i].subject);
	}
	sim_n = 0;
}

/* ---- users -------------------------------------------------------------- */

struct sim_user {
	const char *name;
	double take[SUGGESTION_KINDS];	/* chance of taking each kind */
};

struct sim_result {
	int prompts;
	int shown;
	int taken;
	int shown_late;		/* after the first day */
	int taken_late;
	int worst_100;		/* most suggestions in 100 prompts */
	int shown_kind[SUGGESTION_KINDS];
	int taken_kind[SUGGESTION_KINDS];
	double initial[SUGGESTION_KINDS];	/* show chance at first */
	int fade_showings[SUGGESTION_KINDS];	/* showings to < 5% */
	int fade_prompts[SUGGESTION_KINDS];	/* prompts to < 5% */
};

static uint64_t sim_rng;

static double sim_uniform(void)
{
	sim_rng ^= sim_rng << 13;
	sim_rng ^= sim_rng >> 7;
	sim_rng ^= sim_rng << 17;
	return (double)(sim_rng >> 11) / 9007199254740992.0;
}

static uint32_t sim_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * 16777619u;
	}
	return h;
}

/* The fields of a NOTE: display text (in out), id, kind, local kinds. */
static void sim_note(const char *note, struct buf *text, int64_t *id,
		     int *kind, unsigned *local)
{
	const char *sep = strstr(note, SUGGESTION_SEP), *p;
	char key[16], val[64];
	size_t n;

	*id = 0;
	*kind = 0;
	buf_reset(text);
	buf_append(text, note, sep ? (size_t)(sep - note) : strlen(note));
	for (p = sep; p != NULL; p = strstr(p, SUGGESTION_SEP)) {
		p += SUGGESTION_SEP_LEN;
		n = strcspn(p, "=");
		if (n >= sizeof(key)) {
			continue;
		}
		memcpy(key, p, n);
		key[n] = '\0';
		snprintf(val, sizeof(val), "%.*s",
			 (int)strcspn(p + n + 1, "\xee"), p + n + 1);
		if (strcmp(key, "id") == 0) {
			*id = strtoll(val, NULL, 10);
		} else if (strcmp(key, "kind") == 0) {
			*kind = suggestion_kind_parse(val);
		} else if (strcmp(key, "local") == 0) {
			char *k, *save = NULL;

			*local = 0;
			for (k = strtok_r(val, ",", &save); k != NULL;
			     k = strtok_r(NULL, ",", &save)) {
				*local |= 1u << suggestion_kind_parse(k);
			}
		}
	}
}

/* After a showing: has the kind faded below 5% of its first chance? */
static void sim_fade(struct suggest *sg, struct sim_result *r, int kind,
		     int64_t now)
{
	char ctx[64];
	double conf, p;
	int k;

	if (r->fade_showings[kind] != 0 ||
	    !suggest_last_shown(sg, &k, ctx, sizeof(ctx), &conf) ||
	    k != kind) {
		return;
	}
	p = policy_show_probability(suggest_policy(sg), kind, ctx, conf,
				    now, SIM_SAMPLES);
	if (p < 0.05 * r->initial[kind]) {
		r->fade_showings[kind] = r->shown_kind[kind];
		r->fade_prompts[kind] = r->prompts;
	}
}

/* The user sees a suggestion of kind (id > 0: the daemon's). */
static void sim_react(struct suggest *sg, const struct sim_user *u,
		      struct sim_result *r, const char *session, int kind,
		      int64_t id, int64_t now, bool late, const char *text)
{
	char ctx[64];
	double conf;
	int k;
	bool take = sim_uniform() < u->take[kind];

	if (r->shown_kind[kind] == 0 &&
	    suggest_last_shown(sg, &k, ctx, sizeof(ctx), &conf) && k == kind) {
		r->initial[kind] = policy_show_probability(
			suggest_policy(sg), kind, ctx, conf, now, SIM_SAMPLES);
	}
	r->shown++;
	r->shown_kind[kind]++;
	r->shown_late += late;
	if (take) {
		r->taken++;
		r->taken_kind[kind]++;
		r->taken_late += late;
	}
	if (sim_verbose) {
		printf("  %s prompt %d%s %s %s: %s\n", u->name, r->prompts,
		       late ? "" : " (day 1)",
		       take ? "TAKEN  " : "ignored", suggestion_kind_name(kind),
		       text);
	}
	suggest_feedback(sg, session, id > 0 ? id : -kind,
			 take ? PROTO_OUTCOME_TAKEN : PROTO_OUTCOME_IGNORED,
			 now);
	if (!take) {
		sim_fade(sg, r, kind, now);
	}
}

static void sim_run(const struct sim_user *u, struct sim_result *r)
{
	char path[] = "/tmp/hersh-sim-XXXXXX";
	struct buf err = BUF_INIT, note = BUF_INIT, text = BUF_INIT;
	struct store_command cmd;
	struct store_mail mail;
	struct store *st;
	struct suggest *sg;
	unsigned local = ~0u;
	int pending = 0, i, k, fd, *window;
	int64_t id, day1 = 0, seq = 0;
	char ident[32];

	memset(r, 0, sizeof(*r));
	fd = mkstemp(path);
	if (fd >= 0) {
		close(fd);
	}
	st = store_open(path, &err);
	CHECK(st != NULL);
	if (st == NULL) {
		fprintf(stderr, "store: %s\n", buf_str(&err));
		buf_release(&err);
		return;
	}
	sim_rng = 0x9e3779b97f4a7c15ull ^ sim_hash(u->name);
	sg = suggest_new(st, 42);
	/* ghost text is not an interruption: the simulator leaves it out */
	policy_set_muted(suggest_policy(sg), SUGGESTION_RECALL, true);
	store_persona_set(st, "muted", "recall");
	window = calloc((size_t)sim_n + 1, sizeof(*window));
	for (i = 0; i < sim_n; i++) {
		struct sim_ev *e = &sim_events[i];
		bool late;

		if (e->kind == STORE_KIND_MAIL) {
			memset(&mail, 0, sizeof(mail));
			mail.time = e->time;
			mail.from = e->from;
			mail.subject = e->subject;
			mail.mailbox = "INBOX";
			snprintf(ident, sizeof(ident), "m%d", i);
			mail.ident = ident;
			store_add_mail(st, &mail);
			continue;
		}
		if (day1 == 0) {
			day1 = e->time - e->time % 86400 + 86400;
		}
		late = e->time >= day1;
		/* the prompt before this command */
		store_begin(st);
		if (pending != 0 && (local & (1u << pending))) {
			suggest_feedback(sg, e->session, -pending,
					 PROTO_OUTCOME_SHOWN, e->time);
		} else {
			pending = 0;
		}
		buf_reset(&note);
		suggest_prompt(sg, e->session, e->time, &note);
		sim_note(buf_str(&note), &text, &id, &k, &local);
		r->prompts++;
		if (pending != 0) {
			sim_react(sg, u, r, e->session, pending, 0, e->time,
				  late, "(the shell's own)");
			window[r->prompts] = 1;
		} else if (text.len > 0 && id > 0) {
			sim_react(sg, u, r, e->session, k, id, e->time, late,
				  buf_str(&text));
			window[r->prompts] = 1;
		}
		pending = 0;
		/* the command itself */
		memset(&cmd, 0, sizeof(cmd));
		cmd.time = e->time;
		cmd.cwd = e->cwd;
		cmd.line = e->line;
		cmd.session = e->session;
		store_add_command(st, &cmd, ++seq);
		suggest_command(sg, &cmd, false);
		cmd.has_status = true;
		cmd.status = e->status;
		cmd.duration_ms = e->duration_ms;
		store_end_command(st, &cmd, seq);
		suggest_command(sg, &cmd, true);
		store_commit(st);
		/* the shell's own chances for the next prompt */
		if (e->status != 0 && e->status != 130 &&
		    sim_hash(e->line) % 4 == 0) {
			pending = SUGGESTION_FIX;
		} else if (sim_hash(e->line) % 97 < 3 && sim_uniform() < 0.5) {
			pending = SUGGESTION_TYPO;
		}
	}
	for (i = 1; i <= r->prompts; i++) {
		int j, n = 0;

		for (j = i; j <= r->prompts && j < i + 100; j++) {
			n += window[j];
		}
		if (n > r->worst_100) {
			r->worst_100 = n;
		}
	}
	free(window);
	suggest_free(sg);
	store_close(st);
	unlink(path);
	snprintf(ident, sizeof(ident), "%s-wal", path);
	unlink(ident);
	snprintf(ident, sizeof(ident), "%s-shm", path);
	unlink(ident);
	buf_release(&err);
	buf_release(&note);
	buf_release(&text);
}

static void sim_report(const struct sim_user *u, const struct sim_result *r)
{
	int k;

	printf("user %-9s prompts %d, suggestions %d (%.1f per 100, worst "
	       "100-prompt window %d), accepted %.0f%% (after day 1: %.0f%% "
	       "of %d)\n", u->name, r->prompts, r->shown,
	       100.0 * r->shown / (r->prompts ? r->prompts : 1), r->worst_100,
	       100.0 * r->taken / (r->shown ? r->shown : 1),
	       100.0 * r->taken_late / (r->shown_late ? r->shown_late : 1),
	       r->shown_late);
	for (k = 1; k < SUGGESTION_KINDS; k++) {
		if (r->shown_kind[k] == 0) {
			continue;
		}
		printf("    %-6s shown %3d taken %3d", suggestion_kind_name(k),
		       r->shown_kind[k], r->taken_kind[k]);
		if (u->take[k] == 0.0) {
			if (r->fade_showings[k] > 0) {
				printf("  always ignored: below 5%% of its "
				       "initial rate (%.2f) after %d showings, "
				       "%d prompts", r->initial[k],
				       r->fade_showings[k], r->fade_prompts[k]);
			} else {
				printf("  always ignored: still above 5%% of "
				       "%.2f", r->initial[k]);
			}
		}
		printf("\n");
	}
}

/* ---- the targets ------------------------------------------------------------------ */

static const struct sim_user sim_users[] = {
	/* takes half of the kinds */
	{ "half", { [SUGGESTION_TYPO] = 0.9, [SUGGESTION_ALIAS] = 0.9,
		    [SUGGESTION_MAIL] = 0.9 } },
	{ "all", { [SUGGESTION_TYPO] = 0.9, [SUGGESTION_FIX] = 0.9,
		   [SUGGESTION_ALIAS] = 0.9, [SUGGESTION_MAIL] = 0.9,
		   [SUGGESTION_LONG] = 0.9, [SUGGESTION_CARE] = 0.9 } },
	{ "none", { 0 } },
	{ "fixes", { [SUGGESTION_TYPO] = 1.0, [SUGGESTION_FIX] = 1.0 } },
};
#define SIM_USERS (sizeof(sim_users) / sizeof(sim_users[0]))

static struct sim_result sim_results[SIM_USERS];

static void test_half_user_accepts_most(void)
{
	const struct sim_result *r = &sim_results[0];

	CHECK(r->shown_late > 0);
	CHECK(r->taken_late * 2 > r->shown_late);
}

static void test_ignored_kinds_fade(void)
{
	size_t u;
	int k;

	for (u = 0; u < SIM_USERS; u++) {
		for (k = 1; k < SUGGESTION_KINDS; k++) {
			const struct sim_result *r = &sim_results[u];

			if (sim_users[u].take[k] != 0.0 ||
			    r->shown_kind[k] == 0) {
				continue;
			}
			/* faded within 20 showings, or shown too rarely to
			 * get there (then never more than 20 times) */
			if (r->fade_showings[k] == 0) {
				CHECK(r->shown_kind[k] < 20);
			} else {
				CHECK(r->fade_showings[k] <= 20);
			}
		}
	}
}

static void test_never_more_than_10_per_100(void)
{
	size_t u;

	for (u = 0; u < SIM_USERS; u++) {
		CHECK(sim_results[u].worst_100 <= 10);
	}
}

static void test_takers_hear_more_than_ignorers(void)
{
	/* kinds a user takes come more readily than kinds they ignore */
	CHECK(sim_results[1].shown > sim_results[2].shown);
	CHECK(sim_results[3].shown_kind[SUGGESTION_FIX] >
	      sim_results[0].shown_kind[SUGGESTION_FIX]);
}

/*
 * The fading of an always-ignored kind on its own: a chance to speak at
 * every prompt, every showing ignored, until the chance of being shown is
 * below 5% of what it was.  Context and confidence as the rules use them.
 */
static const struct {
	int kind;
	const char *ctx;
	double confidence;
} sim_fades[] = {
	{ SUGGESTION_TYPO, "", 1.0 },
	{ SUGGESTION_FIX, "", 1.0 },
	{ SUGGESTION_ALIAS, "", 0.8 },
	{ SUGGESTION_MAIL, "amy@example.org", 0.9 },
	{ SUGGESTION_LONG, "fail", 0.9 },
	{ SUGGESTION_LONG, "ok", 0.6 },
	{ SUGGESTION_CARE, "hours", 0.5 },
};
#define SIM_FADES (sizeof(sim_fades) / sizeof(sim_fades[0]))
static int sim_fade_showings[SIM_FADES];

static void sim_fade_run(void)
{
	struct policy *p;
	double initial, now_p;
	int64_t t = 1794046980;
	size_t i;
	int prompt, shown;

	for (i = 0; i < SIM_FADES; i++) {
		p = policy_new(7 + i);
		initial = policy_show_probability(p, sim_fades[i].kind,
						  sim_fades[i].ctx,
						  sim_fades[i].confidence, t,
						  SIM_SAMPLES);
		now_p = initial;
		shown = 0;
		for (prompt = 1; prompt <= 2000 && now_p >= 0.05 * initial;
		     prompt++) {
			t += 60;
			policy_prompt(p, t);
			if (!policy_decide(p, sim_fades[i].kind,
					   sim_fades[i].ctx,
					   sim_fades[i].confidence, t, NULL)) {
				continue;
			}
			policy_shown(p, sim_fades[i].kind, t);
			policy_outcome(p, sim_fades[i].kind, sim_fades[i].ctx,
				       PROTO_OUTCOME_IGNORED, t);
			shown++;
			now_p = policy_show_probability(p, sim_fades[i].kind,
							sim_fades[i].ctx,
							sim_fades[i].confidence,
							t, SIM_SAMPLES);
		}
		sim_fade_showings[i] = shown;
		printf("fade %-6s ctx %-16s confidence %.1f: initial rate "
		       "%.2f, below 5%% (%.3f) after %d showings, %d prompts\n",
		       suggestion_kind_name(sim_fades[i].kind),
		       sim_fades[i].ctx[0] ? sim_fades[i].ctx : "-",
		       sim_fades[i].confidence, initial, now_p, shown,
		       prompt - 1);
		policy_free(p);
	}
}

static void test_ignored_kind_fades_within_20_showings(void)
{
	size_t i;

	for (i = 0; i < SIM_FADES; i++) {
		CHECK(sim_fade_showings[i] <= 20);
	}
}

int main(int argc, char **argv)
{
	const char *path = getenv("HERSH_SIM_FIXTURE");
	size_t u;

	sim_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	if (path == NULL) {
		path = access("../shared/bench/ask/fixture.jsonl", R_OK) == 0 ?
		       "../shared/bench/ask/fixture.jsonl" :
		       "/work/shared/bench/ask/fixture.jsonl";
	}
	if (sim_load(path) <= 0) {
		fprintf(stderr, "simulator: cannot read %s\n", path);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	for (u = 0; u < SIM_USERS; u++) {
		sim_run(&sim_users[u], &sim_results[u]);
		sim_report(&sim_users[u], &sim_results[u]);
	}
	sim_fade_run();
	TEST_RUN(test_ignored_kind_fades_within_20_showings);
	TEST_RUN(test_half_user_accepts_most);
	TEST_RUN(test_ignored_kinds_fade);
	TEST_RUN(test_never_more_than_10_per_100);
	TEST_RUN(test_takers_hear_more_than_ignorers);
	sim_free();
	return test_summary();
}
