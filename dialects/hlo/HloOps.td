//===- HloOps.td - The hlo dialect's operations ------------*- tablegen -*-===//
//
// Each op follows StableHLO's spec (docs/spec.md of openxla/stablehlo): the
// same operands, attributes, semantics and pretty-printed syntax.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_HLO_OPS_TD
#define KILN_HLO_OPS_TD

include "dialects/hlo/HloDialect.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

// Element types Kiln supports (HloElementTypes.h maps them to the host's);
// every tensor is ranked and static.
defvar HLO_Floats = [F16, BF16, F32, F64];
defvar HLO_Integers = [I8, I16, I32, I64, UI8, UI16, UI32, UI64];
def HLO_ElementType : AnyTypeOf<!listconcat(HLO_Floats, [I1], HLO_Integers)>;
def HLO_Tensor : StaticShapeTensorOf<!listconcat(HLO_Floats, [I1], HLO_Integers)>;
def HLO_FpTensor : StaticShapeTensorOf<HLO_Floats>;
def HLO_PredTensor : StaticShapeTensorOf<[I1]>;
def HLO_IntOrFpTensor : StaticShapeTensorOf<!listconcat(HLO_Floats, HLO_Integers)>;
def HLO_IntTensor : StaticShapeTensorOf<!listconcat([I1], HLO_Integers)>;
def HLO_IntegerTensor : StaticShapeTensorOf<HLO_Integers>;

class HLO_Op<string mnemonic, list<Trait> traits = []>
    : Op<Hlo_Dialect, mnemonic, !listconcat([Pure], traits)>;

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

// An elementwise op is its definition here, its reference function
// (compiler/reference/InterpreterElementwise.cpp) and its scalar code
// (passes/codegen/ScalarSemantics.cpp); `folds` says whether it also has a
// fold() in HloFolders.cpp.
class HLO_UnaryElementwiseOp<string mnemonic, Type operandType, string doc,
                             bit folds = 1>
    : HLO_Op<mnemonic, [Elementwise, SameOperandsAndResultType,
                        InferTypeOpInterface]> {
  let summary = doc;
  let arguments = (ins operandType:$operand);
  let results = (outs operandType:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` custom<SameOperandsAndResultType>(type($operand), type($result))
  }];
  let hasFolder = folds;
}

def HLO_AbsOp : HLO_UnaryElementwiseOp<"abs", HLO_IntOrFpTensor, "absolute value">;
def HLO_NegOp : HLO_UnaryElementwiseOp<"negate", HLO_IntOrFpTensor, "negation">;
def HLO_ExpOp : HLO_UnaryElementwiseOp<"exponential", HLO_FpTensor, "e^x">;
def HLO_Expm1Op : HLO_UnaryElementwiseOp<"exponential_minus_one", HLO_FpTensor,
    "e^x - 1, accurate near zero">;
def HLO_LogOp : HLO_UnaryElementwiseOp<"log", HLO_FpTensor, "natural logarithm">;
def HLO_Log1pOp : HLO_UnaryElementwiseOp<"log_plus_one", HLO_FpTensor,
    "log(1 + x), accurate near zero">;
def HLO_TanhOp : HLO_UnaryElementwiseOp<"tanh", HLO_FpTensor, "hyperbolic tangent">;
def HLO_LogisticOp : HLO_UnaryElementwiseOp<"logistic", HLO_FpTensor,
    "1 / (1 + e^-x)">;
def HLO_SqrtOp : HLO_UnaryElementwiseOp<"sqrt", HLO_FpTensor, "square root">;
def HLO_RsqrtOp : HLO_UnaryElementwiseOp<"rsqrt", HLO_FpTensor,
    "reciprocal square root">;
def HLO_FloorOp : HLO_UnaryElementwiseOp<"floor", HLO_FpTensor, "round down">;
def HLO_CeilOp : HLO_UnaryElementwiseOp<"ceil", HLO_FpTensor, "round up">;
def HLO_SignOp : HLO_UnaryElementwiseOp<"sign", HLO_IntOrFpTensor,
    "-1, 0 or 1 by sign (NaN stays NaN)">;
def HLO_SineOp : HLO_UnaryElementwiseOp<"sine", HLO_FpTensor, "sine">;
def HLO_CosineOp : HLO_UnaryElementwiseOp<"cosine", HLO_FpTensor, "cosine">;
def HLO_ErfOp : HLO_UnaryElementwiseOp<"erf", HLO_FpTensor,
    "the error function (Kiln's own; StableHLO keeps it in CHLO)">;
def HLO_TanOp : HLO_UnaryElementwiseOp<"tan", HLO_FpTensor, "tangent",
    /*folds=*/0>;
def HLO_CbrtOp : HLO_UnaryElementwiseOp<"cbrt", HLO_FpTensor, "cube root",
    /*folds=*/0>;
def HLO_RoundNearestAfzOp : HLO_UnaryElementwiseOp<"round_nearest_afz",
    HLO_FpTensor, "round to the nearest integer, ties away from zero",
    /*folds=*/0>;
def HLO_RoundNearestEvenOp : HLO_UnaryElementwiseOp<"round_nearest_even",
    HLO_FpTensor, "round to the nearest integer, ties to even", /*folds=*/0>;


// CHLO's math functions (StableHLO reads them as chlo.<name>).
def HLO_AsinOp : HLO_UnaryElementwiseOp<"asin", HLO_FpTensor, "arcsine",
    /*folds=*/0>;
def HLO_AcosOp : HLO_UnaryElementwiseOp<"acos", HLO_FpTensor, "arccosine",
    /*folds=*/0>;
def HLO_AtanOp : HLO_UnaryElementwiseOp<"atan", HLO_FpTensor, "arctangent",
    /*folds=*/0>;
def HLO_SinhOp : HLO_UnaryElementwiseOp<"sinh", HLO_FpTensor,
    "hyperbolic sine", /*folds=*/0>;
def HLO_CoshOp : HLO_UnaryElementwiseOp<"cosh", HLO_FpTensor,
    "hyperbolic cosine", /*folds=*/0>;
def HLO_AsinhOp : HLO_UnaryElementwiseOp<"asinh", HLO_FpTensor,
    "inverse hyperbolic sine", /*folds=*/0>;
def HLO_AcoshOp : HLO_UnaryElementwiseOp<"acosh", HLO_FpTensor,
    "inverse hyperbolic cosine", /*folds=*/0>;
def HLO_AtanhOp : HLO_UnaryElementwiseOp<"atanh", HLO_FpTensor,
    "inverse hyperbolic tangent", /*folds=*/0>;
def HLO_ErfcOp : HLO_UnaryElementwiseOp<"erfc", HLO_FpTensor,
    "the complementary error function, 1 - erf(x), accurate where it is tiny",
    /*folds=*/0>;
def HLO_ErfInvOp : HLO_UnaryElementwiseOp<"erf_inv", HLO_FpTensor,
    "the inverse error function: ±inf at ±1, NaN beyond", /*folds=*/0>;
def HLO_LgammaOp : HLO_UnaryElementwiseOp<"lgamma", HLO_FpTensor,
    "log |gamma(x)|: +inf at the poles 0, -1, -2, ...", /*folds=*/0>;
def HLO_DigammaOp : HLO_UnaryElementwiseOp<"digamma", HLO_FpTensor,
    "the derivative of lgamma: NaN at the poles 0, -1, -2, ...", /*folds=*/0>;
def HLO_BesselI1eOp : HLO_UnaryElementwiseOp<"bessel_i1e", HLO_FpTensor,
    "the exponentially scaled modified Bessel function of order one, "
    "exp(-|x|) I1(x)", /*folds=*/0>;

def HLO_IsFiniteOp : HLO_Op<"is_finite", [Elementwise,
    SameOperandsAndResultShape, InferTypeOpAdaptor]> {
  let summary = "whether each element is finite (not infinite, not NaN)";
  let arguments = (ins HLO_FpTensor:$x);
  let results = (outs HLO_PredTensor:$y);
  let assemblyFormat = "$x attr-dict `:` functional-type(operands, results)";
  // is_finite_c1: an i1 tensor of the operand's shape.
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location>,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      auto type =
          ::llvm::dyn_cast<::mlir::RankedTensorType>(adaptor.getX().getType());
      if (!type)
        return ::mlir::failure();
      inferred.push_back(::mlir::RankedTensorType::get(
          type.getShape(), ::mlir::IntegerType::get(context, 1)));
      return ::mlir::success();
    }
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops
//===----------------------------------------------------------------------===//

class HLO_BinaryElementwiseOp<string mnemonic, Type operandType, string doc,
                              list<Trait> traits = [], bit folds = 1>
    : HLO_Op<mnemonic, !listconcat([Elementwise, SameOperandsAndResultType,
                                    InferTypeOpInterface], traits)> {
  let summary = doc;
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict
      `:` custom<SameOperandsAndResultType>(type($lhs), type($rhs), type($result))
  }];
  let hasFolder = folds;
}

def HLO_AddOp : HLO_BinaryElementwiseOp<"add", HLO_Tensor, "addition (or for i1)",
    [Commutative]>;
def HLO_SubtractOp : HLO_BinaryElementwiseOp<"subtract", HLO_IntOrFpTensor,
    "subtraction">;
def HLO_MulOp : HLO_BinaryElementwiseOp<"multiply", HLO_Tensor,
    "multiplication (and for i1)", [Commutative]>;
def HLO_DivOp : HLO_BinaryElementwiseOp<"divide", HLO_IntOrFpTensor,
    "division (integers round toward zero)">;
def HLO_MaxOp : HLO_BinaryElementwiseOp<"maximum", HLO_Tensor,
    "maximum (NaN propagates)", [Commutative]>;
def HLO_MinOp : HLO_BinaryElementwiseOp<"minimum", HLO_Tensor,
    "minimum (NaN propagates)", [Commutative]>;
def HLO_PowOp : HLO_BinaryElementwiseOp<"power", HLO_IntOrFpTensor,
    "lhs raised to rhs">;
def HLO_RemOp : HLO_BinaryElementwiseOp<"remainder", HLO_IntOrFpTensor,
    "remainder with the sign of the dividend">;
def HLO_Atan2Op : HLO_BinaryElementwiseOp<"atan2", HLO_FpTensor,
    "the angle of the point (rhs, lhs), in [-pi, pi]", [], /*folds=*/0>;

def HLO_NextAfterOp : HLO_BinaryElementwiseOp<"next_after", HLO_FpTensor,
    "the value of lhs's type next to lhs in the direction of rhs (rhs when "
    "they are equal; NaN when either is)", [], /*folds=*/0>;

def HLO_AndOp : HLO_BinaryElementwiseOp<"and", HLO_IntTensor,
    "bitwise and (logical for i1)", [Commutative]>;
def HLO_OrOp : HLO_BinaryElementwiseOp<"or", HLO_IntTensor,
    "bitwise or (logical for i1)", [Commutative]>;
def HLO_XorOp : HLO_BinaryElementwiseOp<"xor", HLO_IntTensor,
    "bitwise exclusive or (logical for i1)", [Commutative]>;
def HLO_NotOp : HLO_UnaryElementwiseOp<"not", HLO_IntTensor,
    "bitwise complement (logical for i1)">;

def HLO_ShiftLeftOp : HLO_BinaryElementwiseOp<"shift_left", HLO_IntegerTensor,
    "lhs << rhs (0 when rhs, read unsigned, is the bit width or more)">;
def HLO_ShiftRightArithmeticOp : HLO_BinaryElementwiseOp<
    "shift_right_arithmetic", HLO_IntegerTensor,
    "lhs >> rhs filling with the sign (all sign bits past the width)">;
def HLO_ShiftRightLogicalOp : HLO_BinaryElementwiseOp<"shift_right_logical",
    HLO_IntegerTensor, "lhs >> rhs filling with zeros (0 past the width)">;
def HLO_PopulationCountOp : HLO_UnaryElementwiseOp<"popcnt",
    HLO_IntegerTensor, "number of set bits">;
def HLO_ClzOp : HLO_UnaryElementwiseOp<"count_leading_zeros",
    HLO_IntegerTensor, "number of leading zero bits (the width for 0)">;

//===----------------------------------------------------------------------===//
// Compare, select, clamp, convert
//===----------------------------------------------------------------------===//

def HLO_CompareOp : HLO_Op<"compare", [Elementwise, SameTypeOperands,
    SameOperandsAndResultShape, InferTypeOpAdaptor]> {
  let summary = "elementwise comparison";
  let arguments = (ins HLO_ComparisonDirectionAttr:$comparison_direction,
                       HLO_Tensor:$lhs, HLO_Tensor:$rhs,
                       OptionalAttr<HLO_ComparisonTypeAttr>:$compare_type);
  let results = (outs HLO_PredTensor:$result);
  let assemblyFormat = [{
    `` $comparison_direction `,` $lhs `,` $rhs (`,` $compare_type^)?
      attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def HLO_SelectOp : HLO_Op<"select", [InferTypeOpAdaptor]> {
  let summary = "elementwise choice between two tensors by a predicate";
  let arguments = (ins HLO_PredTensor:$pred, HLO_Tensor:$on_true,
                       HLO_Tensor:$on_false);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:`
      custom<SelectOpType>(type($pred), type($on_true), type($on_false), type($result))
  }];
  let hasFolder = 1;
}

def HLO_ClampOp : HLO_Op<"clamp", [InferTypeOpAdaptor]> {
  let summary = "clamps operand between min and max (scalars broadcast)";
  let arguments = (ins HLO_Tensor:$min, HLO_Tensor:$operand, HLO_Tensor:$max);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $min `,` $operand `,` $max attr-dict
      `:` custom<SameOperandsAndResultType>(type($min), type($operand), type($max), type($result))
  }];
}

def HLO_ConvertOp : HLO_Op<"convert", [Elementwise, SameOperandsAndResultShape]> {
  let summary = "elementwise conversion of element type";
  let arguments = (ins HLO_Tensor:$operand);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` custom<SameOperandsAndResultType>(type($operand), type($result))
  }];
  let hasFolder = 1;
}

def HLO_ReducePrecisionOp : HLO_Op<"reduce_precision", [Elementwise,
    SameOperandsAndResultType, InferTypeOpInterface]> {
  let summary = "each float rounded to a format of fewer exponent and "
                "mantissa bits, kept in its own type";
  let description = [{
    The mantissa rounds to nearest even at `mantissa_bits`; an exponent
    above the format's range gives infinity, one at or below its smallest
    normal exponent a zero (subnormals flush), both with the sign kept. NaN
    stays NaN while the format has a mantissa bit, else becomes infinity.
  }];
  let arguments = (ins HLO_FpTensor:$operand, I32Attr:$exponent_bits,
                       I32Attr:$mantissa_bits);
  let results = (outs HLO_FpTensor:$output);
  let assemblyFormat = [{
    $operand `,` `format` `=` custom<ExponentMantissa>($exponent_bits, $mantissa_bits)
      attr-dict `:` custom<SameOperandsAndResultType>(type($operand), type($output))
  }];
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      // reduce_precision_c2, reduce_precision_c3 (I32Attr reads unsigned).
      auto exponentBits = static_cast<int32_t>(getExponentBits());
      auto mantissaBits = static_cast<int32_t>(getMantissaBits());
      if (exponentBits < 1)
        return emitOpError("reduce_precision_c2: exponent_bits must be at "
                           "least 1, got ") << exponentBits;
      if (mantissaBits < 0)
        return emitOpError("reduce_precision_c3: mantissa_bits must not be "
                           "negative, got ") << mantissaBits;
      return ::mlir::success();
    }
  }];
}

def HLO_BitcastConvertOp : HLO_Op<"bitcast_convert", [Elementwise,
    SameOperandsAndResultShape]> {
  let summary = "each element's bits read as another type of the same width";
  let description = [{
    Kiln takes the element types of the same bit width, where the shape
    stays; StableHLO's bitcasts between widths (which add or drop a
    dimension) are refused.
  }];
  let arguments = (ins HLO_Tensor:$operand);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      ::mlir::Type from = getOperand().getType().getElementType();
      ::mlir::Type to = getResult().getType().getElementType();
      if (from.getIntOrFloatBitWidth() != to.getIntOrFloatBitWidth())
        return emitOpError("from ") << from << " to " << to
               << ": a bitcast between element types of different widths "
                  "is not supported by Kiln";
      return ::mlir::success();
    }
  }];
}

//===----------------------------------------------------------------------===//
// Constants and shape ops
//===----------------------------------------------------------------------===//

def HLO_ConstantOp : HLO_Op<"constant", [ConstantLike, InferTypeOpAdaptor]> {
  let summary = "a constant tensor";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs HLO_Tensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def HLO_IotaOp : HLO_Op<"iota"> {
  let summary = "0, 1, 2, ... along one dimension";
  let arguments = (ins I64Attr:$iota_dimension);
  let results = (outs HLO_Tensor:$output);
  let assemblyFormat = "`dim` `=` $iota_dimension attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def HLO_BroadcastInDimOp : HLO_Op<"broadcast_in_dim"> {
  let summary = "broadcasts operand into a larger shape";
  let arguments = (ins HLO_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $broadcast_dimensions attr-dict
      `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def HLO_ReshapeOp : HLO_Op<"reshape"> {
  let summary = "same elements in row-major order, another shape";
  let arguments = (ins HLO_Tensor:$operand);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def HLO_TransposeOp : HLO_Op<"transpose", [InferTypeOpAdaptor]> {
  let summary = "permutes the dimensions of operand";
  let arguments = (ins HLO_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $permutation attr-dict
      `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def HLO_SliceOp : HLO_Op<"slice", [InferTypeOpAdaptor]> {
  let summary = "a strided slice with static bounds";
  let arguments = (ins HLO_Tensor:$operand,
                       DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand custom<SliceRanges>($start_indices, $limit_indices, $strides)
      attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def HLO_ConcatenateOp : HLO_Op<"concatenate", [InferTypeOpAdaptor]> {
  let summary = "joins tensors along one dimension";
  let arguments = (ins Variadic<HLO_Tensor>:$inputs,
                       I64Attr:$dimension);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    custom<VariadicOperandWithAttribute>($inputs) `dim` `=` $dimension
      attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def HLO_PadOp : HLO_Op<"pad", [InferTypeOpAdaptor]> {
  let summary = "pads edges (low, high; negative crops) and between elements";
  let arguments = (ins HLO_Tensor:$operand, HLO_Tensor:$padding_value,
                       DenseI64ArrayAttr:$edge_padding_low,
                       DenseI64ArrayAttr:$edge_padding_high,
                       DenseI64ArrayAttr:$interior_padding);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $padding_value `,` `low` `=` $edge_padding_low `,`
      `high` `=` $edge_padding_high `,` `interior` `=` $interior_padding
      attr-dict `:` functional-type(operands, results)
  }];
}

def HLO_ReverseOp : HLO_Op<"reverse", [SameOperandsAndResultType]> {
  let summary = "reverses the order of elements along dimensions";
  let arguments = (ins HLO_Tensor:$operand, DenseI64ArrayAttr:$dimensions);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $dimensions attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

def HLO_DynamicSliceOp : HLO_Op<"dynamic_slice", [InferTypeOpAdaptor]> {
  let summary = "a slice of fixed sizes at start indices computed at run time";
  let description = [{
    Each start index (a 0-d integer tensor per dimension) is clamped into
    [0, size - slice size], so the slice always lies inside the operand.
  }];
  let arguments = (ins HLO_Tensor:$operand,
                       Variadic<HLO_IntegerTensor>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` custom<VariadicOperandWithAttribute>($start_indices)
      `sizes` `=` $slice_sizes attr-dict `:` functional-type(operands, results)
  }];
}

def HLO_DynamicUpdateSliceOp : HLO_Op<"dynamic_update_slice",
    [InferTypeOpAdaptor]> {
  let summary = "operand with update written at start indices computed at run time";
  let description = [{
    Each start index (a 0-d integer tensor per dimension) is clamped into
    [0, size - update size], so the update always lies inside the operand.
  }];
  let arguments = (ins HLO_Tensor:$operand, HLO_Tensor:$update,
                       Variadic<HLO_IntegerTensor>:$start_indices);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    operands attr-dict `:` functional-type(operands, results)
  }];
}

def HLO_GatherOp : HLO_Op<"gather", [InferTypeOpAdaptor]> {
  let summary = "slices of operand starting at indices read from a tensor";
  let description = [{
    StableHLO's gather (embedding lookups, indexing by a tensor): for each
    index of the result's batch dimensions, a start index is read from
    `start_indices`, clamped so that the slice of `slice_sizes` fits in the
    operand, and the slice is copied to the result's offset dimensions.
    Printed in generic form, as StableHLO prints it.
  }];
  let arguments = (ins HLO_Tensor:$operand,
                       HLO_IntegerTensor:$start_indices,
                       HLO_GatherDimensionNumbers:$dimension_numbers,
                       DenseI64ArrayAttr:$slice_sizes,
                       DefaultValuedOptionalAttr<BoolAttr, "false">:$indices_are_sorted);
  let results = (outs HLO_Tensor:$result);
}

def HLO_ScatterOp : HLO_Op<"scatter", [RecursiveMemoryEffects,
    SameVariadicOperandSize, InferTypeOpAdaptor]> {
  let summary = "inputs with windows at indices combined with updates";
  let description = [{
    StableHLO's scatter (indexed updates, `x.at[i].add(y)`): each element
    of `updates` has a place in the results, found from `scatter_indices`
    as gather finds a slice; where that place lies inside the results, the
    element there becomes `update_computation(element, update)`. A place
    outside is skipped, element by element. Updates apply in row-major
    order of `updates`, so repeated indices combine deterministically.
    Printed in generic form, as StableHLO prints it.
  }];
  let arguments = (ins Variadic<HLO_Tensor>:$inputs,
                       HLO_IntegerTensor:$scatter_indices,
                       Variadic<HLO_Tensor>:$updates,
                       HLO_ScatterDimensionNumbers:$scatter_dimension_numbers,
                       DefaultValuedOptionalAttr<BoolAttr, "false">:$indices_are_sorted,
                       DefaultValuedOptionalAttr<BoolAttr, "false">:$unique_indices);
  let results = (outs Variadic<HLO_Tensor>);
  let regions = (region SizedRegion<1>:$update_computation);
  let hasRegionVerifier = 1;
}

def HLO_SelectAndScatterOp : HLO_Op<"select_and_scatter",
    [RecursiveMemoryEffects, InferTypeOpAdaptor]> {
  let summary = "source values scattered to the elements each window selects";
  let description = [{
    StableHLO's select_and_scatter (the gradient of max pooling): each
    window of `operand` selects one element by `select` (the first element
    stays selected while `select(selected, next)` holds), and the `source`
    element of that window is combined by `scatter` into the result there;
    the result starts as `init_value` everywhere. Windows visit their
    elements in row-major order; padding is never selected (a window with no
    operand element scatters nothing), and the source elements combine in
    row-major order. Printed in generic form, as StableHLO prints it.
  }];
  let arguments = (ins HLO_Tensor:$operand, HLO_Tensor:$source,
                       HLO_Tensor:$init_value,
                       OptionalAttr<DenseI64ArrayAttr>:$window_dimensions,
                       OptionalAttr<DenseI64ArrayAttr>:$window_strides,
                       OptionalAttr<I64ElementsAttr>:$padding);
  let results = (outs HLO_Tensor:$result);
  let regions = (region SizedRegion<1>:$select, SizedRegion<1>:$scatter);
  let hasRegionVerifier = 1;
}

def HLO_OptimizationBarrierOp : HLO_Op<"optimization_barrier",
    [InferTypeOpAdaptor]> {
  let summary = "its operands, unchanged (a scheduling hint)";
  let description = [{
    StableHLO's optimization_barrier, what JAX writes around a
    rematerialized (jax.checkpoint) computation: the results are the
    operands. It keeps a compiler from moving work across it; Kiln
    rematerializes nothing and computes every value the same way wherever
    it fuses it, so the barrier folds away.
  }];
  let arguments = (ins Variadic<HLO_Tensor>:$operand);
  let results = (outs Variadic<HLO_Tensor>:$result);
  let assemblyFormat = [{
    attr-dict ($operand^ `:` type($operand)):(`(` `)`)?
  }];
  let hasFolder = 1;
}

def HLO_SortOp : HLO_Op<"sort", [RecursiveMemoryEffects, InferTypeOpAdaptor]> {
  let summary = "sorts inputs together along a dimension by a comparator";
  let description = [{
    StableHLO's sort: the inputs, all of one shape, are permuted together
    along `dimension` (negative counts from the back) so that
    `comparator(a0, b0, a1, b1, ...)`, given the elements at two positions
    of each input, holds for no later position against an earlier one. Kiln
    always sorts stably (a bottom-up merge sort, natively and in the
    interpreter), whatever `is_stable` says. Printed in generic form, as
    StableHLO prints it.
  }];
  let arguments = (ins Variadic<HLO_Tensor>:$inputs,
                       DefaultValuedAttr<I64Attr, "-1">:$dimension,
                       DefaultValuedAttr<BoolAttr, "false">:$is_stable);
  let results = (outs Variadic<HLO_Tensor>);
  let regions = (region SizedRegion<1>:$comparator);
  let hasRegionVerifier = 1;
}

def HLO_TopKOp : HLO_Op<"top_k", [InferTypeOpAdaptor]> {
  let summary = "the k largest elements along the last dimension, and where";
  let description = [{
    CHLO's top_k: along the last dimension, `values` holds the `k` largest
    elements of `operand` in descending order (floats in total order, so
    NaN is largest and -NaN smallest) and `indices` (i32) their positions;
    equal elements keep their order. Canonicalization replaces it by its
    StableHLO decomposition (iota, a stable sort by `GT`, slices), so the
    interpreter and native code sort the same way.
  }];
  let arguments = (ins HLO_Tensor:$operand, I64Attr:$k,
                       DefaultValuedOptionalAttr<BoolAttr, "true">:$is_stable);
  let results = (outs HLO_Tensor:$values, HLO_Tensor:$indices);
  let assemblyFormat = [{
    `(` $operand `,` `k` `=` $k (`,` `is_stable` `=` $is_stable^)? `)`
      attr-dict `:` type($operand) `->` `(` type($values) `,` type($indices) `)`
  }];
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

def HLO_ReturnOp : HLO_Op<"return", [Terminator,
    ParentOneOf<["ReduceOp", "ReduceWindowOp", "ScatterOp",
                 "SelectAndScatterOp", "SortOp", "WhileOp", "IfOp", "CaseOp",
                 "FusionOp"]>]> {
  let summary = "returns the values of a body: a reduction's, a "
                "comparator's, a loop's, a branch's or a fusion's";
  let arguments = (ins Variadic<HLO_Tensor>:$results);
  let assemblyFormat = "$results attr-dict (`:` type($results)^)?";
}

def HLO_ReduceOp : HLO_Op<"reduce", [RecursiveMemoryEffects,
    SameVariadicOperandSize, InferTypeOpAdaptor]> {
  let summary = "reduces inputs along dimensions with a body";
  let arguments = (ins Variadic<HLO_Tensor>:$inputs,
                       Variadic<HLO_Tensor>:$init_values,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Variadic<HLO_Tensor>);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasRegionVerifier = 1;
}

def HLO_ReduceWindowOp : HLO_Op<"reduce_window", [RecursiveMemoryEffects,
    SameVariadicOperandSize, InferTypeOpAdaptor]> {
  let summary = "reduces each window of inputs (pooling)";
  let arguments = (ins Variadic<HLO_Tensor>:$inputs,
                       Variadic<HLO_Tensor>:$init_values,
                       DenseI64ArrayAttr:$window_dimensions,
                       OptionalAttr<DenseI64ArrayAttr>:$window_strides,
                       OptionalAttr<DenseI64ArrayAttr>:$base_dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$window_dilations,
                       OptionalAttr<I64ElementsAttr>:$padding);
  let results = (outs Variadic<HLO_Tensor>);
  let regions = (region SizedRegion<1>:$body);
  let hasRegionVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def HLO_DotGeneralOp : HLO_Op<"dot_general", [InferTypeOpAdaptor]> {
  let summary = "batched tensor contraction";
  let arguments = (ins HLO_Tensor:$lhs, HLO_Tensor:$rhs,
                       HLO_DotDimensionNumbers:$dot_dimension_numbers,
                       OptionalAttr<HLO_PrecisionConfigAttr>:$precision_config,
                       OptionalAttr<DictionaryAttr>:$algorithm);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs `,` custom<DotDimensionNumbers>($dot_dimension_numbers)
      `` custom<PrecisionAndAlgorithm>($precision_config, $algorithm)
      attr-dict `:` functional-type(operands, results)
  }];
}

def HLO_ConvolutionOp : HLO_Op<"convolution", [InferTypeOpAdaptor]> {
  let summary = "windowed contraction of input with kernel";
  let arguments = (ins HLO_Tensor:$lhs, HLO_Tensor:$rhs,
                       OptionalAttr<DenseI64ArrayAttr>:$window_strides,
                       OptionalAttr<I64ElementsAttr>:$padding,
                       OptionalAttr<DenseI64ArrayAttr>:$lhs_dilation,
                       OptionalAttr<DenseI64ArrayAttr>:$rhs_dilation,
                       OptionalAttr<DenseBoolArrayAttr>:$window_reversal,
                       HLO_ConvDimensionNumbers:$dimension_numbers,
                       I64Attr:$feature_group_count,
                       I64Attr:$batch_group_count,
                       OptionalAttr<HLO_PrecisionConfigAttr>:$precision_config);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    `(` $lhs `,` $rhs `)` `dim_numbers` `=` custom<ConvDimensions>($dimension_numbers)
      `,` `window` `=` `{` custom<WindowAttributes>($window_strides, $padding,
        $lhs_dilation, $rhs_dilation, $window_reversal) `}`
      attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

// The regions of these ops are graphs themselves: fusion and code generation
// treat each of their blocks as they treat the function's body, and the
// control flow runs between kernels (OutlineKernels.cpp). A region may read
// values defined before the op.

def HLO_WhileOp : HLO_Op<"while", [RecursiveMemoryEffects,
    InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmBlockArgumentNames"]>]> {
  let summary = "repeats body while cond holds";
  let description = [{
    StableHLO's while: the loop-carried values start as the operands; while
    `cond` (given the values) returns true, `body` computes the next values.
    The results are the values when `cond` first returns false, so the trip
    count may depend on the data.

    ```mlir
    %0:2 = hlo.while(%i = %zero, %acc = %x) : tensor<i32>, tensor<4xf32>
      cond {
      %lt = hlo.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
      hlo.return %lt : tensor<i1>
    } do {
      %next = hlo.add %i, %one : tensor<i32>
      %twice = hlo.add %acc, %acc : tensor<4xf32>
      hlo.return %next, %twice : tensor<i32>, tensor<4xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<HLO_Tensor>:$operand);
  let results = (outs Variadic<HLO_Tensor>);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasRegionVerifier = 1;
}

def HLO_IfOp : HLO_Op<"if", [RecursiveMemoryEffects]> {
  let summary = "runs one of two branches";
  let description = [{
    StableHLO's if: the results are those of `true_branch` when `pred` is
    true, else those of `false_branch`; only that branch runs. Printed in
    generic form, as StableHLO prints it.
  }];
  let arguments = (ins HLO_PredTensor:$pred);
  let results = (outs Variadic<HLO_Tensor>);
  let regions = (region SizedRegion<1>:$true_branch,
                        SizedRegion<1>:$false_branch);
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def HLO_CaseOp : HLO_Op<"case", [RecursiveMemoryEffects]> {
  let summary = "runs the branch an index selects";
  let description = [{
    StableHLO's case: the results are those of `branches[index]`; an index
    below 0 or past the last branch selects the last one. Only that branch
    runs. Printed in generic form, as StableHLO prints it.
  }];
  let arguments = (ins TensorOf<[I32]>:$index);
  let results = (outs Variadic<HLO_Tensor>);
  let regions = (region VariadicRegion<SizedRegion<1>>:$branches);
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Tuples
//===----------------------------------------------------------------------===//

def HLO_Tuple : TupleOf<[HLO_Tensor]>;

def HLO_TupleOp : HLO_Op<"tuple", [InferTypeOpAdaptor]> {
  let summary = "groups tensors into a tuple";
  let description = [{
    StableHLO's tuple, as older JAX programs and XLA's HLO write them. Kiln
    computes with tensors only: canonicalization replaces each
    `get_tuple_element` of a tuple by the element, after which the tuple
    is dead. Tuples of tuples are not supported.
  }];
  let arguments = (ins Variadic<HLO_Tensor>:$val);
  let results = (outs HLO_Tuple:$result);
  let hasCustomAssemblyFormat = 1;
}

def HLO_GetTupleElementOp : HLO_Op<"get_tuple_element",
    [InferTypeOpAdaptor]> {
  let summary = "one element of a tuple";
  let arguments = (ins HLO_Tuple:$operand, I32Attr:$index);
  let results = (outs HLO_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $index `]` attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Fusion
//===----------------------------------------------------------------------===//

def HLO_FusionOp : HLO_Op<"fusion", [IsolatedFromAbove,
    RecursiveMemoryEffects]> {
  let summary = "a fused subgraph that becomes one kernel (Kiln's own)";
  let description = [{
    Holds a subgraph of hlo ops that Kiln compiles into one native kernel,
    keeping the values between its ops in registers and cache. The region's
    arguments are the fusion's inputs; `hlo.return` yields its results. The
    kind says how the kernel is structured: `loop` (elementwise and shape
    ops), `input` (reductions with their producers and, for row fusion, the
    consumers that broadcast the results back along the rows) or `output`
    (a dot_general or convolution with its elementwise consumers).

    ```mlir
    %0 = hlo.fusion loop (%a = %x, %b = %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> {
      %1 = hlo.add %a, %b : tensor<4xf32>
      hlo.return %1 : tensor<4xf32>
    }
    ```
  }];
  let arguments = (ins HLO_FusionKindAttr:$kind, Variadic<HLO_Tensor>:$inputs);
  let results = (outs Variadic<HLO_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasRegionVerifier = 1;
}

#endif // KILN_HLO_OPS_TD
