//===- ModelLinker.cpp - A model's object as a shared library or archive -===//
//
// Kiln writes the object itself; a shared library needs a linker, which the
// system's C compiler driver provides with the right C library and linker
// flags (the way TVM and ONNX-MLIR link their models). An archive needs
// none: LLVM writes it.
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

Expected<std::string> kiln::linkSharedLibrary(StringRef object,
                                              const ModelIdentity &model,
                                              StringRef runtimeDirectory,
                                              StringRef soname) {
  const char *fromEnvironment = std::getenv("CC");
  std::string driverName =
      fromEnvironment && *fromEnvironment ? fromEnvironment : "cc";
  ErrorOr<std::string> driver = sys::findProgramByName(driverName);
  if (!driver)
    return makeError(
        "a shared library is linked by a C compiler driver, and '" +
        driverName + "' was not found (install gcc or clang, or set CC)");

  SmallString<128> directory;
  if (std::error_code error =
          sys::fs::createUniqueDirectory("kiln-link", directory))
    return makeError("cannot create a temporary directory: " + error.message());
  auto removeDirectory =
      make_scope_exit([&] { sys::fs::remove_directories(directory); });
  SmallString<128> objectPath(directory), libraryPath(directory),
      logPath(directory);
  sys::path::append(objectPath, model.name + ".o");
  sys::path::append(libraryPath, model.name + ".so");
  sys::path::append(logPath, "link.log");
  if (Error error = writeFile(objectPath, object))
    return std::move(error);

  std::string libraryFlag = ("-L" + runtimeDirectory).str();
  std::string sonameFlag = ("-Wl,-soname," + soname).str();
  SmallVector<StringRef> args = {*driver, "-shared", "-o", libraryPath,
                                 objectPath, libraryFlag, "-lkiln_runtime",
                                 "-lm", sonameFlag,
                                 // Every symbol resolved now, not at load.
                                 "-Wl,--no-undefined", "-Wl,-z,noexecstack"};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(logPath),
                                          StringRef(logPath)};
  std::string message;
  int status =
      sys::ExecuteAndWait(*driver, args, std::nullopt, redirects,
                          /*SecondsToWait=*/0, /*MemoryLimit=*/0, &message);
  if (status != 0) {
    std::string cause = firstLineOf(logPath);
    return makeError("linking the shared library with " + *driver +
                     " failed: " + (cause.empty() ? message : cause));
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> library =
      MemoryBuffer::getFile(libraryPath, /*IsText=*/false);
  if (!library)
    return makeError("cannot read the linked library: " +
                     library.getError().message());
  return (*library)->getBuffer().str();
}

Expected<std::string> kiln::writeStaticArchive(StringRef object,
                                               const ModelIdentity &model) {
  NewArchiveMember member;
  member.Buf = MemoryBuffer::getMemBufferCopy(object, model.name + ".o");
  member.MemberName = member.Buf->getBufferIdentifier();
  std::vector<NewArchiveMember> members;
  members.push_back(std::move(member));
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
