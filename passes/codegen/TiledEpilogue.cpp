//===- TiledEpilogue.cpp - An output fusion's epilogue in registers -------===//
//
// RegisterEpilogue: the match walks the fusion body in order, taking each
// op that reads the contraction's result or an op taken before as a step
// and classifying its other operands by how a vector of the result's row
// reads them; apply emits the same ops on vectors of a row's columns,
// applyToColumn on vectors of a column's rows (a transposed micro-kernel's).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledEpilogue.h"

#include "passes/codegen/ScalarSemantics.h"
#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;

namespace kiln {

/// The f32 splat `value` holds, directly or broadcast.
static std::optional<float> splatOf(Value value) {
  if (auto broadcast = value.getDefiningOp<hlo::BroadcastInDimOp>())
    value = broadcast.getOperand();
  auto constant = value.getDefiningOp<hlo::ConstantOp>();
  auto elements =
      constant ? dyn_cast<DenseElementsAttr>(constant.getValue()) : nullptr;
  if (!elements || !elements.isSplat() || !elements.getElementType().isF32())
    return std::nullopt;
  return elements.getSplatValue<float>();
}

/// Whether `value` lies in memory as the kernel reads it: a fusion input
/// or a non-splat constant.
static bool isReadable(Value value, hlo::FusionOp fusion) {
  if (auto argument = dyn_cast<BlockArgument>(value))
    return argument.getOwner() == &fusion.getBody().front();
  return bool(storedConstant(value));
}

/// Whether the registers compute `op`: one of RegisterEpilogue's ops, on
/// f32.
static bool isRegisterOp(Operation *op) {
  return isa<hlo::AddOp, hlo::SubtractOp, hlo::MulOp, hlo::DivOp, hlo::MaxOp,
             hlo::MinOp, hlo::ClampOp, hlo::NegOp, hlo::AbsOp, hlo::ExpOp,
             hlo::TanhOp, hlo::ErfOp, hlo::SqrtOp>(op) &&
         op->getNumResults() == 1 &&
         cast<ShapedType>(op->getResult(0).getType()).getElementType().isF32();
}

std::optional<RegisterEpilogue>
RegisterEpilogue::match(hlo::FusionOp fusion, const ContractionShape &shape) {
  Value result = shape.op->getResult(0);
  ArrayRef<int64_t> resultShape = shapeOf(result);
  int64_t rank = resultShape.size();
  // The dims along which the [batch][M][N] result's rows and columns run.
  int64_t rowDim = -1, colDim = -1;
  if (auto conv = dyn_cast<hlo::ConvolutionOp>(shape.op)) {
    // The output features are the rows, or with feature columns the
    // columns (the rows then the positions, which run along several dims).
    int64_t featureDim = conv.getDimensionNumbers().getOutputFeatureDimension();
    (shape.featureColumns ? colDim : rowDim) = featureDim;
  } else if (rank >= 2 && resultShape[rank - 2] == shape.m &&
             resultShape[rank - 1] == shape.n) {
    rowDim = rank - 2;
    colDim = rank - 1;
  } else {
    return std::nullopt;
  }
  Block &body = fusion.getBody().front();
  Operation *terminator = body.getTerminator();
  if (terminator->getNumOperands() != 1 || terminator->getOperand(0) == result)
    return std::nullopt;
  // A grouped convolution's batches are its images' groups (a depthwise
  // one's rows are all its features, KernelEmitterRowWindow.cpp).
  RegisterEpilogue epilogue;
  if (auto conv = dyn_cast<hlo::ConvolutionOp>(shape.op);
      conv && hlo::isGroupedMatrixConvolution(conv))
    epilogue.groups.emplace(conv);

  // How a vector of the result's row reads `value`, an operand computed
  // before nothing here: a splat, a bias per row or column, a residual.
  auto classify = [&](Value value) -> std::optional<Operand> {
    Operand operand{Operand::Splat};
    auto broadcast = value.getDefiningOp<hlo::BroadcastInDimOp>();
    if (std::optional<float> splat = splatOf(value)) {
      operand.splat = *splat;
      return operand;
    }
    // The one result dim a broadcast operand varies along (-1: none, -2:
    // several): a 1-D bias, or one with unit dims around it (ONNX's [1, C,
    // 1, 1]), whose flat index is then its index along that dim. A unit
    // dim is a single element stretched along the result's.
    int64_t alongDim = -1;
    if (broadcast && isReadable(broadcast.getOperand(), fusion))
      for (auto [size, dim] : llvm::zip(shapeOf(broadcast.getOperand()),
                                        broadcast.getBroadcastDimensions()))
        if (size != 1)
          alongDim = alongDim == -1 && size == resultShape[dim] ? dim : -2;
    if (alongDim >= 0 && (alongDim == rowDim || alongDim == colDim)) {
      operand.kind = alongDim == rowDim ? Operand::PerRow : Operand::PerColumn;
      operand.value = broadcast.getOperand();
    } else if (isReadable(value, fusion) && shapeOf(value) == resultShape) {
      operand.kind = Operand::PerElement;
      operand.value = value;
    } else {
      return std::nullopt;
    }
    if (!cast<ShapedType>(operand.value.getType()).getElementType().isF32())
      return std::nullopt;
    return operand;
  };

  // Every op that reads a computed value is a step, in the body's order.
  llvm::DenseMap<Value, int64_t> computed{{result, -1}};
  for (Operation &op : body.without_terminator()) {
    if (llvm::none_of(op.getOperands(),
                      [&](Value v) { return computed.count(v); }))
      continue;
    if (!isRegisterOp(&op) || shapeOf(op.getResult(0)) != resultShape)
      return std::nullopt;
    Step step{&op, {}};
    for (Value value : op.getOperands()) {
      if (auto it = computed.find(value); it != computed.end()) {
        step.operands.push_back({Operand::Computed, it->second});
        continue;
      }
      std::optional<Operand> operand = classify(value);
      if (!operand)
        return std::nullopt;
      step.operands.push_back(*operand);
    }
    computed[op.getResult(0)] = epilogue.steps.size();
    epilogue.steps.push_back(step);
  }
  // The root is the last step's result.
  if (epilogue.steps.empty() ||
      terminator->getOperand(0) != epilogue.steps.back().op->getResult(0))
    return std::nullopt;
  return epilogue;
}

void RegisterEpilogue::bind(KernelBuild &build) {
  for (Step &step : steps)
    for (Operand &operand : step.operands)
      if (operand.value)
        operand.memref = flatView(build, build.emitter.memrefOf(operand.value),
                                  step.op->getLoc());
}

bool RegisterEpilogue::readsPerElement() const {
  return llvm::any_of(steps, [](const Step &step) {
    return llvm::any_of(step.operands, [](const Operand &operand) {
      return operand.kind == Operand::PerElement;
    });
  });
}

void RegisterEpilogue::prefetch(OpBuilder &b, Location loc, Value at) const {
  llvm::SmallPtrSet<Value, 2> fetched;
  for (const Step &step : steps)
    for (const Operand &operand : step.operands)
      if (operand.kind == Operand::PerElement &&
          fetched.insert(operand.memref).second)
        b.create<memref::PrefetchOp>(loc, operand.memref, ValueRange{at},
                                     /*isWrite=*/false, /*localityHint=*/3,
                                     /*isDataCache=*/true);
}

Value RegisterEpilogue::applySteps(OpBuilder &b, Location loc, Value sums,
                                   Operand::Kind along, Value row, Value column,
                                   function_ref<Value()> elementOffset,
                                   Value mask) const {
  auto vectorType = cast<VectorType>(sums.getType());
  SmallVector<Value> results;
  auto vectorOf = [&](const Operand &operand) -> Value {
    switch (operand.kind) {
    case Operand::Computed:
      return operand.step < 0 ? sums : results[operand.step];
    case Operand::Splat:
      return b.create<arith::ConstantOp>(
          loc,
          DenseElementsAttr::get(vectorType, b.getF32FloatAttr(operand.splat)));
    case Operand::PerRow:
    case Operand::PerColumn: {
      // A vector from memory where it runs along the sums' lanes (the lanes
      // outside the mask as zeros), else one element broadcast.
      Value index = operand.kind == Operand::PerRow ? row : column;
      if (operand.kind == along)
        return loadVector(b, loc, vectorType, operand.memref, index, mask);
      return b.create<vector::BroadcastOp>(
          loc, vectorType,
          b.create<memref::LoadOp>(loc, operand.memref, index));
    }
    case Operand::PerElement:
      return loadVector(b, loc, vectorType, operand.memref, elementOffset(),
                        mask);
    }
    llvm_unreachable("an operand of each kind");
  };
  for (const Step &step : steps) {
    SmallVector<Value> x;
    for (const Operand &operand : step.operands)
      x.push_back(vectorOf(operand));
    // Each op's f32 meaning in ScalarSemantics, on vectors.
    Value value = buildScalarOp(b, loc, step.op, x);
    assert(value && "a step is an op the registers compute");
    results.push_back(value);
  }
  return results.back();
}

std::pair<Value, Value>
RegisterEpilogue::resultRowAndColumn(const ContractionShape &shape, Value batch,
                                     Value row, Value column,
                                     const IndexMath &math) const {
  if (!groups)
    return {row, column};
  if (shape.featureColumns)
    return {row, groups->outputFeature(math, batch, column)};
  return {groups->outputFeature(math, batch, row), column};
}

Value RegisterEpilogue::apply(OpBuilder &b, Location loc,
                              const ContractionShape &shape, Value sums,
                              Value batch, Value row, Value column, Value mask,
                              const IndexMath &math) const {
  auto [resultRow, resultColumn] =
      resultRowAndColumn(shape, batch, row, column, math);
  return applySteps(
      b, loc, sums, Operand::PerColumn, resultRow, resultColumn,
      [&] { return resultOffset(shape, batch, row, column, math); }, mask);
}

Value RegisterEpilogue::applyToColumn(OpBuilder &b, Location loc,
                                      const ContractionShape &shape, Value rows,
                                      Value batch, Value row0, Value column,
                                      Value mask, const IndexMath &math) const {
  auto [resultRow, resultColumn] =
      resultRowAndColumn(shape, batch, row0, column, math);
  // In [batch][N][M], the column's rows are one run.
  return applySteps(
      b, loc, rows, Operand::PerRow, resultRow, resultColumn,
      [&] { return transposedResultOffset(shape, batch, row0, column, math); },
      mask);
}

bool readsInputPerElement(hlo::FusionOp fusion, Operation *contraction) {
  SmallVector<Value> worklist(contraction->getOperands());
  llvm::DenseSet<Value> operands;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!operands.insert(value).second)
      continue;
    if (Operation *op = value.getDefiningOp())
      llvm::append_range(worklist, op->getOperands());
  }
  int64_t elements = product(shapeOf(contraction->getResult(0)));
  for (BlockArgument argument : fusion.getBody().front().getArguments())
    if (!operands.contains(argument) && product(shapeOf(argument)) >= elements)
      return true;
  return false;
}

void storeOutputVector(OpBuilder &b, Location loc,
                       const ContractionShape &shape, ArrayRef<Value> outputs,
                       const RegisterEpilogue *epilogue, Value sums,
                       Value batch, Value row, Value column,
                       std::optional<int64_t> columnsLeft,
                       const IndexMath &math) {
  Value at = resultOffset(shape, batch, row, column, math);
  Value mask;
  if (columnsLeft)
    mask = firstLanesMask(b, loc,
                          cast<VectorType>(sums.getType()).getNumElements(),
                          math.constant(*columnsLeft));
  if (epilogue)
    sums = epilogue->apply(b, loc, shape, sums, batch, row, column, mask, math);
  for (Value output : outputs)
    storeFirstLanes(b, loc, sums, output, at, columnsLeft);
}

void storeTransposedOutputs(OpBuilder &b, Location loc,
                            const ContractionShape &shape,
                            ArrayRef<TransposedRows> pieces,
                            ArrayRef<Value> outputs,
                            const RegisterEpilogue *epilogue, Value batch,
                            Value row0, Value column0, Value rowsLeft,
                            Value columnsLeft, const IndexMath &math) {
  int64_t rows =
      cast<VectorType>(pieces.front().rows.getType()).getNumElements();
  auto storePieces = [&](Value mask) {
    for (const TransposedRows &piece : pieces) {
      OpBuilder::InsertionGuard guard(b);
      Value offset = math.constant(piece.column);
      if (columnsLeft)
        b.setInsertionPointToStart(
            &b.create<scf::IfOp>(
                  loc,
                  b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                          offset, columnsLeft),
                  /*withElse=*/false)
                 .getThenRegion()
                 .front());
      Value column = math.add(column0, offset);
      Value value = piece.rows;
      if (epilogue)
        value = epilogue->applyToColumn(b, loc, shape, value, batch, row0,
                                        column, mask, math);
      Value at = transposedResultOffset(shape, batch, row0, column, math);
      for (Value output : outputs) {
        if (mask)
          b.create<vector::MaskedStoreOp>(loc, output, at, mask, value);
        else
          b.create<vector::StoreOp>(loc, value, output, at);
      }
    }
  };
  // Only a tile's last micro-kernel stores under masks.
  Value whole = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge,
                                        rowsLeft, math.constant(rows));
  auto branch = b.create<scf::IfOp>(loc, whole, /*withElse=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&branch.getThenRegion().front());
  storePieces({});
  b.setInsertionPointToStart(&branch.getElseRegion().front());
  storePieces(firstLanesMask(b, loc, rows, rowsLeft));
}

} // namespace kiln
