//===- RowWindowShape.h - The sizes and choices of a row window -*- C++ -*-===//
//
// What the row window kernel (KernelEmitterRowWindow.cpp) reads off a
// depthwise convolution or pooling window on NCHW images before emitting
// it: the sizes, and the choices that the target's registers decide (the
// sums a group holds, whether width stride 2 pairs its taps, where each
// run of columns starts, which vectors read no column outside the input).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_ROWWINDOWSHAPE_H
#define KILN_PASSES_CODEGEN_ROWWINDOWSHAPE_H

#include "passes/codegen/TargetDescription.h"
#include "passes/codegen/TensorShapes.h"

#include "dialects/hlo/HloDialect.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace kiln {

/// The most tap loads the vectors at the ends of a row may unroll to (they
/// are emitted one by one, with constant masks); past it the loop kernel
/// computes the convolution.
constexpr int64_t kMaxBorderLoads = 2048;
/// The FMA chains summed side by side: each output vector's taps are one
/// chain of dependent FMAs, and an FMA's latency times the FMAs a core
/// issues per cycle (4 x 2 on Zen 3 and Zen 4) keeps its units busy. They
/// come from RowWindow::interleavedVectors() interior vectors of each of
/// several output rows, or from more rows where a row is one vector.
constexpr int64_t kInterleavedChains = 8;
/// Vector registers a group's sums leave for the loads and shuffles of a
/// tap, beside the sums and a convolution's weights (RowWindow::chains).
constexpr int64_t kTapRegisters = 3;
/// The fewest sums a group holds to stay within the registers; where even
/// these do not fit beside the weights, the weights spill whatever the
/// group, and it keeps kInterleavedChains.
constexpr int64_t kMinRegisterChains = 4;
/// The fewest f32 lanes (512-bit vectors) at which a tap with no partner
/// takes its columns from its neighbouring pair's run (RowWindow::
/// unpairedFromPair).
constexpr int64_t kUnpairedFromPairLanes = 16;

/// The sizes of a depthwise convolution or pooling window, NCHW.
struct RowWindow {
  int64_t images, features, height, width, outHeight, outWidth;
  int64_t kernelHeight, kernelWidth;
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int64_t top = 0, left = 0;
  /// Outputs per vector, and the loads of one tap (2 at width stride 2).
  int64_t lanes, loadsPerTap;
  /// The output vectors of a group: kInterleavedChains, or fewer where the
  /// registers hold no more (RowWindow::of).
  int64_t chains = kInterleavedChains;
  /// Whether a convolution at width stride 2 sums its taps in pairs
  /// (RowWindow::of): taps kw and kw + 1 read the even and the odd lanes of
  /// one run of two vectors from kw's column, so one FMA of each of the
  /// run's vectors with their weights side by side (w(kw) w(kw + 1) w(kw)
  /// ...) serves both taps, with no shuffle and one weight register for
  /// two. Each output is a pair of lanes of the sums, added once all taps
  /// are in. A tap with no partner (unpairedTap) is shuffled out of its run
  /// as without pairs, into a sum of its own.
  bool pairedTaps = false;

  RowWindow(hlo::ConvolutionOp conv, int64_t lanes) : lanes(lanes) {
    setImages(shapeOf(conv.getLhs()), shapeOf(conv.getResult()));
    llvm::ArrayRef<int64_t> kernel = shapeOf(conv.getRhs());
    llvm::ArrayRef<int64_t> kernelSpatial =
        conv.getDimensionNumbers().getKernelSpatialDimensions();
    kernelHeight = kernel[kernelSpatial[0]];
    kernelWidth = kernel[kernelSpatial[1]];
    // The window's attributes run over the spatial dims alone.
    setWindow(conv.getWindowStrides(), conv.getRhsDilation(), conv.getPadding(),
              /*rowDim=*/0);
  }

  RowWindow(hlo::ReduceWindowOp window, int64_t lanes) : lanes(lanes) {
    setImages(shapeOf(window.getInputs()[0]), shapeOf(window.getResult(0)));
    kernelHeight = window.getWindowDimensions()[2];
    kernelWidth = window.getWindowDimensions()[3];
    // The window's attributes run over all of the NCHW input's dims.
    setWindow(window.getWindowStrides(), window.getWindowDilations(),
              window.getPadding(), /*rowDim=*/2);
  }

  /// The strides, dilations and low padding of a window whose attributes
  /// hold the image's rows at `rowDim` and its columns at `rowDim + 1`
  /// (padding as [low, high] pairs); absent ones are 1 and 0.
  void setWindow(std::optional<llvm::ArrayRef<int64_t>> strides,
                 std::optional<llvm::ArrayRef<int64_t>> dilations,
                 std::optional<mlir::DenseIntElementsAttr> padding,
                 int64_t rowDim) {
    if (strides) {
      strideH = (*strides)[rowDim];
      strideW = (*strides)[rowDim + 1];
    }
    if (dilations) {
      dilationH = (*dilations)[rowDim];
      dilationW = (*dilations)[rowDim + 1];
    }
    if (padding) {
      llvm::SmallVector<int64_t> pairs(padding->getValues<int64_t>());
      top = pairs[2 * rowDim];
      left = pairs[2 * rowDim + 2];
    }
    loadsPerTap = strideW;
  }

  /// The NCHW sizes of the input and output images.
  void setImages(llvm::ArrayRef<int64_t> input,
                 llvm::ArrayRef<int64_t> output) {
    images = input[0];
    features = input[1];
    height = input[2];
    width = input[3];
    outHeight = output[2];
    outWidth = output[3];
  }

  static RowWindow of(mlir::Operation *op, const TargetDescription &target) {
    int64_t lanes = target.lanes(4);
    auto conv = llvm::dyn_cast<hlo::ConvolutionOp>(op);
    RowWindow shape =
        conv ? RowWindow(conv, lanes)
             : RowWindow(llvm::cast<hlo::ReduceWindowOp>(op), lanes);
    // At height stride 2 or more, where output rows share few tap rows,
    // the sums fit the registers beside a convolution's weights: AVX2's
    // 16 hold 4 sums and a 3x3 kernel's 9 weights, where 8 spilled.
    // MobileNetV2's depthwise 3x3 stride 2 in AVX2 code, 1 thread:
    // 96@112 0.134 -> 0.128 ms, 144@56 0.049 -> 0.044.
    int64_t room = target.vectorRegisters -
                   shape.kernelHeight * shape.kernelWidth - kTapRegisters;
    // Where the weights leave room for fewer than kInterleavedChains sums,
    // a width stride of 2 pairs the taps, which halves the weights, if then
    // the sums of one output vector fit. AVX2, 3x3: 2 output vectors (6
    // sums) beside 6 weights; 512 bits, 5x5: 4 beside 15. MobileNetV2's
    // depthwise 96@112 stride 2 in AVX2 code, 1 thread: 0.136-0.140 ->
    // 0.098-0.110 ms, with the pairs' runs aligned (unpairedTap).
    if (conv && shape.strideW == 2 && shape.dilationW == 1 &&
        shape.kernelWidth >= 2 && room < kInterleavedChains) {
      int64_t pairedRoom =
          target.vectorRegisters - shape.pairedWeightVectors() - kTapRegisters;
      int64_t sums = shape.pairedSumsPerVector();
      shape.pairedTaps = pairedRoom >= sums;
      if (shape.pairedTaps)
        shape.chains = std::min(pairedRoom / sums, kInterleavedChains);
    }
    if (!shape.pairedTaps && conv && shape.strideH > 1 &&
        room >= kMinRegisterChains)
      shape.chains = std::min(room, kInterleavedChains);
    return shape;
  }

  /// With paired taps, the weight vectors a group holds: one per pair of
  /// taps, and one for a last tap with no partner, per kernel row.
  int64_t pairedWeightVectors() const {
    return kernelHeight * ((kernelWidth + 1) / 2);
  }
  /// With paired taps, the sums of an output vector: the pairs' over the
  /// run's two vectors, and one for a tap with no partner.
  int64_t pairedSumsPerVector() const { return 2 + kernelWidth % 2; }
  /// With paired taps, the tap with no partner where the kernel is odd: the
  /// first or the last, so that the pairs' runs start at the column of the
  /// vector's first output times 2, which is aligned where the vector's is
  /// and the row's start is (the left padding's parity picks).
  std::optional<int64_t> unpairedTap() const {
    if (kernelWidth % 2 == 0)
      return std::nullopt;
    return left % 2 ? 0 : kernelWidth - 1;
  }

  /// Whether, with paired taps, an interior vector's tap with no partner
  /// takes its columns from the neighbouring pair's run (moved one output
  /// by a shuffle across 128-bit lanes, and the one column it lacks blended
  /// in) rather than from a run of its own (two loads, one across a line,
  /// and one in-lane shuffle). Three shuffles, one across lanes, where its
  /// own run takes one: a Zen 5 core, which shuffles across lanes fast, ran
  /// AVX2 code from the pair in 0.91 of the time (96@112), but AVX2 code
  /// runs on AVX2 cores: on Zen 3, MobileNetV2's depthwise stride 2 layers
  /// took 0.86-0.90 of the time with own runs (96@112 0.142 -> 0.128 ms,
  /// 144@56 0.063 -> 0.054, 32@112 0.047 -> 0.041, either padding's
  /// parity). 512-bit code (pairs for 5x5 kernels and wider) runs on cores
  /// like Zen 5's and keeps the pair's run.
  bool unpairedFromPair() const {
    return pairedTaps && lanes >= kUnpairedFromPairLanes;
  }

  int64_t numVectors() const { return (outWidth + lanes - 1) / lanes; }
  /// The vectors of a row summed together: two at height stride 1, so
  /// that four rows share most of their tap rows' loads; four past it,
  /// where two output rows share at most one tap row of three and four
  /// vectors of two rows are faster (MobileNetV2's depthwise 96@56 at
  /// stride 2: 0.115 -> 0.104 ms at 512 bits, 0.151 -> 0.127 at 256).
  /// With paired taps, whose sums take three registers each, one vector
  /// of each of `chains` rows, which share every other tap row (96@56 at
  /// stride 2 in AVX2 code: 0.119 -> 0.113 ms for two rows of one vector
  /// instead of one row of two).
  int64_t interleavedVectors() const {
    if (pairedTaps)
      return strideH > 1 ? 1 : std::min<int64_t>(2, chains);
    return strideH > 1 ? 4 : 2;
  }
  /// The output rows summed together: `chains` vectors (at least
  /// kMinRegisterChains, so a row's interleavedVectors() at least), counting
  /// interleavedVectors() per row, and no more rows than there are.
  int64_t rowsPerGroup() const {
    int64_t perRow = std::min(numVectors(), interleavedVectors());
    return std::min(outHeight, std::max<int64_t>(chains / perRow, 1));
  }
  /// Where the run of loadsPerTap vectors that tap `kw` reads starts, from
  /// column ow0 * strideW - left of the vector at ow0. At width stride 2 a
  /// run serves two taps: the one at its start (its even lanes) and the one
  /// just after it (its odd lanes). Runs start at columns 2 * ow0 plus an
  /// even number, so that one starts at 2 * ow0 itself, aligned where the
  /// row's start and the vector are (MobileNetV2's depthwise 96@112 stride 2
  /// at 512 bits, 8 channels in L2: 7.45 -> 6.39 us a call).
  int64_t runOffset(int64_t kw) const {
    int64_t offset = kw * dilationW;
    if (strideW != 2)
      return offset;
    return offset - ((offset - left) % 2 + 2) % 2;
  }
  /// The first input column of the run at `offset` of the vector at `ow0`.
  int64_t firstColumn(int64_t ow0, int64_t offset) const {
    return ow0 * strideW + offset - left;
  }
  /// Whether the vector at `ow0` is whole and reads no column outside the
  /// input.
  bool isInterior(int64_t ow0) const {
    if (ow0 + lanes > outWidth)
      return false;
    for (int64_t kw = 0; kw < kernelWidth; ++kw) {
      int64_t first = firstColumn(ow0, runOffset(kw));
      if (first < 0 || first + loadsPerTap * lanes > width)
        return false;
    }
    return true;
  }
  /// Whether some tap row of some output row lies outside the input.
  bool mayLeaveRows() const {
    return top > 0 ||
           (outHeight - 1) * strideH + (kernelHeight - 1) * dilationH - top >=
               height;
  }
  /// The interior vectors [begin, end): those between them are interior
  /// too, as a tap's columns move right with the vector.
  std::pair<int64_t, int64_t> interior() const {
    int64_t begin = 0, n = numVectors();
    while (begin < n && !isInterior(begin * lanes))
      ++begin;
    int64_t end = begin;
    while (end < n && isInterior(end * lanes))
      ++end;
    return {begin, end};
  }
};

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_ROWWINDOWSHAPE_H
