//===- ErrorBoundsTest.cpp - The interpreter's error bounds, by hand ------===//
//
// interpretWithErrorBounds on small graphs whose bounds are derived by hand
// from the rules of compiler/reference/ErrorBounds.h: each op's own
// rounding, the operands' bounds carried through, gamma_n for sums, and
// infinite bounds where a step or an index may come out differently.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/ErrorBounds.h"
#include "test/unit/InterpreterTesting.h"

#include <cmath>

namespace kiln {
namespace {

constexpr double kUlpOne = 0x1p-23; // f32's ulp in [1, 2).

class ErrorBoundsTest : public InterpreterTest {
protected:
  /// Runs @main with bounds; returns the bounds of every result.
  std::vector<HostTensor> bounds(const std::string &source,
                                 const std::vector<HostTensor> &inputs) {
    module = mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    EXPECT_TRUE(module) << source;
    if (!module)
      return {};
    auto main = module->lookupSymbol<mlir::func::FuncOp>("main");
    auto results = interpretWithErrorBounds(main, inputs);
    EXPECT_TRUE(bool(results)) << llvm::toString(results.takeError());
    if (!results)
      return {};
    values = results->values;
    return results->errorBounds;
  }

  std::vector<HostTensor> values;
};

TEST(ErrorBoundsRules, UnitInLastPlace) {
  EXPECT_EQ(unitInLastPlace(ElementType::F32, 1.0), kUlpOne);
  EXPECT_EQ(unitInLastPlace(ElementType::F32, 1.5), kUlpOne);
  EXPECT_EQ(unitInLastPlace(ElementType::F32, -2.0), 2 * kUlpOne);
  EXPECT_EQ(unitInLastPlace(ElementType::F32, 0.0), 0x1p-149);
  EXPECT_EQ(unitInLastPlace(ElementType::F32, 0x1p-130), 0x1p-149);
  EXPECT_EQ(unitInLastPlace(ElementType::F16, 1.0), 0x1p-10);
  EXPECT_EQ(unitInLastPlace(ElementType::F16, 0.0), 0x1p-24);
  EXPECT_EQ(unitInLastPlace(ElementType::BF16, 1.0), 0x1p-7);
  EXPECT_EQ(unitInLastPlace(ElementType::F64, 1.0), 0x1p-52);
  EXPECT_EQ(unitInLastPlace(ElementType::I32, 1.0), 0.0);
}

TEST(ErrorBoundsRules, SumErrorFactorIsHighamsGamma) {
  double u = 0x1p-24;
  EXPECT_DOUBLE_EQ(sumErrorFactor(10, ElementType::F32), 10 * u / (1 - 10 * u));
  EXPECT_DOUBLE_EQ(sumErrorFactor(3, ElementType::F64),
                   3 * 0x1p-53 / (1 - 3 * 0x1p-53));
  EXPECT_EQ(sumErrorFactor(1 << 24, ElementType::F32), INFINITY);
  EXPECT_EQ(sumErrorFactor(5, ElementType::I32), 0.0);
}

TEST(ErrorBoundsRules, WithinErrorBound) {
  EXPECT_TRUE(withinErrorBound(1.0, 1.0, 0));
  EXPECT_FALSE(withinErrorBound(1.0 + kUlpOne, 1.0, 0));
  EXPECT_TRUE(withinErrorBound(1.0 + kUlpOne, 1.0, kUlpOne));
  EXPECT_TRUE(withinErrorBound(NAN, NAN, 0));
  EXPECT_FALSE(withinErrorBound(0.0, NAN, 1));
  EXPECT_FALSE(withinErrorBound(INFINITY, -INFINITY, 1e300));
  EXPECT_TRUE(withinErrorBound(5.0, -INFINITY, INFINITY));
}

TEST_F(ErrorBoundsTest, ExactOpsOfExactInputsAreExact) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<2xf32>) {
      %0 = hlo.add %x, %y : tensor<3xf32>
      %1 = hlo.maximum %x, %y : tensor<3xf32>
      %2 = hlo.slice %0 [0:2] : (tensor<3xf32>) -> tensor<2xf32>
      return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<2xf32>
    })mlir",
                  {f32({3}, {1, 2, 3}), f32({3}, {0.1f, -5, 7})});
  ASSERT_EQ(b.size(), 3u);
  for (const HostTensor &bound : b)
    for (int64_t i = 0; i < bound.numElements(); ++i)
      EXPECT_EQ(bound.getAsDouble(i), 0) << i;
}

// exp is within 2 ulps of exact natively and 0.5 in the interpreter.
TEST_F(ErrorBoundsTest, FunctionsAddTheirUlps) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<1xf32>) -> tensor<1xf32> {
      %0 = hlo.exponential %x : tensor<1xf32>
      return %0 : tensor<1xf32>
    })mlir",
                  {f32({1}, {0.5f})});
  double y = values[0].getAsDouble(0); // e^0.5 = 1.65
  EXPECT_EQ(b[0].getAsDouble(0), 2.5 * unitInLastPlace(ElementType::F32, y));
}

// A multiply an add consumes may be fused into an FMA (half an ulp of the
// product); the add then rounds operands that are not exact: one ulp.
TEST_F(ErrorBoundsTest, MultiplyAddMayFuse) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<1xf32>, %y: tensor<1xf32>, %z: tensor<1xf32>) -> (tensor<1xf32>, tensor<1xf32>) {
      %0 = hlo.multiply %x, %y : tensor<1xf32>
      %1 = hlo.add %0, %z : tensor<1xf32>
      %2 = hlo.multiply %x, %z : tensor<1xf32>
      return %1, %2 : tensor<1xf32>, tensor<1xf32>
    })mlir",
                  {f32({1}, {1.1f}), f32({1}, {1.3f}), f32({1}, {0.25f})});
  // 1.1 * 1.3 = 1.43 (ulp 2^-23); 1.43 + 0.25 = 1.68 (ulp 2^-23).
  EXPECT_EQ(b[0].getAsDouble(0), 0.5 * kUlpOne + kUlpOne);
  // Nothing adds x * z: correctly rounded, exact.
  EXPECT_EQ(b[1].getAsDouble(0), 0);
}

// A dot of length 4: both the interpreter and compiled code are within
// gamma_4 sum |a b| of the exact sum, so twice that apart.
TEST_F(ErrorBoundsTest, DotIsTwiceGammaOfTheMagnitudes) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<1x4xf32>, %w: tensor<4x1xf32>) -> tensor<1x1xf32> {
      %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<1x4xf32>, tensor<4x1xf32>) -> tensor<1x1xf32>
      return %0 : tensor<1x1xf32>
    })mlir",
                  {f32({1, 4}, {1, -2, 3, 0.5f}), f32({4, 1}, {2, 2, -1, 4})});
  double sumAbs = 2 + 4 + 3 + 2;
  EXPECT_DOUBLE_EQ(b[0].getAsDouble(0),
                   2 * sumErrorFactor(4, ElementType::F32) * sumAbs);
}

// The interpreter takes a plain f32 sum exactly (half an ulp); compiled
// code is within gamma_n of n + 1 terms. A bound carried in adds up.
TEST_F(ErrorBoundsTest, SumsCarryTheirTermsBounds) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
      %z = hlo.constant dense<0.0> : tensor<f32>
      %e = hlo.exponential %x : tensor<4xf32>
      %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
      %1 = hlo.reduce(%e init: %z) applies hlo.add across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
      return %0, %1 : tensor<f32>, tensor<f32>
    })mlir",
                  {f32({4}, {1, -2, 3, 0.5f})});
  double gamma = sumErrorFactor(4, ElementType::F32);
  EXPECT_DOUBLE_EQ(b[0].getAsDouble(0),
                   gamma * 6.5 + 0.5 * unitInLastPlace(ElementType::F32, 2.5));
  double carried = 0, magnitude = 0;
  for (float x : {1.0f, -2.0f, 3.0f, 0.5f}) {
    float e = std::exp(x);
    carried += 2.5 * unitInLastPlace(ElementType::F32, e);
    magnitude += e;
  }
  double y = values[1].getAsDouble(0);
  EXPECT_NEAR(b[1].getAsDouble(0),
              carried + gamma * (magnitude + carried) +
                  0.5 * unitInLastPlace(ElementType::F32, y),
              1e-12);
}

// A comparison is certain when the operands' intervals are apart, and
// unknown when they meet; a select then takes either branch.
TEST_F(ErrorBoundsTest, ComparisonsOfInexactValues) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<2xf32>, %y: tensor<2xf32>) -> (tensor<2xi1>, tensor<2xf32>) {
      %e = hlo.exponential %x : tensor<2xf32>
      %c = hlo.compare GT, %e, %y : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>
      %s = hlo.select %c, %e, %y : tensor<2xi1>, tensor<2xf32>
      return %c, %s : tensor<2xi1>, tensor<2xf32>
    })mlir",
                  // e^0 = 1 exactly against 1 (meet); e^1 against 0 (apart).
                  {f32({2}, {0, 1}), f32({2}, {1, 0})});
  // exp(0) = 1: its bound (2.5 ulp) reaches 1.
  EXPECT_EQ(b[0].getAsDouble(0), INFINITY);
  EXPECT_EQ(b[0].getAsDouble(1), 0);
  // Either branch: the larger bound plus the branches' distance (0).
  EXPECT_EQ(b[1].getAsDouble(0), 2.5 * unitInLastPlace(ElementType::F32, 1.0));
  double e1 = values[1].getAsDouble(1);
  EXPECT_EQ(b[1].getAsDouble(1), 2.5 * unitInLastPlace(ElementType::F32, e1));
}

// floor is certain only where the interval stays between two integers; a
// divisor whose interval holds zero leaves the quotient unknown.
TEST_F(ErrorBoundsTest, StepsAndPoles) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
      %one = hlo.constant dense<1.0> : tensor<2xf32>
      %l = hlo.log %x : tensor<2xf32>
      %f = hlo.floor %l : tensor<2xf32>
      %q = hlo.divide %one, %l : tensor<2xf32>
      return %f, %q : tensor<2xf32>, tensor<2xf32>
    })mlir",
                  // log(1) = 0 exactly, at floor's step; log(1.5) = 0.405.
                  {f32({2}, {1, 1.5f})});
  EXPECT_EQ(b[0].getAsDouble(0), INFINITY);
  EXPECT_EQ(b[0].getAsDouble(1), 0);
  EXPECT_EQ(b[1].getAsDouble(0), INFINITY);
  EXPECT_GT(b[1].getAsDouble(1), 0);
  EXPECT_LT(b[1].getAsDouble(1), 1e-5);
}

// Data movement moves the bounds; a loop whose condition is exact carries
// them through its trips.
TEST_F(ErrorBoundsTest, DataMovementAndExactLoops) {
  auto b = bounds(
      R"mlir(
    func.func @main(%x: tensor<2xf32>, %n: tensor<i32>) -> (tensor<2x2xf32>, tensor<2xf32>) {
      %c0 = hlo.constant dense<0> : tensor<i32>
      %c1 = hlo.constant dense<1> : tensor<i32>
      %e = hlo.exponential %x : tensor<2xf32>
      %bc = hlo.broadcast_in_dim %e, dims = [1] : (tensor<2xf32>) -> tensor<2x2xf32>
      %0:2 = hlo.while(%i = %c0, %a = %e) : tensor<i32>, tensor<2xf32>
        cond {
        %lt = hlo.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
        hlo.return %lt : tensor<i1>
      } do {
        %next = hlo.add %i, %c1 : tensor<i32>
        %twice = hlo.add %a, %a : tensor<2xf32>
        hlo.return %next, %twice : tensor<i32>, tensor<2xf32>
      }
      return %bc, %0#1 : tensor<2x2xf32>, tensor<2xf32>
    })mlir",
      {f32({2}, {0.5f, 1}), HostTensor::fromI64(ElementType::I32, {}, {2})});
  ASSERT_EQ(b.size(), 2u);
  for (int64_t j = 0; j < 2; ++j) {
    double e = std::exp(j == 0 ? 0.5 : 1.0);
    double bound = 2.5 * unitInLastPlace(ElementType::F32, e);
    EXPECT_EQ(b[0].getAsDouble(j), bound);
    EXPECT_EQ(b[0].getAsDouble(2 + j), bound);
    // Two trips of a + a, each rounding operands that are not exact.
    double once = 2 * bound + unitInLastPlace(ElementType::F32, 2 * e);
    EXPECT_EQ(b[1].getAsDouble(j),
              2 * once + unitInLastPlace(ElementType::F32, 4 * e));
  }
}

// A loop whose condition compares a value that is not exact may run
// another number of trips natively: its results are unknown.
TEST_F(ErrorBoundsTest, InexactLoopConditionsLeaveResultsUnknown) {
  auto b = bounds(R"mlir(
    func.func @main(%x: tensor<f32>) -> tensor<f32> {
      %limit = hlo.constant dense<2.0> : tensor<f32>
      %e = hlo.exponential %x : tensor<f32>
      %0 = hlo.while(%a = %e) : tensor<f32>
        cond {
        %lt = hlo.compare LT, %a, %limit : (tensor<f32>, tensor<f32>) -> tensor<i1>
        hlo.return %lt : tensor<i1>
      } do {
        %twice = hlo.add %a, %a : tensor<f32>
        hlo.return %twice : tensor<f32>
      }
      return %0 : tensor<f32>
    })mlir",
                  // e^0 = 1 < 2 is certain; 2 < 2 is not.
                  {f32({}, {0})});
  EXPECT_EQ(values[0].getAsDouble(0), 2);
  EXPECT_EQ(b[0].getAsDouble(0), INFINITY);
}

} // namespace
} // namespace kiln
