x=abcabc
echo ${x#?} ${x%??} ${x#[ab]} ${x#[!a]} ${x##[a-b]*c} ${x%[c]}
