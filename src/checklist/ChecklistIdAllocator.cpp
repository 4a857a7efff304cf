#include "src/checklist/ChecklistIdAllocator.h"

namespace golive {

namespace {

constexpr qsizetype kMaxSlugLength = 60;
// Enough text to fill a slug even when it is mostly punctuation; never normalise megabytes.
constexpr qsizetype kSlugSourceLength = 400;

} // namespace

bool ChecklistIdAllocator::reserve(const QString &id)
{
    if (m_taken.contains(id))
        return false;
    m_taken.insert(id);
    return true;
}

QString ChecklistIdAllocator::derive(const QString &text)
{
    QString base = slug(text);
    if (base.isEmpty())
        base = m_fallback;
    if (reserve(base))
        return base;
    int suffix = m_nextSuffix.value(base, 2);
    QString candidate;
    do {
        candidate = base + QStringLiteral("--") + QString::number(suffix++);
    } while (!reserve(candidate));
    m_nextSuffix.insert(base, suffix);
    return candidate;
}

QString ChecklistIdAllocator::slug(const QString &text)
{
    // Decomposing first turns "é" into "e" plus a combining accent, which is then dropped.
    const QString decomposed =
        text.left(kSlugSourceLength).normalized(QString::NormalizationForm_KD);
    QString slug;
    bool pendingDash = false;
    for (const QChar c : decomposed) {
        const char16_t u = c.unicode();
        if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z')) {
            if (pendingDash && !slug.isEmpty())
                slug.append(QLatin1Char('-'));
            if (slug.size() >= kMaxSlugLength)
                break;
            slug.append(c.toLower());
            pendingDash = false;
        } else if (c.isMark() || u == '\'' || u == 0x2019) {
            continue; // accents and apostrophes join: "don't" -> "dont"
        } else {
            pendingDash = true;
        }
    }
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug;
}

} // namespace golive
