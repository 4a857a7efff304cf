#include "rollout/RolloutPanelParts.h"

#include <QPlainTextEdit>
#include <QTextCursor>

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

QString resultHtml(const StepResult &result)
{
    QString colour;
    switch (result.outcome) {
    case StepResult::Outcome::Ok:
        colour = QStringLiteral("#1b7f2a");
        break;
    case StepResult::Outcome::Failed:
        colour = QStringLiteral("#b00020");
        break;
    case StepResult::Outcome::Cancelled:
    case StepResult::Outcome::Refused:
        colour = QStringLiteral("#8a5a00");
        break;
    }
    QString html = QStringLiteral("<b style='color:%1'>%2</b> — %3: %4")
                       .arg(colour, toString(result.outcome).toHtmlEscaped(),
                            result.stepId.toHtmlEscaped(), result.message.toHtmlEscaped());
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
