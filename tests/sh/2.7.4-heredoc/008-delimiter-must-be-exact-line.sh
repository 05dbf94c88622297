cat <<END
 END
END 
ENDX
END
echo after
