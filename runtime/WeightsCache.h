//===- WeightsCache.h - Packed weights kept between calls -------*- C++ -*-===//
//
// A compiled graph packs the weights of its contractions into panels inside
// each call. A caller that declares its weights unchanged across calls
// (RunOptions::weightsUnchanged) lets the first such call keep the panels
// in this cache (kiln_context::weights_cache) and the later ones read them
// instead of packing again. The weights are the graph inputs the code
// names (kiln_packed_inputs); the cache keeps those of the first call that
// filled it, and a call whose packed inputs lie at other addresses packs
// its own. New values at the same addresses are the caller's error: the
// results then use the old ones.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_WEIGHTSCACHE_H
#define KILN_RUNTIME_WEIGHTSCACHE_H

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace kiln {

class WeightsCache {
public:
  /// A cache of `bytes` (kiln_weights_cache_bytes; 0: the graph packs no
  /// input) for the inputs `packedInputs`.
  WeightsCache(int64_t bytes, std::vector<int64_t> packedInputs);
  ~WeightsCache();
  WeightsCache(const WeightsCache &) = delete;
  WeightsCache &operator=(const WeightsCache &) = delete;

  /// The cache one call passes in its context, or null; the call that fills
  /// it makes it ready when its lease ends.
  class Lease {
  public:
    Lease(Lease &&other) noexcept : cache(other.cache), fills(other.fills) {
      other.fills = false;
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    Lease &operator=(Lease &&) = delete;
    ~Lease();
    void *get() const { return cache ? cache->storage : nullptr; }

  private:
    friend class WeightsCache;
    Lease(WeightsCache *cache, bool fills) : cache(cache), fills(fills) {}
    WeightsCache *cache;
    bool fills;
  };

  /// The cache for a call on `buffers` (the inputs first): none unless the
  /// call declares its weights `unchanged`; the first such call fills it,
  /// and those after it read it where their packed inputs lie where the
  /// first call's did. A call that comes while another fills it packs its
  /// own. Throws std::bad_alloc when memory runs out.
  Lease acquire(void *const *buffers, bool unchanged);

  int64_t bytes() const { return size; }
  const std::vector<int64_t> &packedInputs() const { return inputs; }

private:
  enum class Stage { Empty, Filling, Ready };
  void setState(int32_t state);

  int64_t size;
  std::vector<int64_t> inputs;
  std::mutex mutex;
  Stage stage = Stage::Empty;
  void *storage = nullptr;
  /// Where the packed inputs lay in the call that filled the cache.
  std::vector<const void *> addresses;
};

} // namespace kiln

#endif // KILN_RUNTIME_WEIGHTSCACHE_H
