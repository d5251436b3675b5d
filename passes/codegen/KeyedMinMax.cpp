//===- KeyedMinMax.cpp - f32 maximum and minimum as integers --------------===//

#include "passes/codegen/KeyedMinMax.h"

#include "passes/codegen/ScalarSemantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <limits>

using namespace mlir;

namespace kiln {

/// The bits of f32 +infinity; magnitude bits above it are NaN's.
constexpr int64_t kInfinityBits = 0x7f800000;
constexpr int64_t kMagnitudeMask = 0x7fffffff;

static Value i32Constant(OpBuilder &b, Location loc, int64_t value) {
  return b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(value));
}

static Value magnitudeBits(OpBuilder &b, Location loc, Value x) {
  Value bits = b.create<arith::BitcastOp>(loc, b.getI32Type(), x);
  return b.create<arith::AndIOp>(loc, bits,
                                 i32Constant(b, loc, kMagnitudeMask));
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
  return {totalOrderKey(b, loc, init), magnitudeBits(b, loc, init)};
}

SmallVector<Value> KeyedMinMax::combine(OpBuilder &b, Location loc,
                                        ValueRange accumulators,
                                        Value x) const {
  Value key = totalOrderKey(b, loc, x);
  Value extreme =
      isMaximum
          ? b.create<arith::MaxSIOp>(loc, accumulators[0], key).getResult()
          : b.create<arith::MinSIOp>(loc, accumulators[0], key).getResult();
  Value magnitude =
      b.create<arith::MaxUIOp>(loc, accumulators[1], magnitudeBits(b, loc, x));
  return {extreme, magnitude};
}

Value KeyedMinMax::result(OpBuilder &b, Location loc,
                          ValueRange accumulators) const {
  // The key's flip is its own inverse: the key of the float whose bits are
  // the key is the extreme element's bits.
  Value keyAsFloat =
      b.create<arith::BitcastOp>(loc, b.getF32Type(), accumulators[0]);
  Value extreme = b.create<arith::BitcastOp>(loc, b.getF32Type(),
                                             totalOrderKey(b, loc, keyAsFloat));
  Value sawNaN =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ugt, accumulators[1],
                              i32Constant(b, loc, kInfinityBits));
  Value nan = b.create<arith::ConstantOp>(
      loc, b.getF32FloatAttr(std::numeric_limits<float>::quiet_NaN()));
  return b.create<arith::SelectOp>(loc, sawNaN, nan, extreme);
}

} // namespace kiln
