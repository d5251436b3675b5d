//===- KernelEmitter.cpp - Task splitting and kernel structure choice -----===//
//
// The pieces every kernel structure shares: how many tasks a kernel gets
// (from its size alone, never from the thread count), which range of its
// outer loop a task covers, and which structure a fusion gets.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "passes/codegen/TensorShapes.h"
#include "passes/codegen/TiledContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// Traffic per task: large enough that a task outweighs its launch, small
/// enough that 2 to 16 threads balance.
constexpr int64_t kBytesPerTask = 128 * 1024;
constexpr int64_t kMaxTasks = 64;

void forLoop(OpBuilder &b, Location loc, Value lower, Value upper, Value step,
             function_ref<void(Value)> body) {
  auto loop = b.create<scf::ForOp>(loc, lower, upper, step);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(loop.getBody());
  body(loop.getInductionVar());
}

SmallVector<Value> KernelBuild::roots() {
  SmallVector<Value> roots;
  for (Value returned : fusion.getBody().front().getTerminator()->getOperands())
    if (!llvm::is_contained(roots, returned))
      roots.push_back(returned);
  return roots;
}

void KernelBuild::storeRoot(Value root, Value element, ValueRange indices,
                            ArrayRef<Value> views, ValueRange at) {
  OpBuilder &b = emitter.getBuilder();
  for (auto [i, returned] :
       llvm::enumerate(fusion.getBody().front().getTerminator()->getOperands()))
    if (returned == root)
      b.create<memref::StoreOp>(root.getLoc(), element,
                                views.empty() ? output(i) : views[i],
                                views.empty() ? indices : at);
}

LogicalResult KernelBuild::storeRoots(ArrayRef<Value> roots, ValueRange indices,
                                      ArrayRef<Value> views, ValueRange at) {
  for (Value root : roots) {
    FailureOr<Value> element = emitter.emitElement(root, indices);
    if (failed(element))
      return failure();
    storeRoot(root, *element, indices, views, at);
  }
  return success();
}

Operation *soleRootOp(hlo::FusionOp fusion) {
  Operation *terminator = fusion.getBody().front().getTerminator();
  if (terminator->getNumOperands() == 0)
    return nullptr;
  Operation *root = terminator->getOperand(0).getDefiningOp();
  for (Value returned : terminator->getOperands())
    if (returned.getDefiningOp() != root)
      return nullptr;
  return root;
}

int64_t chooseNumTasks(int64_t costBytes, int64_t units) {
  int64_t tasks = (costBytes + kBytesPerTask - 1) / kBytesPerTask;
  tasks = std::min({tasks, kMaxTasks, units});
  return std::max<int64_t>(tasks, 1);
}

int64_t estimateCost(hlo::FusionOp fusion, int64_t trafficBytes) {
  int64_t multiplyAdds = 0;
  auto shapeOf = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getShape();
  };
  fusion.getBody().walk([&](Operation *op) {
    if (auto dot = dyn_cast<hlo::DotGeneralOp>(op)) {
      int64_t contracting = 1;
      for (int64_t d :
           dot.getDotDimensionNumbers().getLhsContractingDimensions())
        contracting *= shapeOf(dot.getLhs())[d];
      multiplyAdds += product(shapeOf(dot.getResult())) * contracting;
    } else if (auto conv = dyn_cast<hlo::ConvolutionOp>(op)) {
      hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
      int64_t window =
          shapeOf(conv.getRhs())[dn.getKernelInputFeatureDimension()];
      for (int64_t d : dn.getKernelSpatialDimensions())
        window *= shapeOf(conv.getRhs())[d];
      multiplyAdds += product(shapeOf(conv.getResult())) * window;
    } else if (auto reduceWindow = dyn_cast<hlo::ReduceWindowOp>(op)) {
      multiplyAdds += product(shapeOf(reduceWindow->getResult(0))) *
                      product(reduceWindow.getWindowDimensions());
    }
  });
  return trafficBytes + 4 * multiplyAdds;
}

DenseElementsAttr storedConstant(Value value) {
  auto constant = value.getDefiningOp<hlo::ConstantOp>();
  auto elements =
      constant ? dyn_cast<DenseElementsAttr>(constant.getValue()) : nullptr;
  return elements && !elements.isSplat() ? elements : nullptr;
}

bool holdsElements(Value value) {
  return isa<BlockArgument>(value) || storedConstant(value);
}

bool isInMemory(Value value) {
  auto constant = value.getDefiningOp<hlo::ConstantOp>();
  return isa<BlockArgument>(value) ||
         (constant && isa<DenseElementsAttr>(constant.getValue()));
}

Operation *soleContraction(hlo::FusionOp fusion) {
  Operation *found = nullptr;
  for (Operation &op : fusion.getBody().front()) {
    if (!isa<hlo::DotGeneralOp, hlo::ConvolutionOp>(op))
      continue;
    if (found)
      return nullptr;
    found = &op;
  }
  if (!found)
    return nullptr;
  auto shapeOf = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getShape();
  };
  for (Value returned : fusion.getBody().front().getTerminator()->getOperands())
    if (shapeOf(returned) != shapeOf(found->getResult(0)))
      return nullptr;
  return found;
}

Value flatView(KernelBuild &build, Value memref, Location loc) {
  OpBuilder &b = build.emitter.getBuilder();
  ReassociationIndices all;
  for (int64_t d = 0; d < cast<MemRefType>(memref.getType()).getRank(); ++d)
    all.push_back(d);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointAfterValue(memref);
  return b.create<memref::CollapseShapeOp>(loc, memref,
                                           ArrayRef<ReassociationIndices>{all});
}

std::pair<Value, Value> taskRange(ElementalEmitter &emitter, Value task,
                                  int64_t units, int64_t numTasks) {
  OpBuilder &b = emitter.getBuilder();
  Location loc = task.getLoc();
  if (numTasks == 1)
    return {emitter.index(0), emitter.index(units)};
  // begin = task * units / numTasks: ranges differ by at most one unit.
  auto boundary = [&](Value t) {
    return b.createOrFold<arith::DivUIOp>(
        loc, b.createOrFold<arith::MulIOp>(loc, t, emitter.index(units)),
        emitter.index(numTasks));
  };
  Value next = b.createOrFold<arith::AddIOp>(loc, task, emitter.index(1));
  return {boundary(task), boundary(next)};
}

/// The kernel structure the fusion fits.
static FailureOr<int64_t> emitStructure(KernelBuild &build) {
  if (isScatterFusion(build.fusion))
    return emitScatterKernel(build);
  if (isSelectAndScatterFusion(build.fusion))
    return emitSelectAndScatterKernel(build);
  if (isSortFusion(build.fusion))
    return emitSortKernel(build);
  if (std::optional<ContractionShape> shape =
          matchTiledContraction(build.fusion, build.target))
    return emitTiledKernel(build, *shape);
  if (Operation *window = matchRowWindowKernel(build.fusion, build.target))
    return emitRowWindowKernel(build, window);
  if (isDotFusion(build.fusion))
    return emitDotKernel(build);
  if (isRowFusion(build.fusion))
    return emitRowKernel(build);
  if (hlo::ReduceOp reduce = matchColumnReduction(build.fusion, build.target))
    return emitColumnKernel(build, reduce);
  return emitLoopKernel(build, /*reassociate=*/false);
}

FailureOr<int64_t> emitKernelBody(KernelBuild &build) {
  FailureOr<int64_t> numTasks = emitStructure(build);
  // Nontemporal stores are weakly ordered: the fence makes them visible
  // before the task's completion is (see KernelEmitterStream.cpp).
  if (succeeded(numTasks) && build.streamed)
    build.emitter.getBuilder().create<LLVM::FenceOp>(
        build.fusion.getLoc(), LLVM::AtomicOrdering::seq_cst);
  return numTasks;
}

} // namespace kiln
