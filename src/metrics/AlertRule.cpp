#include "src/metrics/AlertRule.h"

#include <algorithm>
#include <cmath>

namespace golive {

namespace {

// The rate-limited threshold is a count per minute.
constexpr qint64 rateLimitWindowMs = 60'000;

QString duration(qint64 seconds)
{
    if (seconds % 60 == 0)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 s").arg(seconds);
}

QString decimal(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

QString httpStatusText(const Sample &sample)
{
    // A 200 whose body reported trouble is not an HTTP failure: say what the body said.
    if (sample.failure == FailureKind::ReportedDown)
        return QStringLiteral("HTTP %1, but the body reported Cohere down").arg(sample.httpStatus);
    if (sample.failure == FailureKind::ReportedDegraded)
        return QStringLiteral("HTTP %1, but the body reported Cohere degraded")
            .arg(sample.httpStatus);
    if (sample.failure == FailureKind::BadBody && sample.httpStatus >= 200 &&
        sample.httpStatus < 300)
        return QStringLiteral("HTTP %1 with a body that could not be read").arg(sample.httpStatus);
    if (sample.httpStatus != 0)
        return QStringLiteral("HTTP %1").arg(sample.httpStatus);
    switch (sample.failure) {
    case FailureKind::Timeout:
        return QStringLiteral("timeout");
    case FailureKind::Network:
        return QStringLiteral("network error");
    default:
        return QStringLiteral("no HTTP answer");
    }
}

std::optional<QString> cohereUnreachable(const AlertContext &c)
{
    QStringList failing;
    for (const QString &probe : c.sources.healthProbes) {
        const SampleSeries *series = c.store.series(probe);
        if (!series)
            continue;
        const qint64 failures = series->consecutiveFailures();
        if (failures >= c.thresholds.unreachableConsecutiveFailures)
            failing.append(QStringLiteral("%1 failed %2 checks in a row (last: %3)")
                               .arg(probe)
                               .arg(failures)
                               .arg(httpStatusText(*series->last())));
    }
    if (failing.isEmpty())
        return std::nullopt;
    return QStringLiteral("%1; alert at %2.")
        .arg(failing.join(QStringLiteral("; ")))
        .arg(c.thresholds.unreachableConsecutiveFailures);
}

std::optional<QString> highErrorRate(const AlertContext &c)
{
    const qint64 windowS = c.thresholds.errorRateWindowS;
    const qint64 from = c.nowMs - windowS * 1000 + 1;
    qsizetype total = 0;
    qsizetype serverErrors = 0;
    for (const PricedProbe &probe : c.sources.cohereProbes) {
        if (const SampleSeries *series = c.store.series(probe.probeName)) {
            total += series->count(from, c.nowMs);
            serverErrors += series->countFailures(FailureKind::Server5xx, from, c.nowMs);
        }
    }
    // Compared as counts, so that 1 of 20 is exactly 5 % and does not fire.
    if (total == 0 || double(serverErrors) * 100.0 <= c.thresholds.errorRate5xxPercent * total)
        return std::nullopt;
    return QStringLiteral("5xx on %1 of %2 Cohere requests (%3 %) in the last %4; alert above "
                          "%5 %.")
        .arg(serverErrors)
        .arg(total)
        .arg(decimal(100.0 * double(serverErrors) / double(total), 1))
        .arg(duration(windowS))
        .arg(QString::number(c.thresholds.errorRate5xxPercent, 'g', 6));
}

std::optional<QString> rateLimited(const AlertContext &c)
{
    const qint64 from = c.nowMs - rateLimitWindowMs + 1;
    qsizetype limited = 0;
    for (const PricedProbe &probe : c.sources.cohereProbes) {
        if (const SampleSeries *series = c.store.series(probe.probeName))
            limited += series->countRateLimitedResponses(from, c.nowMs);
    }
    if (limited <= c.thresholds.rateLimitedPerMin)
        return std::nullopt;
    return QStringLiteral("%1 Cohere responses were HTTP 429 in the last minute; alert above %2.")
        .arg(limited)
        .arg(c.thresholds.rateLimitedPerMin);
}

std::optional<QString> highLatency(const AlertContext &c)
{
    const SampleSeries *series = c.store.series(c.sources.chatProbe);
    if (!series)
        return std::nullopt;
    const qint64 windowS = c.thresholds.latencyWindowS;
    const qint64 from = c.nowMs - windowS * 1000 + 1;
    const auto p95 = series->percentile(95, from, c.nowMs);
    if (!p95 || *p95 <= c.thresholds.chatP95AlertMs)
        return std::nullopt;
    const qsizetype calls = series->count(from, c.nowMs);
    return QStringLiteral("chat P95 is %1 ms over the last %2 (%3 call%4); alert above %5 ms.")
        .arg(decimal(*p95, *p95 == std::floor(*p95) ? 0 : 1))
        .arg(duration(windowS))
        .arg(calls)
        .arg(calls == 1 ? QString() : QStringLiteral("s"))
        .arg(c.thresholds.chatP95AlertMs);
}

// Latched rather than windowed, and per probe: a probe whose key was refused stays refused until
// that same probe succeeds, however long ago the 401 was. Other probes succeeding do not clear it
// (a key can lack access to one endpoint), so the alert neither flaps nor hides a standing refusal.
// Only a 2xx proves the key; a 429 or a 5xx says nothing about it.
std::optional<QString> authFailure(const AlertContext &c)
{
    if (!c.thresholds.authFailureAny)
        return std::nullopt;
    std::optional<Sample> newestRefusal;
    QString newestRefusedProbe;
    QStringList refusedProbes;
    for (const PricedProbe &probe : c.sources.cohereProbes) {
        const SampleSeries *series = c.store.series(probe.probeName);
        if (!series)
            continue;
        std::optional<Sample> keyVerdict; // this probe's newest Ok or Auth sample
        series->forEachBackwards([&](const Sample &s) {
            if (s.failure != FailureKind::Ok && s.failure != FailureKind::Auth)
                return true;
            keyVerdict = s;
            return false;
        });
        if (!keyVerdict || keyVerdict->failure != FailureKind::Auth)
            continue;
        refusedProbes << probe.probeName;
        if (!newestRefusal || keyVerdict->atMs > newestRefusal->atMs) {
            newestRefusal = keyVerdict;
            newestRefusedProbe = probe.probeName;
        }
    }
    if (!newestRefusal)
        return std::nullopt;
    return QStringLiteral("%1 got %2 (key refused) at %3 UTC; resolves when %4 succeed%5 again.")
        .arg(newestRefusedProbe, httpStatusText(*newestRefusal),
             QDateTime::fromMSecsSinceEpoch(newestRefusal->atMs, Qt::UTC)
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
             refusedProbes.join(QStringLiteral(" and ")),
             refusedProbes.size() == 1 ? QStringLiteral("s") : QString());
}

std::optional<QString> budgetExceeded(const AlertContext &c)
{
    const qint64 dayStart = QDateTime(c.nowUtc.date(), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    double cost = 0.0;
    for (const PricedProbe &probe : c.sources.cohereProbes) {
        const SampleSeries *series = c.store.series(probe.probeName);
        const auto price = c.thresholds.prices.constFind(probe.model);
        if (!series || price == c.thresholds.prices.constEnd())
            continue; // unpriced: left out, never counted as free (see AlertRule::notes)
        const BilledTotals units = series->billedUnits(dayStart, c.nowMs);
        cost += (double(units.inputTokens) * price->inputPerMTok +
                 double(units.outputTokens) * price->outputPerMTok) /
                    1e6 +
                double(units.searchUnits) * price->perSearchUnit;
    }
    if (cost <= c.thresholds.budgetDailyUsd)
        return std::nullopt;
    // Cents, unless cents would make the spend look equal to the budget it exceeds.
    int decimals = 2;
    while (decimals < 6 &&
           decimal(cost, decimals) == decimal(c.thresholds.budgetDailyUsd, decimals))
        ++decimals;
    QString message = QStringLiteral("Cohere spend today (UTC) is $%1; alert above $%2.")
                          .arg(decimal(cost, decimals), decimal(c.thresholds.budgetDailyUsd, 2));
    if (!c.thresholds.pricesVerified)
        message += QStringLiteral(" Prices are unverified placeholders (alerts.prices_verified).");
    QStringList unpriced;
    for (const PricedProbe &probe : c.sources.cohereProbes) {
        if (!c.thresholds.prices.contains(probe.model) && !unpriced.contains(probe.model))
            unpriced << probe.model;
    }
    if (!unpriced.isEmpty())
        message +=
            QStringLiteral(" Not counted (no price): %1.").arg(unpriced.join(QStringLiteral(", ")));
    return message;
}

} // namespace

int AlertRule::probeRequestsPerMinute(const AlertSources &sources)
{
    int calls = 0;
    for (const PricedProbe &probe : sources.cohereProbes) {
        if (probe.intervalS <= 0)
            return 0;
        calls += (60 + probe.intervalS - 1) / probe.intervalS;
    }
    return calls * std::max(1, sources.attemptsPerCall);
}

QList<RuleNote> AlertRule::notes(const AlertThresholds &thresholds, const AlertSources &sources)
{
    QList<RuleNote> notes;
    const int perMinute = probeRequestsPerMinute(sources);
    if (perMinute > 0 && perMinute <= thresholds.rateLimitedPerMin) {
        notes.append({QString::fromLatin1(ruleid::rateLimited),
                      QStringLiteral("Probes alone send at most %1 Cohere requests a minute "
                                     "(retries included), so they cannot reach this rule's "
                                     "threshold (above %2 responses with HTTP 429 a minute); it "
                                     "needs the application's own traffic counted.")
                          .arg(perMinute)
                          .arg(thresholds.rateLimitedPerMin)});
    }
    QStringList seen;
    for (const PricedProbe &probe : sources.cohereProbes) {
        if (thresholds.prices.contains(probe.model) || seen.contains(probe.model))
            continue;
        seen << probe.model;
        notes.append({QString::fromLatin1(ruleid::budgetExceeded),
                      QStringLiteral("Cannot price %1 (%2): it has no entry in alerts.prices, so "
                                     "its calls are left out of the daily spend, not counted as "
                                     "free. Add its price to count them.")
                          .arg(probe.model, probe.probeName)});
    }
    return notes;
}

const QList<AlertRule> &AlertRule::all()
{
    static const QList<AlertRule> rules = {
        {ruleid::cohereUnreachable, AlertSeverity::P1, "Cohere unreachable", cohereUnreachable},
        {ruleid::highErrorRate, AlertSeverity::P1, "High error rate", highErrorRate},
        {ruleid::rateLimited, AlertSeverity::P2, "Rate limited", rateLimited},
        {ruleid::highLatency, AlertSeverity::P2, "High latency", highLatency},
        {ruleid::authFailure, AlertSeverity::P1, "Auth failure", authFailure},
        {ruleid::budgetExceeded, AlertSeverity::P2, "Budget exceeded", budgetExceeded},
    };
    return rules;
}

} // namespace golive
