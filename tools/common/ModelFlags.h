//===- ModelFlags.h - --shape for kilnc and kiln-run ----------------------===//
//
// Included once by each tool's main file, like FusionFlags.h: how a model
// with dynamic input dimensions (an ONNX export with a dynamic batch) is
// specialized.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_MODELFLAGS_H
#define KILN_TOOLS_COMMON_MODELFLAGS_H

#include "compiler/frontends/GraphLoader.h"
#include "tools/common/Npy.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"

namespace kiln::tools {

inline llvm::cl::list<std::string> inputShapeFlags(
    "shape",
    llvm::cl::desc("The shape of a model input, for ONNX models with dynamic "
                   "dimensions (repeatable), e.g. --shape input=1x3x224x224"),
    llvm::cl::value_desc("name=AxBxC"));

inline llvm::cl::list<std::string> boundInputFlags(
    "bind",
    llvm::cl::desc("Fix a model input to the value in a .npy file, for inputs "
                   "that decide shapes (repeatable); it leaves the graph's "
                   "inputs"),
    llvm::cl::value_desc("name=file.npy"));

/// The load options the flags ask for, or an error naming a malformed
/// --shape or --bind.
inline llvm::Expected<GraphLoadOptions> graphLoadOptionsFromFlags() {
  GraphLoadOptions options;
  for (const std::string &flag : boundInputFlags) {
    auto [name, path] = llvm::StringRef(flag).split('=');
    if (name.empty() || path.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "error: --bind " + flag +
                                         ": expected NAME=FILE.npy");
    HostTensor value;
    std::string error;
    if (!readNpy(path.str(), value, error))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     path + ": error: " + error);
    if (!options.boundInputs.emplace(name.str(), std::move(value)).second)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "error: --bind names '" + name +
                                         "' twice");
  }
  for (const std::string &flag : inputShapeFlags) {
    auto [name, sizes] = llvm::StringRef(flag).rsplit('=');
    std::vector<int64_t> shape;
    bool valid = !name.empty() && flag.find('=') != std::string::npos;
    llvm::SmallVector<llvm::StringRef> parts;
    // "name=" is a scalar; otherwise sizes separated by 'x'.
    if (!sizes.empty())
      sizes.split(parts, 'x');
    for (llvm::StringRef part : parts) {
      int64_t size;
      valid &= !part.getAsInteger(10, size) && size >= 0;
      shape.push_back(size);
    }
    if (!valid)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "error: --shape " + flag +
              ": expected NAME=AxBxC with non-negative sizes, e.g. "
              "--shape input=1x3x224x224");
    if (!options.inputShapes.emplace(name.str(), shape).second)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "error: --shape names '" + name +
                                         "' twice");
  }
  return options;
}

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_MODELFLAGS_H
