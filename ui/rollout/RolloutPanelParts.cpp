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

QString clusterHtml(const RolloutSnapshot &snapshot)
{
    const auto side = [](const QString &title, const ReplicaSetView *rs) {
        if (!rs)
            return QStringLiteral("<td valign='top'><b>%1</b><br>none</td>").arg(title);
        int ready = 0;
        int restarts = 0;
        QStringList reasons;
        for (const PodView &pod : rs->pods) {
            ready += pod.ready ? 1 : 0;
            restarts += pod.restarts;
            if (!pod.reason.isEmpty())
                reasons << QStringLiteral("%1 %2").arg(pod.name, pod.reason);
        }
        QString cell = QStringLiteral("<td valign='top'><b>%1</b><br>revision %2 · %3<br>%4 "
                                      "pod(s), %5 ready, %6 restart(s)")
                           .arg(title)
                           .arg(rs->revision)
                           .arg(rs->images.join(QStringLiteral(", ")).toHtmlEscaped())
                           .arg(rs->pods.size())
                           .arg(ready)
                           .arg(restarts);
        for (const QString &reason : reasons)
            cell += QStringLiteral("<br><span style='color:#b00020'>%1</span>")
                        .arg(reason.toHtmlEscaped());
        return cell + QStringLiteral("</td>");
    };
    const bool inProgress = snapshot.canaryState() == RolloutSnapshot::CanaryState::Canary ||
                            snapshot.canaryState() == RolloutSnapshot::CanaryState::NoNewPods;
    QString html = QStringLiteral("%1<br>").arg(snapshot.canarySummary().toHtmlEscaped());
    html +=
        QStringLiteral("<table cellspacing='8'><tr>%1%2</tr></table>")
            .arg(side(QStringLiteral("Canary"), inProgress ? snapshot.newReplicaSet() : nullptr),
                 side(QStringLiteral("Stable"),
                      inProgress ? snapshot.stableReplicaSet() : snapshot.newReplicaSet()));
    return html;
}

QString verdictHtml(const CanaryVerdict &verdict, bool final)
{
    QString html = QStringLiteral("<table>");
    for (const CanaryReason &reason : verdict.reasons) {
        const QString mark = reason.mark == CanaryReason::Mark::Pass
                                 ? QStringLiteral("<span style='color:#1b7f2a'>✔</span>")
                             : reason.mark == CanaryReason::Mark::Fail
                                 ? QStringLiteral("<span style='color:#b00020'>✘</span>")
                                 : QStringLiteral("<span style='color:#8a5a00'>?</span>");
        html += QStringLiteral("<tr><td>%1&nbsp;</td><td>%2</td></tr>")
                    .arg(mark, reason.text.toHtmlEscaped());
    }
    html += QStringLiteral("</table><b>%1%2</b>")
                .arg(final ? QStringLiteral("Final verdict: ") : QStringLiteral("So far: "),
                     verdict.summary().toHtmlEscaped());
    return html;
}

} // namespace golive::rolloutui
