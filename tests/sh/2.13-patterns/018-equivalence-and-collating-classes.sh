# posix-differs-from-dash: dash does not implement [[=c=]] equivalence classes or [[.c.]] collating symbols in bracket expressions
case a in [[=a=]]) echo equiv ;; *) echo no-equiv ;; esac
case b in [[.b.]]) echo collating ;; *) echo no-collating ;; esac
case - in [[.-.]]) echo collating-dash ;; *) echo no-collating-dash ;; esac
