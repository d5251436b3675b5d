//===- ParserMessages.h - MLIR's parser messages in the user's words -*- C++
//-*-//

#ifndef KILN_COMPILER_FRONTENDS_MLIR_PARSERMESSAGES_H
#define KILN_COMPILER_FRONTENDS_MLIR_PARSERMESSAGES_H

#include <string>
#include <vector>

namespace kiln {

/// Rewrites the one-line diagnostics (`file:line:col: error: ...`) that
/// MLIR's parser gives for a graph into the user's words: what Kiln reads
/// instead of an unknown dialect, the enum's meaning instead of its C++
/// name, no op printed in generic form, no op named twice; a follow-up line
/// that repeats the one before it is dropped.
std::vector<std::string>
rewriteParserMessages(const std::vector<std::string> &lines);

} // namespace kiln

#endif // KILN_COMPILER_FRONTENDS_MLIR_PARSERMESSAGES_H
