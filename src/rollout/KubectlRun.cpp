#include "src/rollout/KubectlRun.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace golive {

namespace {

constexpr qsizetype kMaxDetailChars = 300;

QString shorten(QString line)
{
    line = line.trimmed();
    if (line.size() > kMaxDetailChars)
        line = line.left(kMaxDetailChars) + QStringLiteral("…");
    return line;
}

// The last line matching, because kubectl prints retries first and its summary last.
QString lastLineMatching(const QStringList &lines, const QRegularExpression &pattern)
{
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (pattern.match(*it).hasMatch())
            return shorten(*it);
    }
    return {};
}

QRegularExpression ci(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption);
}

} // namespace

QString toString(KubectlOutcome outcome)
{
    switch (outcome) {
    case KubectlOutcome::Succeeded:
        return QStringLiteral("succeeded");
    case KubectlOutcome::KubectlMissing:
        return QStringLiteral("kubectl-missing");
    case KubectlOutcome::FailedToStart:
        return QStringLiteral("failed-to-start");
    case KubectlOutcome::Unreachable:
        return QStringLiteral("unreachable");
    case KubectlOutcome::UnknownContext:
        return QStringLiteral("unknown-context");
    case KubectlOutcome::Forbidden:
        return QStringLiteral("forbidden");
    case KubectlOutcome::Unauthorized:
        return QStringLiteral("unauthorized");
    case KubectlOutcome::NotFound:
        return QStringLiteral("not-found");
    case KubectlOutcome::TimedOut:
        return QStringLiteral("timed-out");
    case KubectlOutcome::Cancelled:
        return QStringLiteral("cancelled");
    case KubectlOutcome::NotRecorded:
        return QStringLiteral("not-recorded");
    case KubectlOutcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

QString KubectlRun::commandLine() const
{
    const QString name =
        program.isEmpty() ? QStringLiteral("kubectl") : QFileInfo(program).fileName();
    return (QStringList{name} + arguments).join(QLatin1Char(' '));
}

KubectlFailure classifyKubectlFailure(int exitCode, const QString &stderrText)
{
    const QStringList lines = stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts);

    static const QRegularExpression context(QStringLiteral(
        R"re(context "([^"]+)" does not exist|no context exists with the name: "([^"]+)")re"
        R"re(|cannot locate context (\S+)|context was not found for specified context: (\S+))re"));
    const QRegularExpressionMatch contextMatch = context.match(stderrText);
    if (contextMatch.hasMatch()) {
        QString name;
        for (int i = 1; i <= 4 && name.isEmpty(); ++i)
            name = contextMatch.captured(i);
        return {KubectlOutcome::UnknownContext,
                QStringLiteral("The context \"%1\" does not exist in the kubeconfig; check "
                               "kubectl.context (and kubectl.kubeconfig) in the profile.")
                    .arg(shorten(name))};
    }

    static const QRegularExpression unreachable =
        ci(QStringLiteral("unable to connect to the server|connection refused|was refused|"
                          "i/o timeout|no such host|network is unreachable|"
                          "tls handshake timeout|no route to host"));
    if (const QString line = lastLineMatching(lines, unreachable); !line.isEmpty())
        return {KubectlOutcome::Unreachable,
                QStringLiteral("The cluster cannot be reached: %1").arg(line)};

    static const QRegularExpression forbidden = QRegularExpression(QStringLiteral(
        R"(Forbidden|forbidden:|\bcannot (get|list|watch|create|update|patch|delete)\b)"));
    if (const QString line = lastLineMatching(lines, forbidden); !line.isEmpty())
        return {KubectlOutcome::Forbidden,
                QStringLiteral("The cluster denied permission (RBAC) to the profile's user: %1")
                    .arg(line)};

    static const QRegularExpression unauthorized =
        ci(QStringLiteral("unauthorized|must be logged in"));
    if (const QString line = lastLineMatching(lines, unauthorized); !line.isEmpty())
        return {KubectlOutcome::Unauthorized,
                QStringLiteral("The cluster did not accept the credentials: %1").arg(line)};

    static const QRegularExpression notFound =
        QRegularExpression(QStringLiteral(R"(\(NotFound\)| not found\b)"));
    if (const QString line = lastLineMatching(lines, notFound); !line.isEmpty())
        return {KubectlOutcome::NotFound, QStringLiteral("Not found: %1").arg(line)};

    if (lines.isEmpty())
        return {KubectlOutcome::Failed,
                QStringLiteral("kubectl exited with code %1 and printed no error.").arg(exitCode)};
    return {
        KubectlOutcome::Failed,
        QStringLiteral("kubectl exited with code %1: %2").arg(exitCode).arg(shorten(lines.last()))};
}

} // namespace golive
