//===- FusionGroups.cpp - Turning groups of ops into hlo.fusion -------===//
//
// A group of ops of one block becomes one hlo.fusion: values from outside
// become its inputs, values used outside become its results, cheap
// producers are copied rather than moved, and fusions in the group are
// inlined into the new body. The block is re-sorted topologically
// afterwards, because the fusion must come after all its inputs and before
// all users of its results.
//
//===----------------------------------------------------------------------===//

#include "passes/fusion/FusionGroups.h"

#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace kiln;
using kiln::hlo::FusionOp;

/// The op of `block` that is or holds `op`.
static Operation *inBlock(Block *block, Operation *op) {
  return block->findAncestorOpInBlock(*op);
}

/// The values `op` reads: operands and values its regions capture (none
/// for an isolated op such as hlo.fusion, whose body is not walked).
static SmallVector<Value> readValues(Operation *op) {
  SmallVector<Value> values(op->getOperands());
  if (op->hasTrait<OpTrait::IsIsolatedFromAbove>())
    return values;
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  values.append(captured.begin(), captured.end());
  return values;
}

/// Whether member `op` carries values computed by its group, given the
/// members known to (`dependents`): everything but cheap producers whose
/// operands all come from outside (those are copies of outside work and
/// cannot close a cycle).
static bool
carriesGroupValues(Operation *op,
                   const llvm::SmallPtrSetImpl<Operation *> &dependents) {
  return !isCheapToDuplicate(op) ||
         llvm::any_of(readValues(op), [&](Value value) {
           Operation *def = value.getDefiningOp();
           return def && dependents.contains(inBlock(op->getBlock(), def));
         });
}

/// Members of `group` (`sorted` by position) that carry values computed by
/// the group (carriesGroupValues).
static llvm::SmallPtrSet<Operation *, 16>
computeGroupDependents(ArrayRef<Operation *> sorted) {
  llvm::SmallPtrSet<Operation *, 16> dependents;
  for (Operation *op : sorted)
    if (carriesGroupValues(op, dependents))
      dependents.insert(op);
  return dependents;
}

static SmallVector<Operation *> sortedByPosition(ArrayRef<Operation *> ops) {
  SmallVector<Operation *> sorted(ops);
  llvm::sort(sorted,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  return sorted;
}

static std::string describe(Operation *op) {
  return "'" + op->getName().stripDialect().str() + "' at " +
         formatLocation(op->getLoc());
}

/// The verdict on a group that a path leaves through `exit` and re-enters.
static FusionDecision cycleThrough(Operation *exit) {
  return FusionDecision::forbid("fusing would create a cycle through " +
                                describe(exit) +
                                ", which reads the fusion and feeds it");
}

/// Walks forward from the users outside a group of `sources` (members of
/// it), through outside ops before `last` (the group's last member: no
/// later op leads back into it). Returns the first outside op of a path
/// that comes back into the group, or null.
template <typename Range>
static Operation *findPathBackIn(Block *block, const Range &sources,
                                 function_ref<bool(Operation *)> isMember,
                                 Operation *last) {
  SmallVector<std::pair<Operation *, Operation *>> worklist; // op, exit op
  llvm::SmallPtrSet<Operation *, 32> seen;
  for (Operation *source : sources)
    for (Operation *user : source->getUsers()) {
      Operation *outside = inBlock(block, user);
      if (outside && !isMember(outside) && seen.insert(outside).second)
        worklist.push_back({outside, outside});
    }
  while (!worklist.empty()) {
    auto [op, exit] = worklist.pop_back_val();
    if (!op->isBeforeInBlock(last))
      continue;
    for (Operation *user : op->getUsers()) {
      Operation *next = inBlock(block, user);
      if (!next)
        continue;
      if (isMember(next))
        return exit;
      if (seen.insert(next).second)
        worklist.push_back({next, exit});
    }
  }
  return nullptr;
}

FusionDecision kiln::checkNoCycle(ArrayRef<Operation *> group) {
  if (group.empty())
    return FusionDecision::allow();
  Block *block = group.front()->getBlock();
  SmallVector<Operation *> sorted = sortedByPosition(group);
  llvm::SmallPtrSet<Operation *, 16> members(group.begin(), group.end());
  llvm::SmallPtrSet<Operation *, 16> dependents =
      computeGroupDependents(sorted);
  Operation *last = sorted.back();

  // Walk forward from the outside users of values the group computes.
  if (Operation *exit = findPathBackIn(
          block, dependents,
          [&](Operation *op) { return members.contains(op); }, last))
    return cycleThrough(exit);
  return FusionDecision::allow();
}

GrowingGroup::GrowingGroup(Operation *seed) : first(seed), last(seed) {
  members.insert(seed);
  if (!isCheapToDuplicate(seed))
    dependents.insert(seed);
}

FusionDecision GrowingGroup::tryAdd(Operation *op) {
  Block *block = first->getBlock();
  Operation *newFirst = op->isBeforeInBlock(first) ? op : first;
  Operation *newLast = last->isBeforeInBlock(op) ? op : last;
  auto isMember = [&](Operation *candidate) {
    return candidate == op || members.contains(candidate);
  };

  // The members that carry the group's values once `op` is in: `op` if it
  // computes or reads such a value, and the cheap members that then read
  // one (a broadcast of `op`).
  SmallVector<Operation *> newDependents;
  if (carriesGroupValues(op, dependents))
    newDependents.push_back(op);
  llvm::SmallPtrSet<Operation *, 8> added(newDependents.begin(),
                                          newDependents.end());
  for (size_t i = 0; i < newDependents.size(); ++i)
    for (Operation *user : newDependents[i]->getUsers()) {
      Operation *reader = inBlock(block, user);
      if (reader && members.contains(reader) && !dependents.contains(reader) &&
          added.insert(reader).second)
        newDependents.push_back(reader);
    }
  auto isDependent = [&](Operation *candidate) {
    return dependents.contains(candidate) || added.contains(candidate);
  };
  // Paths out of the new dependents that come back into the group.
  if (Operation *exit = findPathBackIn(block, newDependents, isMember, newLast))
    return cycleThrough(exit);

  // Paths from the group's dependents through outside ops into `op`,
  // walked backwards from `op`: only ops after the group's first member can
  // lie on one. Returns the outside op that reads a dependent member.
  SmallVector<Operation *> producers;
  llvm::SmallPtrSet<Operation *, 32> visited;
  auto visitProducers = [&](Operation *reader) -> Operation * {
    for (Value value : readValues(reader)) {
      Operation *def = value.getDefiningOp();
      Operation *producer = def ? inBlock(block, def) : nullptr;
      if (!producer)
        continue;
      if (isMember(producer)) {
        if (reader != op && isDependent(producer))
          return reader;
        continue;
      }
      if (newFirst->isBeforeInBlock(producer) &&
          visited.insert(producer).second)
        producers.push_back(producer);
    }
    return nullptr;
  };
  visitProducers(op);
  while (!producers.empty())
    if (Operation *exit = visitProducers(producers.pop_back_val()))
      return cycleThrough(exit);

  members.insert(op);
  dependents.insert(added.begin(), added.end());
  first = newFirst;
  last = newLast;
  return FusionDecision::allow();
}

/// Members that stay outside as well: cheap producers with users outside
/// the group (a kept op counts as outside for the producers it reads). The
/// root always moves in, its outside uses reading the fusion's result:
/// keeping a cheap root outside too would leave the graph as it was, and
/// loop fusion would form the same fusion again forever.
static llvm::SmallPtrSet<Operation *, 8>
keptOutside(ArrayRef<Operation *> sorted,
            const llvm::SmallPtrSetImpl<Operation *> &members,
            Operation *root) {
  llvm::SmallPtrSet<Operation *, 8> kept;
  for (Operation *op : llvm::reverse(sorted)) {
    if (op == root || !isCheapToDuplicate(op))
      continue;
    for (Operation *user : op->getUsers()) {
      Operation *owner = inBlock(op->getBlock(), user);
      if (!members.contains(owner) || kept.contains(owner)) {
        kept.insert(op);
        break;
      }
    }
  }
  return kept;
}

/// The group's outputs: results of moved members used outside the group or
/// by a member that stays outside too.
static SmallVector<Value>
outputsOf(ArrayRef<Operation *> sorted,
          const llvm::SmallPtrSetImpl<Operation *> &members,
          const llvm::SmallPtrSetImpl<Operation *> &kept) {
  SmallVector<Value> outputs;
  for (Operation *op : sorted) {
    if (kept.contains(op))
      continue;
    for (Value result : op->getResults())
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            Operation *owner = inBlock(op->getBlock(), user);
            return !members.contains(owner) || kept.contains(owner);
          }))
        outputs.push_back(result);
  }
  return outputs;
}

/// Copies `op` into the body being built; a fusion member is inlined.
static void cloneInto(OpBuilder &builder, Operation *op, IRMapping &mapping) {
  auto fusion = dyn_cast<FusionOp>(op);
  if (!fusion) {
    builder.clone(*op, mapping);
    return;
  }
  Block &body = fusion.getBody().front();
  IRMapping inner;
  for (auto [arg, input] : llvm::zip(body.getArguments(), fusion.getInputs()))
    inner.map(arg, mapping.lookupOrDefault(input));
  for (Operation &bodyOp : body.without_terminator())
    builder.clone(bodyOp, inner);
  for (auto [result, yielded] :
       llvm::zip(fusion.getResults(), body.getTerminator()->getOperands()))
    mapping.map(result, inner.lookupOrDefault(yielded));
}

/// The fusion's location: the members' locations, `root`'s first (a fused
/// member contributes the locations it already fuses).
static Location fusedLocation(ArrayRef<Operation *> sorted, Operation *root) {
  SmallVector<Location> locs{root->getLoc()};
  for (Operation *op : sorted)
    if (op != root && !isa<hlo::ConstantOp>(op))
      locs.push_back(op->getLoc());
  return FusedLoc::get(root->getContext(), locs);
}

FusionOp kiln::formFusion(ArrayRef<Operation *> group, hlo::FusionKind kind,
                          Operation *root) {
  Block *block = root->getBlock();
  llvm::SmallPtrSet<Operation *, 16> members(group.begin(), group.end());
  // Constants the group reads are copied in, never passed as inputs.
  SmallVector<Operation *> withConstants(group);
  for (Operation *op : group)
    for (Value v : readValues(op))
      if (auto constant = v.getDefiningOp<hlo::ConstantOp>())
        if (constant->getBlock() == block && members.insert(constant).second)
          withConstants.push_back(constant);
  SmallVector<Operation *> sorted = sortedByPosition(withConstants);
  Operation *beforeGroup = sorted.front()->getPrevNode();
  llvm::SmallPtrSet<Operation *, 8> kept = keptOutside(sorted, members, root);
  SmallVector<Value> outputs = outputsOf(sorted, members, kept);

  llvm::SetVector<Value> inputs;
  for (Operation *op : sorted)
    for (Value v : readValues(op)) {
      Operation *def = v.getDefiningOp();
      if (!def || !members.contains(inBlock(block, def)))
        inputs.insert(v);
    }

  OpBuilder builder(sorted.back());
  builder.setInsertionPointAfter(sorted.back());
  SmallVector<Type> resultTypes;
  for (Value v : outputs)
    resultTypes.push_back(v.getType());
  auto fusion = builder.create<FusionOp>(
      fusedLocation(sorted, root), resultTypes, kind, inputs.getArrayRef());
  Block *body = builder.createBlock(&fusion.getBody());
  IRMapping mapping;
  for (Value input : inputs)
    mapping.map(input, body->addArgument(input.getType(), input.getLoc()));
  for (Operation *op : sorted)
    cloneInto(builder, op, mapping);
  SmallVector<Value> yielded;
  for (Value v : outputs)
    yielded.push_back(mapping.lookup(v));
  builder.create<hlo::ReturnOp>(root->getLoc(), yielded);

  for (auto [output, result] : llvm::zip(outputs, fusion.getResults()))
    output.replaceUsesWithIf(result, [&](OpOperand &use) {
      Operation *owner = inBlock(block, use.getOwner());
      return owner != fusion &&
             (!members.contains(owner) || kept.contains(owner));
    });
  for (Operation *op : llvm::reverse(sorted))
    if (!kept.contains(op))
      op->erase();
  sortAfterFusing(block, beforeGroup, fusion);
  return fusion;
}

FusionOp kiln::mergeProducerIntoFusion(Operation *producer, FusionOp fusion) {
  Block *block = fusion->getBlock();
  Block &body = fusion.getBody().front();
  Operation *beforeProducer = producer->getPrevNode();
  auto usedOutside = [&](Value v) {
    return llvm::any_of(v.getUsers(), [&](Operation *user) {
      return inBlock(block, user) != fusion;
    });
  };
  // As in formFusion: a cheap producer used elsewhere stays outside too and
  // is copied in; an expensive one's results used elsewhere become outputs.
  bool keep = isCheapToDuplicate(producer) &&
              llvm::any_of(producer->getResults(), usedOutside);
  SmallVector<Value> extraOutputs;
  if (!keep)
    for (Value result : producer->getResults())
      if (usedOutside(result))
        extraOutputs.push_back(result);

  // The producer's reads: constants are copied in, the rest become the
  // first inputs, in the order the producer reads them, then the fusion's
  // inputs that remain (the order formFusion gives: the producer first).
  OpBuilder builder(&body, body.begin());
  IRMapping mapping;
  SmallVector<Value> inputs;
  for (Value v : readValues(producer)) {
    if (mapping.contains(v))
      continue;
    auto constant = v.getDefiningOp<hlo::ConstantOp>();
    if (constant && constant->getBlock() == block) {
      mapping.map(v, builder.clone(*constant)->getResult(0));
      continue;
    }
    mapping.map(v, body.insertArgument(inputs.size(), v.getType(), v.getLoc()));
    inputs.push_back(v);
  }
  cloneInto(builder, producer, mapping);

  // The fusion's old arguments: those the producer computed now read its
  // copy, those it also reads the new argument; the others stay.
  unsigned added = inputs.size();
  llvm::BitVector erased(body.getNumArguments());
  for (auto [i, input] : llvm::enumerate(fusion.getInputs())) {
    if (input.getDefiningOp() != producer && !mapping.contains(input)) {
      inputs.push_back(input);
      continue;
    }
    body.getArgument(added + i).replaceAllUsesWith(mapping.lookup(input));
    erased.set(added + i);
  }
  body.eraseArguments(erased);
  Operation *terminator = body.getTerminator();
  for (Value result : extraOutputs)
    terminator->insertOperands(terminator->getNumOperands(),
                               mapping.lookup(result));

  // A new op for the new signature, around the same body.
  SmallVector<Type> resultTypes(fusion.getResultTypes());
  for (Value result : extraOutputs)
    resultTypes.push_back(result.getType());
  OpBuilder outer(fusion);
  auto merged = outer.create<FusionOp>(fusion.getLoc(), resultTypes,
                                       fusion.getKind(), inputs);
  merged->setDiscardableAttrs(fusion->getDiscardableAttrDictionary());
  merged.getBody().takeBody(fusion.getBody());
  for (auto [old, now] : llvm::zip(fusion.getResults(), merged.getResults()))
    old.replaceAllUsesWith(now);
  fusion.erase();
  for (auto [i, result] : llvm::enumerate(extraOutputs))
    result.replaceAllUsesWith(
        merged.getResult(resultTypes.size() - extraOutputs.size() + i));
  if (!keep)
    producer->erase();
  sortAfterFusing(block, beforeProducer, merged);
  return merged;
}

void kiln::sortAfterFusing(Block *block, Operation *beforeGroup,
                           Operation *fusion) {
  // Only ops between the group's first member and the fusion can read a
  // result the fusion now computes: ops before the group come before all
  // its members, ops after the fusion after all of them.
  Operation *first = beforeGroup ? beforeGroup->getNextNode() : &block->front();
  sortTopologically(block, llvm::make_range(first->getIterator(),
                                            std::next(fusion->getIterator())));
}

void kiln::refreshFusedLocation(FusionOp fusion) {
  SmallVector<Location> locs{fusion.getLoc()};
  for (Operation &op : fusion.getBody().front().without_terminator())
    if (!isa<hlo::ConstantOp>(op))
      locs.push_back(op.getLoc());
  fusion->setLoc(FusedLoc::get(fusion.getContext(), locs));
}

SmallVector<OpOperand *> kiln::usesInKernel(Operation *kernel, Value value) {
  SmallVector<OpOperand *> uses;
  auto fusion = dyn_cast<FusionOp>(kernel);
  for (OpOperand &operand : kernel->getOpOperands()) {
    if (operand.get() != value)
      continue;
    if (!fusion) {
      uses.push_back(&operand);
      continue;
    }
    BlockArgument arg =
        fusion.getBody().front().getArgument(operand.getOperandNumber());
    for (OpOperand &use : arg.getUses())
      uses.push_back(&use);
  }
  return uses;
}

Operation *kiln::computingOp(Value result) {
  auto fusion = result.getDefiningOp<FusionOp>();
  if (!fusion)
    return result.getDefiningOp();
  Value yielded = fusion.getBody().front().getTerminator()->getOperand(
      cast<OpResult>(result).getResultNumber());
  if (Operation *def = yielded.getDefiningOp())
    return def;
  return fusion;
}
