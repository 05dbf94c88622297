case a in (a) echo paren-form
esac
case b in a) echo no;; (b) echo yes
esac
case c in esac
echo "empty-case=$?"
