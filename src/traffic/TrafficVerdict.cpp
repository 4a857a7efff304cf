#include "src/traffic/TrafficVerdict.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace golive {

namespace {

using Mark = TrafficLine::Mark;

QString percent(double share)
{
    return QStringLiteral("%1 %").arg(share * 100.0, 0, 'f', 1);
}

QString milliseconds(double ms)
{
    return QStringLiteral("%1 ms").arg(std::llround(ms));
}

QString perMinute(double value)
{
    return QStringLiteral("%1/min").arg(value, 0, 'f', 2);
}

// What a signal without a value says instead: Prometheus' error, or why there is no data.
QString missing(const TrafficSignal &signal)
{
    if (signal.failed())
        return QStringLiteral("query failed: %1").arg(signal.error);
    return signal.note.isEmpty() ? QStringLiteral("no data") : signal.note;
}

// "stable 0.0 %" or "stable: no data (...)".
QString stableSays(const TrafficSignal &signal, const QString &shown)
{
    if (signal.value)
        return QStringLiteral("stable %1").arg(shown);
    return QStringLiteral("stable: %1").arg(missing(signal));
}

class Lines {
public:
    Lines(const VersionTraffic &canary, QList<TrafficLine> &out) : m_canary(canary), m_out(out) {}

    void add(const QString &id, Mark mark, const QString &text, const TrafficSignal &signal,
             std::optional<double> threshold = std::nullopt)
    {
        m_out.append(
            TrafficLine{id, mark, text, signal.value, threshold, m_canary.window, signal.promql});
    }
    // A canary signal without a value: the line cannot be judged.
    bool addIfMissing(const QString &id, const QString &what, const TrafficSignal &signal)
    {
        if (signal.value && !std::isnan(*signal.value))
            return false;
        add(id, Mark::Insufficient,
            QStringLiteral("canary %1 over %2: %3").arg(what, m_canary.window, missing(signal)),
            signal);
        return true;
    }

private:
    const VersionTraffic &m_canary;
    QList<TrafficLine> &m_out;
};

void volumeLine(Lines &lines, const VersionTraffic &canary, const VersionTraffic &stable,
                const TrafficTolerances &tolerances)
{
    const QString id = QStringLiteral("traffic-volume");
    const TrafficSignal &rate = canary.requestsPerS;
    const QString stableRate =
        stableSays(stable.requestsPerS,
                   QStringLiteral("%1/s").arg(stable.requestsPerS.value.value_or(0.0), 0, 'f', 2));
    if (lines.addIfMissing(id, QStringLiteral("request rate"), rate))
        return;
    const double minimum = tolerances.minCanaryRequestsPerS;
    if (*rate.value < minimum) {
        lines.add(id, Mark::Insufficient,
                  QStringLiteral("canary served %1 Cohere requests/s over %2, below the %3/s "
                                 "needed to judge it on real traffic (%4)")
                      .arg(*rate.value, 0, 'f', 2)
                      .arg(canary.window)
                      .arg(minimum)
                      .arg(stableRate),
                  rate, minimum);
        return;
    }
    lines.add(id, Mark::Pass,
              QStringLiteral("canary served %1 Cohere requests/s over %2 (at least %3/s needed; "
                             "%4)")
                  .arg(*rate.value, 0, 'f', 2)
                  .arg(canary.window)
                  .arg(minimum)
                  .arg(stableRate),
              rate, minimum);
}

void errorShareLine(Lines &lines, const VersionTraffic &canary, const VersionTraffic &stable,
                    const AlertThresholds &alerts, const TrafficTolerances &tolerances)
{
    const QString id = QStringLiteral("traffic-5xx-share");
    const TrafficSignal &share = canary.error5xxShare;
    if (lines.addIfMissing(id, QStringLiteral("5xx share"), share))
        return;
    const double value = *share.value;
    const double seedLimit = alerts.errorRate5xxPercent / 100.0;
    const QString stableText =
        stableSays(stable.error5xxShare, percent(stable.error5xxShare.value.value_or(0.0)));
    if (value > seedLimit) {
        lines.add(id, Mark::Fail,
                  QStringLiteral("canary 5xx share %1 over %2 > %3 (seed limit); %4")
                      .arg(percent(value), canary.window, percent(seedLimit), stableText),
                  share, seedLimit);
        return;
    }
    if (stable.error5xxShare.value) {
        const double stableShare = *stable.error5xxShare.value;
        const double limit = stableShare + tolerances.errorShareMarginPoints / 100.0;
        if (value > limit) {
            lines.add(id, Mark::Fail,
                      QStringLiteral("canary 5xx share %1 over %2 > stable's %3 + %4 points "
                                     "(%5)")
                          .arg(percent(value), canary.window, percent(stableShare))
                          .arg(tolerances.errorShareMarginPoints)
                          .arg(percent(limit)),
                      share, limit);
            return;
        }
        lines.add(id, Mark::Pass,
                  QStringLiteral("canary 5xx share %1 over %2 ≤ %3 (seed limit) and ≤ stable's "
                                 "%4 + %5 points")
                      .arg(percent(value), canary.window, percent(seedLimit), percent(stableShare))
                      .arg(tolerances.errorShareMarginPoints),
                  share, std::min(seedLimit, limit));
        return;
    }
    lines.add(id, Mark::Pass,
              QStringLiteral("canary 5xx share %1 over %2 ≤ %3 (seed limit); %4")
                  .arg(percent(value), canary.window, percent(seedLimit), stableText),
              share, seedLimit);
}

void p95Line(Lines &lines, const QString &endpoint, const TrafficSignal &canarySignal,
             const TrafficSignal &stableSignal, int gateMs, const QString &window,
             const TrafficTolerances &tolerances)
{
    const QString id = QStringLiteral("traffic-%1-p95").arg(endpoint);
    const QString what = QStringLiteral("%1 P95").arg(endpoint);
    if (!canarySignal.failed() && !canarySignal.value && !stableSignal.value &&
        !stableSignal.failed()) {
        lines.add(id, Mark::Warn,
                  QStringLiteral("neither version made %1 calls over %2 (%3): %4 not judged")
                      .arg(endpoint, window, missing(canarySignal), what),
                  canarySignal);
        return;
    }
    if (lines.addIfMissing(id, what, canarySignal))
        return;
    const double value = *canarySignal.value;
    const QString stableText =
        stableSays(stableSignal, milliseconds(stableSignal.value.value_or(0)));
    if (value > gateMs) {
        lines.add(id, Mark::Fail,
                  QStringLiteral("canary %1 %2 over %3 > %4 (seed gate); %5")
                      .arg(what, milliseconds(value), window, milliseconds(gateMs), stableText),
                  canarySignal, double(gateMs));
        return;
    }
    if (stableSignal.value) {
        const double stableMs = *stableSignal.value;
        const double limit =
            std::max(stableMs * tolerances.p95Factor, stableMs + tolerances.p95SlackMs);
        if (value > limit) {
            lines.add(id, Mark::Fail,
                      QStringLiteral("canary %1 %2 over %3 > %4 × stable's %5 (limit %6, at "
                                     "least +%7 ms); seed gate %8")
                          .arg(what, milliseconds(value), window)
                          .arg(tolerances.p95Factor)
                          .arg(milliseconds(stableMs), milliseconds(limit))
                          .arg(tolerances.p95SlackMs)
                          .arg(milliseconds(gateMs)),
                      canarySignal, limit);
            return;
        }
        lines.add(id, Mark::Pass,
                  QStringLiteral("canary %1 %2 over %3 ≤ %4 (seed gate) and ≤ %5 × stable's %6")
                      .arg(what, milliseconds(value), window, milliseconds(gateMs))
                      .arg(tolerances.p95Factor)
                      .arg(milliseconds(stableMs)),
                  canarySignal, std::min(double(gateMs), limit));
        return;
    }
    lines.add(id, Mark::Pass,
              QStringLiteral("canary %1 %2 over %3 ≤ %4 (seed gate); %5")
                  .arg(what, milliseconds(value), window, milliseconds(gateMs), stableText),
              canarySignal, double(gateMs));
}

void rateLimitedLine(Lines &lines, const VersionTraffic &canary, const VersionTraffic &stable,
                     const AlertThresholds &alerts, const TrafficTolerances &tolerances)
{
    const QString id = QStringLiteral("traffic-429");
    const TrafficSignal &limited = canary.rateLimitedPerMin;
    if (lines.addIfMissing(id, QStringLiteral("HTTP 429 rate"), limited))
        return;
    const double value = *limited.value;
    if (value > alerts.rateLimitedPerMin) {
        lines.add(id, Mark::Fail,
                  QStringLiteral("canary got %1 HTTP 429 over %2 > %3 (seed alert)")
                      .arg(perMinute(value), canary.window, perMinute(alerts.rateLimitedPerMin)),
                  limited, double(alerts.rateLimitedPerMin));
        return;
    }
    // Rising means a larger share of the canary's requests than of stable's: the canary serves
    // fewer requests, so its raw count would always look better.
    const auto shareOf = [](const VersionTraffic &version) -> std::optional<double> {
        if (!version.rateLimitedPerMin.value || !version.requestsPerS.value ||
            *version.requestsPerS.value <= 0.0)
            return std::nullopt;
        return *version.rateLimitedPerMin.value / (*version.requestsPerS.value * 60.0);
    };
    const auto canaryShare = shareOf(canary);
    const auto stableShare = shareOf(stable);
    if (canaryShare && stableShare) {
        const double limit =
            *stableShare * tolerances.rateLimitedFactor + tolerances.rateLimitedSlackPoints / 100.0;
        if (*canaryShare > limit) {
            lines.add(id, Mark::Fail,
                      QStringLiteral("429s rising: %1 of canary requests (%2) vs %3 of stable's "
                                     "(%4) over %5; limit %6")
                          .arg(percent(*canaryShare), perMinute(value), percent(*stableShare),
                               perMinute(*stable.rateLimitedPerMin.value), canary.window,
                               percent(limit)),
                      limited);
            return;
        }
        lines.add(id, Mark::Pass,
                  QStringLiteral("canary HTTP 429 %1 (%2 of requests) over %3, not above "
                                 "stable's %4 of requests and ≤ %5 (seed alert)")
                      .arg(perMinute(value), percent(*canaryShare), canary.window,
                           percent(*stableShare), perMinute(alerts.rateLimitedPerMin)),
                  limited, double(alerts.rateLimitedPerMin));
        return;
    }
    lines.add(id, Mark::Pass,
              QStringLiteral("canary HTTP 429 %1 over %2 ≤ %3 (seed alert); %4")
                  .arg(perMinute(value), canary.window, perMinute(alerts.rateLimitedPerMin),
                       stableSays(stable.rateLimitedPerMin,
                                  perMinute(stable.rateLimitedPerMin.value.value_or(0)))),
              limited, double(alerts.rateLimitedPerMin));
}

void authLine(Lines &lines, const VersionTraffic &canary, const VersionTraffic &stable,
              const AlertThresholds &alerts)
{
    const QString id = QStringLiteral("traffic-auth");
    const TrafficSignal &refused = canary.authFailuresPerMin;
    if (!alerts.authFailureAny)
        return; // the team switched the "any 401" rule off
    if (lines.addIfMissing(id, QStringLiteral("auth failures"), refused))
        return;
    if (*refused.value > 0.0) {
        lines.add(id, Mark::Fail,
                  QStringLiteral("canary got auth failures (401) at %1 over %2; any is a "
                                 "failure (seed: any 401)")
                      .arg(perMinute(*refused.value), canary.window),
                  refused, 0.0);
        return;
    }
    if (stable.authFailuresPerMin.value && *stable.authFailuresPerMin.value > 0.0) {
        lines.add(id, Mark::Warn,
                  QStringLiteral("no auth failures from the canary over %1, but stable got %2: "
                                 "the key is refused outside the canary too")
                      .arg(canary.window, perMinute(*stable.authFailuresPerMin.value)),
                  refused, 0.0);
        return;
    }
    lines.add(id, Mark::Pass,
              QStringLiteral("no auth failures (401) from the canary over %1").arg(canary.window),
              refused, 0.0);
}

} // namespace

QJsonObject TrafficLine::toJson() const
{
    const auto number = [](const std::optional<double> &v) {
        return v && std::isfinite(*v) ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
    };
    return {{QStringLiteral("id"), id},
            {QStringLiteral("mark"), toString(mark)},
            {QStringLiteral("text"), text},
            {QStringLiteral("value"), number(value)},
            {QStringLiteral("threshold"), number(threshold)},
            {QStringLiteral("window"), window},
            {QStringLiteral("promql"), promql}};
}

QStringList TrafficVerdict::reasons() const
{
    QStringList out;
    const Mark deciding = overall == Overall::Unhealthy ? Mark::Fail : Mark::Insufficient;
    if (overall == Overall::Healthy)
        return out;
    for (const TrafficLine &line : lines) {
        if (line.mark == deciding)
            out.append(QStringLiteral("%1: %2").arg(line.id, line.text));
    }
    return out;
}

QJsonObject TrafficVerdict::toJson() const
{
    QJsonArray array;
    for (const TrafficLine &line : lines)
        array.append(line.toJson());
    return {{QStringLiteral("overall"), toString(overall)}, {QStringLiteral("lines"), array}};
}

TrafficVerdict TrafficVerdict::evaluate(const VersionTraffic &canary, const VersionTraffic &stable,
                                        const AlertThresholds &alerts, const GateThresholds &gates,
                                        const TrafficTolerances &tolerances)
{
    TrafficVerdict verdict;
    Lines lines(canary, verdict.lines);
    volumeLine(lines, canary, stable, tolerances);
    errorShareLine(lines, canary, stable, alerts, tolerances);
    p95Line(lines, QStringLiteral("chat"), canary.chatP95Ms, stable.chatP95Ms, gates.chatP95Ms,
            canary.window, tolerances);
    p95Line(lines, QStringLiteral("embed"), canary.embedP95Ms, stable.embedP95Ms, gates.embedP95Ms,
            canary.window, tolerances);
    p95Line(lines, QStringLiteral("rerank"), canary.rerankP95Ms, stable.rerankP95Ms,
            gates.rerankP95Ms, canary.window, tolerances);
    rateLimitedLine(lines, canary, stable, alerts, tolerances);
    authLine(lines, canary, stable, alerts);

    const auto any = [&](Mark mark) {
        return std::any_of(verdict.lines.cbegin(), verdict.lines.cend(),
                           [mark](const TrafficLine &line) { return line.mark == mark; });
    };
    verdict.overall = any(Mark::Fail)           ? Overall::Unhealthy
                      : any(Mark::Insufficient) ? Overall::InsufficientData
                                                : Overall::Healthy;
    return verdict;
}

QString toString(TrafficLine::Mark mark)
{
    switch (mark) {
    case Mark::Pass:
        return QStringLiteral("pass");
    case Mark::Fail:
        return QStringLiteral("fail");
    case Mark::Warn:
        return QStringLiteral("warn");
    case Mark::Insufficient:
        break;
    }
    return QStringLiteral("insufficient");
}

QString toString(TrafficVerdict::Overall overall)
{
    switch (overall) {
    case TrafficVerdict::Overall::Healthy:
        return QStringLiteral("healthy");
    case TrafficVerdict::Overall::Unhealthy:
        return QStringLiteral("unhealthy");
    case TrafficVerdict::Overall::InsufficientData:
        break;
    }
    return QStringLiteral("insufficient-data");
}

} // namespace golive
