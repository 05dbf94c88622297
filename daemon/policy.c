/*
 * policy.c - Thompson sampling over Beta-Bernoulli arms, with a cost for
 * interrupting, a recency penalty and budgets (see policy.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hersh/proto.h>
#include <hersh/suggestion.h>

#include "policy.h"

/* Arms kept; the least recently used one is replaced when full. */
#define POLICY_ARMS 128
#define POLICY_CTX_MAX 32
/* Evidence halves every two weeks. */
#define POLICY_HALF_LIFE (14.0 * 86400.0)
/* Prior: a fair coin worth a few observations. */
#define POLICY_PRIOR_A 2.0
#define POLICY_PRIOR_B 2.0
/* Weight of the kind's shared evidence in a context's posterior. */
#define POLICY_KIND_WEIGHT 0.5
/* Evidence of one refusal. */
#define POLICY_REFUSAL 5.0
/* Shown times remembered for the hourly budget. */
#define POLICY_RING 16

struct policy_arm {
	int kind;		/* 0 = unused */
	char ctx[POLICY_CTX_MAX];	/* "" = the kind's shared arm */
	double a;		/* decayed count of takes */
	double b;		/* decayed count of ignores */
	int64_t t;		/* when a and b were last decayed */
	uint64_t used;		/* for replacement */
};

struct policy {
	uint64_t rng;
	enum policy_chattiness chat;
	bool muted[SUGGESTION_KINDS];
	struct policy_arm arms[POLICY_ARMS];
	uint64_t clock;		/* use counter for the arms */
	int64_t prompts;	/* prompts seen */
	int64_t last_shown_prompt;	/* -1: never */
	int64_t shown_time[POLICY_RING];	/* ring of shown times */
	int64_t shown_prompt[POLICY_RING];	/* and their prompt numbers */
	int shown_next;
	bool always;		/* tests: say yes to everything not muted */
};

/* Per chattiness: base cost, per hour, per 100 prompts, gap (prompts). */
static const struct {
	double cost;
	int per_hour;
	int per_100;
	int gap;
} policy_levels[] = {
	[POLICY_QUIET] = { 0.55, 2, 4, 6 },
	[POLICY_NORMAL] = { 0.35, 4, 8, 4 },
	[POLICY_CHATTY] = { 0.20, 8, POLICY_MAX_PER_100, 2 },
};

/* ---- random numbers ------------------------------------------------------ */

static uint64_t policy_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in (0, 1). */
static double policy_uniform(uint64_t *s)
{
	return ((double)(policy_next(s) >> 11) + 0.5) / 9007199254740992.0;
}

static double policy_normal(uint64_t *s)
{
	double u = policy_uniform(s), v = policy_uniform(s);

	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

/* Gamma(shape, 1) by Marsaglia and Tsang. */
static double policy_gamma(uint64_t *s, double shape)
{
	double d, c, x, v, u;

	if (shape < 1.0) {
		return policy_gamma(s, shape + 1.0) *
		       pow(policy_uniform(s), 1.0 / shape);
	}
	d = shape - 1.0 / 3.0;
	c = 1.0 / sqrt(9.0 * d);
	for (;;) {
		do {
			x = policy_normal(s);
			v = 1.0 + c * x;
		} while (v <= 0.0);
		v = v * v * v;
		u = policy_uniform(s);
		if (u < 1.0 - 0.0331 * x * x * x * x ||
		    log(u) < 0.5 * x * x + d * (1.0 - v + log(v))) {
			return d * v;
		}
	}
}

static double policy_beta(uint64_t *s, double a, double b)
{
	double x = policy_gamma(s, a), y = policy_gamma(s, b);

	return x + y > 0.0 ? x / (x + y) : 0.5;
}

/* ---- arms ---------------------------------------------------------------- */

struct policy *policy_new(uint64_t seed)
{
	struct policy *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		return NULL;
	}
	p->rng = seed ^ 0x6a09e667f3bcc908ull;
	p->chat = POLICY_NORMAL;
	p->last_shown_prompt = -1;
	return p;
}

void policy_free(struct policy *p)
{
	free(p);
}

void policy_set_chattiness(struct policy *p, enum policy_chattiness c)
{
	if (c >= POLICY_QUIET && c <= POLICY_CHATTY) {
		p->chat = c;
	}
}

enum policy_chattiness policy_chattiness(const struct policy *p)
{
	return p->chat;
}

void policy_set_always(struct policy *p, bool always)
{
	p->always = always;
}

void policy_set_muted(struct policy *p, int kind, bool muted)
{
	if (kind > 0 && kind < SUGGESTION_KINDS) {
		p->muted[kind] = muted;
	}
}

bool policy_muted(const struct policy *p, int kind)
{
	return kind > 0 && kind < SUGGESTION_KINDS && p->muted[kind];
}

/* Copies ctx into an arm key: short, no blanks. */
static void policy_key(char *key, const char *ctx)
{
	size_t i;

	for (i = 0; ctx != NULL && ctx[i] != '\0' && i + 1 < POLICY_CTX_MAX;
	     i++) {
		unsigned char c = (unsigned char)ctx[i];

		key[i] = c > ' ' && c < 0x7f ? (char)c : '_';
	}
	key[i] = '\0';
}

/* Lets the evidence of arm fade up to now. */
static void policy_decay(struct policy_arm *arm, int64_t now)
{
	double f;

	if (now > arm->t) {
		f = exp2(-(double)(now - arm->t) / POLICY_HALF_LIFE);
		arm->a *= f;
		arm->b *= f;
		arm->t = now;
	}
}

/* The arm (kind, ctx), or NULL when absent and not create. */
static struct policy_arm *policy_arm(struct policy *p, int kind,
				     const char *ctx, bool create, int64_t now)
{
	struct policy_arm *free_arm = NULL, *oldest = NULL;
	char key[POLICY_CTX_MAX];
	int i;

	policy_key(key, ctx);
	for (i = 0; i < POLICY_ARMS; i++) {
		struct policy_arm *a = &p->arms[i];

		if (a->kind == kind && strcmp(a->ctx, key) == 0) {
			a->used = ++p->clock;
			return a;
		}
		if (a->kind == 0 && free_arm == NULL) {
			free_arm = a;
		} else if (a->kind != 0 && a->ctx[0] != '\0' &&
			   (oldest == NULL || a->used < oldest->used)) {
			oldest = a;	/* kind arms are never replaced */
		}
	}
	if (!create) {
		return NULL;
	}
	if (free_arm == NULL) {
		free_arm = oldest != NULL ? oldest : &p->arms[0];
	}
	memset(free_arm, 0, sizeof(*free_arm));
	free_arm->kind = kind;
	memcpy(free_arm->ctx, key, sizeof(key));
	free_arm->t = now;
	free_arm->used = ++p->clock;
	return free_arm;
}

/* The posterior of (kind, ctx) at now, from the arms as they are. */
static void policy_posterior(const struct policy *p, int kind,
			     const char *ctx, int64_t now, double *alpha,
			     double *beta)
{
	char key[POLICY_CTX_MAX];
	double ka = 0, kb = 0, ca = 0, cb = 0, f;
	int i;

	policy_key(key, ctx);
	for (i = 0; i < POLICY_ARMS; i++) {
		const struct policy_arm *a = &p->arms[i];

		if (a->kind != kind) {
			continue;
		}
		f = now > a->t ? exp2(-(double)(now - a->t) /
				      POLICY_HALF_LIFE) : 1.0;
		if (a->ctx[0] == '\0') {
			ka = a->a * f;
			kb = a->b * f;
		} else if (key[0] != '\0' && strcmp(a->ctx, key) == 0) {
			ca = a->a * f;
			cb = a->b * f;
		}
	}
	if (key[0] == '\0') {
		/* a kind without contexts: its own evidence, in full */
		*alpha = POLICY_PRIOR_A + ka;
		*beta = POLICY_PRIOR_B + kb;
		return;
	}
	/* the kind arm holds the context's evidence too: count it once */
	*alpha = POLICY_PRIOR_A + ca + POLICY_KIND_WEIGHT * fmax(ka - ca, 0);
	*beta = POLICY_PRIOR_B + cb + POLICY_KIND_WEIGHT * fmax(kb - cb, 0);
}

static bool policy_interrupts(int kind)
{
	return kind != SUGGESTION_RECALL;
}

/* Kinds that answer the user's own mistake right away: no gap or recency
 * penalty, only the budget per 100 prompts. */
static bool policy_reactive(int kind)
{
	return kind == SUGGESTION_TYPO || kind == SUGGESTION_FIX;
}

/* The base cost of interrupting with kind (no recency). */
static double policy_base_cost(const struct policy *p, int kind)
{
	return policy_interrupts(kind) ? policy_levels[p->chat].cost : 0.15;
}

/* Which budget forbids speaking now, or NULL. */
static const char *policy_budget(const struct policy *p, int kind,
				 int64_t now)
{
	int i, hour = 0, hundred = 0;

	if (!policy_reactive(kind) && p->last_shown_prompt >= 0 &&
	    p->prompts - p->last_shown_prompt < policy_levels[p->chat].gap) {
		return "too soon after the last one";
	}
	for (i = 0; i < POLICY_RING; i++) {
		if (p->shown_time[i] != 0 && now - p->shown_time[i] < 3600) {
			hour++;
		}
		/* the window of 100 prompts that ends with this one */
		if (p->shown_time[i] != 0 &&
		    p->prompts - p->shown_prompt[i] < 100) {
			hundred++;
		}
	}
	if (!policy_reactive(kind) && hour >= policy_levels[p->chat].per_hour) {
		return "hourly budget spent";
	}
	if (hundred >= policy_levels[p->chat].per_100) {
		return "budget per 100 prompts spent";
	}
	return NULL;
}

void policy_prompt(struct policy *p, int64_t now)
{
	(void)now;
	p->prompts++;
}

bool policy_decide(struct policy *p, int kind, const char *ctx,
		   double confidence, int64_t now, struct policy_why *why)
{
	struct policy_why w;
	double since;

	memset(&w, 0, sizeof(w));
	w.confidence = confidence > 1.0 ? 1.0 : confidence;
	if (kind <= 0 || kind >= SUGGESTION_KINDS || p->muted[kind]) {
		w.blocked = "muted";
		if (why != NULL) {
			*why = w;
		}
		return false;
	}
	policy_posterior(p, kind, ctx, now, &w.alpha, &w.beta);
	w.mean = w.alpha / (w.alpha + w.beta);
	w.theta = policy_beta(&p->rng, w.alpha, w.beta);
	w.cost = policy_base_cost(p, kind);
	if (policy_interrupts(kind)) {
		if (p->last_shown_prompt >= 0 && !policy_reactive(kind)) {
			since = (double)(p->prompts - p->last_shown_prompt);
			w.cost += 0.3 * exp(-since / 6.0);
		}
		w.blocked = policy_budget(p, kind, now);
	}
	if (p->always) {
		w.theta = 1.0;
		w.cost = 0.0;
		w.blocked = NULL;
	}
	if (why != NULL) {
		*why = w;
	}
	return w.blocked == NULL && w.theta * w.confidence > w.cost;
}

void policy_shown(struct policy *p, int kind, int64_t now)
{
	if (!policy_interrupts(kind)) {
		return;
	}
	p->shown_time[p->shown_next] = now != 0 ? now : 1;
	p->shown_prompt[p->shown_next] = p->prompts;
	p->shown_next = (p->shown_next + 1) % POLICY_RING;
	p->last_shown_prompt = p->prompts;
}

void policy_outcome(struct policy *p, int kind, const char *ctx,
		    int outcome, int64_t now)
{
	struct policy_arm *arms[2];
	double da = 0, db = 0;
	int i;

	if (kind <= 0 || kind >= SUGGESTION_KINDS) {
		return;
	}
	switch (outcome) {
	case PROTO_OUTCOME_TAKEN:
		da = 1;
		break;
	case PROTO_OUTCOME_IGNORED:
		db = 1;
		break;
	case PROTO_OUTCOME_DISMISSED:
		db = POLICY_REFUSAL;
		p->muted[kind] = true;
		break;
	default:
		return;
	}
	arms[0] = policy_arm(p, kind, "", true, now);
	arms[1] = ctx != NULL && ctx[0] != '\0' ?
		  policy_arm(p, kind, ctx, true, now) : NULL;
	for (i = 0; i < 2; i++) {
		if (arms[i] != NULL) {
			policy_decay(arms[i], now);
			arms[i]->a += da;
			arms[i]->b += db;
		}
	}
}

double policy_show_probability(const struct policy *p, int kind,
			       const char *ctx, double confidence,
			       int64_t now, int samples)
{
	uint64_t s = 0x243f6a8885a308d3ull ^ (uint64_t)kind;
	double alpha, beta, cost;
	int i, yes = 0;

	if (kind <= 0 || kind >= SUGGESTION_KINDS || p->muted[kind] ||
	    samples <= 0) {
		return 0.0;
	}
	policy_posterior(p, kind, ctx, now, &alpha, &beta);
	cost = policy_base_cost(p, kind);
	for (i = 0; i < samples; i++) {
		if (policy_beta(&s, alpha, beta) * confidence > cost) {
			yes++;
		}
	}
	return (double)yes / samples;
}

void policy_save(const struct policy *p, struct buf *out)
{
	int i;

	buf_puts(out, "policy 1\n");
	for (i = 0; i < POLICY_ARMS; i++) {
		const struct policy_arm *a = &p->arms[i];

		if (a->kind == 0) {
			continue;
		}
		buf_printf(out, "%s %s %.4f %.4f %lld\n",
			   suggestion_kind_name(a->kind),
			   a->ctx[0] != '\0' ? a->ctx : "-", a->a, a->b,
			   (long long)a->t);
	}
}

int policy_load(struct policy *p, const char *text)
{
	char kind[16], ctx[POLICY_CTX_MAX];
	struct policy_arm *arm;
	double a, b;
	long long t;
	int n = 0, k;
	const char *line;

	for (line = text; line != NULL && *line != '\0';
	     line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (sscanf(line, "%15s %31s %lf %lf %lld", kind, ctx, &a, &b,
			   &t) != 5) {
			continue;
		}
		k = suggestion_kind_parse(kind);
		if (k == SUGGESTION_NONE || !(a >= 0 && a < 1e6) ||
		    !(b >= 0 && b < 1e6)) {
			continue;
		}
		arm = policy_arm(p, k, strcmp(ctx, "-") == 0 ? "" : ctx, true,
				 (int64_t)t);
		arm->a = a;
		arm->b = b;
		arm->t = (int64_t)t;
		n++;
	}
	return n;
}
