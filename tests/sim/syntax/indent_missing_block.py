def greet(name):
print("hi", name)

greet("ann")
