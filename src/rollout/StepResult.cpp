#include "src/rollout/StepResult.h"

namespace golive {

QString toString(StepResult::Outcome outcome)
{
    switch (outcome) {
    case StepResult::Outcome::Ok:
        return QStringLiteral("ok");
    case StepResult::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case StepResult::Outcome::Refused:
        return QStringLiteral("refused");
    case StepResult::Outcome::Unhealthy:
        return QStringLiteral("unhealthy");
    case StepResult::Outcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

} // namespace golive
