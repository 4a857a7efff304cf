#include "src/release/ReleaseStateFiles.h"
#include "src/common/ErrorKind.h"

#include "src/checklist/ChecklistStateJson.h"
#include "src/common/AtomicFile.h"
#include "src/release/ProblemText.h"
#include "src/release/QuarantineFile.h"

#include <QDir>
#include <QFileInfo>

namespace golive {

namespace {

// What one state file on disk turned out to be.
struct StateFileCheck {
    enum class Outcome { Good, Missing, Unusable, Unreadable };
    Outcome outcome = Outcome::Missing;
    ChecklistStateJson::Document document;
    QByteArray bytes;
    Error error; // for Unusable and Unreadable
};

StateFileCheck checkStateFile(const QString &path)
{
    StateFileCheck check;
    if (!QFileInfo::exists(path))
        return check;
    auto bytes = readFileCapped(path, ReleaseStateFiles::maxFileBytes);
    if (!bytes) {
        const bool tooLarge = bytes.error().kind == errorkind::tooLarge;
        check.outcome =
            tooLarge ? StateFileCheck::Outcome::Unusable : StateFileCheck::Outcome::Unreadable;
        check.error = bytes.error();
        return check;
    }
    auto document = ChecklistStateJson::documentFromJson(bytes.value());
    if (!document) {
        check.outcome = StateFileCheck::Outcome::Unusable;
        check.error = document.error();
        return check;
    }
    check.outcome = StateFileCheck::Outcome::Good;
    check.document = std::move(document).value();
    check.bytes = std::move(bytes).value();
    return check;
}

QString savedClause(const QDateTime &savedUtc)
{
    if (!savedUtc.isValid())
        return QString();
    return QStringLiteral(" (saved %1 UTC)")
        .arg(savedUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

} // namespace

ReleaseStateFiles::ReleaseStateFiles(QString folder, const Clock &clock)
    : m_folder(std::move(folder)), m_clock(clock)
{
}

QString ReleaseStateFiles::statePath() const
{
    return QDir(m_folder).filePath(QStringLiteral("state.json"));
}

QString ReleaseStateFiles::previousPath() const
{
    return QDir(m_folder).filePath(QStringLiteral("state.prev.json"));
}

Result<LoadedState> ReleaseStateFiles::load()
{
    const StateFileCheck current = checkStateFile(statePath());
    if (current.outcome == StateFileCheck::Outcome::Good)
        return LoadedState{current.document.state, {}};
    if (current.outcome == StateFileCheck::Outcome::Unreadable)
        return current.error;

    LoadedState loaded;
    // Sets an unusable file aside and says so; false when it had to stay where it is.
    const auto setAside = [&](const QString &path, const Error &problem, const QString &then) {
        const QString name = QFileInfo(path).fileName();
        const QString andThen = then.isEmpty() ? QString() : QStringLiteral(" and ") + then;
        auto kept = quarantineFile(path, m_clock.nowUtc());
        if (!kept) {
            loaded.warnings.append(
                QStringLiteral("%1 could not be used (%2) and could not be moved aside (%3); it "
                               "was left in place%4.")
                    .arg(name, asClause(problem.message), asClause(kept.error().message), andThen));
            return false;
        }
        loaded.warnings.append(QStringLiteral("%1 could not be used (%2); it was kept as %3%4.")
                                   .arg(name, asClause(problem.message), kept.value(), andThen));
        return true;
    };

    const StateFileCheck previous = checkStateFile(previousPath());
    const bool previousGood = previous.outcome == StateFileCheck::Outcome::Good;
    const QString fallback =
        previousGood ? QStringLiteral("the previous good state%1 was used")
                           .arg(savedClause(previous.document.savedUtc))
                     : QStringLiteral("no good saved state was left, so nothing is ticked");

    bool stateFileFree = true;
    if (current.outcome == StateFileCheck::Outcome::Missing)
        loaded.warnings.append(QStringLiteral("state.json was missing; %1.").arg(fallback));
    else
        stateFileFree = setAside(statePath(), current.error, fallback);

    if (previous.outcome == StateFileCheck::Outcome::Unusable ||
        previous.outcome == StateFileCheck::Outcome::Unreadable)
        setAside(previousPath(), previous.error, QString());
    else if (previous.outcome == StateFileCheck::Outcome::Missing)
        loaded.warnings.append(QStringLiteral("There was no state.prev.json to fall back to."));

    if (previousGood)
        loaded.state = previous.document.state;

    // Restore a good state.json so that the next start is clean; the previous copy stays as it is.
    if (stateFileFree) {
        const QByteArray restored =
            previousGood ? previous.bytes
                         : ChecklistStateJson::toJson(ChecklistState{}, m_clock.nowUtc());
        if (const Status error = writeFileAtomically(statePath(), restored); error.failed())
            loaded.warnings.append(QStringLiteral("The recovered state could not be written back "
                                                  "as state.json (%1).")
                                       .arg(asClause(error->message)));
    }
    return loaded;
}

Status ReleaseStateFiles::save(const ChecklistState &state)
{
    const StateFileCheck current = checkStateFile(statePath());
    switch (current.outcome) {
    case StateFileCheck::Outcome::Good:
        // Verbatim, so state.prev.json is exactly a file that was once a good state.json.
        if (const Status error = writeFileAtomically(previousPath(), current.bytes); error.failed())
            return error;
        break;
    case StateFileCheck::Outcome::Unusable:
        // Someone else's bytes: keep them rather than write over them.
        if (auto kept = quarantineFile(statePath(), m_clock.nowUtc()); !kept)
            return Error{kept.error().kind,
                         QStringLiteral("Not saving: %1 is unusable (%2) and could not be moved "
                                        "aside (%3).")
                             .arg(statePath(), asClause(current.error.message),
                                  asClause(kept.error().message))};
        break;
    case StateFileCheck::Outcome::Unreadable:
        return current.error;
    case StateFileCheck::Outcome::Missing:
        break;
    }
    return writeFileAtomically(statePath(), ChecklistStateJson::toJson(state, m_clock.nowUtc()));
}

} // namespace golive
