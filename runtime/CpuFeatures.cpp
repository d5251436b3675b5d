//===- CpuFeatures.cpp - The instruction set extensions of this CPU -----===//
//
// Read from CPUID, with the XCR0 check that the operating system saves the
// AVX and AVX-512 registers (a CPU feature the OS does not enable faults
// like a missing one).
//
//===----------------------------------------------------------------------===//

#include "runtime/CpuFeatures.h"

#include <cstdint>
#include <cstdlib>
#include <sstream>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define KILN_X86 1
#endif

using namespace kiln;

namespace {
enum class Reg { Eax, Ebx, Ecx, Edx };
/// Which operating system state a feature needs enabled in XCR0.
enum class OsState { None, Avx, Avx512 };

struct FeatureBit {
  const char *name;
  unsigned leaf, subleaf;
  Reg reg;
  unsigned bit;
  OsState state;
};

// Intel SDM vol. 2A, CPUID; AMD APM vol. 3, appendix E.
constexpr FeatureBit kFeatures[] = {
    {"sse3", 1, 0, Reg::Ecx, 0, OsState::None},
    {"ssse3", 1, 0, Reg::Ecx, 9, OsState::None},
    {"fma", 1, 0, Reg::Ecx, 12, OsState::Avx},
    {"cx16", 1, 0, Reg::Ecx, 13, OsState::None},
    {"sse4.1", 1, 0, Reg::Ecx, 19, OsState::None},
    {"sse4.2", 1, 0, Reg::Ecx, 20, OsState::None},
    {"movbe", 1, 0, Reg::Ecx, 22, OsState::None},
    {"popcnt", 1, 0, Reg::Ecx, 23, OsState::None},
    {"avx", 1, 0, Reg::Ecx, 28, OsState::Avx},
    {"f16c", 1, 0, Reg::Ecx, 29, OsState::Avx},
    {"bmi", 7, 0, Reg::Ebx, 3, OsState::None},
    {"avx2", 7, 0, Reg::Ebx, 5, OsState::Avx},
    {"bmi2", 7, 0, Reg::Ebx, 8, OsState::None},
    {"avx512f", 7, 0, Reg::Ebx, 16, OsState::Avx512},
    {"avx512dq", 7, 0, Reg::Ebx, 17, OsState::Avx512},
    {"avx512ifma", 7, 0, Reg::Ebx, 21, OsState::Avx512},
    {"avx512cd", 7, 0, Reg::Ebx, 28, OsState::Avx512},
    {"avx512bw", 7, 0, Reg::Ebx, 30, OsState::Avx512},
    {"avx512vl", 7, 0, Reg::Ebx, 31, OsState::Avx512},
    {"avx512vbmi", 7, 0, Reg::Ecx, 1, OsState::Avx512},
    {"avx512vbmi2", 7, 0, Reg::Ecx, 6, OsState::Avx512},
    {"gfni", 7, 0, Reg::Ecx, 8, OsState::None},
    {"vaes", 7, 0, Reg::Ecx, 9, OsState::Avx},
    {"vpclmulqdq", 7, 0, Reg::Ecx, 10, OsState::Avx},
    {"avx512vnni", 7, 0, Reg::Ecx, 11, OsState::Avx512},
    {"avx512bitalg", 7, 0, Reg::Ecx, 12, OsState::Avx512},
    {"avx512vpopcntdq", 7, 0, Reg::Ecx, 14, OsState::Avx512},
    {"avx512fp16", 7, 0, Reg::Edx, 23, OsState::Avx512},
    {"avxvnni", 7, 1, Reg::Eax, 4, OsState::Avx},
    {"avx512bf16", 7, 1, Reg::Eax, 5, OsState::Avx512},
    {"lzcnt", 0x80000001, 0, Reg::Ecx, 5, OsState::None},
};
} // namespace

#ifdef KILN_X86
static bool cpuHas(const FeatureBit &feature) {
  unsigned regs[4] = {0, 0, 0, 0};
  unsigned maxLeaf = __get_cpuid_max(feature.leaf & 0x80000000u, nullptr);
  if (maxLeaf < feature.leaf)
    return false;
  __cpuid_count(feature.leaf, feature.subleaf, regs[0], regs[1], regs[2],
                regs[3]);
  if (!((regs[static_cast<int>(feature.reg)] >> feature.bit) & 1))
    return false;
  if (feature.state == OsState::None)
    return true;
  // XGETBV is usable when the OS has set CR4.OSXSAVE (CPUID.1:ECX bit 27).
  unsigned a, b, c, d;
  __cpuid(1, a, b, c, d);
  if (!((c >> 27) & 1))
    return false;
  uint32_t xcr0Low, xcr0High;
  __asm__("xgetbv" : "=a"(xcr0Low), "=d"(xcr0High) : "c"(0));
  // SSE and AVX state (bits 1, 2); AVX-512 adds opmask, ZMM_Hi256 and
  // Hi16_ZMM (bits 5, 6, 7).
  uint32_t needed = feature.state == OsState::Avx ? 0x6 : 0xe6;
  return (xcr0Low & needed) == needed;
}
#else
static bool cpuHas(const FeatureBit &) { return false; }
#endif

static std::vector<std::string> splitList(const std::string &list) {
  std::vector<std::string> items;
  std::stringstream stream(list);
  std::string item;
  while (std::getline(stream, item, ','))
    if (!item.empty())
      items.push_back(item);
  return items;
}

const std::vector<std::string> &kiln::checkableCpuFeatures() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const FeatureBit &feature : kFeatures)
      list.push_back(feature.name);
    return list;
  }();
  return names;
}

bool kiln::hostHasCpuFeature(const std::string &name) {
  if (const char *assumed = std::getenv("KILN_CPU_FEATURES")) {
    for (const std::string &item : splitList(assumed))
      if (item == name)
        return true;
    return false;
  }
  for (const FeatureBit &feature : kFeatures)
    if (name == feature.name)
      return cpuHas(feature);
  return false;
}

std::vector<std::string> kiln::missingCpuFeatures(const std::string &required) {
  std::vector<std::string> missing;
  for (const std::string &name : splitList(required))
    if (!hostHasCpuFeature(name))
      missing.push_back(name);
  return missing;
}
