#pragma once

#include <QString>

namespace golive {

// Error messages are sentences ("Not valid JSON at offset 3: ..."); a warning that quotes one
// inside its own sentence needs it as a clause ("not valid JSON at offset 3: ...").
inline QString asClause(const QString &message)
{
    QString clause = message;
    if (clause.endsWith(QLatin1Char('.')))
        clause.chop(1);
    // Only a capitalised word is lowered: "JSON" or "SHA" stay as they are.
    if (clause.size() > 1 && clause.at(0).isUpper() && clause.at(1).isLower())
        clause[0] = clause.at(0).toLower();
    return clause;
}

} // namespace golive
