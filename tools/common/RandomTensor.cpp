//===- RandomTensor.cpp - Seeded random inputs ----------------------------===//

#include "tools/common/RandomTensor.h"

#include "tools/common/SplitMix64.h"

namespace kiln {
namespace {

/// A starting state for each (seed, argument) pair, so that arguments get
/// independent streams rather than shifted copies of one stream.
uint64_t streamState(uint64_t seed, uint64_t argumentIndex) {
  SplitMix64 seedMixer(seed);
  SplitMix64 argumentMixer(argumentIndex ^ 0x632BE59BD9B4E019ull);
  return seedMixer.next() ^ argumentMixer.next();
}

} // namespace

HostTensor randomTensor(ElementType type, const std::vector<int64_t> &shape,
                        uint64_t seed, uint64_t argumentIndex) {
  HostTensor tensor(type, shape);
  SplitMix64 generator(streamState(seed, argumentIndex));
  if (type == ElementType::F32) {
    // The same values as below, written directly: a model's weights are
    // most of kiln-run's inputs, and setFromDouble's dispatch per element
    // was about 7% of a warm-cache run (perf, the transformer block).
    float *data = tensor.dataAs<float>();
    for (int64_t i = 0; i < tensor.numElements(); ++i)
      data[i] = static_cast<float>(generator.next() >> 40) * 0x1p-23f - 1.0f;
    return tensor;
  }
  for (int64_t i = 0; i < tensor.numElements(); ++i) {
    uint64_t bits = generator.next();
    if (isFloat(type)) {
      // The top 24 bits give k in [0, 2^24); k * 2^-23 - 1 is exact in f32
      // and f64, and rounds once to f16 and bf16.
      tensor.setFromDouble(i, static_cast<double>(bits >> 40) * 0x1p-23 - 1.0);
    } else if (type == ElementType::I1) {
      tensor.dataAs<uint8_t>()[i] = static_cast<uint8_t>(bits >> 63);
    } else {
      // Multiply-shift maps the top 32 bits onto 0..20 without a division:
      // -10..10, or 0..20 for unsigned types.
      int64_t value = static_cast<int64_t>(((bits >> 32) * 21) >> 32);
      tensor.setFromInt(i, isUnsigned(type) ? value : value - 10);
    }
  }
  return tensor;
}

} // namespace kiln
