# abstract base classes: abstractmethod, abstract properties, partial overrides
from abc import ABC, abstractmethod, ABCMeta
class Base(ABC):
    @abstractmethod
    def run(self): pass
    @abstractmethod
    def stop(self): pass
    @property
    @abstractmethod
    def kind(self): ...
    def hello(self): return "hi " + self.kind
class Half(Base):
    def run(self): return 1
class Full(Half):
    def stop(self): return 2
    @property
    def kind(self): return "full"
for cls in (Base, Half, Full):
    try:
        o = cls()
        print(cls.__name__, o.run(), o.stop(), o.hello(), sorted(cls.__abstractmethods__))
    except TypeError as e:
        print(e)
class M(metaclass=ABCMeta):
    @abstractmethod
    def f(self): ...
print(isinstance(Full(), Base), issubclass(Full, ABC), type(Base).__name__)
