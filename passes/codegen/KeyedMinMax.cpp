//===- KeyedMinMax.cpp - f32 maximum and minimum as integers --------------===//

#include "passes/codegen/KeyedMinMax.h"

#include "passes/codegen/ScalarSemantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <limits>

using namespace mlir;

namespace kiln {

/// The keys of f32 +infinity and -infinity (totalOrderKey): NaN's keys lie
/// above the first (a clear sign bit) or below the second (a set one).
constexpr int64_t kInfinityKey = 0x7f800000;
constexpr int64_t kNegativeInfinityKey = -kInfinityKey - 1;

static Value i32Constant(OpBuilder &b, Location loc, int64_t value) {
  return b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(value));
}

std::optional<KeyedMinMax> KeyedMinMax::match(hlo::ReduceOp reduce) {
  Operation *combiner = hlo::plainF32Combiner(reduce);
  if (isa_and_nonnull<hlo::MaxOp>(combiner))
    return KeyedMinMax(/*isMaximum=*/true);
  if (isa_and_nonnull<hlo::MinOp>(combiner))
    return KeyedMinMax(/*isMaximum=*/false);
  return std::nullopt;
}

SmallVector<Value> KeyedMinMax::init(OpBuilder &b, Location loc,
                                     Value init) const {
  Value key = totalOrderKey(b, loc, init);
  return {key, key};
}

SmallVector<Value> KeyedMinMax::combine(OpBuilder &b, Location loc,
                                        ValueRange accumulators,
                                        Value x) const {
  Value key = totalOrderKey(b, loc, x);
  return {b.create<arith::MaxSIOp>(loc, accumulators[0], key),
          b.create<arith::MinSIOp>(loc, accumulators[1], key)};
}

Value KeyedMinMax::result(OpBuilder &b, Location loc,
                          ValueRange accumulators) const {
  Value largest = accumulators[0], smallest = accumulators[1];
  // The key's flip is its own inverse: the key of the float whose bits are
  // the key is the extreme element's bits.
  Value keyAsFloat = b.create<arith::BitcastOp>(loc, b.getF32Type(),
                                                isMaximum ? largest : smallest);
  Value extreme = b.create<arith::BitcastOp>(loc, b.getF32Type(),
                                             totalOrderKey(b, loc, keyAsFloat));
  Value sawNaN = b.create<arith::OrIOp>(
      loc,
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt, largest,
                              i32Constant(b, loc, kInfinityKey)),
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, smallest,
                              i32Constant(b, loc, kNegativeInfinityKey)));
  Value nan = b.create<arith::ConstantOp>(
      loc, b.getF32FloatAttr(std::numeric_limits<float>::quiet_NaN()));
  return b.create<arith::SelectOp>(loc, sawNaN, nan, extreme);
}

} // namespace kiln
