//===- HloDialect.td - The hlo dialect and its attributes --*- tablegen -*-===//
//
// Kiln's graph IR. Op names, operands, attributes and syntax follow
// StableHLO's specification under the `hlo.` prefix.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_HLO_DIALECT_TD
#define KILN_HLO_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Hlo_Dialect : Dialect {
  let name = "hlo";
  let cppNamespace = "::kiln::hlo";
  let summary = "Kiln's high-level graph operations (StableHLO's op set)";
  let description = [{
    Ranked, statically shaped tensor operations with StableHLO's semantics and
    syntax, plus Kiln's own `hlo.erf`.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def HLO_ComparisonDirection : I32EnumAttr<"ComparisonDirection",
    "which comparison to perform", [
      I32EnumAttrCase<"EQ", 0>, I32EnumAttrCase<"NE", 1>,
      I32EnumAttrCase<"GE", 2>, I32EnumAttrCase<"GT", 3>,
      I32EnumAttrCase<"LE", 4>, I32EnumAttrCase<"LT", 5>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::kiln::hlo";
}
def HLO_ComparisonDirectionAttr : EnumAttr<Hlo_Dialect, HLO_ComparisonDirection,
    "comparison_direction">;

def HLO_ComparisonType : I32EnumAttr<"ComparisonType",
    "how the comparison treats its operands", [
      I32EnumAttrCase<"NOTYPE", 0>, I32EnumAttrCase<"FLOAT", 1>,
      I32EnumAttrCase<"TOTALORDER", 2>, I32EnumAttrCase<"SIGNED", 3>,
      I32EnumAttrCase<"UNSIGNED", 4>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::kiln::hlo";
}
def HLO_ComparisonTypeAttr : EnumAttr<Hlo_Dialect, HLO_ComparisonType,
    "comparison_type">;

def HLO_Precision : I32EnumAttr<"Precision",
    "the precision of dot and convolution", [
      I32EnumAttrCase<"DEFAULT", 0>, I32EnumAttrCase<"HIGH", 1>,
      I32EnumAttrCase<"HIGHEST", 2>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::kiln::hlo";
}
def HLO_PrecisionAttr : EnumAttr<Hlo_Dialect, HLO_Precision, "precision">;
def HLO_PrecisionConfigAttr : TypedArrayAttrBase<HLO_PrecisionAttr,
    "precision config">;

def HLO_FusionKind : I32EnumAttr<"FusionKind",
    "how a fused kernel is structured (XLA's fusion kinds)", [
      I32EnumAttrCase<"Loop", 0, "loop">,
      I32EnumAttrCase<"Input", 1, "input">,
      I32EnumAttrCase<"Output", 2, "output">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::kiln::hlo";
}
def HLO_FusionKindAttr : EnumAttr<Hlo_Dialect, HLO_FusionKind, "fusion_kind">;

//===----------------------------------------------------------------------===//
// Structured attributes
//===----------------------------------------------------------------------===//

class HLO_Attr<string name, string attrMnemonic> : AttrDef<Hlo_Dialect, name> {
  let mnemonic = attrMnemonic;
}

def HLO_DotDimensionNumbers : HLO_Attr<"DotDimensionNumbers", "dot"> {
  let summary = "batching and contracting dimensions of dot_general";
  let parameters = (ins
    ArrayRefParameter<"int64_t">:$lhsBatchingDimensions,
    ArrayRefParameter<"int64_t">:$rhsBatchingDimensions,
    ArrayRefParameter<"int64_t">:$lhsContractingDimensions,
    ArrayRefParameter<"int64_t">:$rhsContractingDimensions);
  let hasCustomAssemblyFormat = 1;
}

def HLO_ConvDimensionNumbers : HLO_Attr<"ConvDimensionNumbers", "conv"> {
  let summary = "which dimensions of convolution's operands are batch, "
                "feature and spatial";
  let parameters = (ins
    "int64_t":$inputBatchDimension,
    "int64_t":$inputFeatureDimension,
    ArrayRefParameter<"int64_t">:$inputSpatialDimensions,
    "int64_t":$kernelInputFeatureDimension,
    "int64_t":$kernelOutputFeatureDimension,
    ArrayRefParameter<"int64_t">:$kernelSpatialDimensions,
    "int64_t":$outputBatchDimension,
    "int64_t":$outputFeatureDimension,
    ArrayRefParameter<"int64_t">:$outputSpatialDimensions);
  let hasCustomAssemblyFormat = 1;
}

def HLO_GatherDimensionNumbers : HLO_Attr<"GatherDimensionNumbers", "gather"> {
  let summary = "how gather's start indices select slices of its operand";
  let parameters = (ins
    ArrayRefParameter<"int64_t">:$offsetDims,
    ArrayRefParameter<"int64_t">:$collapsedSliceDims,
    ArrayRefParameter<"int64_t">:$operandBatchingDims,
    ArrayRefParameter<"int64_t">:$startIndicesBatchingDims,
    ArrayRefParameter<"int64_t">:$startIndexMap,
    "int64_t":$indexVectorDim);
  let hasCustomAssemblyFormat = 1;
}

def HLO_ScatterDimensionNumbers : HLO_Attr<"ScatterDimensionNumbers", "scatter"> {
  let summary = "how scatter's indices place the update windows in its inputs";
  let parameters = (ins
    ArrayRefParameter<"int64_t">:$updateWindowDims,
    ArrayRefParameter<"int64_t">:$insertedWindowDims,
    ArrayRefParameter<"int64_t">:$inputBatchingDims,
    ArrayRefParameter<"int64_t">:$scatterIndicesBatchingDims,
    ArrayRefParameter<"int64_t">:$scatterDimsToOperandDims,
    "int64_t":$indexVectorDim);
  let hasCustomAssemblyFormat = 1;
}

#endif // KILN_HLO_DIALECT_TD
