//===- NumpyArrays.cpp - NumPy arrays as the buffers kernels read -----===//

#include "compiler/python/NumpyArrays.h"

#include "runtime/KilnRuntime.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace py = pybind11;
using namespace kiln;
using namespace kiln::python;

py::dtype kiln::python::dtypeOf(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return py::dtype::of<float>();
  case ElementType::F64:
    return py::dtype::of<double>();
  case ElementType::F16:
    return py::dtype("float16");
  case ElementType::BF16: // NumPy has no bfloat16: its bits
    return py::dtype::of<uint16_t>();
  case ElementType::I1:
    return py::dtype::of<bool>();
  case ElementType::I8:
    return py::dtype::of<int8_t>();
  case ElementType::I16:
    return py::dtype::of<int16_t>();
  case ElementType::I32:
    return py::dtype::of<int32_t>();
  case ElementType::I64:
    return py::dtype::of<int64_t>();
  case ElementType::UI8:
    return py::dtype::of<uint8_t>();
  case ElementType::UI16:
    return py::dtype::of<uint16_t>();
  case ElementType::UI32:
    return py::dtype::of<uint32_t>();
  case ElementType::UI64:
    return py::dtype::of<uint64_t>();
  }
  throw std::logic_error("unknown element type");
}

ElementType kiln::python::elementTypeOfDtype(const py::dtype &dtype,
                                             const std::string &what) {
  // bf16 shares uint16's dtype, so a uint16 array is ui16.
  for (ElementType type : kElementTypes)
    if (type != ElementType::BF16 && dtype.equal(dtypeOf(type)))
      return type;
  throw py::type_error(what + " has dtype " +
                       py::str(dtype).cast<std::string>() +
                       "; Kiln's types are bool, float16, float32, float64, "
                       "int8 to int64 and uint8 to uint64");
}

ArraySpec::ArraySpec(const TensorSpec &spec, std::string role)
    : spec(spec), dtype(dtypeOf(spec.elementType)),
      shape(spec.shape.begin(), spec.shape.end()),
      bytes(numElementsOf(spec.shape) * elementSize(spec.elementType)),
      role(std::move(role)) {}

/// "(3, 2)", "(3,)" or "()", as NumPy writes a shape.
static std::string shapeString(const py::array &array) {
  return py::str(py::tuple(array.attr("shape"))).cast<std::string>();
}

static bool hasShape(const py::array &array, const ArraySpec &spec) {
  if (array.ndim() != static_cast<py::ssize_t>(spec.shape.size()))
    return false;
  const py::ssize_t *dims = array.shape();
  for (size_t i = 0; i < spec.shape.size(); ++i)
    if (dims[i] != spec.shape[i])
      return false;
  return true;
}

/// `value` as an array: itself, or numpy.asarray(value, dtype).
static py::array asArray(py::handle value, const ArraySpec &spec) {
  if (py::isinstance<py::array>(value))
    return py::reinterpret_borrow<py::array>(value);
  try {
    return py::module_::import("numpy").attr("asarray")(value, spec.dtype);
  } catch (py::error_already_set &error) {
    throw py::type_error(
        spec.role + " expects " + spec.spec.typeString() + ", got " +
        py::str(py::type::of(value).attr("__name__")).cast<std::string>() +
        " (" + error.what() + ")");
  }
}

/// Checks that `array` fits `spec`: a ValueError for a wrong shape, a
/// TypeError for a dtype that does not convert exactly. Returns whether its
/// dtype is exactly the spec's.
static bool checkArray(const py::array &array, const ArraySpec &spec) {
  if (!hasShape(array, spec))
    throw py::value_error(spec.role + " expects " + spec.spec.typeString() +
                          ", got an array of shape " + shapeString(array));
  py::dtype dtype = array.dtype();
  if (dtype.equal(spec.dtype))
    return true;
  bool exact = py::module_::import("numpy")
                   .attr("can_cast")(dtype, spec.dtype, "safe")
                   .cast<bool>();
  if (!exact) {
    std::string expected = py::str(spec.dtype).cast<std::string>();
    throw py::type_error(
        spec.role + " expects " + spec.spec.typeString() + " (dtype " +
        expected + "), got dtype " + py::str(dtype).cast<std::string>() +
        ", which does not convert to " + expected +
        " exactly; convert it first with .astype(numpy." + expected + ")");
  }
  return false;
}

py::array kiln::python::allocateArray(const ArraySpec &spec) {
  void *data = alignedAllocate(spec.bytes, KILN_ARENA_ALIGNMENT);
  py::capsule owner(data, [](void *p) { std::free(p); });
  return py::array(spec.dtype, spec.shape, data, owner);
}

const void *kiln::python::prepareInput(py::handle value, const ArraySpec &spec,
                                       py::object &copy) {
  py::array array = asArray(value, spec);
  bool exactType = checkArray(array, spec);
  // The kernels read an input at any address of its elements
  // (Executable::runBuffers): NumPy puts large arrays 16 bytes past a cache
  // line, and copying them cost more than reading them where they are.
  auto address = reinterpret_cast<uintptr_t>(array.data());
  if (exactType && (array.flags() & py::array::c_style) &&
      address % array.itemsize() == 0)
    return array.data();
  py::array aligned = allocateArray(spec);
  py::module_::import("numpy").attr("copyto")(aligned, array, "safe");
  copy = aligned;
  return aligned.data();
}

HostTensor kiln::python::hostTensorOf(py::handle value, const ArraySpec &spec) {
  py::object copy;
  const void *data = prepareInput(value, spec, copy);
  HostTensor tensor(spec.spec.elementType, spec.spec.shape);
  if (spec.bytes)
    std::memcpy(tensor.data(), data, spec.bytes);
  return tensor;
}

py::array kiln::python::arrayOf(HostTensor tensor) {
  auto *owned = new HostTensor(std::move(tensor));
  py::capsule owner(owned,
                    [](void *p) { delete static_cast<HostTensor *>(p); });
  std::vector<py::ssize_t> shape(owned->shape().begin(), owned->shape().end());
  return py::array(dtypeOf(owned->elementType()), shape, owned->data(), owner);
}
