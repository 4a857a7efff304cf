#pragma once

#include "src/release/RecordEvent.h"

#include <QAbstractTableModel>
#include <QList>

namespace golive {

// The release record as a table, oldest first: time (local), kind, a one-line summary, who.
// setEvents() loads a record; appendEvent() (connect ReleaseRecorder::eventRecorded) adds live.
//
// Every event is kept except probe samples, of which only the newest maxProbeSamples are: the
// probes record one per probe every few seconds (every second if the profile says so), which
// would grow the table without bound; all of them stay in the record file, the charts and the
// report.
class TimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, SummaryColumn, WhoColumn, ColumnCount };
    static constexpr int maxProbeSamples = 2000;
    // The event's kind, whatever the column (for filtering by kind).
    static constexpr int KindRole = Qt::UserRole + 1;

    explicit TimelineModel(QObject *parent = nullptr);

    void setEvents(const QList<RecordEvent> &events);
    const RecordEvent &eventAt(int row) const { return m_events.at(row); }
    // "Ticked usage-limits: from the vault", "kubectl rollout undo … → exit 0", ...
    static QString summary(const RecordEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void appendEvent(const golive::RecordEvent &event);

private:
    static bool isProbeSample(const RecordEvent &event);
    void dropOldestProbeSample();

    QList<RecordEvent> m_events;
    int m_probeSamples = 0;
};

} // namespace golive
