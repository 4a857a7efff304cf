#pragma once

#include "src/common/Error.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct TSLanguage;
struct TSParser;
struct TSTree;

namespace golive {

// The languages the integration-code scan reads, each with its vendored tree-sitter grammar.
enum class SourceLanguage { TypeScript, JavaScript, Python };

// One parsed source file: the bytes and tree-sitter's concrete syntax tree over them. Comments
// and string contents are nodes of their own, so a reader that walks the tree cannot mistake
// them for code.
class SyntaxTree {
public:
    // Parses `source` (UTF-8). An Error (kind "parser") when the grammar does not load into this
    // tree-sitter runtime (a grammar generated for a newer language version) or parsing fails.
    static Result<SyntaxTree> parse(SourceLanguage language, QByteArray source);

    const QByteArray &source() const { return m_source; }
    TSTree *tree() const { return m_tree.get(); }
    // Whether tree-sitter had to recover from syntax errors somewhere.
    bool hasErrors() const;

private:
    struct TreeDeleter {
        void operator()(TSTree *tree) const;
    };
    QByteArray m_source;
    std::shared_ptr<TSTree> m_tree;
};

} // namespace golive
