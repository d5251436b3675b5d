//===- Diagnostics.h - One-line diagnostics for Kiln's tools ----*- C++ -*-===//

#ifndef KILN_DIALECTS_HLO_DIAGNOSTICS_H
#define KILN_DIALECTS_HLO_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include <string>
#include <vector>

namespace kiln {

/// `file:line:col` of the first file location inside `loc` (fused, named and
/// call-site locations are looked into), or "unknown" when it has none: how
/// every message, profile row and picture names the user's op.
std::string formatLocation(mlir::Location loc);

/// Whether `loc` holds a file location that formatLocation can print.
bool hasFileLocation(mlir::Location loc);

/// `file:line:col: error: message` for `diagnostic`, using the first file
/// location found inside fused, named or call-site locations.
std::string formatDiagnostic(const mlir::Diagnostic &diagnostic);

/// Collects every error (and its notes, folded into the same line) emitted
/// in `context` while alive; tools print them, the API returns them.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(mlir::MLIRContext &context);
  ~DiagnosticCollector();
  DiagnosticCollector(const DiagnosticCollector &) = delete;
  DiagnosticCollector &operator=(const DiagnosticCollector &) = delete;

  /// The collected lines, in order.
  const std::vector<std::string> &lines() const { return lines_; }
  /// All lines joined by newlines, or `fallback` when none were collected.
  std::string message(llvm::StringRef fallback) const;

private:
  mlir::MLIRContext &context_;
  mlir::DiagnosticEngine::HandlerID handler_;
  std::vector<std::string> lines_;
};

} // namespace kiln

#endif // KILN_DIALECTS_HLO_DIAGNOSTICS_H
