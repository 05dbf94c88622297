$SH -c 'echo ${nosuchvar?}' 2>err; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
grep -q nosuchvar err && echo names-variable
