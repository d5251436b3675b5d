//===- Diagnostics.cpp - One-line diagnostics for Kiln's tools --------===//

#include "dialects/hlo/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mlir;

bool kiln::hasFileLocation(Location loc) {
  return static_cast<bool>(loc->findInstanceOf<FileLineColLoc>());
}

std::string kiln::formatLocation(Location loc) {
  auto file = loc->findInstanceOf<FileLineColLoc>();
  if (!file)
    return "unknown";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << file.getFilename().getValue();
  // A model file without lines (ONNX) names the op by the node it came
  // from: a NameLoc around a file location at line 0.
  if (file.getLine() == 0) {
    if (auto name = loc->findInstanceOf<NameLoc>())
      os << ": " << name.getName().getValue();
    return text;
  }
  os << ':' << file.getLine() << ':' << file.getColumn();
  return text;
}

static const char *severityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

std::string kiln::formatDiagnostic(const Diagnostic &diagnostic) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (hasFileLocation(diagnostic.getLocation()))
    os << formatLocation(diagnostic.getLocation()) << ": ";
  os << severityName(diagnostic.getSeverity()) << ": " << diagnostic.str();
  for (const Diagnostic &note : diagnostic.getNotes())
    os << " (note: " << note.str() << ')';
  // One line per diagnostic, whatever the message holds.
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

kiln::DiagnosticCollector::DiagnosticCollector(MLIRContext &context)
    : context_(context) {
  handler_ = context.getDiagEngine().registerHandler([this](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error ||
        diag.getSeverity() == DiagnosticSeverity::Warning)
      lines_.push_back(formatDiagnostic(diag));
    return success();
  });
}

kiln::DiagnosticCollector::~DiagnosticCollector() {
  context_.getDiagEngine().eraseHandler(handler_);
}

std::string kiln::DiagnosticCollector::message(llvm::StringRef fallback) const {
  if (lines_.empty())
    return fallback.str();
  std::string joined;
  for (const std::string &line : lines_) {
    if (!joined.empty())
      joined += '\n';
    joined += line;
  }
  return joined;
}
