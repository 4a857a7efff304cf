#pragma once

#include "src/evidence/SdkUsage.h"

namespace golive {

class SyntaxTree;

// Reads what a TypeScript or JavaScript file does with the cohere-ai SDK: the clients it
// constructs (through any import alias, `import * as sdk`, or `require`), the calls on them with
// their argument names (spreads of objects defined in the same file are followed), key-shaped
// literals given to a client or a key-like name, and whether CohereError/CohereTimeoutError are
// tested for (`instanceof`).
class TypeScriptReader {
public:
    static SdkUsage read(const SyntaxTree &tree);
};

} // namespace golive
