true && (echo bg-in-and-or) &
wait
false || echo or-part &
wait
