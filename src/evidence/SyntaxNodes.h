#pragma once

#include <tree_sitter/api.h>

#include <QByteArray>
#include <QString>

#include <functional>

// Small helpers over tree-sitter's C node API, shared by the language readers.
namespace golive::syntax {

inline bool isNull(TSNode node)
{
    return ts_node_is_null(node);
}

inline QLatin1String type(TSNode node)
{
    return QLatin1String(ts_node_type(node));
}

inline bool is(TSNode node, const char *nodeType)
{
    return !ts_node_is_null(node) && type(node) == QLatin1String(nodeType);
}

inline TSNode field(TSNode node, const char *name)
{
    return ts_node_child_by_field_name(node, name, static_cast<uint32_t>(qstrlen(name)));
}

// 1-based line of the node's first character.
inline int line(TSNode node)
{
    return static_cast<int>(ts_node_start_point(node).row) + 1;
}

inline QString text(const QByteArray &source, TSNode node)
{
    const uint32_t start = ts_node_start_byte(node);
    const uint32_t end = ts_node_end_byte(node);
    return QString::fromUtf8(source.constData() + start, static_cast<qsizetype>(end - start));
}

// Every named node below `root` (root included), depth first, in source order. `visit` returns
// false to skip a node's children.
inline void forEachNamed(TSNode root, const std::function<bool(TSNode)> &visit)
{
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    bool descend = true;
    for (;;) {
        const TSNode node = ts_tree_cursor_current_node(&cursor);
        if (descend) {
            const bool enter = !ts_node_is_named(node) || visit(node);
            if (enter && ts_tree_cursor_goto_first_child(&cursor))
                continue;
        }
        if (ts_tree_cursor_goto_next_sibling(&cursor)) {
            descend = true;
            continue;
        }
        if (!ts_tree_cursor_goto_parent(&cursor))
            break;
        descend = false;
    }
    ts_tree_cursor_delete(&cursor);
}

inline uint32_t namedChildCount(TSNode node)
{
    return ts_node_named_child_count(node);
}

inline TSNode namedChild(TSNode node, uint32_t index)
{
    return ts_node_named_child(node, index);
}

} // namespace golive::syntax
