//===- OutputFile.cpp - Writing the tools' outputs without losing user files
//===//
//
// Without LLVM: kiln-run's launcher writes --out with it.
//
//===----------------------------------------------------------------------===//

#include "tools/common/OutputFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

/// What a path names once symlinks are followed.
enum class TargetKind { Missing, Regular, Directory, Special };

struct Target {
  std::string path; ///< The path with every symlink followed.
  TargetKind kind;
  mode_t mode; ///< Permission bits of an existing file.
};

/// A step's failure: one line, `path: error: reason`; empty when it
/// succeeded.
using Failure = std::string;

} // namespace

static Failure fileError(const std::string &path, const std::string &reason) {
  return path + ": error: " + reason;
}

static Failure errnoError(const std::string &path, const std::string &what) {
  return fileError(path, what + ": " + std::strerror(errno));
}

/// `path` without its last component: "a/b" for "a/b/c", "/" for "/a", ""
/// for "a" (as llvm::sys::path::parent_path).
static std::string parentPath(const std::string &path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || path.size() == 1)
    return "";
  return slash == 0 ? "/" : path.substr(0, slash);
}

/// `name` inside `directory` ("" is the current directory).
static std::string joinPath(const std::string &directory,
                            const std::string &name) {
  if (directory.empty())
    return name;
  return directory.back() == '/' ? directory + name : directory + "/" + name;
}

/// Follows `userPath` through symlinks (a dangling link resolves to the
/// missing file it names) into `target`, and says what is there.
static Failure resolveTarget(const std::string &userPath, Target &target) {
  std::string path = userPath;
  // A link may name no path at all: /dev/stdout is /proc/self/fd/1, whose
  // link reads "pipe:[1234]" when standard output is a pipe. What opening it
  // reaches is what stat() sees; a device, FIFO or socket there is written
  // through the name the user gave.
  struct stat reached;
  if (::stat(path.c_str(), &reached) == 0 && !S_ISREG(reached.st_mode) &&
      !S_ISDIR(reached.st_mode)) {
    target = Target{path, TargetKind::Special, 0};
    return "";
  }
  // Linux gives up after 40 links (ELOOP); so does this walk.
  for (int hops = 0; hops < 40; ++hops) {
    struct stat status;
    if (::lstat(path.c_str(), &status) != 0) {
      // A file below a missing directory, or below a file, is missing too;
      // creating it names the real fault.
      if (errno != ENOENT && errno != ENOTDIR)
        return errnoError(userPath, "cannot inspect");
      target = Target{path, TargetKind::Missing, 0};
      return "";
    }
    if (S_ISLNK(status.st_mode)) {
      std::string link(static_cast<size_t>(status.st_size) + 1, '\0');
      ssize_t length = ::readlink(path.c_str(), link.data(), link.size());
      if (length < 0)
        return errnoError(userPath, "cannot read symlink");
      link.resize(static_cast<size_t>(length));
      path = !link.empty() && link[0] == '/' ? link
                                             : joinPath(parentPath(path), link);
      continue;
    }
    TargetKind kind = S_ISREG(status.st_mode)   ? TargetKind::Regular
                      : S_ISDIR(status.st_mode) ? TargetKind::Directory
                                                : TargetKind::Special;
    target = Target{path, kind, status.st_mode & 07777};
    return "";
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

static bool writeAll(int fd, std::string_view bytes) {
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

/// Writes `bytes` to a new temporary file beside `target` into `temporary`;
/// on failure nothing is left behind.
static Failure writeTemporary(const Target &target, const std::string &userPath,
                              std::string_view bytes, std::string &temporary) {
  std::string name = target.path.substr(target.path.find_last_of('/') + 1);
  temporary = joinPath(parentPath(target.path), "." + name + ".kiln-XXXXXX");
  int fd = ::mkstemp(temporary.data());
  if (fd < 0)
    return errnoError(userPath, "cannot write");
  mode_t mode =
      target.kind == TargetKind::Regular ? target.mode : newFileMode();
  if (!closeAfterWrite(fd, ::fchmod(fd, mode) == 0 && writeAll(fd, bytes))) {
    Failure failure = errnoError(userPath, "cannot write");
    ::unlink(temporary.c_str());
    return failure;
  }
  return "";
}

/// Writes through a device, FIFO or socket that already exists.
static Failure writeThrough(const Target &target, const std::string &userPath,
                            std::string_view bytes) {
  int fd = ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return errnoError(userPath, "cannot open");
  if (!closeAfterWrite(fd, writeAll(fd, bytes)))
    return errnoError(userPath, "cannot write");
  return "";
}

static Failure writeOneFile(const std::string &path, std::string_view bytes) {
  if (path == "-")
    return writeAll(STDOUT_FILENO, bytes)
               ? ""
               : errnoError("<stdout>", "cannot write");
  Target target;
  if (Failure failure = resolveTarget(path, target); !failure.empty())
    return failure;
  switch (target.kind) {
  case TargetKind::Directory:
    return fileError(path, "cannot write: Is a directory");
  case TargetKind::Special:
    return writeThrough(target, path, bytes);
  case TargetKind::Missing:
  case TargetKind::Regular:
    break;
  }
  std::string temporary;
  if (Failure failure = writeTemporary(target, path, bytes, temporary);
      !failure.empty())
    return failure;
  if (::rename(temporary.c_str(), target.path.c_str()) != 0) {
    Failure failure = errnoError(path, "cannot replace");
    ::unlink(temporary.c_str());
    return failure;
  }
  return "";
}

bool kiln::tools::writeOutputFile(const std::string &path,
                                  std::string_view bytes, std::string &error) {
  error = writeOneFile(path, bytes);
  return error.empty();
}

/// Creates `directory` and any missing parents into `created`, outermost
/// first, so that a failure can remove exactly those.
static Failure createMissingDirectories(const std::string &directory,
                                        std::vector<std::string> &created) {
  std::vector<std::string> missing;
  for (std::string path = directory; !path.empty(); path = parentPath(path)) {
    struct stat status;
    if (::stat(path.c_str(), &status) == 0)
      break;
    missing.insert(missing.begin(), path);
  }
  for (const std::string &path : missing) {
    if (::mkdir(path.c_str(), 0777) != 0) {
      Failure failure = errnoError(path, "cannot create directory");
      for (auto it = created.rbegin(); it != created.rend(); ++it)
        ::rmdir(it->c_str());
      created.clear();
      return failure;
    }
    created.push_back(path);
  }
  return "";
}

static Failure
writeFileSet(const std::string &directory,
             const std::vector<kiln::tools::NamedOutput> &files) {
  struct stat status;
  if (::stat(directory.c_str(), &status) == 0 && !S_ISDIR(status.st_mode))
    return fileError(directory, "cannot write into: Not a directory");

  // Check every target before anything is written.
  std::vector<Target> targets;
  std::vector<std::string> userPaths;
  for (const kiln::tools::NamedOutput &file : files) {
    std::string path = joinPath(directory, file.name);
    Target target;
    if (Failure failure = resolveTarget(path, target); !failure.empty())
      return failure;
    if (target.kind == TargetKind::Directory)
      return fileError(path, "cannot write: Is a directory");
    if (target.kind == TargetKind::Special)
      return fileError(path, "cannot write: not a regular file (--out "
                             "replaces files whole, or none of them)");
    targets.push_back(target);
    userPaths.push_back(path);
  }

  std::vector<std::string> created;
  if (Failure failure = createMissingDirectories(directory, created);
      !failure.empty())
    return failure;
  auto undo = [&](const std::vector<std::string> &temporaries, size_t from) {
    for (size_t i = from; i < temporaries.size(); ++i)
      ::unlink(temporaries[i].c_str());
    for (auto it = created.rbegin(); it != created.rend(); ++it)
      ::rmdir(it->c_str());
  };

  std::vector<std::string> temporaries;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string temporary;
    if (Failure failure =
            writeTemporary(targets[i], userPaths[i], files[i].bytes, temporary);
        !failure.empty()) {
      undo(temporaries, 0);
      return failure;
    }
    temporaries.push_back(temporary);
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (::rename(temporaries[i].c_str(), targets[i].path.c_str()) != 0) {
      // Only an I/O fault can get here: every target was checked above.
      Failure failure = errnoError(userPaths[i], "cannot replace");
      undo(temporaries, i);
      return failure;
    }
  }
  return "";
}

bool kiln::tools::writeOutputFiles(const std::string &directory,
                                   const std::vector<NamedOutput> &files,
                                   std::string &error) {
  error = writeFileSet(directory, files);
  return error.empty();
}
