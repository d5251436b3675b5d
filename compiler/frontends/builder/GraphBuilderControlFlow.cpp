//===- GraphBuilderControlFlow.cpp - while, if and case from C++ ----------===//
//
// Each region is built by a callback with the same builder: the insertion
// point moves into the region's block for the callback and back after it.
// A failing callback, or one that returns the wrong types, leaves no op
// behind.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/builder/GraphBuilder.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace kiln;
using llvm::Expected;

/// "(tensor<i32>, tensor<4xf32>)": types as error messages print them.
static std::string typesText(TypeRange types) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '(';
  llvm::interleaveComma(types, os);
  os << ')';
  return text;
}

static bool isScalarOf(GraphValue value, unsigned bits) {
  return value.rank() == 0 && value.elementType().isSignlessInteger(bits);
}

Expected<SmallVector<Type>> GraphBuilder::buildRegion(StringRef method,
                                                      Region &region,
                                                      TypeRange argTypes,
                                                      RegionBuilder build) {
  OpBuilder::InsertionGuard guard(opBuilder);
  SmallVector<Location> locs(argTypes.size(), location);
  Block *block = opBuilder.createBlock(&region, {}, argTypes, locs);
  SmallVector<GraphValue> args;
  for (BlockArgument arg : block->getArguments())
    args.push_back(wrap(arg));
  Expected<SmallVector<GraphValue>> returned = build(args);
  if (!returned)
    return returned.takeError();
  if (auto err = checkUsable(method, *returned))
    return std::move(err);
  SmallVector<Value> values;
  SmallVector<Type> types;
  for (GraphValue value : *returned) {
    values.push_back(value.value());
    types.push_back(value.value().getType());
  }
  create<hlo::ReturnOp>(values);
  return types;
}

Expected<SmallVector<GraphValue>>
GraphBuilder::whileLoop(ArrayRef<GraphValue> init, RegionBuilder cond,
                        RegionBuilder body) {
  StringRef method = "whileLoop";
  if (auto err = checkUsable(method, init))
    return std::move(err);
  SmallVector<Value> operands;
  for (GraphValue value : init)
    operands.push_back(value.value());
  auto op = create<hlo::WhileOp>(operands);
  TypeRange carried = op->getResultTypes();
  auto fail = [&](llvm::Error err) -> Expected<SmallVector<GraphValue>> {
    op->erase();
    return std::move(err);
  };
  Expected<SmallVector<Type>> condTypes =
      buildRegion(method, op.getCond(), carried, cond);
  if (!condTypes)
    return fail(condTypes.takeError());
  Type pred = RankedTensorType::get({}, opBuilder.getI1Type());
  if (*condTypes != ArrayRef<Type>(pred))
    return fail(error(method, "cond must return one scalar i1, got " +
                                  typesText(*condTypes)));
  Expected<SmallVector<Type>> bodyTypes =
      buildRegion(method, op.getBody(), carried, body);
  if (!bodyTypes)
    return fail(bodyTypes.takeError());
  if (!llvm::equal(*bodyTypes, carried))
    return fail(error(method, "body must return the carried values' types " +
                                  typesText(carried) + ", got " +
                                  typesText(*bodyTypes)));
  return wrapAll(op->getResults());
}

Expected<SmallVector<GraphValue>>
GraphBuilder::buildBranches(StringRef method, OperationName name,
                            GraphValue operand,
                            ArrayRef<RegionBuilder> branches) {
  // The result types are known once the branches are built: the regions
  // are built in a provisional op without results, then moved.
  OperationState state(location, name);
  state.addOperands(operand.value());
  for (size_t i = 0; i < branches.size(); ++i)
    state.addRegion();
  Operation *provisional = opBuilder.create(state);
  auto fail = [&](llvm::Error err) -> Expected<SmallVector<GraphValue>> {
    provisional->erase();
    return std::move(err);
  };
  std::optional<SmallVector<Type>> types;
  for (auto [i, branch] : llvm::enumerate(branches)) {
    Expected<SmallVector<Type>> returned =
        buildRegion(method, provisional->getRegion(i), {}, branch);
    if (!returned)
      return fail(returned.takeError());
    if (!types)
      types = *returned;
    else if (*returned != *types)
      return fail(error(method, "branch " + llvm::Twine(i) + " returns " +
                                    typesText(*returned) + " but branch 0 " +
                                    typesText(*types)));
  }
  state.addTypes(*types);
  state.regions.clear();
  for (size_t i = 0; i < branches.size(); ++i)
    state.addRegion()->takeBody(provisional->getRegion(i));
  Operation *op = opBuilder.create(state);
  provisional->erase();
  return wrapAll(op->getResults());
}

Expected<SmallVector<GraphValue>>
GraphBuilder::ifThenElse(GraphValue pred, RegionBuilder onTrue,
                         RegionBuilder onFalse) {
  StringRef method = "ifThenElse";
  if (auto err = checkUsable(method, {pred}))
    return std::move(err);
  if (!isScalarOf(pred, 1))
    return error(method, "pred must be a scalar i1, got " +
                             typesText(pred.value().getType()));
  return buildBranches(method,
                       OperationName(hlo::IfOp::getOperationName(), &context),
                       pred, {onTrue, onFalse});
}

Expected<SmallVector<GraphValue>>
GraphBuilder::caseOf(GraphValue index, ArrayRef<RegionBuilder> branches) {
  StringRef method = "caseOf";
  if (auto err = checkUsable(method, {index}))
    return std::move(err);
  if (!isScalarOf(index, 32))
    return error(method, "index must be a scalar i32, got " +
                             typesText(index.value().getType()));
  if (branches.empty())
    return error(method, "needs at least one branch");
  return buildBranches(method,
                       OperationName(hlo::CaseOp::getOperationName(), &context),
                       index, branches);
}
