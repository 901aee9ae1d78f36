# `return` inside an except* block is a SyntaxError in 3.11.
def f():
    try:
        pass
    except* ValueError:
        return 1
