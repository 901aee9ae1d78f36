# `import package.module as name` binds the submodule itself, and the plain
# `import package.module` binds the top package with the submodule on it.
import os.path as osp
import concurrent.futures as cf
import concurrent.futures

print(osp.join("lessons", "gil.py"))
print("os" in globals(), "osp" in globals())
print(cf is concurrent.futures)
print(cf.ThreadPoolExecutor.__name__)
with cf.ThreadPoolExecutor(max_workers=2) as ex:
    print(sorted(ex.map(len, ["a", "bb", "ccc"])))
