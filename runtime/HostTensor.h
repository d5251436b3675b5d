//===- HostTensor.h - Dense tensors in host memory --------------*- C++ -*-===//
//
// The value type that crosses Kiln's boundaries: inputs read from .npy files,
// results of the reference interpreter and of compiled code. Plain C++17 with
// no LLVM/MLIR, so the runtime library stays standalone.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_HOSTTENSOR_H
#define KILN_RUNTIME_HOSTTENSOR_H

#include "runtime/ElementType.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace kiln {

/// The element type and shape of one tensor: an argument or result of a
/// compiled graph, or a value the interpreter expects.
struct TensorSpec {
  ElementType elementType;
  std::vector<int64_t> shape;
  /// The user's name for it: an ONNX input or output name, a `.mlir`
  /// argument's SSA name (`x` for `%x`), else `input<i>` / `result<i>`.
  std::string name;
  /// The MLIR spelling, "tensor<2x3xf32>": the one place Kiln's host side
  /// writes a tensor type.
  std::string typeString() const;
};

/// `bytes` of memory aligned to `alignment` (a power of two), released with
/// std::free, backed by transparent huge pages where it is large enough and
/// the kernel gives them; throws std::bad_alloc when memory runs out. Out of
/// line so this header also compiles in code built without exceptions.
void *alignedAllocate(size_t bytes, size_t alignment);

/// Allocates storage aligned to 64 bytes (a cache line, and the widest vector
/// compiled code loads or stores), so that no vector of the kernels' crosses
/// a line (they need only the elements' alignment: runtime/KilnRuntime.h).
template <class T> struct AlignedAllocator {
  using value_type = T;
  static constexpr size_t kAlignment = 64;
  AlignedAllocator() = default;
  template <class U> AlignedAllocator(const AlignedAllocator<U> &) {}
  T *allocate(size_t n) {
    return static_cast<T *>(alignedAllocate(n * sizeof(T), kAlignment));
  }
  void deallocate(T *p, size_t) { std::free(p); }
  template <class U> bool operator==(const AlignedAllocator<U> &) const {
    return true;
  }
  template <class U> bool operator!=(const AlignedAllocator<U> &) const {
    return false;
  }
};

/// A dense row-major tensor in host memory with value semantics (copying a
/// HostTensor copies its elements); storage is 64-byte aligned.
class HostTensor {
public:
  /// An empty f32 tensor of shape [0]: no elements, not a scalar.
  HostTensor();
  /// A zero-filled tensor of `type` and `shape` (rank 0 for a scalar).
  HostTensor(ElementType type, std::vector<int64_t> shape);

  /// An f32 tensor holding `values` in row-major order; their count must be
  /// the number of elements of `shape`.
  static HostTensor fromF32(std::vector<int64_t> shape,
                            const std::vector<float> &values);
  /// An integer tensor holding `values` (truncated to the type's width; for
  /// i1 any nonzero value is stored as 1).
  static HostTensor fromI64(ElementType type, std::vector<int64_t> shape,
                            const std::vector<int64_t> &values);

  ElementType elementType() const { return type; }
  const std::vector<int64_t> &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  int64_t numElements() const { return count; }
  size_t sizeInBytes() const { return storage.size(); }

  void *data() { return storage.data(); }
  const void *data() const { return storage.data(); }
  template <class T> T *dataAs() { return reinterpret_cast<T *>(data()); }
  template <class T> const T *dataAs() const {
    return reinterpret_cast<const T *>(data());
  }

  /// The MLIR type: "tensor<2x3xf32>", or "tensor<f32>" for rank 0.
  std::string typeString() const;

  /// Element `flatIndex` (row-major) as a double; integers are exact up to
  /// 2^53, unsigned ones read unsigned.
  double getAsDouble(int64_t flatIndex) const;
  /// Element `flatIndex` as an integer: signed types sign-extended, unsigned
  /// ones zero-extended (a ui64 at or above 2^63 reads negative: cast it to
  /// uint64_t); floats truncate toward zero, saturating.
  int64_t getAsInt(int64_t flatIndex) const;

  /// Stores `value` at `flatIndex`: floats rounded to nearest even once (f16
  /// and bf16 straight from the double), integers truncated toward zero and
  /// saturated to the type (callers convert with Kiln's rules first where
  /// those differ; NaN stores 0).
  void setFromDouble(int64_t flatIndex, double value);
  /// Stores `value` at `flatIndex`, truncated to the element type's width
  /// (two's complement; i1: nonzero is 1; a float gets the nearest value).
  void setFromInt(int64_t flatIndex, int64_t value);

  /// Same element type, shape and bytes.
  bool operator==(const HostTensor &other) const;
  bool operator!=(const HostTensor &other) const { return !(*this == other); }

private:
  ElementType type;
  std::vector<int64_t> dims;
  int64_t count;
  std::vector<uint8_t, AlignedAllocator<uint8_t>> storage;
};

/// The number of elements of `shape` (1 for rank 0).
int64_t numElementsOf(const std::vector<int64_t> &shape);

/// Row-major strides of `shape`, in elements.
std::vector<int64_t> stridesOf(const std::vector<int64_t> &shape);

} // namespace kiln

#endif // KILN_RUNTIME_HOSTTENSOR_H
