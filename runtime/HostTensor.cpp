//===- HostTensor.cpp - Dense tensors in host memory ----------------------===//

#include "runtime/HostTensor.h"

#include <cstring>
#include <new>
#include <stdexcept>

namespace kiln {

size_t elementSize(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return 4;
  case ElementType::I1:
    return 1;
  case ElementType::I32:
    return 4;
  case ElementType::I64:
    return 8;
  }
  return 0;
}

const char *elementTypeName(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "f32";
  case ElementType::I1:
    return "i1";
  case ElementType::I32:
    return "i32";
  case ElementType::I64:
    return "i64";
  }
  return "?";
}

void *alignedAllocate(size_t bytes, size_t alignment) {
  // aligned_alloc wants a size that is a multiple of the alignment.
  size_t rounded = (bytes + alignment - 1) / alignment * alignment;
  void *p = std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
  if (!p)
    throw std::bad_alloc();
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

double HostTensor::getAsDouble(int64_t i) const {
  switch (type) {
  case ElementType::F32:
    return dataAs<float>()[i];
  case ElementType::I1:
    return dataAs<uint8_t>()[i] != 0 ? 1.0 : 0.0;
  case ElementType::I32:
    return dataAs<int32_t>()[i];
  case ElementType::I64:
    return static_cast<double>(dataAs<int64_t>()[i]);
  }
  return 0;
}

int64_t HostTensor::getAsInt(int64_t i) const {
  switch (type) {
  case ElementType::F32:
    return static_cast<int64_t>(dataAs<float>()[i]);
  case ElementType::I1:
    return dataAs<uint8_t>()[i] != 0 ? 1 : 0;
  case ElementType::I32:
    return dataAs<int32_t>()[i];
  case ElementType::I64:
    return dataAs<int64_t>()[i];
  }
  return 0;
}

void HostTensor::setFromDouble(int64_t i, double value) {
  switch (type) {
  case ElementType::F32:
    dataAs<float>()[i] = static_cast<float>(value);
    return;
  case ElementType::I1:
    dataAs<uint8_t>()[i] = value != 0;
    return;
  case ElementType::I32:
    dataAs<int32_t>()[i] = static_cast<int32_t>(value);
    return;
  case ElementType::I64:
    dataAs<int64_t>()[i] = static_cast<int64_t>(value);
    return;
  }
}

void HostTensor::setFromInt(int64_t i, int64_t value) {
  switch (type) {
  case ElementType::F32:
    dataAs<float>()[i] = static_cast<float>(value);
    return;
  case ElementType::I1:
    dataAs<uint8_t>()[i] = value != 0;
    return;
  case ElementType::I32:
    // Two's-complement wrap, as MLIR's integer attributes truncate.
    dataAs<int32_t>()[i] = static_cast<int32_t>(static_cast<uint32_t>(value));
    return;
  case ElementType::I64:
    dataAs<int64_t>()[i] = value;
    return;
  }
}

bool HostTensor::operator==(const HostTensor &other) const {
  return type == other.type && dims == other.dims && storage == other.storage;
}

} // namespace kiln
