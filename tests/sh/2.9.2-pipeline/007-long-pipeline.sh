echo x | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | tr x y
