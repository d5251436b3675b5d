//===- RandomGraphTypes.cpp - Steps through Kiln's other element types ----===//
//
// The pool holds f32, i32 and i1 values; this step carries one through
// another element type (f16, bf16, f64, the narrow and unsigned integers)
// and back: convert in, one or two ops there, convert out. Only ops whose
// result is the same in every correct implementation are drawn on f16 and
// bf16 (the IEEE operations, rounded once from f32), so that the native
// result must equal the interpreter's bit for bit.
//
//===----------------------------------------------------------------------===//

#include "test/support/RandomGraphGenerator.h"

namespace kiln::random_graph {

bool Generator::otherTypeStep() {
  std::optional<size_t> index = pickIndex([&](const Val &v) {
    return (isType(v, f32) && v.deterministic) || isType(v, i32);
  });
  if (!index)
    return false;
  Val x = use(*index);
  mlir::MLIRContext *context = f32.getContext();
  bool isFloat = isType(x, f32);
  auto integer = [&](unsigned width, bool isUnsigned) -> mlir::Type {
    return mlir::IntegerType::get(context, width,
                                  isUnsigned ? mlir::IntegerType::Unsigned
                                             : mlir::IntegerType::Signless);
  };
  mlir::Type type =
      isFloat ? rng.pick<mlir::Type>({mlir::Float16Type::get(context),
                                      mlir::BFloat16Type::get(context),
                                      mlir::Float64Type::get(context)})
              : rng.pick<mlir::Type>({integer(8, false), integer(16, false),
                                      integer(8, true), integer(16, true),
                                      integer(32, true), integer(64, true)});
  // Negative integers wrap into the unsigned types, so the ops below meet
  // large values, and f32 rounds to f16 and bf16.
  GraphValue in = take(builder.convert(x.value, type));
  GraphValue result;
  switch (rng.below(6)) {
  case 0:
    result = take(builder.add(in, in));
    break;
  case 1:
    result = take(builder.multiply(in, in));
    break;
  case 2:
    result = take(builder.subtract(in, take(builder.negate(in))));
    break;
  case 3:
    result = take(rng.chance(50) ? builder.maximum(in, take(builder.abs(in)))
                                 : builder.minimum(in, take(builder.abs(in))));
    break;
  case 4: { // Division by 0 gives -1 (all ones unsigned) for integers.
    GraphValue divisor = take(builder.add(in, take(builder.abs(in))));
    result = take(rng.chance(50) ? builder.divide(in, divisor)
                                 : builder.remainder(in, divisor));
    break;
  }
  default: // compare, then select: unsigned order for the unsigned types.
    result =
        take(builder.select(take(builder.compare(hlo::ComparisonDirection::LT,
                                                 in, take(builder.negate(in)))),
                            in, take(builder.negate(in))));
    break;
  }
  GraphValue out = take(builder.convert(result, isFloat ? f32 : i32));
  if (!out)
    return false;
  // Back in i32, remainder by 11 keeps the pool's integer bound.
  if (!isFloat)
    out = take(builder.remainder(out, scalar(11, i32).value));
  push(make(out, isFloat ? 4 * x.bound * x.bound + 1 : 10, true));
  return true;
}

} // namespace kiln::random_graph
