#pragma once

#include "FakeCohereFault.h"
#include "LoopbackHttpServer.h"

#include <QJsonArray>
#include <QQueue>

namespace golive::test {

// A loopback stand-in for api.cohere.com following cohere-openapi.yaml for POST /v2/chat,
// /v2/embed, /v2/rerank, /v1/check-api-key and GET /v1/models: it checks the Bearer key and each
// request's required fields (401 / 400 with Cohere's {"message": ...} body otherwise), records
// every request, and plays queued faults (FakeCohereFault) one per request. Chat answers
// finish_reason MAX_TOKENS (a one-token probe); reasoning models think (and bill it) unless told
// not to. GET /v1/models honours page_size and page_token.
class FakeCohereServer : public QObject {
    Q_OBJECT
public:
    static constexpr auto defaultKey = "fake-cohere-key-7f3a9c";
    // What a reasoning model (a name with "reasoning") bills for thinking on a one-token chat,
    // unless the request sends thinking {"type": "disabled"}.
    static constexpr int thinkingTokens = 250;

    explicit FakeCohereServer(QString validKey = QString::fromLatin1(defaultKey),
                              QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl url(const QString &path = {}) const { return m_http.url(path); }
    quint16 port() const { return m_http.port(); }
    LoopbackHttpServer &http() { return m_http; }

    void enqueue(FakeCohereFault fault);
    int pendingFaults() const { return int(m_faults.size()); }

    // GET /v1/models answers these ({name, is_deprecated, endpoints}); pageSize > 0 splits them
    // into pages linked by next_page_token.
    void setModels(QJsonArray models, int pageSize = 0);
    static QJsonArray defaultModels();

    const QList<LoopbackRequest> &requests() const { return m_http.requests(); }

private:
    LoopbackResponse handle(const LoopbackRequest &request);
    LoopbackResponse answer(const LoopbackRequest &request) const;
    std::optional<QString> missingField(const QString &path, const QJsonObject &body) const;
    LoopbackResponse models(const LoopbackRequest &request) const;

    LoopbackHttpServer m_http;
    QString m_validKey;
    QQueue<FakeCohereFault> m_faults;
    QJsonArray m_models;
    int m_pageSize = 0;
};

} // namespace golive::test
