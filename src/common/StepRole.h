#pragma once

#include <QString>
#include <QStringList>

namespace golive {

// What a runbook step is for, so code asks for "the deploy step" and never for an id a team may
// rename. The runbook declares them; the release record carries them, so the report can tell a
// promotion from a rollback without knowing any runbook.
namespace steprole {
inline const QString deploy = QStringLiteral("deploy");
inline const QString watch = QStringLiteral("watch");
inline const QString promote = QStringLiteral("promote");
inline const QString rollback = QStringLiteral("rollback");
inline const QStringList all = {deploy, watch, promote, rollback};
} // namespace steprole

} // namespace golive
