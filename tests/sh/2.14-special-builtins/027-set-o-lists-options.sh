set -o | grep -q noglob && echo has-noglob
set -o | grep -q errexit && echo has-errexit
set +o | grep -q 'set [-+]o nounset' && echo plus-o-format
