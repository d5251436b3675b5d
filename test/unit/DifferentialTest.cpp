//===- DifferentialTest.cpp - Random graphs: fused, unfused, reference ---===//
//
// A fixed set of 200 seeds of the randomized differential test: each seed's
// graph (compiler/RandomGraph.h) compiled with and without fusion must match
// the reference interpreter within its error bounds
// (compiler/reference/ErrorBounds.h). A failing
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

#include <algorithm>
#include <cstdio>
#include <limits>
#include <set>
#include <string>

namespace {

/// What the seeds compared, over the whole run.
kiln::DifferentialCounts totals;
int graphsChecked = 0;

/// Most output elements must be checked against a finite bound: a bound
/// rule that gave up (infinite bounds) would pass anything. The generator
/// gives discontinuous ops exact operands, so only a few elements (a
/// compare of two sums whose intervals meet, ...) may stay unchecked.
class CheckedShare : public ::testing::Environment {
  void TearDown() override {
    if (graphsChecked < 100)
      return;
    double share = static_cast<double>(totals.unchecked) /
                   static_cast<double>(std::max<int64_t>(1, totals.elements));
    std::printf("error bounds: %lld of %lld output elements unchecked "
                "(%.3f%%) over %d graphs\n",
                static_cast<long long>(totals.unchecked),
                static_cast<long long>(totals.elements), 100 * share,
                graphsChecked);
    EXPECT_LE(share, kMaxUncheckedShare);
  }

public:
  static constexpr double kMaxUncheckedShare = 0.01;
};
const auto *const checkedShare =
    ::testing::AddGlobalTestEnvironment(new CheckedShare);

class DifferentialTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(DifferentialTest, FusedUnfusedAndReferenceAgree) {
  uint64_t seed = GetParam();
  mlir::MLIRContext context;
  kiln::loadKilnDialects(context);
  auto module = kiln::generateRandomGraph(context, seed);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error error = kiln::checkGraphDifferentially(**module, seed, &totals);
  ++graphsChecked;
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

/// The comparison with error bounds, on hand-picked values.
TEST(RandomGraphTest, MismatchRule) {
  using kiln::testing::compareWithinBounds;
  kiln::HostTensor expected(kiln::ElementType::F32, {2, 2});
  kiln::HostTensor actual(kiln::ElementType::F32, {2, 2});
  kiln::HostTensor bounds(kiln::ElementType::F64, {2, 2});
  float nan = std::numeric_limits<float>::quiet_NaN();
  float inf = std::numeric_limits<float>::infinity();
  float e[] = {1000.0f, 0.0f, nan, -2.0f};
  float a[] = {1000.0625f, 0.0f, nan, -2.0f};
  double b[] = {0.0625, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    expected.dataAs<float>()[i] = e[i];
    actual.dataAs<float>()[i] = a[i];
    bounds.dataAs<double>()[i] = b[i];
  }
  // Within the bound (equal to it), the same value, NaN with NaN.
  EXPECT_EQ(compareWithinBounds(actual, expected, bounds), "");
  actual.dataAs<float>()[0] = 1000.125f;
  EXPECT_EQ(compareWithinBounds(actual, expected, bounds),
            "element 0 [0, 0]: 1000.125 vs 1000 (bound 0.0625)");
  actual.dataAs<float>()[0] = 1000.0f;
  // A zero bound asks for the value: one ulp off fails.
  actual.dataAs<float>()[3] = std::nextafter(-2.0f, 0.0f);
  EXPECT_EQ(compareWithinBounds(actual, expected, bounds),
            "element 3 [1, 1]: -1.99999988 vs -2");
  actual.dataAs<float>()[3] = -2.0f;
  actual.dataAs<float>()[2] = 0.0f; // NaN only matches NaN.
  EXPECT_NE(compareWithinBounds(actual, expected, bounds), "");
  actual.dataAs<float>()[2] = nan;

  // An infinity only matches the same infinity, whatever the finite bound.
  expected.dataAs<float>()[0] = inf;
  actual.dataAs<float>()[0] = inf;
  EXPECT_EQ(compareWithinBounds(actual, expected, bounds), "");
  bounds.dataAs<double>()[0] = 1e300;
  actual.dataAs<float>()[0] = 3.4e38f;
  EXPECT_NE(compareWithinBounds(actual, expected, bounds), "");
  actual.dataAs<float>()[0] = -inf;
  EXPECT_NE(compareWithinBounds(actual, expected, bounds), "");
  // An infinite bound accepts anything, and is counted.
  bounds.dataAs<double>()[0] = INFINITY;
  int64_t unchecked = 0;
  EXPECT_EQ(compareWithinBounds(actual, expected, bounds, &unchecked), "");
  EXPECT_EQ(unchecked, 1);

  kiln::HostTensor ints(kiln::ElementType::I32, {3});
  kiln::HostTensor otherInts(kiln::ElementType::I32, {3});
  kiln::HostTensor intBounds(kiln::ElementType::F64, {3});
  otherInts.dataAs<int32_t>()[1] = 1; // Integers must match exactly.
  EXPECT_EQ(compareWithinBounds(otherInts, ints, intBounds),
            "element 1 [1]: 1 vs 0");
}

} // namespace
