false | true; echo $?
true | false; echo $?
! false | false; echo $?
