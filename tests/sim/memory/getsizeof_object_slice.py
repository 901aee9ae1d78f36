# sys.getsizeof of a bare object() and of a slice.
import sys

print(sys.getsizeof(object()), sys.getsizeof(slice(1, 2)), sys.getsizeof(slice(None)), sys.getsizeof(slice(1, 2, 3)))
