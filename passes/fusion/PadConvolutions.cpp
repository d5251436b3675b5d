//===- PadConvolutions.cpp - Convolution padding as an explicit pad -------===//
//
// A convolution that pads its input gets the padding as an `hlo.pad` of
// its input instead: `convolution(pad(x, 0), ..., pad = 0)`, the same
// values. Its kernel then reads the input without bounds checks: the tiled
// kernel's patches (a pad-free convolution with unit strides reads each
// patch row contiguously, TiledContraction.cpp), and the elemental one's
// taps, which it unrolls and vectorizes along the output row (depthwise
// convolutions). The pad is an ordinary op: loop fusion joins it to its
// producers, so the padded input is written once. Input (lhs) dilation
// pads the dilated input and is left to the convolution.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_PADCONVOLUTIONS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// Replaces the padding of `conv` by a pad of its input, if it has some and
/// none of it is negative (a crop, which stays with the convolution).
void padInput(hlo::ConvolutionOp conv) {
  std::optional<DenseIntElementsAttr> padding = conv.getPadding();
  if (!padding)
    return;
  SmallVector<int64_t> pairs(padding->getValues<int64_t>());
  if (llvm::all_of(pairs, [](int64_t p) { return p == 0; }) ||
      llvm::any_of(pairs, [](int64_t p) { return p < 0; }))
    return;

  auto inputType = cast<RankedTensorType>(conv.getLhs().getType());
  SmallVector<int64_t> low(inputType.getRank(), 0),
      high(inputType.getRank(), 0), interior(inputType.getRank(), 0);
  for (auto [d, dim] : llvm::enumerate(
           conv.getDimensionNumbers().getInputSpatialDimensions())) {
    low[dim] = pairs[2 * d];
    high[dim] = pairs[2 * d + 1];
  }
  OpBuilder b(conv);
  Location loc = conv.getLoc();
  Type element = inputType.getElementType();
  Value zero = b.create<hlo::ConstantOp>(
      loc, DenseElementsAttr::get(RankedTensorType::get({}, element),
                                  b.getZeroAttr(element)));
  Value padded =
      b.create<hlo::PadOp>(loc, conv.getLhs(), zero, low, high, interior);
  conv.getLhsMutable().assign(padded);
  conv.removePaddingAttr();
}

struct PadConvolutionsPass final
    : kiln::impl::PadConvolutionsBase<PadConvolutionsPass> {
  void runOnOperation() override {
    getOperation().walk([](hlo::ConvolutionOp conv) {
      std::optional<ArrayRef<int64_t>> dilation = conv.getLhsDilation();
      if (!dilation ||
          llvm::all_of(*dilation, [](int64_t d) { return d == 1; }))
        padInput(conv);
    });
  }
};

} // namespace
