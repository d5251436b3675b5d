//===- TiledConvolutionCheck.h - A case against its oracles ----*- C++ -*-===//
//
// Included by TiledConvolutionTest.cpp and
// TiledConvolutionChannelsLastTest.cpp (each its own test binary): the
// float64 convolution with Higham's bound per element, and the check of a
// case against it and against the reference interpreter.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_UNIT_TILEDCONVOLUTIONCHECK_H
#define KILN_TEST_UNIT_TILEDCONVOLUTIONCHECK_H

#include "test/unit/ConvolutionTesting.h"

#include "test/support/HostVectorWidths.h"
#include "test/support/NumericsCompare.h"
#include "test/support/ReferenceRun.h"

#include <gtest/gtest.h>

#include <cmath>

namespace kiln::testing {

/// Row-major offset of `index` in `shape`.
inline int64_t offsetOf(const std::vector<int64_t> &shape,
                        const std::vector<int64_t> &index) {
  int64_t offset = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    offset = offset * shape[d] + index[d];
  return offset;
}

/// The convolution in float64 with Higham's bound per element, before any
/// epilogue (which the caller checks through the interpreter).
struct Oracle {
  std::vector<double> value, bound;
};

inline Oracle float64Convolution(const ConvCase &c, const HostTensor &input,
                                 const HostTensor &kernel) {
  std::vector<int64_t> in = inputShape(c), ker = kernelShape(c),
                       res = resultShape(c), out = outputSize(c);
  size_t spatial = c.size.size();
  int64_t taps = 1;
  for (int64_t w : c.window)
    taps *= w;
  Oracle oracle;
  oracle.value.resize(HostTensor(kiln::ElementType::F32, res).numElements());
  oracle.bound.resize(oracle.value.size());
  int64_t positions = 1;
  for (int64_t s : out)
    positions *= s;
  std::vector<int64_t> position(spatial), tap(spatial);
  for (int64_t b = 0; b < c.batch; ++b)
    for (int64_t o = 0; o < c.outFeatures; ++o)
      for (int64_t flat = 0; flat < positions; ++flat) {
        for (int64_t d = spatial, rest = flat; d-- > 0; rest /= out[d])
          position[d] = rest % out[d];
        double sum = 0, sumAbs = 0;
        for (int64_t t = 0; t < taps; ++t) {
          for (int64_t d = spatial, rest = t; d-- > 0; rest /= c.window[d])
            tap[d] = rest % c.window[d];
          std::vector<int64_t> at(spatial);
          bool inside = true;
          for (size_t d = 0; d < spatial; ++d) {
            at[d] =
                position[d] * c.stride[d] + tap[d] * c.dilation[d] - c.pad[d];
            inside &= at[d] >= 0 && at[d] < c.size[d];
          }
          if (!inside)
            continue;
          // Output feature o sums its group's input features.
          int64_t groupFeatures = c.inFeatures / c.groups;
          int64_t firstFeature = o / (c.outFeatures / c.groups) * groupFeatures;
          for (int64_t i = 0; i < groupFeatures; ++i) {
            std::vector<int64_t> inIndex = {b}, kerIndex;
            if (!c.channelsLast)
              inIndex.push_back(firstFeature + i);
            inIndex.insert(inIndex.end(), at.begin(), at.end());
            if (c.channelsLast) {
              inIndex.push_back(firstFeature + i);
              kerIndex = tap;
              kerIndex.push_back(i);
              kerIndex.push_back(o);
            } else {
              kerIndex = {o, i};
              kerIndex.insert(kerIndex.end(), tap.begin(), tap.end());
            }
            double product =
                double(input.dataAs<float>()[offsetOf(in, inIndex)]) *
                kernel.dataAs<float>()[offsetOf(ker, kerIndex)];
            sum += product;
            sumAbs += std::fabs(product);
          }
        }
        std::vector<int64_t> resIndex = {b};
        if (!c.channelsLast)
          resIndex.push_back(o);
        resIndex.insert(resIndex.end(), position.begin(), position.end());
        if (c.channelsLast)
          resIndex.push_back(o);
        int64_t r = offsetOf(res, resIndex);
        oracle.value[r] = sum;
        oracle.bound[r] = kiln::testing::contractionErrorBound(
            taps * c.inFeatures / c.groups, sumAbs);
      }
  return oracle;
}

/// Checks case `c` against a float64 convolution within Higham's bound
/// (without an epilogue, which the interpreter checks instead) and bit for
/// bit against the reference interpreter, for every vector width this host
/// runs and at 1, 2 and 3 threads.
inline void expectMatchesInterpreterAndFloat64(const ConvCase &c) {
  std::string text = graphText(c);
  mlir::MLIRContext context;
  auto run = kiln::testing::interpretRandomInputs(context, text, 5);
  ASSERT_TRUE(run);
  const std::vector<HostTensor> &inputs = run->inputs;
  const std::vector<HostTensor> &reference = run->results;

  Oracle oracle = float64Convolution(
      c, inputs[0], c.constantKernel ? constantKernel(c) : inputs[1]);
  // Without the epilogue, the result itself is the sum.
  if (c.epilogue == Epilogue::None)
    for (size_t i = 0; i < oracle.value.size(); ++i)
      ASSERT_LE(std::fabs(reference[0].getAsDouble(i) - oracle.value[i]),
                oracle.bound[i])
          << "interpreter vs float64 at element " << i;

  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, inputs, [&](const std::vector<HostTensor> &native) {
        const HostTensor &result = native[0];
        if (c.epilogue == Epilogue::None)
          for (size_t i = 0; i < oracle.value.size(); ++i)
            ASSERT_LE(std::fabs(result.getAsDouble(i) - oracle.value[i]),
                      oracle.bound[i])
                << "native vs float64 at element " << i;
        EXPECT_TRUE(kiln::testing::sameBits(result, reference[0]))
            << kiln::testing::compareTensors(result, reference[0],
                                             kiln::testing::sameValue);
      });
}

} // namespace kiln::testing

#endif // KILN_TEST_UNIT_TILEDCONVOLUTIONCHECK_H
