#pragma once

#include "src/config/Profile.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace golive {

// What a Cohere model is known to be, from Cohere's documentation (2026): which models reason by
// default (a probe must turn thinking off, or it is billed for thinking tokens) and which are
// limited to a monthly number of calls whatever the key.
namespace modelfacts {

// Reasoning is on by default for these; `thinking: {"type": "disabled"}` turns it off.
bool isReasoningCapable(const QString &model);

// Calls a month the model allows on any key (newer variants "work like trial keys"), if limited.
std::optional<qint64> monthlyCallLimit(const QString &model);

// Calls a month a trial key allows, all models together.
inline constexpr qint64 trialKeyMonthlyCalls = 1000;

} // namespace modelfacts

// One Cohere probe's plan: how many calls its interval makes (first attempts; retries add more).
struct ProbeCallPlan {
    QString role; // "chat", "embed", "rerank"
    QString model;
    int intervalS = 0;
    qint64 callsPerDay = 0;
    qint64 callsPerMonth = 0;                // a 30-day month
    std::optional<qint64> modelMonthlyLimit; // modelfacts::monthlyCallLimit
};

// The Cohere probes' plan and where it would run out of an allowance within a month.
// Cohere's API does not say whether a key is a trial key (/v1/check-api-key returns validity and
// ids only), so the trial allowance is a conditional warning ("if this is a trial key").
class ProbeAllowance {
public:
    static constexpr qint64 secondsPerMonth = 30LL * 24 * 60 * 60;

    explicit ProbeAllowance(const Profile &profile);

    const QList<ProbeCallPlan> &plans() const { return m_plans; }
    qint64 totalCallsPerMonth() const;

    // One sentence per allowance the plan would use up within the month, each with an interval
    // that fits ("probing command-a-reasoning-08-2025 every 30 s is ~86,400 calls a month; it is
    // limited to 1,000 ..."). Empty when nothing runs out.
    QStringList warnings() const;

    // The shortest interval, rounded up to a whole minute, at which `probes` probes sharing
    // `callsPerMonth` calls stay within it.
    static int fittingIntervalS(qint64 callsPerMonth, int probes = 1);
    static qint64 callsPerMonthAt(int intervalS);

private:
    QList<ProbeCallPlan> m_plans;
};

// "86,400": counts as people read them.
QString groupedCount(qint64 count);
// "45 min", "2 h 10 min", "30 s".
QString intervalText(int seconds);

} // namespace golive
