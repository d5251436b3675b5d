//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//
//
// Model inputs and outputs travel as .npy files, the format NumPy writes with
// numpy.save: versions 1.0, 2.0 and 3.0, C order, dtypes <f4 (f32), |b1 (i1),
// <i4 (i32) and <i8 (i64).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_NPY_H
#define KILN_TOOLS_COMMON_NPY_H

#include "runtime/HostTensor.h"

#include <string>

namespace kiln {

/// Reads `path` into `out`. On failure returns false, leaves `out` unchanged
/// and sets `error` to one line saying what is wrong (e.g. "unsupported dtype
/// '<f8'", "truncated: expected 24 bytes of data, found 10").
bool readNpy(const std::string &path, HostTensor &out, std::string &error);

/// Parses the bytes of a whole .npy file; readNpy without the file system.
bool parseNpy(const std::string &bytes, HostTensor &out, std::string &error);

/// The bytes of a version 1.0 .npy file holding `tensor` (2.0 when the header
/// is too long for 1.0).
std::string serializeNpy(const HostTensor &tensor);

/// Writes `tensor` to `path` by the tools' output rule (OutputFile.h): a
/// failure leaves nothing half-written and no file of the user's lost. On
/// failure returns false and sets `error` to one line, `path: error: ...`.
bool writeNpy(const std::string &path, const HostTensor &tensor,
              std::string &error);

} // namespace kiln

#endif // KILN_TOOLS_COMMON_NPY_H
