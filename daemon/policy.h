/*
 * policy.h - when the companion speaks: a learned policy per kind of
 * suggestion and per context inside a kind.
 *
 * Each (kind, context) arm keeps Beta-Bernoulli evidence: how often a
 * suggestion of that kind, in that context, was taken or ignored.  To
 * decide, the policy draws a chance of acceptance from the arm's
 * posterior (Thompson sampling; the kind's evidence, half weighted,
 * is shared by its contexts) and speaks when that chance, times the
 * rule's own confidence, beats the cost of interrupting: a base cost set
 * by the chattiness, plus a recency penalty that grows the closer the
 * last suggestion was.  On top, hard budgets: a few suggestions per hour,
 * at most POLICY_MAX_PER_100 per 100 prompts, and a minimum gap in
 * prompts.  Evidence decays with a half-life of two weeks, so old habits
 * fade.  A refusal mutes the kind until it is unmuted.
 *
 * Non-interrupting kinds (the ghost text of recall) pay a small fixed
 * cost and no budget.
 *
 * The policy is pure computation with its own seeded random generator
 * (HERSH_SEED makes it deterministic); suggest.c feeds it, persists it
 * with policy_save()/policy_load() and the simulator (tests/unit/
 * test_suggest_sim.c) drives it with simulated users.
 */
#ifndef HERSH_POLICY_H
#define HERSH_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include <hersh/buf.h>

struct policy;

/* Never more than this many suggestions in any 100 prompts. */
#define POLICY_MAX_PER_100 10

enum policy_chattiness {
	POLICY_QUIET = 0,
	POLICY_NORMAL = 1,
	POLICY_CHATTY = 2,
};

/* Why the last decision went the way it did (for `companion why`). */
struct policy_why {
	double theta;		/* the sampled chance of acceptance */
	double mean;		/* the posterior mean */
	double alpha;		/* the posterior's parameters */
	double beta;
	double confidence;	/* the rule's own confidence */
	double cost;		/* base cost + recency penalty */
	const char *blocked;	/* a budget that said no, or NULL */
};

/* A new policy with the default prior; seed feeds its generator. */
struct policy *policy_new(uint64_t seed);
void policy_free(struct policy *p);

void policy_set_chattiness(struct policy *p, enum policy_chattiness c);
enum policy_chattiness policy_chattiness(const struct policy *p);
/* Mutes or unmutes a kind (enum suggestion_kind). */
void policy_set_muted(struct policy *p, int kind, bool muted);
bool policy_muted(const struct policy *p, int kind);

/*
 * Tests only (HERSHD_POLICY=always in hershd's environment): every
 * decision says yes unless the kind is muted; no sampling, no budgets.
 */
void policy_set_always(struct policy *p, bool always);

/* A prompt is about to be drawn (counts prompts for the budgets). */
void policy_prompt(struct policy *p, int64_t now);

/*
 * Whether to show a suggestion of kind in context ctx (any short text,
 * may be NULL) with the rule's confidence in (0, 1] at time now (local
 * seconds).  Samples; fills why when not NULL.  Deciding commits to
 * nothing: call policy_shown() when the suggestion is shown.
 */
bool policy_decide(struct policy *p, int kind, const char *ctx,
		   double confidence, int64_t now, struct policy_why *why);
/* A suggestion of kind was shown at now (spends the budgets). */
void policy_shown(struct policy *p, int kind, int64_t now);
/*
 * The user's reaction (enum proto_outcome): taken is evidence for,
 * ignored against, dismissed (refused) strongly against and mutes the
 * kind.  Shown (0) changes nothing.
 */
void policy_outcome(struct policy *p, int kind, const char *ctx,
		    int outcome, int64_t now);

/*
 * The chance that policy_decide() would say yes, budgets aside, by
 * drawing samples times from a generator of its own (the policy's is
 * not advanced).  For the simulator and for tests.
 */
double policy_show_probability(const struct policy *p, int kind,
			       const char *ctx, double confidence,
			       int64_t now, int samples);

/* Appends the learned state (text, one arm per line) to out. */
void policy_save(const struct policy *p, struct buf *out);
/* Replaces the learned state by what policy_save() wrote.  Lines that
 * don't parse are skipped.  Returns the number of arms loaded. */
int policy_load(struct policy *p, const char *text);

#endif
