//===- HostTensor.cpp - Dense tensors in host memory ----------------------===//

#include "runtime/HostTensor.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace kiln {

/// Allocations from this size on are backed by transparent huge pages where
/// the kernel gives them on request (NumPy asks from 4 MiB on too). A large
/// allocation comes fresh from the kernel, whose first write faults in each
/// page: a Python run of softmax [8192, 4096], whose 128 MiB result array is
/// new each run, took 79 ms in 4 KiB pages, where the kernels take 16.
constexpr size_t kHugePageMinBytes = 4 << 20;

/// Asks for huge pages over the whole pages of [p, p + bytes).
static void adviseHugePages(void *p, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + page - 1) / page * page;
  uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) / page * page;
  // Only advice: where the kernel refuses it, the pages stay small.
  if (end > begin)
    madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

void *alignedAllocate(size_t bytes, size_t alignment) {
  // aligned_alloc wants a size that is a multiple of the alignment.
  size_t rounded = (bytes + alignment - 1) / alignment * alignment;
  void *p = std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
  if (!p)
    throw std::bad_alloc();
  if (rounded >= kHugePageMinBytes)
    adviseHugePages(p, rounded);
  return p;
}

int64_t numElementsOf(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::vector<int64_t> stridesOf(const std::vector<int64_t> &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

HostTensor::HostTensor() : HostTensor(ElementType::F32, {0}) {}

HostTensor::HostTensor(ElementType type, std::vector<int64_t> shape)
    : type(type), dims(std::move(shape)), count(numElementsOf(dims)),
      storage(static_cast<size_t>(count) * elementSize(type), 0) {}

HostTensor HostTensor::fromF32(std::vector<int64_t> shape,
                               const std::vector<float> &values) {
  HostTensor t(ElementType::F32, std::move(shape));
  if (static_cast<int64_t>(values.size()) != t.numElements())
    throw std::invalid_argument("fromF32: " + std::to_string(values.size()) +
                                " values for " + t.typeString());
  if (!values.empty())
    std::memcpy(t.data(), values.data(), values.size() * sizeof(float));
  return t;
}

HostTensor HostTensor::fromI64(ElementType type, std::vector<int64_t> shape,
                               const std::vector<int64_t> &values) {
  HostTensor t(type, std::move(shape));
  if (static_cast<int64_t>(values.size()) != t.numElements())
    throw std::invalid_argument("fromI64: " + std::to_string(values.size()) +
                                " values for " + t.typeString());
  for (size_t i = 0; i < values.size(); ++i)
    t.setFromInt(static_cast<int64_t>(i), values[i]);
  return t;
}

std::string TensorSpec::typeString() const {
  std::string text = "tensor<";
  for (int64_t dim : shape)
    text += std::to_string(dim) + "x";
  return text + elementTypeName(elementType) + ">";
}

std::string HostTensor::typeString() const {
  return TensorSpec{type, dims}.typeString();
}

namespace {

/// `value` truncated toward zero into [lowest, highest] of T; NaN is 0.
template <class T> T saturatingCast(double value) {
  if (std::isnan(value))
    return 0;
  // T's limits are powers of two (minus one): exact as doubles, and the
  // largest T converts to the power of two above it.
  double lowest = static_cast<double>(std::numeric_limits<T>::lowest());
  double limit = static_cast<double>(std::numeric_limits<T>::max());
  if (value <= lowest)
    return std::numeric_limits<T>::lowest();
  if (value >= limit)
    return std::numeric_limits<T>::max();
  return static_cast<T>(value);
}

/// Stores the low bits of `value` as T (two's-complement wrap, as MLIR's
/// integer attributes truncate).
template <class T> void storeBits(void *data, int64_t i, int64_t value) {
  using Unsigned = std::make_unsigned_t<T>;
  static_cast<T *>(data)[i] =
      static_cast<T>(static_cast<Unsigned>(static_cast<uint64_t>(value)));
}

} // namespace

double HostTensor::getAsDouble(int64_t i) const {
  switch (type) {
  case ElementType::F32:
    return dataAs<float>()[i];
  case ElementType::F64:
    return dataAs<double>()[i];
  case ElementType::F16:
    return halfToFloat(dataAs<uint16_t>()[i]);
  case ElementType::BF16:
    return bfloat16ToFloat(dataAs<uint16_t>()[i]);
  case ElementType::UI64:
    return static_cast<double>(dataAs<uint64_t>()[i]);
  default:
    return static_cast<double>(getAsInt(i));
  }
}

int64_t HostTensor::getAsInt(int64_t i) const {
  switch (type) {
  case ElementType::F32:
  case ElementType::F64:
  case ElementType::F16:
  case ElementType::BF16:
    return saturatingCast<int64_t>(getAsDouble(i));
  case ElementType::I1:
    return dataAs<uint8_t>()[i] != 0 ? 1 : 0;
  case ElementType::I8:
    return dataAs<int8_t>()[i];
  case ElementType::I16:
    return dataAs<int16_t>()[i];
  case ElementType::I32:
    return dataAs<int32_t>()[i];
  case ElementType::I64:
    return dataAs<int64_t>()[i];
  case ElementType::UI8:
    return dataAs<uint8_t>()[i];
  case ElementType::UI16:
    return dataAs<uint16_t>()[i];
  case ElementType::UI32:
    return dataAs<uint32_t>()[i];
  case ElementType::UI64:
    return static_cast<int64_t>(dataAs<uint64_t>()[i]);
  }
  return 0;
}

void HostTensor::setFromDouble(int64_t i, double value) {
  switch (type) {
  case ElementType::F32:
    dataAs<float>()[i] = static_cast<float>(value);
    return;
  case ElementType::F64:
    dataAs<double>()[i] = value;
    return;
  case ElementType::F16:
    dataAs<uint16_t>()[i] = roundToHalf(value);
    return;
  case ElementType::BF16:
    dataAs<uint16_t>()[i] = roundToBfloat16(value);
    return;
  case ElementType::I1:
    dataAs<uint8_t>()[i] = value != 0;
    return;
  case ElementType::I8:
    dataAs<int8_t>()[i] = saturatingCast<int8_t>(value);
    return;
  case ElementType::I16:
    dataAs<int16_t>()[i] = saturatingCast<int16_t>(value);
    return;
  case ElementType::I32:
    dataAs<int32_t>()[i] = saturatingCast<int32_t>(value);
    return;
  case ElementType::I64:
    dataAs<int64_t>()[i] = saturatingCast<int64_t>(value);
    return;
  case ElementType::UI8:
    dataAs<uint8_t>()[i] = saturatingCast<uint8_t>(value);
    return;
  case ElementType::UI16:
    dataAs<uint16_t>()[i] = saturatingCast<uint16_t>(value);
    return;
  case ElementType::UI32:
    dataAs<uint32_t>()[i] = saturatingCast<uint32_t>(value);
    return;
  case ElementType::UI64:
    dataAs<uint64_t>()[i] = saturatingCast<uint64_t>(value);
    return;
  }
}

void HostTensor::setFromInt(int64_t i, int64_t value) {
  switch (type) {
  case ElementType::F32: // rounded once, not through double
    dataAs<float>()[i] = static_cast<float>(value);
    return;
  case ElementType::F64:
  case ElementType::F16:
  case ElementType::BF16:
    setFromDouble(i, static_cast<double>(value));
    return;
  case ElementType::I1:
    dataAs<uint8_t>()[i] = value != 0;
    return;
  case ElementType::I8:
  case ElementType::UI8:
    storeBits<int8_t>(data(), i, value);
    return;
  case ElementType::I16:
  case ElementType::UI16:
    storeBits<int16_t>(data(), i, value);
    return;
  case ElementType::I32:
  case ElementType::UI32:
    storeBits<int32_t>(data(), i, value);
    return;
  case ElementType::I64:
  case ElementType::UI64:
    storeBits<int64_t>(data(), i, value);
    return;
  }
}

bool HostTensor::operator==(const HostTensor &other) const {
  return type == other.type && dims == other.dims && storage == other.storage;
}

} // namespace kiln
