case 'a|b' in 'a|b') echo literal-pipe ;; esac
case ')' in ')') echo paren ;; esac
case '*' in [*]) echo bracket-star ;; esac
case x in [!a-w]) echo negated ;; esac
case '' in *) echo star-matches-empty ;; esac
