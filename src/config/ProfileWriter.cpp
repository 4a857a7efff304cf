#include "src/config/ProfileWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace golive {

namespace {

// A JSON object whose members keep the order they were added in (QJsonObject sorts them).
struct Node {
    QString key;
    QJsonValue value;    // when the node is a leaf
    QList<Node> members; // when the node is an object
    bool isObject = false;

    Node &add(const QString &name, const QJsonValue &leaf)
    {
        members.append(Node{name, leaf, {}, false});
        return *this;
    }
    Node &add(Node child)
    {
        members.append(std::move(child));
        return *this;
    }
};

Node object(const QString &key)
{
    return Node{key, {}, {}, true};
}

QByteArray scalarText(const QJsonValue &value)
{
    if (value.isArray()) {
        QByteArrayList items;
        for (const QJsonValue &item : value.toArray())
            items.append(scalarText(item));
        return '[' + items.join(", ") + ']';
    }
    // QJsonDocument knows how to escape strings and print numbers; borrow it for one value.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

void write(QByteArray &out, const Node &node, int depth)
{
    const QByteArray indent(depth * 2, ' ');
    out += "{\n";
    for (qsizetype i = 0; i < node.members.size(); ++i) {
        const Node &member = node.members[i];
        out += indent + "  " + scalarText(QJsonValue(member.key)) + ": ";
        if (member.isObject)
            write(out, member, depth + 1);
        else
            out += scalarText(member.value);
        out += i + 1 < node.members.size() ? ",\n" : "\n";
    }
    out += indent + '}';
}

QJsonValue url(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}
QJsonValue list(const QStringList &strings)
{
    return QJsonArray::fromStringList(strings);
}

// `"pod_health": null` says "not probed" in the written profile as plainly as an absent key.
Node podHealthSection(const PodHealthEndpoint &endpoint)
{
    if (!endpoint.configured())
        return Node{QStringLiteral("pod_health"), QJsonValue(QJsonValue::Null), {}, false};
    return object(QStringLiteral("pod_health"))
        .add(QStringLiteral("port"), endpoint.port)
        .add(QStringLiteral("path"), endpoint.path);
}

Node timing(const QString &key, const ProbeTiming &probe)
{
    return object(key)
        .add(QStringLiteral("interval_s"), probe.intervalS)
        .add(QStringLiteral("timeout_ms"), probe.timeoutMs);
}

Node cohereSection(const Profile &profile)
{
    const CohereSettings &cohere = profile.cohere;
    const CohereProbeRequests &requests = profile.probeRequests;
    return object(QStringLiteral("cohere"))
        .add(QStringLiteral("base_url"), url(cohere.baseUrl))
        .add(object(QStringLiteral("models"))
                 .add(QStringLiteral("chat"), cohere.chatModel)
                 .add(QStringLiteral("embed"), cohere.embedModel)
                 .add(QStringLiteral("rerank"), cohere.rerankModel))
        .add(QStringLiteral("timeout_ms"), cohere.requestTimeoutMs)
        .add(QStringLiteral("max_response_bytes"), double(cohere.maxResponseBytes))
        .add(object(QStringLiteral("retry"))
                 .add(QStringLiteral("max_attempts"), cohere.retry.maxAttempts)
                 .add(QStringLiteral("base_delay_ms"), cohere.retry.baseDelayMs)
                 .add(QStringLiteral("max_delay_ms"), cohere.retry.maxDelayMs)
                 .add(QStringLiteral("total_budget_ms"), cohere.retry.totalBudgetMs))
        .add(object(QStringLiteral("circuit_breaker"))
                 .add(QStringLiteral("failure_threshold"), cohere.breaker.failureThreshold)
                 .add(QStringLiteral("reset_ms"), cohere.breaker.resetMs))
        .add(object(QStringLiteral("chat"))
                 .add(QStringLiteral("message"), requests.chatMessage)
                 .add(QStringLiteral("max_tokens"), requests.chatMaxTokens))
        .add(object(QStringLiteral("embed"))
                 .add(QStringLiteral("input_type"), cohere.embedInputType)
                 .add(QStringLiteral("embedding_types"), list(cohere.embeddingTypes))
                 .add(QStringLiteral("texts"), list(requests.embedTexts)))
        .add(object(QStringLiteral("rerank"))
                 .add(QStringLiteral("query"), requests.rerankQuery)
                 .add(QStringLiteral("documents"), list(requests.rerankDocuments)));
}

Node alertsSection(const AlertThresholds &alerts)
{
    Node prices = object(QStringLiteral("prices"));
    for (auto it = alerts.prices.cbegin(); it != alerts.prices.cend(); ++it)
        prices.add(object(it.key())
                       .add(QStringLiteral("input_per_mtok"), it->inputPerMTok)
                       .add(QStringLiteral("output_per_mtok"), it->outputPerMTok)
                       .add(QStringLiteral("search_unit"), it->perSearchUnit));
    return object(QStringLiteral("alerts"))
        .add(QStringLiteral("unreachable_consecutive_failures"),
             alerts.unreachableConsecutiveFailures)
        .add(QStringLiteral("error_rate_5xx_percent"), alerts.errorRate5xxPercent)
        .add(QStringLiteral("error_rate_window_s"), alerts.errorRateWindowS)
        .add(QStringLiteral("rate_limited_per_min"), alerts.rateLimitedPerMin)
        .add(QStringLiteral("chat_p95_alert_ms"), alerts.chatP95AlertMs)
        .add(QStringLiteral("latency_window_s"), alerts.latencyWindowS)
        .add(QStringLiteral("auth_failure_any"), alerts.authFailureAny)
        .add(QStringLiteral("budget_daily_usd"), alerts.budgetDailyUsd)
        .add(QStringLiteral("prices_verified"), alerts.pricesVerified)
        .add(std::move(prices));
}

Node prometheusSection(const PrometheusSettings &prometheus)
{
    Node headers = object(QStringLiteral("headers"));
    for (const auto &[name, value] : prometheus.headers)
        headers.add(name, value);
    Node queries = object(QStringLiteral("queries"));
    for (const auto &[key, query] : prometheus.queries.named())
        queries.add(key, query);
    return object(QStringLiteral("prometheus"))
        .add(QStringLiteral("url"), url(prometheus.url))
        .add(QStringLiteral("bearer_token_env"), prometheus.bearerTokenEnv)
        .add(std::move(headers))
        .add(QStringLiteral("version_matcher"), prometheus.versionMatcher)
        .add(QStringLiteral("alert_matcher"), prometheus.alertMatcher)
        .add(QStringLiteral("window"), prometheus.window)
        .add(QStringLiteral("timeout_ms"), prometheus.timeoutMs)
        .add(std::move(queries));
}

} // namespace

QByteArray ProfileWriter::toJson(const Profile &profile)
{
    Node root = object(QString());
    root.add(QStringLiteral("version"), 1)
        .add(cohereSection(profile))
        .add(object(QStringLiteral("health"))
                 .add(QStringLiteral("staging"), url(profile.health.staging))
                 .add(QStringLiteral("production"), url(profile.health.production)))
        .add(object(QStringLiteral("status_page"))
                 .add(QStringLiteral("url"), url(profile.statusPage.url)))
        .add(object(QStringLiteral("probes"))
                 .add(timing(QStringLiteral("health"), profile.probes.health))
                 .add(timing(QStringLiteral("chat"), profile.probes.chat))
                 .add(timing(QStringLiteral("embed"), profile.probes.embed))
                 .add(timing(QStringLiteral("rerank"), profile.probes.rerank))
                 .add(timing(QStringLiteral("status_page"), profile.probes.statusPage)))
        .add(alertsSection(profile.alerts))
        .add(object(QStringLiteral("gates"))
                 .add(QStringLiteral("chat_p95_ms"), profile.gates.chatP95Ms)
                 .add(QStringLiteral("embed_p95_ms"), profile.gates.embedP95Ms)
                 .add(QStringLiteral("rerank_p95_ms"), profile.gates.rerankP95Ms))
        .add(object(QStringLiteral("canary"))
                 .add(QStringLiteral("watch_minutes"), profile.canary.watchMinutes)
                 .add(QStringLiteral("auto_rollback"), profile.canary.autoRollback)
                 .add(podHealthSection(profile.canary.podHealth))
                 .add(QStringLiteral("grace_s"), profile.canary.graceSeconds)
                 .add(QStringLiteral("health_failure_tolerance_percent"),
                      profile.canary.healthFailureTolerancePercent)
                 .add(QStringLiteral("health_latency_factor"), profile.canary.healthLatencyFactor)
                 .add(QStringLiteral("min_samples"), profile.canary.minSamples))
        .add(object(QStringLiteral("evidence"))
                 .add(QStringLiteral("source_dirs"), list(profile.evidence.sourceDirs))
                 .add(QStringLiteral("max_age_minutes"), profile.evidence.maxAgeMinutes))
        .add(QStringLiteral("runbook"), profile.runbookPath)
        .add(object(QStringLiteral("kubectl"))
                 .add(QStringLiteral("path"), profile.kubectl.path)
                 .add(QStringLiteral("kubeconfig"), profile.kubectl.kubeconfig)
                 .add(QStringLiteral("context"), profile.kubectl.context)
                 .add(QStringLiteral("namespace"), profile.kubectl.namespaceName)
                 .add(QStringLiteral("deployment"), profile.kubectl.deployment)
                 .add(QStringLiteral("manifest"), profile.kubectl.manifest)
                 .add(QStringLiteral("step_timeout_s"), profile.kubectl.stepTimeoutSeconds))
        .add(prometheusSection(profile.prometheus));
    QByteArray out;
    write(out, root, 0);
    out += '\n';
    return out;
}

} // namespace golive
