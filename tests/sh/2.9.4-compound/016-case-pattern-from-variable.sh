p='a*'
case abc in $p) echo glob-from-var ;; esac
case abc in "$p") echo no ;; *) echo quoted-var-literal ;; esac
case 'a*' in "$p") echo literal-match ;; esac
q='?'
case x in $q) echo qmark ;; esac
