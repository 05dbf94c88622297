alias hi='echo hello'
hi world
