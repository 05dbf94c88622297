echo abc |
  tr a-c A-C |

  sed 's/^/>/'
