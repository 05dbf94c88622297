false && echo a || echo b
true || echo a && echo b
false || false && echo no || echo c
true && false || echo d
