true &&
echo and
false ||
  echo or
echo pipe |

tr a-z A-Z
