//===- DifferentialTest.cpp - Random graphs: fused, unfused, reference ---===//
//
// A fixed set of 200 seeds of the randomized differential test: each seed's
// graph (compiler/RandomGraph.h) compiled with and without fusion must match
// the reference interpreter and itself within Kiln's tolerance. A failing
// case prints its seed; `kiln-difftest --seed S --print` prints the graph.
// kiln-difftest sweeps any number of seeds.
//
//===----------------------------------------------------------------------===//

#include "compiler/Registration.h"
#include "runtime/HostTensor.h"
#include "test/support/DifferentialCheck.h"
#include "test/support/NumericsCompare.h"
#include "test/support/RandomGraph.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Operation.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>

namespace {

class DifferentialTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(DifferentialTest, FusedUnfusedAndReferenceAgree) {
  uint64_t seed = GetParam();
  mlir::MLIRContext context;
  kiln::loadKilnDialects(context);
  auto module = kiln::generateRandomGraph(context, seed);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error error = kiln::checkGraphDifferentially(**module, seed);
  EXPECT_FALSE(bool(error))
      << "seed " << seed << ": " << llvm::toString(std::move(error))
      << "\nreplay: kiln-difftest --seed " << seed << " --print";
}

INSTANTIATE_TEST_SUITE_P(Seeds, DifferentialTest,
                         ::testing::Range<uint64_t>(0, 200));

/// The generator is a pure function of the seed, so a printed seed replays.
TEST(RandomGraphTest, SameSeedSameGraph) {
  mlir::MLIRContext context;
  kiln::loadKilnDialects(context);
  for (uint64_t seed : {0, 7, 123456789}) {
    auto a = kiln::generateRandomGraph(context, seed);
    auto b = kiln::generateRandomGraph(context, seed);
    ASSERT_TRUE(bool(a)) << llvm::toString(a.takeError());
    ASSERT_TRUE(bool(b)) << llvm::toString(b.takeError());
    std::string textA, textB;
    llvm::raw_string_ostream(textA) << **a;
    llvm::raw_string_ostream(textB) << **b;
    EXPECT_EQ(textA, textB);
  }
}

/// Across the ctest seeds the generator reaches every op family it promises
/// (so a change that silently stops making dots or reductions shows here).
TEST(RandomGraphTest, CoversTheOpFamilies) {
  mlir::MLIRContext context;
  kiln::loadKilnDialects(context);
  std::set<std::string> seen;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    auto module = kiln::generateRandomGraph(context, seed);
    ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
    (*module)->walk([&](mlir::Operation *op) {
      seen.insert(op->getName().getStringRef().str());
    });
  }
  for (const char *name :
       {"hlo.add", "hlo.multiply", "hlo.divide", "hlo.exponential", "hlo.log",
        "hlo.broadcast_in_dim", "hlo.reshape", "hlo.transpose", "hlo.slice",
        "hlo.concatenate", "hlo.pad", "hlo.reduce", "hlo.dot_general",
        "hlo.compare", "hlo.select", "hlo.convert", "hlo.remainder",
        "hlo.power", "hlo.clamp"})
    EXPECT_TRUE(seen.count(name)) << name << " never generated";
}

/// The comparison rule itself, on hand-picked values.
TEST(RandomGraphTest, MismatchRule) {
  kiln::HostTensor expected(kiln::ElementType::F32, {2, 2});
  kiln::HostTensor actual(kiln::ElementType::F32, {2, 2});
  float nan = std::numeric_limits<float>::quiet_NaN();
  float e[] = {1000.0f, 0.0f, nan, -2.0f};
  // Inside: 0.0099 <= 1e-6 + 1e-5 * 1000; 9e-7 <= 1e-6; NaN matches NaN.
  float a[] = {1000.0099f, 9e-7f, nan, -2.0f};
  for (int i = 0; i < 4; ++i) {
    expected.dataAs<float>()[i] = e[i];
    actual.dataAs<float>()[i] = a[i];
  }
  EXPECT_EQ(kiln::describeMismatch(actual, expected), "");
  actual.dataAs<float>()[3] = -2.0001f; // 1e-4 > 1e-6 + 2e-5
  EXPECT_EQ(kiln::describeMismatch(actual, expected),
            "element 3 [1, 1]: -2.0000999 vs -2");
  actual.dataAs<float>()[3] = -2.0f;
  actual.dataAs<float>()[2] = 0.0f; // NaN only matches NaN.
  EXPECT_NE(kiln::describeMismatch(actual, expected), "");
  actual.dataAs<float>()[2] = nan;

  // An infinity only matches the same infinity (the relative term of the
  // tolerance must not accept a finite value or the opposite infinity).
  float inf = std::numeric_limits<float>::infinity();
  expected.dataAs<float>()[0] = inf;
  actual.dataAs<float>()[0] = inf;
  EXPECT_EQ(kiln::describeMismatch(actual, expected), "");
  actual.dataAs<float>()[0] = 3.4e38f;
  EXPECT_NE(kiln::describeMismatch(actual, expected), "");
  actual.dataAs<float>()[0] = -inf;
  EXPECT_NE(kiln::describeMismatch(actual, expected), "");
  EXPECT_FALSE(kiln::testing::withinTolerance(1.0, -INFINITY));

  kiln::HostTensor ints(kiln::ElementType::I32, {3});
  kiln::HostTensor otherInts(kiln::ElementType::I32, {3});
  otherInts.dataAs<int32_t>()[1] = 1; // Integers must match exactly.
  EXPECT_EQ(kiln::describeMismatch(otherInts, ints), "element 1 [1]: 1 vs 0");
}

} // namespace
