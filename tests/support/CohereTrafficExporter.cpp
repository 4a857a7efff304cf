#include "CohereTrafficExporter.h"

#include <QLocale>

namespace golive::test {

namespace {

const QList<double> bucketBounds{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20};

QString boundText(double bound)
{
    return QString::number(bound, 'g', QLocale::FloatingPointShortest);
}

QString requests(const QString &pod, const QString &endpoint, const QString &code)
{
    return QStringLiteral("cohere_requests_total{pod=\"%1\",endpoint=\"%2\",code=\"%3\"}")
        .arg(pod, endpoint, code);
}

QString histogram(const QString &suffix, const QString &pod, const QString &endpoint,
                  const QString &le = QString())
{
    QString labels = QStringLiteral("pod=\"%1\",endpoint=\"%2\"").arg(pod, endpoint);
    if (!le.isEmpty())
        labels += QStringLiteral(",le=\"%1\"").arg(le);
    return QStringLiteral("cohere_request_duration_seconds%1{%2}").arg(suffix, labels);
}

} // namespace

CohereTrafficExporter::CohereTrafficExporter(QObject *parent) : QObject(parent)
{
    m_server.setHandler([this](const LoopbackRequest &request) {
        if (request.path != QLatin1String("/metrics"))
            return LoopbackResponse{404, {}, "not here\n"};
        LoopbackResponse response;
        response.headers = {{"Content-Type", "text/plain; version=0.0.4"}};
        response.body = exposition();
        ++m_scrapes;
        Q_EMIT scraped(m_scrapes);
        return response;
    });
}

bool CohereTrafficExporter::listen()
{
    return m_server.listen();
}

QUrl CohereTrafficExporter::url() const
{
    return m_server.url(QStringLiteral("/metrics"));
}

QString CohereTrafficExporter::target() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_server.port());
}

void CohereTrafficExporter::setPod(const QString &pod, const PodTraffic &traffic)
{
    m_pods.insert(pod, traffic);
}

void CohereTrafficExporter::advance(const QString &pod, const PodTraffic &traffic)
{
    const auto observe = [&](const QString &endpoint, int calls, double latencyS) {
        for (double bound : bucketBounds) {
            double &bucket =
                m_series[histogram(QStringLiteral("_bucket"), pod, endpoint, boundText(bound))];
            if (latencyS <= bound)
                bucket += calls;
        }
        m_series[histogram(QStringLiteral("_bucket"), pod, endpoint, QStringLiteral("+Inf"))] +=
            calls;
        m_series[histogram(QStringLiteral("_sum"), pod, endpoint)] += calls * latencyS;
        m_series[histogram(QStringLiteral("_count"), pod, endpoint)] += calls;
    };
    const QString chat = QStringLiteral("chat");
    m_series[requests(pod, chat, QStringLiteral("200"))] += traffic.chatOk;
    m_series[requests(pod, chat, QStringLiteral("500"))] += traffic.chatServerErrors;
    m_series[requests(pod, chat, QStringLiteral("429"))] += traffic.chatRateLimited;
    m_series[requests(pod, chat, QStringLiteral("401"))] += traffic.chatAuthFailures;
    m_series[requests(pod, chat, QStringLiteral("network"))] += 0;
    observe(chat,
            traffic.chatOk + traffic.chatServerErrors + traffic.chatRateLimited +
                traffic.chatAuthFailures,
            traffic.chatLatencyS);
    const QString embed = QStringLiteral("embed");
    m_series[requests(pod, embed, QStringLiteral("200"))] += traffic.embedOk;
    observe(embed, traffic.embedOk, traffic.embedLatencyS);
}

QByteArray CohereTrafficExporter::exposition()
{
    for (auto it = m_pods.cbegin(); it != m_pods.cend(); ++it) {
        // A pod's first scrape shows every series at 0; later scrapes add its traffic.
        const bool known =
            m_series.contains(requests(it.key(), QStringLiteral("chat"), QStringLiteral("200")));
        advance(it.key(), known ? it.value() : PodTraffic{0, 0, 0, 0, 0.2, 0, 0.05});
    }
    QByteArray body = "# TYPE cohere_requests_total counter\n"
                      "# TYPE cohere_request_duration_seconds histogram\n";
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
        body += it.key().toUtf8() + ' ' + QByteArray::number(it.value(), 'g', 17) + '\n';
    return body;
}

} // namespace golive::test
