case '*' in \*) echo esc-star ;; esac
case 'a' in \*) echo no ;; *) echo esc-star-no-glob ;; esac
case '?' in "?") echo quoted-q ;; esac
case '[a]' in '[a]') echo quoted-bracket ;; esac
case '\' in \\) echo backslash ;; esac
