//===- CommandLine.cpp - Command-line parsing with one-line errors --------===//

#include "tools/common/CommandLine.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <regex>
#include <unistd.h>

using namespace llvm;

std::string kiln::tools::explainCommandLineError(StringRef text) {
  std::string message = text.str();
  std::smatch match;
  static const std::regex unknown(
      R"(Unknown command line argument '([^']*)'\..*?( Did you mean '([^']*)'\?)?)");
  if (std::regex_match(message, match, unknown))
    return "unknown flag '" + match[1].str() + "'" +
           (match[3].matched ? "; did you mean '" + match[3].str() + "'?"
                             : std::string()) +
           " (see --help)";
  static const std::regex tooFew(R"(Not enough positional .*)");
  if (std::regex_match(message, tooFew))
    return "no graph file given (see --help)";
  static const std::regex tooMany(R"(Too many positional .*)");
  if (std::regex_match(message, tooMany))
    return "more than one graph file given (see --help)";
  static const std::regex badNumber(
      R"(for the -+([^ ]+) option: '([^']*)' value invalid for (\w+) argument!)");
  if (std::regex_match(message, match, badNumber)) {
    std::string kind = match[3].str().rfind('u', 0) == 0
                           ? "a whole number of 0 or more"
                           : "a whole number";
    return "--" + match[1].str() + " expects " + kind + ", got '" +
           match[2].str() + "'";
  }
  static const std::regex badBool(
      R"(for the -+([^ ]+) option: '([^']*)' is invalid value for boolean argument!.*)");
  if (std::regex_match(message, match, badBool))
    return "--" + match[1].str() + " takes no value (or true/false), got '" +
           match[2].str() + "'";
  static const std::regex noValue(
      R"(for the (-+[^ ]+) option: requires a value!)");
  if (std::regex_match(message, match, noValue))
    return match[1].str() + " needs a value";
  static const std::regex badName(
      R"(for the -+([^ ]+) option: Cannot find option named '([^']*)'!)");
  if (std::regex_match(message, match, badName))
    return "--" + match[1].str() + " has no value '" + match[2].str() +
           "' (see --help)";
  static const std::regex repeated(
      R"(for the (-+[^ ]+) option: may only occur zero or one times!)");
  if (std::regex_match(message, match, repeated))
    return match[1].str() + " given more than once";
  return message;
}

/// Runs `parse` with stderr caught in a temporary file (LLVM prints a bad
/// option value to stderr itself) and returns what it printed there.
template <class Parse>
static std::string catchStandardError(Parse parse, bool &ok) {
  std::FILE *capture = std::tmpfile();
  int saved = capture ? ::dup(2) : -1;
  if (saved < 0) {
    ok = parse();
    return "";
  }
  errs().flush();
  ::dup2(::fileno(capture), 2);
  ok = parse();
  errs().flush();
  ::dup2(saved, 2);
  ::close(saved);
  std::string text;
  std::rewind(capture);
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, capture)) > 0;)
    text.append(buffer, n);
  std::fclose(capture);
  return text;
}

bool kiln::tools::parseCommandLine(int argc, char **argv, StringRef overview) {
  std::string messages;
  raw_string_ostream errors(messages);
  bool ok = false;
  std::string printed = catchStandardError(
      [&] {
        return cl::ParseCommandLineOptions(argc, argv, overview, &errors);
      },
      ok);
  if (ok)
    return true;
  messages += printed;
  std::string tool = sys::path::filename(argv[0]).str();
  SmallVector<StringRef> lines;
  StringRef(messages).split(lines, '\n', -1, /*KeepEmpty=*/false);
  std::string joined;
  for (StringRef line : lines) {
    line = line.trim();
    line.consume_front(tool + ": ");
    joined += (joined.empty() ? "" : " ") + line.str();
  }
  if (!joined.empty())
    errs() << tool << ": error: " << explainCommandLineError(joined) << "\n";
  return false;
}
