//===- HloAssembly.cpp - StableHLO's pretty syntax for hlo ops --------===//
//
// Custom directives of HloOps.td and the textual forms of the dot, conv
// and gather dimension-number attributes (reduce's and fusion's syntax is
// in HloRegionAssembly.cpp).
// Each mirrors what StableHLO prints, so exported graphs read the same.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloAssembly.h"
#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

#include <array>

using namespace mlir;

namespace kiln::hlo {

//===----------------------------------------------------------------------===//
// Shared pieces
//===----------------------------------------------------------------------===//

ParseResult parseIntList(AsmParser &parser, SmallVectorImpl<int64_t> &values) {
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
    return parser.parseInteger(values.emplace_back());
  });
}

void printIntList(AsmPrinter &printer, ArrayRef<int64_t> values) {
  printer << '[';
  llvm::interleaveComma(values, printer);
  printer << ']';
}

//===----------------------------------------------------------------------===//
// Operand and result types
//===----------------------------------------------------------------------===//

ParseResult parseSameOperandsAndResultTypeImpl(OpAsmParser &parser,
                                               ArrayRef<Type *> operands,
                                               Type &result) {
  llvm::SMLoc loc = parser.getCurrentLocation();
  if (succeeded(parser.parseOptionalLParen())) {
    SmallVector<Type> types;
    if (failed(parser.parseOptionalRParen())) {
      if (parser.parseTypeList(types) || parser.parseRParen())
        return failure();
    }
    if (types.size() != operands.size())
      return parser.emitError(loc) << "expected " << operands.size()
                                   << " operand types, got " << types.size();
    for (auto [slot, type] : llvm::zip(operands, types))
      *slot = type;
    return failure(parser.parseArrow() || parser.parseType(result));
  }
  Type type;
  if (parser.parseType(type))
    return failure();
  for (Type *slot : operands)
    *slot = type;
  result = type;
  // CHLO prints `T -> T` and `T, T -> T`, without parentheses.
  if (operands.size() > 1 && succeeded(parser.parseOptionalComma())) {
    for (size_t i = 1; i < operands.size(); ++i)
      if ((i > 1 && parser.parseComma()) || parser.parseType(*operands[i]))
        return failure();
    return failure(parser.parseArrow() || parser.parseType(result));
  }
  if (operands.size() == 1 && succeeded(parser.parseOptionalArrow()))
    return parser.parseType(result);
  return success();
}

void printSameOperandsAndResultTypeImpl(OpAsmPrinter &printer,
                                        ArrayRef<Type> operands, Type result) {
  if (llvm::all_of(operands, [&](Type t) { return t == result; })) {
    printer << result;
    return;
  }
  printer.printFunctionalType(operands, TypeRange(result));
}

ParseResult parseSelectOpType(OpAsmParser &parser, Type &pred, Type &onTrue,
                              Type &onFalse, Type &result) {
  if (succeeded(parser.parseOptionalLParen())) {
    if (parser.parseType(pred) || parser.parseComma() ||
        parser.parseType(onTrue) || parser.parseComma() ||
        parser.parseType(onFalse) || parser.parseRParen() ||
        parser.parseArrow() || parser.parseType(result))
      return failure();
    return success();
  }
  if (parser.parseType(pred) || parser.parseComma() || parser.parseType(result))
    return failure();
  onTrue = onFalse = result;
  return success();
}

void printSelectOpType(OpAsmPrinter &printer, Operation *, Type pred,
                       Type onTrue, Type onFalse, Type result) {
  if (onTrue == result && onFalse == result) {
    printer << pred << ", " << result;
    return;
  }
  printer.printFunctionalType(TypeRange{pred, onTrue, onFalse},
                              TypeRange(result));
}

//===----------------------------------------------------------------------===//
// reduce_precision
//===----------------------------------------------------------------------===//

ParseResult parseExponentMantissa(OpAsmParser &parser,
                                  IntegerAttr &exponentBits,
                                  IntegerAttr &mantissaBits) {
  // One keyword: `e5m10` lexes as a single bare identifier.
  llvm::SMLoc loc = parser.getCurrentLocation();
  StringRef format;
  if (parser.parseKeyword(&format))
    return failure();
  unsigned exponent, mantissa;
  auto [e, m] = format.split('m');
  if (!e.consume_front("e") || e.getAsInteger(10, exponent) ||
      m.getAsInteger(10, mantissa))
    return parser.emitError(loc, "expected a format like e5m10, got '")
           << format << "'";
  Type i32 = IntegerType::get(parser.getContext(), 32);
  exponentBits = IntegerAttr::get(i32, exponent);
  mantissaBits = IntegerAttr::get(i32, mantissa);
  return success();
}

void printExponentMantissa(OpAsmPrinter &printer, Operation *,
                           IntegerAttr exponentBits, IntegerAttr mantissaBits) {
  printer << 'e' << exponentBits.getInt() << 'm' << mantissaBits.getInt();
}

//===----------------------------------------------------------------------===//
// slice and concatenate
//===----------------------------------------------------------------------===//

ParseResult parseSliceRanges(OpAsmParser &parser, DenseI64ArrayAttr &start,
                             DenseI64ArrayAttr &limit,
                             DenseI64ArrayAttr &strides) {
  SmallVector<int64_t> starts, limits, steps;
  auto parseRange = [&]() -> ParseResult {
    int64_t first, last, step = 1;
    if (parser.parseInteger(first) || parser.parseColon() ||
        parser.parseInteger(last))
      return failure();
    if (succeeded(parser.parseOptionalColon()) && parser.parseInteger(step))
      return failure();
    starts.push_back(first);
    limits.push_back(last);
    steps.push_back(step);
    return success();
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseRange))
    return failure();
  MLIRContext *ctx = parser.getContext();
  start = DenseI64ArrayAttr::get(ctx, starts);
  limit = DenseI64ArrayAttr::get(ctx, limits);
  strides = DenseI64ArrayAttr::get(ctx, steps);
  return success();
}

void printSliceRanges(OpAsmPrinter &printer, Operation *,
                      DenseI64ArrayAttr start, DenseI64ArrayAttr limit,
                      DenseI64ArrayAttr strides) {
  printer << '[';
  // The verifier reports mismatched lengths; print what is there.
  size_t n = std::min({start.size(), limit.size(), strides.size()});
  for (size_t i = 0; i < n; ++i) {
    if (i)
      printer << ", ";
    printer << start[i] << ':' << limit[i];
    if (strides[i] != 1)
      printer << ':' << strides[i];
  }
  printer << ']';
}

ParseResult parseVariadicOperandWithAttribute(
    OpAsmParser &parser,
    SmallVectorImpl<OpAsmParser::UnresolvedOperand> &operands) {
  while (true) {
    OpAsmParser::UnresolvedOperand operand;
    OptionalParseResult result = parser.parseOptionalOperand(operand);
    if (!result.has_value())
      return success();
    if (failed(*result) || parser.parseComma())
      return failure();
    operands.push_back(operand);
  }
}

void printVariadicOperandWithAttribute(OpAsmPrinter &printer, Operation *,
                                       OperandRange operands) {
  for (Value operand : operands)
    printer << operand << ", ";
}

//===----------------------------------------------------------------------===//
// dot_general
//===----------------------------------------------------------------------===//

/// Parses `[a, b] x [c, d]`.
static ParseResult parseDimsPair(AsmParser &parser, SmallVectorImpl<int64_t> &l,
                                 SmallVectorImpl<int64_t> &r) {
  return failure(parseIntList(parser, l) || parser.parseKeyword("x") ||
                 parseIntList(parser, r));
}

ParseResult parseDotDimensionNumbers(AsmParser &parser,
                                     DotDimensionNumbersAttr &attr) {
  SmallVector<int64_t> lhsBatch, rhsBatch, lhsContract, rhsContract;
  if (succeeded(parser.parseOptionalKeyword("batching_dims"))) {
    if (parser.parseEqual() || parseDimsPair(parser, lhsBatch, rhsBatch) ||
        parser.parseComma())
      return failure();
  }
  if (parser.parseKeyword("contracting_dims") || parser.parseEqual() ||
      parseDimsPair(parser, lhsContract, rhsContract))
    return failure();
  attr = DotDimensionNumbersAttr::get(parser.getContext(), lhsBatch, rhsBatch,
                                      lhsContract, rhsContract);
  return success();
}

void printDotDimensionNumbers(AsmPrinter &printer, Operation *,
                              DotDimensionNumbersAttr attr) {
  if (!attr.getLhsBatchingDimensions().empty() ||
      !attr.getRhsBatchingDimensions().empty()) {
    printer << "batching_dims = ";
    printIntList(printer, attr.getLhsBatchingDimensions());
    printer << " x ";
    printIntList(printer, attr.getRhsBatchingDimensions());
    printer << ", ";
  }
  printer << "contracting_dims = ";
  printIntList(printer, attr.getLhsContractingDimensions());
  printer << " x ";
  printIntList(printer, attr.getRhsContractingDimensions());
}

Attribute DotDimensionNumbersAttr::parse(AsmParser &parser, Type) {
  SmallVector<int64_t> dims[4];
  static constexpr StringLiteral kNames[4] = {
      "lhs_batching_dimensions", "rhs_batching_dimensions",
      "lhs_contracting_dimensions", "rhs_contracting_dimensions"};
  auto parseField = [&]() -> ParseResult {
    StringRef name;
    llvm::SMLoc loc = parser.getCurrentLocation();
    if (parser.parseKeyword(&name) || parser.parseEqual())
      return failure();
    for (int i = 0; i < 4; ++i)
      if (name == kNames[i])
        return parseIntList(parser, dims[i]);
    return parser.emitError(loc)
           << "unknown dot dimension field '" << name << "'";
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::LessGreater,
                                     parseField))
    return {};
  return get(parser.getContext(), dims[0], dims[1], dims[2], dims[3]);
}

void DotDimensionNumbersAttr::print(AsmPrinter &printer) const {
  ArrayRef<int64_t> dims[4] = {
      getLhsBatchingDimensions(), getRhsBatchingDimensions(),
      getLhsContractingDimensions(), getRhsContractingDimensions()};
  static constexpr StringLiteral kNames[4] = {
      "lhs_batching_dimensions", "rhs_batching_dimensions",
      "lhs_contracting_dimensions", "rhs_contracting_dimensions"};
  printer << '<';
  bool first = true;
  for (int i = 0; i < 4; ++i) {
    if (dims[i].empty())
      continue;
    if (!first)
      printer << ", ";
    first = false;
    printer << kNames[i] << " = ";
    printIntList(printer, dims[i]);
  }
  printer << '>';
}

namespace {

/// The fields of gather's and scatter's dimension numbers: five dimension
/// lists and index_vector_dim.
using IndexingLists = std::array<SmallVector<int64_t>, 5>;

/// `<name = [1], ..., index_vector_dim = 1>`, StableHLO's spelling: fields
/// in any order, an empty list left out.
ParseResult parseIndexingFields(AsmParser &parser,
                                ArrayRef<StringLiteral> names, StringRef what,
                                IndexingLists &lists, int64_t &indexVectorDim) {
  indexVectorDim = 0;
  auto parseField = [&]() -> ParseResult {
    StringRef name;
    llvm::SMLoc loc = parser.getCurrentLocation();
    if (parser.parseKeyword(&name) || parser.parseEqual())
      return failure();
    if (name == "index_vector_dim")
      return parser.parseInteger(indexVectorDim);
    for (auto [field, list] : llvm::zip(names, lists))
      if (name == field)
        return parseIntList(parser, list);
    return parser.emitError(loc)
           << "unknown " << what << " dimension field '" << name << "'";
  };
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::LessGreater,
                                        parseField);
}

void printIndexingFields(AsmPrinter &printer, ArrayRef<StringLiteral> names,
                         ArrayRef<ArrayRef<int64_t>> lists,
                         int64_t indexVectorDim) {
  printer << '<';
  for (auto [name, list] : llvm::zip(names, lists)) {
    if (list.empty())
      continue;
    printer << name << " = ";
    printIntList(printer, list);
    printer << ", ";
  }
  printer << "index_vector_dim = " << indexVectorDim << '>';
}

constexpr StringLiteral kGatherFields[5] = {
    "offset_dims", "collapsed_slice_dims", "operand_batching_dims",
    "start_indices_batching_dims", "start_index_map"};

constexpr StringLiteral kScatterFields[5] = {
    "update_window_dims", "inserted_window_dims", "input_batching_dims",
    "scatter_indices_batching_dims", "scatter_dims_to_operand_dims"};

} // namespace

/// `#hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], ...,
/// index_vector_dim = 1>`.
Attribute GatherDimensionNumbersAttr::parse(AsmParser &parser, Type) {
  IndexingLists lists;
  int64_t indexVectorDim;
  if (parseIndexingFields(parser, kGatherFields, "gather", lists,
                          indexVectorDim))
    return {};
  return get(parser.getContext(), lists[0], lists[1], lists[2], lists[3],
             lists[4], indexVectorDim);
}

void GatherDimensionNumbersAttr::print(AsmPrinter &printer) const {
  printIndexingFields(printer, kGatherFields,
                      {getOffsetDims(), getCollapsedSliceDims(),
                       getOperandBatchingDims(), getStartIndicesBatchingDims(),
                       getStartIndexMap()},
                      getIndexVectorDim());
}

/// `#hlo.scatter<update_window_dims = [1], inserted_window_dims = [0], ...,
/// index_vector_dim = 1>`.
Attribute ScatterDimensionNumbersAttr::parse(AsmParser &parser, Type) {
  IndexingLists lists;
  int64_t indexVectorDim;
  if (parseIndexingFields(parser, kScatterFields, "scatter", lists,
                          indexVectorDim))
    return {};
  return get(parser.getContext(), lists[0], lists[1], lists[2], lists[3],
             lists[4], indexVectorDim);
}

void ScatterDimensionNumbersAttr::print(AsmPrinter &printer) const {
  printIndexingFields(printer, kScatterFields,
                      {getUpdateWindowDims(), getInsertedWindowDims(),
                       getInputBatchingDims(), getScatterIndicesBatchingDims(),
                       getScatterDimsToOperandDims()},
                      getIndexVectorDim());
}

/// Parses `[DEFAULT, HIGH]` into an array of precision attributes.
static ParseResult parsePrecisionList(AsmParser &parser, ArrayAttr &result) {
  SmallVector<Attribute> values;
  auto parseOne = [&]() -> ParseResult {
    llvm::SMLoc loc = parser.getCurrentLocation();
    StringRef keyword;
    if (parser.parseKeyword(&keyword))
      return failure();
    std::optional<Precision> value = symbolizePrecision(keyword);
    if (!value)
      return parser.emitError(loc) << "unknown precision '" << keyword
                                   << "' (expected DEFAULT, HIGH or HIGHEST)";
    values.push_back(PrecisionAttr::get(parser.getContext(), *value));
    return success();
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseOne))
    return failure();
  result = ArrayAttr::get(parser.getContext(), values);
  return success();
}

ParseResult parsePrecisionAndAlgorithm(OpAsmParser &parser,
                                       ArrayAttr &precision,
                                       DictionaryAttr &algorithm) {
  while (succeeded(parser.parseOptionalComma())) {
    llvm::SMLoc loc = parser.getCurrentLocation();
    if (succeeded(parser.parseOptionalKeyword("precision"))) {
      if (parser.parseEqual() || parsePrecisionList(parser, precision))
        return failure();
      continue;
    }
    if (succeeded(parser.parseOptionalKeyword("algorithm"))) {
      // JAX prints `algorithm = <lhs_precision_type = tf32, ...>`; Kiln keeps
      // the fields as a dictionary and does not interpret them.
      NamedAttrList fields;
      auto parseField = [&]() -> ParseResult {
        StringRef name;
        Attribute value;
        if (parser.parseKeyword(&name) || parser.parseEqual() ||
            parser.parseAttribute(value))
          return failure();
        fields.append(name, value);
        return success();
      };
      if (parser.parseEqual() ||
          parser.parseCommaSeparatedList(AsmParser::Delimiter::LessGreater,
                                         parseField))
        return failure();
      algorithm = fields.getDictionary(parser.getContext());
      continue;
    }
    return parser.emitError(loc, "expected 'precision' or 'algorithm'");
  }
  return success();
}

void printPrecisionAndAlgorithm(OpAsmPrinter &printer, Operation *,
                                ArrayAttr precision, DictionaryAttr algorithm) {
  if (precision) {
    printer << ", precision = [";
    llvm::interleaveComma(precision, printer, [&](Attribute attr) {
      if (auto value = llvm::dyn_cast<PrecisionAttr>(attr))
        printer << stringifyPrecision(value.getValue());
      else
        printer << attr;
    });
    printer << ']';
  }
  if (algorithm) {
    printer << ", algorithm = <";
    llvm::interleaveComma(algorithm, printer, [&](NamedAttribute field) {
      printer << field.getName().getValue() << " = " << field.getValue();
    });
    printer << '>';
  }
}

//===----------------------------------------------------------------------===//
// convolution
//===----------------------------------------------------------------------===//

namespace {
/// One bracketed layout such as `[b, 0, 1, f]`: which position holds each of
/// two named dimensions and each spatial dimension.
struct ConvLayout {
  int64_t first = -1, second = -1;
  SmallVector<int64_t> spatial;
};
} // namespace

/// Parses a layout whose non-spatial dimensions are named `firstName` and
/// `secondName` (b/f for input and output, i/o for the kernel).
static ParseResult parseConvLayout(AsmParser &parser, char firstName,
                                   char secondName, ConvLayout &layout) {
  SmallVector<std::pair<int64_t, int64_t>> spatialAt; // (spatial index, pos)
  int64_t position = 0;
  llvm::SMLoc start = parser.getCurrentLocation();
  auto parseEntry = [&]() -> ParseResult {
    llvm::SMLoc loc = parser.getCurrentLocation();
    int64_t spatialIndex;
    OptionalParseResult number = parser.parseOptionalInteger(spatialIndex);
    if (number.has_value()) {
      if (failed(*number))
        return failure();
      spatialAt.push_back({spatialIndex, position++});
      return success();
    }
    StringRef name;
    if (parser.parseKeyword(&name))
      return failure();
    int64_t *slot = nullptr;
    if (name.size() == 1 && name[0] == firstName)
      slot = &layout.first;
    else if (name.size() == 1 && name[0] == secondName)
      slot = &layout.second;
    if (!slot)
      return parser.emitError(loc)
             << "unexpected dimension '" << name << "', expected '" << firstName
             << "', '" << secondName << "' or a spatial index";
    if (*slot != -1)
      return parser.emitError(loc) << "dimension '" << name << "' repeated";
    *slot = position++;
    return success();
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseEntry))
    return failure();
  if (layout.first == -1 || layout.second == -1)
    return parser.emitError(start) << "layout must name '" << firstName
                                   << "' and '" << secondName << "'";
  layout.spatial.assign(spatialAt.size(), -1);
  for (auto [index, pos] : spatialAt) {
    if (index < 0 || index >= static_cast<int64_t>(spatialAt.size()) ||
        layout.spatial[index] != -1)
      return parser.emitError(start) << "spatial dimensions must be 0.."
                                     << spatialAt.size() - 1 << ", each once";
    layout.spatial[index] = pos;
  }
  return success();
}

static void printConvLayout(AsmPrinter &printer, char firstName,
                            char secondName, int64_t first, int64_t second,
                            ArrayRef<int64_t> spatial) {
  int64_t rank = 2 + spatial.size();
  SmallVector<std::string> names(rank, "?");
  if (first >= 0 && first < rank)
    names[first] = std::string(1, firstName);
  if (second >= 0 && second < rank)
    names[second] = std::string(1, secondName);
  for (auto [index, pos] : llvm::enumerate(spatial))
    if (pos >= 0 && pos < rank)
      names[pos] = std::to_string(index);
  printer << '[';
  llvm::interleaveComma(names, printer);
  printer << ']';
}

ParseResult parseConvDimensions(AsmParser &parser,
                                ConvDimensionNumbersAttr &attr) {
  ConvLayout input, kernel, output;
  if (parseConvLayout(parser, 'b', 'f', input) || parser.parseKeyword("x") ||
      parseConvLayout(parser, 'i', 'o', kernel) || parser.parseArrow() ||
      parseConvLayout(parser, 'b', 'f', output))
    return failure();
  attr = ConvDimensionNumbersAttr::get(
      parser.getContext(), input.first, input.second, input.spatial,
      kernel.first, kernel.second, kernel.spatial, output.first, output.second,
      output.spatial);
  return success();
}

void printConvDimensions(AsmPrinter &printer, Operation *,
                         ConvDimensionNumbersAttr attr) {
  printConvLayout(printer, 'b', 'f', attr.getInputBatchDimension(),
                  attr.getInputFeatureDimension(),
                  attr.getInputSpatialDimensions());
  printer << 'x';
  printConvLayout(printer, 'i', 'o', attr.getKernelInputFeatureDimension(),
                  attr.getKernelOutputFeatureDimension(),
                  attr.getKernelSpatialDimensions());
  printer << "->";
  printConvLayout(printer, 'b', 'f', attr.getOutputBatchDimension(),
                  attr.getOutputFeatureDimension(),
                  attr.getOutputSpatialDimensions());
}

Attribute ConvDimensionNumbersAttr::parse(AsmParser &parser, Type) {
  ConvDimensionNumbersAttr attr;
  if (parser.parseLess() || parseConvDimensions(parser, attr) ||
      parser.parseGreater())
    return {};
  return attr;
}

void ConvDimensionNumbersAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printConvDimensions(printer, nullptr, *this);
  printer << '>';
}

ParseResult parseWindowAttributes(OpAsmParser &parser,
                                  DenseI64ArrayAttr &strides,
                                  DenseIntElementsAttr &padding,
                                  DenseI64ArrayAttr &lhsDilation,
                                  DenseI64ArrayAttr &rhsDilation,
                                  DenseBoolArrayAttr &reversal) {
  MLIRContext *ctx = parser.getContext();
  bool fieldFailed = false;
  auto parseFieldValue = [&](StringRef name, llvm::SMLoc loc) -> ParseResult {
    if (parser.parseEqual())
      return failure();
    if (name == "pad") {
      SmallVector<int64_t> flat;
      int64_t rows = 0;
      auto parseRow = [&]() -> ParseResult {
        SmallVector<int64_t> row;
        llvm::SMLoc rowLoc = parser.getCurrentLocation();
        if (parseIntList(parser, row))
          return failure();
        if (row.size() != 2)
          return parser.emitError(rowLoc, "expected [low, high] padding pair");
        flat.append(row);
        ++rows;
        return success();
      };
      if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                         parseRow))
        return failure();
      auto type = RankedTensorType::get({rows, 2}, IntegerType::get(ctx, 64));
      padding = DenseIntElementsAttr::get(type, flat);
      return success();
    }
    if (name == "reverse") {
      SmallVector<bool> flags;
      auto parseFlag = [&]() -> ParseResult {
        int64_t value;
        if (succeeded(parser.parseOptionalKeyword("true")))
          value = 1;
        else if (succeeded(parser.parseOptionalKeyword("false")))
          value = 0;
        else if (parser.parseInteger(value))
          return failure();
        flags.push_back(value != 0);
        return success();
      };
      if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                         parseFlag))
        return failure();
      reversal = DenseBoolArrayAttr::get(ctx, flags);
      return success();
    }
    DenseI64ArrayAttr *slot = name == "stride"       ? &strides
                              : name == "lhs_dilate" ? &lhsDilation
                              : name == "rhs_dilate" ? &rhsDilation
                                                     : nullptr;
    if (!slot)
      return parser.emitError(loc)
             << "unknown window field '" << name
             << "' (expected stride, pad, lhs_dilate, rhs_dilate or reverse)";
    SmallVector<int64_t> values;
    if (parseIntList(parser, values))
      return failure();
    *slot = DenseI64ArrayAttr::get(ctx, values);
    return success();
  };
  auto parseField = [&](StringRef name) -> ParseResult {
    llvm::SMLoc loc = parser.getCurrentLocation();
    fieldFailed = failed(parseFieldValue(name, loc));
    return failure(fieldFailed);
  };
  // `window = {}` is allowed: the caller parses the braces.
  StringRef name;
  while (succeeded(parser.parseOptionalKeyword(&name))) {
    if (parseField(name) || failed(parser.parseOptionalComma()))
      break;
  }
  return failure(fieldFailed);
}

void printWindowAttributes(OpAsmPrinter &printer, Operation *,
                           DenseI64ArrayAttr strides,
                           DenseIntElementsAttr padding,
                           DenseI64ArrayAttr lhsDilation,
                           DenseI64ArrayAttr rhsDilation,
                           DenseBoolArrayAttr reversal) {
  SmallVector<std::function<void()>> fields;
  if (strides)
    fields.push_back([&] {
      printer << "stride = ";
      printIntList(printer, strides.asArrayRef());
    });
  if (padding)
    fields.push_back([&] {
      printer << "pad = [";
      SmallVector<int64_t> flat(padding.getValues<int64_t>());
      for (size_t i = 0; i + 1 < flat.size(); i += 2) {
        if (i)
          printer << ", ";
        printer << '[' << flat[i] << ", " << flat[i + 1] << ']';
      }
      printer << ']';
    });
  if (lhsDilation)
    fields.push_back([&] {
      printer << "lhs_dilate = ";
      printIntList(printer, lhsDilation.asArrayRef());
    });
  if (rhsDilation)
    fields.push_back([&] {
      printer << "rhs_dilate = ";
      printIntList(printer, rhsDilation.asArrayRef());
    });
  if (reversal)
    fields.push_back([&] {
      printer << "reverse = [";
      llvm::interleaveComma(reversal.asArrayRef(), printer,
                            [&](bool b) { printer << (b ? "true" : "false"); });
      printer << ']';
    });
  llvm::interleaveComma(fields, printer, [](auto &print) { print(); });
}

} // namespace kiln::hlo
