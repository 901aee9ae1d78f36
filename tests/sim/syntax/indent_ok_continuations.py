data = [1,
   2,
        3]
text = """
  indented inside a string
"""
if data:  # a comment after the colon
    y = (1 +
         2)
    print(y, [4,
  5], \
  text)
