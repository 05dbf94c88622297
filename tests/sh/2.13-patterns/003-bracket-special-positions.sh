case ']' in []]) echo close-first ;; esac
case 'x' in [!]]) echo negated-close-first ;; esac
case '-' in [a-]) echo dash-last ;; esac
case '-' in [-a]) echo dash-first ;; esac
case 'b' in [a-]) echo no ;; *) echo b-not-in-a-dash ;; esac
