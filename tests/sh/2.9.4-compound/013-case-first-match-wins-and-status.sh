case abc in
  a*) echo first ;;
  ab*) echo second ;;
esac
case x in y) echo no ;; esac
echo "nomatch=$?"
case x in x) false ;; esac
echo "matched-false=$?"
case x in x) ;; esac
echo "empty-body=$?"
