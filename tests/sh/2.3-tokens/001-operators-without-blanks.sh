echo a;echo b&&echo c||echo d
echo x>f;cat f
echo y>>f;cat<f
(echo sub)|cat
{ echo grp;}
