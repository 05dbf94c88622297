x=old
x=new echo $x
x=new; echo $x
