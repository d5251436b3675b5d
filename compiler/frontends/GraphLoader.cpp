//===- GraphLoader.cpp - Reading a graph file with the right frontend -----===//

#include "compiler/frontends/GraphLoader.h"

#include "compiler/frontends/mlir/GraphFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>

/// The library of the ONNX frontend, beside this one (in the build tree and
/// where Kiln is installed alike).
static constexpr const char *kOnnxFrontendLibrary = "libKilnOnnxFrontend.so";

namespace {
/// importOnnxFile, or why it could not be loaded.
struct OnnxFrontend {
  kiln::ImportOnnxFileFn import = nullptr;
  std::string error;
};
} // namespace

/// The ONNX frontend from its own library, loaded with the first ONNX
/// model: it brings libonnx and libprotobuf, whose loading and static
/// initializers cost every process that links them about 4 ms at start,
/// and most runs read text graphs (or a compile cache entry).
static const OnnxFrontend &onnxFrontend() {
  static const OnnxFrontend frontend = [] {
    OnnxFrontend loaded;
    Dl_info self;
    if (!dladdr(reinterpret_cast<void *>(&kiln::loadGraphFile), &self) ||
        !self.dli_fname) {
      loaded.error = "the graph loader's own path is unknown";
      return loaded;
    }
    llvm::SmallString<256> path(llvm::sys::path::parent_path(self.dli_fname));
    llvm::sys::path::append(path, kOnnxFrontendLibrary);
    void *library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    auto entry = library ? reinterpret_cast<kiln::ImportOnnxFileFn (*)()>(
                               dlsym(library, "kiln_onnx_import_file"))
                         : nullptr;
    if (entry) {
      loaded.import = entry();
    } else {
      const char *why = dlerror();
      loaded.error = why ? why : "kiln_onnx_import_file is missing";
    }
    return loaded;
  }();
  return frontend;
}

bool kiln::isOnnxModelFile(llvm::StringRef path) {
  if (path == "-")
    return false;
  auto head = llvm::MemoryBuffer::getFileSlice(path, 16, 0,
                                               /*IsVolatile=*/false);
  return head && looksLikeOnnxModel((*head)->getBuffer());
}

llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
kiln::loadGraphFile(llvm::StringRef path, mlir::MLIRContext &context,
                    const GraphLoadOptions &options) {
  // The first bytes decide; a file that cannot be read is the text
  // frontend's to report, as it always was.
  if (isOnnxModelFile(path)) {
    const OnnxFrontend &onnx = onnxFrontend();
    if (!onnx.import)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          path + ": error: cannot load Kiln's ONNX frontend (" + onnx.error +
              ")");
    return onnx.import(path, context, options);
  }
  if (!options.inputShapes.empty() || !options.boundInputs.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        path + ": error: --shape and --bind apply to ONNX models; a text "
               "graph's input shapes are written in its signature");
  return parseGraphFile(path, context);
}
