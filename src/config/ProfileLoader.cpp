#include "src/config/ProfileLoader.h"

#include "src/common/AtomicFile.h"
#include "src/common/JsonObjectReader.h"
#include "src/config/ProfileValidation.h"
#include "src/config/ProfileWriter.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStandardPaths>

namespace golive {

namespace {

constexpr int maxProbeTextChars = 1000;
constexpr int maxRerankDocuments = 1000; // the seed: "Rerank calls limited to 1000 documents"
constexpr int maxEmbedTexts = 96;        // the seed: "batched (up to 96 texts per request)"
constexpr int currentVersion = 1;

using Check = JsonObjectReader::Check;

Check emptyOr(std::optional<QString> (*check)(const QString &))
{
    return [check](const QString &value) -> std::optional<QString> {
        if (value.isEmpty())
            return std::nullopt;
        return check(value);
    };
}

Check probeTextCheck()
{
    return [](const QString &text) { return validation::probeText(text, maxProbeTextChars); };
}

void readTiming(JsonObjectReader &probes, const QString &key, ProbeTiming &timing)
{
    if (auto probe = probes.object(key)) {
        probe->readInt(QStringLiteral("interval_s"), timing.intervalS, 1, 86'400);
        probe->readInt(QStringLiteral("timeout_ms"), timing.timeoutMs, 100, 600'000);
        probe->reportUnknownKeys();
    }
}

void readCohere(JsonObjectReader &cohereSection, CohereSettings &cohere,
                CohereProbeRequests &requests)
{
    cohereSection.readUrl(QStringLiteral("base_url"), cohere.baseUrl, false);
    if (auto models = cohereSection.object(QStringLiteral("models"))) {
        models->readString(QStringLiteral("chat"), cohere.chatModel, validation::modelId);
        models->readString(QStringLiteral("embed"), cohere.embedModel, validation::modelId);
        models->readString(QStringLiteral("rerank"), cohere.rerankModel, validation::modelId);
        models->reportUnknownKeys();
    }
    cohereSection.readInt(QStringLiteral("timeout_ms"), cohere.requestTimeoutMs, 1'000, 600'000);
    cohereSection.readInt64(QStringLiteral("max_response_bytes"), cohere.maxResponseBytes, 1024,
                            64 * 1024 * 1024);
    if (auto retry = cohereSection.object(QStringLiteral("retry"))) {
        retry->readInt(QStringLiteral("max_attempts"), cohere.retry.maxAttempts, 1, 10);
        retry->readInt(QStringLiteral("base_delay_ms"), cohere.retry.baseDelayMs, 0, 60'000);
        retry->readInt(QStringLiteral("max_delay_ms"), cohere.retry.maxDelayMs, 0, 300'000);
        retry->readInt(QStringLiteral("total_budget_ms"), cohere.retry.totalBudgetMs, 0, 600'000);
        retry->reportUnknownKeys();
    }
    if (auto breaker = cohereSection.object(QStringLiteral("circuit_breaker"))) {
        breaker->readInt(QStringLiteral("failure_threshold"), cohere.breaker.failureThreshold, 1,
                         100);
        breaker->readInt(QStringLiteral("reset_ms"), cohere.breaker.resetMs, 1'000, 3'600'000);
        breaker->reportUnknownKeys();
    }
    if (auto chat = cohereSection.object(QStringLiteral("chat"))) {
        chat->readString(QStringLiteral("message"), requests.chatMessage, probeTextCheck());
        chat->readInt(QStringLiteral("max_tokens"), requests.chatMaxTokens, 1, 100);
        chat->reportUnknownKeys();
    }
    if (auto embed = cohereSection.object(QStringLiteral("embed"))) {
        embed->readString(QStringLiteral("input_type"), cohere.embedInputType,
                          validation::embedInputType);
        embed->readStringList(QStringLiteral("embedding_types"), cohere.embeddingTypes, 1, 6,
                              validation::embeddingType);
        embed->readStringList(QStringLiteral("texts"), requests.embedTexts, 1, maxEmbedTexts,
                              probeTextCheck());
        embed->reportUnknownKeys();
    }
    if (auto rerank = cohereSection.object(QStringLiteral("rerank"))) {
        rerank->readString(QStringLiteral("query"), requests.rerankQuery, probeTextCheck());
        rerank->readStringList(QStringLiteral("documents"), requests.rerankDocuments, 1,
                               maxRerankDocuments, probeTextCheck());
        rerank->reportUnknownKeys();
    }
    cohereSection.reportUnknownKeys();
}

// Entries merge over the defaults: pricing one new model keeps every other default price.
void readPrices(JsonObjectReader &pricesSection, QMap<QString, ModelPrice> &prices)
{
    QMap<QString, ModelPrice> &table = prices;
    for (const QString &model : pricesSection.memberKeys()) {
        if (const auto problem = validation::modelId(model)) {
            pricesSection.addProblem(model, *problem);
            continue;
        }
        auto entry = pricesSection.object(model);
        if (!entry)
            continue;
        ModelPrice price;
        // Every price is required: a forgotten one would silently count as free.
        for (const QString &key :
             {QStringLiteral("input_per_mtok"), QStringLiteral("output_per_mtok"),
              QStringLiteral("search_unit")}) {
            if (!entry->contains(key))
                entry->addProblem(key, QStringLiteral("missing (write 0 if the model has no "
                                                      "such charge)"));
        }
        entry->readDouble(QStringLiteral("input_per_mtok"), price.inputPerMTok, 0, 10'000);
        entry->readDouble(QStringLiteral("output_per_mtok"), price.outputPerMTok, 0, 10'000);
        entry->readDouble(QStringLiteral("search_unit"), price.perSearchUnit, 0, 10'000);
        entry->reportUnknownKeys();
        table.insert(model, price);
    }
}

void readAlerts(JsonObjectReader &alertsSection, AlertThresholds &alerts)
{
    alertsSection.readInt(QStringLiteral("unreachable_consecutive_failures"),
                          alerts.unreachableConsecutiveFailures, 1, 1'000);
    alertsSection.readDouble(QStringLiteral("error_rate_5xx_percent"), alerts.errorRate5xxPercent,
                             0, 100);
    alertsSection.readInt(QStringLiteral("error_rate_window_s"), alerts.errorRateWindowS, 10,
                          86'400);
    alertsSection.readInt(QStringLiteral("rate_limited_per_min"), alerts.rateLimitedPerMin, 0,
                          1'000'000);
    alertsSection.readInt(QStringLiteral("chat_p95_alert_ms"), alerts.chatP95AlertMs, 1, 600'000);
    alertsSection.readInt(QStringLiteral("latency_window_s"), alerts.latencyWindowS, 10, 86'400);
    alertsSection.readBool(QStringLiteral("auth_failure_any"), alerts.authFailureAny);
    alertsSection.readDouble(QStringLiteral("budget_daily_usd"), alerts.budgetDailyUsd, 0,
                             10'000'000);
    alertsSection.readBool(QStringLiteral("prices_verified"), alerts.pricesVerified);
    if (auto prices = alertsSection.object(QStringLiteral("prices")))
        readPrices(*prices, alerts.prices);
    alertsSection.reportUnknownKeys();
}

void readKubectl(JsonObjectReader &kubectlSection, KubectlSettings &kubectl)
{
    kubectlSection.readString(QStringLiteral("path"), kubectl.path,
                              emptyOr(validation::executablePath));
    // A bare program name is looked up on PATH now, so a profile that loads runs the same
    // kubectl later (never a lookup that first fails at run time).
    if (!kubectl.path.isEmpty() && !kubectl.path.contains(QLatin1Char('/'))) {
        const QString found = QStandardPaths::findExecutable(kubectl.path);
        if (found.isEmpty())
            kubectlSection.addProblem(QStringLiteral("path"),
                                      QStringLiteral("no program \"%1\" on PATH; give kubectl's "
                                                     "absolute path")
                                          .arg(kubectl.path));
        else
            kubectl.path = found;
    }
    kubectlSection.readString(QStringLiteral("kubeconfig"), kubectl.kubeconfig,
                              emptyOr(validation::filePath));
    kubectlSection.readString(QStringLiteral("context"), kubectl.context,
                              emptyOr(validation::kubeContext));
    kubectlSection.readString(QStringLiteral("namespace"), kubectl.namespaceName,
                              emptyOr(validation::kubernetesName));
    kubectlSection.readString(QStringLiteral("deployment"), kubectl.deployment,
                              emptyOr(validation::kubernetesName));
    kubectlSection.readString(QStringLiteral("manifest"), kubectl.manifest,
                              emptyOr(validation::filePath));
    kubectlSection.readInt(QStringLiteral("step_timeout_s"), kubectl.stepTimeoutSeconds, 1, 86'400);
    kubectlSection.reportUnknownKeys();
}

void readPrometheus(JsonObjectReader &section, PrometheusSettings &prometheus)
{
    section.readUrl(QStringLiteral("url"), prometheus.url, true);
    section.readString(QStringLiteral("bearer_token_env"), prometheus.bearerTokenEnv,
                       emptyOr(validation::tokenEnvironmentVariable));
    if (auto headers = section.object(QStringLiteral("headers"))) {
        QList<std::pair<QString, QString>> read;
        for (const QString &name : headers->memberKeys()) {
            if (const auto problem = validation::extraHeaderName(name)) {
                headers->addProblem(name, *problem);
                continue;
            }
            QString value;
            headers->readString(name, value, validation::extraHeaderValue);
            read.append({name, value});
        }
        prometheus.headers = read;
    }
    const QStringList matcherPlaceholders{QStringLiteral("${pods}"),
                                          QStringLiteral("${pod_template_hash}")};
    section.readString(QStringLiteral("version_matcher"), prometheus.versionMatcher,
                       [&](const QString &matcher) -> std::optional<QString> {
                           if (auto problem =
                                   validation::promqlTemplate(matcher, matcherPlaceholders, {}))
                               return problem;
                           if (!matcher.contains(matcherPlaceholders[0]) &&
                               !matcher.contains(matcherPlaceholders[1]))
                               return QStringLiteral("must contain ${pods} or "
                                                     "${pod_template_hash}, or every version "
                                                     "selects the same series");
                           return std::nullopt;
                       });
    section.readString(QStringLiteral("alert_matcher"), prometheus.alertMatcher,
                       emptyOr([](const QString &matcher) {
                           return validation::promqlTemplate(matcher, {}, {});
                       }));
    section.readString(QStringLiteral("window"), prometheus.window, validation::promDuration);
    section.readInt(QStringLiteral("timeout_ms"), prometheus.timeoutMs, 100, 300'000);
    if (auto queries = section.object(QStringLiteral("queries"))) {
        const QStringList placeholders{QStringLiteral("${version}"), QStringLiteral("${window}")};
        const auto perVersion = [&](const QString &text) {
            return validation::promqlTemplate(text, placeholders, {placeholders[0]});
        };
        PrometheusQueries &q = prometheus.queries;
        queries->readString(QStringLiteral("requests_per_s"), q.requestsPerS, perVersion);
        queries->readString(QStringLiteral("errors_5xx_per_s"), q.errors5xxPerS, perVersion);
        queries->readString(QStringLiteral("rate_limited_per_s"), q.rateLimitedPerS, perVersion);
        queries->readString(QStringLiteral("auth_failures_per_s"), q.authFailuresPerS, perVersion);
        queries->readString(QStringLiteral("unreachable_per_s"), q.unreachablePerS, perVersion);
        queries->readString(QStringLiteral("chat_p95_s"), q.chatP95S, perVersion);
        queries->readString(QStringLiteral("embed_p95_s"), q.embedP95S, perVersion);
        queries->readString(QStringLiteral("rerank_p95_s"), q.rerankP95S, perVersion);
        queries->readString(QStringLiteral("cost_usd_per_day"), q.costUsdPerDay,
                            [&](const QString &text) -> std::optional<QString> {
                                if (text.isEmpty())
                                    return std::nullopt;
                                return validation::promqlTemplate(text, placeholders, {});
                            });
        queries->reportUnknownKeys();
    }
    section.reportUnknownKeys();
}

// Rules that tie two fields together. Checked only when every field read cleanly, so that a
// typo in one field does not also produce a confusing complaint about its neighbour.
void checkConsistency(const Profile &profile, QStringList &problems)
{
    const RetrySettings &retry = profile.cohere.retry;
    if (retry.maxDelayMs < retry.baseDelayMs)
        problems.append(QStringLiteral("cohere.retry.max_delay_ms: %1 is below "
                                       "cohere.retry.base_delay_ms (%2)")
                            .arg(retry.maxDelayMs)
                            .arg(retry.baseDelayMs));

    // A probe cut off before the threshold can never measure a latency above it.
    const auto timeoutAbove = [&](const QString &probe, int timeoutMs, const QString &limitName,
                                  int limitMs) {
        if (timeoutMs <= limitMs)
            problems.append(QStringLiteral("probes.%1.timeout_ms: %2 must be above %3 (%4), or "
                                           "a probe is cut off before it could cross it")
                                .arg(probe)
                                .arg(timeoutMs)
                                .arg(limitName)
                                .arg(limitMs));
    };
    timeoutAbove(QStringLiteral("chat"), profile.probes.chat.timeoutMs,
                 QStringLiteral("alerts.chat_p95_alert_ms"), profile.alerts.chatP95AlertMs);
    timeoutAbove(QStringLiteral("chat"), profile.probes.chat.timeoutMs,
                 QStringLiteral("gates.chat_p95_ms"), profile.gates.chatP95Ms);
    timeoutAbove(QStringLiteral("embed"), profile.probes.embed.timeoutMs,
                 QStringLiteral("gates.embed_p95_ms"), profile.gates.embedP95Ms);
    timeoutAbove(QStringLiteral("rerank"), profile.probes.rerank.timeoutMs,
                 QStringLiteral("gates.rerank_p95_ms"), profile.gates.rerankP95Ms);

    // A model without a price does not block probing: the budget rule says it cannot price it
    // (AlertRule::notes) and leaves its calls out rather than counting them as free.
}

QString lineAndColumn(const QByteArray &json, int offset)
{
    const QByteArray before = json.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

Error invalid(const QString &source, const QString &what)
{
    return Error{QStringLiteral("profile-invalid"), QStringLiteral("%1 %2").arg(source, what)};
}

Result<Profile> parse(const QByteArray &json, const QString &source)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(source,
                       QStringLiteral("is not valid JSON: %1 at %2.")
                           .arg(parseError.errorString(), lineAndColumn(json, parseError.offset)));
    if (!document.isObject())
        return invalid(source, QStringLiteral("must be a JSON object ({ ... }), found %1.")
                                   .arg(document.isArray() ? QStringLiteral("an array")
                                                           : QStringLiteral("nothing")));

    QStringList problems;
    Profile profile;
    JsonObjectReader root(document.object(), QString(), &problems);
    int version = currentVersion;
    root.readInt(QStringLiteral("version"), version, 0, 1'000'000);
    if (version != currentVersion)
        root.addProblem(QStringLiteral("version"),
                        QStringLiteral("this golive reads profile version %1, found %2")
                            .arg(currentVersion)
                            .arg(version));
    if (auto cohere = root.object(QStringLiteral("cohere")))
        readCohere(*cohere, profile.cohere, profile.probeRequests);
    if (auto health = root.object(QStringLiteral("health"))) {
        health->readUrl(QStringLiteral("staging"), profile.health.staging, true);
        health->readUrl(QStringLiteral("production"), profile.health.production, true);
        health->reportUnknownKeys();
    }
    if (auto statusPage = root.object(QStringLiteral("status_page"))) {
        statusPage->readUrl(QStringLiteral("url"), profile.statusPage.url, true);
        statusPage->reportUnknownKeys();
    }
    if (auto probes = root.object(QStringLiteral("probes"))) {
        readTiming(*probes, QStringLiteral("health"), profile.probes.health);
        readTiming(*probes, QStringLiteral("chat"), profile.probes.chat);
        readTiming(*probes, QStringLiteral("embed"), profile.probes.embed);
        readTiming(*probes, QStringLiteral("rerank"), profile.probes.rerank);
        readTiming(*probes, QStringLiteral("status_page"), profile.probes.statusPage);
        probes->reportUnknownKeys();
    }
    if (auto alerts = root.object(QStringLiteral("alerts")))
        readAlerts(*alerts, profile.alerts);
    if (auto gates = root.object(QStringLiteral("gates"))) {
        gates->readInt(QStringLiteral("chat_p95_ms"), profile.gates.chatP95Ms, 1, 600'000);
        gates->readInt(QStringLiteral("embed_p95_ms"), profile.gates.embedP95Ms, 1, 600'000);
        gates->readInt(QStringLiteral("rerank_p95_ms"), profile.gates.rerankP95Ms, 1, 600'000);
        gates->reportUnknownKeys();
    }
    if (auto canary = root.object(QStringLiteral("canary"))) {
        canary->readInt(QStringLiteral("watch_minutes"), profile.canary.watchMinutes, 1, 1'440);
        canary->readBool(QStringLiteral("auto_rollback"), profile.canary.autoRollback);
        if (canary->isNull(QStringLiteral("pod_health"))) {
            // null: pods are not probed, as when the key is absent
        } else if (auto podHealth = canary->object(QStringLiteral("pod_health"))) {
            podHealth->require(QStringLiteral("port"));
            podHealth->require(QStringLiteral("path"));
            podHealth->readInt(QStringLiteral("port"), profile.canary.podHealth.port, 1, 65'535);
            podHealth->readString(QStringLiteral("path"), profile.canary.podHealth.path,
                                  validation::podProxyPath);
            podHealth->reportUnknownKeys();
        }
        canary->readInt(QStringLiteral("grace_s"), profile.canary.graceSeconds, 0, 3'600);
        canary->readDouble(QStringLiteral("health_failure_tolerance_percent"),
                           profile.canary.healthFailureTolerancePercent, 0, 100);
        canary->readDouble(QStringLiteral("health_latency_factor"),
                           profile.canary.healthLatencyFactor, 1, 100);
        canary->readInt(QStringLiteral("min_samples"), profile.canary.minSamples, 1, 10'000);
        canary->reportUnknownKeys();
    }
    if (auto kubectl = root.object(QStringLiteral("kubectl")))
        readKubectl(*kubectl, profile.kubectl);
    if (auto prometheus = root.object(QStringLiteral("prometheus")))
        readPrometheus(*prometheus, profile.prometheus);
    if (auto evidence = root.object(QStringLiteral("evidence"))) {
        evidence->readStringList(QStringLiteral("source_dirs"), profile.evidence.sourceDirs, 0, 100,
                                 validation::folderPath);
        evidence->readInt(QStringLiteral("max_age_minutes"), profile.evidence.maxAgeMinutes, 1,
                          10'080);
        evidence->reportUnknownKeys();
    }
    root.readString(QStringLiteral("runbook"), profile.runbookPath, emptyOr(validation::filePath));
    root.reportUnknownKeys();

    if (problems.isEmpty())
        checkConsistency(profile, problems);
    if (!problems.isEmpty())
        return invalid(source, QStringLiteral("has %1 problem%2:\n  %3")
                                   .arg(problems.size())
                                   .arg(problems.size() == 1 ? QString() : QStringLiteral("s"))
                                   .arg(problems.join(QStringLiteral("\n  "))));
    return profile;
}

} // namespace

Result<Profile> ProfileLoader::fromJson(const QByteArray &json)
{
    return parse(json, QStringLiteral("The profile"));
}

Result<Profile> ProfileLoader::fromFile(const QString &path)
{
    const auto bytes = readFileCapped(path, maxFileBytes);
    if (!bytes.ok())
        return bytes.error();
    return parse(bytes.value(), QStringLiteral("The profile %1").arg(path));
}

QByteArray ProfileLoader::defaultProfileJson()
{
    return ProfileWriter::toJson(Profile{});
}

} // namespace golive
