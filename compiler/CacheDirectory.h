//===- CacheDirectory.h - Where compiled graphs are kept --------*- C++ -*-===//
//
// The compile cache's directory and size bound, without LLVM: kiln-run's
// launcher (tools/kiln-run/QuickStart.h) reads the same directory as the
// compiler's cache (CompileCache.h) and must not load LLVM to find it.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CACHEDIRECTORY_H
#define KILN_COMPILER_CACHEDIRECTORY_H

#include <cstdint>
#include <cstdlib>
#include <string>

namespace kiln {

/// The size the cache directory is trimmed to after each store.
inline constexpr int64_t kMaxCacheBytes = 512ll << 20;

/// The suffix of every file the cache keeps; trimming counts only these.
inline constexpr const char *kCacheEntrySuffix = ".kiln";

/// `$KILN_CACHE_DIR` when set (`off` or empty: no cache), else
/// `$XDG_CACHE_HOME/kiln`, else `$HOME/.cache/kiln`; empty when none is set.
inline std::string defaultCacheDirectory() {
  if (const char *dir = std::getenv("KILN_CACHE_DIR"))
    return std::string(dir) == "off" ? std::string() : std::string(dir);
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/kiln";
  if (const char *home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/kiln";
  return "";
}

} // namespace kiln

#endif // KILN_COMPILER_CACHEDIRECTORY_H
