touch zz
case z* in 'z*') echo literal-word ;; *) echo globbed ;; esac
