#include "ui/rollout/RolloutPanelParts.h"

#include <QPlainTextEdit>
#include <QTextCursor>

#include <algorithm>

namespace golive::rolloutui {

void appendOutput(QPlainTextEdit *console, const QString &text, OutputChannel channel)
{
    QTextCharFormat format;
    if (channel == OutputChannel::Stderr)
        format.setForeground(QColor(0xb0, 0x00, 0x20));
    QTextCursor cursor(console->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, format);
    console->moveCursor(QTextCursor::End);
}

namespace {

QString readbackCell(const std::optional<DeploymentReadback> &r)
{
    return r ? r->summary().toHtmlEscaped() : QStringLiteral("—");
}

} // namespace

QString resultHtml(const StepResult &result, bool isRollback)
{
    QString colour = QStringLiteral("#8a5a00");
    QString heading = toString(result.outcome);
    switch (result.outcome) {
    case StepResult::Outcome::Ok:
        colour = QStringLiteral("#1b7f2a");
        if (isRollback)
            heading = QStringLiteral("rolled back");
        break;
    case StepResult::Outcome::Unhealthy:
        colour = QStringLiteral("#b26a00");
        heading = isRollback ? QStringLiteral("rolled back — production still unhealthy")
                             : QStringLiteral("done — production still unhealthy");
        break;
    case StepResult::Outcome::Failed:
        colour = QStringLiteral("#b00020");
        if (isRollback)
            heading = QStringLiteral("NOT rolled back");
        break;
    case StepResult::Outcome::Cancelled:
    case StepResult::Outcome::Refused:
        if (isRollback)
            heading = QStringLiteral("NOT rolled back (%1)").arg(toString(result.outcome));
        break;
    }
    QString html = QStringLiteral("<b style='color:%1'>%2</b> — %3: %4")
                       .arg(colour, heading.toHtmlEscaped(), result.stepId.toHtmlEscaped(),
                            result.message.toHtmlEscaped());
    if (result.before || result.after) {
        html += QStringLiteral("<br>before: %1<br>after:&nbsp;&nbsp; %2")
                    .arg(readbackCell(result.before), readbackCell(result.after));
    }
    if (!result.overrideReason.isEmpty()) {
        html += QStringLiteral("<br>gate '%1' overridden: %2")
                    .arg(result.gate.toHtmlEscaped(), result.overrideReason.toHtmlEscaped());
    }
    return html;
}

QString revisionItemText(const ReplicaSetView &rs, const QDateTime &now)
{
    QString text = QStringLiteral("revision %1 · %2")
                       .arg(rs.revision)
                       .arg(rs.images.join(QStringLiteral(", ")));
    if (rs.created.isValid()) {
        const qint64 minutes = std::max<qint64>(0, rs.created.secsTo(now)) / 60;
        text += minutes < 120 ? QStringLiteral(" · %1 min ago").arg(minutes)
                              : QStringLiteral(" · %1 h ago").arg(minutes / 60);
    }
    if (!rs.changeCause.isEmpty())
        text += QStringLiteral(" · ") + rs.changeCause;
    if (rs.current)
        text += QStringLiteral(" (current)");
    return text;
}

QString clusterHtml(const RolloutSnapshot &snapshot, const QList<PodHealthSample> &samples,
                    bool healthProbed)
{
    const auto latest = [&samples](const QString &pod) -> const PodHealthSample * {
        for (auto it = samples.crbegin(); it != samples.crend(); ++it) {
            if (it->pod == pod)
                return &*it;
        }
        return nullptr;
    };
    const auto healthCell = [&](const QString &pod) {
        if (!healthProbed)
            return QString();
        const PodHealthSample *sample = latest(pod);
        if (!sample)
            return QStringLiteral(" · health: not probed yet");
        const QString color = sample->status == PodHealthSample::Status::Healthy
                                  ? QStringLiteral("#1b7f2a")
                              : sample->isAnswer() ? QStringLiteral("#b00020")
                                                   : QStringLiteral("#8a5a00");
        QString text = toString(sample->status);
        if (sample->httpStatus)
            text += QStringLiteral(" %1").arg(*sample->httpStatus);
        if (sample->latencyMs)
            text += QStringLiteral(", %1 ms").arg(*sample->latencyMs);
        return QStringLiteral(" · health: <span style='color:%1' title='%2'>%3</span>")
            .arg(color, sample->error.toHtmlEscaped(), text.toHtmlEscaped());
    };
    const auto side = [&](const QString &title, const ReplicaSetView *rs, const QString &none) {
        if (!rs)
            return QStringLiteral("<td valign='top'><b>%1</b><br>%2</td>")
                .arg(title, none.toHtmlEscaped());
        int ready = 0;
        int restarts = 0;
        for (const PodView &pod : rs->pods) {
            ready += pod.ready ? 1 : 0;
            restarts += pod.restarts;
        }
        QString cell = QStringLiteral("<td valign='top'><b>%1</b><br>revision %2 · %3 · hash %4"
                                      "<br>%5 pod(s), %6 ready, %7 restart(s)")
                           .arg(title)
                           .arg(rs->revision)
                           .arg(rs->images.join(QStringLiteral(", ")).toHtmlEscaped())
                           .arg(rs->templateHash.toHtmlEscaped())
                           .arg(rs->pods.size())
                           .arg(ready)
                           .arg(restarts);
        for (const PodView &pod : rs->pods) {
            QString line = QStringLiteral("%1 · %2 · %3 restart(s)")
                               .arg(pod.name.toHtmlEscaped(),
                                    pod.ready ? QStringLiteral("ready")
                                              : QStringLiteral("<b>not ready</b>"))
                               .arg(pod.restarts);
            if (!pod.reason.isEmpty())
                line += QStringLiteral(" · <span style='color:#b00020'>%1</span>")
                            .arg(pod.reason.toHtmlEscaped());
            cell += QStringLiteral("<br>&nbsp;&nbsp;") + line + healthCell(pod.name);
        }
        return cell + QStringLiteral("</td>");
    };
    const auto state = snapshot.canaryState();
    const bool inProgress = state != RolloutSnapshot::CanaryState::Complete;
    const QString why = state == RolloutSnapshot::CanaryState::Complete
                            ? QStringLiteral("none: the rollout is complete, every pod runs the "
                                             "current template")
                        : state == RolloutSnapshot::CanaryState::NoNewPods
                            ? QStringLiteral("no pod yet on the new ReplicaSet")
                            : QStringLiteral("none: no ReplicaSet runs the deployment's template");
    QString html = QStringLiteral("%1<br>").arg(snapshot.canarySummary().toHtmlEscaped());
    const ReplicaSetView *canary = inProgress ? snapshot.newReplicaSet() : nullptr;
    html += QStringLiteral("<table cellspacing='8'><tr>%1%2</tr></table>")
                .arg(side(QStringLiteral("Canary"),
                          canary && !canary->pods.isEmpty() ? canary : nullptr, why),
                     side(QStringLiteral("Stable"),
                          inProgress ? snapshot.stableReplicaSet() : snapshot.newReplicaSet(),
                          QStringLiteral("none")));
    return html;
}

QString trafficNumber(const QString &lineId, double value)
{
    if (lineId == QLatin1String("traffic-5xx-share"))
        return QStringLiteral("%1 %").arg(100.0 * value, 0, 'f', 1);
    if (lineId.endsWith(QLatin1String("-p95")))
        return QStringLiteral("%1 ms").arg(qRound64(value));
    if (lineId == QLatin1String("traffic-volume"))
        return QStringLiteral("%1/s").arg(value, 0, 'f', 2);
    return QStringLiteral("%1/min").arg(value, 0, 'f', 2);
}

QString verdictHtml(const CanaryVerdict &verdict, bool final, bool showQueries)
{
    const QString pass = QStringLiteral("<span style='color:#1b7f2a'>✔</span>");
    const QString fail = QStringLiteral("<span style='color:#b00020'>✘</span>");
    const QString unknown = QStringLiteral("<span style='color:#8a5a00'>?</span>");
    QString html = QStringLiteral("<table>");
    for (const CanaryReason &reason : verdict.reasons) {
        const QString mark = reason.mark == CanaryReason::Mark::Pass   ? pass
                             : reason.mark == CanaryReason::Mark::Fail ? fail
                                                                       : unknown;
        html += QStringLiteral("<tr><td>%1&nbsp;</td><td>%2</td></tr>")
                    .arg(mark, reason.text.toHtmlEscaped());
    }
    for (const TrafficReason &reason : verdict.trafficReasons) {
        const TrafficLine &line = reason.line;
        const QString mark =
            reason.queryFailed ? unknown
            : line.mark == TrafficLine::Mark::Pass ? pass
            : line.mark == TrafficLine::Mark::Fail ? fail
            : line.mark == TrafficLine::Mark::Warn
                ? QStringLiteral("<span style='color:#8a5a00'>!</span>")
                : unknown;
        QStringList numbers;
        numbers << QStringLiteral("value %1")
                       .arg(line.value ? trafficNumber(line.id, *line.value)
                                       : QStringLiteral("none"));
        if (line.threshold)
            numbers << QStringLiteral("threshold %1").arg(trafficNumber(line.id, *line.threshold));
        numbers << QStringLiteral("window %1").arg(line.window);
        QString cell = QStringLiteral("%1 <small>(Prometheus, %2; %3)</small><br>%4")
                           .arg(line.id.toHtmlEscaped(), reason.markText().toHtmlEscaped(),
                                numbers.join(QStringLiteral(", ")).toHtmlEscaped(),
                                line.text.toHtmlEscaped());
        if (showQueries)
            cell += QStringLiteral("<br><small style='color:#555'><code>%1</code></small>")
                        .arg(line.promql.isEmpty() ? QStringLiteral("(no query ran)")
                                                   : line.promql.toHtmlEscaped());
        html += QStringLiteral("<tr><td valign='top'>%1&nbsp;</td><td>%2</td></tr>").arg(mark, cell);
    }
    html += QStringLiteral("</table><b>%1%2</b>")
                .arg(final ? QStringLiteral("Final verdict: ") : QStringLiteral("So far: "),
                     verdict.summary().toHtmlEscaped());
    return html;
}

} // namespace golive::rolloutui
