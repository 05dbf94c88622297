touch .hidden visible
echo *
echo .h*
echo .[!.]*
echo [.]h* ?hidden
