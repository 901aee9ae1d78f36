# add_note(): __notes__ and the notes printed under an uncaught exception's message.
try:
    raise ValueError("bad")
except ValueError as e:
    e.add_note("first note")
    print(e.__notes__)
try:
    ValueError().add_note(5)
except TypeError as e:
    print("TypeError:", e)
def f():
    try:
        1/0
    except ZeroDivisionError as e:
        e.add_note("while computing ratio")
        e.add_note("second")
        raise
f()
