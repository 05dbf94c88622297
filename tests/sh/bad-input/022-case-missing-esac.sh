$SH -c 'case x in x) echo y;;' 2>/dev/null; echo "st=$?"
$SH -c 'case x in x) echo y;; esac esac' 2>/dev/null; echo "extra-st=$?"
