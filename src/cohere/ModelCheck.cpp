#include "src/cohere/ModelCheck.h"
#include "src/common/ErrorKind.h"

#include "src/cohere/CohereCall.h"
#include "src/cohere/CohereClient.h"

namespace golive {

namespace {

QString describeMs(std::chrono::milliseconds timeout)
{
    const auto ms = timeout.count();
    if (ms % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms / 1000);
    return QStringLiteral("%1 ms").arg(ms);
}

} // namespace

ModelCheck::ModelCheck(CohereClient &client, QObject *parent) : QObject(parent), m_client(client)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finishWith(Error{QStringLiteral("timeout"),
                         QStringLiteral("Cohere's model list did not arrive within %1.")
                             .arg(describeMs(m_timeout))});
    });
}

void ModelCheck::start()
{
    start(m_client.settings());
}

void ModelCheck::start(const CohereSettings &settings)
{
    if (m_running) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                Q_EMIT failed(Error{QStringLiteral("busy"),
                                    QStringLiteral("The model list is still being read.")});
            },
            Qt::QueuedConnection);
        return;
    }
    m_running = true;
    m_settings = settings;
    m_catalogue = ModelCatalogue();
    m_pages = 0;
    m_deadline.start(m_timeout);
    requestPage({});
}

void ModelCheck::cancel()
{
    if (!m_running)
        return;
    finishWith(Error{errorkind::cancelled, QStringLiteral("The model check was cancelled.")});
}

void ModelCheck::requestPage(const QString &pageToken)
{
    ++m_pages;
    m_call = m_client.listModels(pageToken);
    connect(m_call, &CohereCall::finished, this, &ModelCheck::onPage);
}

void ModelCheck::onPage(const CohereOutcome &outcome)
{
    m_call = nullptr;
    if (!m_running)
        return;
    if (!outcome.ok()) {
        finishWith(
            Error{QStringLiteral("models-unavailable"),
                  QStringLiteral("Could not read Cohere's model list: %1").arg(outcome.message)});
        return;
    }
    Result<ModelCatalogue> page = ModelCatalogue::fromJson(outcome.body);
    if (!page) {
        finishWith(Error{
            QStringLiteral("models-unreadable"),
            QStringLiteral("Cohere's model list could not be read: %1").arg(page.error().message)});
        return;
    }
    m_catalogue.append(page.value());
    // Past MaxPages the warnings say that only part of the list was read.
    if (m_catalogue.complete() || m_pages >= MaxPages) {
        finishWithCatalogue();
        return;
    }
    requestPage(m_catalogue.nextPageToken());
}

void ModelCheck::finishWithCatalogue()
{
    const QList<ModelWarning> warnings = m_catalogue.warnings(m_settings);
    stop();
    Q_EMIT checked(warnings);
}

void ModelCheck::finishWith(const Error &error)
{
    stop();
    Q_EMIT failed(error);
}

void ModelCheck::stop()
{
    m_running = false;
    m_deadline.stop();
    if (m_call) {
        CohereCall *call = m_call;
        m_call = nullptr;
        disconnect(call, nullptr, this, nullptr);
        call->cancel();
    }
}

} // namespace golive
