// A non-owning reference to a callable, for the collector's visitors
// (GcHeap::traverse and the root walks call one per reference they hold).
//
// Notes: host speed only. A std::function parameter built from a lambda that
// captures more than two references allocates on every traverse call and
// calls through two indirections; this is one pointer to the caller's lambda
// and one to a function that calls it. The referenced callable must outlive
// the call it is passed to (pass lambdas directly as arguments; never store
// a Visitor).
#pragma once
#include <type_traits>
#include <utility>

namespace pitfall::sim::memory {

template <class Sig>
class Visitor;

template <class R, class... A>
class Visitor<R(A...)> {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Visitor> &&
                                              std::is_invocable_r_v<R, F&, A...>>>
  Visitor(F&& f)  // NOLINT(google-explicit-constructor): lambdas convert at the call
      : obj_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, A... a) -> R { return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<A>(a)...); }) {}
  R operator()(A... a) const { return call_(obj_, std::forward<A>(a)...); }

 private:
  void* obj_;
  R (*call_)(void*, A...);
};

}  // namespace pitfall::sim::memory
