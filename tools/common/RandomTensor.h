//===- RandomTensor.h - Seeded random inputs --------------------*- C++ -*-===//
//
// Test inputs for a model when the user gives none: the same on every
// platform and compiler, so that a failure seen on one machine reproduces on
// another.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_RANDOMTENSOR_H
#define KILN_TOOLS_COMMON_RANDOMTENSOR_H

#include "runtime/HostTensor.h"

#include <cstdint>
#include <vector>

namespace kiln {

/// A deterministic tensor for argument `argumentIndex` of a run seeded with
/// `seed`: floats uniform in [-1, 1) (multiples of 2^-23, rounded to nearest
/// for f16 and bf16), i1 uniform in {0, 1}, signed integers uniform in
/// [-10, 10] and unsigned ones in [0, 20]. The same (seed, argumentIndex, type,
/// shape) gives the same tensor on every platform: the generator is Kiln's
/// own splitmix64, not a std:: distribution (whose output is
/// implementation-defined).
HostTensor randomTensor(ElementType type, const std::vector<int64_t> &shape,
                        uint64_t seed, uint64_t argumentIndex);

} // namespace kiln

#endif // KILN_TOOLS_COMMON_RANDOMTENSOR_H
