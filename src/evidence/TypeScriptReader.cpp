#include "src/evidence/TypeScriptReader.h"

#include "src/evidence/SyntaxNodes.h"
#include "src/evidence/SyntaxTree.h"

#include <QHash>

namespace golive {

using namespace golive::syntax;

namespace {

constexpr int kMaxSpreadDepth = 4;

bool isSdkModule(const QString &specifier)
{
    return specifier == QLatin1String("cohere-ai") ||
           specifier.startsWith(QLatin1String("cohere-ai/"));
}

// What a JavaScript string literal holds; empty optional for anything else (template strings
// with substitutions included).
std::optional<QString> stringValue(const QByteArray &source, TSNode node)
{
    while (is(node, "as_expression") || is(node, "parenthesized_expression") ||
           is(node, "satisfies_expression"))
        node = namedChild(node, 0);
    if (is(node, "string")) {
        const QString quoted = text(source, node);
        return quoted.mid(1, quoted.size() - 2);
    }
    if (is(node, "template_string") && namedChildCount(node) <= 1 &&
        !is(namedChild(node, 0), "template_substitution")) {
        const QString quoted = text(source, node);
        return quoted.mid(1, quoted.size() - 2);
    }
    return std::nullopt;
}

class Reader {
public:
    explicit Reader(const SyntaxTree &tree)
        : m_source(tree.source()), m_root(ts_tree_root_node(tree.tree()))
    {
    }

    SdkUsage read()
    {
        forEachNamed(m_root, [this](TSNode node) {
            collectBinding(node);
            return true;
        });
        forEachNamed(m_root, [this](TSNode node) {
            inspect(node);
            return true;
        });
        return std::move(m_usage);
    }

private:
    QString textOf(TSNode node) const { return text(m_source, node); }

    // Pass 1: imports, constants, object literals and the names clients are kept in.
    void collectBinding(TSNode node)
    {
        if (is(node, "import_statement"))
            collectImport(node);
        else if (is(node, "variable_declarator"))
            collectDeclarator(node);
        else if (is(node, "new_expression"))
            collectClientName(node);
    }

    void collectImport(TSNode node)
    {
        const auto from = stringValue(m_source, field(node, "source"));
        if (!from || !isSdkModule(*from))
            return;
        m_usage.importsSdk = true;
        forEachNamed(node, [this](TSNode inner) {
            if (is(inner, "import_specifier")) {
                const TSNode name = field(inner, "name");
                const TSNode alias = field(inner, "alias");
                m_imported.insert(textOf(isNull(alias) ? name : alias), textOf(name));
                return false;
            }
            if (is(inner, "namespace_import")) {
                m_namespaces.insert(textOf(namedChild(inner, 0)));
                return false;
            }
            if (is(inner, "import_clause") && namedChildCount(inner) > 0 &&
                is(namedChild(inner, 0), "identifier"))
                m_namespaces.insert(textOf(namedChild(inner, 0))); // default import
            return true;
        });
    }

    void collectDeclarator(TSNode node)
    {
        const TSNode name = field(node, "name");
        const TSNode value = field(node, "value");
        if (isNull(value))
            return;
        if (is(name, "identifier")) {
            if (const auto literal = stringValue(m_source, value))
                m_constants.insert(textOf(name), *literal);
            else if (is(value, "object"))
                m_objects.insert(textOf(name), value);
            else if (isRequireOfSdk(value))
                m_namespaces.insert(textOf(name));
        } else if (is(name, "object_pattern") && isRequireOfSdk(value)) {
            m_usage.importsSdk = true;
            for (uint32_t i = 0; i < namedChildCount(name); ++i) {
                const TSNode part = namedChild(name, i);
                if (is(part, "shorthand_property_identifier_pattern"))
                    m_imported.insert(textOf(part), textOf(part));
                else if (is(part, "pair_pattern"))
                    m_imported.insert(textOf(field(part, "value")), textOf(field(part, "key")));
            }
        }
    }

    bool isRequireOfSdk(TSNode value) const
    {
        if (!is(value, "call_expression") || textOf(field(value, "function")) != QLatin1String("require"))
            return false;
        const TSNode arguments = field(value, "arguments");
        const auto module = stringValue(m_source, namedChild(arguments, 0));
        return module && isSdkModule(*module);
    }

    // The SDK export a name refers to ("CohereClientV2" for an alias of it), or empty.
    QString sdkExport(TSNode node) const
    {
        if (is(node, "identifier"))
            return m_imported.value(textOf(node));
        if (is(node, "member_expression") && is(field(node, "object"), "identifier") &&
            m_namespaces.contains(textOf(field(node, "object"))))
            return textOf(field(node, "property"));
        return QString();
    }

    std::optional<bool> clientVersion(TSNode newExpression) const
    {
        const QString exported = sdkExport(field(newExpression, "constructor"));
        if (exported == QLatin1String("CohereClientV2"))
            return true;
        if (exported == QLatin1String("CohereClient"))
            return false;
        return std::nullopt;
    }

    void collectClientName(TSNode node)
    {
        if (!clientVersion(node))
            return;
        TSNode holder = ts_node_parent(node);
        while (is(holder, "await_expression") || is(holder, "parenthesized_expression") ||
               is(holder, "as_expression"))
            holder = ts_node_parent(holder);
        if (is(holder, "variable_declarator") && is(field(holder, "name"), "identifier")) {
            m_clientVariables.insert(textOf(field(holder, "name")));
        } else if (is(holder, "assignment_expression")) {
            const TSNode left = field(holder, "left");
            if (is(left, "identifier"))
                m_clientVariables.insert(textOf(left));
            else if (is(left, "member_expression"))
                m_clientProperties.insert(textOf(field(left, "property")));
        } else if (is(holder, "public_field_definition") || is(holder, "field_definition")) {
            const TSNode name = field(holder, is(holder, "field_definition") ? "property" : "name");
            m_clientProperties.insert(textOf(name));
        }
    }

    // Pass 2: constructions, calls, key literals, error handling.
    void inspect(TSNode node)
    {
        if (is(node, "new_expression"))
            inspectConstruction(node);
        else if (is(node, "call_expression"))
            inspectCall(node);
        else if (is(node, "variable_declarator"))
            inspectKeyAssignment(field(node, "name"), field(node, "value"));
        else if (is(node, "assignment_expression"))
            inspectKeyAssignment(field(node, "left"), field(node, "right"));
        else if (is(node, "pair"))
            inspectKeyAssignment(field(node, "key"), field(node, "value"));
        else if (is(node, "binary_expression"))
            inspectInstanceof(node);
    }

    void inspectConstruction(TSNode node)
    {
        const auto v2 = clientVersion(node);
        if (!v2)
            return;
        m_usage.clients.append({line(node), *v2, textOf(field(node, "constructor"))});
    }

    void inspectKeyAssignment(TSNode name, TSNode value)
    {
        if (isNull(name) || isNull(value))
            return;
        const TSNode named = is(name, "member_expression") ? field(name, "property") : name;
        QString nameText = textOf(named);
        if (const auto quotedName = stringValue(m_source, named))
            nameText = *quotedName;
        if (!isKeyLikeName(nameText))
            return;
        collectKeyLiterals(value);
    }

    // The key-shaped literals of a value: the literal itself, or either side of `a || 'b'`,
    // `a ?? 'b'`, `c ? 'a' : 'b'`.
    void collectKeyLiterals(TSNode value)
    {
        if (const auto literal = stringValue(m_source, value)) {
            if (looksLikeApiKey(*literal))
                m_usage.keyLiterals.append({line(value), *literal});
            return;
        }
        if (is(value, "binary_expression") || is(value, "ternary_expression") ||
            is(value, "parenthesized_expression")) {
            for (uint32_t i = 0; i < namedChildCount(value); ++i)
                collectKeyLiterals(namedChild(value, i));
        }
    }

    void inspectInstanceof(TSNode node)
    {
        const TSNode op = field(node, "operator");
        if (isNull(op) || textOf(op) != QLatin1String("instanceof"))
            return;
        const QString exported = sdkExport(field(node, "right"));
        if (exported == QLatin1String("CohereError") ||
            exported == QLatin1String("CohereTimeoutError"))
            m_usage.catchesSdkErrors = true;
    }

    bool isClientReceiver(TSNode receiver) const
    {
        if (is(receiver, "identifier"))
            return m_clientVariables.contains(textOf(receiver));
        if (is(receiver, "member_expression"))
            return m_clientProperties.contains(textOf(field(receiver, "property")));
        if (is(receiver, "parenthesized_expression"))
            return isClientReceiver(namedChild(receiver, 0));
        if (is(receiver, "new_expression"))
            return clientVersion(receiver).has_value();
        return false;
    }

    void inspectCall(TSNode node)
    {
        const TSNode function = field(node, "function");
        if (!is(function, "member_expression") || !isClientReceiver(field(function, "object")))
            return;
        const QString method = textOf(field(function, "property"));
        SdkUsage::Call call;
        if (method == QLatin1String("chat"))
            call.method = SdkUsage::Call::Method::Chat;
        else if (method == QLatin1String("chatStream"))
            call.method = SdkUsage::Call::Method::ChatStream;
        else if (method == QLatin1String("embed"))
            call.method = SdkUsage::Call::Method::Embed;
        else if (method == QLatin1String("rerank"))
            call.method = SdkUsage::Call::Method::Rerank;
        else
            return;
        call.spelled = method;
        call.line = line(node);
        if (call.method == SdkUsage::Call::Method::ChatStream)
            m_usage.usesStreaming = true;
        const TSNode arguments = field(node, "arguments");
        const TSNode request = namedChildCount(arguments) > 0 ? namedChild(arguments, 0) : TSNode{};
        readRequest(request, call, 0);
        m_usage.calls.append(call);
    }

    void readRequest(TSNode request, SdkUsage::Call &call, int depth)
    {
        if (isNull(request)) {
            call.unresolved = QStringLiteral("no request object");
            return;
        }
        if (is(request, "identifier") && m_objects.contains(textOf(request)) &&
            depth < kMaxSpreadDepth) {
            readRequest(m_objects.value(textOf(request)), call, depth + 1);
            return;
        }
        if (!is(request, "object")) {
            call.unresolved = QStringLiteral("the request %1 is built elsewhere")
                                  .arg(textOf(request).left(40));
            return;
        }
        for (uint32_t i = 0; i < namedChildCount(request); ++i) {
            const TSNode member = namedChild(request, i);
            if (is(member, "pair")) {
                const TSNode key = field(member, "key");
                const QString name = stringValue(m_source, key).value_or(textOf(key));
                call.arguments.insert(normalisedArgumentName(name));
                if (name == QLatin1String("model"))
                    readModel(field(member, "value"), call);
            } else if (is(member, "shorthand_property_identifier")) {
                const QString name = textOf(member);
                call.arguments.insert(normalisedArgumentName(name));
                if (name == QLatin1String("model") && m_constants.contains(name))
                    call.modelIds.append({line(member), m_constants.value(name)});
            } else if (is(member, "method_definition")) {
                call.arguments.insert(normalisedArgumentName(textOf(field(member, "name"))));
            } else if (is(member, "spread_element")) {
                readRequest(namedChild(member, 0), call, depth + 1);
            }
        }
    }

    void readModel(TSNode value, SdkUsage::Call &call)
    {
        if (const auto literal = stringValue(m_source, value))
            call.modelIds.append({line(value), *literal});
        else if (is(value, "identifier") && m_constants.contains(textOf(value)))
            call.modelIds.append({line(value), m_constants.value(textOf(value))});
    }

    const QByteArray &m_source;
    TSNode m_root;
    SdkUsage m_usage;
    QHash<QString, QString> m_imported; // local name -> SDK export
    QSet<QString> m_namespaces;         // `import * as sdk`, default import, `require`
    QHash<QString, QString> m_constants;
    QHash<QString, TSNode> m_objects;
    QSet<QString> m_clientVariables;
    QSet<QString> m_clientProperties; // `this.co = new ...`, class fields
};

} // namespace

SdkUsage TypeScriptReader::read(const SyntaxTree &tree)
{
    return Reader(tree).read();
}

} // namespace golive
