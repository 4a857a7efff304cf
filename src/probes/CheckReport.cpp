#include "src/probes/CheckReport.h"

#include "src/common/UrlText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace golive {

namespace {

QStringList readable(const CheckReport &report)
{
    return report.openRequiredText.size() == report.openRequired.size() ? report.openRequiredText
                                                                        : report.openRequired;
}

} // namespace

QStringList CheckReport::reasons() const
{
    QStringList reasons;
    for (const ProbeResult &probe : probes) {
        if (probe.status == ProbeStatus::Down)
            reasons << QStringLiteral("probe %1 is down: %2").arg(probe.name, probe.error);
    }
    for (const Alert &alert : alerts) {
        if (alert.severity == AlertSeverity::P1)
            reasons << QStringLiteral("P1 alert %1: %2").arg(alert.ruleId, alert.message);
    }
    if (!openRequired.isEmpty())
        reasons << QStringLiteral("checklist gate '%1' has %2 open required item(s): %3")
                       .arg(gateName)
                       .arg(openRequired.size())
                       .arg(readable(*this).join(QStringLiteral("; ")));
    for (const QString &problem : gateProblems)
        reasons
            << QStringLiteral("checklist gate '%1' could not be read: %2").arg(gateName, problem);
    return reasons;
}

bool CheckReport::go() const
{
    return reasons().isEmpty();
}

QByteArray CheckReport::toJson() const
{
    QJsonArray probeArray;
    for (const ProbeResult &probe : probes) {
        probeArray.append(QJsonObject{
            {QStringLiteral("name"), probe.name},
            {QStringLiteral("kind"), probeKindName(probe.kind)},
            {QStringLiteral("target"), displayUrl(probe.target)},
            {QStringLiteral("status"), probeStatusName(probe.status)},
            {QStringLiteral("latency_ms"), double(probe.latencyMs)},
            {QStringLiteral("http_status"), probe.httpStatus},
            {QStringLiteral("error"), probe.error},
        });
    }
    QJsonArray alertArray;
    for (const Alert &alert : alerts) {
        alertArray.append(QJsonObject{
            {QStringLiteral("rule"), alert.ruleId},
            {QStringLiteral("severity"), severityName(alert.severity)},
            {QStringLiteral("message"), alert.message},
        });
    }
    const QJsonObject gate{
        {QStringLiteral("name"), gateName},
        {QStringLiteral("open_required"), QJsonArray::fromStringList(openRequired)},
        {QStringLiteral("open_required_text"), QJsonArray::fromStringList(readable(*this))},
    };
    const QJsonObject root{
        {QStringLiteral("verdict"), go() ? QStringLiteral("go") : QStringLiteral("no-go")},
        {QStringLiteral("probes"), probeArray},
        {QStringLiteral("alerts"), alertArray},
        {QStringLiteral("gate"), gate},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

namespace {

QString table(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = qMax(widths[i], row[i].size());
        }
    }
    QString text;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        text += line.trimmed() + QLatin1Char('\n');
    }
    return text;
}

} // namespace

QString CheckReport::toTable() const
{
    QList<QStringList> rows{{QStringLiteral("PROBE"), QStringLiteral("STATUS"),
                             QStringLiteral("LATENCY"), QStringLiteral("HTTP"),
                             QStringLiteral("TARGET"), QStringLiteral("ERROR")}};
    for (const ProbeResult &probe : probes) {
        rows << QStringList{probe.name,
                            probeStatusName(probe.status),
                            QStringLiteral("%1 ms").arg(probe.latencyMs),
                            probe.httpStatus ? QString::number(probe.httpStatus)
                                             : QStringLiteral("-"),
                            displayUrl(probe.target),
                            probe.error.isEmpty() ? probe.detail : probe.error};
    }
    QString text = table(rows);
    if (!alerts.isEmpty()) {
        QList<QStringList> alertRows{
            {QStringLiteral("ALERT"), QStringLiteral("SEVERITY"), QStringLiteral("MESSAGE")}};
        for (const Alert &alert : alerts)
            alertRows << QStringList{alert.ruleId, severityName(alert.severity), alert.message};
        text += QLatin1Char('\n') + table(alertRows);
    }
    if (!gateName.isEmpty())
        text += QStringLiteral("\nGate '%1': %2\n")
                    .arg(gateName, openRequired.isEmpty()
                                       ? QStringLiteral("no open required item")
                                       : QStringLiteral("open required: %1")
                                             .arg(readable(*this).join(QStringLiteral("; "))));
    const QStringList why = reasons();
    text += QStringLiteral("\nVerdict: %1\n")
                .arg(why.isEmpty() ? QStringLiteral("GO") : QStringLiteral("NO-GO"));
    for (const QString &reason : why)
        text += QStringLiteral("  - %1\n").arg(reason);
    return text;
}

} // namespace golive
