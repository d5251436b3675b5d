//===- TiledBlockEpilogue.h - A tile's sums through its block -*- C++ -*-===//
//
// Where the tiled engine's micro-kernels cannot store their final sums to
// the outputs themselves (a fusion with several roots, or one that reads
// another input per element past what the registers apply), they leave
// them in the tile's accumulator block, C ([mc][nc]) or its transpose,
// and an epilogue computes the fusion's roots from it, element by element,
// contiguously in the outputs.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TILEDBLOCKEPILOGUE_H
#define KILN_PASSES_CODEGEN_TILEDBLOCKEPILOGUE_H

#include "passes/codegen/TiledContraction.h"

namespace kiln {

/// Stores a micro-kernel's transposed sums (transposeSums) into the
/// transposed block, each column's rows contiguous at cT[column][row0]. The
/// R - mr extra rows land on the next micro-kernel's rows, which overwrite
/// them, or in the block's margin.
void storeTransposed(mlir::OpBuilder &b, mlir::Location loc,
                     llvm::ArrayRef<TransposedRows> pieces, mlir::Value cT,
                     mlir::Value row0, mlir::Value column0,
                     const IndexMath &math);

/// One tile's finished block: C, or with `transposed` its transpose
/// (Tiling::transposedRows), and the tile's place in the result, rows
/// [m0, m0 + rowsValid) and columns [n0, n0 + colsValid) of `batch`.
struct TileBlock {
  mlir::Value block;
  bool transposed = false;
  mlir::Value batch, m0, n0, rowsValid, colsValid;
};

/// Emits the epilogue of `tile`: every root of the fusion at its valid
/// rows and columns, the contraction read from the block. With
/// `flatOutputs` (flat views of the outputs, the result laid out as C and
/// read by nothing else per element), by whole rows of the tile, stored
/// at their flat offsets; otherwise by grid rows of the result's inner
/// dim (TiledContraction::gridInner), columns or, with rowsInner, rows.
/// Fails where a root's op cannot be emitted.
mlir::LogicalResult emitBlockEpilogue(KernelBuild &build,
                                      const TiledContraction &contraction,
                                      const TileBlock &tile,
                                      llvm::ArrayRef<mlir::Value> flatOutputs);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TILEDBLOCKEPILOGUE_H
