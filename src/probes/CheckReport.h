#pragma once

#include "src/metrics/Alert.h"
#include "src/probes/ProbeResult.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QStringList>

namespace golive {

// What `golive check` found: every probe's result, the alerts whose conditions hold, and the
// checklist gate's open required items, with the verdict they add up to.
struct CheckReport {
    QList<ProbeResult> probes;
    QList<Alert> alerts;
    QString gateName;         // empty with --probes-only
    QStringList openRequired; // ids of the gate's unticked required items
    // The same items as people read them, "text (id)", in the same order (ids when absent).
    QStringList openRequiredText;
    QStringList gateProblems; // why the gate could not be read, if it could not

    // Go only if no probe is down, no P1 alert holds and the gate has no open required item.
    bool go() const;
    // Why the verdict is no-go (empty for go), one sentence each.
    QStringList reasons() const;

    // {"verdict", "probes": [{name, kind, target, status, latency_ms, http_status, error}],
    //  "alerts": [{rule, severity, message}], "gate": {name, open_required, open_required_text}}
    QByteArray toJson() const;
    // Aligned columns for people, ending with the verdict line and its reasons.
    QString toTable() const;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::CheckReport)
