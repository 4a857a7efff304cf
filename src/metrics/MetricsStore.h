#pragma once

#include "src/common/Error.h"
#include "src/metrics/SampleSeries.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace golive {

// Every probe's samples, one SampleSeries per probe name (see ProbeNames.h). The one place probe
// results flow into; charts, gates and the alert engine read from here.
class MetricsStore : public QObject {
    Q_OBJECT
public:
    explicit MetricsStore(qsizetype capacityPerSeries = SampleSeries::defaultCapacity,
                          QObject *parent = nullptr);

    // Stores the sample and emits sampleRecorded. Refuses (and stores nothing for) an empty probe
    // name or a latency that is negative or not a number.
    Status record(const QString &probeName, const Sample &sample);

    // Samples from before this console started (the release record of a restarted console), put
    // before the probe's live ones: only those older than its oldest live sample, in time order.
    // Emits historyLoaded, not sampleRecorded: nothing new happened, and alerts must not react
    // to the past sample by sample. Returns how many were taken.
    qsizetype prependHistory(const QString &probeName, const std::vector<Sample> &older);

    // nullptr until the probe has recorded a sample. Valid as long as the store lives.
    const SampleSeries *series(const QString &probeName) const;
    QStringList probeNames() const;

Q_SIGNALS:
    void sampleRecorded(const QString &probeName, const golive::Sample &sample);
    void historyLoaded(const QString &probeName);

private:
    qsizetype m_capacity;
    std::map<QString, SampleSeries> m_series; // node-based: series() pointers stay valid
};

} // namespace golive
