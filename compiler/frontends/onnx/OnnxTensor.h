//===- OnnxTensor.h - ONNX TensorProto to host tensors ----------*- C++ -*-===//
//
// Decoding of ONNX tensors: the model's initializers, Constant nodes'
// values, and the test data of ONNX's conformance suite (input_0.pb).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTENDS_ONNX_ONNXTENSOR_H
#define KILN_COMPILER_FRONTENDS_ONNX_ONNXTENSOR_H

#include "runtime/HostTensor.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace onnx {
class TensorProto;
} // namespace onnx

namespace kiln {

/// The Kiln element type of an ONNX TensorProto::DataType, or an error
/// naming the ONNX type ("double", "uint8", ...) Kiln does not support.
llvm::Expected<ElementType> elementTypeOfOnnx(int32_t dataType);

/// The ONNX name of a TensorProto::DataType ("float", "int64", ...).
std::string onnxTypeName(int32_t dataType);

/// The values of `tensor` (raw_data, the typed fields, or external data
/// read from a file relative to `baseDir`) as a host tensor. Errors say
/// what does not match (size, missing file) without naming the tensor.
/// The file an external-data tensor names (its 'location'): a path
/// relative to the model's directory that stays inside it (no absolute
/// path, no `..`), so a model cannot make Kiln look at files elsewhere.
llvm::Expected<std::string>
externalDataLocation(const onnx::TensorProto &tensor);

llvm::Expected<HostTensor> decodeOnnxTensor(const onnx::TensorProto &tensor,
                                            llvm::StringRef baseDir);

/// Reads a file holding one serialized TensorProto (the conformance data's
/// input_0.pb / output_0.pb); `name`, when given, receives the tensor's name.
llvm::Expected<HostTensor> readOnnxTensorFile(llvm::StringRef path,
                                              std::string *name = nullptr);

} // namespace kiln

#endif // KILN_COMPILER_FRONTENDS_ONNX_ONNXTENSOR_H
