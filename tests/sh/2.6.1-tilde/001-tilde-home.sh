[ ~ = "$HOME" ] && echo tilde-is-home
x=~; [ "$x" = "$HOME" ] && echo assign
case ~/a in "$HOME/a") echo slash ;; esac
HOME=/custom/home
echo ~ ~/sub/dir
