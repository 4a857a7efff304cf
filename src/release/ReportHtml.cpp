// ReportWriter::html: the same report as ReportWriter::markdown, as one self-contained page.
#include "src/release/ReportWriter.h"

#include "src/checklist/ChecklistExporter.h"
#include "src/release/RecordDigest.h"
#include "src/release/SvgLatencyChart.h"

#include <QJsonArray>
#include <QStringList>

namespace golive {

namespace {

// Light by default, dark when the reader's system asks for it, black on white when printed.
constexpr auto styleSheet = R"CSS(
:root { color-scheme: light dark; --fg:#1d1f21; --bg:#ffffff; --muted:#5f6368; --line:#d0d4d9;
  --ok:#1e7d32; --bad:#c62828; --head:#f3f5f7; }
@media (prefers-color-scheme: dark) { :root { --fg:#e6e6e6; --bg:#1b1d1f; --muted:#a0a4a8;
  --line:#3a3f44; --ok:#66bb6a; --bad:#ef5350; --head:#24272a; } }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg);
  max-width: 960px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { border-bottom: 1px solid var(--line);
  padding-bottom: .2em; margin-top: 1.6em; } h3 { font-size: 1.05em; margin-bottom: .3em; }
.meta { color: var(--muted); margin: 0; } .outcome { font-weight: 600; font-size: 1.1em; }
.promoted { color: var(--ok); } .rolled-back, .broken { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid var(--line); padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: var(--head); }
ul.checklist { list-style: none; padding-left: 0; } ul.checklist li { margin: .15em 0; }
.box { display: inline-block; width: 1.4em; } .who { color: var(--muted); }
.evidence { margin-left: 1.4em; font-size: 0.9em; color: var(--muted); }
.evidence.fail { color: var(--bad); } .evidence.pass { color: var(--ok); }
.req { font-size: .8em; color: var(--muted); } figure { margin: 1em 0; } svg { max-width: 100%; height: auto; }
@media print { :root { --fg:#000; --bg:#fff; --muted:#444; --line:#999; --head:#eee; }
  body { margin: 0; max-width: none; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
)CSS";

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString utc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QStringLiteral("—");
}

QString str(const RecordEvent &event, const char *key)
{
    return esc(event.data.value(QLatin1String(key)).toString());
}

// Checklist text as the Markdown it came from renders: `inline code` as <code>, the rest escaped.
// An unpaired backtick stays a backtick.
QString withInlineCode(const QString &text)
{
    QString out;
    qsizetype at = 0;
    while (at < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('`'), at);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1Char('`'), open + 1);
        if (open < 0 || close < 0) {
            out += esc(text.mid(at));
            break;
        }
        out += esc(text.mid(at, open - at));
        out += QStringLiteral("<code>%1</code>").arg(esc(text.mid(open + 1, close - open - 1)));
        at = close + 1;
    }
    return out;
}

QString row(const QStringList &cells, const QString &tag = QStringLiteral("td"))
{
    QString out = QStringLiteral("<tr>");
    for (const QString &cellText : cells)
        out += QStringLiteral("<%1>%2</%1>").arg(tag, cellText);
    return out + QStringLiteral("</tr>");
}

} // namespace

QByteArray ReportWriter::html(const ReportInput &input)
{
    const RecordDigest digest = RecordDigest::fromEvents(input.events);
    QStringList h;
    h << QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
      << QStringLiteral("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
      << QStringLiteral("<title>Release report: %1</title>").arg(esc(input.release.name))
      << QStringLiteral("<style>%1</style></head><body>").arg(QLatin1String(styleSheet));
    h << QStringLiteral("<h1>Release report: %1</h1>").arg(esc(input.release.name));
    h << QStringLiteral("<p class=\"meta\">Release <code>%1</code>, from %2 to %3</p>")
             .arg(esc(input.release.id), utc(digest.firstUtc), utc(digest.lastUtc));
    const QString outcomeClass =
        QString(digest.outcome).replace(QLatin1Char(' '), QLatin1Char('-'));
    h << QStringLiteral("<p class=\"outcome %1\">%2</p>")
             .arg(outcomeClass,
                  digest.outcome.isEmpty()
                      ? QStringLiteral("Not promoted and not rolled back (yet).")
                      : QStringLiteral("%1 at %2.")
                            .arg(digest.outcome.left(1).toUpper() + digest.outcome.mid(1),
                                 utc(digest.outcomeAtUtc)));
    h << QStringLiteral("<p class=\"versions\">Versions: %1</p>")
             .arg(ReportWriter::versionsLine(digest.versions, false));
    h << QStringLiteral("<p class=\"meta%1\">Record: %2</p>")
             .arg(input.verification.intact ? QString() : QStringLiteral(" broken"),
                  esc(input.verification.summary()));

    h << QStringLiteral("<h2>Checklist</h2>");
    for (const ChecklistSection &section : input.checklist.sections) {
        if (section.items.isEmpty())
            continue;
        if (!section.title.isEmpty())
            h << QStringLiteral("<h3>%1</h3>").arg(esc(section.title));
        h << QStringLiteral("<ul class=\"checklist\">");
        for (const ChecklistItem &item : section.items) {
            const ItemState state = input.state.value(item.id);
            const auto evidence = digest.evidence.constFind(item.id);
            const QString evidenceHtml =
                evidence == digest.evidence.cend()
                    ? QString()
                    : QStringLiteral("<div class=\"evidence %1\">%2</div>")
                          .arg(evidence->value(QStringLiteral("result")).toString(),
                               esc(RecordDigest::evidenceSummary(*evidence)));
            h << QStringLiteral("<li style=\"margin-left:%1em\"><span class=\"box\">%2</span>%3%4"
                                "<span class=\"who\">%5</span>%6</li>")
                     .arg(item.depth * 1.5)
                     .arg(state.checked ? QStringLiteral("☑") : QStringLiteral("☐"),
                          withInlineCode(item.text),
                          item.required ? QStringLiteral(" <span class=\"req\">(required)</span>")
                                        : QString(),
                          esc(ChecklistExporter::annotation(state)), evidenceHtml);
        }
        h << QStringLiteral("</ul>");
    }

    h << QStringLiteral("<h2>Rollout steps</h2>");
    if (digest.steps.isEmpty())
        h << QStringLiteral("<p>No step was run.</p>");
    else {
        h << QStringLiteral("<table>")
          << row({QStringLiteral("Time"), QStringLiteral("Step"), QStringLiteral("Outcome"),
                  QStringLiteral("Who"), QStringLiteral("Message")},
                 QStringLiteral("th"));
        for (const RecordEvent &step : digest.steps)
            h << row({utc(step.atUtc), str(step, "id"), str(step, "outcome"), esc(step.who),
                      str(step, "message")});
        h << QStringLiteral("</table>");
    }
    if (const QStringList interrupted = digest.interruptionLines(); !interrupted.isEmpty()) {
        h << QStringLiteral("<h2>Interrupted kubectl commands</h2><ul>");
        for (const QString &line : interrupted)
            h << QStringLiteral("<li>%1</li>").arg(esc(line));
        h << QStringLiteral("</ul>");
    }
    if (!digest.overrides.isEmpty()) {
        h << QStringLiteral("<h2>Gate overrides</h2><ul>");
        for (const RecordEvent &override : digest.overrides) {
            QStringList open;
            for (const QJsonValue &item :
                 override.data.value(QStringLiteral("open_items")).toArray())
                open << esc(item.toString());
            h << QStringLiteral("<li>%1: %2 overrode gate <code>%3</code> for step <code>%4</code> "
                                "(open: %5). Reason: %6</li>")
                     .arg(utc(override.atUtc), esc(override.who), str(override, "gate"),
                          str(override, "step"), open.join(QStringLiteral(", ")),
                          str(override, "reason"));
        }
        h << QStringLiteral("</ul>");
    }

    h << QStringLiteral("<h2>Alerts</h2>");
    if (digest.alerts.isEmpty())
        h << QStringLiteral("<p>No alert fired.</p>");
    else {
        h << QStringLiteral("<table>")
          << row({QStringLiteral("Time"), QStringLiteral("Event"), QStringLiteral("Severity"),
                  QStringLiteral("Rule"), QStringLiteral("Message")},
                 QStringLiteral("th"));
        for (const RecordEvent &alert : digest.alerts)
            h << row({utc(alert.atUtc),
                      alert.kind == QLatin1String(recordkind::alertFired)
                          ? QStringLiteral("fired")
                          : QStringLiteral("resolved"),
                      str(alert, "severity"), str(alert, "rule"), str(alert, "message")});
        h << QStringLiteral("</table>");
    }

    h << QStringLiteral("<h2>Latency</h2>");
    if (digest.probes.isEmpty())
        h << QStringLiteral("<p>No probe sample was recorded.</p>");
    else {
        h << QStringLiteral("<table>")
          << row({QStringLiteral("Probe"), QStringLiteral("Samples"), QStringLiteral("Failed"),
                  QStringLiteral("P50"), QStringLiteral("P95")},
                 QStringLiteral("th"));
        for (const ProbeDigest &probe : digest.probes)
            h << row({esc(probe.name), QString::number(probe.points.size()),
                      QString::number(probe.failures),
                      QStringLiteral("%1 ms").arg(qRound(probe.p50Ms)),
                      QStringLiteral("%1 ms").arg(qRound(probe.p95Ms))});
        h << QStringLiteral("</table>");
        for (const ProbeDigest &probe : digest.probes) {
            h << QStringLiteral("<figure>%1</figure>")
                     .arg(SvgLatencyChart::render(probe, input.gates.forProbe(probe.name)));
        }
    }
    h << QStringLiteral("</body></html>");
    return h.join(QLatin1Char('\n')).toUtf8();
}

} // namespace golive
