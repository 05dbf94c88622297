/*
 * alias.h - the alias table (XCU 2.3.1, alias, unalias).
 */
#ifndef HERSH_ALIAS_H
#define HERSH_ALIAS_H

struct alias_table;

struct alias_table *alias_table_new(void);
void alias_table_free(struct alias_table *t);
/* The value of alias name, or NULL. */
const char *alias_get(struct alias_table *t, const char *name);
void alias_set(struct alias_table *t, const char *name, const char *value);
/* 0, or -1 when there was no such alias */
int alias_unset(struct alias_table *t, const char *name);
void alias_clear(struct alias_table *t);
/* Calls fn for every alias in name order. */
void alias_each(struct alias_table *t,
		void (*fn)(const char *name, const char *value, void *ctx),
		void *ctx);

#endif
