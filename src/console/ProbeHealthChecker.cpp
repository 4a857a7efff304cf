#include "src/console/ProbeHealthChecker.h"

#include "src/common/ProbeNames.h"
#include "src/common/UrlText.h"
#include "src/probes/ProbeRun.h"
#include "src/probes/ProbeRunner.h"

namespace golive {

namespace {

QString probeNameFor(const QString &target)
{
    if (target == QLatin1String("staging") || target == QLatin1String("staging-health"))
        return QString::fromLatin1(probename::healthStaging);
    if (target == QLatin1String("production") || target == QLatin1String("production-health"))
        return QString::fromLatin1(probename::healthProduction);
    if (target == QLatin1String("status-page"))
        return QString::fromLatin1(probename::statusPage);
    return {};
}

Status verdictOf(const ProbeResult &result)
{
    const bool statusPage = result.kind == ProbeKind::StatusPage;
    // The seed's pre-flight accepts a status page that reports a minor incident. A page golive
    // could not reach or read says nothing about Cohere, so it does not fail the pre-flight by
    // itself either (the Cohere and health checks decide).
    if (result.status == ProbeStatus::Healthy ||
        (statusPage &&
         (result.status == ProbeStatus::Degraded || result.status == ProbeStatus::Unknown)))
        return std::nullopt;
    return Error{QStringLiteral("unhealthy"),
                 QStringLiteral("%1 is %2: %3")
                     .arg(displayUrl(result.target), probeStatusName(result.status),
                          result.error.isEmpty() ? result.detail : result.error)};
}

} // namespace

ProbeHealthChecker::ProbeHealthChecker(ProbeRunner &runner, QList<ProbeSpec> specs)
    : m_runner(runner), m_specs(std::move(specs))
{
}

void ProbeHealthChecker::check(const QString &target, std::function<void(Status)> done)
{
    const QString name = probeNameFor(target);
    for (const ProbeSpec &spec : std::as_const(m_specs)) {
        if (spec.name != name)
            continue;
        ProbeRun *run = m_runner.run(spec);
        QObject::connect(run, &ProbeRun::finished, run,
                         [done](const ProbeResult &result) { done(verdictOf(result)); });
        return;
    }
    done(Error{QStringLiteral("not-configured"),
               name.isEmpty()
                   ? QStringLiteral("Unknown health check '%1'.").arg(target)
                   : QStringLiteral("No URL is configured for the '%1' health check (see the "
                                    "profile's health.* and status_page.url).")
                         .arg(target)});
}

} // namespace golive
