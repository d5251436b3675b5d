//===- HloAssembly.h - Custom syntax pieces of hlo ops ----------*- C++ -*-===//
//
// The custom directives named in HloOps.td's assembly formats. They are
// written against AsmParser/AsmPrinter where attributes share them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_HLOASSEMBLY_H
#define KILN_DIALECTS_HLO_HLOASSEMBLY_H

#include "mlir/IR/OpImplementation.h"

namespace kiln::hlo {
class DotDimensionNumbersAttr;
class ConvDimensionNumbersAttr;

/// `: T` when every operand and the result have type T, else
/// `: (T0, T1) -> R`. Both spellings parse.
/// `[1, 2, 3]` (possibly empty), as StableHLO writes dimension lists.
mlir::ParseResult parseIntList(mlir::AsmParser &parser,
                               llvm::SmallVectorImpl<int64_t> &values);
void printIntList(mlir::AsmPrinter &printer, llvm::ArrayRef<int64_t> values);

mlir::ParseResult
parseSameOperandsAndResultTypeImpl(mlir::OpAsmParser &parser,
                                   llvm::ArrayRef<mlir::Type *> operands,
                                   mlir::Type &result);
void printSameOperandsAndResultTypeImpl(mlir::OpAsmPrinter &printer,
                                        llvm::ArrayRef<mlir::Type> operands,
                                        mlir::Type result);

template <class... Types>
mlir::ParseResult parseSameOperandsAndResultType(mlir::OpAsmParser &parser,
                                                 Types &...types) {
  mlir::Type *all[] = {&types...};
  constexpr size_t n = sizeof...(Types);
  return parseSameOperandsAndResultTypeImpl(
      parser, llvm::ArrayRef<mlir::Type *>(all, n - 1), *all[n - 1]);
}
template <class... Types>
void printSameOperandsAndResultType(mlir::OpAsmPrinter &printer,
                                    mlir::Operation *, Types... types) {
  mlir::Type all[] = {types...};
  constexpr size_t n = sizeof...(Types);
  printSameOperandsAndResultTypeImpl(
      printer, llvm::ArrayRef<mlir::Type>(all, n - 1), all[n - 1]);
}

/// select: `: pred_type, result_type` when both branches have the result's
/// type, else the functional form.
mlir::ParseResult parseSelectOpType(mlir::OpAsmParser &parser, mlir::Type &pred,
                                    mlir::Type &onTrue, mlir::Type &onFalse,
                                    mlir::Type &result);
void printSelectOpType(mlir::OpAsmPrinter &printer, mlir::Operation *,
                       mlir::Type pred, mlir::Type onTrue, mlir::Type onFalse,
                       mlir::Type result);

/// slice: `[start:limit:stride, ...]`, the stride omitted when 1.
/// reduce_precision's `e5m10`: the exponent and mantissa bit counts.
mlir::ParseResult parseExponentMantissa(mlir::OpAsmParser &parser,
                                        mlir::IntegerAttr &exponentBits,
                                        mlir::IntegerAttr &mantissaBits);
void printExponentMantissa(mlir::OpAsmPrinter &printer, mlir::Operation *,
                           mlir::IntegerAttr exponentBits,
                           mlir::IntegerAttr mantissaBits);

mlir::ParseResult parseSliceRanges(mlir::OpAsmParser &parser,
                                   mlir::DenseI64ArrayAttr &start,
                                   mlir::DenseI64ArrayAttr &limit,
                                   mlir::DenseI64ArrayAttr &strides);
void printSliceRanges(mlir::OpAsmPrinter &printer, mlir::Operation *,
                      mlir::DenseI64ArrayAttr start,
                      mlir::DenseI64ArrayAttr limit,
                      mlir::DenseI64ArrayAttr strides);

/// concatenate: `%a, %b, ` (each operand followed by a comma).
mlir::ParseResult parseVariadicOperandWithAttribute(
    mlir::OpAsmParser &parser,
    llvm::SmallVectorImpl<mlir::OpAsmParser::UnresolvedOperand> &operands);
void printVariadicOperandWithAttribute(mlir::OpAsmPrinter &printer,
                                       mlir::Operation *,
                                       mlir::OperandRange operands);

/// dot_general: `batching_dims = [0] x [0], contracting_dims = [2] x [1]`.
mlir::ParseResult parseDotDimensionNumbers(mlir::AsmParser &parser,
                                           DotDimensionNumbersAttr &attr);
void printDotDimensionNumbers(mlir::AsmPrinter &printer, mlir::Operation *,
                              DotDimensionNumbersAttr attr);

/// dot_general: optional `, precision = [DEFAULT, HIGH]` and
/// `, algorithm = <key = value, ...>`.
mlir::ParseResult parsePrecisionAndAlgorithm(mlir::OpAsmParser &parser,
                                             mlir::ArrayAttr &precision,
                                             mlir::DictionaryAttr &algorithm);
void printPrecisionAndAlgorithm(mlir::OpAsmPrinter &printer, mlir::Operation *,
                                mlir::ArrayAttr precision,
                                mlir::DictionaryAttr algorithm);

/// convolution: `[b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]`.
mlir::ParseResult parseConvDimensions(mlir::AsmParser &parser,
                                      ConvDimensionNumbersAttr &attr);
void printConvDimensions(mlir::AsmPrinter &printer, mlir::Operation *,
                         ConvDimensionNumbersAttr attr);

/// convolution: the body of `window = {stride = [..], pad = [[l, h], ..],
/// lhs_dilate = [..], rhs_dilate = [..], reverse = [..]}`.
mlir::ParseResult parseWindowAttributes(mlir::OpAsmParser &parser,
                                        mlir::DenseI64ArrayAttr &strides,
                                        mlir::DenseIntElementsAttr &padding,
                                        mlir::DenseI64ArrayAttr &lhsDilation,
                                        mlir::DenseI64ArrayAttr &rhsDilation,
                                        mlir::DenseBoolArrayAttr &reversal);
void printWindowAttributes(mlir::OpAsmPrinter &printer, mlir::Operation *,
                           mlir::DenseI64ArrayAttr strides,
                           mlir::DenseIntElementsAttr padding,
                           mlir::DenseI64ArrayAttr lhsDilation,
                           mlir::DenseI64ArrayAttr rhsDilation,
                           mlir::DenseBoolArrayAttr reversal);

} // namespace kiln::hlo

#endif // KILN_DIALECTS_HLO_HLOASSEMBLY_H
