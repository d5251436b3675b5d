//===- TiledEpilogue.h - An output fusion's epilogue in registers -*- C++
//-*-===//
//
// The elementwise work an output fusion does after its contraction (a
// bias, an activation, a scale, a residual add), applied by the tiled
// engine's micro-kernels to their final sums in registers, before the one
// store of the outputs: no accumulator block for an epilogue to read back.
// The row window kernel applies it to a depthwise convolution's vectors
// likewise.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TILEDEPILOGUE_H
#define KILN_PASSES_CODEGEN_TILEDEPILOGUE_H

#include "passes/codegen/TiledConvolutionPatches.h"

#include <optional>

namespace kiln {

/// The f32 elementwise ops from the contraction to the fusion's one root
/// (a chain, or a graph such as GELU's x * 0.5 * (1 + erf(x / sqrt 2))):
/// add, subtract, multiply, divide, maximum, minimum, clamp, negate, abs,
/// exp, tanh, erf and sqrt. Each operand is a value computed before (the
/// contraction's or an op's), a constant splat, a value per row of the
/// [batch][M][N] result (an input broadcast along its row dim, 1-D or with
/// unit dims around it: a convolution's bias), a value per column (along
/// its last dim: a dot's bias) or an input of the result's shape (a
/// residual). Each op keeps its operand order and ScalarSemantics' f32
/// meaning (buildScalarOp's arith and math ops, on vectors, expanded alike
/// by kiln-expand-math), so the outputs are the epilogue's element by
/// element.
class RegisterEpilogue {
public:
  /// The epilogue of `fusion` whose contraction `shape` lays its result out
  /// as [batch][M][N], if it is such a graph.
  static std::optional<RegisterEpilogue> match(hlo::FusionOp fusion,
                                               const ContractionShape &shape);

  /// Binds the operands' memrefs, at the kernel's entry.
  void bind(KernelBuild &build);

  /// The ops applied to `sums`, row `row` of image `batch` at columns
  /// [column, column + lanes) of the result; where `mask` is given, only
  /// its lanes are read from memory.
  mlir::Value apply(mlir::OpBuilder &b, mlir::Location loc,
                    const ContractionShape &shape, mlir::Value sums,
                    mlir::Value batch, mlir::Value row, mlir::Value column,
                    mlir::Value mask, const IndexMath &math) const;

  /// The same ops applied to `rows`, consecutive rows from `row0` on of
  /// column `column` of a result laid out [batch][N][M] (a transposed
  /// micro-kernel's vector of one feature's positions); where `mask` is
  /// given, only its lanes are read from memory.
  mlir::Value applyToColumn(mlir::OpBuilder &b, mlir::Location loc,
                            const ContractionShape &shape, mlir::Value rows,
                            mlir::Value batch, mlir::Value row0,
                            mlir::Value column, mlir::Value mask,
                            const IndexMath &math) const;

  /// Whether apply reads an input per element (a residual).
  bool readsPerElement() const;

  /// Fetches into L1 the line of each input that apply reads per element
  /// at flat offset `at` of the result.
  void prefetch(mlir::OpBuilder &b, mlir::Location loc, mlir::Value at) const;

private:
  struct Operand {
    enum Kind { Computed, Splat, PerRow, PerColumn, PerElement } kind;
    /// Computed: the step whose result it is, -1 for the contraction's.
    int64_t step = -1;
    float splat = 0;
    /// The value read (its flat memref once bound).
    mlir::Value value, memref;
  };
  struct Step {
    mlir::Operation *op;
    llvm::SmallVector<Operand> operands;
  };
  /// The steps on `sums`, a vector of the result at `row` and `column`
  /// whose lanes run along the `along` kind's dim (PerColumn: a row's
  /// columns; PerRow: a column's rows): that kind's inputs are read as
  /// vectors, the other's elements broadcast, and per-element inputs read
  /// at `elementOffset()`; where `mask` is given, only its lanes are read.
  mlir::Value applySteps(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value sums, Operand::Kind along, mlir::Value row,
                         mlir::Value column,
                         llvm::function_ref<mlir::Value()> elementOffset,
                         mlir::Value mask) const;

  /// The indices along the result's row and column dims of (`row`,
  /// `column`) of `batch`: a grouped convolution's batches are its images'
  /// groups, whose rows (or with feature columns, columns) are the group's
  /// features.
  std::pair<mlir::Value, mlir::Value>
  resultRowAndColumn(const ContractionShape &shape, mlir::Value batch,
                     mlir::Value row, mlir::Value column,
                     const IndexMath &math) const;

  /// In the fusion body's order; the last computes the root.
  llvm::SmallVector<Step> steps;
  /// The feature groups of a grouped convolution
  /// (hlo::isGroupedMatrixConvolution).
  std::optional<ConvolutionGroups> groups;
};

/// Whether `fusion` reads an input that does not feed `contraction`
/// element by element alongside its result (a residual to add): one with
/// as many elements as the result.
bool readsInputPerElement(hlo::FusionOp fusion, mlir::Operation *contraction);

/// Stores `sums`, row `row`'s columns [column, column + lanes) of the
/// contraction, to each output (flat, laid out [batch][M][N]), through the
/// register epilogue where there is one; with `columnsLeft` (the columns
/// from `column` to N, 1 to lanes - 1), the lanes past N are left alone.
void storeOutputVector(mlir::OpBuilder &b, mlir::Location loc,
                       const ContractionShape &shape,
                       llvm::ArrayRef<mlir::Value> outputs,
                       const RegisterEpilogue *epilogue, mlir::Value sums,
                       mlir::Value batch, mlir::Value row, mlir::Value column,
                       std::optional<int64_t> columnsLeft,
                       const IndexMath &math);

/// Stores a micro-kernel's transposed sums (transposeSums), rows [row0,
/// row0 + R) of the columns from column0 on, to each output (flat, laid out
/// [batch][N][M]), through the register epilogue where there is one. Rows
/// from `rowsLeft` on are another micro-kernel's, or another tile's, and
/// columns from `columnsLeft` on (where given) past N: those are neither
/// read nor stored.
void storeTransposedOutputs(mlir::OpBuilder &b, mlir::Location loc,
                            const ContractionShape &shape,
                            llvm::ArrayRef<TransposedRows> pieces,
                            llvm::ArrayRef<mlir::Value> outputs,
                            const RegisterEpilogue *epilogue, mlir::Value batch,
                            mlir::Value row0, mlir::Value column0,
                            mlir::Value rowsLeft, mlir::Value columnsLeft,
                            const IndexMath &math);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TILEDEPILOGUE_H
