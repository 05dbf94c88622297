case b in [[:digit:]b]) echo class-or-char ;; esac
case 5 in [![:alpha:]]) echo negated-class ;; esac
case x in [[:digit:][:upper:]]) echo no ;; *) echo two-classes-no-match ;; esac
