//===- TiledMatmulTest.cpp - The tiled matmul against two references ------===//
//
// Matrix products that take the tiled structure (KernelEmitterTiled.cpp),
// on odd sizes that leave partial tiles, panels and contracting slices, for
// every vector width this host can run, at 1, 2 and 3 threads, with a
// single row (the dot-row structure, its columns in several task chunks,
// and the loop structure) for comparison. Each sum is
// checked against a float64 product within Higham's bound
// (NumericsCompare.h), and every result against the reference interpreter,
// which sums in the same order with the same FMAs: bit for bit wherever the
// kernel keeps that order.
//
//===----------------------------------------------------------------------===//

#include "compiler/Registration.h"
#include "test/support/CompileText.h"
#include "test/support/DenseLiteral.h"
#include "test/support/DifferentialCheck.h"
#include "test/support/HostVectorWidths.h"
#include "test/support/NumericsCompare.h"
#include "test/support/ReferenceRun.h"
#include "test/support/TensorTypeText.h"

#include "tools/common/RandomTensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace {

using kiln::HostTensor;

/// How the graph's operands are laid out and what follows the product.
enum class Variant {
  Plain,         // [M, K] x [K, N]
  RhsTransposed, // [M, K] x [N, K], contracted along the rhs's last dim
  Batched,       // [3, M, K] x [3, K, N]
  BiasRelu,      // [M, K] x [K, N] + bias[N], then max(0, .); both returned
  Twice,         // [M, K] x [K, N], returned twice
  // The rhs a constant of the graph, packed while compiling:
  ConstantTransposed, // [M, K] x constant [N, K], along the rhs's last dim
  ConstantBatched,    // [3, M, K] x constant [3, K, N]
};

/// The layout a constant variant's product reads its rhs in.
Variant layoutOf(Variant variant) {
  switch (variant) {
  case Variant::ConstantTransposed:
    return Variant::RhsTransposed;
  case Variant::ConstantBatched:
    return Variant::Batched;
  default:
    return variant;
  }
}

bool hasConstantRhs(Variant variant) { return layoutOf(variant) != variant; }

const char *variantName(Variant variant) {
  switch (variant) {
  case Variant::Plain:
    return "plain";
  case Variant::RhsTransposed:
    return "rhs_transposed";
  case Variant::Batched:
    return "batched";
  case Variant::BiasRelu:
    return "bias_relu";
  case Variant::Twice:
    return "twice";
  case Variant::ConstantTransposed:
    return "constant_transposed";
  case Variant::ConstantBatched:
    return "constant_batched";
  }
  return "";
}

struct Shape {
  int64_t m, k, n;
};

void PrintTo(Variant variant, std::ostream *os) { *os << variantName(variant); }
void PrintTo(const Shape &s, std::ostream *os) {
  *os << s.m << "x" << s.k << "x" << s.n;
}

using kiln::testing::tensorType;

/// A constant variant's rhs: what the lhs would be drawn as input 1.
HostTensor constantRhs(Variant variant, Shape s) {
  std::vector<int64_t> shape = variant == Variant::ConstantBatched
                                   ? std::vector<int64_t>{3, s.k, s.n}
                                   : std::vector<int64_t>{s.n, s.k};
  return kiln::randomTensor(kiln::ElementType::F32, shape, 11, 1);
}

std::string graphText(Variant variant, Shape s) {
  std::ostringstream os;
  std::string out = tensorType({s.m, s.n});
  switch (variant) {
  case Variant::ConstantTransposed: {
    std::string b = tensorType({s.n, s.k});
    os << "func.func @main(%a: " << tensorType({s.m, s.k}) << ") -> " << out
       << " {\n  %b = hlo.constant "
       << kiln::testing::denseHexLiteral(constantRhs(variant, s)) << " : " << b
       << "\n"
       << "  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [1] : ("
       << tensorType({s.m, s.k}) << ", " << b << ") -> " << out
       << "\n  return %0 : " << out << "\n}";
    break;
  }
  case Variant::ConstantBatched: {
    std::string b = tensorType({3, s.k, s.n}),
                batchedOut = tensorType({3, s.m, s.n});
    os << "func.func @main(%a: " << tensorType({3, s.m, s.k}) << ") -> "
       << batchedOut << " {\n  %b = hlo.constant "
       << kiln::testing::denseHexLiteral(constantRhs(variant, s)) << " : " << b
       << "\n"
       << "  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [0], "
       << "contracting_dims = [2] x [1] : (" << tensorType({3, s.m, s.k})
       << ", " << b << ") -> " << batchedOut << "\n  return %0 : " << batchedOut
       << "\n}";
    break;
  }
  case Variant::Plain:
    os << "func.func @main(%a: " << tensorType({s.m, s.k})
       << ", %b: " << tensorType({s.k, s.n}) << ") -> " << out << " {\n"
       << "  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : ("
       << tensorType({s.m, s.k}) << ", " << tensorType({s.k, s.n}) << ") -> "
       << out << "\n  return %0 : " << out << "\n}";
    break;
  case Variant::RhsTransposed:
    os << "func.func @main(%a: " << tensorType({s.m, s.k})
       << ", %b: " << tensorType({s.n, s.k}) << ") -> " << out << " {\n"
       << "  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [1] : ("
       << tensorType({s.m, s.k}) << ", " << tensorType({s.n, s.k}) << ") -> "
       << out << "\n  return %0 : " << out << "\n}";
    break;
  case Variant::Batched: {
    std::string batchedOut = tensorType({3, s.m, s.n});
    os << "func.func @main(%a: " << tensorType({3, s.m, s.k})
       << ", %b: " << tensorType({3, s.k, s.n}) << ") -> " << batchedOut
       << " {\n"
       << "  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [0], "
       << "contracting_dims = [2] x [1] : (" << tensorType({3, s.m, s.k})
       << ", " << tensorType({3, s.k, s.n}) << ") -> " << batchedOut
       << "\n  return %0 : " << batchedOut << "\n}";
    break;
  }
  case Variant::Twice:
    os << "func.func @main(%a: " << tensorType({s.m, s.k})
       << ", %b: " << tensorType({s.k, s.n}) << ") -> (" << out << ", " << out
       << ") {\n"
       << "  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : ("
       << tensorType({s.m, s.k}) << ", " << tensorType({s.k, s.n}) << ") -> "
       << out << "\n  return %0, %0 : " << out << ", " << out << "\n}";
    break;
  case Variant::BiasRelu:
    os << "func.func @main(%a: " << tensorType({s.m, s.k})
       << ", %b: " << tensorType({s.k, s.n}) << ", %c: " << tensorType({s.n})
       << ") -> (" << out << ", " << out << ") {\n"
       << "  %zero = hlo.constant dense<0.0> : " << out << "\n"
       << "  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : ("
       << tensorType({s.m, s.k}) << ", " << tensorType({s.k, s.n}) << ") -> "
       << out << "\n  %1 = hlo.broadcast_in_dim %c, dims = [1] : ("
       << tensorType({s.n}) << ") -> " << out << "\n"
       << "  %2 = hlo.add %0, %1 : " << out << "\n"
       << "  %3 = hlo.maximum %2, %zero : " << out << "\n"
       << "  return %2, %3 : " << out << ", " << out << "\n}";
    break;
  }
  return os.str();
}

/// The product in float64 and Higham's bound for each element, from the
/// graph's inputs: a [M, K] or [N, K] rhs as the variant says, batch 3 when
/// batched. The bias (exact in double) adds one f32 rounding of the sum.
struct Oracle {
  std::vector<double> product, bound;
};

Oracle float64Product(Variant variant, Shape s,
                      const std::vector<HostTensor> &inputs) {
  if (hasConstantRhs(variant))
    return float64Product(layoutOf(variant), s,
                          {inputs[0], constantRhs(variant, s)});
  int64_t batch = variant == Variant::Batched ? 3 : 1;
  Oracle oracle;
  const float *a = inputs[0].dataAs<float>();
  const float *b = inputs[1].dataAs<float>();
  for (int64_t p = 0; p < batch; ++p)
    for (int64_t i = 0; i < s.m; ++i)
      for (int64_t j = 0; j < s.n; ++j) {
        double sum = 0, sumAbs = 0;
        for (int64_t k = 0; k < s.k; ++k) {
          double x = a[(p * s.m + i) * s.k + k];
          double y = variant == Variant::RhsTransposed
                         ? b[j * s.k + k]
                         : b[(p * s.k + k) * s.n + j];
          sum += x * y;
          sumAbs += std::fabs(x * y);
        }
        double bound = kiln::testing::contractionErrorBound(s.k, sumAbs);
        if (variant == Variant::BiasRelu) {
          sum += inputs[2].dataAs<float>()[j];
          bound += std::fabs(sum) * 0x1p-24 + bound * 0x1p-24;
        }
        oracle.product.push_back(sum);
        oracle.bound.push_back(bound);
      }
  return oracle;
}

/// Whether the kernel sums each element in increasing k with one FMA per
/// step, as the interpreter does: all but a single row against a transposed
/// rhs, which the loop structure reassociates into vector partial sums.
bool keepsSummationOrder(Variant variant, Shape s) {
  return !(layoutOf(variant) == Variant::RhsTransposed && s.m == 1);
}

class TiledMatmul
    : public ::testing::TestWithParam<std::tuple<Variant, Shape>> {};

TEST_P(TiledMatmul, MatchesInterpreterAndFloat64) {
  Variant variant = std::get<0>(GetParam());
  Shape shape = std::get<1>(GetParam());
  std::string text = graphText(variant, shape);
  mlir::MLIRContext context;
  auto run = kiln::testing::interpretRandomInputs(context, text, 11);
  ASSERT_TRUE(run);
  const std::vector<HostTensor> &inputs = run->inputs;
  const std::vector<HostTensor> &reference = run->results;
  Oracle oracle = float64Product(variant, shape, inputs);
  const HostTensor &sum = reference[0];
  for (int64_t i = 0; i < sum.numElements(); ++i)
    ASSERT_LE(std::fabs(sum.getAsDouble(i) - oracle.product[i]),
              oracle.bound[i])
        << "interpreter vs float64 at element " << i;

  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, inputs, [&](const std::vector<HostTensor> &native) {
        ASSERT_EQ(native.size(), reference.size());
        const HostTensor &nativeSum = native[0];
        for (int64_t i = 0; i < nativeSum.numElements(); ++i)
          ASSERT_LE(std::fabs(nativeSum.getAsDouble(i) - oracle.product[i]),
                    oracle.bound[i])
              << "native vs float64 at element " << i;
        if (keepsSummationOrder(variant, shape))
          for (size_t r = 0; r < native.size(); ++r)
            EXPECT_TRUE(kiln::testing::sameBits(native[r], reference[r]))
                << "result " << r << ": "
                << kiln::testing::compareTensors(native[r], reference[r],
                                                 kiln::testing::sameValue);
      });
}

/// A product whose one result is an epilogue the micro-kernels apply in
/// registers (TiledEpilogue.h): a bias per column and one per row (on the
/// left), a scale (on the left), a residual subtracted, clamped to [0, 6]
/// and a maximum with a splat. Each op is elementwise after the sums,
/// which keep the interpreter's order: bit for bit the interpreter's.
std::string registerEpilogueText(Shape s) {
  std::string out = tensorType({s.m, s.n});
  std::ostringstream os;
  os << "func.func @main(%a: " << tensorType({s.m, s.k})
     << ", %b: " << tensorType({s.k, s.n}) << ", %bias: " << tensorType({s.n})
     << ", %rowBias: " << tensorType({s.m}) << ", %residual: " << out << ") -> "
     << out << " {\n"
     << "  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : ("
     << tensorType({s.m, s.k}) << ", " << tensorType({s.k, s.n}) << ") -> "
     << out << "\n  %c = hlo.broadcast_in_dim %bias, dims = [1] : ("
     << tensorType({s.n}) << ") -> " << out << "\n"
     << "  %r = hlo.broadcast_in_dim %rowBias, dims = [0] : ("
     << tensorType({s.m}) << ") -> " << out << "\n"
     << "  %half = hlo.constant dense<0.5> : " << out << "\n"
     << "  %lo = hlo.constant dense<0.0> : tensor<f32>\n"
     << "  %hi = hlo.constant dense<6.0> : tensor<f32>\n"
     << "  %floor = hlo.constant dense<0.25> : " << out << "\n"
     << "  %1 = hlo.add %0, %c : " << out << "\n"
     << "  %2 = hlo.add %r, %1 : " << out << "\n"
     << "  %3 = hlo.multiply %half, %2 : " << out << "\n"
     << "  %4 = hlo.subtract %3, %residual : " << out << "\n"
     << "  %5 = hlo.clamp %lo, %4, %hi : (tensor<f32>, " << out
     << ", tensor<f32>) -> " << out << "\n"
     << "  %6 = hlo.maximum %floor, %5 : " << out << "\n"
     << "  return %6 : " << out << "\n}";
  return os.str();
}

class TiledMatmulRegisterEpilogue : public ::testing::TestWithParam<Shape> {};

TEST_P(TiledMatmulRegisterEpilogue, MatchesInterpreterBitForBit) {
  std::string text = registerEpilogueText(GetParam());
  mlir::MLIRContext context;
  auto run = kiln::testing::interpretRandomInputs(context, text, 13);
  ASSERT_TRUE(run);
  const std::vector<HostTensor> &inputs = run->inputs;
  const std::vector<HostTensor> &reference = run->results;
  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, inputs, [&](const std::vector<HostTensor> &native) {
        EXPECT_TRUE(kiln::testing::sameBits(native[0], reference[0]))
            << kiln::testing::compareTensors(native[0], reference[0],
                                             kiln::testing::sameValue);
      });
}

/// A product with a bias per column, exact GELU (x * 0.5 * (1 + erf(x /
/// sqrt 2)), where x feeds two ops), then tanh, abs, negate, exp and sqrt:
/// all in registers (TiledEpilogue.h), erf, tanh and exp through
/// kiln-expand-math's polynomials, whose f32 results are not the
/// interpreter's correctly rounded ones. So the graph is checked as the
/// differential test checks random graphs: fused and unfused (where the
/// activations are a kernel of their own) within the interpreter's error
/// bounds, and the fused results bit for bit across thread counts and
/// with the weights kept.
std::string activationEpilogueText(Shape s) {
  std::string out = tensorType({s.m, s.n});
  std::ostringstream os;
  os << "func.func @main(%a: " << tensorType({s.m, s.k})
     << ", %b: " << tensorType({s.k, s.n}) << ", %bias: " << tensorType({s.n})
     << ") -> " << out << " {\n"
     << "  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : ("
     << tensorType({s.m, s.k}) << ", " << tensorType({s.k, s.n}) << ") -> "
     << out << "\n  %c = hlo.broadcast_in_dim %bias, dims = [1] : ("
     << tensorType({s.n}) << ") -> " << out << "\n"
     << "  %sqrt2 = hlo.constant dense<1.41421354> : " << out << "\n"
     << "  %half = hlo.constant dense<0.5> : " << out << "\n"
     << "  %one = hlo.constant dense<1.0> : " << out << "\n"
     << "  %x = hlo.add %0, %c : " << out << "\n"
     << "  %1 = hlo.divide %x, %sqrt2 : " << out << "\n"
     << "  %2 = hlo.erf %1 : " << out << "\n"
     << "  %3 = hlo.add %2, %one : " << out << "\n"
     << "  %4 = hlo.multiply %x, %half : " << out << "\n"
     << "  %5 = hlo.multiply %4, %3 : " << out << "\n"
     << "  %6 = hlo.tanh %5 : " << out << "\n"
     << "  %7 = hlo.abs %6 : " << out << "\n"
     << "  %8 = hlo.negate %7 : " << out << "\n"
     << "  %9 = hlo.exponential %8 : " << out << "\n"
     << "  %10 = hlo.sqrt %9 : " << out << "\n"
     << "  return %10 : " << out << "\n}";
  return os.str();
}

class TiledMatmulActivationEpilogue : public ::testing::TestWithParam<Shape> {};

TEST_P(TiledMatmulActivationEpilogue, FusedUnfusedAndReferenceAgree) {
  mlir::MLIRContext context;
  kiln::loadKilnDialects(context);
  auto module =
      kiln::parseGraphString(activationEpilogueText(GetParam()), context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error error = kiln::checkGraphDifferentially(**module, 17);
  EXPECT_FALSE(bool(error)) << llvm::toString(std::move(error));
}

const Shape kShapes[] = {
    {2, 1, 1},      {7, 33, 1},    {5, 3, 2},   {33, 7, 1000},   {1000, 31, 37},
    {13, 1000, 17}, {67, 129, 95}, {1, 64, 40}, {1, 1001, 1300},
};

/// "MxKxN".
std::string shapeName(Shape s) {
  return std::to_string(s.m) + "x" + std::to_string(s.k) + "x" +
         std::to_string(s.n);
}

std::string
testName(const ::testing::TestParamInfo<std::tuple<Variant, Shape>> &info) {
  auto [variant, s] = info.param;
  return std::string(variantName(variant)) + "_" + shapeName(s);
}

std::string shapeTestName(const ::testing::TestParamInfo<Shape> &info) {
  return shapeName(info.param);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, TiledMatmul,
    ::testing::Combine(::testing::Values(Variant::Plain, Variant::RhsTransposed,
                                         Variant::Batched, Variant::BiasRelu,
                                         Variant::ConstantTransposed,
                                         Variant::ConstantBatched,
                                         Variant::Twice),
                       ::testing::ValuesIn(kShapes)),
    testName);

INSTANTIATE_TEST_SUITE_P(Shapes, TiledMatmulActivationEpilogue,
                         ::testing::ValuesIn(kShapes), shapeTestName);

INSTANTIATE_TEST_SUITE_P(Shapes, TiledMatmulRegisterEpilogue,
                         ::testing::ValuesIn(kShapes), shapeTestName);

} // namespace
