//===- RunMemory.cpp - Whether a run fits in memory -------------------===//

#include "tools/kiln-run/RunMemory.h"

#include <unistd.h>

#include <algorithm>

using namespace kiln;

uint64_t runmemory::physicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0)
    return UINT64_MAX;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize);
}

std::optional<uint64_t> runmemory::addBytes(std::optional<uint64_t> a,
                                            std::optional<uint64_t> b) {
  uint64_t sum;
  if (!a || !b || __builtin_add_overflow(*a, *b, &sum))
    return std::nullopt;
  return sum;
}

std::optional<uint64_t> runmemory::bytesOf(const std::vector<int64_t> &shape,
                                           uint64_t elementBytes) {
  uint64_t bytes = elementBytes;
  for (int64_t dim : shape)
    if (dim < 0 ||
        __builtin_mul_overflow(bytes, static_cast<uint64_t>(dim), &bytes))
      return std::nullopt;
  return bytes;
}

std::optional<uint64_t>
runmemory::runBytes(const std::vector<TensorSpec> &inputs,
                    const std::vector<TensorSpec> &outputs,
                    int64_t arenaBytes) {
  std::optional<uint64_t> total =
      static_cast<uint64_t>(std::max<int64_t>(arenaBytes, 0));
  for (const std::vector<TensorSpec> *specs : {&inputs, &outputs})
    for (const TensorSpec &spec : *specs)
      total =
          addBytes(total, bytesOf(spec.shape, elementSize(spec.elementType)));
  return total;
}
