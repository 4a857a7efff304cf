#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace golive {

// The stable ids of the seed's six monitoring rules, as written to the release record.
namespace ruleid {
inline constexpr auto cohereUnreachable = "cohere-unreachable";
inline constexpr auto highErrorRate = "high-error-rate";
inline constexpr auto rateLimited = "rate-limited";
inline constexpr auto highLatency = "high-latency";
inline constexpr auto authFailure = "auth-failure";
inline constexpr auto budgetExceeded = "budget-exceeded";
} // namespace ruleid

enum class AlertSeverity { P1, P2 };

inline QString severityName(AlertSeverity severity)
{
    return severity == AlertSeverity::P1 ? QStringLiteral("P1") : QStringLiteral("P2");
}

// What raised an alert: golive's own probes, or the team's Prometheus evaluating the same rule
// on the application's real traffic.
enum class AlertSource { Probes, Prometheus };

inline QString sourceName(AlertSource source)
{
    return source == AlertSource::Probes ? QStringLiteral("probes") : QStringLiteral("Prometheus");
}

// One firing of a rule: from the evaluation that found its condition true until the one that
// found it false.
struct Alert {
    QString ruleId; // one of ruleid::*
    AlertSeverity severity = AlertSeverity::P2;
    QString title;   // e.g. "Cohere unreachable"
    QString message; // what was seen when it fired, with the numbers and the threshold
    QDateTime firedAt;
    QDateTime resolvedAt; // invalid while the alert is active
    AlertSource source = AlertSource::Probes;

    bool isActive() const { return !resolvedAt.isValid(); }
    bool operator==(const Alert &) const = default;
};

// Something people must know about a rule before trusting its silence: a model it cannot price,
// a threshold probes alone cannot reach.
struct RuleNote {
    QString ruleId;
    QString text;
    bool operator==(const RuleNote &) const = default;
};

} // namespace golive

Q_DECLARE_METATYPE(golive::Alert)
