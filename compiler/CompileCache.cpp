//===- CompileCache.cpp - Compiled graphs kept on disk ----------------===//
//
// An entry is text lines followed by the object's bytes:
//
//   kiln-compile-cache 2
//   key <64 hex digits>
//   inputs <n>, then per input: <element type> <rank> <dims...>
//   outputs <n>, likewise
//   arena <bytes>
//   liveness <bytes>
//   kernels <n>, then per kernel: <id> <tasks> <bytes> <len>:<name>
//   <len>:<location> objects <n>, then per object: <size>, a newline, then
//   <size> bytes sum <SHA-256 of everything before this line>
//
//===----------------------------------------------------------------------===//

#include "compiler/CompileCache.h"

#include "compiler/CacheEntryText.h"
#include "dialects/hlo/HloDialect.h"
#include "passes/Passes.h"
#include "runtime/KilnRuntime.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Target/TargetMachine.h"

#include <dlfcn.h>

#include <cstdlib>
#include <set>

using namespace llvm;

static constexpr StringLiteral kMagic = "kiln-compile-cache 2\n";

//===----------------------------------------------------------------------===//
// The key
//===----------------------------------------------------------------------===//

namespace {
/// Feeds what is printed to it into a SHA-256.
class HashStream final : public raw_ostream {
public:
  explicit HashStream(SHA256 &hasher) : hasher(hasher) { SetUnbuffered(); }

private:
  void write_impl(const char *data, size_t size) override {
    hasher.update(StringRef(data, size));
    position += size;
  }
  uint64_t current_pos() const override { return position; }

  SHA256 &hasher;
  uint64_t position = 0;
};
} // namespace

std::vector<std::string> kiln::kilnBuildFiles() {
  const void *anchors[] = {
      reinterpret_cast<const void *>(&kilnBuildFiles), // compiler
      reinterpret_cast<const void *>(                  // codegen
          static_cast<std::unique_ptr<mlir::Pass> (*)()>(
              &kiln::createOutlineKernels)),
      reinterpret_cast<const void *>(&kiln::createFuseOutputs), // fusion
      reinterpret_cast<const void *>(&kiln::createInlineIntoEntry),
      reinterpret_cast<const void *>(&kiln::hlo::isElementwise), // dialect
      reinterpret_cast<const void *>(&kiln_launch),              // runtime
  };
  std::set<std::string> files;
  for (const void *anchor : anchors) {
    Dl_info info;
    if (dladdr(anchor, &info) && info.dli_fname)
      files.insert(info.dli_fname);
  }
  return std::vector<std::string>(files.begin(), files.end());
}

/// This build of Kiln: LLVM's version and kilnBuildFiles' sizes and times.
static std::string buildIdentity() {
  std::string identity = "LLVM " LLVM_VERSION_STRING;
  for (const std::string &file : kiln::kilnBuildFiles()) {
    sys::fs::file_status status;
    if (sys::fs::status(file, status))
      continue;
    identity +=
        "; " + file + " " + std::to_string(status.getSize()) + " " +
        std::to_string(
            status.getLastModificationTime().time_since_epoch().count());
  }
  return identity;
}

std::string kiln::CompileCache::keyOf(mlir::ModuleOp module,
                                      const CompileOptions &options,
                                      const TargetMachine &machine) {
  static const std::string identity = buildIdentity();
  SHA256 hasher;
  HashStream os(hasher);
  os << kMagic << identity << "\n"
     << machine.getTargetTriple().str() << " " << machine.getTargetCPU() << " "
     << machine.getTargetFeatureString() << "\n"
     << "fusion " << options.loopFusion << options.inputFusion
     << options.outputFusion << " " << options.maxLoopFusionOps << "\n";
  module->print(os, mlir::OpPrintingFlags().enableDebugInfo());
  return toHex(hasher.final(), /*LowerCase=*/true);
}

//===----------------------------------------------------------------------===//
// Entries
//===----------------------------------------------------------------------===//

static std::string serialize(StringRef key, const kiln::CompiledGraph &graph) {
  std::string text(kMagic);
  text += "key " + key.str() + "\n";
  kiln::writeTensorSpecs(text, "inputs", graph.inputs);
  kiln::writeTensorSpecs(text, "outputs", graph.outputs);
  text += "arena " + std::to_string(graph.arenaBytes) + "\n";
  text += "liveness " + std::to_string(graph.livenessBound) + "\n";
  text += "kernels " + std::to_string(graph.kernels.size()) + "\n";
  for (const kiln::KernelInfo &kernel : graph.kernels)
    text += std::to_string(kernel.id) + " " + std::to_string(kernel.tasks) +
            " " + std::to_string(kernel.bytes) + " " +
            std::to_string(kernel.name.size()) + ":" + kernel.name + " " +
            std::to_string(kernel.location.size()) + ":" + kernel.location +
            "\n";
  text += "objects " + std::to_string(graph.objects.size()) + "\n";
  for (const std::string &object : graph.objects)
    text += std::to_string(object.size()) + "\n" + object;
  text +=
      "sum " + toHex(SHA256::hash(arrayRefFromStringRef(text)), true) + "\n";
  return text;
}

static std::optional<kiln::CompiledGraph> parse(StringRef text, StringRef key) {
  // The last line is the checksum of everything before it.
  StringRef body = text.drop_back(std::min<size_t>(text.size(), 69));
  StringRef sumLine = text.substr(body.size());
  if (sumLine !=
      "sum " + toHex(SHA256::hash(arrayRefFromStringRef(body)), true) + "\n")
    return std::nullopt;

  kiln::CacheEntryReader in(std::string_view(body.data(), body.size()));
  kiln::CompiledGraph graph;
  in.expect(kMagic);
  in.expect("key ");
  in.expect(std::string_view(key.data(), key.size()));
  in.expect("\n");
  graph.inputs = kiln::readTensorSpecs(in, "inputs");
  graph.outputs = kiln::readTensorSpecs(in, "outputs");
  in.expect("arena ");
  graph.arenaBytes = in.integer();
  in.expect("liveness ");
  graph.livenessBound = in.integer();
  in.expect("kernels ");
  graph.kernels.resize(in.count());
  for (kiln::KernelInfo &kernel : graph.kernels) {
    kernel.id = in.integer();
    kernel.tasks = in.integer();
    kernel.bytes = in.integer();
    kernel.name = in.string();
    kernel.location = in.string();
  }
  in.expect("objects ");
  graph.objects.resize(in.count());
  for (std::string &object : graph.objects)
    object = in.bytes(in.count());
  if (!in.ok() || !in.atEnd())
    return std::nullopt;
  return graph;
}

std::string kiln::CompileCache::pathOf(StringRef key) const {
  SmallString<256> path(directory);
  sys::path::append(path, key + kCacheEntrySuffix);
  return std::string(path);
}

std::optional<kiln::CompiledGraph>
kiln::CompileCache::load(StringRef key) const {
  std::string path = pathOf(key);
  ErrorOr<std::unique_ptr<MemoryBuffer>> file =
      MemoryBuffer::getFile(path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!file || (*file)->getBufferSize() > static_cast<size_t>(kMaxCacheBytes))
    return std::nullopt;
  std::optional<CompiledGraph> graph = parse((*file)->getBuffer(), key);
  if (graph) {
    // Recently used: trimming removes the oldest entries first.
    int fd;
    if (!sys::fs::openFileForWrite(path, fd, sys::fs::CD_OpenExisting,
                                   sys::fs::OF_Append)) {
      (void)sys::fs::setLastAccessAndModificationTime(
          fd, std::chrono::system_clock::now());
      sys::Process::SafelyCloseFileDescriptor(fd);
    }
  }
  return graph;
}

Error kiln::CompileCache::store(StringRef key,
                                const CompiledGraph &graph) const {
  auto failure = [&](const Twine &what, std::error_code ec) {
    return createStringError(ec, "cannot " + what + " in the compile cache " +
                                     directory + ": " + ec.message());
  };
  if (std::error_code ec = sys::fs::create_directories(directory))
    return failure("create the directory", ec);
  int fd;
  SmallString<256> temporary;
  if (std::error_code ec = sys::fs::createUniqueFile(
          pathOf(key) + ".tmp-%%%%%%%%", fd, temporary))
    return failure("create an entry", ec);
  {
    raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << serialize(key, graph);
    out.close();
    if (out.has_error()) {
      std::error_code ec = out.error();
      out.clear_error();
      sys::fs::remove(temporary);
      return failure("write an entry", ec);
    }
  }
  if (std::error_code ec = sys::fs::rename(temporary, pathOf(key))) {
    sys::fs::remove(temporary);
    return failure("store an entry", ec);
  }
  trim();
  return Error::success();
}

void kiln::CompileCache::trim() const {
  struct Entry {
    std::string path;
    int64_t bytes;
    sys::TimePoint<> used;
  };
  std::vector<Entry> entries;
  int64_t total = 0;
  std::error_code ec;
  for (sys::fs::directory_iterator it(directory, ec), end; it != end && !ec;
       it.increment(ec)) {
    if (!StringRef(it->path()).ends_with(kCacheEntrySuffix))
      continue;
    sys::fs::file_status status;
    if (sys::fs::status(it->path(), status))
      continue;
    entries.push_back({it->path(), static_cast<int64_t>(status.getSize()),
                       status.getLastModificationTime()});
    total += entries.back().bytes;
  }
  if (total <= kMaxCacheBytes)
    return;
  llvm::sort(entries,
             [](const Entry &a, const Entry &b) { return a.used < b.used; });
  for (const Entry &entry : entries) {
    if (total <= kMaxCacheBytes)
      break;
    if (!sys::fs::remove(entry.path))
      total -= entry.bytes;
  }
}
