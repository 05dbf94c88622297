case '[' in [) echo lone-bracket ;; esac
case '[ab' in [ab) echo unclosed-literal ;; esac
case 'a]' in a]) echo lone-close ;; esac
