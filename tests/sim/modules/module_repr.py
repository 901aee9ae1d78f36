# repr() of built-in and frozen modules, and of built-in types' methods
import gc
import io
import itertools
import os
import sys
import time

print(sys, time, itertools, gc)
print(os, os.path, io)
print(repr(sys), str(os), f"{itertools!r}")
print(list.append, str.upper, dict.get, list.__len__, object.__init__, dict.__getitem__, str.__len__)
print(len, sorted)
