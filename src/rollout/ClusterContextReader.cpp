#include "src/rollout/ClusterContextReader.h"

#include "src/rollout/ArgumentTemplate.h"
#include "src/rollout/KubectlRunner.h"

namespace golive {

namespace {

const QString kNamespacePath = QStringLiteral("jsonpath={.contexts[0].context.namespace}");

} // namespace

ClusterContextReader::ClusterContextReader(KubectlSettings settings, const Clock &clock,
                                           QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_runner(new KubectlRunner(clock, this))
{
    connect(m_runner, &KubectlRunner::finished, this, &ClusterContextReader::onRunFinished);
}

bool ClusterContextReader::isProductionContext(const QString &name) const
{
    for (const QString &marker : m_productionMarkers) {
        if (!marker.isEmpty() && name.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void ClusterContextReader::read()
{
    if (isReading())
        return;
    m_result = ClusterContext{};
    m_result.profileContext = m_settings.context;
    m_result.profileNamespace = m_settings.namespaceName;
    m_result.production = isProductionContext(m_settings.context);
    runPhase(Phase::CurrentContext);
}

void ClusterContextReader::cancel()
{
    m_runner->cancel();
}

void ClusterContextReader::runPhase(Phase phase)
{
    m_phase = phase;
    QStringList args;
    switch (phase) {
    case Phase::CurrentContext:
        args = {QStringLiteral("config"), QStringLiteral("current-context")};
        break;
    case Phase::CurrentNamespace:
        if (m_result.currentContext.isEmpty())
            return runPhase(Phase::ProfileNamespace);
        args = {QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--minify"),
                QStringLiteral("-o"), kNamespacePath};
        break;
    case Phase::ProfileNamespace:
        if (const Status e = ArgumentTemplate::checkContext(m_settings.context); e.failed()) {
            m_result.warnings << e->message;
            return finish();
        }
        args = {QStringLiteral("config"),
                QStringLiteral("view"),
                QStringLiteral("--minify"),
                QStringLiteral("--context"),
                m_settings.context,
                QStringLiteral("-o"),
                kNamespacePath};
        break;
    case Phase::Idle:
        return;
    }
    if (!m_settings.kubeconfig.isEmpty()) {
        const auto kubeconfig = ArgumentTemplate::resolveExistingFile(
            QStringLiteral("kubectl.kubeconfig"), m_settings.kubeconfig);
        if (!kubeconfig) {
            m_result.error = kubeconfig.error().message;
            return finish();
        }
        args << QStringLiteral("--kubeconfig") << kubeconfig.value();
    }
    if (const Status e = m_runner->start(m_settings.path, args, kTimeoutMs); e.failed()) {
        m_result.error = e->message;
        finish();
    }
}

void ClusterContextReader::onRunFinished(const KubectlRun &run)
{
    const QString out = run.stdoutText.trimmed();
    switch (m_phase) {
    case Phase::CurrentContext:
        if (run.ok()) {
            m_result.currentContext = out;
        } else if (!run.stderrText.contains(QLatin1String("current-context is not set"))) {
            m_result.error = run.message;
            return finish();
        }
        return runPhase(Phase::CurrentNamespace);
    case Phase::CurrentNamespace:
        if (run.ok())
            m_result.currentNamespace = out;
        else if (run.outcome == KubectlOutcome::Cancelled)
            return finish();
        return runPhase(Phase::ProfileNamespace);
    case Phase::ProfileNamespace:
        if (run.ok()) {
            m_result.profileContextExists = true;
            m_result.profileContextNamespace = out;
        } else {
            m_result.warnings << run.message;
        }
        return finish();
    case Phase::Idle:
        return;
    }
}

void ClusterContextReader::finish()
{
    ClusterContext &r = m_result;
    r.contextMismatch = !r.currentContext.isEmpty() && r.currentContext != r.profileContext;
    if (r.contextMismatch)
        r.warnings.prepend(QStringLiteral("kubectl's current context is \"%1\" but the profile "
                                          "uses \"%2\"; golive passes --context %2 on every call.")
                               .arg(r.currentContext, r.profileContext));
    if (r.profileContextExists && !r.profileContextNamespace.isEmpty() &&
        r.profileContextNamespace != r.profileNamespace)
        r.warnings << QStringLiteral("The kubeconfig sets namespace \"%1\" for \"%2\" but the "
                                     "profile uses \"%3\"; golive passes --namespace %3.")
                          .arg(r.profileContextNamespace, r.profileContext, r.profileNamespace);
    m_phase = Phase::Idle;
    const ClusterContext result = m_result;
    Q_EMIT contextRead(result);
}

} // namespace golive
