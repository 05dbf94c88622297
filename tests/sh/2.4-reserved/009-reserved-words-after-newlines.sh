if
true
then
echo t
else
echo f
fi
case a
in
a)
echo matched
;;
esac
