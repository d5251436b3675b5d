//===- TensorFormatTest.cpp - NumPy-style tensor text ---------------------===//
//
// Every expected string was printed by NumPy 1.24.2 (str(array)) on this
// machine and pasted in.
//
//===----------------------------------------------------------------------===//

#include "tools/common/TensorFormat.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace kiln;

namespace {

HostTensor f32(std::vector<int64_t> shape, std::vector<float> values) {
  return HostTensor::fromF32(std::move(shape), values);
}

/// 0, 1, 2, ... as f32, optionally divided.
HostTensor arange(std::vector<int64_t> shape, float divisor = 1) {
  std::vector<float> values(numElementsOf(shape));
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<float>(i) / divisor;
  return f32(std::move(shape), values);
}

TEST(TensorFormatTest, Matrix) {
  EXPECT_EQ(formatTensor(f32({2, 3}, {1, 2, 3, 4, 5, 6})),
            "[[1. 2. 3.]\n [4. 5. 6.]]");
}

TEST(TensorFormatTest, ColumnsAlign) {
  EXPECT_EQ(formatTensor(f32({3}, {1, 0.5f, -0.25f})), "[ 1.    0.5  -0.25]");
  EXPECT_EQ(formatTensor(f32({3}, {1.0f / 3, 2.0f / 3, 10})),
            "[ 0.33333334  0.6666667  10.        ]");
  EXPECT_EQ(formatTensor(f32({2}, {-0.0f, 0.0f})), "[-0.  0.]");
}

TEST(TensorFormatTest, Scientific) {
  EXPECT_EQ(formatTensor(f32({2}, {1.2345679e10f, 1})),
            "[1.2345679e+10 1.0000000e+00]");
  EXPECT_EQ(formatTensor(f32({3}, {1e-5f, 1.5f, -2})),
            "[ 1.0e-05  1.5e+00 -2.0e+00]");
  EXPECT_EQ(formatTensor(f32({2}, {0.1f, 123456.78f})),
            "[1.0000000e-01 1.2345678e+05]");
  EXPECT_EQ(formatTensor(f32({2}, {1e-4f, 1})), "[1.e-04 1.e+00]");
  EXPECT_EQ(formatTensor(f32({2}, {1000.0001f, 1})),
            "[1.0000001e+03 1.0000000e+00]");
  EXPECT_EQ(formatTensor(f32({2}, {1000, 1})), "[1000.    1.]");
}

TEST(TensorFormatTest, NonFinite) {
  EXPECT_EQ(formatTensor(f32({4}, {NAN, INFINITY, -INFINITY, 0.5f})),
            "[ nan  inf -inf  0.5]");
  EXPECT_EQ(formatTensor(f32({3}, {NAN, -INFINITY, 1e-5f})),
            "[   nan   -inf 1.e-05]");
  EXPECT_EQ(formatTensor(f32({2}, {NAN, -INFINITY})), "[ nan -inf]");
}

TEST(TensorFormatTest, WrapsAt75Columns) {
  EXPECT_EQ(formatTensor(arange({30}, 7)),
            "[0.         0.14285715 0.2857143  0.42857143 0.5714286  "
            "0.71428573\n 0.85714287 1.         1.1428572  1.2857143  "
            "1.4285715  1.5714285\n 1.7142857  1.8571428  2.         "
            "2.142857   2.2857144  2.4285715\n 2.5714285  2.7142856  "
            "2.857143   3.         3.142857   3.2857144\n 3.4285715  "
            "3.5714285  3.7142856  3.857143   4.         4.142857  ]");
}

TEST(TensorFormatTest, Rank3) {
  EXPECT_EQ(formatTensor(arange({2, 3, 4})),
            "[[[ 0.  1.  2.  3.]\n  [ 4.  5.  6.  7.]\n  [ 8.  9. 10. 11.]]\n\n"
            " [[12. 13. 14. 15.]\n  [16. 17. 18. 19.]\n  [20. 21. 22. 23.]]]");
}

TEST(TensorFormatTest, Summarized) {
  EXPECT_EQ(
      formatTensor(arange({40, 50})),
      "[[0.000e+00 1.000e+00 2.000e+00 ... 4.700e+01 4.800e+01 4.900e+01]\n"
      " [5.000e+01 5.100e+01 5.200e+01 ... 9.700e+01 9.800e+01 9.900e+01]\n"
      " [1.000e+02 1.010e+02 1.020e+02 ... 1.470e+02 1.480e+02 1.490e+02]\n"
      " ...\n"
      " [1.850e+03 1.851e+03 1.852e+03 ... 1.897e+03 1.898e+03 1.899e+03]\n"
      " [1.900e+03 1.901e+03 1.902e+03 ... 1.947e+03 1.948e+03 1.949e+03]\n"
      " [1.950e+03 1.951e+03 1.952e+03 ... 1.997e+03 1.998e+03 "
      "1.999e+03]]");
  std::vector<int64_t> values(1200);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<int64_t>(i);
  EXPECT_EQ(formatTensor(HostTensor::fromI64(ElementType::I64, {1200}, values)),
            "[   0    1    2 ... 1197 1198 1199]");
}

TEST(TensorFormatTest, Integers) {
  EXPECT_EQ(formatTensor(HostTensor::fromI64(ElementType::I32, {2, 2},
                                             {-10, 5, 100, 0})),
            "[[-10   5]\n [100   0]]");
  EXPECT_EQ(formatTensor(HostTensor::fromI64(ElementType::I1, {3}, {1, 0, 1})),
            "[ True False  True]");
}

TEST(TensorFormatTest, Scalars) {
  EXPECT_EQ(formatTensor(f32({}, {1})), "1.0");
  EXPECT_EQ(formatTensor(f32({}, {0.1f})), "0.1");
  EXPECT_EQ(formatTensor(f32({}, {1e-5f})), "1e-05");
  EXPECT_EQ(formatTensor(f32({}, {1.5e20f})), "1.5e+20");
  EXPECT_EQ(formatTensor(f32({}, {-0.0f})), "-0.0");
  EXPECT_EQ(formatTensor(f32({}, {123456789.0f})), "123456790.0");
  EXPECT_EQ(formatTensor(f32({}, {NAN})), "nan");
  EXPECT_EQ(formatTensor(f32({}, {-INFINITY})), "-inf");
  EXPECT_EQ(formatTensor(f32({}, {3.14159265f})), "3.1415927");
  EXPECT_EQ(formatTensor(HostTensor::fromI64(ElementType::I32, {}, {5})), "5");
  EXPECT_EQ(formatTensor(HostTensor::fromI64(ElementType::I1, {}, {1})),
            "True");
}

TEST(TensorFormatTest, Empty) {
  EXPECT_EQ(formatTensor(HostTensor(ElementType::F32, {2, 0})), "[]");
}

} // namespace
