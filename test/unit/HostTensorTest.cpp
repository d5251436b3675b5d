//===- HostTensorTest.cpp - Host tensors and seeded random inputs ---------===//

#include "runtime/HostTensor.h"
#include "tools/common/RandomTensor.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>

using namespace kiln;

namespace {

TEST(HostTensorTest, ElementTypes) {
  EXPECT_EQ(elementSize(ElementType::F32), 4u);
  EXPECT_EQ(elementSize(ElementType::I1), 1u);
  EXPECT_EQ(elementSize(ElementType::I32), 4u);
  EXPECT_EQ(elementSize(ElementType::I64), 8u);
  EXPECT_STREQ(elementTypeName(ElementType::F32), "f32");
  EXPECT_STREQ(elementTypeName(ElementType::I1), "i1");
  EXPECT_STREQ(elementTypeName(ElementType::I32), "i32");
  EXPECT_STREQ(elementTypeName(ElementType::I64), "i64");
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

  std::set<int64_t> bools;
  HostTensor b = randomTensor(ElementType::I1, {100}, 7, 4);
  for (int64_t k = 0; k < b.numElements(); ++k)
    bools.insert(b.dataAs<uint8_t>()[k]);
  EXPECT_EQ(bools, (std::set<int64_t>{0, 1}));
}

} // namespace
