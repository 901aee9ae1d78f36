total = 0
for i in range(3):
    if i:
        total += i
  print(total)
