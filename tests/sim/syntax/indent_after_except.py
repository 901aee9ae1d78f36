try:
    x = int("4")
except ValueError:
x = 0
