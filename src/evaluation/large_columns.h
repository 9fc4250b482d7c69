// mujun — sizing the engine's large columns (engine internals).
//
// A million enterprises need about 160 MB of result columns and buffers per evaluation, all of them
// LargeVector (domain/large_alloc.h: mapped on 2 MiB huge pages, not cleared when resized). A column
// written in full by the engine is sized with size_column (its previous contents are not kept: a
// result evaluated into again reuses the storage); a column only partly written gets fill_column.
#pragma once
#include <cstddef>

#include "domain/large_alloc.h"

namespace mujun::evaluation {

/// `v` of `n` elements whose values are unspecified (the caller writes every one); new storage is
/// taken without copying the old elements when the capacity is too small.
template <class T>
void size_column(LargeVector<T>& v, std::size_t n) {
  if (v.capacity() < n) {
    LargeVector<T>().swap(v);
    v.reserve(n);
  }
  v.resize(n);
}

/// `v` of `n` elements, every one `value`.
template <class T>
void fill_column(LargeVector<T>& v, std::size_t n, const T& value) {
  if (v.capacity() < n) {
    LargeVector<T>().swap(v);
    v.reserve(n);
  }
  v.assign(n, value);
}

}  // namespace mujun::evaluation
