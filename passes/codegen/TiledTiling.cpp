//===- TiledTiling.cpp - The tiled engine's plan ------------------------===//
//
// Tile sizes from the target description, the panels' layout, constants
// packed in it, and the classes of runs of rows (TiledTiling.h).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledTiling.h"

#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace kiln {

/// The most rows of the micro-kernel: past 8, more broadcasts per load of
/// the panel gain little and edge rows waste more.
constexpr int64_t kMaxMicroRows = 8;
/// Stack bytes of a task's accumulator block and packed panels together.
constexpr int64_t kStackBytes = 192 * 1024;
/// A tile's packed slice takes at most kSliceStackNumerator /
/// kSliceStackDenominator of kStackBytes, before a short last slice is
/// shared out among the others (up to a quarter more each). Half of a 48
/// KiB L1 (Zen 5) holds 384 k of AVX2's panels of 16 columns, whose 8
/// panels per tile then took all 192 KiB: row tiles of one micro-kernel,
/// each gathering its patches again (AVX2 code, 3x3 256@14 as rows of
/// features, 43 row tiles).
constexpr int64_t kSliceStackNumerator = 2;
constexpr int64_t kSliceStackDenominator = 3;
/// Each row tile of a feature-column convolution reads its whole kernel
/// again (readsKernelPerRowTile): a row tile that fits fewer rows than
/// kMinKernelRereadRows in kStackBytes takes up to that many, its blocks
/// then up to kKernelRereadStackL2Numerator / kKernelRereadStackL2Denominator
/// of L2. Where the kernel is an argument, each row tile packs it again:
/// packing is K x nc moves per tile against mc x K x nc multiply-adds, so
/// short tiles pay it most. On Zen 5 (1 MiB of L2) at 2 threads, 3x3 128@28
/// took 0.514 ms in 4 row tiles of 196 rows against 0.577 in 10 of 78;
/// 64@56, whose tiles hold over 256 rows, was 4% slower in tiles twice as
/// long. Where it is a constant, each row tile reads its panels again, in a
/// model from L3 or memory (the other layers' weights pass through the
/// caches between calls): ResNet-50 at 2 threads, its 1x1 256 -> 1024 @14
/// layers took 0.42-0.44 ms in two row tiles of 98 per column tile against
/// 0.35-0.38 in one of 196, its 3x3 256@14 layers 0.58-0.63 against
/// 0.52-0.59 in one row tile rather than three.
constexpr int64_t kMinKernelRereadRows = 192;
constexpr int64_t kKernelRereadStackL2Numerator = 3;
constexpr int64_t kKernelRereadStackL2Denominator = 8;
/// The fewest tiles a large contraction is cut into, so that its tasks keep
/// a few cores busy: each row block repacks the rhs panels, so rows are
/// split no finer than 4 micro-kernels.
constexpr int64_t kMinTiles = 4;
constexpr int64_t kMinRowBlock = 4;
/// A feature-column convolution's rows are split only until there are
/// kMinFeatureColumnTiles: at 2 threads on Zen 5, 3x3 256@14 with the kernel
/// an argument took 0.563 ms in 2 row tiles of 98 per column tile, 0.480 in
/// one of 196 (each core packs half of the kernel once); 1x1 stride 2
/// 128@28 with a constant kernel 0.054 ms in 2 row tiles per column tile,
/// 0.032 in one (and 0.040 in two whose boundary falls between cache lines
/// of the output, so not only the lines both tiles store to).
constexpr int64_t kMinFeatureColumnTiles = 2;
/// Below this many tiles, an odd count is made even where the rhs panels
/// are a constant: tiles split over 2 (or 4) threads, and one tile more on
/// one core than on the other is then a large share of the time.
constexpr int64_t kEvenTilesBelow = 16;

/// Bytes of a cache line.
constexpr int64_t kLineBytes = 64;

/// The fewest k of a slice.
constexpr int64_t kMinSliceK = 64;

/// The k of a slice whose `bytesPerK` fill half of L1.
static int64_t sliceK(int64_t l1Bytes, int64_t bytesPerK) {
  return std::clamp<int64_t>(l1Bytes / 2 / bytesPerK, kMinSliceK, kMaxSliceK);
}

/// Whether `shape` is a feature-column convolution on a channels-first
/// input (its features not its last dim), whose rows read a channel plane
/// per k.
static bool readsChannelPlanes(const ContractionShape &shape) {
  auto conv = dyn_cast<hlo::ConvolutionOp>(shape.op);
  return conv && shape.featureColumns &&
         conv.getDimensionNumbers().getInputFeatureDimension() !=
             static_cast<int64_t>(shapeOf(conv.getLhs()).size() - 1);
}

/// The bytes per k of the lhs that the next micro-kernel rows read again
/// after a micro-kernel, for slices of a panel of `panelBytesPerK` in half
/// of `l1Bytes`: those of a feature-column convolution on a channels-first
/// input, whose rows, positions of one feature along its output rows, lie
/// in few lines per k, with the next rows' positions. Where the slice's
/// lines and panel fit half of L1, they are read from there.
///
/// At unit strides a micro-kernel's rows are consecutive floats, in one or
/// two lines per k: 1x1 512 -> 2048 on 7x7 at 256 bits took 1.43 ms with
/// slices of 256 k (the panel alone counted), 1.05 with 64, 1.11 with 128.
/// At larger strides they spread over twice the floats or more, and the
/// next rows share about one line per k: 1x1 stride 2 256 -> 512 on 14x14
/// at 256 bits took 0.162 ms in slices of 256, 0.137 in 128 and 0.155 in
/// 192; 1024 -> 2048, 3.0-3.2 ms in 256, 2.6-2.8 in 128 (at 512 bits, 85
/// and 128 were alike for both). There the line is not counted where it
/// would split a K that the panel alone takes in one slice into a second
/// of less than half: one slice stores its sums straight from the
/// registers, with no accumulator block (1x1 stride 2 128 -> 256 on 28x28
/// at 512 bits, 128 k: 0.129 ms in one slice, 0.135-0.154 in 85 and 43).
///
/// Elsewhere the next rows read other lines: a dot's rows and
/// channels-last positions are each read along k; rows that leave out the
/// padding's products read a run per row of taps (ResNet-50's 3x3 512@7
/// 1-2% slower in slices of 90 than of 126).
static int64_t sharedLhsBytesPerK(const ContractionShape &shape,
                                  int64_t panelBytesPerK, int64_t l1Bytes) {
  if (!readsChannelPlanes(shape) || shape.tapGroup)
    return 0;
  std::optional<ArrayRef<int64_t>> strides =
      cast<hlo::ConvolutionOp>(shape.op).getWindowStrides();
  if (!strides ||
      llvm::all_of(*strides, [](int64_t stride) { return stride == 1; }))
    return 2 * kLineBytes;
  int64_t withLine = sliceK(l1Bytes, panelBytesPerK + kLineBytes);
  bool splitsOneSlice = shape.k <= sliceK(l1Bytes, panelBytesPerK) &&
                        withLine < shape.k && 2 * withLine > shape.k;
  return splitsOneSlice ? 0 : kLineBytes;
}

/// Feature columns on a channels-first input read their rows, output positions,
/// from it in place, each k a channel plane further on (where the features are
/// the input's last dim, k steps along a row's lines, which they do not fetch:
/// ResNeXt's grouped layers channels last took 0.94-0.97 of the time without
/// the fetches at 1 thread, 1.03 at 256@28 within its noise; ResNet's
/// channels-last 3x3 and 1x1 stride 2 layers took as long): a stride past what
/// Intel's stride prefetcher follows (2 KiB) on 28x28 inputs, so the
/// micro-kernels wait on L2 for each k's line. They fetch the lines
/// kLhsFetchDistance k ahead (1x1 stride 2 512 -> 1024 on 28x28, ResNet-50's
/// downsample, on a Xeon: 1.69-1.76 -> 1.49-1.54 ms at 1 thread, 1024 -> 2048
/// on 14x14 1.55 -> 1.45-1.53; 16 ahead did as well, 4 less). AVX2 code has no
/// registers to spare for it (both 0-5% slower), so only targets with
/// kMinLhsFetchRegisters vector registers fetch.
constexpr int64_t kLhsFetchDistance = 8;
constexpr int64_t kMinLhsFetchRegisters = 32;

static int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

int64_t panelColumns(const TargetDescription &target) {
  return kPanelVectors * target.lanes(4);
}

/// The micro-kernel rows on `target`: all vector registers but the
/// panel's vectors and one broadcast hold accumulators.
static int64_t microRows(const TargetDescription &target) {
  return std::min(kMaxMicroRows,
                  (target.vectorRegisters - kPanelVectors - 1) / kPanelVectors);
}

/// The most micro-kernel rows over panels of one vector (where N fits
/// one): each row's one sum is a chain of FMAs, and more rows keep more in
/// flight (two pipes of 4 cycles' latency want 8) and share each step's
/// panel load and loop among more FMAs.
constexpr int64_t kMaxOneVectorMicroRows = 10;

/// The micro-kernel rows on `target` over panels of one vector: a sum and
/// a broadcast per row beside the panel's vector, as LLVM loads every
/// row's broadcast ahead of the FMAs (AVX2 code, 12 rows: ResNeXt's 32
/// groups of 4 channels last spilled sums, 1.73 ms against 1.06 in 6).
static int64_t oneVectorMicroRows(const TargetDescription &target) {
  return std::min(kMaxOneVectorMicroRows, (target.vectorRegisters - 1) / 2);
}

/// The vector registers that LLVM fills with broadcasts loaded ahead where
/// a micro-kernel unrolls its taps (ContractionShape::tapGroup). In AVX2
/// code, runs of 6 rows (12 sums, 2 panel vectors, 16 registers with 2
/// broadcasts) spilled sums on every tap: 3x3 64@56 took 5.0 ms in runs of
/// 6 across output rows, 2.2 in runs of 5, which spill nothing.
constexpr int64_t kUnrolledTapBroadcasts = 3;

int64_t unrolledTapMicroRows(const TargetDescription &target) {
  return std::min(microRows(target), (target.vectorRegisters - kPanelVectors -
                                      kUnrolledTapBroadcasts) /
                                         kPanelVectors);
}

int64_t groupedMicroRows(const TargetDescription &target, int64_t rowGroup) {
  int64_t most = unrolledTapMicroRows(target);
  for (int64_t mr = most; mr >= (most + 1) / 2; --mr)
    if (rowGroup % mr == 0)
      return mr;
  return 0;
}

/// The fewest micro-kernel rows fitted to M: their kPanelVectors * 4
/// accumulators keep two FMA pipes of 4 cycles' latency busy.
constexpr int64_t kMinFittedMicroRows = 4;
/// What a step of k costs a micro-kernel beyond its FMAs, in FMAs: one
/// cycle of two FMA pipes. Fewer rows then cost more per row: at 256 bits
/// (6 rows at most) the 2048^3 matmul took 191.9 ms in micro-kernels of 4
/// rows, 186.1 of 5 and 180.9 of 6 (unrolling k by 2 changed nothing), as
/// 1 + 1/mr predicts within 1%.
constexpr int64_t kStepOverheadFmas = 2;

/// The micro-kernel rows on `target`, from half the usual rows
/// (kMinFittedMicroRows at least) to all of them, that take the least time
/// over M rows: their micro-kernels' count, M rounded up to whole ones,
/// times each one's FMAs and step overhead per k; the most rows of those
/// that tie. A 7x7 image's 49 positions as rows take 7 rows at 512 bits (8
/// would compute 56) and 5 at 256 (6 would compute 54); 2048 rows take 6
/// at 256 bits (4 would fit M exactly).
static int64_t fittedMicroRows(const TargetDescription &target, int64_t m,
                               int64_t panelVectors) {
  auto cost = [&](int64_t mr) {
    return (m + mr - 1) / mr * (mr * panelVectors + kStepOverheadFmas);
  };
  int64_t most =
      panelVectors == 1 ? oneVectorMicroRows(target) : microRows(target);
  int64_t best = most;
  for (int64_t mr = most; mr >= std::max(kMinFittedMicroRows, (most + 1) / 2);
       --mr)
    if (cost(mr) < cost(best))
      best = mr;
  return best;
}

/// Whether a row tile more costs `shape` little: where its rhs is a
/// constant, its panels packed while compiling (TiledContraction::
/// rhsConstant), a dot's or a feature-column convolution's kernel, or
/// where a feature-column convolution's kernel is packed by squares from
/// runs of its columns (hasKernelColumnRuns).
static bool rowTileCostsLittle(const ContractionShape &shape) {
  if (auto dot = dyn_cast<hlo::DotGeneralOp>(shape.op))
    return bool(storedConstant(dot.getRhs()));
  auto conv = cast<hlo::ConvolutionOp>(shape.op);
  return shape.featureColumns &&
         (storedConstant(conv.getRhs()) || hasKernelColumnRuns(conv));
}

/// Whether each row tile of `shape` reads its rhs whole again: a
/// feature-column convolution's kernel, packed again where it is an
/// argument (a dot's rows as tiles read its lhs from memory instead, and
/// keep the usual tiles).
static bool readsKernelPerRowTile(const ContractionShape &shape) {
  return shape.featureColumns;
}

/// Whether `shape` is a grouped feature-column convolution whose columns,
/// a group's output features, fit one vector of `lanes`: its micro-kernels
/// then take panels of one vector and more rows (oneVectorMicroRows), and
/// at 512 bits, where the features fill half a vector or less, 256-bit
/// vectors. A core that splits 512-bit FMAs in two (Zen 4) issues twice as
/// many 256-bit ones a cycle, on vectors that leave half as many lanes
/// idle; an AVX-512 core keeps its 32 vector registers at 256 bits
/// (AVX-512VL). ResNeXt's channels-last layers, 1 thread, 512-bit target,
/// from two-vector panels of 8 rows: 32 groups of 4 features (k = 36) on
/// 56x56 1.17 -> 0.92-1.02 ms, of 8 on 28x28 0.55 -> 0.38-0.47 (AVX2 code:
/// 1.06 -> 0.98-1.01 and 0.42 -> 0.39-0.40 in 7 rows rather than 6). Dots
/// and ungrouped convolutions of so few columns keep their panels.
static bool hasNarrowGroupColumns(const ContractionShape &shape,
                                  int64_t lanes) {
  return shape.featureColumns && shape.groups > 1 && shape.n <= lanes;
}

Tiling chooseTiling(const TargetDescription &hostTarget,
                    const ContractionShape &shape) {
  TargetDescription target = hostTarget;
  if (hostTarget.vectorBits == 512 &&
      hasNarrowGroupColumns(shape, hostTarget.lanes(4) / 2))
    target.vectorBits = 256;
  Tiling t;
  t.lanes = target.lanes(4);
  bool oneVector = hasNarrowGroupColumns(shape, t.lanes);
  t.nr = oneVector ? t.lanes : panelColumns(target);
  t.mr = shape.rowGroup   ? groupedMicroRows(target, shape.rowGroup)
         : shape.tapGroup ? unrolledTapMicroRows(target)
                          : fittedMicroRows(target, shape.m, t.panelVectors());
  // As many columns per tile at every width: with 4 panels of 16 at 256
  // bits, the row block that fits the stack beside them was 512 rows, whose
  // lhs slice each panel reads again (512 KiB, half of L2) and which left
  // the 2048^3 matmul at 202 ms instead of 178 with 128 columns.
  t.nc = std::min(roundUp(shape.n, t.nr), kMaxTileColumns / t.nr * t.nr);
  // A slice's panel, and the lhs lines the next micro-kernel rows share,
  // fill half of L1.
  int64_t bytesPerK =
      t.nr * 4 + sharedLhsBytesPerK(shape, t.nr * 4, target.l1Bytes);
  t.kc = std::min(sliceK(target.l1Bytes, bytesPerK), shape.k);
  // The tile's packed slice leaves room for rows beside it.
  t.kc = std::min(
      t.kc, std::max(kMinSliceK, kStackBytes * kSliceStackNumerator /
                                     kSliceStackDenominator / (t.nc * 4)));
  // A last slice of less than a quarter of kc would pay the accumulator
  // block's round trip for few FMAs: the slices before it share its k
  // instead, their panels then filling up to 5/8 of L1.
  int64_t slices = (shape.k + t.kc - 1) / t.kc;
  if (slices > 1 && shape.k - (slices - 1) * t.kc < t.kc / 4)
    t.kc = std::min(kMaxSliceK, (shape.k + slices - 2) / (slices - 1));
  // Whole features of taps per slice.
  if (shape.tapGroup)
    t.kc = std::max(shape.tapGroup, t.kc / shape.tapGroup * shape.tapGroup);
  if (shape.rowsInner && llvm::PowerOf2Ceil(t.mr) <= t.lanes)
    t.transposedRows = llvm::PowerOf2Ceil(t.mr);
  if (readsChannelPlanes(shape) &&
      target.vectorRegisters >= kMinLhsFetchRegisters)
    t.lhsFetchDistance = kLhsFetchDistance;
  // With one slice, C is only ever transposed; with several, both blocks.
  int64_t blocks = t.transposedRows && t.kc < shape.k ? 2 : 1;
  int64_t packedBytes = t.kc * t.nc * 4;
  auto rowsIn = [&](int64_t stackBytes) {
    return (stackBytes - packedBytes) / (t.nc * 4 * blocks) - t.transposedRows;
  };
  int64_t rowsInStack = rowsIn(kStackBytes);
  if (readsKernelPerRowTile(shape) && rowsInStack < kMinKernelRereadRows)
    rowsInStack = std::max(
        rowsInStack,
        std::min(kMinKernelRereadRows,
                 rowsIn(target.l2Bytes * kKernelRereadStackL2Numerator /
                        kKernelRereadStackL2Denominator)));
  // Rounded up to whole micro-kernels: M rows that fit take one row block
  // however many rows past M their last micro-kernel computes.
  t.mc = std::min(roundUp(shape.m, t.mr),
                  std::max(t.mr, roundUp(rowsInStack, t.mr)));
  int64_t colTiles = shape.batch * ((shape.n + t.nc - 1) / t.nc);
  int64_t minTiles = shape.featureColumns ? kMinFeatureColumnTiles : kMinTiles;
  if (colTiles < minTiles) {
    int64_t rowBlocks = (minTiles + colTiles - 1) / colTiles;
    t.mc = std::min(
        t.mc, std::max(kMinRowBlock * t.mr,
                       roundUp((shape.m + rowBlocks - 1) / rowBlocks, t.mr)));
  }
  // The rows split evenly over the row tiles (as many: mc only shrinks to
  // the even share), so that the last is not the one short of the others:
  // at 256 bits 3x3 128@28 as feature columns in 13 tiles of 60 rows and
  // one of 4 took 1.14 ms at 2 threads, in 14 of 56 1.05.
  int64_t rowTiles = (shape.m + t.mc - 1) / t.mc;
  t.mc = roundUp((shape.m + rowTiles - 1) / rowTiles, t.mr);
  // A row tile more costs nothing where the panels were packed while
  // compiling, little where they are packed by squares (elsewhere each row
  // tile packs them again: 1x1 stride-2 64@56 as rows, 7% slower with one
  // more): 3x3 128@28 as feature columns in 7 row tiles of 112 rows took
  // 1.05 ms at 2 threads against 1.94 at 1, in 8 of 98, 0.97.
  if (rowTileCostsLittle(shape) && colTiles * rowTiles % 2 == 1 &&
      colTiles * rowTiles < kEvenTilesBelow) {
    int64_t mc = roundUp((shape.m + rowTiles) / (rowTiles + 1), t.mr);
    if (colTiles * ((shape.m + mc - 1) / mc) % 2 == 0)
      t.mc = mc;
  }
  return t;
}

int64_t cachedPanelFloats(const Tiling &t, const ContractionShape &shape) {
  int64_t colTiles = (shape.n + t.nc - 1) / t.nc;
  int64_t slices = (shape.k + t.kc - 1) / t.kc;
  return shape.rhsBatches() * colTiles * slices * t.nc * t.kc;
}

/// Panels packed before the call are fetched ahead (prefetchesNextPanel)
/// where the graph's fill more than kPrefetchedPanelsL2s L2 caches: between
/// two calls of a contraction the others' panels pass through the caches
/// too. Measured on Zen 5 (1 MiB of L2), constant weights, 1 thread: six
/// 3x3 512@7 layers in a row (9.4 MB of panels each) 9.07 -> 5.25 ms, one
/// alone (its panels in L3) 0.91 -> 0.85; six 2048x2048 matmuls of 32 rows
/// 9.8 -> 9.0 ms. Fetching where each contraction's own panels passed the
/// threshold left ResNet-50's 256@14 layers (2.4 MB) waiting: fetching in
/// every contraction of the zoo's ResNet-50 (25 million weights) took it
/// from 27.6 to 24.1 ms at 2 threads, MobileNetV2 (3.5 million) from 3.29
/// to 3.15. A graph of one 128x768x768 matmul (2.4 MB), whose panels the
/// caches keep, was 3% slower with the fetches (0.624 -> 0.644 ms), as was
/// 64x784x512.
constexpr int64_t kPrefetchedPanelsL2s = 4;

bool prefetchesNextPanel(const TargetDescription &target,
                         int64_t graphPanelBytes) {
  return graphPanelBytes > kPrefetchedPanelsL2s * target.l2Bytes;
}

/// The contraction of `fusion` where its rhs is packed into panels that
/// could be packed before the call: a dot's, or a feature-column
/// convolution's kernel.
static std::optional<ContractionShape>
matchPanelledContraction(hlo::FusionOp fusion,
                         const TargetDescription &target) {
  std::optional<ContractionShape> shape = matchTiledContraction(fusion, target);
  if (!shape || !(isa<hlo::DotGeneralOp>(shape->op) || shape->featureColumns))
    return std::nullopt;
  return shape;
}

/// Tiles per panel from which a call on several threads packs the panels
/// once too, as on one thread, where they pass L2. There, each core reads
/// panels the other packed, which costs more than packing them again where
/// few tiles share them (3x3 128@28 with the kernel an argument, 4 tiles:
/// 0.53 -> 0.57 ms at 2 threads) or where L2 holds them (AVX2 code, the
/// same in 6 tiles, 590 KB of panels against 1 MiB of L2: 1.16 ms packed
/// per tile, 1.26-1.29 once), but less where many tiles share them and
/// they pass the caches (matmul 1024^3, 6 tiles: 5.58 -> 5.32 ms; 2048^3,
/// 11 tiles: 47.9 -> 44.4 ms); many tiles on small weights came out even
/// (3x3 64@56, 12 tiles).
constexpr int64_t kMinPacksPerPanelAcrossThreads = 6;

/// matchPackedWeights for `fusion`'s contraction `shape`.
static std::optional<PackedWeights>
packedWeightsOf(hlo::FusionOp fusion, const ContractionShape &shape,
                const TargetDescription &target) {
  // The packed operand is read as the fusion gets it, from an argument of
  // the graph (not one of a region's: those are the graph's own values).
  auto operand = dyn_cast<BlockArgument>(shape.op->getOperand(1));
  if (!operand || operand.getOwner() != &fusion.getBody().front())
    return std::nullopt;
  auto input =
      dyn_cast<BlockArgument>(fusion.getInputs()[operand.getArgNumber()]);
  if (!input || !isa_and_nonnull<func::FuncOp>(input.getOwner()->getParentOp()))
    return std::nullopt;
  Tiling t = chooseTiling(target, shape);
  int64_t rowTiles = (shape.m + t.mc - 1) / t.mc;
  int64_t floats = cachedPanelFloats(t, shape);
  int64_t packsPerPanel = rowTiles * (shape.batch / shape.rhsBatches());
  return PackedWeights{operand.getArgNumber(), input.getArgNumber(), floats,
                       packsPerPanel,
                       packsPerPanel >= kMinPacksPerPanelAcrossThreads &&
                           floats * 4 > target.l2Bytes};
}

std::optional<PackedWeights>
matchPackedWeights(hlo::FusionOp fusion, const TargetDescription &target) {
  std::optional<ContractionShape> shape =
      matchPanelledContraction(fusion, target);
  if (!shape)
    return std::nullopt;
  return packedWeightsOf(fusion, *shape, target);
}

int64_t prepackedPanelBytes(hlo::FusionOp fusion,
                            const TargetDescription &target) {
  std::optional<ContractionShape> shape =
      matchPanelledContraction(fusion, target);
  if (!shape)
    return 0;
  if (std::optional<PackedWeights> packed =
          packedWeightsOf(fusion, *shape, target))
    return packed->floats * 4;
  if (!storedConstant(shape->op->getOperand(1)))
    return 0;
  return cachedPanelFloats(chooseTiling(target, *shape), *shape) * 4;
}

int64_t rowTileCount(const TargetDescription &target,
                     const ContractionShape &shape) {
  int64_t mc = chooseTiling(target, shape).mc;
  return (shape.m + mc - 1) / mc;
}

DenseElementsAttr packConstant(const Tiling &t, const ContractionShape &shape,
                               const TiledContraction &contraction) {
  DenseElementsAttr rhs = contraction.rhsConstant;
  ArrayRef<float> values = storedFloats(rhs);
  const TiledContraction::ConstantOffsets &offsets =
      contraction.rhsConstantOffsets;
  int64_t colTiles = (shape.n + t.nc - 1) / t.nc;
  int64_t slices = (shape.k + t.kc - 1) / t.kc;
  std::vector<float> packed(cachedPanelFloats(t, shape), 0.0f);
  float *out = packed.data();
  for (int64_t batch = 0; batch < shape.rhsBatches(); ++batch)
    for (int64_t colTile = 0; colTile < colTiles; ++colTile)
      for (int64_t slice = 0; slice < slices; ++slice)
        for (int64_t p = 0; p < t.nc / t.nr; ++p)
          for (int64_t kk = 0; kk < t.kc; ++kk)
            for (int64_t j = 0; j < t.nr; ++j, ++out) {
              int64_t k = slice * t.kc + kk;
              int64_t n = colTile * t.nc + p * t.nr + j;
              if (k < shape.k && n < shape.n)
                *out =
                    values[offsets.batch[batch] + offsets.k[k] + offsets.n[n]];
            }
  auto type =
      RankedTensorType::get({int64_t(packed.size())}, rhs.getElementType());
  return DenseElementsAttr::get(type, ArrayRef<float>(packed));
}

void classifyRuns(const Tiling &t, const ContractionShape &shape,
                  const TiledContraction &contraction,
                  SmallVectorImpl<RowClass> &classes,
                  SmallVectorImpl<int32_t> &table) {
  int64_t tapRows = shape.tapGroup / shape.tapRowLength;
  for (int64_t first = 0; first < shape.m; first += t.mr) {
    SmallVector<int64_t> rows;
    for (int64_t i = 0; i < t.mr; ++i)
      rows.push_back(std::min(first + i, shape.m - 1));
    RowClass rowClass;
    for (int64_t row : rows)
      rowClass.offsets.push_back(contraction.rowOffsetInImage(row) -
                                 contraction.rowOffsetInImage(first));
    // Each row of taps' pattern, and the rows of taps that reach any row.
    SmallVector<SmallVector<SmallVector<bool>>> patterns;
    int64_t tapRowBegin = tapRows, tapRowEnd = 0;
    for (int64_t tapRow = 0; tapRow < tapRows; ++tapRow) {
      SmallVector<SmallVector<bool>> &reaches = patterns.emplace_back();
      for (int64_t tap = 0; tap < shape.tapRowLength; ++tap) {
        SmallVector<bool> &tapReaches = reaches.emplace_back();
        for (int64_t row : rows) {
          tapReaches.push_back(contraction.tapReachesRow(
              tapRow * shape.tapRowLength + tap, row));
          if (tapReaches.back()) {
            tapRowBegin = std::min(tapRowBegin, tapRow);
            tapRowEnd = tapRow + 1;
          }
        }
      }
    }
    if (tapRowBegin >= tapRowEnd)
      tapRowBegin = tapRowEnd = 0;
    bool shared = true;
    for (int64_t tapRow = tapRowBegin; tapRow < tapRowEnd; ++tapRow)
      shared &= patterns[tapRow] == patterns[tapRowBegin];
    if (shared) {
      rowClass.reaches.push_back(patterns[tapRowBegin]);
    } else {
      rowClass.reaches = std::move(patterns);
      tapRowBegin = 0;
      tapRowEnd = tapRows;
    }
    const auto *found = llvm::find(classes, rowClass);
    table.append({static_cast<int32_t>(found - classes.begin()),
                  static_cast<int32_t>(tapRowBegin),
                  static_cast<int32_t>(tapRowEnd)});
    if (found == classes.end())
      classes.push_back(std::move(rowClass));
  }
}

void classifyTapMasks(const Tiling &t, const ContractionShape &shape,
                      const TiledContraction &contraction,
                      SmallVectorImpl<SmallVector<bool>> &masks,
                      SmallVectorImpl<int32_t> &table) {
  int64_t taps = shape.k / shape.featuresPerTap;
  for (int64_t first = 0; first < shape.m; first += t.mr)
    for (int64_t tap = 0; tap < taps; ++tap) {
      SmallVector<bool> mask;
      for (int64_t i = 0; i < t.mr; ++i)
        mask.push_back(
            contraction.tapReachesRow(tap, std::min(first + i, shape.m - 1)));
      const auto *found = llvm::find(masks, mask);
      table.push_back(static_cast<int32_t>(found - masks.begin()));
      if (found == masks.end())
        masks.push_back(std::move(mask));
    }
}

bool keepsSharedTapLoads(const Tiling &t, const ContractionShape &shape,
                         const TiledContraction &contraction,
                         const RowClass &rowClass, int64_t vectors,
                         int64_t registers) {
  // The lhs offsets the micro-kernel reads, in the order it reads them:
  // per row of taps, per tap, per row (sumFeatures), a group per tap.
  SmallVector<SmallVector<int64_t>> tapReads;
  for (auto [tapRow, pattern] : llvm::enumerate(rowClass.reaches))
    for (int64_t tap = 0; tap < shape.tapRowLength; ++tap) {
      SmallVector<int64_t> &reads = tapReads.emplace_back();
      for (int64_t i = 0; i < t.mr; ++i)
        if (pattern[tap][i])
          reads.push_back(rowClass.offsets[i] +
                          int64_t(tapRow) * contraction.lhsTapRowStride +
                          tap * contraction.lhsTapStride);
    }
  DenseMap<int64_t, int64_t> readsLeft;
  for (ArrayRef<int64_t> reads : tapReads)
    for (int64_t offset : reads)
      ++readsLeft[offset];
  // Registers in use when each new element is loaded: the accumulators,
  // the tap's panel vectors, the elements kept and the new one.
  int64_t fixed = t.mr * vectors + vectors;
  DenseSet<int64_t> kept;
  for (ArrayRef<int64_t> reads : tapReads)
    for (int64_t offset : reads) {
      if (kept.insert(offset).second &&
          fixed + static_cast<int64_t>(kept.size()) > registers)
        return false;
      if (--readsLeft[offset] == 0)
        kept.erase(offset);
    }
  return true;
}

} // namespace kiln
