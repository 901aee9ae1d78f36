// InlineVec: a vector with room for its first N elements inside itself, for
// the items of tuples (object.h TupleObj). Most tuples a program makes are
// small (pairs from zip, enumerate and dict.items, argument tuples): their
// items then live in the object, with no host allocation of their own. The
// interface is the part of std::vector's the simulator uses; it converts to
// a std::vector where one is wanted. Element type T must be nothrow-movable
// (Ref: a move leaves the source null).
//
// Elements are destroyed only after the vector no longer refers to them
// (assignment, clear, shrinking), as Ref's own assignment does: destroying a
// Ref can free objects and run arbitrary code, which must see a consistent
// vector.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <utility>
#include <vector>

namespace pitfall::sim {

template <class T, std::uint32_t N>
class InlineVec {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = T*;
  using const_iterator = const T*;

  InlineVec() = default;
  InlineVec(const InlineVec& o) { append_copy(o.begin(), o.end()); }
  InlineVec(InlineVec&& o) noexcept { steal(o); }
  InlineVec(std::initializer_list<T> il) { append_copy(il.begin(), il.end()); }
  InlineVec(const std::vector<T>& v) { append_copy(v.data(), v.data() + v.size()); }  // NOLINT: implicit like a vector copy
  InlineVec(std::vector<T>&& v) { append_move(v.data(), v.data() + v.size()); }      // NOLINT
  template <class It>
  InlineVec(It first, It last) { for (; first != last; ++first) emplace_back(*first); }
  ~InlineVec() { release_all(); }

  InlineVec& operator=(const InlineVec& o) {
    if (this != &o) { InlineVec t(o); swap(t); }
    return *this;
  }
  InlineVec& operator=(InlineVec&& o) noexcept {
    if (this != &o) { InlineVec t(std::move(o)); swap(t); }
    return *this;
  }
  InlineVec& operator=(const std::vector<T>& v) { InlineVec t(v); swap(t); return *this; }
  InlineVec& operator=(std::vector<T>&& v) { InlineVec t(std::move(v)); swap(t); return *this; }
  InlineVec& operator=(std::initializer_list<T> il) { InlineVec t(il); swap(t); return *this; }

  operator std::vector<T>() const& { return std::vector<T>(begin(), end()); }  // NOLINT: a copy
  operator std::vector<T>() && {                                                // NOLINT: moves the items out
    std::vector<T> v;
    v.reserve(size_);
    for (T& x : *this) v.push_back(std::move(x));
    InlineVec t;
    swap(t);  // t (destroyed here) holds the moved-from elements
    return v;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return cap_; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T* cbegin() const { return data_; }
  const T* cend() const { return data_ + size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& front() { return data_[0]; }
  const T& front() const { return data_[0]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }

  void reserve(std::size_t n) {
    if (n > cap_) reallocate(n);
  }
  template <class... A>
  T& emplace_back(A&&... a) {
    if (size_ == cap_) {
      T x(std::forward<A>(a)...);  // before moving: an argument may be one of the items
      reallocate(grown());
      ::new (static_cast<void*>(data_ + size_)) T(std::move(x));
    } else {
      ::new (static_cast<void*>(data_ + size_)) T(std::forward<A>(a)...);
    }
    return data_[size_++];
  }
  void push_back(const T& x) { emplace_back(x); }
  void push_back(T&& x) { emplace_back(std::move(x)); }
  void pop_back() {
    T x(std::move(data_[--size_]));
    data_[size_].~T();
  }  // x destroyed here, with the vector already shorter
  void resize(std::size_t n) {
    if (n < size_) {
      InlineVec tail;
      tail.append_move(data_ + n, data_ + size_);
      destroy_range(n, size_);
      size_ = std::uint32_t(n);
      return;  // tail destroyed here
    }
    reserve(n);
    while (size_ < n) ::new (static_cast<void*>(data_ + size_++)) T();
  }
  void clear() { InlineVec t; swap(t); }
  template <class It>
  void assign(It first, It last) { InlineVec t(first, last); swap(t); }
  iterator insert(const_iterator pos, const T& x) { return insert(pos, &x, &x + 1); }
  template <class It>
  iterator insert(const_iterator pos, It first, It last) {
    const std::size_t at = std::size_t(pos - data_);
    InlineVec t;
    t.append_copy(data_, data_ + at);
    for (; first != last; ++first) t.emplace_back(*first);
    t.append_copy(data_ + at, data_ + size_);
    swap(t);
    return data_ + at;
  }
  iterator erase(const_iterator first, const_iterator last) {
    const std::size_t a = std::size_t(first - data_), b = std::size_t(last - data_);
    InlineVec t;
    t.append_copy(data_, data_ + a);
    t.append_copy(data_ + b, data_ + size_);
    swap(t);
    return data_ + a;
  }
  iterator erase(const_iterator pos) { return erase(pos, pos + 1); }

  void swap(InlineVec& o) noexcept {
    if (this == &o) return;
    InlineVec t;
    t.steal(*this);
    steal(o);
    o.steal(t);
  }

 private:
  std::uint32_t grown() const { return cap_ * 2 > N ? cap_ * 2 : N; }
  bool is_inline() const { return data_ == inline_data(); }
  T* inline_data() { return reinterpret_cast<T*>(buf_); }
  const T* inline_data() const { return reinterpret_cast<const T*>(buf_); }
  void destroy_range(std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i) data_[i].~T();
  }
  void reallocate(std::size_t n) {
    T* p = static_cast<T*>(::operator new(n * sizeof(T)));
    for (std::uint32_t i = 0; i < size_; ++i) {
      ::new (static_cast<void*>(p + i)) T(std::move(data_[i]));
      data_[i].~T();
    }
    if (!is_inline()) ::operator delete(data_);
    data_ = p;
    cap_ = std::uint32_t(n);
  }
  void append_copy(const T* a, const T* b) {
    reserve(size_ + std::size_t(b - a));
    for (; a != b; ++a) ::new (static_cast<void*>(data_ + size_++)) T(*a);
  }
  void append_move(T* a, T* b) {
    reserve(size_ + std::size_t(b - a));
    for (; a != b; ++a) ::new (static_cast<void*>(data_ + size_++)) T(std::move(*a));
  }
  // takes o's elements into this empty vector; o is left empty
  void steal(InlineVec& o) noexcept {
    if (o.is_inline()) {
      for (std::uint32_t i = 0; i < o.size_; ++i) {
        ::new (static_cast<void*>(inline_data() + i)) T(std::move(o.data_[i]));
        o.data_[i].~T();
      }
      size_ = o.size_;
    } else {
      data_ = o.data_;
      size_ = o.size_;
      cap_ = o.cap_;
      o.data_ = o.inline_data();
      o.cap_ = N;
    }
    o.size_ = 0;
  }
  // destroys every element (after leaving the vector empty) and the storage
  void release_all() {
    T* p = data_;
    const std::uint32_t n = size_;
    const bool heap = !is_inline();
    data_ = inline_data();
    size_ = 0;
    cap_ = N;
    for (std::uint32_t i = 0; i < n; ++i) p[i].~T();
    if (heap) ::operator delete(p);
  }

  T* data_ = inline_data();
  std::uint32_t size_ = 0;
  std::uint32_t cap_ = N;
  alignas(T) unsigned char buf_[N * sizeof(T)];
};

}  // namespace pitfall::sim
