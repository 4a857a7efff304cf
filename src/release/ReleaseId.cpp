#include "src/release/ReleaseId.h"

#include <QRegularExpression>

namespace golive::ReleaseId {

namespace {

constexpr qsizetype kMaxSlugLength = 48;
constexpr qsizetype kMaxIdLength = 80;

const QRegularExpression &idPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}-\\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)$"));
    return pattern;
}

QDateTime parseMinute(const QString &stamp)
{
    const QDateTime local = QDateTime::fromString(stamp, QStringLiteral("yyyy-MM-dd-HHmm"));
    return local.isValid() ? QDateTime(local.date(), local.time(), Qt::UTC) : QDateTime();
}

} // namespace

Status validate(const QString &id)
{
    const QRegularExpressionMatch match = idPattern().match(id);
    if (id.size() > kMaxIdLength || !match.hasMatch() || !parseMinute(match.captured(1)).isValid())
        return Error{QStringLiteral("invalid-release-id"),
                     QStringLiteral("\"%1\" is not a release id (expected the form "
                                    "2026-11-24-1403-name, lower-case letters, digits and dashes).")
                         .arg(id.left(kMaxIdLength))};
    return std::nullopt;
}

QString slugify(const QString &name)
{
    // NFKD splits accented letters into letter + mark, so "Café" keeps its "e".
    const QString decomposed = name.normalized(QString::NormalizationForm_KD).toLower();
    QString slug;
    for (const QChar c : decomposed) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
            (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            slug.append(c);
        else if (c.category() == QChar::Mark_NonSpacing)
            continue;
        else if (!slug.isEmpty() && !slug.endsWith(QLatin1Char('-')))
            slug.append(QLatin1Char('-'));
    }
    slug.truncate(kMaxSlugLength);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("release") : slug;
}

QString make(const QDateTime &createdUtc, const QString &name)
{
    return createdUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd-HHmm")) + QLatin1Char('-') +
           slugify(name);
}

QDateTime createdUtc(const QString &id)
{
    const QRegularExpressionMatch match = idPattern().match(id);
    return match.hasMatch() ? parseMinute(match.captured(1)) : QDateTime();
}

QString slug(const QString &id)
{
    const QRegularExpressionMatch match = idPattern().match(id);
    return match.hasMatch() ? match.captured(2) : QString();
}

} // namespace golive::ReleaseId
