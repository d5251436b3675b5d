//===- OutputFile.cpp - Writing the tools' outputs without losing user files
//===//

#include "tools/common/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace llvm;

namespace {

/// What a path names once symlinks are followed.
enum class TargetKind { Missing, Regular, Directory, Special };

struct Target {
  std::string path; ///< The path with every symlink followed.
  TargetKind kind;
  mode_t mode; ///< Permission bits of an existing file.
};

} // namespace

static Error fileError(StringRef path, const Twine &reason) {
  return createStringError(inconvertibleErrorCode(),
                           path + ": error: " + reason);
}

static Error errnoError(StringRef path, StringRef what) {
  return fileError(path, what + ": " + std::strerror(errno));
}

/// Follows `path` through symlinks (a dangling link resolves to the missing
/// file it names) and says what is there.
static Expected<Target> resolveTarget(StringRef userPath) {
  std::string path = userPath.str();
  // A link may name no path at all: /dev/stdout is /proc/self/fd/1, whose
  // link reads "pipe:[1234]" when standard output is a pipe. What opening it
  // reaches is what stat() sees; a device, FIFO or socket there is written
  // through the name the user gave.
  struct stat reached;
  if (::stat(path.c_str(), &reached) == 0 && !S_ISREG(reached.st_mode) &&
      !S_ISDIR(reached.st_mode))
    return Target{path, TargetKind::Special, 0};
  // Linux gives up after 40 links (ELOOP); so does this walk.
  for (int hops = 0; hops < 40; ++hops) {
    struct stat status;
    if (::lstat(path.c_str(), &status) != 0) {
      // A file below a missing directory, or below a file, is missing too;
      // creating it names the real fault.
      if (errno == ENOENT || errno == ENOTDIR)
        return Target{path, TargetKind::Missing, 0};
      return errnoError(userPath, "cannot inspect");
    }
    if (S_ISLNK(status.st_mode)) {
      std::string link(static_cast<size_t>(status.st_size) + 1, '\0');
      ssize_t length = ::readlink(path.c_str(), link.data(), link.size());
      if (length < 0)
        return errnoError(userPath, "cannot read symlink");
      link.resize(static_cast<size_t>(length));
      if (sys::path::is_absolute(link)) {
        path = link;
      } else {
        SmallString<256> joined(sys::path::parent_path(path));
        sys::path::append(joined, link);
        path = std::string(joined);
      }
      continue;
    }
    TargetKind kind = S_ISREG(status.st_mode)   ? TargetKind::Regular
                      : S_ISDIR(status.st_mode) ? TargetKind::Directory
                                                : TargetKind::Special;
    return Target{path, kind, status.st_mode & 07777};
  }
  return fileError(userPath, "too many levels of symbolic links");
}

/// The mode a new file gets: 0666 less the process's umask. Reading the umask
/// means setting it; the tools are single-threaded when they write.
static mode_t newFileMode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

static bool writeAll(int fd, StringRef bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = EIO;
      return false;
    }
    written += static_cast<size_t>(n);
  }
  return true;
}

/// Closes `fd` after a write that succeeded when `ok`; false when either
/// failed, with errno saying why (the write's error before the close's).
static bool closeAfterWrite(int fd, bool ok) {
  int savedErrno = errno;
  if (::close(fd) != 0 && ok)
    return false;
  errno = savedErrno;
  return ok;
}

/// Writes `bytes` to a new temporary file beside `target` and returns its
/// path; on failure nothing is left behind.
static Expected<std::string>
writeTemporary(const Target &target, StringRef userPath, StringRef bytes) {
  SmallString<256> temporary(sys::path::parent_path(target.path));
  sys::path::append(temporary, "." + sys::path::filename(target.path).str() +
                                   ".kiln-XXXXXX");
  std::string name(temporary.str());
  int fd = ::mkstemp(name.data());
  if (fd < 0)
    return errnoError(userPath, "cannot write");
  mode_t mode =
      target.kind == TargetKind::Regular ? target.mode : newFileMode();
  if (!closeAfterWrite(fd, ::fchmod(fd, mode) == 0 && writeAll(fd, bytes))) {
    Error error = errnoError(userPath, "cannot write");
    ::unlink(name.c_str());
    return std::move(error);
  }
  return name;
}

/// Writes through a device, FIFO or socket that already exists.
static Error writeThrough(const Target &target, StringRef userPath,
                          StringRef bytes) {
  int fd = ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return errnoError(userPath, "cannot open");
  if (!closeAfterWrite(fd, writeAll(fd, bytes)))
    return errnoError(userPath, "cannot write");
  return Error::success();
}

/// Flushes stdout; its error, if any, is taken (raw_ostream aborts at exit
/// over an error still set).
static Error flushStandardOutput() {
  outs().flush();
  if (!outs().has_error())
    return Error::success();
  std::error_code error = outs().error();
  outs().clear_error();
  return fileError("<stdout>", "cannot write: " + error.message());
}

int kiln::tools::finishStandardOutput(int exitCode) {
  if (Error error = flushStandardOutput()) {
    errs() << toString(std::move(error)) << "\n";
    return 1;
  }
  return exitCode;
}

Error kiln::tools::writeOutputFile(StringRef path, StringRef bytes) {
  if (path == "-") {
    outs() << bytes;
    return flushStandardOutput();
  }
  Expected<Target> target = resolveTarget(path);
  if (!target)
    return target.takeError();
  switch (target->kind) {
  case TargetKind::Directory:
    return fileError(path, "cannot write: Is a directory");
  case TargetKind::Special:
    return writeThrough(*target, path, bytes);
  case TargetKind::Missing:
  case TargetKind::Regular:
    break;
  }
  Expected<std::string> temporary = writeTemporary(*target, path, bytes);
  if (!temporary)
    return temporary.takeError();
  if (::rename(temporary->c_str(), target->path.c_str()) != 0) {
    Error error = errnoError(path, "cannot replace");
    ::unlink(temporary->c_str());
    return error;
  }
  return Error::success();
}

/// Creates `directory` and any missing parents; returns the ones it created,
/// outermost first, so that a failure can remove exactly those.
static Expected<std::vector<std::string>>
createMissingDirectories(StringRef directory) {
  std::vector<std::string> missing;
  for (StringRef path = directory; !path.empty();
       path = sys::path::parent_path(path)) {
    struct stat status;
    if (::stat(path.str().c_str(), &status) == 0)
      break;
    missing.insert(missing.begin(), path.str());
  }
  std::vector<std::string> created;
  for (const std::string &path : missing) {
    if (::mkdir(path.c_str(), 0777) != 0) {
      Error error = errnoError(path, "cannot create directory");
      for (auto it = created.rbegin(); it != created.rend(); ++it)
        ::rmdir(it->c_str());
      return std::move(error);
    }
    created.push_back(path);
  }
  return created;
}

Error kiln::tools::writeOutputFiles(StringRef directory,
                                    ArrayRef<NamedOutput> files) {
  struct stat status;
  if (::stat(directory.str().c_str(), &status) == 0 && !S_ISDIR(status.st_mode))
    return fileError(directory, "cannot write into: Not a directory");

  // Check every target before anything is written.
  std::vector<Target> targets;
  std::vector<std::string> userPaths;
  for (const NamedOutput &file : files) {
    SmallString<256> path(directory);
    sys::path::append(path, file.name);
    Expected<Target> target = resolveTarget(path);
    if (!target)
      return target.takeError();
    if (target->kind == TargetKind::Directory)
      return fileError(path, "cannot write: Is a directory");
    if (target->kind == TargetKind::Special)
      return fileError(path, "cannot write: not a regular file (--out "
                             "replaces files whole, or none of them)");
    targets.push_back(*target);
    userPaths.push_back(std::string(path));
  }

  Expected<std::vector<std::string>> created =
      createMissingDirectories(directory);
  if (!created)
    return created.takeError();
  auto undo = [&](ArrayRef<std::string> temporaries) {
    for (const std::string &temporary : temporaries)
      ::unlink(temporary.c_str());
    for (auto it = created->rbegin(); it != created->rend(); ++it)
      ::rmdir(it->c_str());
  };

  std::vector<std::string> temporaries;
  for (size_t i = 0; i < files.size(); ++i) {
    Expected<std::string> temporary =
        writeTemporary(targets[i], userPaths[i], files[i].bytes);
    if (!temporary) {
      undo(temporaries);
      return temporary.takeError();
    }
    temporaries.push_back(*temporary);
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (::rename(temporaries[i].c_str(), targets[i].path.c_str()) != 0) {
      // Only an I/O fault can get here: every target was checked above.
      Error error = errnoError(userPaths[i], "cannot replace");
      undo(ArrayRef<std::string>(temporaries).drop_front(i));
      return error;
    }
  }
  return Error::success();
}
