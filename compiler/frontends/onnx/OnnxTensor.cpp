//===- OnnxTensor.cpp - ONNX TensorProto to host tensors ------------------===//

#include "compiler/frontends/onnx/OnnxTensor.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/onnx_pb.h>

#include <cstring>

using llvm::Expected;
using llvm::StringRef;

namespace kiln {

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

} // namespace

Expected<std::string> externalDataLocation(const onnx::TensorProto &tensor) {
  std::string location;
  for (const auto &entry : tensor.external_data())
    if (entry.key() == "location")
      location = entry.value();
  if (location.empty())
    return makeError("its external data names no file (no 'location')");
  if (llvm::sys::path::is_absolute(location) ||
      llvm::any_of(llvm::make_range(llvm::sys::path::begin(location),
                                    llvm::sys::path::end(location)),
                   [](StringRef part) { return part == ".."; }))
    return makeError("its external data file '" + location +
                     "' lies outside the model's directory");
  return location;
}

namespace {

/// The bytes of an external-data tensor: its location in `baseDir`, from
/// `offset` for `length` bytes (the rest of the file when absent). An empty
/// `baseDir` (a model read from memory) has no external data.
Expected<std::string> readExternalData(const onnx::TensorProto &tensor,
                                       StringRef baseDir) {
  if (baseDir.empty())
    return makeError("it keeps its data in an external file, which is read "
                     "only for a model read from its file");
  Expected<std::string> named = externalDataLocation(tensor);
  if (!named)
    return named.takeError();
  std::string location = std::move(*named);
  uint64_t offset = 0, length = 0;
  bool hasLength = false;
  for (const auto &entry : tensor.external_data()) {
    if (entry.key() == "offset")
      offset = std::strtoull(entry.value().c_str(), nullptr, 10);
    else if (entry.key() == "length") {
      length = std::strtoull(entry.value().c_str(), nullptr, 10);
      hasLength = true;
    }
  }
  llvm::SmallString<256> path(baseDir);
  llvm::sys::path::append(path, location);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError("its external data file '" + location +
                     "' cannot be read (" + buffer.getError().message() +
                     ", looked for " + path + ")");
  StringRef bytes = (*buffer)->getBuffer();
  if (offset > bytes.size() || (hasLength && length > bytes.size() - offset))
    return makeError("its external data (offset " + llvm::Twine(offset) +
                     ", length " + llvm::Twine(length) + ") lies beyond the " +
                     llvm::Twine(bytes.size()) + " bytes of '" + location +
                     "'");
  return bytes.substr(offset, hasLength ? length : StringRef::npos).str();
}

/// Stores `count` values read by `get(i)` into `out`.
template <class Get> void fillFrom(HostTensor &out, int64_t count, Get get) {
  for (int64_t i = 0; i < count; ++i)
    out.setFromInt(i, get(i));
}

} // namespace

std::string onnxTypeName(int32_t dataType) {
  if (!onnx::TensorProto_DataType_IsValid(dataType))
    return "type " + std::to_string(dataType);
  std::string name = onnx::TensorProto_DataType_Name(
      static_cast<onnx::TensorProto_DataType>(dataType));
  for (char &c : name)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

Expected<ElementType> elementTypeOfOnnx(int32_t dataType) {
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return ElementType::F32;
  case onnx::TensorProto::DOUBLE:
    return ElementType::F64;
  case onnx::TensorProto::FLOAT16:
    return ElementType::F16;
  case onnx::TensorProto::BFLOAT16:
    return ElementType::BF16;
  case onnx::TensorProto::BOOL:
    return ElementType::I1;
  case onnx::TensorProto::INT8:
    return ElementType::I8;
  case onnx::TensorProto::INT16:
    return ElementType::I16;
  case onnx::TensorProto::INT32:
    return ElementType::I32;
  case onnx::TensorProto::INT64:
    return ElementType::I64;
  case onnx::TensorProto::UINT8:
    return ElementType::UI8;
  case onnx::TensorProto::UINT16:
    return ElementType::UI16;
  case onnx::TensorProto::UINT32:
    return ElementType::UI32;
  case onnx::TensorProto::UINT64:
    return ElementType::UI64;
  default:
    return makeError("element type " + onnxTypeName(dataType) +
                     " is not supported (Kiln reads float, double, float16, "
                     "bfloat16, bool and the 8- to 64-bit integer tensors)");
  }
}

Expected<HostTensor> decodeOnnxTensor(const onnx::TensorProto &tensor,
                                      StringRef baseDir) {
  Expected<ElementType> type = elementTypeOfOnnx(tensor.data_type());
  if (!type)
    return type.takeError();
  // Checked before anything is allocated: whatever the file says, memory
  // is taken only for data that is there.
  std::vector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  int64_t count = 1;
  for (int64_t size : shape) {
    if (size < 0)
      return makeError("it has a negative dimension");
    if (size > 0 && count > (int64_t(1) << 40) / size)
      return makeError("its shape has more elements than any data could hold");
    count *= size;
  }
  int64_t bytes = count * static_cast<int64_t>(elementSize(*type));

  std::string external;
  const std::string *raw = nullptr;
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    Expected<std::string> bytes = readExternalData(tensor, baseDir);
    if (!bytes)
      return bytes.takeError();
    external = std::move(*bytes);
    raw = &external;
  } else if (tensor.has_raw_data()) {
    raw = &tensor.raw_data();
  }
  if (raw) {
    // raw_data is little-endian, as is this host; booleans are one byte.
    if (static_cast<int64_t>(raw->size()) != bytes)
      return makeError("it holds " + llvm::Twine(raw->size()) +
                       " bytes of data, but its shape and type need " +
                       llvm::Twine(bytes));
    HostTensor result(*type, shape);
    // An empty tensor has no data pointer to copy to.
    if (!raw->empty())
      std::memcpy(result.data(), raw->data(), raw->size());
    if (*type == ElementType::I1)
      for (int64_t i = 0; i < count; ++i)
        result.setFromInt(i, result.dataAs<uint8_t>()[i] != 0);
    return result;
  }

  HostTensor result(*type, shape);
  auto sizeError = [&](int64_t got) {
    return makeError("it holds " + llvm::Twine(got) +
                     " values, but its shape has " + llvm::Twine(count) +
                     " elements");
  };
  // The typed fields, as onnx.proto lays them out: float16 and bfloat16 as
  // their bits in int32_data, the narrow integers and bool in int32_data,
  // uint32 and uint64 in uint64_data.
  switch (*type) {
  case ElementType::F32:
    if (tensor.float_data_size() != count)
      return sizeError(tensor.float_data_size());
    if (count != 0)
      std::memcpy(result.data(), tensor.float_data().data(),
                  sizeof(float) * count);
    break;
  case ElementType::F64:
    if (tensor.double_data_size() != count)
      return sizeError(tensor.double_data_size());
    if (count != 0)
      std::memcpy(result.data(), tensor.double_data().data(),
                  sizeof(double) * count);
    break;
  case ElementType::F16:
  case ElementType::BF16:
    if (tensor.int32_data_size() != count)
      return sizeError(tensor.int32_data_size());
    for (int64_t i = 0; i < count; ++i)
      result.dataAs<uint16_t>()[i] =
          static_cast<uint16_t>(tensor.int32_data(i));
    break;
  case ElementType::I64:
    if (tensor.int64_data_size() != count)
      return sizeError(tensor.int64_data_size());
    fillFrom(result, count, [&](int64_t i) { return tensor.int64_data(i); });
    break;
  case ElementType::UI32:
  case ElementType::UI64:
    if (tensor.uint64_data_size() != count)
      return sizeError(tensor.uint64_data_size());
    fillFrom(result, count, [&](int64_t i) {
      return static_cast<int64_t>(tensor.uint64_data(i));
    });
    break;
  case ElementType::I32:
  case ElementType::I1:
  case ElementType::I8:
  case ElementType::I16:
  case ElementType::UI8:
  case ElementType::UI16:
    if (tensor.int32_data_size() != count)
      return sizeError(tensor.int32_data_size());
    fillFrom(result, count, [&](int64_t i) {
      int64_t value = tensor.int32_data(i);
      return *type == ElementType::I1 ? int64_t(value != 0) : value;
    });
    break;
  }
  return result;
}

Expected<HostTensor> readOnnxTensorFile(StringRef path, std::string *name) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(path + ": error: cannot read (" +
                     buffer.getError().message() + ")");
  onnx::TensorProto tensor;
  StringRef bytes = (*buffer)->getBuffer();
  if (!tensor.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return makeError(path + ": error: not a serialized ONNX tensor");
  if (name)
    *name = tensor.name();
  Expected<HostTensor> result =
      decodeOnnxTensor(tensor, llvm::sys::path::parent_path(path));
  if (!result)
    return makeError(path + ": error: tensor '" + tensor.name() +
                     "': " + llvm::toString(result.takeError()));
  return result;
}

} // namespace kiln
