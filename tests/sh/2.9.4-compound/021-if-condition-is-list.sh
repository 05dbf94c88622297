if false; true; then echo last-decides; fi
if true && false || true; then echo and-or; fi
if { echo in-cond; false; }; then :; else echo group-cond; fi
