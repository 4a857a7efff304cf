#include "src/release/RecordDigest.h"

#include "src/common/StepRole.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace golive {

double RecordDigest::percentile(QList<double> values, double q)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(q * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

namespace {

QStringList imagesIn(const RecordEvent &event, const char *key)
{
    QStringList images;
    const QJsonValue value = event.data.value(QLatin1String(key));
    for (const QJsonValue &image : value.toObject().value(QStringLiteral("images")).toArray()) {
        if (!image.toString().isEmpty())
            images << image.toString();
    }
    return images;
}

// Reads one step's read-backs into the versions: the first deploy's "before" is the stable
// version, its "after" the canary; whatever changed the deployment last says what runs now.
void noteVersions(ReleaseVersions &versions, const RecordEvent &event, const QString &role)
{
    const QStringList before = imagesIn(event, "before");
    QStringList after = imagesIn(event, "after");
    if (after.isEmpty() && role == steprole::rollback)
        after = imagesIn(event, "target"); // the version the rollback chose
    if (role == steprole::deploy && versions.canary.isEmpty()) {
        versions.stableBefore = before;
        versions.canary = after;
    }
    if (after.isEmpty() || (role != steprole::deploy && role != steprole::promote &&
                            role != steprole::rollback))
        return;
    versions.atEnd = after;
    const QString when = event.atUtc.toUTC().toString(QStringLiteral("HH:mm:ss 'UTC'"));
    if (role == steprole::rollback)
        versions.atEndBecause = QStringLiteral("after the rollback at %1").arg(when);
    else if (role == steprole::promote)
        versions.atEndBecause = QStringLiteral("after the promotion at %1").arg(when);
    else
        versions.atEndBecause = QStringLiteral("the canary, deployed at %1").arg(when);
}

} // namespace

QList<RecordEvent> RecordDigest::unfinished(const QList<RecordEvent> &events)
{
    QSet<qint64> ended;
    for (const RecordEvent &event : events) {
        if (event.kind == QLatin1String(recordkind::command) ||
            event.kind == QLatin1String(recordkind::interrupted)) {
            const qint64 begun = event.data.value(QStringLiteral("begun_seq")).toInteger(-1);
            if (begun > 0)
                ended.insert(begun);
        }
    }
    QList<RecordEvent> open;
    for (const RecordEvent &event : events) {
        if (event.kind == QLatin1String(recordkind::commandBegun) && !ended.contains(event.seq))
            open.append(event);
    }
    return open;
}

QString RecordDigest::commandLine(const RecordEvent &event)
{
    QStringList argv;
    for (const QJsonValue &argument : event.data.value(QStringLiteral("argv")).toArray())
        argv << argument.toString();
    if (!argv.isEmpty())
        argv.first() = QFileInfo(argv.first()).fileName();
    return argv.join(QLatin1Char(' '));
}

QStringList RecordDigest::interruptionLines() const
{
    const auto at = [](const RecordEvent &event) {
        return event.atUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    };
    const auto text = [](const RecordEvent &event, const char *key) {
        return event.data.value(QLatin1String(key)).toString();
    };
    QList<RecordEvent> all = interruptions + unfinishedCommands;
    std::sort(all.begin(), all.end(),
              [](const RecordEvent &a, const RecordEvent &b) { return a.seq < b.seq; });
    QStringList lines;
    for (const RecordEvent &event : all) {
        if (event.kind == QLatin1String(recordkind::commandBegun))
            lines << QStringLiteral("`%1` (step %2, begun as event %3 at %4): no end recorded; "
                                    "golive stopped before it ended, or it is still running")
                         .arg(commandLine(event), text(event, "step"))
                         .arg(event.seq)
                         .arg(at(event));
        else if (!text(event, "signal").isEmpty())
            lines << QStringLiteral("step %1 interrupted by %2 at %3: %4")
                         .arg(text(event, "step"), text(event, "signal"), at(event),
                              text(event, "reason"));
        else
            lines << QStringLiteral("`%1` (step %2, begun as event %3) interrupted: %4")
                         .arg(commandLine(event), text(event, "step"))
                         .arg(event.data.value(QStringLiteral("begun_seq")).toInteger())
                         .arg(text(event, "reason"));
    }
    return lines;
}

QMap<QString, QJsonObject> RecordDigest::lastEvidence(const QList<RecordEvent> &events)
{
    QMap<QString, QJsonObject> items;
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        if (it->kind != QLatin1String(recordkind::evidence))
            continue;
        for (const QJsonValue &value : it->data.value(QStringLiteral("items")).toArray()) {
            const QJsonObject item = value.toObject();
            items.insert(item.value(QStringLiteral("id")).toString(), item);
        }
        break;
    }
    return items;
}

QString RecordDigest::evidenceSummary(const QJsonObject &item, int maxFindings)
{
    QStringList sources;
    for (const QJsonValue &source : item.value(QStringLiteral("sources")).toArray())
        sources << source.toString();
    QString line = QStringLiteral("evidence %1 (%2, checked %3)")
                       .arg(item.value(QStringLiteral("result")).toString(),
                            sources.join(QStringLiteral(", ")),
                            item.value(QStringLiteral("checked_at")).toString());
    const QJsonArray findings = item.value(QStringLiteral("findings")).toArray();
    QStringList shown;
    for (const QJsonValue &value : findings) {
        if (shown.size() >= maxFindings)
            break;
        const QJsonObject finding = value.toObject();
        const QString file = finding.value(QStringLiteral("file")).toString();
        const QString dir = finding.value(QStringLiteral("source_dir")).toString();
        const QString where = file.isEmpty()
                                  ? finding.value(QStringLiteral("source")).toString()
                                  : QStringLiteral("%1%2:%3")
                                        .arg(dir.isEmpty() ? QString() : dir + QLatin1Char('/'),
                                             file)
                                        .arg(finding.value(QStringLiteral("line")).toInt());
        shown << QStringLiteral("%1 %2").arg(where,
                                             finding.value(QStringLiteral("message")).toString());
    }
    if (shown.isEmpty()) {
        // No file findings: what the sources that did not pass said.
        for (const QJsonValue &value : item.value(QStringLiteral("details")).toArray()) {
            const QJsonObject detail = value.toObject();
            if (detail.value(QStringLiteral("result")).toString() != QLatin1String("pass") &&
                shown.size() < maxFindings)
                shown << detail.value(QStringLiteral("message")).toString();
        }
    }
    if (!shown.isEmpty())
        line += QStringLiteral(": ") + shown.join(QStringLiteral("; "));
    if (findings.size() > maxFindings)
        line += QStringLiteral("; +%1 more").arg(findings.size() - maxFindings);
    return line;
}

QString RecordDigest::evidenceLine(const QString &itemId, int maxFindings) const
{
    const auto it = evidence.constFind(itemId);
    return it == evidence.cend() ? QString() : evidenceSummary(*it, maxFindings);
}

RecordDigest RecordDigest::fromEvents(const QList<RecordEvent> &events)
{
    RecordDigest digest;
    digest.evidence = lastEvidence(events);
    QMap<QString, ProbeDigest> probes;
    for (const RecordEvent &event : events) {
        if (!digest.firstUtc.isValid())
            digest.firstUtc = event.atUtc;
        digest.lastUtc = event.atUtc;
        if (event.kind == QLatin1String(recordkind::probeSample)) {
            // A pod that was gone, a forbidden pod proxy or a kubectl that could not ask said
            // nothing about the version: no latency point, no failure.
            const QString outcome = event.data.value(QStringLiteral("outcome")).toString();
            if (event.data.contains(QStringLiteral("pod")) &&
                (outcome == QLatin1String("gone") || outcome == QLatin1String("forbidden") ||
                 outcome == QLatin1String("error")))
                continue;
            const QString name = event.data.value(QStringLiteral("name")).toString();
            ProbeDigest &probe = probes[name];
            probe.name = name;
            const bool failed =
                event.data.value(QStringLiteral("outcome")).toString() != QLatin1String("healthy");
            probe.points.append(
                {event.atUtc, event.data.value(QStringLiteral("latency_ms")).toDouble(), failed});
            probe.failures += failed ? 1 : 0;
        } else if (event.kind == QLatin1String(recordkind::step)) {
            digest.steps.append(event);
            // The step's role says what it did; records from before roles name the bundled ids.
            QString role = event.data.value(QStringLiteral("role")).toString();
            if (role.isEmpty())
                role = event.data.value(QStringLiteral("id")).toString();
            const QString outcome = event.data.value(QStringLiteral("outcome")).toString();
            const bool ok = outcome == QLatin1String("ok");
            if (ok && (role == steprole::promote || role == steprole::rollback)) {
                digest.outcome = role == steprole::promote ? QStringLiteral("promoted")
                                                           : QStringLiteral("rolled back");
                digest.outcomeAtUtc = event.atUtc;
            } else if (role == steprole::rollback && outcome == QLatin1String("unhealthy")) {
                digest.outcome = QStringLiteral("rolled back, production still unhealthy");
                digest.outcomeAtUtc = event.atUtc;
            }
            noteVersions(digest.versions, event, role);
        } else if (event.kind == QLatin1String(recordkind::alertFired) ||
                   event.kind == QLatin1String(recordkind::alertResolved)) {
            digest.alerts.append(event);
        } else if (event.kind == QLatin1String(recordkind::gateOverride)) {
            digest.overrides.append(event);
        } else if (event.kind == QLatin1String(recordkind::interrupted)) {
            digest.interruptions.append(event);
        }
    }
    digest.unfinishedCommands = unfinished(events);
    for (ProbeDigest &probe : probes) {
        QList<double> latencies;
        latencies.reserve(probe.points.size());
        // Successful answers only: a failure's time is a marker in the report, not a latency.
        for (const LatencyPoint &point : probe.points) {
            if (!point.failed)
                latencies.append(point.latencyMs);
        }
        probe.p50Ms = percentile(latencies, 0.50);
        probe.p95Ms = percentile(latencies, 0.95);
        digest.probes.append(probe);
    }
    return digest;
}

} // namespace golive
