//===- HostTensorTest.cpp - Host tensors and seeded random inputs ---------===//

#include "runtime/HostTensor.h"
#include "tools/common/RandomTensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>

using namespace kiln;

namespace {

TEST(HostTensorTest, ElementTypes) {
  // Every type by its MLIR name, size, kind and width.
  struct Expected {
    const char *name;
    size_t size;
    bool isFloat, isUnsigned;
    int width;
  };
  const Expected expected[] = {
      {"f32", 4, true, false, 32},  {"i1", 1, false, false, 1},
      {"i32", 4, false, false, 32}, {"i64", 8, false, false, 64},
      {"f64", 8, true, false, 64},  {"f16", 2, true, false, 16},
      {"bf16", 2, true, false, 16}, {"i8", 1, false, false, 8},
      {"i16", 2, false, false, 16}, {"ui8", 1, false, true, 8},
      {"ui16", 2, false, true, 16}, {"ui32", 4, false, true, 32},
      {"ui64", 8, false, true, 64},
  };
  ASSERT_EQ(std::size(expected), std::size(kElementTypes));
  for (size_t i = 0; i < std::size(expected); ++i) {
    ElementType type = kElementTypes[i];
    EXPECT_EQ(static_cast<size_t>(type), i);
    EXPECT_STREQ(elementTypeName(type), expected[i].name);
    EXPECT_EQ(elementTypeNamed(expected[i].name), type);
    EXPECT_EQ(elementSize(type), expected[i].size) << expected[i].name;
    EXPECT_EQ(isFloat(type), expected[i].isFloat) << expected[i].name;
    EXPECT_EQ(isUnsigned(type), expected[i].isUnsigned) << expected[i].name;
    EXPECT_EQ(bitWidth(type), expected[i].width) << expected[i].name;
  }
  EXPECT_EQ(elementTypeNamed("complex<f32>"), std::nullopt);
}

// Bit patterns derived by hand from IEEE 754's binary16 (5 exponent bits,
// bias 15, 10 fraction bits) and bfloat16 (8, 127, 7).
TEST(ElementTypeTest, RoundToHalf) {
  EXPECT_EQ(roundToHalf(1.0), 0x3C00);
  EXPECT_EQ(roundToHalf(-2.0), 0xC000);
  EXPECT_EQ(roundToHalf(0.0), 0x0000);
  EXPECT_EQ(roundToHalf(-0.0), 0x8000);
  EXPECT_EQ(roundToHalf(65504.0), 0x7BFF);  // largest finite
  EXPECT_EQ(roundToHalf(65519.99), 0x7BFF); // below the tie
  EXPECT_EQ(roundToHalf(65520.0), 0x7C00);  // the tie goes to even: inf
  EXPECT_EQ(roundToHalf(-1e300), 0xFC00);   // -inf
  EXPECT_EQ(roundToHalf(INFINITY), 0x7C00);
  EXPECT_EQ(roundToHalf(NAN), 0x7E00); // quiet NaN
  EXPECT_EQ(roundToHalf(-NAN), 0xFE00);
  EXPECT_EQ(roundToHalf(1 + 0x1p-11), 0x3C00);     // tie: to the even 1
  EXPECT_EQ(roundToHalf(1 + 3 * 0x1p-11), 0x3C02); // tie: to the even 1+2^-9
  EXPECT_EQ(roundToHalf(1 + 0x1p-11 + 0x1p-40), 0x3C01); // past the tie
  EXPECT_EQ(roundToHalf(0x1p-14), 0x0400);               // smallest normal
  EXPECT_EQ(roundToHalf(0x1p-24), 0x0001);               // smallest subnormal
  EXPECT_EQ(roundToHalf(0x1p-25), 0x0000);               // tie: to the even 0
  EXPECT_EQ(roundToHalf(3 * 0x1p-25), 0x0002);           // tie: to the even 2
  EXPECT_EQ(roundToHalf(0x1p-14 - 0x1p-25), 0x0400);     // rounds up to normal
}

TEST(ElementTypeTest, RoundToBfloat16) {
  EXPECT_EQ(roundToBfloat16(1.0), 0x3F80);
  EXPECT_EQ(roundToBfloat16(-0.0), 0x8000);
  EXPECT_EQ(roundToBfloat16(1 + 0x1p-8), 0x3F80);     // tie: to the even 1
  EXPECT_EQ(roundToBfloat16(1 + 3 * 0x1p-8), 0x3F82); // tie: to even
  EXPECT_EQ(roundToBfloat16(1 + 0x1p-8 + 0x1p-30), 0x3F81);
  EXPECT_EQ(roundToBfloat16(0x1.FEp127), 0x7F7F); // largest finite
  EXPECT_EQ(roundToBfloat16(0x1.FFp127), 0x7F80); // the tie goes to inf
  EXPECT_EQ(roundToBfloat16(0x1p-133), 0x0001);   // smallest subnormal
  EXPECT_EQ(roundToBfloat16(0x1p-134), 0x0000);   // tie: to the even 0
  EXPECT_EQ(roundToBfloat16(NAN), 0x7FC0);
  EXPECT_EQ(roundToBfloat16(-INFINITY), 0xFF80);
}

TEST(ElementTypeTest, SixteenBitFloatsToFloat) {
  EXPECT_EQ(halfToFloat(0x3C00), 1.0f);
  EXPECT_EQ(halfToFloat(0x7BFF), 65504.0f);
  EXPECT_EQ(halfToFloat(0x0001), 0x1p-24f);
  EXPECT_EQ(halfToFloat(0x8400), -0x1p-14f);
  EXPECT_EQ(halfToFloat(0xFC00), -INFINITY);
  EXPECT_TRUE(std::isnan(halfToFloat(0x7E00)));
  EXPECT_TRUE(std::signbit(halfToFloat(0x8000)));
  EXPECT_EQ(bfloat16ToFloat(0x3F82), 1.015625f);
  EXPECT_EQ(bfloat16ToFloat(0x0001), 0x1p-133f);
  EXPECT_TRUE(std::isnan(bfloat16ToFloat(0x7FC0)));
  // Every finite pattern reads back to itself.
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    if ((bits & 0x7C00) != 0x7C00)
      ASSERT_EQ(roundToHalf(halfToFloat(bits)), bits) << bits;
    if ((bits & 0x7F80) != 0x7F80)
      ASSERT_EQ(roundToBfloat16(bfloat16ToFloat(bits)), bits) << bits;
  }
}

TEST(HostTensorTest, NarrowAndUnsignedElements) {
  HostTensor u(ElementType::UI64, {2});
  u.setFromInt(0, -1); // the bits of 2^64 - 1
  EXPECT_EQ(static_cast<uint64_t>(u.getAsInt(0)), UINT64_MAX);
  EXPECT_EQ(u.getAsDouble(0), 0x1p64);
  HostTensor b(ElementType::UI8, {1});
  b.setFromInt(0, 300); // low 8 bits
  EXPECT_EQ(b.getAsInt(0), 44);
  b.setFromDouble(0, -5); // saturates
  EXPECT_EQ(b.getAsInt(0), 0);
  HostTensor c(ElementType::I8, {3});
  c.setFromDouble(0, 300);
  c.setFromDouble(1, NAN);
  c.setFromInt(2, 200);
  EXPECT_EQ(c.getAsInt(0), 127);
  EXPECT_EQ(c.getAsInt(1), 0);
  EXPECT_EQ(c.getAsInt(2), -56);
  HostTensor h(ElementType::F16, {1});
  h.setFromDouble(0, 0.1);
  EXPECT_EQ(h.dataAs<uint16_t>()[0], 0x2E66); // 0.0999755859375
  EXPECT_EQ(h.getAsDouble(0), 0.0999755859375);
  EXPECT_EQ(h.typeString(), "tensor<1xf16>");
}

TEST(HostTensorTest, DefaultIsEmpty) {
  HostTensor t;
  EXPECT_EQ(t.elementType(), ElementType::F32);
  EXPECT_EQ(t.numElements(), 0);
  EXPECT_EQ(t.sizeInBytes(), 0u);
}

TEST(HostTensorTest, ZeroFilledAndAligned) {
  HostTensor t(ElementType::I64, {2, 3, 5});
  EXPECT_EQ(t.rank(), 3);
  EXPECT_EQ(t.numElements(), 30);
  EXPECT_EQ(t.sizeInBytes(), 240u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data()) % 64, 0u);
  for (int64_t i = 0; i < 30; ++i)
    EXPECT_EQ(t.getAsInt(i), 0);
  EXPECT_EQ(t.typeString(), "tensor<2x3x5xi64>");
}

/// The VmFlags of the mapping of /proc/self/smaps that holds `p`, or "".
static std::string mappingFlags(const void *p) {
  std::ifstream smaps("/proc/self/smaps");
  auto address = reinterpret_cast<uintptr_t>(p);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    unsigned long begin, end;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &begin, &end) == 2 &&
        line.find(':') > line.find(' '))
      inside = begin <= address && address < end;
    else if (inside && line.rfind("VmFlags:", 0) == 0)
      return line;
  }
  return "";
}

/// Large allocations ask for transparent huge pages (smaps' "hg" flag):
/// their first writes then fault in 2 MiB at a time, not 4 KiB. Small ones
/// do not.
TEST(HostTensorTest, LargeAllocationsAskForHugePages) {
  if (!std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled"))
    GTEST_SKIP() << "this kernel has no transparent huge pages";
  HostTensor large(ElementType::F32, {8, 1024, 1024});
  // The advice covers whole pages: the first, shared with the allocator's
  // header, may be left out.
  std::string flags = mappingFlags(large.dataAs<float>() + 4 * 1024 * 1024);
  ASSERT_NE(flags, "") << "no mapping holds the tensor";
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
  HostTensor small(ElementType::F32, {1024});
  EXPECT_EQ(mappingFlags(small.data()).find(" hg"), std::string::npos);
}

TEST(HostTensorTest, Scalar) {
  HostTensor t = HostTensor::fromF32({}, {2.5f});
  EXPECT_EQ(t.rank(), 0);
  EXPECT_EQ(t.numElements(), 1);
  EXPECT_EQ(t.typeString(), "tensor<f32>");
  EXPECT_EQ(t.getAsDouble(0), 2.5);
  EXPECT_EQ(t.getAsInt(0), 2);
}

TEST(HostTensorTest, FromF32) {
  HostTensor t = HostTensor::fromF32({2, 2}, {1.5f, -2.0f, 0.25f, 8.0f});
  EXPECT_EQ(t.dataAs<float>()[1], -2.0f);
  EXPECT_EQ(t.getAsDouble(2), 0.25);
  EXPECT_EQ(t.getAsInt(1), -2);
  EXPECT_EQ(t.sizeInBytes(), 16u);
}

TEST(HostTensorTest, FromI64) {
  HostTensor i1 = HostTensor::fromI64(ElementType::I1, {3}, {0, 1, 7});
  EXPECT_EQ(i1.dataAs<uint8_t>()[2], 1);
  EXPECT_EQ(i1.getAsDouble(1), 1.0);
  HostTensor i32 =
      HostTensor::fromI64(ElementType::I32, {2}, {-5, int64_t(1) << 32});
  EXPECT_EQ(i32.dataAs<int32_t>()[0], -5);
  EXPECT_EQ(i32.dataAs<int32_t>()[1], 0); // truncated, as MLIR does
  HostTensor i64 =
      HostTensor::fromI64(ElementType::I64, {1}, {(int64_t(1) << 53) + 1});
  EXPECT_EQ(i64.getAsInt(0), (int64_t(1) << 53) + 1);
  EXPECT_EQ(i64.typeString(), "tensor<1xi64>");
}

TEST(HostTensorTest, CopyIsDeepAndEqualityComparesBytes) {
  HostTensor a = HostTensor::fromF32({2}, {1, 2});
  HostTensor b = a;
  b.dataAs<float>()[0] = 5;
  EXPECT_EQ(a.dataAs<float>()[0], 1.0f);
  EXPECT_NE(a, b);
  b.dataAs<float>()[0] = 1;
  EXPECT_EQ(a, b);
  EXPECT_NE(a, HostTensor::fromI64(ElementType::I32, {2}, {0, 0}));
}

TEST(HostTensorTest, Strides) {
  EXPECT_EQ(stridesOf({2, 3, 4}), (std::vector<int64_t>{12, 4, 1}));
  EXPECT_EQ(stridesOf({}), std::vector<int64_t>{});
  EXPECT_EQ(numElementsOf({}), 1);
  EXPECT_EQ(numElementsOf({4, 0}), 0);
}

TEST(RandomTensorTest, Deterministic) {
  HostTensor a = randomTensor(ElementType::F32, {4, 8}, 42, 0);
  HostTensor b = randomTensor(ElementType::F32, {4, 8}, 42, 0);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, randomTensor(ElementType::F32, {4, 8}, 43, 0));
  EXPECT_NE(a, randomTensor(ElementType::F32, {4, 8}, 42, 1));
}

// Pins the generator's output, so a change to it (which would change every
// seeded input users rely on) is caught. Values from splitmix64's definition:
// state = splitmix64(42) ^ splitmix64(0 ^ 0x632BE59BD9B4E019), computed with
// Python's arbitrary-precision integers.
TEST(RandomTensorTest, PinnedValues) {
  HostTensor t = randomTensor(ElementType::I32, {4}, 42, 0);
  std::vector<int64_t> expected = {-5, -5, 0, 4};
  for (int64_t i = 0; i < 4; ++i)
    EXPECT_EQ(t.getAsInt(i), expected[i]) << i;
  HostTensor f = randomTensor(ElementType::F32, {4}, 42, 0);
  std::vector<float> expectedF32 = {-0.45319628715515137f, -0.4603593349456787f,
                                    0.015999794006347656f, 0.3382076025009155f};
  for (int64_t i = 0; i < 4; ++i)
    EXPECT_EQ(f.dataAs<float>()[i], expectedF32[i]) << i;
}

TEST(RandomTensorTest, Ranges) {
  HostTensor f = randomTensor(ElementType::F32, {10000}, 7, 2);
  float lo = 1, hi = -1;
  for (int64_t i = 0; i < f.numElements(); ++i) {
    float v = f.dataAs<float>()[i];
    ASSERT_GE(v, -1.0f);
    ASSERT_LT(v, 1.0f);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_LT(lo, -0.99f);
  EXPECT_GT(hi, 0.99f);

  std::set<int64_t> ints;
  HostTensor i = randomTensor(ElementType::I64, {10000}, 7, 3);
  for (int64_t k = 0; k < i.numElements(); ++k)
    ints.insert(i.getAsInt(k));
  EXPECT_EQ(ints.size(), 21u);
  EXPECT_EQ(*ints.begin(), -10);
  EXPECT_EQ(*ints.rbegin(), 10);

  std::set<int64_t> unsignedInts;
  HostTensor u = randomTensor(ElementType::UI16, {10000}, 7, 3);
  for (int64_t k = 0; k < u.numElements(); ++k)
    unsignedInts.insert(u.getAsInt(k));
  EXPECT_EQ(unsignedInts.size(), 21u);
  EXPECT_EQ(*unsignedInts.begin(), 0);
  EXPECT_EQ(*unsignedInts.rbegin(), 20);

  HostTensor h = randomTensor(ElementType::BF16, {1000}, 7, 2);
  for (int64_t k = 0; k < h.numElements(); ++k) {
    ASSERT_GE(h.getAsDouble(k), -1.0);
    ASSERT_LE(h.getAsDouble(k), 1.0); // rounding may reach 1
  }

  std::set<int64_t> bools;
  HostTensor b = randomTensor(ElementType::I1, {100}, 7, 4);
  for (int64_t k = 0; k < b.numElements(); ++k)
    bools.insert(b.dataAs<uint8_t>()[k]);
  EXPECT_EQ(bools, (std::set<int64_t>{0, 1}));
}

} // namespace
