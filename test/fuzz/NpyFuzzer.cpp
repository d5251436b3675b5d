//===- NpyFuzzer.cpp - Fuzzing the .npy reader
//-----------------------------===//
//
// Any bytes, read as a .npy file: a tensor or one error line, never a
// crash, an out-of-bounds read or an allocation the header merely claims.
//
//===----------------------------------------------------------------------===//

#include "tools/common/Npy.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kiln::HostTensor tensor;
  std::string error;
  kiln::parseNpy(std::string(reinterpret_cast<const char *>(data), size),
                 tensor, error);
  return 0;
}
