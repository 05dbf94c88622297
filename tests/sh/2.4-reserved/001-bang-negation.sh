! true; echo $?
! false; echo $?
! false | true; echo $?
! true | false; echo $?
! { false; }; echo $?
