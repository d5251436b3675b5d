//===- SplitMix64.h - The one pseudorandom generator of Kiln's tools -*- C++
//-*-//
//
// Seeded inputs (kiln-run --seed) and random graphs (kiln-difftest) both draw
// from it: its output is fixed by its definition, so a seed names the same
// inputs and the same graphs on every machine.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_SPLITMIX64_H
#define KILN_TOOLS_COMMON_SPLITMIX64_H

#include <cstdint>

namespace kiln {

/// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", 2014): a tiny generator with good statistical quality.
class SplitMix64 {
public:
  explicit SplitMix64(uint64_t state) : state(state) {}

  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  /// Uniform in [0, n) for 1 <= n < 2^32, from the top 32 bits of next() by
  /// multiply-shift (no division; the bias is below 2^-32 * n).
  uint64_t below(uint64_t n) { return ((next() >> 32) * n) >> 32; }

private:
  uint64_t state;
};

} // namespace kiln

#endif // KILN_TOOLS_COMMON_SPLITMIX64_H
