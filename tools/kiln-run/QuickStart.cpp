//===- QuickStart.cpp - Running a compiled graph without LLVM ---------===//
//
// An entry is text lines followed by the library's bytes:
//
//   kiln-quick-start 1
//   key <64 hex digits>
//   build <n>, then per file: <size> <mtime in ns> <len>:<path>
//   inputs <n>, then per input: <element type> <rank> <dims...>
//   outputs <n>, likewise
//   arena <bytes>
//   library <size>, a newline, then <size> bytes
//   sum <SHA-256 of everything before this line>
//
// Nothing here may call into LLVM: the launcher links this file and Kiln's
// runtime only.
//
//===----------------------------------------------------------------------===//

#include "tools/kiln-run/QuickStart.h"

#include "compiler/CacheDirectory.h"
#include "compiler/CacheEntryText.h"
#include "tools/common/Sha256.h"

#include <cpuid.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string_view>
#include <thread>

using namespace kiln;
using namespace kiln::quickstart;

static constexpr std::string_view kMagic = "kiln-quick-start 1\n";
static constexpr std::string_view kEntrySuffix = ".quick";

//===----------------------------------------------------------------------===//
// The command line
//===----------------------------------------------------------------------===//

Request quickstart::parseRequest(int argc, char **argv) {
  Request request;
  if (char *tool = ::realpath("/proc/self/exe", nullptr)) {
    request.tool = tool;
    std::free(tool);
  }
  auto leaveToFullTool = [&](std::string_view why) {
    if (request.fullToolReason.empty())
      request.fullToolReason = why;
  };
  auto unreadable = [&](std::string_view why) {
    request.keyNamesCompile = false;
    leaveToFullTool(why);
  };
  std::set<std::string> seen;
  std::optional<std::string> cacheDir;
  bool noCache = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.size() < 2 || arg[0] != '-') {
      // The graph (or "-", standard input), or the value of a flag the
      // full tool alone reads. Which is which is the full tool's to know:
      // it stores an entry only when it compiled the graph these arguments
      // name.
      if (!arg.empty() && arg[0] == '@')
        unreadable("a response file");
      request.compileArguments.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      unreadable("'--'");
      request.compileArguments.emplace_back(arg);
      continue;
    }
    std::string_view name = arg.substr(arg[1] == '-' ? 2 : 1);
    std::optional<std::string_view> inlineValue;
    if (size_t equals = name.find('='); equals != std::string_view::npos) {
      inlineValue = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    static const std::set<std::string_view> kValued = {
        "seed", "input", "out", "bench", "threads", "cache-dir"};
    static const std::set<std::string_view> kSwitches = {
        "profile", "reference", "no-cache", "weights-unchanged"};
    if (kValued.count(name)) {
      std::string_view value;
      if (inlineValue) {
        value = *inlineValue;
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        unreadable("a flag without its value");
        continue;
      }
      // --threads may repeat (the last one counts); --input is a list; the
      // others may appear once.
      if (name != "threads" && name != "input" &&
          !seen.insert(std::string(name)).second)
        leaveToFullTool("a flag given twice");
      // Numbers are read as plain decimals only: LLVM's option parser reads
      // "010" as octal and "0x10" as hex, and those runs go to the full
      // tool rather than risk reading them otherwise.
      if (name == "seed") {
        if (std::optional<uint64_t> seed = parsePlainDecimal(value))
          request.seed = *seed;
        else
          leaveToFullTool("a seed the launcher does not read");
      } else if (name == "bench") {
        std::optional<uint64_t> runs = parsePlainDecimal(value);
        if (runs && *runs <= UINT_MAX)
          request.benchRuns = static_cast<unsigned>(*runs);
        else
          leaveToFullTool("a run count the launcher does not read");
      } else if (name == "threads") {
        std::optional<uint64_t> threads = parsePlainDecimal(value);
        if (threads && *threads > 0 && *threads <= INT_MAX)
          request.threads = static_cast<int>(*threads);
        else
          leaveToFullTool("a thread count the launcher does not read");
      } else if (name == "cache-dir") {
        cacheDir = std::string(value);
      } else if (name == "input") {
        request.inputFiles.emplace_back(value);
      } else {
        request.outDirectory = value;
      }
      continue;
    }
    if (kSwitches.count(name)) {
      if (inlineValue || !seen.insert(std::string(name)).second)
        leaveToFullTool("a switch with a value or given twice");
      if (name == "no-cache")
        noCache = true;
      else
        leaveToFullTool("--profile, --reference and --weights-unchanged");
      continue;
    }
    if (name == "h" || name.substr(0, 4) == "help" || name == "version" ||
        name.substr(0, 5) == "print")
      leaveToFullTool("a flag that prints about the tool");
    request.compileArguments.emplace_back(arg);
  }
  request.cacheDirectory = noCache    ? ""
                           : cacheDir ? *cacheDir
                                      : defaultCacheDirectory();
  return request;
}

//===----------------------------------------------------------------------===//
// The key
//===----------------------------------------------------------------------===//

/// The bytes of the regular file at `path`, or nullopt when it is not one
/// or cannot be read whole.
static std::optional<std::string> readRegularFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return std::nullopt;
  struct stat status;
  std::optional<std::string> bytes;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode)) {
    std::string data(static_cast<size_t>(status.st_size), '\0');
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::read(fd, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += static_cast<size_t>(n);
    }
    if (done == data.size())
      bytes = std::move(data);
  }
  ::close(fd);
  return bytes;
}

/// What the compiled code may depend on in this machine: the CPU's
/// identity and features as CPUID reports them (the compiler reads the host
/// CPU through LLVM, which reads CPUID), the enabled register state, the
/// cache sizes kernels are tiled for and the core count tasks are split by.
static std::string machineIdentity() {
  std::string identity;
  auto add = [&](uint64_t value) { identity += std::to_string(value) + " "; };
  unsigned a, b, c, d;
  const std::pair<unsigned, unsigned> leaves[] = {
      {0, 0},   {1, 0},          {7, 0},         {7, 1},
      {0xd, 1}, {0x80000000, 0}, {0x80000001, 0}};
  for (auto [leaf, subleaf] : leaves) {
    a = b = c = d = 0;
    if (__get_cpuid_max(leaf & 0x80000000u, nullptr) >= leaf)
      __cpuid_count(leaf, subleaf, a, b, c, d);
    // Leaf 1's EBX holds the APIC ID of the core this runs on.
    add(a), add(leaf == 1 ? 0 : b), add(c), add(d);
  }
  __cpuid(1, a, b, c, d);
  if (c & bit_OSXSAVE) {
    uint32_t low, high;
    __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    add(low), add(high);
  }
  for (int name :
       {_SC_LEVEL1_DCACHE_SIZE, _SC_LEVEL2_CACHE_SIZE, _SC_LEVEL3_CACHE_SIZE})
    add(static_cast<uint64_t>(sysconf(name)));
  add(std::thread::hardware_concurrency());
  return identity;
}

std::string quickstart::keyOf(const Request &request) {
  Sha256 hasher;
  hasher.update(kMagic);
  hasher.update(machineIdentity() + "\n");
  hasher.update(std::to_string(request.tool.size()) + ":" + request.tool +
                "\n");
  for (const std::string &argument : request.compileArguments) {
    hasher.update(std::to_string(argument.size()) + ":" + argument + "\n");
    if (std::optional<std::string> bytes = readRegularFile(argument)) {
      hasher.update("file " + std::to_string(bytes->size()) + "\n");
      hasher.update(*bytes);
    }
  }
  return hasher.finalHex();
}

//===----------------------------------------------------------------------===//
// Entries
//===----------------------------------------------------------------------===//

std::optional<BuildFile> quickstart::buildFileOf(const std::string &path) {
  struct stat status;
  if (::stat(path.c_str(), &status) != 0)
    return std::nullopt;
  return BuildFile{path, static_cast<int64_t>(status.st_size),
                   static_cast<int64_t>(status.st_mtim.tv_sec) * 1000000000 +
                       status.st_mtim.tv_nsec};
}

std::string quickstart::entryPath(const std::string &directory,
                                  const std::string &key) {
  return directory + "/" + key + std::string(kEntrySuffix) + kCacheEntrySuffix;
}

static std::string serialize(const std::string &key, const Entry &entry) {
  std::string text(kMagic);
  text += "key " + key + "\n";
  text += "build " + std::to_string(entry.build.size()) + "\n";
  for (const BuildFile &file : entry.build)
    text += std::to_string(file.size) + " " +
            std::to_string(file.modifiedNanoseconds) + " " +
            std::to_string(file.path.size()) + ":" + file.path + "\n";
  writeTensorSpecs(text, "inputs", entry.inputs);
  writeTensorSpecs(text, "outputs", entry.outputs);
  text += "arena " + std::to_string(entry.arenaBytes) + "\n";
  text += "library " + std::to_string(entry.library.size()) + "\n";
  text += entry.library;
  text += "sum " + Sha256::hex(text) + "\n";
  return text;
}

static std::optional<Entry> parse(std::string_view text,
                                  const std::string &key) {
  // The last line is the checksum of everything before it.
  constexpr size_t kSumLine = 4 + 64 + 1;
  if (text.size() < kSumLine)
    return std::nullopt;
  std::string_view body = text.substr(0, text.size() - kSumLine);
  if (text.substr(body.size()) != "sum " + Sha256::hex(body) + "\n")
    return std::nullopt;

  CacheEntryReader in(body);
  Entry entry;
  in.expect(kMagic);
  in.expect("key ");
  in.expect(key);
  in.expect("\n");
  in.expect("build ");
  entry.build.resize(in.count());
  for (BuildFile &file : entry.build) {
    file.size = in.integer();
    file.modifiedNanoseconds = in.integer();
    file.path = in.string();
  }
  entry.inputs = readTensorSpecs(in, "inputs");
  entry.outputs = readTensorSpecs(in, "outputs");
  in.expect("arena ");
  entry.arenaBytes = in.integer();
  in.expect("library ");
  entry.library = in.bytes(in.count());
  if (!in.ok() || !in.atEnd() || entry.arenaBytes < 0)
    return std::nullopt;
  return entry;
}

std::optional<Entry> quickstart::load(const std::string &directory,
                                      const std::string &key) {
  std::string path = entryPath(directory, key);
  struct stat status;
  if (::stat(path.c_str(), &status) != 0 || status.st_size > kMaxCacheBytes)
    return std::nullopt;
  std::optional<std::string> text = readRegularFile(path);
  if (!text)
    return std::nullopt;
  std::optional<Entry> entry = parse(*text, key);
  if (!entry)
    return std::nullopt;
  for (const BuildFile &stored : entry->build) {
    std::optional<BuildFile> now = buildFileOf(stored.path);
    if (!now || now->size != stored.size ||
        now->modifiedNanoseconds != stored.modifiedNanoseconds)
      return std::nullopt;
  }
  // Recently used: trimming the cache removes the oldest entries first.
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  return entry;
}

/// Writes all of `bytes` to `fd`.
static bool writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

kiln_entry_fn quickstart::loadLibrary(const Entry &entry) {
  // The library's bytes were checked with the rest of the entry; a file of
  // its own could change between the check and dlopen. An anonymous file
  // holds exactly the checked bytes.
  int fd = ::memfd_create("kiln-quick-start", MFD_CLOEXEC);
  if (fd < 0)
    return nullptr;
  void *library = nullptr;
  if (writeAll(fd, entry.library))
    library = ::dlopen(("/proc/self/fd/" + std::to_string(fd)).c_str(),
                       RTLD_NOW | RTLD_LOCAL);
  // The library's mappings outlive the descriptor.
  ::close(fd);
  return library
             ? reinterpret_cast<kiln_entry_fn>(::dlsym(library, "kiln_entry"))
             : nullptr;
}

/// Creates `directory` and its missing parents.
static bool createDirectories(const std::string &directory) {
  for (size_t slash = directory.find('/', 1);;
       slash = directory.find('/', slash + 1)) {
    std::string prefix = directory.substr(0, slash);
    if (::mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST)
      return false;
    if (slash == std::string::npos)
      return true;
  }
}

bool quickstart::store(const std::string &directory, const std::string &key,
                       const Entry &entry) {
  if (!createDirectories(directory))
    return false;
  std::string path = entryPath(directory, key);
  std::string temporary = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0)
    return false;
  bool written = writeAll(fd, serialize(key, entry));
  if (::close(fd) != 0 || !written ||
      ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}
