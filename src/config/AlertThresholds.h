#pragma once

#include "src/config/ProfileDefaults.h"

#include <QMap>
#include <QString>

namespace golive {

// What one model costs, in USD: per million billed tokens, per billed search unit (rerank).
struct ModelPrice {
    double inputPerMTok = 0.0;
    double outputPerMTok = 0.0;
    double perSearchUnit = 0.0;
    bool operator==(const ModelPrice &) const = default;
};

// The placeholder price table of ProfileDefaults.h, keyed by model id.
QMap<QString, ModelPrice> defaultModelPrices();

// The profile's `alerts.*` section: thresholds of the seed's six monitoring rules.
struct AlertThresholds {
    int unreachableConsecutiveFailures = defaults::unreachableConsecutiveFailures;
    double errorRate5xxPercent = defaults::errorRate5xxPercent;
    int errorRateWindowS = defaults::errorRateWindowS;
    int rateLimitedPerMin = defaults::rateLimitedPerMin;
    int chatP95AlertMs = defaults::chatP95AlertMs;
    int latencyWindowS = defaults::latencyWindowS;
    bool authFailureAny = defaults::authFailureAny; // false switches the auth-failure rule off
    double budgetDailyUsd = defaults::budgetDailyUsd;
    QMap<QString, ModelPrice> prices = defaultModelPrices();
    bool pricesVerified = false; // the team confirmed `prices` against its contract
    bool operator==(const AlertThresholds &) const = default;
};

} // namespace golive
