//===- NumpyArrays.h - NumPy arrays as the buffers kernels read -*- C++ -*-===//
//
// The rules by which the Python module passes NumPy arrays to compiled code
// and back: an input that is already what a kernel reads (C-contiguous, of
// the exact dtype, 64-byte aligned) is passed as is; any other array whose
// values convert exactly is copied into an aligned buffer; the rest is a
// TypeError or ValueError naming the input. Outputs are allocated aligned
// and handed to NumPy without a copy.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_PYTHON_NUMPYARRAYS_H
#define KILN_COMPILER_PYTHON_NUMPYARRAYS_H

#include "runtime/HostTensor.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace kiln::python {

namespace py = pybind11;

/// NumPy's dtype for `type`: float32, bool, int32 or int64.
py::dtype dtypeOf(ElementType type);

/// The element type of `dtype` when it is one Kiln has, else a TypeError
/// naming `what`.
ElementType elementTypeOfDtype(const py::dtype &dtype, const std::string &what);

/// A spec prepared once per graph, so that each run only compares.
struct ArraySpec {
  ArraySpec(const TensorSpec &spec, std::string role);
  TensorSpec spec;
  py::dtype dtype;
  std::vector<py::ssize_t> shape;
  size_t bytes;
  /// "input 'x'" or "result 'y'": how messages name it.
  std::string role;
};

/// The data `value` gives input `spec` as a kernel reads it. Returns the
/// array's own data when it is C-contiguous, of `spec`'s dtype exactly and
/// aligned to its elements; otherwise copies it into a new aligned array kept
/// in `copy`. Objects that are not arrays (lists, scalars) are converted with
/// numpy.asarray(value, dtype). Throws ValueError for a wrong shape and
/// TypeError for a dtype that does not convert exactly.
const void *prepareInput(py::handle value, const ArraySpec &spec,
                         py::object &copy);

/// A new C-contiguous array of `spec`'s type whose data is aligned to
/// KILN_ARENA_ALIGNMENT bytes and owned by the array.
py::array allocateArray(const ArraySpec &spec);

/// A copy of `value` as a host tensor of `spec` (for the interpreter), by the
/// rules of prepareInput.
HostTensor hostTensorOf(py::handle value, const ArraySpec &spec);

/// `tensor` as a NumPy array, without a copy: the array owns the tensor.
py::array arrayOf(HostTensor tensor);

} // namespace kiln::python

#endif // KILN_COMPILER_PYTHON_NUMPYARRAYS_H
