//===- TensorFormat.h - NumPy-style text of a tensor ------------*- C++ -*-===//
//
// Prints tensors the way NumPy's str(array) does, so that Kiln's output can be
// compared with NumPy's by eye or by diff.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_TENSORFORMAT_H
#define KILN_TOOLS_COMMON_TENSORFORMAT_H

#include "runtime/HostTensor.h"

#include <string>

namespace kiln {

/// The text NumPy 1.24's str(array) prints for the values of `tensor`, with
/// NumPy's default print options: nested brackets (e.g.
/// "[[1. 2. 3.]\n [4. 5. 6.]]"), lines wrapped at 75 columns, summarized with
/// "..." past 1000 elements (the first and last 3 per dimension), floats in
/// NumPy's shortest form with at most 8 digits ("1.", "0.5", "-0.25",
/// "1.2345679e+10", "nan", "inf"), aligned in columns; booleans as
/// True/False. A rank-0 tensor prints as NumPy prints the scalar ("1.0").
std::string formatTensor(const HostTensor &tensor);

} // namespace kiln

#endif // KILN_TOOLS_COMMON_TENSORFORMAT_H
