#pragma once

#include "src/cohere/ModelCatalogue.h"
#include "src/common/Error.h"
#include "src/config/CohereSettings.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace golive {

class CohereCall;
class CohereClient;
struct CohereOutcome;

// Reads the models the current key may use (GET /v1/models, every page up to MaxPages) and says
// what that means for the profile's chat, embed and rerank models (ModelCatalogue::warnings).
//
// start() reports exactly once, always after it returned: checked() with the warnings (empty
// when every configured model is fine) or failed(Error). The whole read, all pages included, has
// one timeout; cancel() ends it with failed(kind "cancelled"). One check at a time: start() while
// one runs fails with kind "busy".
class ModelCheck : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultTimeout{30000};
    // Cohere lists a few dozen models; a token chain longer than this is a server bug.
    static constexpr int MaxPages = 20;

    explicit ModelCheck(CohereClient &client, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    bool isRunning() const { return m_running; }

    // Checks the client's current settings.
    void start();
    void start(const CohereSettings &settings);
    void cancel();

Q_SIGNALS:
    void checked(const QList<golive::ModelWarning> &warnings);
    void failed(const golive::Error &error);

private:
    void requestPage(const QString &pageToken);
    void onPage(const CohereOutcome &outcome);
    void finishWith(const Error &error);
    void finishWithCatalogue();
    void stop();

    CohereClient &m_client;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    CohereSettings m_settings;
    ModelCatalogue m_catalogue;
    QPointer<CohereCall> m_call;
    QTimer m_deadline;
    int m_pages = 0;
    bool m_running = false;
};

} // namespace golive
