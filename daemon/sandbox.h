/*
 * sandbox.h - locking the daemon down once its setup is done.
 *
 * main.c calls sandbox_apply() exactly once, after the store, the
 * listening socket and the watchers are open and before the event loop
 * runs ("open everything, then lock down").  sandbox.c is the only file
 * that may include seccomp.h; the policy (default kill, an allowlist with
 * a reason per call, Landlock where the kernel has it) is described in
 * docs/sandbox.md and ../shared/research/sandbox.md.
 */
#ifndef HERSH_SANDBOX_H
#define HERSH_SANDBOX_H

#include <stdbool.h>

/*
 * Applies the sandbox to the whole process.  Returns 0, or -1 with the
 * reason logged (the caller refuses to run unsandboxed unless told to).
 */
int sandbox_apply(void);

/* One line for `companion status`, e.g. "seccomp on (kill), landlock ABI 7". */
const char *sandbox_status(void);

#endif
