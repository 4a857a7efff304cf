#pragma once

#include <QList>
#include <QSet>
#include <QString>

namespace golive {

// What one source file does with the Cohere SDK, read from its syntax tree by a language reader
// (TypeScriptReader, PythonReader) and judged by the source rules. Language-neutral: argument
// names are normalised (lower case, no underscores), so `inputType` and `input_type` are both
// "inputtype".
struct SdkUsage {
    struct ClientConstruction {
        int line = 0;
        bool v2 = false;
        QString spelled; // as the code names it: "LegacyClient", "co_sdk.Client"
    };

    // A literal string from the code (never shown when it is a key candidate).
    struct Literal {
        int line = 0;
        QString value;
    };

    // A call of chat, chatStream/chat_stream, embed or rerank on a Cohere client.
    struct Call {
        enum class Method { Chat, ChatStream, Embed, Rerank };
        Method method = Method::Chat;
        QString spelled; // the method as written: "chatStream", "chat_stream"
        int line = 0;
        QSet<QString> arguments; // normalised names of the arguments it is given
        QList<Literal> modelIds; // string literals given as `model` (resolved through constants)
        // Set when the arguments could not all be read (a spread of something unknown, a request
        // object built elsewhere): what was not read, for an honest "cannot tell".
        QString unresolved;
    };

    QList<ClientConstruction> clients;
    QList<Call> calls;
    QList<Literal> keyLiterals; // key-shaped literals given to a client or a key-like name
    bool importsSdk = false;
    bool catchesSdkErrors = false;
    bool usesStreaming = false;
};

QString sdkMethodName(SdkUsage::Call::Method method); // "chat", "chat-stream", "embed", "rerank"

// Whether a normalised argument name set holds `name` ("model", "inputtype", ...).
bool hasArgument(const SdkUsage::Call &call, const QString &normalisedName);
// The normalised form of an argument name: "input_type" / "inputType" -> "inputtype".
QString normalisedArgumentName(QStringView name);
// Whether a literal looks like a Cohere API key: 30+ characters, letters and digits only, with
// both. (Cohere keys are 40 such characters; placeholders and sentences are not.)
bool looksLikeApiKey(QStringView literal);
// Whether a variable, property or parameter name is one a key would be kept in.
bool isKeyLikeName(QStringView name);

} // namespace golive
