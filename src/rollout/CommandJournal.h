#pragma once

#include "src/common/Error.h"
#include "src/rollout/KubectlRun.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace golive {

// Which step a kubectl command belongs to, so its record names the step and the policy knows
// whether a command that cannot be written down may still run.
struct CommandOrigin {
    QString stepId;
    QString role;
    bool mutatingStep = false;
};

// A kubectl command about to start: exactly what the process will get.
struct CommandIntent {
    CommandOrigin origin;
    QString program;
    QStringList arguments;
};

// Where every kubectl command of a step is written down: its intent durably BEFORE the process
// starts, its end after (write-ahead), so a crash or a kill at any instant never leaves a change
// that ran but is missing from the release record. Asynchronous, because the UI thread never
// waits for a disk: begin() answers on `context`'s thread, and not at all once it is gone.
class CommandJournal {
public:
    virtual ~CommandJournal() = default;

    // Why nothing can be written down now (no record, a damaged one), or nullopt. Mutating steps
    // are refused while this answers.
    virtual Status problem() const = 0;
    // Writes the intent and calls `done` with the event's sequence number once it is on disk,
    // or with why it could not be written.
    virtual void begin(const CommandIntent &intent, QObject *context,
                       std::function<void(Result<qint64>)> done) = 0;
    // Writes how the command begun as `begunSeq` ended.
    virtual void end(qint64 begunSeq, const CommandIntent &intent, const KubectlRun &run) = 0;
};

} // namespace golive
