#pragma once

#include "src/evidence/SdkUsage.h"

namespace golive {

class SyntaxTree;

// Reads what a Python file does with the cohere SDK: clients constructed through `import cohere`
// (any alias) or `from cohere import ClientV2` (any alias), the calls on them with their keyword
// arguments (a `**name` of a dict literal in the same file is followed), key-shaped literals
// given as `api_key=` or to a key-like name, and whether an `except` names one of the SDK's error
// classes.
class PythonReader {
public:
    static SdkUsage read(const SyntaxTree &tree);
};

} // namespace golive
