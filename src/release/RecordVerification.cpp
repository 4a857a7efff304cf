#include "src/release/RecordVerification.h"

#include <QStringList>

namespace golive {

namespace {

QLatin1String pluralS(qsizetype n)
{
    return n == 1 ? QLatin1String() : QLatin1String("s");
}

} // namespace

QString RecordFinding::kindName(Kind kind)
{
    switch (kind) {
    case Kind::CrashTear:
        return QStringLiteral("crash tear");
    case Kind::Tampering:
        return QStringLiteral("tampering");
    case Kind::Unsigned:
        return QStringLiteral("unsigned");
    }
    return {};
}

QString RecordFinding::describe() const
{
    const QString where = firstLine == lastLine
                              ? QStringLiteral("line %1").arg(firstLine)
                              : QStringLiteral("lines %1-%2").arg(firstLine).arg(lastLine);
    return QStringLiteral("%1: %2: %3").arg(where, kindName(kind), what);
}

void RecordVerification::add(const RecordFinding &finding)
{
    if (!findings.isEmpty()) {
        RecordFinding &last = findings.last();
        if (last.kind == finding.kind && last.what == finding.what &&
            last.lastLine + 1 == finding.firstLine) {
            last.lastLine = finding.lastLine;
            return;
        }
    }
    findings.append(finding);
    if (finding.kind == RecordFinding::Kind::Tampering && intact) {
        intact = false;
        brokenLine = finding.firstLine;
        reason = finding.what;
    }
}

int RecordVerification::count(RecordFinding::Kind kind) const
{
    int n = 0;
    for (const RecordFinding &finding : findings)
        n += finding.kind == kind ? 1 : 0;
    return n;
}

QString RecordVerification::summary() const
{
    if (!intact) {
        const auto more = findings.size() - 1;
        return QStringLiteral("broken at line %1: %2%3")
            .arg(brokenLine)
            .arg(reason,
                 more > 0 ? QStringLiteral(" (and %1 more finding%2)")
                                .arg(more)
                                .arg(pluralS(more))
                          : QString());
    }
    QStringList notes;
    if (const int tears = count(RecordFinding::Kind::CrashTear))
        notes << QStringLiteral("%1 crash tear%2").arg(tears).arg(pluralS(tears));
    if (unsignedLines > 0)
        notes << QStringLiteral("%1 unsigned line%2")
                     .arg(unsignedLines)
                     .arg(pluralS(unsignedLines));
    if (signedLines > 0 && !signaturesChecked)
        notes << QStringLiteral("signatures not checked");
    return notes.isEmpty() ? QStringLiteral("intact (%1 events)").arg(lineCount)
                           : QStringLiteral("intact (%1 events; %2)")
                                 .arg(lineCount)
                                 .arg(notes.join(QStringLiteral("; ")));
}

QString RecordVerification::details() const
{
    QStringList lines;
    for (const RecordFinding &finding : findings)
        lines << finding.describe();
    if (signaturesChecked && signedLines > 0)
        lines << QStringLiteral(
                     "Signatures: %1 signed line%2 checked. A matching signature proves the line "
                     "was written by a golive that could read this keychain's record key; it "
                     "cannot tell that golive from anyone else with access to that keychain, and "
                     "it cannot show lines cut off the end after the last verify.")
                     .arg(signedLines)
                     .arg(pluralS(signedLines));
    else if (signedLines > 0)
        lines << QStringLiteral("Signatures: not checked (%1); only the hash chain was checked, "
                                "which anyone who can write the file can recompute.")
                     .arg(keyProblem);
    if (unsignedLines > 0)
        lines << QStringLiteral("Unsigned lines prove nothing beyond the hash chain: anyone who "
                                "can write the file could have written them.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace golive
