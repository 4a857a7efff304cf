#pragma once

#include "src/config/ProfileDefaults.h"

#include <QString>
#include <QStringList>

namespace golive {

// What the Cohere probes send. Kept tiny on purpose: a probe must cost next to nothing.
// JSON: `cohere.chat.message`, `cohere.chat.max_tokens`, `cohere.embed.texts`,
// `cohere.rerank.query`, `cohere.rerank.documents`.
struct CohereProbeRequests {
    QString chatMessage = QString::fromLatin1(defaults::chatProbeMessage);
    int chatMaxTokens = defaults::chatProbeMaxTokens;
    QStringList embedTexts = {QString::fromLatin1(defaults::embedProbeText)};
    QString rerankQuery = QString::fromLatin1(defaults::rerankProbeQuery);
    QStringList rerankDocuments = {QString::fromLatin1(defaults::rerankProbeDocument1),
                                   QString::fromLatin1(defaults::rerankProbeDocument2)};
    bool operator==(const CohereProbeRequests &) const = default;
};

} // namespace golive
