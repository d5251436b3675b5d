//===- PadWindows.cpp - Window padding as an explicit pad -----------------===//
//
// A convolution that pads its input gets the padding as an `hlo.pad` of
// its input instead: `convolution(pad(x, 0), ..., pad = 0)`, the same
// values. Its kernel then reads the input without bounds checks: the tiled
// kernel's patches (a pad-free convolution with unit strides reads each
// patch row contiguously, TiledContraction.cpp), and the elemental one's
// taps, which it unrolls and vectorizes along the output row (depthwise
// convolutions). A reduce_window (max or average pooling) is treated the
// same way, padded with its init value: its padding reads the init value,
// so `reduce_window(pad(x, init), init, pad = 0)` is the same value, and
// its windows unroll likewise. The pad is an ordinary op: loop fusion joins
// it to its producers, so the padded input is written once. Input (lhs,
// base) dilation pads the dilated input and is left to the op, and so is
// the padding that a kernel's masked loads read without the copy: a
// depthwise convolution's or overlapping pooling window's row kernel
// (hlo::isRowDepthwiseConvolution, hlo::isRowPoolingWindow), the elemental
// kernel of a pooling window that leaves the last dim alone, and the tiled
// kernel where its patch rows are runs of the unpadded input
// (hlo::isMaskedPatchConvolution; not a strided one whose patches are many
// more elements than its outputs, weights and padded input, as ResNet's
// stem: padded, its kernel reads the input in place, output features as
// columns), the tiled kernel of a channels-last convolution that leaves
// the padding out tap by tap (hlo::isMaskedTapConvolution), and the
// elemental kernel of a grouped convolution of few features a group
// (depthwise among them) with its features innermost (readsPaddingItself). A
// pad costs more than its copy when a convolution's tasks are spread over
// cores: it rewrites lines that the previous call's convolution left in the
// other cores' caches.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_PADWINDOWS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// The (low, high) pairs of `padding` when there is some to move: present,
/// not all zero, and none negative (a crop, which stays with the op).
std::optional<SmallVector<int64_t>>
movablePadding(std::optional<DenseIntElementsAttr> padding) {
  if (!padding)
    return std::nullopt;
  SmallVector<int64_t> pairs(padding->getValues<int64_t>());
  if (llvm::all_of(pairs, [](int64_t p) { return p == 0; }) ||
      llvm::any_of(pairs, [](int64_t p) { return p < 0; }))
    return std::nullopt;
  return pairs;
}

/// Replaces the padding of `conv` by a pad of its input with zeros.
void padInput(hlo::ConvolutionOp conv) {
  std::optional<SmallVector<int64_t>> movable =
      movablePadding(conv.getPadding());
  if (!movable)
    return;
  ArrayRef<int64_t> pairs = *movable;

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

/// Replaces the padding of a single-input `window` by a pad of its input
/// with its init value.
void padInput(hlo::ReduceWindowOp window) {
  std::optional<SmallVector<int64_t>> movable =
      movablePadding(window.getPadding());
  if (!movable || window.getInputs().size() != 1)
    return;
  ArrayRef<int64_t> pairs = *movable;
  int64_t rank = static_cast<int64_t>(pairs.size() / 2);
  SmallVector<int64_t> low, high, interior(rank, 0);
  for (int64_t d = 0; d < rank; ++d) {
    low.push_back(pairs[2 * d]);
    high.push_back(pairs[2 * d + 1]);
  }
  OpBuilder b(window);
  Value padded =
      b.create<hlo::PadOp>(window.getLoc(), window.getInputs()[0],
                           window.getInitValues()[0], low, high, interior);
  window.getInputsMutable().assign(padded);
  window.removePaddingAttr();
}

/// Whether a kernel reads `window`'s padding itself: the row kernel, a row
/// pooling window whose input it reads from memory, which fusion
/// guarantees where the windows overlap (it then keeps the producers out);
/// or the elemental one, where the window leaves the last dim alone (NHWC
/// pooling), so that the loop it vectorizes runs along that dim and all
/// its lanes share each check (ElementalEmitter::emitReduceWindow).
bool readsPaddingItself(hlo::ReduceWindowOp window) {
  if (hlo::isRowPoolingWindow(window) && hlo::hasOverlappingWindows(window))
    return true;
  ArrayRef<int64_t> sizes = window.getWindowDimensions();
  std::optional<ArrayRef<int64_t>> strides = window.getWindowStrides();
  std::optional<DenseIntElementsAttr> padding = window.getPadding();
  if (sizes.size() < 2 || sizes.back() != 1 ||
      (strides && strides->back() != 1))
    return false;
  if (!padding)
    return true;
  SmallVector<int64_t> pairs(padding->getValues<int64_t>());
  return pairs[pairs.size() - 2] == 0 && pairs.back() == 0;
}

/// Whether `dilation` (absent means 1) dilates nothing.
bool isUndilated(std::optional<ArrayRef<int64_t>> dilation) {
  return !dilation || llvm::all_of(*dilation, [](int64_t d) { return d == 1; });
}

/// Whether the elemental kernel reads `conv`'s padding itself, checking
/// taps only at positions whose window reaches past the input
/// (ElementalEmitter::emitConvolution): a grouped convolution that the
/// tiled engine leaves to it (fewer input features a group than
/// hlo::isGroupedMatrixConvolution asks, depthwise among them), with its
/// features innermost in and out
/// (depthwise in JAX's NHWC layout), so that the loop it vectorizes runs
/// over features and all its lanes share each check. The pad would copy
/// the input once more wherever its producer is not a loop fusion (a
/// MobileNet block's 1x1 convolution).
bool readsPaddingItself(hlo::ConvolutionOp conv) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  int64_t last = cast<RankedTensorType>(conv.getType()).getRank() - 1;
  return conv.getFeatureGroupCount() > 1 &&
         !hlo::isGroupedMatrixConvolution(conv) &&
         dn.getInputFeatureDimension() == last &&
         dn.getOutputFeatureDimension() == last;
}

struct PadWindowsPass final : kiln::impl::PadWindowsBase<PadWindowsPass> {
  void runOnOperation() override {
    getOperation().walk([](Operation *op) {
      // These convolutions' kernels read their padding themselves, where
      // the pad would copy their input.
      if (auto conv = dyn_cast<hlo::ConvolutionOp>(op);
          conv && isUndilated(conv.getLhsDilation()) &&
          !hlo::isRowDepthwiseConvolution(conv) &&
          !hlo::isMaskedPatchConvolution(conv) &&
          !hlo::isMaskedTapConvolution(conv) && !readsPaddingItself(conv))
        padInput(conv);
      else if (auto window = dyn_cast<hlo::ReduceWindowOp>(op);
               window && isUndilated(window.getBaseDilations()) &&
               !readsPaddingItself(window))
        padInput(window);
    });
  }
};

} // namespace
