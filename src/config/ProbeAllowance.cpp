#include "src/config/ProbeAllowance.h"

#include <QLocale>

namespace golive {

namespace modelfacts {

namespace {

// Cohere's newer variants whose calls are limited like a trial key's, on every key. Command A+
// is left out: its model id is not known here, and a guessed id would warn about nothing.
constexpr const char *monthlyLimitedModels[] = {
    "command-a-reasoning-08-2025",
    "command-a-vision-07-2025",
    "command-a-translate-08-2025",
};

} // namespace

bool isReasoningCapable(const QString &model)
{
    return model.startsWith(QLatin1String("command-")) &&
           model.contains(QLatin1String("-reasoning"));
}

std::optional<qint64> monthlyCallLimit(const QString &model)
{
    for (const char *limited : monthlyLimitedModels) {
        if (model == QLatin1String(limited))
            return trialKeyMonthlyCalls;
    }
    return std::nullopt;
}

} // namespace modelfacts

QString groupedCount(qint64 count)
{
    QLocale english(QLocale::English);
    return english.toString(count);
}

QString intervalText(int seconds)
{
    if (seconds < 60 || seconds % 60 != 0)
        return QStringLiteral("%1 s").arg(seconds);
    const int minutes = seconds / 60;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    if (minutes % 60 == 0)
        return QStringLiteral("%1 h").arg(minutes / 60);
    return QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

ProbeAllowance::ProbeAllowance(const Profile &profile)
{
    const std::pair<QString, std::pair<QString, int>> probes[] = {
        {QStringLiteral("chat"), {profile.cohere.chatModel, profile.probes.chat.intervalS}},
        {QStringLiteral("embed"), {profile.cohere.embedModel, profile.probes.embed.intervalS}},
        {QStringLiteral("rerank"), {profile.cohere.rerankModel, profile.probes.rerank.intervalS}},
    };
    for (const auto &[role, modelAndInterval] : probes) {
        ProbeCallPlan plan;
        plan.role = role;
        plan.model = modelAndInterval.first;
        plan.intervalS = modelAndInterval.second;
        plan.callsPerDay = plan.intervalS > 0 ? (24LL * 60 * 60) / plan.intervalS : 0;
        plan.callsPerMonth = callsPerMonthAt(plan.intervalS);
        plan.modelMonthlyLimit = modelfacts::monthlyCallLimit(plan.model);
        m_plans << plan;
    }
}

qint64 ProbeAllowance::callsPerMonthAt(int intervalS)
{
    return intervalS > 0 ? secondsPerMonth / intervalS : 0;
}

qint64 ProbeAllowance::totalCallsPerMonth() const
{
    qint64 total = 0;
    for (const ProbeCallPlan &plan : m_plans)
        total += plan.callsPerMonth;
    return total;
}

int ProbeAllowance::fittingIntervalS(qint64 callsPerMonth, int probes)
{
    if (callsPerMonth <= 0)
        return 0;
    const qint64 seconds = (secondsPerMonth * qMax(1, probes) + callsPerMonth - 1) / callsPerMonth;
    return int((seconds + 59) / 60 * 60);
}

QStringList ProbeAllowance::warnings() const
{
    QStringList warnings;
    for (const ProbeCallPlan &plan : m_plans) {
        if (!plan.modelMonthlyLimit || plan.callsPerMonth <= *plan.modelMonthlyLimit)
            continue;
        warnings << QStringLiteral("probing %1 every %2 is ~%3 calls a month; it is limited to %4 "
                                   "calls a month on any key. Set probes.%5.interval_s to at "
                                   "least %6 (%7).")
                        .arg(plan.model, intervalText(plan.intervalS),
                             groupedCount(plan.callsPerMonth),
                             groupedCount(*plan.modelMonthlyLimit), plan.role)
                        .arg(fittingIntervalS(*plan.modelMonthlyLimit))
                        .arg(intervalText(fittingIntervalS(*plan.modelMonthlyLimit)));
    }
    const qint64 total = totalCallsPerMonth();
    if (total > modelfacts::trialKeyMonthlyCalls) {
        const int fitting = fittingIntervalS(modelfacts::trialKeyMonthlyCalls, int(m_plans.size()));
        warnings << QStringLiteral("if this is a trial key: the Cohere probes make ~%1 calls a "
                                   "month together (chat every %2, embed every %3, rerank every "
                                   "%4); a trial key is limited to %5 calls a month. Use a "
                                   "production key, or set each probe's interval_s to at least "
                                   "%6 (%7).")
                        .arg(groupedCount(total), intervalText(m_plans.at(0).intervalS),
                             intervalText(m_plans.at(1).intervalS),
                             intervalText(m_plans.at(2).intervalS),
                             groupedCount(modelfacts::trialKeyMonthlyCalls))
                        .arg(fitting)
                        .arg(intervalText(fitting));
    }
    return warnings;
}

} // namespace golive
