case x in x) echo a; echo b;; y) echo c;; esac
