#pragma once

#include "rollout/CanaryVerdict.h"
#include "rollout/KubectlRun.h"
#include "rollout/StepResult.h"

#include <QString>

class QPlainTextEdit;

namespace golive {

// Small pieces of the rollout panel's presentation, kept apart so the panel stays readable.
namespace rolloutui {

// Appends kubectl output to the console: stderr in red, stdout as is.
void appendOutput(QPlainTextEdit *console, const QString &text, OutputChannel channel);
// "ok: message — revision 3 → 4, image …" for the result strip (rich text).
QString resultHtml(const StepResult &result);
// The verdict's reasons as a list with pass/fail marks, and its recommendation (rich text).
QString verdictHtml(const CanaryVerdict &verdict, bool final);

} // namespace rolloutui
} // namespace golive
