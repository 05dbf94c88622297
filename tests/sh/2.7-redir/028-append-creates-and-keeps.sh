echo a >>ap; echo b >>ap; echo c >ap2; echo d >>ap2
cat ap ap2
