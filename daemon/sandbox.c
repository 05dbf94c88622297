/*
 * sandbox.c - the daemon's lockdown (see sandbox.h).
 *
 * PLACEHOLDER: this version only does what must come first in any policy:
 * no core dumps (they would hold mail and history), not dumpable (no
 * /proc/PID/mem for others), and NO_NEW_PRIVS.  THE SECCOMP POLICY GOES
 * HERE (libseccomp, default SCMP_ACT_KILL_PROCESS, the MON allowlist of
 * ../shared/research/sandbox.md section 2, then Landlock), and this is the
 * only file that may include seccomp.h.
 */
#include <sys/prctl.h>
#include <sys/resource.h>

#include "log.h"
#include "sandbox.h"

static const char *sandbox_state = "off (not applied)";

int sandbox_apply(void)
{
	struct rlimit none = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &none) < 0) {
		error_f("setrlimit(RLIMIT_CORE): failed");
		return -1;
	}
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		error_f("prctl: failed");
		return -1;
	}
	sandbox_state = "partial: no_new_privs, no core dumps; "
			"seccomp not yet installed";
	return 0;
}

const char *sandbox_status(void)
{
	return sandbox_state;
}
