# compile() with a file name: the warning shows the line linecache reads from
# a file of that name (this program for its own name, nothing for a missing one).
code = compile("x = 1\nprint(x is 2)\n", "is_literal_compile.py", "exec")
exec(code)
c2 = compile("print(3 is 3)", "nofile.py", "exec")
exec(c2)
