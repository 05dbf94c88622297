if if true; then false; fi; then echo no; else echo nested-if-cond; fi
while ! if true; then false; fi; do echo body; break; done
