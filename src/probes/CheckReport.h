#pragma once

#include "src/metrics/Alert.h"
#include "src/probes/ProbeResult.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QMetaType>
#include <QStringList>

namespace golive {

// One configured model as `golive check` found it in Cohere's model list.
struct ModelReport {
    QString role;        // "chat", "embed", "rerank"
    QString name;        // as configured
    QString status;      // "ok", "deprecated", "unknown", "wrong-endpoint"
    QString replacement; // the seed's recommendation when status is not "ok"
    bool operator==(const ModelReport &) const = default;
};

// What `golive check` found: every probe's result, the configured models against Cohere's list,
// the alerts whose conditions hold, and the checklist gate's open required items, with the
// verdict they add up to.
struct CheckReport {
    static constexpr auto skipCohere = "cohere";

    QList<ProbeResult> probes;
    QList<ModelReport> models; // empty when the list was not read (no key, skipped, failed)
    QStringList modelProblems; // why the model list could not be read, if it could not
    QList<Alert> alerts;
    QList<RuleNote> notes;    // what the alert rules cannot see (AlertRule::notes)
    QStringList skipped;      // what the caller opted out of ("cohere"), printed in the verdict
    QString gateName;         // empty with --probes-only
    QStringList openRequired; // ids of the gate's unticked required items
    // The same items as people read them, "text (id)", in the same order (ids when absent).
    QStringList openRequiredText;
    QStringList gateProblems; // why the gate could not be read, if it could not
    // The gate's items that name evidence, from the release's last recorded evidence run:
    // {id, result ("pass"|"fail"|"unknown"|"not run"), sources, findings, checked_at, stale}.
    // Shown beside the verdict, never part of it: people tick, evidence informs.
    QJsonArray evidence;

    // Go only if no probe is down or slow, Cohere was checked (or skipped on request), no
    // configured model is deprecated or unknown, no P1 alert holds and the gate has no open
    // required item.
    bool go() const;
    // Why the verdict is no-go (empty for go), one sentence each.
    QStringList reasons() const;
    // What a go still has to say: degraded (429) and unknown probes, models golive could not
    // judge. One sentence each.
    QStringList warnings() const;

    // {"verdict", "probes": [{name, kind, target, status, latency_ms, http_status, error,
    //  latency_gate: {name, ms} | null}], "models": [{role, name, status, replacement}],
    //  "alerts": [{rule, severity, message}], "notes": [{rule, text}], "warnings": [...],
    //  "skipped": [...], "gate": {name, open_required, open_required_text},
    //  "evidence": [{id, result, sources, findings, checked_at, stale}]}
    QByteArray toJson() const;
    // Aligned columns for people, ending with the verdict line and its reasons.
    QString toTable() const;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::CheckReport)
