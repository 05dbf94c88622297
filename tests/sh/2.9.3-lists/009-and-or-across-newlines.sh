true &&
  echo and-next-line ||
  echo not-here
false ||

  echo or-after-blank
