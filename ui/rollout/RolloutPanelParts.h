#pragma once

#include "src/rollout/CanaryVerdict.h"
#include "src/rollout/KubectlRun.h"
#include "src/rollout/PodHealthSample.h"
#include "src/rollout/RolloutSnapshot.h"
#include "src/rollout/StepResult.h"

#include <QDateTime>

#include <QString>

class QPlainTextEdit;

namespace golive {

// Small pieces of the rollout panel's presentation, kept apart so the panel stays readable.
namespace rolloutui {

// Appends kubectl output to the console: stderr in red, stdout as is.
void appendOutput(QPlainTextEdit *console, const QString &text, OutputChannel channel);
// "ok: message — revision 3 → 4, image …" for the result strip (rich text). A rollback says
// which of its three outcomes it had: rolled back, rolled back but unhealthy, not rolled back.
QString resultHtml(const StepResult &result, bool isRollback = false);
// "revision 6 · example/app:v2 · 42 min ago · deploy v2 (current)" for the revision list.
QString revisionItemText(const ReplicaSetView &rs, const QDateTime &now);
// Canary and stable side by side: revision, image, pods, readiness, restarts, reasons, and each
// pod's latest health answer through the pod proxy (`samples`, oldest first; `healthProbed`
// false: the profile has no canary.pod_health).
QString clusterHtml(const RolloutSnapshot &snapshot, const QList<PodHealthSample> &samples = {},
                    bool healthProbed = false);
// The verdict's reasons as a list with pass/fail marks, and its recommendation (rich text). Its
// traffic lines (Prometheus) show the value, the threshold and the window; with `showQueries`,
// the PromQL each ran below it, so "why did it fail?" is answered on screen.
QString verdictHtml(const CanaryVerdict &verdict, bool final, bool showQueries = false);
// A traffic line's number in its signal's unit: "30.0 %", "2425 ms", "0.67/s", "1.00/min".
QString trafficNumber(const QString &lineId, double value);

} // namespace rolloutui
} // namespace golive
