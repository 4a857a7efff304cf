#include "src/release/TimelineModel.h"

#include "src/release/RecordDigest.h"

#include <QJsonArray>

#include <algorithm>

namespace golive {

namespace {

QString str(const RecordEvent &event, const char *key)
{
    return event.data.value(QLatin1String(key)).toString();
}

QString withNote(QString text, const QString &note)
{
    if (!note.isEmpty())
        text += QStringLiteral(": ") + note;
    return text;
}

} // namespace

TimelineModel::TimelineModel(QObject *parent) : QAbstractTableModel(parent) {}

bool TimelineModel::isProbeSample(const RecordEvent &event)
{
    return event.kind == QLatin1String(recordkind::probeSample);
}

void TimelineModel::setEvents(const QList<RecordEvent> &events)
{
    beginResetModel();
    const qsizetype samples = std::count_if(events.begin(), events.end(), isProbeSample);
    qsizetype skip = std::max<qsizetype>(0, samples - maxProbeSamples);
    m_events.clear();
    m_events.reserve(events.size() - skip);
    for (const RecordEvent &event : events) {
        if (skip > 0 && isProbeSample(event)) {
            --skip;
            continue;
        }
        m_events.append(event);
    }
    m_probeSamples = int(std::min<qsizetype>(samples, maxProbeSamples));
    endResetModel();
}

void TimelineModel::appendEvent(const RecordEvent &event)
{
    if (isProbeSample(event)) {
        if (m_probeSamples == maxProbeSamples)
            dropOldestProbeSample();
        ++m_probeSamples;
    }
    beginInsertRows({}, int(m_events.size()), int(m_events.size()));
    m_events.append(event);
    endInsertRows();
}

void TimelineModel::dropOldestProbeSample()
{
    const auto oldest = std::find_if(m_events.begin(), m_events.end(), isProbeSample);
    if (oldest == m_events.end())
        return;
    const int row = int(oldest - m_events.begin());
    beginRemoveRows({}, row, row);
    m_events.removeAt(row);
    endRemoveRows();
    --m_probeSamples;
}

QString TimelineModel::summary(const RecordEvent &event)
{
    const QString &kind = event.kind;
    if (kind == QLatin1String(recordkind::tick))
        return withNote(QStringLiteral("Ticked %1").arg(str(event, "item")), str(event, "note"));
    if (kind == QLatin1String(recordkind::untick))
        return withNote(QStringLiteral("Unticked %1").arg(str(event, "item")), str(event, "note"));
    if (kind == QLatin1String(recordkind::note))
        return withNote(QStringLiteral("Note on %1").arg(str(event, "item")), str(event, "note"));
    if (kind == QLatin1String(recordkind::gateOverride))
        return QStringLiteral("Overrode gate %1 for %2 (%3 open): %4")
            .arg(str(event, "gate"), str(event, "step"))
            .arg(event.data.value(QStringLiteral("open_items")).toArray().size())
            .arg(str(event, "reason"));
    if (kind == QLatin1String(recordkind::evidenceOverride))
        return QStringLiteral("Ticked %1 against %2 evidence: %3")
            .arg(str(event, "item"), str(event, "evidence_result"), str(event, "reason"));
    if (kind == QLatin1String(recordkind::probeStatus))
        return QStringLiteral("%1: %2 → %3%4")
            .arg(str(event, "name"),
                 str(event, "from").isEmpty() ? QStringLiteral("unknown") : str(event, "from"),
                 str(event, "to"),
                 str(event, "error").isEmpty() ? QString()
                                               : QStringLiteral(" (%1)").arg(str(event, "error")));
    if (kind == QLatin1String(recordkind::probeSample))
        return QStringLiteral("%1: %2 in %3 ms (HTTP %4)")
            .arg(str(event, "name"), str(event, "outcome"))
            .arg(qRound(event.data.value(QStringLiteral("latency_ms")).toDouble()))
            .arg(event.data.value(QStringLiteral("http_status")).toInt());
    if (kind == QLatin1String(recordkind::alertFired))
        return QStringLiteral("%1 %2: %3")
            .arg(str(event, "severity"), str(event, "title"), str(event, "message"));
    if (kind == QLatin1String(recordkind::alertResolved))
        return QStringLiteral("Resolved %1 %2").arg(str(event, "severity"), str(event, "title"));
    if (kind == QLatin1String(recordkind::command)) {
        QStringList argv;
        for (const QJsonValue &argument : event.data.value(QStringLiteral("argv")).toArray())
            argv << argument.toString();
        return QStringLiteral("%1 → exit %2 (%3)")
            .arg(argv.join(QLatin1Char(' ')))
            .arg(event.data.value(QStringLiteral("exit_code")).toInt())
            .arg(str(event, "outcome"));
    }
    if (kind == QLatin1String(recordkind::commandBegun))
        return QStringLiteral("Starting %1 (step %2)")
            .arg(RecordDigest::commandLine(event), str(event, "step"));
    if (kind == QLatin1String(recordkind::interrupted)) {
        if (!str(event, "signal").isEmpty())
            return QStringLiteral("Interrupted step %1 (%2): %3")
                .arg(str(event, "step"), str(event, "signal"), str(event, "reason"));
        return QStringLiteral("Interrupted: %1 (begun as event %2, step %3): %4")
            .arg(RecordDigest::commandLine(event))
            .arg(event.data.value(QStringLiteral("begun_seq")).toInteger())
            .arg(str(event, "step"), str(event, "reason"));
    }
    if (kind == QLatin1String(recordkind::step))
        return withNote(QStringLiteral("Step %1: %2").arg(str(event, "id"), str(event, "outcome")),
                        str(event, "message"));
    if (kind == QLatin1String(recordkind::releaseCreated))
        return QStringLiteral("Release %1 created").arg(str(event, "name"));
    return kind;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const RecordEvent &event = m_events.at(index.row());
    if (role == KindRole)
        return event.kind;
    if (role == Qt::ToolTipRole && index.column() == TimeColumn)
        return event.atUtc.toString(Qt::ISODateWithMs);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return event.atUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case KindColumn:
        return event.kind;
    case SummaryColumn:
        return summary(event);
    case WhoColumn:
        return event.who;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case SummaryColumn:
        return tr("Summary");
    case WhoColumn:
        return tr("Who");
    default:
        return {};
    }
}

} // namespace golive
