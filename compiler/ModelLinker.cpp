//===- ModelLinker.cpp - A model's object as a shared library or archive -===//
//
// Kiln writes the objects itself, one per code generation partition
// (ParallelCodegen.h). A shared library needs a linker, which the system's C
// compiler driver provides with the right C library and linker flags (the
// way TVM and ONNX-MLIR link their models); so does joining the partitions
// into one relocatable object (`cc -r`). An archive needs none: LLVM writes
// it, a member per partition.
//
//===----------------------------------------------------------------------===//

#include "compiler/ModelLibrary.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>

using namespace llvm;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

static Error writeFile(StringRef path, StringRef bytes) {
  std::error_code error;
  raw_fd_ostream out(path, error, sys::fs::OF_None);
  if (error)
    return makeError("cannot write " + path + ": " + error.message());
  out << bytes;
  out.close();
  if (out.has_error())
    return makeError("cannot write " + path + ": " + out.error().message());
  return Error::success();
}

/// The first line of the file at `path`, or "".
static std::string firstLineOf(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return "";
  return (*buffer)->getBuffer().split('\n').first.trim().str();
}

Expected<std::string> kiln::findCCompilerDriver(StringRef what) {
  const char *fromEnvironment = std::getenv("CC");
  std::string driverName =
      fromEnvironment && *fromEnvironment ? fromEnvironment : "cc";
  ErrorOr<std::string> driver = sys::findProgramByName(driverName);
  if (!driver)
    return makeError("a " + what + " is linked by a C compiler driver, and '" +
                     driverName +
                     "' was not found (install gcc or clang, or set CC)");
  return *driver;
}

/// The name of part `i` of a model's `count` objects: NAME.o alone, else
/// NAME.part0.o, NAME.part1.o, ...
static std::string partName(const kiln::ModelIdentity &model, size_t i,
                            size_t count) {
  return model.name + (count == 1 ? "" : ".part" + std::to_string(i)) + ".o";
}

/// Runs the C compiler driver on `objects`, written to a temporary directory,
/// with `flags`, into a file named `output` there, and returns its bytes.
/// `what` names the output in errors.
static Expected<std::string> runDriver(ArrayRef<std::string> objects,
                                       const kiln::ModelIdentity &model,
                                       ArrayRef<std::string> flags,
                                       StringRef output, StringRef what) {
  Expected<std::string> driver = kiln::findCCompilerDriver(what);
  if (!driver)
    return driver.takeError();
  SmallString<128> directory;
  if (std::error_code error =
          sys::fs::createUniqueDirectory("kiln-link", directory))
    return makeError("cannot create a temporary directory: " + error.message());
  auto removeDirectory =
      make_scope_exit([&] { sys::fs::remove_directories(directory); });
  SmallString<128> outputPath(directory), logPath(directory);
  sys::path::append(outputPath, output);
  sys::path::append(logPath, "link.log");
  std::vector<std::string> objectPaths;
  for (size_t i = 0; i < objects.size(); ++i) {
    SmallString<128> path(directory);
    sys::path::append(path, partName(model, i, objects.size()));
    if (Error error = writeFile(path, objects[i]))
      return std::move(error);
    objectPaths.push_back(path.str().str());
  }

  SmallVector<StringRef> args = {*driver, "-o", outputPath};
  args.append(objectPaths.begin(), objectPaths.end());
  args.append(flags.begin(), flags.end());
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(logPath),
                                          StringRef(logPath)};
  std::string message;
  int status =
      sys::ExecuteAndWait(*driver, args, std::nullopt, redirects,
                          /*SecondsToWait=*/0, /*MemoryLimit=*/0, &message);
  if (status != 0) {
    std::string cause = firstLineOf(logPath);
    return makeError("linking the " + what + " with " + *driver +
                     " failed: " + (cause.empty() ? message : cause));
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> linked =
      MemoryBuffer::getFile(outputPath, /*IsText=*/false);
  if (!linked)
    return makeError("cannot read the linked " + what + ": " +
                     linked.getError().message());
  return (*linked)->getBuffer().str();
}

Expected<std::string> kiln::linkSharedLibrary(ArrayRef<std::string> objects,
                                              const ModelIdentity &model,
                                              StringRef runtimeDirectory,
                                              StringRef soname) {
  std::string flags[] = {"-shared", ("-L" + runtimeDirectory).str(),
                         "-lkiln_runtime", "-lm",
                         ("-Wl,-soname," + soname).str(),
                         // Every symbol resolved now, not at load.
                         "-Wl,--no-undefined", "-Wl,-z,noexecstack"};
  return runDriver(objects, model, flags, model.name + ".so",
                   kSharedLibraryName);
}

Expected<std::string> kiln::linkObjects(ArrayRef<std::string> objects,
                                        const ModelIdentity &model) {
  if (objects.size() == 1)
    return objects.front();
  std::string flags[] = {"-r", "-nostdlib", "-Wl,-z,noexecstack"};
  return runDriver(objects, model, flags, model.name + ".o", kJoinedObjectName);
}

Expected<std::string> kiln::writeStaticArchive(ArrayRef<std::string> objects,
                                               const ModelIdentity &model) {
  std::vector<NewArchiveMember> members;
  for (size_t i = 0; i < objects.size(); ++i) {
    NewArchiveMember member;
    member.Buf = MemoryBuffer::getMemBufferCopy(
        objects[i], partName(model, i, objects.size()));
    member.MemberName = member.Buf->getBufferIdentifier();
    members.push_back(std::move(member));
  }
  Expected<std::unique_ptr<MemoryBuffer>> archive = writeArchiveToBuffer(
      members, SymtabWritingMode::NormalSymtab, object::Archive::K_GNU,
      /*Deterministic=*/true, /*Thin=*/false);
  if (!archive)
    return archive.takeError();
  return (*archive)->getBuffer().str();
}

Expected<std::string> kiln::runtimeLibraryDirectory() {
  // Any address in this binary finds it.
  static int anchor;
  std::string executable = sys::fs::getMainExecutable(nullptr, &anchor);
  SmallString<256> directory(sys::path::parent_path(executable));
  sys::path::append(directory, "..", "lib");
  SmallString<256> library(directory);
  sys::path::append(library, "libkiln_runtime.so");
  if (!sys::fs::exists(library))
    return makeError("libkiln_runtime.so is not in " + directory +
                     " beside this tool; a shared library cannot link "
                     "without it");
  sys::path::remove_dots(directory, /*remove_dot_dot=*/true);
  return directory.str().str();
}
