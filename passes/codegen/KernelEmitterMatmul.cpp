//===- KernelEmitterMatmul.cpp - Register-tiled f32 matrix multiply -------===//
//
// An f32 dot fusion whose lhs is a kernel input laid out [batch, M, K]
// (contracting dims last) is computed as a batch of [M, K] x [K, N]
// products, the BLIS way:
//
//   for each tile of one batch, `mc` rows and `nc` columns (the task unit):
//     zero the tile's accumulator block C (mc x nc, on the stack)
//     for each slice of `kc` contracting indices:
//       pack the rhs slice into panels Bp[nc / nr][kc][nr] (on the stack,
//       zero past N), through the elemental emitter: any rhs layout and
//       any producer fused into it
//       for each panel, for each `mr` rows: the micro-kernel
//         mr x nr accumulators held in vector registers; per k, nr / lanes
//         vector loads of the panel, mr broadcasts of lhs, mr * nr / lanes
//         FMAs; then the accumulators go back to C
//     the epilogue computes the fusion's roots from C, row by row
//
// The panel slice stays in L1 while the micro-kernel sweeps the tile's rows,
// and the rows' lhs slice in L2. Sizes come from the target description.
// Every element sums its products in increasing k with one FMA each,
// whatever the tiles, so results do not depend on the thread count or on
// the target.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "passes/codegen/ScalarSemantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln {

/// The fewest output rows worth tiling: a single row (a matrix-vector
/// product) streams the rhs once through the dot row structure instead.
constexpr int64_t kMinTiledRows = 2;
/// Vectors across the micro-kernel's columns.
constexpr int64_t kPanelVectors = 2;
/// The most rows of the micro-kernel: past 8, more broadcasts per load of
/// the panel gain little and edge rows waste more.
constexpr int64_t kMaxMicroRows = 8;
/// Stack bytes of a task's accumulator block and packed panels together.
constexpr int64_t kStackBytes = 192 * 1024;

namespace {

/// The dot as a batch of [M, K] x [K, N] products.
struct MatmulShape {
  hlo::DotGeneralOp dot;
  SmallVector<int64_t> batchShape, rowShape, colShape, kShape;
  int64_t batch = 1, m = 1, n = 1, k = 1;
};

/// Sizes of the tiles, in elements.
struct Tiling {
  int64_t lanes, mr, nr, kc, mc, nc;
};

} // namespace

static hlo::DotGeneralOp findDot(hlo::FusionOp fusion) {
  auto dots = fusion.getBody().front().getOps<hlo::DotGeneralOp>();
  if (!llvm::hasSingleElement(dots))
    return {};
  return *dots.begin();
}

static int64_t product(ArrayRef<int64_t> shape) {
  int64_t result = 1;
  for (int64_t size : shape)
    result *= size;
  return result;
}

/// The matmul view of the fusion's dot, if it takes the tiled structure: f32
/// operands and result, an lhs read straight from a kernel argument with its
/// dims ordered batch, free, contracting, and at least kMinTiledRows rows.
static std::optional<MatmulShape> matchMatmul(hlo::FusionOp fusion) {
  hlo::DotGeneralOp dot = findDot(fusion);
  if (!dot || !isa<BlockArgument>(dot.getLhs()))
    return std::nullopt;
  auto lhsType = cast<RankedTensorType>(dot.getLhs().getType());
  auto rhsType = cast<RankedTensorType>(dot.getRhs().getType());
  if (!lhsType.getElementType().isF32() || !rhsType.getElementType().isF32() ||
      !dot.getType().getElementType().isF32())
    return std::nullopt;
  hlo::DotDimensionNumbersAttr dims = dot.getDotDimensionNumbers();
  ArrayRef<int64_t> batch = dims.getLhsBatchingDimensions();
  ArrayRef<int64_t> contracting = dims.getLhsContractingDimensions();
  int64_t rank = lhsType.getRank();
  int64_t numFree = rank - batch.size() - contracting.size();
  if (contracting.empty() || numFree == 0)
    return std::nullopt;
  for (auto [i, d] : llvm::enumerate(batch))
    if (d != static_cast<int64_t>(i))
      return std::nullopt;
  for (auto [i, d] : llvm::enumerate(contracting))
    if (d != rank - static_cast<int64_t>(contracting.size() - i))
      return std::nullopt;

  MatmulShape shape;
  shape.dot = dot;
  ArrayRef<int64_t> lhsShape = lhsType.getShape();
  ArrayRef<int64_t> resultShape = dot.getType().getShape();
  shape.batchShape.assign(lhsShape.take_front(batch.size()).begin(),
                          lhsShape.take_front(batch.size()).end());
  ArrayRef<int64_t> rows = lhsShape.slice(batch.size(), numFree);
  shape.rowShape.assign(rows.begin(), rows.end());
  ArrayRef<int64_t> cols = resultShape.drop_front(batch.size() + numFree);
  shape.colShape.assign(cols.begin(), cols.end());
  ArrayRef<int64_t> reduced = lhsShape.take_back(contracting.size());
  shape.kShape.assign(reduced.begin(), reduced.end());
  shape.batch = product(shape.batchShape);
  shape.m = product(shape.rowShape);
  shape.n = product(shape.colShape);
  shape.k = product(shape.kShape);
  if (shape.m < kMinTiledRows || shape.n == 0 || shape.k == 0 ||
      shape.batch == 0)
    return std::nullopt;
  return shape;
}

static int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

/// Tiles for `target`: the micro-kernel uses all vector registers but the
/// panel's vectors and one broadcast; the panel slice (kc x nr) fills half
/// of L1; the accumulator block and the packed slice share kStackBytes.
static Tiling chooseTiling(const TargetDescription &target,
                           const MatmulShape &shape) {
  Tiling t;
  t.lanes = target.lanes(4);
  t.nr = kPanelVectors * t.lanes;
  t.mr = std::min(kMaxMicroRows,
                  (target.vectorRegisters - kPanelVectors - 1) / kPanelVectors);
  t.kc = std::clamp<int64_t>(target.l1Bytes / 2 / (t.nr * 4), 64, 512);
  t.kc = std::min(t.kc, shape.k);
  t.nc = std::min(roundUp(shape.n, t.nr), 4 * t.nr);
  int64_t packedBytes = t.kc * t.nc * 4;
  int64_t rowsInStack = (kStackBytes - packedBytes) / (t.nc * 4);
  t.mc = std::min(roundUp(shape.m, t.mr),
                  std::max(t.mr, rowsInStack / t.mr * t.mr));
  return t;
}

bool isTiledMatmul(hlo::FusionOp fusion) {
  return isDotFusion(fusion) && matchMatmul(fusion).has_value();
}

/// `scf.for` from `lower` to `upper` by `step`, its body built by `body`.
static void forLoop(OpBuilder &b, Location loc, Value lower, Value upper,
                    Value step, function_ref<void(Value)> body) {
  auto loop = b.create<scf::ForOp>(loc, lower, upper, step);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(loop.getBody());
  body(loop.getInductionVar());
}

FailureOr<int64_t> emitTiledMatmulKernel(KernelBuild &build) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  MatmulShape shape = *matchMatmul(build.fusion);
  hlo::DotGeneralOp dot = shape.dot;
  Location loc = dot.getLoc();
  Tiling t = chooseTiling(build.target, shape);
  hlo::DotDimensionNumbersAttr dims = dot.getDotDimensionNumbers();
  ArrayRef<int64_t> rhsBatch = dims.getRhsBatchingDimensions();
  ArrayRef<int64_t> rhsContracting = dims.getRhsContractingDimensions();
  int64_t rhsRank = cast<RankedTensorType>(dot.getRhs().getType()).getRank();
  SmallVector<int64_t> rhsFree;
  for (int64_t d = 0; d < rhsRank; ++d)
    if (!llvm::is_contained(rhsBatch, d) &&
        !llvm::is_contained(rhsContracting, d))
      rhsFree.push_back(d);

  Type f32 = b.getF32Type();
  auto vectorType = VectorType::get({t.lanes}, f32);
  auto idx = [&](int64_t value) { return emitter.index(value); };
  auto add = [&](Value x, Value y) {
    return b.createOrFold<arith::AddIOp>(loc, x, y);
  };
  auto mul = [&](Value x, int64_t y) {
    return b.createOrFold<arith::MulIOp>(loc, x, idx(y));
  };
  auto min = [&](Value x, Value y) {
    return b.createOrFold<arith::MinSIOp>(loc, x, y);
  };
  // (x + y - 1) / y: x is a count, never negative.
  auto ceilDiv = [&](Value x, int64_t y) {
    return b.createOrFold<arith::DivUIOp>(loc, add(x, idx(y - 1)), idx(y));
  };

  // The lhs as [batch, M, K] (or [M, K]): one index per role.
  Value lhs = emitter.boundMemref(dot.getLhs());
  SmallVector<ReassociationIndices> groups;
  int64_t dim = 0;
  for (size_t size :
       {shape.batchShape.size(), shape.rowShape.size(), shape.kShape.size()}) {
    if (size == 0)
      continue;
    groups.emplace_back();
    for (size_t i = 0; i < size; ++i)
      groups.back().push_back(dim++);
  }
  Value lhs3;
  Value zero = buildZero(b, loc, f32);
  Value cBlock, panels;
  {
    // At the kernel's entry, so the stack does not grow per tile.
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    lhs3 = b.create<memref::CollapseShapeOp>(loc, lhs, groups);
    cBlock = b.create<memref::AllocaOp>(loc, MemRefType::get({t.mc, t.nc}, f32),
                                        ValueRange{}, b.getI64IntegerAttr(64));
    panels = b.create<memref::AllocaOp>(
        loc, MemRefType::get({t.nc / t.nr, t.kc, t.nr}, f32), ValueRange{},
        b.getI64IntegerAttr(64));
  }
  bool hasBatch = !shape.batchShape.empty();

  int64_t rowTiles = (shape.m + t.mc - 1) / t.mc;
  int64_t colTiles = (shape.n + t.nc - 1) / t.nc;
  int64_t tiles = shape.batch * colTiles * rowTiles;
  int64_t numTasks =
      chooseNumTasks(estimateCost(build.fusion, build.trafficBytes), tiles);
  auto [begin, end] = taskRange(emitter, build.task(), tiles, numTasks);
  auto tileLoop = b.create<scf::ForOp>(loc, begin, end, idx(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(tileLoop.getBody());

  // Consecutive tiles share their columns, so their panels stay in L2.
  SmallVector<Value> tile = emitter.delinearize(
      tileLoop.getInductionVar(), {shape.batch, colTiles, rowTiles});
  Value batchIndex = tile[0];
  Value m0 = mul(tile[2], t.mc), n0 = mul(tile[1], t.nc);
  Value rowsValid =
      min(idx(t.mc), b.createOrFold<arith::SubIOp>(loc, idx(shape.m), m0));
  Value colsValid =
      min(idx(t.nc), b.createOrFold<arith::SubIOp>(loc, idx(shape.n), n0));
  Value numPanels = ceilDiv(colsValid, t.nr);
  Value numMicroRows = ceilDiv(rowsValid, t.mr);

  auto fill = [&](Value buffer, ArrayRef<int64_t> bufferShape) {
    (void)emitter.buildLoopNest(
        loc, bufferShape, {},
        [&](ValueRange indices, ValueRange) -> FailureOr<SmallVector<Value>> {
          b.create<memref::StoreOp>(loc, zero, buffer, indices);
          return SmallVector<Value>{};
        });
  };
  fill(cBlock, {t.mc, t.nc});
  // A partial panel's columns past N must read as zeros.
  if (shape.n % t.nr != 0)
    fill(panels, {t.nc / t.nr, t.kc, t.nr});

  LogicalResult status = success();
  forLoop(b, loc, idx(0), idx(shape.k), idx(t.kc), [&](Value k0) {
    Value kcValid =
        min(idx(t.kc), b.createOrFold<arith::SubIOp>(loc, idx(shape.k), k0));
    // Pack: panels[p][kk][j] = rhs(batch, k0 + kk, n0 + p * nr + j).
    forLoop(b, loc, idx(0), numPanels, idx(1), [&](Value p) {
      Value panelStart = add(n0, mul(p, t.nr));
      Value width =
          min(idx(t.nr),
              b.createOrFold<arith::SubIOp>(loc, idx(shape.n), panelStart));
      forLoop(b, loc, idx(0), kcValid, idx(1), [&](Value kk) {
        forLoop(b, loc, idx(0), width, idx(1), [&](Value j) {
          SmallVector<Value> rhsIndices(rhsRank);
          SmallVector<Value> batchIndices =
              emitter.delinearize(batchIndex, shape.batchShape);
          for (auto [i, d] : llvm::enumerate(rhsBatch))
            rhsIndices[d] = batchIndices[i];
          SmallVector<Value> kIndices =
              emitter.delinearize(add(k0, kk), shape.kShape);
          for (auto [i, d] : llvm::enumerate(rhsContracting))
            rhsIndices[d] = kIndices[i];
          SmallVector<Value> nIndices =
              emitter.delinearize(add(panelStart, j), shape.colShape);
          for (auto [i, d] : llvm::enumerate(rhsFree))
            rhsIndices[d] = nIndices[i];
          FailureOr<Value> element =
              emitter.emitElement(dot.getRhs(), rhsIndices);
          if (failed(element)) {
            status = failure();
            return;
          }
          b.create<memref::StoreOp>(loc, *element, panels,
                                    ValueRange{p, kk, j});
        });
      });
    });

    // The micro-kernel over every mr rows of every panel.
    forLoop(b, loc, idx(0), numPanels, idx(1), [&](Value p) {
      forLoop(b, loc, idx(0), numMicroRows, idx(1), [&](Value r) {
        Value rowBase = mul(r, t.mr);
        SmallVector<Value> lhsRows, accumulators;
        for (int64_t i = 0; i < t.mr; ++i) {
          // Rows past M repeat the last one; the epilogue never reads them.
          lhsRows.push_back(
              min(add(add(m0, rowBase), idx(i)), idx(shape.m - 1)));
          for (int64_t v = 0; v < kPanelVectors; ++v)
            accumulators.push_back(b.create<vector::LoadOp>(
                loc, vectorType, cBlock,
                ValueRange{add(rowBase, idx(i)),
                           add(mul(p, t.nr), idx(v * t.lanes))}));
        }
        auto kLoop =
            b.create<scf::ForOp>(loc, idx(0), kcValid, idx(1), accumulators);
        {
          OpBuilder::InsertionGuard kGuard(b);
          b.setInsertionPointToStart(kLoop.getBody());
          Value kk = kLoop.getInductionVar();
          ValueRange acc = kLoop.getRegionIterArgs();
          SmallVector<Value> panel;
          for (int64_t v = 0; v < kPanelVectors; ++v)
            panel.push_back(b.create<vector::LoadOp>(
                loc, vectorType, panels, ValueRange{p, kk, idx(v * t.lanes)}));
          Value k = add(k0, kk);
          SmallVector<Value> next;
          for (int64_t i = 0; i < t.mr; ++i) {
            SmallVector<Value> lhsIndices;
            if (hasBatch)
              lhsIndices.push_back(batchIndex);
            lhsIndices.append({lhsRows[i], k});
            Value a = b.create<vector::BroadcastOp>(
                loc, vectorType,
                b.create<memref::LoadOp>(loc, lhs3, lhsIndices));
            for (int64_t v = 0; v < kPanelVectors; ++v)
              next.push_back(b.create<math::FmaOp>(loc, a, panel[v],
                                                   acc[i * kPanelVectors + v]));
          }
          b.create<scf::YieldOp>(loc, next);
        }
        for (int64_t i = 0; i < t.mr; ++i)
          for (int64_t v = 0; v < kPanelVectors; ++v)
            b.create<vector::StoreOp>(
                loc, kLoop.getResult(i * kPanelVectors + v), cBlock,
                ValueRange{add(rowBase, idx(i)),
                           add(mul(p, t.nr), idx(v * t.lanes))});
      });
    });
  });
  if (failed(status))
    return failure();

  // The epilogue: every root of the tile's valid rows and columns, the dot
  // read from C.
  SmallVector<Value> roots = build.roots();
  forLoop(b, loc, idx(0), rowsValid, idx(1), [&](Value i) {
    forLoop(b, loc, idx(0), colsValid, idx(1), [&](Value j) {
      if (failed(status))
        return;
      SmallVector<Value> indices =
          emitter.delinearize(batchIndex, shape.batchShape);
      llvm::append_range(indices,
                         emitter.delinearize(add(m0, i), shape.rowShape));
      llvm::append_range(indices,
                         emitter.delinearize(add(n0, j), shape.colShape));
      emitter.provideElement(
          dot.getResult(), indices,
          b.create<memref::LoadOp>(loc, cBlock, ValueRange{i, j}));
      for (Value root : roots) {
        FailureOr<Value> element = emitter.emitElement(root, indices);
        if (failed(element)) {
          status = failure();
          return;
        }
        build.storeRoot(root, *element, indices);
      }
    });
  });
  if (failed(status))
    return failure();
  return numTasks;
}

} // namespace kiln
