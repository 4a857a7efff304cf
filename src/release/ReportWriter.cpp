#include "src/release/ReportWriter.h"

#include "src/checklist/ChecklistExporter.h"
#include "src/common/AtomicFile.h"
#include "src/release/RecordDigest.h"
#include "src/release/SvgLatencyChart.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace golive {

namespace {

QString utc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QStringLiteral("—");
}

QString ms(double value)
{
    return QStringLiteral("%1 ms").arg(qRound(value));
}

QString str(const RecordEvent &event, const char *key)
{
    return event.data.value(QLatin1String(key)).toString();
}

QString outcomeLine(const RecordDigest &digest)
{
    if (digest.outcome.isEmpty())
        return QStringLiteral("Not promoted and not rolled back (yet).");
    return QStringLiteral("%1 at %2.")
        .arg(digest.outcome.left(1).toUpper() + digest.outcome.mid(1), utc(digest.outcomeAtUtc));
}

// Markdown table cells: no pipes or line breaks.
QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|"))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
}

QString itemLine(const ChecklistItem &item, const ChecklistState &state,
                 const RecordDigest &digest)
{
    const ItemState itemState = state.value(item.id);
    const QString evidence = digest.evidenceLine(item.id);
    return QStringLiteral("%1- [%2] %3%4%5%6")
        .arg(QString(item.depth * 2, QLatin1Char(' ')),
             itemState.checked ? QStringLiteral("x") : QStringLiteral(" "),
             QString(item.text).replace(QLatin1Char('\n'), QLatin1Char(' ')),
             item.required ? QStringLiteral(" *(required)*") : QString(),
             ChecklistExporter::annotation(itemState),
             evidence.isEmpty() ? QString()
                                : QStringLiteral(" — %1").arg(QString(evidence).replace(
                                      QLatin1Char('\n'), QLatin1Char(' '))));
}

} // namespace

QString ReportWriter::versionsLine(const ReleaseVersions &versions, bool markdownCode)
{
    const auto images = [markdownCode](const QStringList &list) {
        if (list.isEmpty())
            return QStringLiteral("unknown (not recorded)");
        QStringList shown;
        for (const QString &image : list)
            shown << (markdownCode ? QStringLiteral("`%1`").arg(image)
                                   : QStringLiteral("<code>%1</code>").arg(image.toHtmlEscaped()));
        return shown.join(QStringLiteral(", "));
    };
    QString atEnd = images(versions.atEnd);
    if (!versions.atEnd.isEmpty() && !versions.atEndBecause.isEmpty())
        atEnd += QStringLiteral(" (%1)").arg(markdownCode ? versions.atEndBecause
                                                          : versions.atEndBecause.toHtmlEscaped());
    return QStringLiteral("stable before: %1; canary: %2; running at the end: %3")
        .arg(images(versions.stableBefore), images(versions.canary), atEnd);
}

QString ReportWriter::chartFileName(const QString &probe)
{
    QString safe = probe;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    return QStringLiteral("latency-%1.svg").arg(safe);
}

QByteArray ReportWriter::markdown(const ReportInput &input)
{
    const RecordDigest digest = RecordDigest::fromEvents(input.events);
    QStringList md;
    md << QStringLiteral("# Release report: %1").arg(input.release.name) << QString();
    md << QStringLiteral("- Release: `%1`").arg(input.release.id);
    md << QStringLiteral("- From %1 to %2").arg(utc(digest.firstUtc), utc(digest.lastUtc));
    md << QStringLiteral("- Outcome: %1").arg(outcomeLine(digest));
    md << QStringLiteral("- Versions: %1").arg(versionsLine(digest.versions, true));
    md << QStringLiteral("- Record: %1").arg(input.verification.summary()) << QString();

    md << QStringLiteral("## Checklist") << QString();
    for (const ChecklistSection &section : input.checklist.sections) {
        if (section.items.isEmpty())
            continue;
        if (!section.title.isEmpty())
            md << QStringLiteral("### %1").arg(section.title) << QString();
        for (const ChecklistItem &item : section.items)
            md << itemLine(item, input.state, digest);
        md << QString();
    }

    md << QStringLiteral("## Rollout steps") << QString();
    if (digest.steps.isEmpty())
        md << QStringLiteral("No step was run.");
    else {
        md << QStringLiteral("| Time | Step | Outcome | Who | Message |")
           << QStringLiteral("|---|---|---|---|---|");
        for (const RecordEvent &step : digest.steps)
            md << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                      .arg(utc(step.atUtc), cell(str(step, "id")), cell(str(step, "outcome")),
                           cell(step.who), cell(str(step, "message")));
    }
    md << QString();
    if (const QStringList interrupted = digest.interruptionLines(); !interrupted.isEmpty()) {
        md << QStringLiteral("## Interrupted kubectl commands") << QString();
        for (const QString &line : interrupted)
            md << QStringLiteral("- ") + line;
        md << QString();
    }
    if (!digest.overrides.isEmpty()) {
        md << QStringLiteral("## Gate overrides") << QString();
        for (const RecordEvent &override : digest.overrides) {
            QStringList open;
            for (const QJsonValue &item :
                 override.data.value(QStringLiteral("open_items")).toArray())
                open << item.toString();
            md << QStringLiteral("- %1: %2 overrode gate `%3` for step `%4` (open: %5). Reason: %6")
                      .arg(utc(override.atUtc), override.who, str(override, "gate"),
                           str(override, "step"), open.join(QStringLiteral(", ")),
                           str(override, "reason"));
        }
        md << QString();
    }

    md << QStringLiteral("## Alerts") << QString();
    if (digest.alerts.isEmpty())
        md << QStringLiteral("No alert fired.");
    else {
        md << QStringLiteral("| Time | Event | Severity | Rule | Message |")
           << QStringLiteral("|---|---|---|---|---|");
        for (const RecordEvent &alert : digest.alerts)
            md << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                      .arg(utc(alert.atUtc),
                           alert.kind == QLatin1String(recordkind::alertFired)
                               ? QStringLiteral("fired")
                               : QStringLiteral("resolved"),
                           str(alert, "severity"), cell(str(alert, "rule")),
                           cell(str(alert, "message")));
    }
    md << QString();

    md << QStringLiteral("## Latency") << QString();
    if (digest.probes.isEmpty())
        md << QStringLiteral("No probe sample was recorded.");
    else {
        md << QStringLiteral("| Probe | Samples | Failed | P50 | P95 |")
           << QStringLiteral("|---|---|---|---|---|");
        for (const ProbeDigest &probe : digest.probes)
            md << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                      .arg(cell(probe.name))
                      .arg(probe.points.size())
                      .arg(probe.failures)
                      .arg(ms(probe.p50Ms), ms(probe.p95Ms));
        md << QString();
        for (const ProbeDigest &probe : digest.probes)
            md << QStringLiteral("![%1 latency](%2)").arg(probe.name, chartFileName(probe.name))
               << QString();
    }
    return md.join(QLatin1Char('\n')).toUtf8();
}

QMap<QString, QByteArray> ReportWriter::markdownCharts(const ReportInput &input)
{
    QMap<QString, QByteArray> charts;
    for (const ProbeDigest &probe : RecordDigest::fromEvents(input.events).probes)
        charts.insert(probe.name, (QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
                                   SvgLatencyChart::render(probe, input.gates.forProbe(probe.name)))
                                      .toUtf8());
    return charts;
}

Status ReportWriter::writeMarkdown(const ReportInput &input, const QString &path)
{
    if (const Status status = writeFileAtomically(path, markdown(input)); status.failed())
        return status;
    const QDir folder = QFileInfo(path).absoluteDir();
    const auto charts = markdownCharts(input);
    for (auto it = charts.begin(); it != charts.end(); ++it)
        if (const Status status =
                writeFileAtomically(folder.filePath(chartFileName(it.key())), it.value());
            status.failed())
            return status;
    return std::nullopt;
}

Status ReportWriter::writeHtml(const ReportInput &input, const QString &path)
{
    return writeFileAtomically(path, html(input));
}

} // namespace golive
