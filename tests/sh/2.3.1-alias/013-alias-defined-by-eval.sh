eval 'alias q="echo Q"'
q
