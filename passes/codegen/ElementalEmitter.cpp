//===- ElementalEmitter.cpp - Element reuse, arguments, elementwise ops ---===//
//
// The dispatch of the elemental emitter and its leaf rules: fusion body
// arguments (memref loads), constants (splats as arith.constant, the rest as
// memref.globals) and elementwise ops, whose scalar code is the linalg
// lowering's buildScalarOp so that both paths share Kiln's edge-case
// semantics.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/ElementalEmitter.h"

#include "dialects/hlo/HloDialect.h"
#include "passes/codegen/ScalarSemantics.h"

#include "mlir/IR/TypeUtilities.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace kiln {

ElementalEmitter::ElementalEmitter(OpBuilder &builder, ModuleOp module,
                                   func::FuncOp kernel)
    : b(builder), module(module), kernel(kernel) {}

void ElementalEmitter::bindArgument(Value bodyValue, Value memref) {
  arguments[bodyValue] = memref;
}

Value ElementalEmitter::index(int64_t value) {
  return b.create<arith::ConstantIndexOp>(kernel.getLoc(), value);
}

Value ElementalEmitter::isInRange(Location loc, Value position, int64_t size) {
  return b.create<arith::AndIOp>(
      loc,
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, position,
                              index(0)),
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, position,
                              index(size)));
}

SmallVector<Value> ElementalEmitter::delinearize(Value linear,
                                                 ArrayRef<int64_t> shape) {
  Location loc = linear.getLoc();
  SmallVector<Value> indices(shape.size());
  Value rest = linear;
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    if (shape[d] == 1) {
      indices[d] = index(0);
      continue;
    }
    if (d == 0) {
      indices[d] = rest;
      break;
    }
    Value size = index(shape[d]);
    indices[d] = b.createOrFold<arith::RemUIOp>(loc, rest, size);
    rest = b.createOrFold<arith::DivUIOp>(loc, rest, size);
  }
  return indices;
}

FailureOr<SmallVector<Value>> ElementalEmitter::buildLoopNest(
    Location loc, ArrayRef<int64_t> shape, ValueRange inits,
    function_ref<FailureOr<SmallVector<Value>>(ValueRange, ValueRange)> body) {
  SmallVector<Value> indices;
  // Recursion over the dims: each level is one scf.for carrying `carried`.
  std::function<FailureOr<SmallVector<Value>>(size_t, ValueRange)> level =
      [&](size_t d, ValueRange carried) -> FailureOr<SmallVector<Value>> {
    if (d == shape.size())
      return body(indices, carried);
    auto loop =
        b.create<scf::ForOp>(loc, index(0), index(shape[d]), index(1), carried);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    indices.push_back(loop.getInductionVar());
    FailureOr<SmallVector<Value>> results =
        level(d + 1, loop.getRegionIterArgs());
    indices.pop_back();
    if (failed(results))
      return failure();
    // scf.for built with no iter_args already has its yield.
    if (!carried.empty())
      b.create<scf::YieldOp>(loc, *results);
    return SmallVector<Value>(loop.getResults());
  };
  return level(0, inits);
}

//===----------------------------------------------------------------------===//
// Element reuse
//===----------------------------------------------------------------------===//

/// An element emitted earlier is usable if it is defined in the insertion
/// block or in a block enclosing it: the emitter only appends, so such a
/// definition precedes the insertion point.
bool ElementalEmitter::dominatesInsertionPoint(Value element) {
  Block *defining = element.getParentBlock();
  for (Block *block = b.getInsertionBlock(); block;) {
    if (block == defining)
      return true;
    Operation *parent = block->getParentOp();
    block = parent ? parent->getBlock() : nullptr;
  }
  return false;
}

Value ElementalEmitter::lookup(Value value, ValueRange indices) {
  auto it = cache.find(value);
  if (it == cache.end())
    return {};
  for (CacheEntry &entry : llvm::reverse(it->second))
    if (llvm::equal(entry.indices, indices) &&
        dominatesInsertionPoint(entry.element))
      return entry.element;
  return {};
}

void ElementalEmitter::provideElement(Value value, ValueRange indices,
                                      Value element) {
  cache[value].push_back({SmallVector<Value>(indices), element});
}

FailureOr<Value> ElementalEmitter::emitElement(Value value,
                                               ValueRange indices) {
  if (Value cached = lookup(value, indices))
    return cached;
  if (override) {
    if (Value element = override(value, indices)) {
      provideElement(value, indices, element);
      return element;
    }
  }
  Operation *op = value.getDefiningOp();
  if (!op) {
    FailureOr<Value> element = emitArgument(value, indices);
    if (succeeded(element))
      provideElement(value, indices, *element);
    return element;
  }
  FailureOr<SmallVector<Value>> elements = emitOp(op, indices);
  if (failed(elements))
    return failure();
  for (auto [result, element] : llvm::zip_equal(op->getResults(), *elements))
    provideElement(result, indices, element);
  return (*elements)[cast<OpResult>(value).getResultNumber()];
}

FailureOr<SmallVector<Value>> ElementalEmitter::emitOp(Operation *op,
                                                       ValueRange indices) {
  auto single = [](FailureOr<Value> element) -> FailureOr<SmallVector<Value>> {
    if (failed(element))
      return failure();
    return SmallVector<Value>{*element};
  };
  if (isa<hlo::ConstantOp>(op))
    return single(emitConstant(op, indices));
  if (isScalarizable(op))
    return single(emitElementwise(op, indices));
  if (isa<hlo::ReduceOp>(op))
    return emitReduce(op, indices);
  if (isa<hlo::ReduceWindowOp>(op))
    return emitReduceWindow(op, indices);
  if (isa<hlo::DotGeneralOp>(op))
    return single(emitDotGeneral(op, indices));
  if (isa<hlo::ConvolutionOp>(op))
    return single(emitConvolution(op, indices));
  return single(emitShapeOp(op, indices));
}

//===----------------------------------------------------------------------===//
// Leaves
//===----------------------------------------------------------------------===//

FailureOr<Value> ElementalEmitter::emitArgument(Value bodyValue,
                                                ValueRange indices) {
  Value memref = arguments.lookup(bodyValue);
  if (!memref) {
    emitError(bodyValue.getLoc(), "value is not bound to a kernel argument");
    return failure();
  }
  return b.create<memref::LoadOp>(bodyValue.getLoc(), memref, indices)
      .getResult();
}

/// `value` with the element type kernels hold it in: unsigned integers as
/// the signless ones of their width, the same bits.
static DenseElementsAttr asStorage(DenseElementsAttr value) {
  Type storage = storageTypeOf(value.getElementType());
  return storage == value.getElementType() ? value : value.bitcast(storage);
}

Value ElementalEmitter::getGlobalMemref(Operation *constant,
                                        DenseElementsAttr value) {
  if (Value memref = globals.lookup(value))
    return memref;
  value = asStorage(value);
  auto tensorType = cast<RankedTensorType>(value.getType());
  auto memrefType =
      MemRefType::get(tensorType.getShape(), tensorType.getElementType());
  // The global holds the elements as one flat array: LLVM uniques every
  // innermost row of a nested constant array by its bytes, which for a
  // model's weights (rows of 3 floats in a 3x3 kernel) costs seconds.
  bool flatten = tensorType.getRank() > 1 && tensorType.getNumElements() > 0;
  auto globalType = flatten ? MemRefType::get({tensorType.getNumElements()},
                                              tensorType.getElementType())
                            : memrefType;
  DenseElementsAttr globalValue =
      flatten ? value.reshape(RankedTensorType::get(
                    globalType.getShape(), tensorType.getElementType()))
              : value;
  // Kernels share one global per distinct constant.
  memref::GlobalOp global;
  for (auto existing : module.getOps<memref::GlobalOp>())
    if (existing.getConstant() && existing.getType() == globalType &&
        existing.getInitialValueAttr() == globalValue)
      global = existing;
  if (!global) {
    // Built detached, then inserted: the symbol table renames it if the
    // name is taken.
    OpBuilder detached(module.getContext());
    global = detached.create<memref::GlobalOp>(
        constant->getLoc(), "__kiln_constant",
        detached.getStringAttr("private"), globalType, globalValue,
        /*constant=*/true, /*alignment=*/IntegerAttr());
    SymbolTable(module).insert(global, module.getBody()->begin());
  }
  // Read the global's address once, at the kernel's entry, and view it in
  // the constant's shape.
  OpBuilder entryBuilder = OpBuilder::atBlockBegin(&kernel.front());
  Value memref = entryBuilder.create<memref::GetGlobalOp>(
      constant->getLoc(), globalType, global.getSymName());
  if (flatten) {
    ReassociationIndices all =
        llvm::to_vector(llvm::seq<int64_t>(0, tensorType.getRank()));
    memref = entryBuilder.create<memref::ExpandShapeOp>(
        constant->getLoc(), memrefType, memref,
        llvm::ArrayRef<ReassociationIndices>{all});
  }
  globals[value] = memref;
  return memref;
}

Value ElementalEmitter::memrefOf(Value bodyValue) {
  if (Value memref = arguments.lookup(bodyValue))
    return memref;
  if (auto constant = bodyValue.getDefiningOp<hlo::ConstantOp>())
    if (auto value = dyn_cast<DenseElementsAttr>(constant.getValue()))
      return getGlobalMemref(constant, value);
  return {};
}

FailureOr<Value> ElementalEmitter::emitConstant(Operation *op,
                                                ValueRange indices) {
  auto constant = cast<hlo::ConstantOp>(op);
  auto value = dyn_cast<DenseElementsAttr>(constant.getValue());
  if (!value)
    return op->emitError("constant of this attribute kind cannot be emitted "
                         "into a kernel");
  if (value.isSplat())
    return b
        .create<arith::ConstantOp>(
            op->getLoc(),
            cast<TypedAttr>(asStorage(value).getSplatValue<Attribute>()))
        .getResult();
  return b
      .create<memref::LoadOp>(op->getLoc(), getGlobalMemref(op, value), indices)
      .getResult();
}

/// Whether `value` is x - max(x) broadcast back along the reduced dims, x
/// f32 (softmax's shift): at most 0, or NaN, whatever the reduce's init,
/// since the maximum is at least every element.
static bool isShiftedByItsMaximum(Value value) {
  auto shift = value.getDefiningOp<hlo::SubtractOp>();
  if (!shift)
    return false;
  auto broadcast = shift.getRhs().getDefiningOp<hlo::BroadcastInDimOp>();
  auto reduce = broadcast
                    ? broadcast.getOperand().getDefiningOp<hlo::ReduceOp>()
                    : hlo::ReduceOp();
  if (!reduce || !isa_and_nonnull<hlo::MaxOp>(hlo::plainF32Combiner(reduce)) ||
      reduce.getInputs().front() != shift.getLhs())
    return false;
  // The broadcast puts the kept dims back where they were.
  int64_t rank = cast<RankedTensorType>(shift.getType()).getRank();
  SmallVector<int64_t> kept;
  for (int64_t dim = 0; dim < rank; ++dim)
    if (!llvm::is_contained(reduce.getDimensions(), dim))
      kept.push_back(dim);
  return ArrayRef<int64_t>(kept) == broadcast.getBroadcastDimensions();
}

FailureOr<Value> ElementalEmitter::emitElementwise(Operation *op,
                                                   ValueRange indices) {
  int64_t rank = cast<RankedTensorType>(op->getResult(0).getType()).getRank();
  SmallVector<Value> scalars;
  for (Value operand : op->getOperands()) {
    // A rank-0 operand of a ranked op (select's predicate, clamp's bounds)
    // is the same scalar for every element.
    bool scalarOperand =
        cast<RankedTensorType>(operand.getType()).getRank() != rank;
    FailureOr<Value> element =
        emitElement(operand, scalarOperand ? ValueRange{} : indices);
    if (failed(element))
      return failure();
    scalars.push_back(*element);
  }
  // exp of softmax's shifted values: says that they are at most 0 (a
  // minimum that changes no element), so that kiln-expand-math leaves out
  // exp's clamp at overflow and scales by 2^k in one factor
  // (AccurateMath.cpp).
  if (isa<hlo::ExpOp>(op) && isShiftedByItsMaximum(op->getOperand(0)))
    scalars.front() = b.create<arith::MinimumFOp>(
        op->getLoc(), scalars.front(),
        b.create<arith::ConstantOp>(op->getLoc(), b.getF32FloatAttr(0)));
  Value result = buildScalarOp(b, op->getLoc(), op, scalars);
  if (!result)
    return op->emitError() << op->getName()
                           << " has no scalar lowering for these types";
  return result;
}

//===----------------------------------------------------------------------===//
// Reduction bodies and multiply-add
//===----------------------------------------------------------------------===//

/// Marks the float arithmetic after `before` (or from the start of `block`)
/// up to `end` as reassociable.
static void markReassociable(Block *block, Operation *before,
                             Block::iterator end) {
  auto begin = before ? std::next(before->getIterator()) : block->begin();
  for (Operation &op : llvm::make_range(begin, end)) {
    auto fastMath = dyn_cast<arith::ArithFastMathInterface>(op);
    if (!fastMath)
      continue;
    op.setAttr(fastMath.getFastMathAttrName(),
               arith::FastMathFlagsAttr::get(op.getContext(),
                                             arith::FastMathFlags::reassoc));
  }
}

FailureOr<SmallVector<Value>>
ElementalEmitter::emitCombiner(Operation *reductionOp, ValueRange scalarArgs,
                               bool reassociate, Region *body) {
  Block &block = (body ? *body : reductionOp->getRegion(0)).front();
  if (block.getNumArguments() != scalarArgs.size())
    return reductionOp->emitError("reduction body arity mismatch");
  Block *insertBlock = b.getInsertionBlock();
  Operation *before = b.getInsertionPoint() == insertBlock->begin()
                          ? nullptr
                          : &*std::prev(b.getInsertionPoint());
  DenseMap<Value, Value> scalars;
  for (auto [arg, scalar] : llvm::zip_equal(block.getArguments(), scalarArgs))
    scalars[arg] = scalar;
  for (Operation &op : block.without_terminator()) {
    Value result;
    if (auto constant = dyn_cast<hlo::ConstantOp>(op)) {
      FailureOr<Value> element = emitConstant(&op, {});
      if (failed(element))
        return failure();
      result = *element;
    } else if (isScalarizable(&op)) {
      SmallVector<Value> operands;
      for (Value operand : op.getOperands()) {
        Value scalar = scalars.lookup(operand);
        if (!scalar) {
          // Captured from the fusion body: a rank-0 value.
          FailureOr<Value> element = emitElement(operand, {});
          if (failed(element))
            return failure();
          scalar = *element;
        }
        operands.push_back(scalar);
      }
      result = buildScalarOp(b, op.getLoc(), &op, operands);
    }
    if (!result)
      return op.emitError()
             << op.getName() << " in the body of " << reductionOp->getName()
             << " cannot be emitted into a kernel";
    scalars[op.getResult(0)] = result;
  }
  SmallVector<Value> results;
  for (Value returned : block.getTerminator()->getOperands()) {
    Value scalar = scalars.lookup(returned);
    if (!scalar) {
      FailureOr<Value> element = emitElement(returned, {});
      if (failed(element))
        return failure();
      scalar = *element;
    }
    results.push_back(scalar);
  }
  if (reassociate)
    markReassociable(insertBlock, before, b.getInsertionPoint());
  return results;
}

Value ElementalEmitter::emitMultiplyAdd(Operation *contraction, Location loc,
                                        Value lhs, Value rhs, Value acc,
                                        bool reassociate) {
  Type accType = accumulatorTypeOf(contraction);
  lhs = buildConvert(b, loc, lhs,
                     getElementTypeOrSelf(contraction->getOperand(0)), accType);
  rhs = buildConvert(b, loc, rhs,
                     getElementTypeOrSelf(contraction->getOperand(1)), accType);
  Type type = acc.getType();
  if (isa<FloatType>(type)) {
    // In order, each step is one FMA (one rounding), as the interpreter
    // and the tiled matmul compute it.
    if (!reassociate)
      return b.create<math::FmaOp>(loc, lhs, rhs, acc);
    // Reassociated, a multiply and an add, which LLVM's loop vectorizer
    // turns into vector partial sums.
    Value product = b.create<arith::MulFOp>(loc, lhs, rhs);
    return b.create<arith::AddFOp>(loc, acc, product,
                                   arith::FastMathFlags::reassoc);
  }
  if (type.isInteger(1))
    return b.create<arith::OrIOp>(loc, acc,
                                  b.create<arith::AndIOp>(loc, lhs, rhs));
  return b.create<arith::AddIOp>(loc, acc,
                                 b.create<arith::MulIOp>(loc, lhs, rhs));
}

Type accumulatorTypeOf(Operation *contraction) {
  return computeTypeOf(getElementTypeOrSelf(contraction->getResult(0)));
}

bool isRowReduction(Operation *op) {
  auto reduce = dyn_cast<hlo::ReduceOp>(op);
  if (!reduce)
    return false;
  int64_t rank =
      cast<RankedTensorType>(reduce.getInputs()[0].getType()).getRank();
  SmallVector<int64_t> dims(reduce.getDimensions());
  llvm::sort(dims);
  for (auto [i, d] : llvm::enumerate(dims))
    if (d != rank - static_cast<int64_t>(dims.size()) + static_cast<int64_t>(i))
      return false;
  return true;
}

} // namespace kiln
