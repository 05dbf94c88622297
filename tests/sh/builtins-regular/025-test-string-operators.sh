test "abc" = "abc" && echo eq
test "abc" != "abd" && echo ne
test "-f" = "-f" && echo op-like-strings
test "" = "" && echo empty-eq
x=
[ -z "$x" ] && echo z-quoted
[ -n "$x" ] || echo n-quoted-false
[ "$x" ] || echo bare-empty-false
