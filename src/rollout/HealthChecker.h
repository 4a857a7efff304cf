#pragma once

#include "common/Error.h"
#include "config/HealthSettings.h"
#include "config/StatusPageSettings.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace golive {

// Answers the runbook's health questions ("staging", "production", "status-page") and its
// preconditions ("staging-health", "status-page"): `done` is called exactly once, with nullopt
// for healthy or an Error saying what is wrong.
class HealthChecker {
public:
    virtual ~HealthChecker() = default;
    virtual void check(const QString &target, std::function<void(Status)> done) = 0;
};

// A deliberately small checker: one GET per question. The team health URL must answer
// `cohere.status == "healthy"`; the status page's `status.indicator` must be "none" or "minor".
// The probes domain has the full parsers; the wiring may swap this for a checker built on them.
class HttpHealthChecker : public QObject, public HealthChecker {
    Q_OBJECT
public:
    HttpHealthChecker(QNetworkAccessManager &network, HealthSettings health,
                      StatusPageSettings statusPage, int timeoutMs = 10'000,
                      QObject *parent = nullptr);

    void check(const QString &target, std::function<void(Status)> done) override;

    // The verdict on one answer, for the team health endpoint or the status page.
    static Status judgeHealthBody(const QByteArray &body);
    static Status judgeStatusPageBody(const QByteArray &body);

private:
    QNetworkAccessManager &m_network;
    HealthSettings m_health;
    StatusPageSettings m_statusPage;
    int m_timeoutMs;
};

} // namespace golive
