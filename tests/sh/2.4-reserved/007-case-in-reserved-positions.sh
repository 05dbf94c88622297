case in in in) echo in-matched;; esac
case do in do) echo do-matched;; esac
case esac in (esac) echo esac-matched;; esac
