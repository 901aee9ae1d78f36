# a statement indented for no reason
print("start")
    print("indented")
