//===- KernelEmitterTiled.cpp - Register-tiled f32 contractions -----------===//
//
// A contraction that reads as a batch of [M, K] x [K, N] products
// (TiledContraction.h: dot_general, convolution) is computed the BLIS way:
//
//   for each tile of one batch, `mc` rows and `nc` columns (the task unit):
//     zero the tile's accumulator block C (mc x nc, on the stack)
//     for each slice of `kc` contracting indices:
//       pack the rhs slice into panels Bp[nc / nr][kc][nr] (TiledPacking.h:
//       on the stack, zero past N), through the elemental emitter: any rhs
//       layout, any producer fused into it, a convolution's patches; by
//       vectors where each k's row lies in one run of memory (a plain rhs,
//       contiguous patches), or by the view's own vectors (patches under
//       masks)
//       for each panel, for each `mr` rows: the micro-kernel (which also
//       fetches the rhs rows of the next slice into the caches, where
//       they are packed per call)
//         mr x nr accumulators held in vector registers; per k, nr / lanes
//         vector loads of the panel, mr broadcasts of lhs, mr * nr / lanes
//         FMAs (one vector's worth in a last panel that N leaves one
//         vector or less); then the accumulators go back to C (transposed
//         by shuffles where the epilogue walks rows innermost)
//     the epilogue computes the fusion's roots from C, contiguously in
//     the output: by the output's rows, or, laid out as C ([batch][M][N],
//     TiledContraction::resultIsMatrix) and reading nothing else per
//     element, by whole rows of the tile; where the fusion returns the
//     contraction alone, or through elementwise work the registers apply
//     (TiledEpilogue.h), laid out as C or as its transpose (a
//     feature-column convolution's NCHW output), the last slice's
//     micro-kernels store to the outputs instead, and there is no epilogue
//
// The panel slice stays in L1 while the micro-kernel sweeps the tile's rows,
// and the rows' lhs slice in L2. Sizes come from the target description
// (TiledTiling.h, with the panels' layout and what else is fixed while
// compiling).
// Every element sums its products in increasing k with one FMA each,
// whatever the tiles, so results do not depend on the thread count or on
// the target, and equal the interpreter's.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledBlockEpilogue.h"
#include "passes/codegen/TiledContraction.h"
#include "passes/codegen/TiledEpilogue.h"
#include "passes/codegen/TiledPacking.h"
#include "passes/codegen/TiledTiling.h"

#include "passes/codegen/ScalarSemantics.h"
#include "passes/codegen/TensorShapes.h"
#include "runtime/KilnRuntime.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln {

FailureOr<int64_t> emitTiledKernel(KernelBuild &build,
                                   const ContractionShape &matched) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  TiledContraction contraction = buildTiledContraction(build, matched);
  const ContractionShape &shape = contraction.shape;
  Location loc = shape.op->getLoc();
  Tiling t = chooseTiling(build.target, shape);

  Type f32 = b.getF32Type();
  auto vectorType = VectorType::get({t.lanes}, f32);
  IndexMath math{&emitter, loc};
  auto idx = [&](int64_t value) { return math.constant(value); };
  auto add = [&](Value x, Value y) { return math.add(x, y); };
  auto sub = [&](Value x, Value y) { return math.sub(x, y); };
  auto mul = [&](Value x, int64_t y) { return math.mul(x, y); };
  auto min = [&](Value x, Value y) { return math.min(x, y); };
  auto ceilDiv = [&](Value x, int64_t y) { return math.ceilDiv(x, y); };

  Value zero = buildZero(b, loc, f32);
  // With one slice of k, the accumulators start at zero in registers and
  // the block is only written; with several, each slice adds to it.
  bool oneSlice = shape.k <= t.kc;
  // Where the fusion returns the contraction alone, laid out as C, the
  // last slice's sums go straight to the outputs: nothing is left for an
  // epilogue to compute.
  SmallVector<Value> roots = build.roots();
  // So do those of a fusion whose elementwise work after the contraction
  // (a bias, an activation, a residual) the micro-kernels apply to their
  // final sums in registers.
  bool laidOutAsC =
      contraction.resultIsMatrix && !t.transposedRows && roots.size() == 1;
  // Likewise where the micro-kernels transpose their sums and the result
  // lies transposed: the epilogue then applies to the transposed vectors,
  // one column's rows each, which read a residual as one run.
  bool transposedAsOutputs = contraction.resultIsTransposedMatrix &&
                             t.transposedRows && roots.size() == 1;
  std::optional<RegisterEpilogue> registerEpilogue;
  if ((laidOutAsC || transposedAsOutputs) &&
      roots.front() != shape.op->getResult(0))
    registerEpilogue = RegisterEpilogue::match(build.fusion, shape);
  bool storesOutputs =
      (laidOutAsC || transposedAsOutputs) &&
      (roots.front() == shape.op->getResult(0) || registerEpilogue);
  // Otherwise, laid out as C, its rows cut into several grid rows (a
  // convolution's output rows) and reading nothing else per output element
  // (a bias, a scale per feature), the epilogue walks whole rows of the
  // tile, contiguous in the outputs too: rows of a small image (7, 14
  // outputs) are too short for LLVM to vectorize. A dot's grid row is the
  // whole row already.
  bool flatEpilogue = contraction.resultIsMatrix && !storesOutputs &&
                      contraction.gridInner < shape.n &&
                      !readsInputPerElement(build.fusion, shape.op);
  SmallVector<Value> outputs;
  if (storesOutputs || flatEpilogue)
    for (unsigned i = 0; i < build.fusion.getNumResults(); ++i)
      outputs.push_back(flatView(build, build.output(i), loc));
  if (registerEpilogue)
    registerEpilogue->bind(build);
  Value cBlock, cTransposed, panels;
  {
    // At the kernel's entry, so the stack does not grow per tile.
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    auto stackBuffer = [&](ArrayRef<int64_t> bufferShape) {
      return b.create<memref::AllocaOp>(loc, MemRefType::get(bufferShape, f32),
                                        ValueRange{}, b.getI64IntegerAttr(64));
    };
    if ((!t.transposedRows && !storesOutputs) || !oneSlice)
      cBlock = stackBuffer({t.mc, t.nc});
    if (t.transposedRows && !storesOutputs)
      cTransposed = stackBuffer({t.nc, t.mc + t.transposedRows - t.mr});
    panels = stackBuffer({t.nc / t.nr, t.kc, t.nr});
  }
  // The micro-kernels read the panels as one run of floats: the stack's,
  // or the weights cache's where it holds them.
  auto runType = MemRefType::get({ShapedType::kDynamic}, f32);
  Value packedRun =
      b.create<memref::CastOp>(loc, runType, flatView(build, panels, loc));
  std::optional<PackedWeights> cached =
      matchPackedWeights(build.fusion, build.target);
  // A constant rhs, packed now into a constant laid out as a cache slot.
  Value constantRun;
  if (contraction.rhsConstant)
    constantRun = b.create<memref::CastOp>(
        loc, runType,
        emitter.getGlobalMemref(shape.op, packConstant(t, shape, contraction)));
  Value cacheState, cacheRun;
  if (cached) {
    Value slot = build.weightsSlot();
    if (cast<MemRefType>(slot.getType()).getNumElements() !=
        cachedPanelFloats(t, shape))
      return build.fusion.emitError(
          "kiln-outline-kernels: the weights cache slot does not fit the "
          "tiling");
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    cacheState =
        b.create<memref::LoadOp>(loc, build.weightsState(), ValueRange{idx(0)});
    cacheRun = b.create<memref::CastOp>(loc, runType, slot);
  }

  auto constantTable = [&](ArrayRef<int32_t> table) {
    auto tableType = RankedTensorType::get({static_cast<int64_t>(table.size())},
                                           b.getI32Type());
    return emitter.getGlobalMemref(shape.op,
                                   DenseElementsAttr::get(tableType, table));
  };
  // Where the micro-kernels leave out the padding's products, their runs'
  // classes and a constant table of (class, first, end) per run.
  SmallVector<RowClass> rowClasses;
  Value runTable;
  if (shape.tapGroup) {
    SmallVector<int32_t> table;
    classifyRuns(t, shape, contraction, rowClasses, table);
    runTable = constantTable(table);
  }
  // Where they leave it out tap by tap, the masks of the runs' rows and a
  // constant table of one per run and tap.
  SmallVector<SmallVector<bool>> tapMasks;
  Value tapMaskTable;
  if (shape.featuresPerTap) {
    SmallVector<int32_t> table;
    classifyTapMasks(t, shape, contraction, tapMasks, table);
    tapMaskTable = constantTable(table);
  }

  int64_t rowTiles = (shape.m + t.mc - 1) / t.mc;
  int64_t colTiles = (shape.n + t.nc - 1) / t.nc;
  int64_t slices = (shape.k + t.kc - 1) / t.kc;
  int64_t tiles = shape.batch * colTiles * rowTiles;
  int64_t numTasks =
      chooseNumTasks(estimateCost(build.fusion, build.trafficBytes), tiles);

  auto fill = [&](Value buffer, ArrayRef<int64_t> bufferShape) {
    (void)emitter.buildLoopNest(
        loc, bufferShape, {},
        [&](ValueRange indices, ValueRange) -> FailureOr<SmallVector<Value>> {
          b.create<memref::StoreOp>(loc, zero, buffer, indices);
          return SmallVector<Value>{};
        });
  };
  // A partial panel's columns past N must read as zeros (masked loads
  // write them where rows are packed by vectors).
  bool zeroPanels = shape.n % t.nr != 0 && !contraction.rhsRows &&
                    !contraction.rhsVector && !constantRun;
  // In a slot's layout (PackedWeights), the panels of a slice start at
  // slotOffset(batch of the slot, column tile, slice).
  int64_t sliceFloats = t.nc * t.kc;
  auto slotOffset = [&](Value slotBatch, Value colTile, Value slice) {
    return mul(add(mul(add(mul(slotBatch, colTiles), colTile), slices), slice),
               sliceFloats);
  };
  auto isState = [&](kiln_weights_state value) {
    return b.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::eq, cacheState,
        b.create<arith::ConstantIntOp>(loc, value, 32));
  };
  LogicalResult status = success();

  // Where the graph packs the weights once per call (PackedWeights::
  // packsPerPanel), its first launch shares their (batch, column tile,
  // slice) panels out between its tasks and computes nothing; the second
  // reads them (KILN_WEIGHTS_READY).
  OpBuilder::InsertionGuard computeGuard(b);
  if (cached && cached->packsPerPanel > 1) {
    auto packOnly = b.create<scf::IfOp>(loc, isState(KILN_WEIGHTS_PACK_ONLY),
                                        /*withElse=*/true);
    b.setInsertionPointToStart(&packOnly.getThenRegion().front());
    int64_t slotBatches = shape.rhsBatches();
    auto [first, last] = taskRange(emitter, build.task(),
                                   slotBatches * colTiles * slices, numTasks);
    forLoop(b, loc, first, last, idx(1), [&](Value unit) {
      SmallVector<Value> at =
          emitter.delinearize(unit, {slotBatches, colTiles, slices});
      Value n0 = mul(at[1], t.nc), k0 = mul(at[2], t.kc);
      Value colsValid = min(idx(t.nc), sub(idx(shape.n), n0));
      // Packed straight into the slot, laid out as the stack's panels.
      SmallVector<int64_t> sizes = {t.nc / t.nr, t.kc, t.nr},
                           strides = {t.kc * t.nr, t.nr, 1};
      auto slotType =
          MemRefType::get(sizes, f32,
                          StridedLayoutAttr::get(
                              b.getContext(), ShapedType::kDynamic, strides));
      Value slotPanels = b.create<memref::ReinterpretCastOp>(
          loc, slotType, cacheRun,
          OpFoldResult(slotOffset(at[0], at[1], at[2])),
          getAsIndexOpFoldResult(b.getContext(), sizes),
          getAsIndexOpFoldResult(b.getContext(), strides));
      if (zeroPanels)
        fill(slotPanels, sizes);
      if (contraction.beginTile)
        contraction.beginTile(n0, colsValid);
      if (failed(packRhsSlice(b, loc, t, contraction, slotPanels, at[0], k0,
                              min(idx(t.kc), sub(idx(shape.k), k0)), n0,
                              ceilDiv(colsValid, t.nr), math)))
        status = failure();
    });
    b.setInsertionPointToStart(&packOnly.getElseRegion().front());
  }

  auto [begin, end] = taskRange(emitter, build.task(), tiles, numTasks);
  auto tileLoop = b.create<scf::ForOp>(loc, begin, end, idx(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(tileLoop.getBody());

  // Consecutive tiles share their columns, so their panels stay in L2.
  SmallVector<Value> tile = emitter.delinearize(
      tileLoop.getInductionVar(), {shape.batch, colTiles, rowTiles});
  Value batch = tile[0];
  Value m0 = mul(tile[2], t.mc), n0 = mul(tile[1], t.nc);
  Value rowsValid = min(idx(t.mc), sub(idx(shape.m), m0));
  Value colsValid = min(idx(t.nc), sub(idx(shape.n), n0));
  Value numPanels = ceilDiv(colsValid, t.nr);
  Value numMicroRows = ceilDiv(rowsValid, t.mr);

  Value zeroVector;
  if (oneSlice)
    zeroVector = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vectorType, b.getF32FloatAttr(0)));
  else
    fill(cBlock, {t.mc, t.nc});
  if (zeroPanels)
    fill(panels, {t.nc / t.nr, t.kc, t.nr});
  if (contraction.beginTile)
    contraction.beginTile(n0, colsValid);

  forLoop(b, loc, idx(0), idx(shape.k), idx(t.kc), [&](Value k0) {
    Value kcValid = min(idx(t.kc), sub(idx(shape.k), k0));
    auto packSlice = [&] {
      if (failed(packRhsSlice(b, loc, t, contraction, panels, batch, k0,
                              kcValid, n0, numPanels, math)))
        status = failure();
    };
    // The panels the micro-kernels read: panelRun from panelBase on.
    auto sliceOffset = [&] {
      Value slice = b.createOrFold<arith::DivUIOp>(loc, k0, idx(t.kc));
      return slotOffset(rhsBatchOf(shape, batch, math), tile[1], slice);
    };
    Value panelRun = packedRun, panelBase = idx(0);
    if (constantRun) {
      panelRun = constantRun;
      panelBase = sliceOffset();
    } else if (!cached) {
      packSlice();
    } else {
      Value offset = sliceOffset(), rowTile = tile[2];
      // Once the cache is ready it holds this slice's panels; while it
      // fills, the tiles of the first row block (of the first image, where
      // the rhs is shared), which pack each panel once between them, copy
      // theirs into it.
      auto branch =
          b.create<scf::IfOp>(loc, TypeRange{runType, b.getIndexType()},
                              isState(KILN_WEIGHTS_READY), /*withElse=*/true);
      OpBuilder::InsertionGuard ifGuard(b);
      b.setInsertionPointToStart(&branch.getThenRegion().front());
      b.create<scf::YieldOp>(loc, ValueRange{cacheRun, offset});
      b.setInsertionPointToStart(&branch.getElseRegion().front());
      packSlice();
      // With a shared rhs, the first image's tiles alone (its batches, one
      // per feature group, come first).
      Value firstRows = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                                rowTile, idx(0));
      if (shape.sharedRhs)
        firstRows = b.create<arith::AndIOp>(
            loc, firstRows,
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, batch,
                                    idx(shape.groups)));
      auto fillCache = b.create<scf::IfOp>(
          loc,
          b.create<arith::AndIOp>(loc, isState(KILN_WEIGHTS_FILL), firstRows),
          /*withElse=*/false);
      {
        OpBuilder::InsertionGuard fillGuard(b);
        b.setInsertionPointToStart(&fillCache.getThenRegion().front());
        forLoop(b, loc, idx(0), idx(sliceFloats), idx(t.lanes), [&](Value i) {
          Value run = b.create<vector::LoadOp>(loc, vectorType, packedRun, i);
          b.create<vector::StoreOp>(loc, run, cacheRun, add(offset, i));
        });
      }
      b.create<scf::YieldOp>(loc, ValueRange{packedRun, idx(0)});
      panelRun = branch.getResult(0);
      panelBase = branch.getResult(1);
    }
    contraction.beginSlice(k0, kcValid);

    // Where the rhs rows are packed per call, the micro-kernels fetch the
    // next slice's rows, each its share (nextSliceShare).
    bool prefetchRows = contraction.rhsRows && !constantRun && !oneSlice;
    // Where the panels were packed before the call, the micro-kernels
    // fetch the rows of the panel after theirs, next in the run, as they
    // read their own (prefetchesNextPanel).
    bool prefetchPanels =
        (constantRun || cached) &&
        prefetchesNextPanel(build.target, build.graphPanelBytes);
    // Where the epilogue reads an input per element (a residual), the
    // micro-kernels of the last slice fetch the lines they will read, one
    // per k, while their FMAs run: read in the epilogue, they missed the
    // caches with no FMAs left to overlap (1x1 64 -> 256 on 56x56 plus a
    // residual, 3.2 MB of it per call, on a Xeon whose one core reads 30
    // GB/s from L3: 0.84 -> 0.73 ms at 1 thread, AVX2 code 1.54 -> 1.40).
    // All of them at the micro-kernel's start gained 2%: the core stalled
    // on the burst.
    bool prefetchResidual = registerEpilogue && !t.transposedRows &&
                            registerEpilogue->readsPerElement();
    Value lastSlice, residualLines;
    if (prefetchResidual) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&build.kernel.front());
      residualLines = b.create<memref::AllocaOp>(
          loc, MemRefType::get({t.mr * t.panelVectors()}, b.getIndexType()));
    }
    if (prefetchResidual && !oneSlice)
      lastSlice = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                          add(k0, kcValid), idx(shape.k));
    // Emits `body` where it runs in the last slice only (everywhere with
    // one slice).
    auto inLastSlice = [&](function_ref<void()> body) {
      OpBuilder::InsertionGuard guard(b);
      if (lastSlice)
        b.setInsertionPointToStart(
            &b.create<scf::IfOp>(loc, lastSlice, /*withElse=*/false)
                 .getThenRegion()
                 .front());
      body();
    };
    // The micro-kernel over every mr rows of panel p, `vectors` of its
    // vectors wide.
    auto emitMicroKernels = [&](Value p, int64_t vectors) {
      // Rows [first, first + rows) of the next panel: the last panel of the
      // run fetches its own again.
      Value nextPanel;
      if (prefetchPanels)
        nextPanel = min(
            add(panelBase, mul(add(p, idx(1)), t.kc * t.nr)),
            sub(b.create<memref::DimOp>(loc, panelRun, 0), idx(t.kc * t.nr)));
      // A weights cache holds the panels once it is ready; before, each
      // tile packs its own into the stack, in cache already.
      auto fetchPanelRows = [&](Value first, int64_t rows) {
        prefetchRun(b, loc, panelRun, add(nextPanel, mul(first, t.nr)),
                    rows * t.nr, math);
      };
      auto prefetchPanelRows = [&](Value first, int64_t rows) {
        if (!prefetchPanels)
          return;
        OpBuilder::InsertionGuard prefetchGuard(b);
        if (!constantRun)
          b.setInsertionPointToStart(
              &b.create<scf::IfOp>(loc, isState(KILN_WEIGHTS_READY),
                                   /*withElse=*/false)
                   .getThenRegion()
                   .front());
        fetchPanelRows(first, rows);
      };
      forLoop(b, loc, idx(0), numMicroRows, idx(1), [&](Value r) {
        Value rowBase = mul(r, t.mr);
        // The run of rows' index in the image, for the tables per run.
        auto runIndex = [&] {
          return b.createOrFold<arith::DivUIOp>(loc, add(m0, rowBase),
                                                idx(t.mr));
        };
        SmallVector<Value> lhsRowIndices, lhsRows, accumulators;
        for (int64_t i = 0; i < t.mr; ++i) {
          // Rows past M repeat the last one; the epilogue never reads them,
          // and a store to the outputs writes the last row's sums again.
          Value row = min(add(add(m0, rowBase), idx(i)), idx(shape.m - 1));
          lhsRowIndices.push_back(row);
          lhsRows.push_back(contraction.lhsRowOffset(batch, row));
          for (int64_t v = 0; v < vectors; ++v)
            accumulators.push_back(
                oneSlice
                    ? zeroVector
                    : b.create<vector::LoadOp>(
                          loc, vectorType, cBlock,
                          ValueRange{add(rowBase, idx(i)),
                                     add(mul(p, t.nr), idx(v * t.lanes))}));
        }
        // The offsets of the lines the epilogue will read, the micro-kernel's
        // rows by its vectors, in a table so that the k loop, short of
        // registers (AVX2's 16), only loads line min(kk, last).
        if (prefetchResidual)
          inLastSlice([&] {
            storeVectorOffsets(b, loc, t, shape, residualLines, batch,
                               lhsRowIndices, add(n0, mul(p, t.nr)), vectors,
                               math);
          });
        auto prefetchResidualLine = [&](Value kk) {
          if (!prefetchResidual)
            return;
          inLastSlice([&] {
            Value line = min(kk, idx(t.mr * vectors - 1));
            registerEpilogue->prefetch(
                b, loc, b.create<memref::LoadOp>(loc, residualLines, line));
          });
        };
        // The sums of the slice, steps [begin, end) of it: one FMA per row
        // (those `rows` holds, where it holds any) and k, in increasing k.
        // Each step fetches rhs row fetchedK + kk where there is a fetchedK,
        // and the next panel's row where `panelRows`.
        auto sumSteps = [&](ValueRange init, Value begin, Value end,
                            Value fetchedK, bool panelRows,
                            ArrayRef<bool> rows) -> SmallVector<Value> {
          auto kLoop = b.create<scf::ForOp>(loc, begin, end, idx(1), init);
          OpBuilder::InsertionGuard kGuard(b);
          b.setInsertionPointToStart(kLoop.getBody());
          Value kk = kLoop.getInductionVar();
          ValueRange acc = kLoop.getRegionIterArgs();
          SmallVector<Value> panel;
          Value panelRow = add(panelBase, mul(add(mul(p, t.kc), kk), t.nr));
          for (int64_t v = 0; v < vectors; ++v)
            panel.push_back(b.create<vector::LoadOp>(
                loc, vectorType, panelRun, add(panelRow, idx(v * t.lanes))));
          if (fetchedK)
            prefetchRhsRow(b, loc, t, contraction, batch, add(fetchedK, kk), n0,
                           p, math);
          if (panelRows)
            fetchPanelRows(kk, 1);
          prefetchResidualLine(kk);
          if (t.lhsFetchDistance)
            prefetchLhsAhead(b, loc, t, contraction, lhsRows, k0, kk, kcValid,
                             math);
          Value column = contraction.lhsColumnOffset(add(k0, kk), kk);
          SmallVector<Value> next;
          for (int64_t i = 0; i < t.mr; ++i) {
            if (!rows.empty() && !rows[i]) {
              next.append(acc.begin() + i * vectors,
                          acc.begin() + (i + 1) * vectors);
              continue;
            }
            Value a = b.create<vector::BroadcastOp>(
                loc, vectorType,
                b.create<memref::LoadOp>(loc, contraction.lhs,
                                         add(lhsRows[i], column)));
            for (int64_t v = 0; v < vectors; ++v)
              next.push_back(b.create<math::FmaOp>(loc, a, panel[v],
                                                   acc[i * vectors + v]));
          }
          b.create<scf::YieldOp>(loc, next);
          return kLoop.getResults();
        };
        // With the padding left out tap by tap (featuresPerTap), the steps
        // go tap by tap, each with the rows of the run's mask for its tap.
        auto sumSliceSteps = [&](ValueRange init, Value begin, Value end,
                                 Value fetchedK,
                                 bool panelRows) -> SmallVector<Value> {
          if (!shape.featuresPerTap)
            return sumSteps(init, begin, end, fetchedK, panelRows, {});
          int64_t perTap = shape.featuresPerTap;
          Value first = add(k0, begin), last = add(k0, end);
          auto tapLoop = b.create<scf::ForOp>(
              loc, b.createOrFold<arith::DivUIOp>(loc, first, idx(perTap)),
              ceilDiv(last, perTap), idx(1), init);
          OpBuilder::InsertionGuard tapGuard(b);
          b.setInsertionPointToStart(tapLoop.getBody());
          Value tap = tapLoop.getInductionVar();
          Value tapK = mul(tap, perTap);
          Value stepsBegin = sub(math.max(first, tapK), k0);
          Value stepsEnd = sub(min(last, add(tapK, idx(perTap))), k0);
          ValueRange acc = tapLoop.getRegionIterArgs();
          auto mask = [&]() -> Value {
            return b.create<arith::IndexCastOp>(
                loc, b.getIndexType(),
                b.create<memref::LoadOp>(
                    loc, tapMaskTable,
                    add(mul(runIndex(), shape.k / perTap), tap)));
          };
          b.create<scf::YieldOp>(
              loc, switchOnClass(b, loc, TypeRange(acc), tapMasks.size(), mask,
                                 [&](int64_t c) {
                                   return sumSteps(acc, stepsBegin, stepsEnd,
                                                   fetchedK, panelRows,
                                                   tapMasks[c]);
                                 }));
          return tapLoop.getResults();
        };
        // Packing per call, the micro-kernel fetches its share of the next
        // slice's rows (nextSliceShare) in a loop over its first steps and
        // runs the others in one that fetches nothing.
        auto sumPackedSlice = [&](Value state) -> SmallVector<Value> {
          if (!prefetchRows)
            return sumSliceSteps(accumulators, idx(0), kcValid, Value(), false);
          NextSliceShare share = nextSliceShare(b, loc, t, shape, k0, r,
                                                numMicroRows, state, math);
          SmallVector<Value> fetching = sumSliceSteps(
              accumulators, idx(0), share.count, share.first, false);
          return sumSliceSteps(fetching, share.count, kcValid, Value(), false);
        };
        // Where the panels come from a weights cache that may be ready, the
        // micro-kernel is emitted for each case, so that no k loop tests
        // the cache's state: LLVM took the test out of one loop but not out
        // of a split one (1024^3 at 256 bits 9% slower).
        auto sumSlice = [&]() -> SmallVector<Value> {
          if (constantRun)
            return sumSliceSteps(accumulators, idx(0), kcValid, Value(),
                                 prefetchPanels);
          if (!prefetchPanels)
            return sumPackedSlice(cacheState);
          SmallVector<Type> types(accumulators.size(), vectorType);
          auto ready =
              b.create<scf::IfOp>(loc, types, isState(KILN_WEIGHTS_READY),
                                  /*withElse=*/true);
          OpBuilder::InsertionGuard readyGuard(b);
          b.setInsertionPointToStart(&ready.getThenRegion().front());
          b.create<scf::YieldOp>(
              loc, sumSliceSteps(accumulators, idx(0), kcValid, Value(), true));
          b.setInsertionPointToStart(&ready.getElseRegion().front());
          b.create<scf::YieldOp>(loc, sumPackedSlice(Value()));
          return ready.getResults();
        };
        // With a class of rows (tapGroup), the same sums but those with the
        // padding: k runs over the slice's features, and within each over
        // the rows of taps [tapRowBegin, tapRowEnd) that reach the run (or
        // every row of taps, unrolled, where the class has a pattern per
        // row), each row's taps unrolled. Tap `tap` of row of taps r of
        // feature f of row i reads the lhs at the first row's, plus
        // rowClass.offsets[i] + tap * lhsTapStride, plus f *
        // lhsFeatureStride + r * lhsTapRowStride. Where the taps' shared
        // elements, kept in registers, would spill sums (keepsSharedTapLoads:
        // AVX2 code at stride 2), each tap loads its own.
        auto sumFeatures = [&](const RowClass &rowClass, Value tapRowBegin,
                               Value tapRowEnd) -> SmallVector<Value> {
          int64_t taps = shape.tapGroup, rowLength = shape.tapRowLength;
          Value firstFeature =
              b.createOrFold<arith::DivUIOp>(loc, k0, idx(taps));
          auto featureLoop = b.create<scf::ForOp>(
              loc, idx(0),
              b.createOrFold<arith::DivUIOp>(loc, kcValid, idx(taps)), idx(1),
              accumulators);
          OpBuilder::InsertionGuard featureGuard(b);
          b.setInsertionPointToStart(featureLoop.getBody());
          Value f = featureLoop.getInductionVar();
          prefetchPanelRows(mul(f, taps), taps);
          Value featureStart =
              add(lhsRows.front(),
                  mul(add(firstFeature, f), contraction.lhsFeatureStride));
          bool keepsLoads =
              keepsSharedTapLoads(t, shape, contraction, rowClass, vectors,
                                  build.target.vectorRegisters);
          auto sumTapRow = [&](SmallVector<Value> acc, Value tapRow,
                               ArrayRef<SmallVector<bool>> reaches) {
            Value tapRowStart =
                add(featureStart, mul(tapRow, contraction.lhsTapRowStride));
            Value firstK = add(mul(f, taps), mul(tapRow, rowLength));
            for (int64_t tap = 0; tap < rowLength; ++tap) {
              Value tapStart = keepsLoads
                                   ? tapRowStart
                                   : opaqueIndex(b, loc, tapRowStart, tap);
              SmallVector<Value> panel;
              Value panelRow =
                  add(panelBase,
                      mul(add(mul(p, t.kc), add(firstK, idx(tap))), t.nr));
              for (int64_t v = 0; v < vectors; ++v)
                panel.push_back(
                    b.create<vector::LoadOp>(loc, vectorType, panelRun,
                                             add(panelRow, idx(v * t.lanes))));
              for (int64_t i = 0; i < t.mr; ++i) {
                if (!reaches[tap][i])
                  continue;
                Value a = b.create<vector::BroadcastOp>(
                    loc, vectorType,
                    b.create<memref::LoadOp>(
                        loc, contraction.lhs,
                        add(tapStart, idx(rowClass.offsets[i] +
                                          tap * contraction.lhsTapStride))));
                for (int64_t v = 0; v < vectors; ++v)
                  acc[i * vectors + v] = b.create<math::FmaOp>(
                      loc, a, panel[v], acc[i * vectors + v]);
              }
            }
            return acc;
          };
          SmallVector<Value> acc(featureLoop.getRegionIterArgs());
          if (rowClass.reaches.size() == 1) {
            auto tapRowLoop =
                b.create<scf::ForOp>(loc, tapRowBegin, tapRowEnd, idx(1), acc);
            OpBuilder::InsertionGuard tapRowGuard(b);
            b.setInsertionPointToStart(tapRowLoop.getBody());
            b.create<scf::YieldOp>(
                loc,
                sumTapRow(SmallVector<Value>(tapRowLoop.getRegionIterArgs()),
                          tapRowLoop.getInductionVar(),
                          rowClass.reaches.front()));
            acc.assign(tapRowLoop.getResults().begin(),
                       tapRowLoop.getResults().end());
          } else {
            for (auto [tapRow, reaches] : llvm::enumerate(rowClass.reaches))
              acc = sumTapRow(acc, idx(tapRow), reaches);
          }
          b.create<scf::YieldOp>(loc, acc);
          return featureLoop.getResults();
        };
        SmallVector<Value> sums;
        if (!shape.tapGroup) {
          sums = sumSlice();
        } else {
          // The run's entry in the table: its class and rows of taps.
          Value entry = mul(runIndex(), 3);
          auto tableAt = [&](int64_t field) {
            return b.create<arith::IndexCastOp>(
                loc, b.getIndexType(),
                b.create<memref::LoadOp>(loc, runTable,
                                         add(entry, idx(field))));
          };
          Value tapRowBegin = tableAt(1), tapRowEnd = tableAt(2);
          SmallVector<Type> types(accumulators.size(), vectorType);
          sums = switchOnClass(
              b, loc, types, rowClasses.size(), [&] { return tableAt(0); },
              [&](int64_t c) {
                return sumFeatures(rowClasses[c], tapRowBegin, tapRowEnd);
              });
        }
        auto storeRows = [&] {
          for (int64_t i = 0; i < t.mr; ++i)
            for (int64_t v = 0; v < vectors; ++v)
              b.create<vector::StoreOp>(
                  loc, sums[i * vectors + v], cBlock,
                  ValueRange{add(rowBase, idx(i)),
                             add(mul(p, t.nr), idx(v * t.lanes))});
        };
        auto storeFinal = [&] {
          Value panelStart = add(n0, mul(p, t.nr));
          if (t.transposedRows && !storesOutputs) {
            storeTransposed(b, loc,
                            transposeSums(b, loc, t.transposedRows, t.mr, sums),
                            cTransposed, rowBase, mul(p, t.nr), math);
            return;
          }
          if (t.transposedRows) {
            Value featuresLeft;
            if (shape.n % t.nr != 0)
              featuresLeft = sub(idx(shape.n), panelStart);
            storeTransposedOutputs(
                b, loc, shape,
                transposeSums(b, loc, t.transposedRows, t.mr, sums), outputs,
                registerEpilogue ? &*registerEpilogue : nullptr, batch,
                add(m0, rowBase), panelStart, sub(rowsValid, rowBase),
                featuresLeft, math);
            return;
          }
          // Only N's last panel is cut short (the others are whole, in
          // whole tiles), so its columns left are known while compiling.
          auto storeVectors = [&](bool masked) {
            for (int64_t i = 0; i < t.mr; ++i)
              for (int64_t v = 0; v < vectors; ++v) {
                std::optional<int64_t> columnsLeft;
                if (int64_t left = shape.n % t.nr - v * t.lanes;
                    masked && left < t.lanes) {
                  if (left <= 0)
                    continue;
                  columnsLeft = left;
                }
                storeOutputVector(
                    b, loc, shape, outputs,
                    registerEpilogue ? &*registerEpilogue : nullptr,
                    sums[i * vectors + v], batch, lhsRowIndices[i],
                    add(panelStart, idx(v * t.lanes)), columnsLeft, math);
              }
          };
          if (shape.n % t.nr == 0 || shape.n % t.nr >= vectors * t.lanes) {
            storeVectors(/*masked=*/false);
            return;
          }
          // Only the panel that N cuts short stores under masks.
          Value whole = b.create<arith::CmpIOp>(
              loc, arith::CmpIPredicate::sle,
              add(panelStart, idx(vectors * t.lanes)), idx(shape.n));
          auto branch = b.create<scf::IfOp>(loc, whole, /*withElse=*/true);
          OpBuilder::InsertionGuard ifGuard(b);
          b.setInsertionPointToStart(&branch.getThenRegion().front());
          storeVectors(/*masked=*/false);
          b.setInsertionPointToStart(&branch.getElseRegion().front());
          storeVectors(/*masked=*/true);
        };
        if (!t.transposedRows && !storesOutputs) {
          storeRows();
        } else if (oneSlice) {
          storeFinal();
        } else {
          // The last slice's sums are final: those go to the epilogue, or
          // to the outputs.
          Value last = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                               add(k0, kcValid), idx(shape.k));
          auto branch = b.create<scf::IfOp>(loc, last, /*withElse=*/true);
          OpBuilder::InsertionGuard ifGuard(b);
          b.setInsertionPointToStart(&branch.getThenRegion().front());
          storeFinal();
          b.setInsertionPointToStart(&branch.getElseRegion().front());
          storeRows();
        }
      });
    };
    // The rhs's last panel, where N leaves it one vector or less, takes
    // micro-kernels one vector wide: the other would only compute columns
    // past N.
    int64_t panelVectors = t.panelVectors();
    bool lastPanelMayBeNarrow =
        panelVectors > 1 && shape.n % t.nr != 0 && shape.n % t.nr <= t.lanes;
    forLoop(b, loc, idx(0), numPanels, idx(1), [&](Value p) {
      if (!lastPanelMayBeNarrow) {
        emitMicroKernels(p, panelVectors);
        return;
      }
      Value narrow =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sle,
                                  sub(colsValid, mul(p, t.nr)), idx(t.lanes));
      auto branch = b.create<scf::IfOp>(loc, narrow, /*withElse=*/true);
      OpBuilder::InsertionGuard ifGuard(b);
      b.setInsertionPointToStart(&branch.getThenRegion().front());
      emitMicroKernels(p, 1);
      b.setInsertionPointToStart(&branch.getElseRegion().front());
      emitMicroKernels(p, panelVectors);
    });
  });
  if (failed(status))
    return failure();

  if (storesOutputs)
    return numTasks;
  if (failed(emitBlockEpilogue(
          build, contraction,
          {t.transposedRows ? cTransposed : cBlock, t.transposedRows != 0,
           batch, m0, n0, rowsValid, colsValid},
          flatEpilogue ? ArrayRef<Value>(outputs) : ArrayRef<Value>())))
    return failure();
  return numTasks;
}

} // namespace kiln
