scores = [1, 2]
if scores:
    print("some")
else:
# nothing here yet
