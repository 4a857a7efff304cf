#include "src/evidence/PythonReader.h"

#include "src/evidence/SyntaxNodes.h"
#include "src/evidence/SyntaxTree.h"

#include <QHash>

namespace golive {

using namespace golive::syntax;

namespace {

constexpr int kMaxSplatDepth = 4;

bool isSdkModule(const QString &dotted)
{
    return dotted == QLatin1String("cohere") || dotted.startsWith(QLatin1String("cohere."));
}

// The value of a plain Python string literal (no f-string substitutions, no concatenation).
std::optional<QString> stringValue(const QByteArray &source, TSNode node)
{
    if (!is(node, "string"))
        return std::nullopt;
    QString value;
    for (uint32_t i = 0; i < namedChildCount(node); ++i) {
        const TSNode part = namedChild(node, i);
        if (is(part, "interpolation"))
            return std::nullopt;
        if (is(part, "string_content") || is(part, "escape_sequence"))
            value += text(source, part);
    }
    return value;
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

    void collectBinding(TSNode node)
    {
        if (is(node, "import_statement"))
            collectImport(node);
        else if (is(node, "import_from_statement"))
            collectFromImport(node);
        else if (is(node, "assignment"))
            collectAssignment(node);
    }

    void collectImport(TSNode node)
    {
        for (uint32_t i = 0; i < namedChildCount(node); ++i) {
            const TSNode name = namedChild(node, i);
            if (is(name, "dotted_name") && isSdkModule(textOf(name))) {
                m_usage.importsSdk = true;
                m_modules.insert(textOf(namedChild(name, 0))); // `import cohere.errors` binds cohere
            } else if (is(name, "aliased_import") && isSdkModule(textOf(field(name, "name")))) {
                m_usage.importsSdk = true;
                const QString module = textOf(field(name, "name"));
                const QString alias = textOf(field(name, "alias"));
                if (module == QLatin1String("cohere"))
                    m_modules.insert(alias);
                else
                    m_submoduleAliases.insert(alias);
            }
        }
    }

    void collectFromImport(TSNode node)
    {
        if (!isSdkModule(textOf(field(node, "module_name"))))
            return;
        m_usage.importsSdk = true;
        for (uint32_t i = 0; i < namedChildCount(node); ++i) {
            const TSNode name = namedChild(node, i);
            if (ts_node_eq(name, field(node, "module_name")))
                continue;
            if (is(name, "dotted_name")) {
                m_imported.insert(textOf(name), textOf(name));
            } else if (is(name, "aliased_import")) {
                m_imported.insert(textOf(field(name, "alias")), textOf(field(name, "name")));
            }
        }
    }

    void collectAssignment(TSNode node)
    {
        const TSNode left = field(node, "left");
        const TSNode right = field(node, "right");
        if (!is(left, "identifier") || isNull(right))
            return;
        if (const auto literal = stringValue(m_source, right))
            m_constants.insert(textOf(left), *literal);
        else if (is(right, "dictionary"))
            m_dicts.insert(textOf(left), right);
        else if (clientVersion(right))
            m_clientVariables.insert(textOf(left));
    }

    // "ClientV2" for `cohere.ClientV2`, `co.ClientV2`, or an imported alias of it; else empty.
    QString sdkName(TSNode node) const
    {
        if (is(node, "identifier"))
            return m_imported.value(textOf(node));
        if (is(node, "attribute")) {
            TSNode root = field(node, "object");
            while (is(root, "attribute"))
                root = field(root, "object");
            if (is(root, "identifier") && (m_modules.contains(textOf(root)) ||
                                           m_submoduleAliases.contains(textOf(root))))
                return textOf(field(node, "attribute"));
        }
        return QString();
    }

    std::optional<bool> clientVersion(TSNode call) const
    {
        if (!is(call, "call"))
            return std::nullopt;
        const QString name = sdkName(field(call, "function"));
        if (name == QLatin1String("ClientV2") || name == QLatin1String("AsyncClientV2"))
            return true;
        if (name == QLatin1String("Client") || name == QLatin1String("AsyncClient"))
            return false;
        return std::nullopt;
    }

    void inspect(TSNode node)
    {
        if (is(node, "call"))
            inspectCall(node);
        else if (is(node, "assignment"))
            inspectAssignment(node);
        else if (is(node, "keyword_argument"))
            inspectKeyValue(textOf(field(node, "name")), field(node, "value"));
        else if (is(node, "pair"))
            inspectKeyValue(stringValue(m_source, field(node, "key")).value_or(QString()),
                            field(node, "value"));
        else if (is(node, "except_clause"))
            inspectExcept(node);
    }

    void inspectAssignment(TSNode node)
    {
        const TSNode left = field(node, "left");
        const TSNode right = field(node, "right");
        if (clientVersion(right) && is(left, "attribute"))
            m_clientAttributes.insert(textOf(field(left, "attribute")));
        if (is(left, "identifier"))
            inspectKeyValue(textOf(left), right);
        else if (is(left, "attribute"))
            inspectKeyValue(textOf(field(left, "attribute")), right);
    }

    void inspectKeyValue(const QString &name, TSNode value)
    {
        if (name.isEmpty() || isNull(value) || !isKeyLikeName(name))
            return;
        collectKeyLiterals(value);
    }

    // The literal, or either side of `os.environ.get(...) or "..."` and `"a" if c else "b"`.
    void collectKeyLiterals(TSNode value)
    {
        if (const auto literal = stringValue(m_source, value)) {
            if (looksLikeApiKey(*literal))
                m_usage.keyLiterals.append({line(value), *literal});
            return;
        }
        if (is(value, "boolean_operator") || is(value, "conditional_expression") ||
            is(value, "parenthesized_expression")) {
            for (uint32_t i = 0; i < namedChildCount(value); ++i)
                collectKeyLiterals(namedChild(value, i));
        }
    }

    void inspectExcept(TSNode node)
    {
        forEachNamed(node, [this](TSNode inner) {
            if (is(inner, "block"))
                return false;
            if ((is(inner, "identifier") || is(inner, "attribute")) &&
                sdkName(inner).endsWith(QLatin1String("Error"))) {
                m_usage.catchesSdkErrors = true;
                return false;
            }
            return true;
        });
    }

    bool isClientReceiver(TSNode receiver) const
    {
        if (is(receiver, "identifier"))
            return m_clientVariables.contains(textOf(receiver));
        if (is(receiver, "attribute"))
            return m_clientAttributes.contains(textOf(field(receiver, "attribute")));
        if (is(receiver, "call"))
            return clientVersion(receiver).has_value();
        return false;
    }

    void inspectCall(TSNode node)
    {
        if (const auto v2 = clientVersion(node)) {
            m_usage.clients.append({line(node), *v2, textOf(field(node, "function"))});
            return;
        }
        const TSNode function = field(node, "function");
        if (!is(function, "attribute") || !isClientReceiver(field(function, "object")))
            return;
        const QString method = textOf(field(function, "attribute"));
        SdkUsage::Call call;
        if (method == QLatin1String("chat"))
            call.method = SdkUsage::Call::Method::Chat;
        else if (method == QLatin1String("chat_stream"))
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
        readArguments(field(node, "arguments"), call);
        m_usage.calls.append(call);
    }

    void readArguments(TSNode arguments, SdkUsage::Call &call)
    {
        for (uint32_t i = 0; i < namedChildCount(arguments); ++i) {
            const TSNode argument = namedChild(arguments, i);
            if (is(argument, "keyword_argument")) {
                const QString name = textOf(field(argument, "name"));
                call.arguments.insert(normalisedArgumentName(name));
                if (name == QLatin1String("model"))
                    readModel(field(argument, "value"), call);
            } else if (is(argument, "dictionary_splat")) {
                readSplat(namedChild(argument, 0), call, 0);
            } else if (is(argument, "list_splat")) {
                call.unresolved = QStringLiteral("positional arguments from %1")
                                      .arg(textOf(argument).left(40));
            }
        }
    }

    void readSplat(TSNode value, SdkUsage::Call &call, int depth)
    {
        if (is(value, "identifier") && m_dicts.contains(textOf(value)) && depth < kMaxSplatDepth)
            value = m_dicts.value(textOf(value));
        if (!is(value, "dictionary")) {
            call.unresolved = QStringLiteral("the arguments in **%1 are built elsewhere")
                                  .arg(textOf(value).left(40));
            return;
        }
        for (uint32_t i = 0; i < namedChildCount(value); ++i) {
            const TSNode entry = namedChild(value, i);
            if (is(entry, "pair")) {
                const auto key = stringValue(m_source, field(entry, "key"));
                if (!key) {
                    call.unresolved = QStringLiteral("a computed key in %1")
                                          .arg(textOf(entry).left(40));
                    continue;
                }
                call.arguments.insert(normalisedArgumentName(*key));
                if (*key == QLatin1String("model"))
                    readModel(field(entry, "value"), call);
            } else if (is(entry, "dictionary_splat")) {
                readSplat(namedChild(entry, 0), call, depth + 1);
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
    QSet<QString> m_modules;          // names bound to the cohere package
    QSet<QString> m_submoduleAliases; // `import cohere.errors as ce`
    QHash<QString, QString> m_imported; // local name -> name in the SDK
    QHash<QString, QString> m_constants;
    QHash<QString, TSNode> m_dicts;
    QSet<QString> m_clientVariables;
    QSet<QString> m_clientAttributes; // `self.client = cohere.ClientV2()`
};

} // namespace

SdkUsage PythonReader::read(const SyntaxTree &tree)
{
    return Reader(tree).read();
}

} // namespace golive
