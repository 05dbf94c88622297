{ false; } || { echo group-or; }
(true) && (echo sub-and)
if true; then false; fi || echo if-failed
! false && echo bang-and
