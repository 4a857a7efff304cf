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

bool cohereSkippedOnRequest(const QStringList &skipped)
{
    return skipped.contains(QLatin1String(CheckReport::skipCohere));
}

} // namespace

QStringList CheckReport::reasons() const
{
    QStringList reasons;
    QString cohereNotChecked;
    for (const ProbeResult &probe : probes) {
        if (probe.status == ProbeStatus::Down)
            reasons << QStringLiteral("probe %1 is down: %2").arg(probe.name, probe.error);
        else if (probe.status == ProbeStatus::Slow)
            reasons << QStringLiteral("probe %1 is %2").arg(probe.name, probe.error);
        else if (probe.status == ProbeStatus::Skipped && isCohereKind(probe.kind) &&
                 cohereNotChecked.isEmpty())
            cohereNotChecked = probe.error;
    }
    // A gate must not pass what it did not check.
    if (!cohereNotChecked.isEmpty() && !cohereSkippedOnRequest(skipped))
        reasons << QStringLiteral("Cohere was not checked: %1 (pass --skip cohere to leave it "
                                  "out on purpose)")
                       .arg(cohereNotChecked);
    for (const ModelReport &model : models) {
        if (model.status == QLatin1String("deprecated") || model.status == QLatin1String("unknown"))
            reasons << QStringLiteral("%1 model \"%2\" is %3; the seed recommends %4")
                           .arg(model.role, model.name, model.status, model.replacement);
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

QStringList CheckReport::warnings() const
{
    QStringList warnings;
    for (const ProbeResult &probe : probes) {
        if (probe.status == ProbeStatus::Degraded || probe.status == ProbeStatus::Unknown)
            warnings << QStringLiteral("probe %1 is %2: %3")
                            .arg(probe.name, probeStatusName(probe.status), probe.error);
    }
    for (const ModelReport &model : models) {
        if (model.status == QLatin1String("wrong-endpoint"))
            warnings << QStringLiteral("%1 model \"%2\" does not serve the %1 endpoint; the seed "
                                       "recommends %3")
                            .arg(model.role, model.name, model.replacement);
    }
    for (const QString &problem : modelProblems)
        warnings << QStringLiteral("models not checked: %1").arg(problem);
    if (cohereSkippedOnRequest(skipped))
        warnings << QStringLiteral("Cohere was not checked: skipped on request (--skip cohere)");
    return warnings;
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
            {QStringLiteral("latency_gate"),
             probe.gateMs > 0 ? QJsonValue(QJsonObject{{QStringLiteral("name"), probe.gateName},
                                                       {QStringLiteral("ms"), probe.gateMs}})
                              : QJsonValue(QJsonValue::Null)},
        });
    }
    QJsonArray modelArray;
    for (const ModelReport &model : models) {
        modelArray.append(QJsonObject{
            {QStringLiteral("role"), model.role},
            {QStringLiteral("name"), model.name},
            {QStringLiteral("status"), model.status},
            {QStringLiteral("replacement"), model.replacement.isEmpty()
                                                ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(model.replacement)},
        });
    }
    QJsonArray noteArray;
    for (const RuleNote &note : notes)
        noteArray.append(QJsonObject{{QStringLiteral("rule"), note.ruleId},
                                     {QStringLiteral("text"), note.text}});
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
        {QStringLiteral("models"), modelArray},
        {QStringLiteral("notes"), noteArray},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings())},
        {QStringLiteral("skipped"), QJsonArray::fromStringList(skipped)},
        {QStringLiteral("evidence"), evidence},
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
    if (!models.isEmpty()) {
        QList<QStringList> modelRows{{QStringLiteral("MODEL"), QStringLiteral("ROLE"),
                                      QStringLiteral("STATUS"), QStringLiteral("REPLACEMENT")}};
        for (const ModelReport &model : models)
            modelRows << QStringList{model.name, model.role, model.status,
                                     model.replacement.isEmpty() ? QStringLiteral("-")
                                                                 : model.replacement};
        text += QLatin1Char('\n') + table(modelRows);
    }
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
    if (!evidence.isEmpty()) {
        QList<QStringList> evidenceRows{{QStringLiteral("EVIDENCE"), QStringLiteral("RESULT"),
                                         QStringLiteral("CHECKED"), QStringLiteral("SOURCES")}};
        for (const QJsonValue &value : evidence) {
            const QJsonObject item = value.toObject();
            QStringList sources;
            for (const QJsonValue &source : item.value(QStringLiteral("sources")).toArray())
                sources << source.toString();
            const QString checked = item.value(QStringLiteral("checked_at")).toString();
            const bool stale = item.value(QStringLiteral("stale")).toBool();
            evidenceRows << QStringList{
                item.value(QStringLiteral("id")).toString(),
                item.value(QStringLiteral("result")).toString(),
                checked.isEmpty() ? QStringLiteral("-")
                                  : checked + (stale ? QStringLiteral(" (stale)") : QString()),
                sources.join(QStringLiteral(", "))};
        }
        text += QLatin1Char('\n') + table(evidenceRows);
    }
    for (const RuleNote &note : notes)
        text += QStringLiteral("\nNote on %1: %2\n").arg(note.ruleId, note.text);
    const QStringList why = reasons();
    text +=
        QStringLiteral("\nVerdict: %1%2\n")
            .arg(why.isEmpty() ? QStringLiteral("GO") : QStringLiteral("NO-GO"),
                 skipped.isEmpty()
                     ? QString()
                     : QStringLiteral(" (skipped: %1)").arg(skipped.join(QStringLiteral(", "))));
    for (const QString &reason : why)
        text += QStringLiteral("  - %1\n").arg(reason);
    for (const QString &warning : warnings())
        text += QStringLiteral("  warning: %1\n").arg(warning);
    return text;
}

} // namespace golive
