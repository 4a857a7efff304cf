#include "src/evidence/SyntaxTree.h"

#include <tree_sitter/api.h>

extern "C" {
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_python(void);
}

namespace golive {

namespace {

const TSLanguage *grammarFor(SourceLanguage language)
{
    switch (language) {
    case SourceLanguage::TypeScript:
        return tree_sitter_typescript();
    case SourceLanguage::JavaScript:
        return tree_sitter_javascript();
    case SourceLanguage::Python:
        return tree_sitter_python();
    }
    return nullptr;
}

// A parser per thread: creating one is cheap, but scanning thousands of files reuses it.
struct ThreadParser {
    TSParser *parser = ts_parser_new();
    ~ThreadParser() { ts_parser_delete(parser); }
};

} // namespace

void SyntaxTree::TreeDeleter::operator()(TSTree *tree) const
{
    ts_tree_delete(tree);
}

Result<SyntaxTree> SyntaxTree::parse(SourceLanguage language, QByteArray source)
{
    thread_local ThreadParser threadParser;
    const TSLanguage *grammar = grammarFor(language);
    if (!ts_parser_set_language(threadParser.parser, grammar))
        return Error{QStringLiteral("parser"),
                     QStringLiteral("The tree-sitter runtime (ABI %1-%2) cannot load the grammar "
                                    "(language version %3).")
                         .arg(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION)
                         .arg(TREE_SITTER_LANGUAGE_VERSION)
                         .arg(ts_language_version(grammar))};
    TSTree *tree = ts_parser_parse_string(threadParser.parser, nullptr, source.constData(),
                                          static_cast<uint32_t>(source.size()));
    if (!tree)
        return Error{QStringLiteral("parser"), QStringLiteral("tree-sitter could not parse it.")};
    SyntaxTree result;
    result.m_source = std::move(source);
    result.m_tree = std::shared_ptr<TSTree>(tree, TreeDeleter{});
    return result;
}

bool SyntaxTree::hasErrors() const
{
    return ts_node_has_error(ts_tree_root_node(m_tree.get()));
}

} // namespace golive
