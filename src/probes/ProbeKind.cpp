#include "src/probes/ProbeKind.h"

namespace golive {

namespace {
constexpr struct {
    ProbeKind kind;
    const char *name;
} kindNames[] = {
    {ProbeKind::CohereChat, "cohere-chat"},     {ProbeKind::CohereEmbed, "cohere-embed"},
    {ProbeKind::CohereRerank, "cohere-rerank"}, {ProbeKind::TeamHealth, "team-health"},
    {ProbeKind::StatusPage, "status-page"},
};
} // namespace

QString probeKindName(ProbeKind kind)
{
    for (const auto &entry : kindNames) {
        if (entry.kind == kind)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<ProbeKind> probeKindFromName(const QString &name)
{
    for (const auto &entry : kindNames) {
        if (name == QLatin1String(entry.name))
            return entry.kind;
    }
    return std::nullopt;
}

bool isCohereKind(ProbeKind kind)
{
    return kind == ProbeKind::CohereChat || kind == ProbeKind::CohereEmbed ||
           kind == ProbeKind::CohereRerank;
}

ProbeStatus probeStatusOf(FailureKind failure)
{
    switch (outcomeOf(failure)) {
    case Outcome::Healthy:
        return ProbeStatus::Healthy;
    case Outcome::Degraded:
        return ProbeStatus::Degraded;
    case Outcome::Down:
        break;
    }
    return ProbeStatus::Down;
}

QString probeStatusName(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::Healthy:
        return QStringLiteral("healthy");
    case ProbeStatus::Degraded:
        return QStringLiteral("degraded");
    case ProbeStatus::Down:
        return QStringLiteral("down");
    case ProbeStatus::Skipped:
        return QStringLiteral("skipped");
    case ProbeStatus::Slow:
        return QStringLiteral("slow");
    case ProbeStatus::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

} // namespace golive
