case 'a*c' in a'*'c) echo partial-quote ;; esac
case 'abc' in a'*'c) echo no ;; *) echo partial-quote-literal ;; esac
case 'abc' in "a"*) echo quoted-prefix-glob ;; esac
