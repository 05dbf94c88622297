p='*'
case abc in "$p") echo no ;; $p) echo unquoted-glob ;; esac
p='[ab]'
case a in $p) echo bracket-from-var ;; esac
case '[ab]' in "$p") echo literal-bracket-from-var ;; esac
