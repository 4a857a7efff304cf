#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace golive {

// Hands out unique ids within one document. Explicit ids are reserved first; a derived id is the
// slug of the text ("Use `model` param!" -> "use-model-param"), and only items whose text has the
// same slug compete for it: the first keeps the slug, later ones get "--2", "--3", ... (a double
// dash never occurs in a slug, so the suffix cannot collide with another text's slug). Re-ordering
// or editing items with other texts therefore never changes an id.
class ChecklistIdAllocator {
public:
    explicit ChecklistIdAllocator(QString fallback) : m_fallback(std::move(fallback)) {}

    // false if the id is already taken.
    bool reserve(const QString &id);
    QString derive(const QString &text);

    static QString slug(const QString &text);

private:
    QString m_fallback; // the slug of a text without letters or digits
    QSet<QString> m_taken;
    QHash<QString, int> m_nextSuffix;
};

} // namespace golive
