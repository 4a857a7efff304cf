#pragma once

#include "src/common/Error.h"
#include "src/rollout/Runbook.h"

#include <QByteArray>
#include <QString>

namespace golive {

// Reads and validates a runbook (JSON). Every problem is reported, each with the step id and the
// JSON path, e.g. `step "promote" at steps[4].actions[1].kubectl[3]: unknown placeholder ${foo}`.
// A runbook with any problem is refused whole: half a rollout plan is worse than none.
class RunbookLoader {
public:
    static Result<Runbook> fromJson(const QByteArray &json);
    static Result<Runbook> fromFile(const QString &path);
    // The seed's gradual rollout, compiled into golive (resources/runbooks/default.json).
    static Result<Runbook> bundledDefault();

    static constexpr qint64 kMaxFileBytes = 1024 * 1024;
    static constexpr int kMaxTimeoutSeconds = 24 * 60 * 60;
    static constexpr double kMaxWatchMinutes = 24 * 60;
};

} // namespace golive
