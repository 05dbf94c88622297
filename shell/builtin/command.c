/* command.c - STUB: to be replaced by the real implementation */
#include "builtin.h"
#include "shell.h"
int builtin_command(struct shell *sh, int argc, char **argv) { sh_error(sh, "%s: not implemented", argv[0]); return 2; }
int builtin_type(struct shell *sh, int argc, char **argv) { sh_error(sh, "%s: not implemented", argv[0]); return 2; }
int builtin_describe(struct shell *sh, const char *name, bool verbose) { return 127; }
