case '' in '') echo empty-matches-empty ;; esac
case x in '') echo no ;; *) echo x-not-empty ;; esac
e=
case '' in $e) echo empty-var-pattern ;; esac
