// mujun — sizing the engine's large columns (engine internals).
//
// A million enterprises need about 160 MB of result columns per evaluation. Fresh memory is faulted in
// page by page by the kernel; with 4 KiB pages that is ~40,000 page faults per evaluation, a quarter
// of its CPU time (measured: docs/PERFORMANCE.md). On Linux, columns of 2 MiB or more are therefore
// allocated first and marked for transparent huge pages (madvise MADV_HUGEPAGE, honoured when
// /sys/kernel/mm/transparent_hugepage/enabled is "always" or "madvise") before they are written.
// Only a hint: where it is refused or not available, nothing changes but the speed.
#pragma once
#include <cstddef>
#include <vector>

namespace mujun::evaluation {

/// Marks [data, data + bytes) for transparent huge pages when it spans at least one aligned 2 MiB
/// page (Linux; a no-op elsewhere or when refused).
void advise_huge_pages(void* data, std::size_t bytes);

/// Resizes `v` to `n` elements (value-initialised), reserving and advising huge pages first when the
/// column is new storage.
template <class T>
void size_column(std::vector<T>& v, std::size_t n) {
  if (v.capacity() < n) {
    std::vector<T>().swap(v);
    v.reserve(n);
    advise_huge_pages(v.data(), n * sizeof(T));
  }
  v.resize(n);
}

/// size_column, every element set to `value`.
template <class T>
void fill_column(std::vector<T>& v, std::size_t n, const T& value) {
  if (v.capacity() < n) {
    std::vector<T>().swap(v);
    v.reserve(n);
    advise_huge_pages(v.data(), n * sizeof(T));
  }
  v.assign(n, value);
}

}  // namespace mujun::evaluation
