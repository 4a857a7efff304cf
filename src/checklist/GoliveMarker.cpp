#include "src/checklist/GoliveMarker.h"

#include "src/checklist/ChecklistDocument.h"

namespace golive {

namespace {

constexpr qsizetype kMaxIdLength = 100;
constexpr qsizetype kMaxQuotedLength = 40;

// Hostile input can make a token megabytes long; messages quote only its start.
QString quoted(const QString &text)
{
    if (text.size() <= kMaxQuotedLength)
        return QLatin1Char('"') + text + QLatin1Char('"');
    return QLatin1Char('"') + text.left(kMaxQuotedLength) + QStringLiteral("…\"");
}

bool isNameCharacter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
           c == QLatin1Char('_') || c == QLatin1Char('.');
}

bool isValidName(const QString &name, bool allowColon = false)
{
    if (name.isEmpty() || name.size() > kMaxIdLength)
        return false;
    for (const QChar c : name) {
        if (!isNameCharacter(c) && !(allowColon && c == QLatin1Char(':')))
            return false;
    }
    return true;
}

// Position just after "<!--" and any spaces if "golive" (any case) follows there, else -1.
qsizetype goliveWordAt(const QString &text, qsizetype commentStart)
{
    qsizetype i = commentStart + 4;
    while (i < text.size() && text.at(i).isSpace())
        ++i;
    if (QStringView(text).sliced(i).startsWith(QLatin1String("golive"), Qt::CaseInsensitive))
        return i;
    return -1;
}

bool containsGoliveComment(const QString &text)
{
    for (qsizetype at = text.indexOf(QLatin1String("<!--")); at >= 0;
         at = text.indexOf(QLatin1String("<!--"), at + 4)) {
        if (goliveWordAt(text, at) >= 0)
            return true;
    }
    return false;
}

void parseTokens(QStringView body, GoliveMarker::Scan &scan)
{
    GoliveMarker &marker = scan.marker;
    const auto tokens = body.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QStringView tokenView : tokens) {
        const QString token = tokenView.trimmed().toString();
        if (token.isEmpty())
            continue;
        if (token == QLatin1String("required")) {
            marker.required = true;
        } else if (token.startsWith(QLatin1String("id="))) {
            const QString id = token.mid(3);
            if (!GoliveMarker::isValidId(id)) {
                scan.problems.append(
                    QStringLiteral("the golive id %1 is not valid (use 1 to %2 letters, digits, "
                                   "'.', '_' or '-'); the item gets a derived id")
                        .arg(quoted(id))
                        .arg(kMaxIdLength));
            } else if (!marker.id.isEmpty()) {
                scan.problems.append(
                    QStringLiteral("the golive marker gives more than one id; %1 is ignored")
                        .arg(quoted(id)));
            } else {
                marker.id = id;
            }
        } else if (token.startsWith(QLatin1String("gate="))) {
            const auto names = QStringView(token).sliced(5).split(QLatin1Char(','));
            for (QStringView nameView : names) {
                const QString name = nameView.toString().toLower();
                if (!isValidName(name)) {
                    scan.problems.append(
                        QStringLiteral("the gate name %1 is not valid (use letters, digits, '.', "
                                       "'_' or '-'); it is ignored")
                            .arg(quoted(name)));
                } else if (!marker.gates.contains(name)) {
                    marker.gates.append(name);
                }
            }
        } else if (token.startsWith(QLatin1String("evidence="))) {
            const auto names = QStringView(token).sliced(9).split(QLatin1Char(','));
            for (QStringView nameView : names) {
                const QString name = nameView.toString().toLower();
                if (!GoliveMarker::isValidEvidenceName(name)) {
                    scan.problems.append(
                        QStringLiteral("the evidence source %1 is not valid (use letters, digits, "
                                       "'.', '_', '-' or ':'); it is ignored")
                            .arg(quoted(name)));
                } else if (!marker.evidence.contains(name)) {
                    marker.evidence.append(name);
                }
            }
        } else {
            const qsizetype equals = token.indexOf(QLatin1Char('='));
            scan.problems.append(QStringLiteral("unknown golive marker key %1 is ignored (and kept "
                                                "when the checklist is written)")
                                     .arg(quoted(equals > 0 ? token.left(equals) : token)));
            marker.extraTokens.append(token);
        }
    }
    if (!marker.gates.isEmpty())
        marker.required = true;
    else if (marker.required)
        marker.gates.append(GoliveMarker::defaultGate());
}

} // namespace

QString GoliveMarker::defaultGate()
{
    return QStringLiteral("deploy");
}

bool GoliveMarker::appearsIn(const QString &text)
{
    return containsGoliveComment(text);
}

bool GoliveMarker::isValidEvidenceName(const QString &name)
{
    return isValidName(name, true);
}

bool GoliveMarker::isValidId(const QString &id)
{
    return isValidName(id);
}

GoliveMarker::Scan GoliveMarker::scan(const QString &line)
{
    Scan scan;
    qsizetype end = line.size();
    while (end > 0 && line.at(end - 1).isSpace())
        --end;
    scan.text = line.left(end);

    const QString &text = scan.text;
    if (text.endsWith(QLatin1String("-->"))) {
        const qsizetype open = text.lastIndexOf(QLatin1String("<!--"), text.size() - 3);
        const qsizetype word = open >= 0 ? goliveWordAt(text, open) : -1;
        if (word >= 0) {
            const qsizetype afterWord = word + 6;
            const qsizetype bodyEnd = text.size() - 3;
            if (afterWord < bodyEnd && text.at(afterWord) == QLatin1Char(':')) {
                QString body = text.mid(afterWord + 1, bodyEnd - afterWord - 1);
                body.replace(QLatin1Char('\t'), QLatin1Char(' '));
                parseTokens(body, scan);
                scan.hasMarker = true;
                scan.text = text.left(open);
                while (!scan.text.isEmpty() && scan.text.back().isSpace())
                    scan.text.chop(1);
                if (containsGoliveComment(scan.text))
                    scan.problems.append(
                        QStringLiteral("a second golive marker before the last one is ignored"));
                return scan;
            }
            scan.problems.append(QStringLiteral("malformed golive marker (expected \"<!-- golive: "
                                                "id=... required gate=... -->\"); kept as text"));
            return scan;
        }
    }
    if (containsGoliveComment(text))
        scan.problems.append(QStringLiteral("a golive marker that does not end the line is "
                                            "ignored and kept as text"));
    return scan;
}

QString GoliveMarker::format(const ChecklistItem &item)
{
    QStringList tokens;
    if (item.explicitId)
        tokens.append(QStringLiteral("id=") + item.id);
    if (item.required) {
        tokens.append(QStringLiteral("required"));
        if (!item.gates.isEmpty())
            tokens.append(QStringLiteral("gate=") + item.gates.join(QLatin1Char(',')));
    }
    if (!item.evidence.isEmpty())
        tokens.append(QStringLiteral("evidence=") + item.evidence.join(QLatin1Char(',')));
    tokens.append(item.extraMarkerTokens);
    if (tokens.isEmpty())
        return QString();
    return QStringLiteral("<!-- golive: ") + tokens.join(QLatin1Char(' ')) + QStringLiteral(" -->");
}

} // namespace golive
