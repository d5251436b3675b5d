//===- ParserMessages.cpp - MLIR's parser messages in the user's words ----===//
//
// MLIR's parser names C++ types, prints ops in generic form and registries in
// its messages; a user of Kiln wrote hlo text and should read about that.
// Each rule below is one regular expression over the text after `error: `.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/mlir/ParserMessages.h"

#include <cctype>
#include <regex>

/// "ComparisonDirection" -> "comparison direction".
static std::string spacedWords(const std::string &camelCase) {
  std::string words;
  for (char c : camelCase) {
    if (std::isupper(static_cast<unsigned char>(c)) && !words.empty())
      words += ' ';
    words += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return words;
}

/// An op of a dialect Kiln does not load: say what Kiln reads. MHLO ops get
/// the rename that makes them hlo ops (StableHLO's spelling is read as is).
static bool explainUnknownDialect(std::string &message) {
  static const std::regex unknown(
      R"(Dialect `([A-Za-z0-9_]+)' not found for custom op '([A-Za-z0-9_.]+)'.*)");
  static const std::regex unregistered(
      R"(operation being parsed with an unregistered dialect\..*)");
  std::smatch match;
  if (std::regex_match(message, match, unregistered)) {
    message = "op of a dialect Kiln does not know: Kiln reads hlo ops "
              "(StableHLO's ops, spelled 'stablehlo.' or 'hlo.')";
    return true;
  }
  if (!std::regex_match(message, match, unknown))
    return false;
  std::string dialect = match[1], op = match[2];
  message = "op '" + op + "' is not supported: Kiln reads hlo ops";
  if (dialect == "mhlo")
    message += ", StableHLO's ops under the 'hlo.' prefix (write 'hlo." +
               op.substr(dialect.size() + 1) + "')";
  return true;
}

/// A keyword that names no value of an hlo enum: the enum's meaning, not its
/// C++ type (`expected ::kiln::hlo::ComparisonDirection to be one of: ...`).
static bool explainEnumKeyword(std::string &message) {
  static const std::regex enumKeyword(
      R"(custom op '([A-Za-z0-9_.]+)' expected ::kiln::hlo::([A-Za-z]+) to be one of: (.*))");
  std::smatch match;
  if (!std::regex_match(message, match, enumKeyword))
    return false;
  message = "'" + match[1].str() + "' expects a " + spacedWords(match[2]) +
            ", one of: " + match[3].str();
  return true;
}

/// A block without a terminator: MLIR prints the block's last op in generic
/// form; say what the block must end with.
static bool explainMissingTerminator(std::string &message) {
  static const std::regex missing(R"(block with no terminator, has .*)");
  if (!std::regex_match(message, missing))
    return false;
  message = "the block ends without a terminator: a function must end in "
            "'return', the body of a reduction in 'hlo.return'";
  return true;
}

/// `custom op 'hlo.x' 'hlo.x' op ...`: the op named once.
static bool dropRepeatedOpName(std::string &message) {
  static const std::regex repeated(
      R"(custom op '([A-Za-z0-9_.]+)' '([A-Za-z0-9_.]+)' op (.*))");
  std::smatch match;
  if (!std::regex_match(message, match, repeated) || match[1] != match[2])
    return false;
  message = "'" + match[1].str() + "' op " + match[3].str();
  return true;
}

/// `custom op 'stablehlo.while' op 'stablehlo.while' is not supported`:
/// the message of an op Kiln lacks says it all (HloSpelling.cpp).
static bool dropCustomOpPrefix(std::string &message) {
  static const std::regex spelled(
      R"(custom op '[A-Za-z0-9_.]+' (op '[A-Za-z0-9_.]+' is not supported.*))");
  std::smatch match;
  if (!std::regex_match(message, match, spelled))
    return false;
  message = match[1];
  return true;
}

/// `custom op 'hlo.cbrt' is unknown`: said the way every op Kiln lacks is.
static bool explainUnknownOp(std::string &message) {
  static const std::regex unknown(
      R"(custom op '([A-Za-z0-9_.]+)' is unknown.*)");
  std::smatch match;
  if (!std::regex_match(message, match, unknown))
    return false;
  message = "op '" + match[1].str() + "' is not supported by Kiln";
  return true;
}

/// `unknown attribute `scatter` in dialect `hlo``: the attribute of an op
/// Kiln lacks (#stablehlo.scatter<...>), named as the user wrote it.
static bool explainUnknownAttribute(std::string &message) {
  static const std::regex unknown(
      R"(unknown attribute `([A-Za-z0-9_]+)` in dialect `hlo`)");
  std::smatch match;
  if (!std::regex_match(message, match, unknown))
    return false;
  message = "attribute '" + match[1].str() + "' is not supported by Kiln";
  return true;
}

/// A line that only repeats the failure of the line before it.
static bool isFollowUp(const std::string &message) {
  static const std::regex followUp(
      R"(custom op '[A-Za-z0-9_.]+' failed to parse [A-Za-z_]+ parameter .*)"
      R"(|'[A-Za-z0-9_.]+' op failed to infer returned types)");
  return std::regex_match(message, followUp);
}

std::vector<std::string>
kiln::rewriteParserMessages(const std::vector<std::string> &lines) {
  std::vector<std::string> rewritten;
  for (const std::string &line : lines) {
    size_t start = line.find("error: ");
    if (start == std::string::npos) {
      rewritten.push_back(line);
      continue;
    }
    start += 7;
    std::string message = line.substr(start);
    if (isFollowUp(message) && !rewritten.empty())
      continue;
    explainUnknownDialect(message) || explainEnumKeyword(message) ||
        explainMissingTerminator(message) || dropRepeatedOpName(message) ||
        dropCustomOpPrefix(message) || explainUnknownAttribute(message) ||
        explainUnknownOp(message);
    rewritten.push_back(line.substr(0, start) + message);
  }
  return rewritten;
}
