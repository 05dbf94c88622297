for i in 1 2; do echo $i; done >loop
while read -r l; do echo "r:$l"; done <loop
if true; then echo if-out; fi >ifo; cat ifo
case x in x) echo case-out;; esac >co; cat co
{ echo g1; echo g2; } >grp; cat grp
(echo sub) >sb; cat sb
