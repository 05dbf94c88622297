case b in [!a]) echo bang-negation ;; esac
case a in [!a]) echo no ;; *) echo bang-excludes ;; esac
