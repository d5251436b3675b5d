//===- TensorTypeText.h - An f32 tensor type as graph text ------*- C++ -*-===//
//
// Tests and benchmarks that write graphs as text name their f32 tensors'
// types with this: `tensor<2x3xf32>`.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_TENSORTYPETEXT_H
#define KILN_TEST_SUPPORT_TENSORTYPETEXT_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <string>

namespace kiln::testing {

/// `tensor<d0xd1x...xf32>`; `tensor<f32>` for a scalar.
inline std::string tensorType(llvm::ArrayRef<int64_t> shape) {
  std::string text = "tensor<";
  for (int64_t d : shape)
    text += std::to_string(d) + "x";
  return text + "f32>";
}

} // namespace kiln::testing

#endif // KILN_TEST_SUPPORT_TENSORTYPETEXT_H
