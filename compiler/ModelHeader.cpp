//===- ModelHeader.cpp - The C header of a compiled model ---------------===//
//
// NAME.h declares what ModelInterface.cpp defines, with the model's own
// types: `const float *x` for an f32 input named x. Shapes, element types
// and names are comments and constants a C program can size its buffers
// with.
//
//===----------------------------------------------------------------------===//

#include "compiler/ModelLibrary.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

using namespace llvm;

static const char *cTypeOf(kiln::ElementType type) {
  switch (type) {
  case kiln::ElementType::F32:
    return "float";
  case kiln::ElementType::F64:
    return "double";
  case kiln::ElementType::F16:
  case kiln::ElementType::BF16: // the bits; C has no portable 16-bit float
  case kiln::ElementType::UI16:
    return "uint16_t";
  case kiln::ElementType::I1:
  case kiln::ElementType::UI8:
    return "uint8_t";
  case kiln::ElementType::I8:
    return "int8_t";
  case kiln::ElementType::I16:
    return "int16_t";
  case kiln::ElementType::I32:
    return "int32_t";
  case kiln::ElementType::I64:
    return "int64_t";
  case kiln::ElementType::UI32:
    return "uint32_t";
  case kiln::ElementType::UI64:
    return "uint64_t";
  }
  return "float";
}

/// The C API's name of `type`: KILN_ and the MLIR spelling in capitals.
static std::string kindOf(kiln::ElementType type) {
  return "KILN_" + StringRef(kiln::elementTypeName(type)).upper();
}

/// `text` as it can stand inside a C comment on one line: an ONNX name or a
/// path may hold anything.
static std::string commentText(StringRef text) {
  std::string safe;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r')
      c = ' ';
    safe += c;
    if (c == '*' && i + 1 < text.size() && text[i + 1] == '/')
      safe += ' ';
  }
  return safe;
}

/// "f32[64, 784]", "i1[]" for a scalar.
static std::string describe(const kiln::TensorSpec &tensor) {
  std::string text = kiln::elementTypeName(tensor.elementType);
  text += "[";
  for (auto [index, size] : llvm::enumerate(tensor.shape))
    text += (index ? ", " : "") + std::to_string(size);
  return text + "]";
}

namespace {
/// Gives each tensor a distinct C parameter name made of its own.
class ParameterNames {
public:
  std::string take(StringRef name) {
    std::string base = kiln::cIdentifierFrom(name);
    if (isCKeyword(base) || base == "model")
      base += "_";
    std::string unique = base;
    for (int n = 2; !used.insert(unique).second; ++n)
      unique = base + "_" + std::to_string(n);
    return unique;
  }

private:
  static bool isCKeyword(StringRef word) {
    static const char *const keywords[] = {
        "auto",     "break",    "case",     "char",   "const",   "continue",
        "default",  "do",       "double",   "else",   "enum",    "extern",
        "float",    "for",      "goto",     "if",     "inline",  "int",
        "long",     "register", "restrict", "return", "short",   "signed",
        "sizeof",   "static",   "struct",   "switch", "typedef", "union",
        "unsigned", "void",     "volatile", "while",  "bool",    "true",
        "false",    "class",    "this",     "new",    "delete",  "template"};
    return llvm::is_contained(keywords, word);
  }
  StringSet<> used;
};
} // namespace

std::string kiln::modelHeader(const CompiledGraph &graph,
                              const ModelIdentity &model) {
  std::string text;
  raw_string_ostream os(text);
  std::string macro = model.name;
  for (char &c : macro)
    c = toUpper(c);
  ParameterNames names;
  std::vector<std::string> inputNames, outputNames;
  for (const TensorSpec &tensor : graph.inputs)
    inputNames.push_back(names.take(tensor.name));
  for (const TensorSpec &tensor : graph.outputs)
    outputNames.push_back(names.take(tensor.name));

  os << "/* " << model.name << ".h: the C API of the Kiln model '" << model.name
     << "'";
  if (!model.source.empty())
    os << ", compiled from " << commentText(model.source);
  os << ".\n"
     << " *\n"
     << " * Target: " << commentText(graph.target) << " (CPU features: "
     << (graph.cpuFeatures.empty() ? "none beyond x86-64" : graph.cpuFeatures)
     << ").\n"
     << " * " << model.name
     << "_create checks them, and the runtime's version, before any code\n"
     << " * runs. Link with -lkiln_runtime; docs/c-api.md describes the "
        "API. */\n\n"
     << "#ifndef KILN_MODEL_" << macro << "_H\n"
     << "#define KILN_MODEL_" << macro << "_H\n\n"
     << "#include \"runtime/KilnModel.h\"\n\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";

  auto constants = [&](const TensorSpec &tensor, StringRef parameter,
                       StringRef kind, size_t index) {
    std::string id = macro + "_" + parameter.upper();
    os << "/* " << kind << " " << index << ", '" << commentText(tensor.name)
       << "': " << describe(tensor) << " */\n";
    os << "#define " << id << "_TYPE " << kindOf(tensor.elementType) << "\n";
    os << "#define " << id << "_RANK " << tensor.shape.size() << "\n";
    for (auto [dim, size] : llvm::enumerate(tensor.shape))
      os << "#define " << id << "_DIM" << dim << " " << size << "\n";
    os << "#define " << id << "_ELEMENTS " << numElementsOf(tensor.shape)
       << "\n\n";
  };
  os << "#define " << macro << "_NUM_INPUTS " << graph.inputs.size() << "\n"
     << "#define " << macro << "_NUM_OUTPUTS " << graph.outputs.size()
     << "\n\n";
  for (size_t i = 0; i < graph.inputs.size(); ++i)
    constants(graph.inputs[i], inputNames[i], "Input", i);
  for (size_t i = 0; i < graph.outputs.size(); ++i)
    constants(graph.outputs[i], outputNames[i], "Output", i);

  os << "/* The model's description: names, shapes, element types, target. "
        "*/\n"
     << "extern const kiln_model_info " << model.name << "_info;\n\n"
     << "/* A model running on `threads` threads (0: all cores), or null when "
        "this\n"
     << " * CPU lacks a feature the code needs or the runtime's version "
        "differs;\n"
     << " * kiln_last_error() then says why. */\n"
     << "kiln_model *" << model.name << "_create(int32_t threads);\n\n"
     << "/* Runs the model on dense row-major buffers of the sizes above (any "
        "alignment;\n"
     << " * safe from several threads at once). Returns 0, or nonzero with\n"
     << " * kiln_last_error() saying why. */\n"
     << "int32_t " << model.name << "_run(kiln_model *model";
  for (size_t i = 0; i < graph.inputs.size(); ++i)
    os << ",\n    const " << cTypeOf(graph.inputs[i].elementType) << " *"
       << inputNames[i];
  for (size_t i = 0; i < graph.outputs.size(); ++i)
    os << ",\n    " << cTypeOf(graph.outputs[i].elementType) << " *"
       << outputNames[i];
  os << ");\n\n"
     << "/* Releases `model` (null is allowed). */\n"
     << "void " << model.name << "_destroy(kiln_model *model);\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n"
     << "#endif /* KILN_MODEL_" << macro << "_H */\n";
  return text;
}
