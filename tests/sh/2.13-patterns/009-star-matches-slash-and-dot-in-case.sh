case a/b in a*b) echo star-slash ;; esac
case .hidden in *hidden) echo star-dot ;; esac
case a/b in a?b) echo qmark-slash ;; esac
