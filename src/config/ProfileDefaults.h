#pragma once

// The seed's values, named once. Every settings struct of the profile takes its defaults from here
// (the Cohere model and circuit-breaker defaults live beside CohereSettings in CohereSettings.h).
// Sources: seed/cohere-production-checklist.txt, sections "Health Check Endpoint", "Gradual
// Rollout" and "Monitoring Alerts".

namespace golive::defaults {

// Health checks and status page ("Gradual Rollout" pre-flight and "Rollback" verification).
inline constexpr auto stagingHealthUrl = "https://staging.example.com/api/health";
inline constexpr auto productionHealthUrl = "https://api.example.com/api/health";
inline constexpr auto statusPageUrl = "https://status.cohere.com/api/v2/status.json";

// What the Cohere probes send: the seed's "cheapest possible health check" (one-token chat).
inline constexpr auto chatProbeMessage = "ping";
inline constexpr int chatProbeMaxTokens = 1;
inline constexpr auto embedProbeText = "golive health probe";
inline constexpr auto rerankProbeQuery = "Is the service healthy?";
inline constexpr auto rerankProbeDocument1 = "The service is healthy.";
inline constexpr auto rerankProbeDocument2 = "Bananas are yellow.";

// Probe intervals (seconds) and timeouts (milliseconds). The chat timeout stays above the
// high-latency alert threshold so that a slow chat is measured, not cut off.
inline constexpr int healthIntervalS = 10;
inline constexpr int chatIntervalS = 30;
inline constexpr int embedIntervalS = 60;
inline constexpr int rerankIntervalS = 60;
inline constexpr int statusPageIntervalS = 60;
inline constexpr int healthTimeoutMs = 10'000;
inline constexpr int chatTimeoutMs = 20'000;
inline constexpr int embedTimeoutMs = 10'000;
inline constexpr int rerankTimeoutMs = 10'000;
inline constexpr int statusPageTimeoutMs = 10'000;

// "Monitoring Alerts".
inline constexpr int unreachableConsecutiveFailures = 3; // "Health check fails 3x"
inline constexpr double errorRate5xxPercent = 5.0;       // "5xx > 5% of requests/5min"
inline constexpr int errorRateWindowS = 300;
inline constexpr int rateLimitedPerMin = 10;  // "429 > 10/min"
inline constexpr int chatP95AlertMs = 10'000; // "Chat P95 > 10s"
inline constexpr int latencyWindowS = 300;
inline constexpr bool authFailureAny = true; // "Any 401 response"
inline constexpr double budgetDailyUsd =
    50.0; // "Daily token cost > threshold": the seed names none

// Prices in USD for the budget rule: per million billed input/output tokens, per billed search
// unit. PLACEHOLDERS copied from Cohere's public price list at the time of writing; a team must
// check them against its own contract (the profile says so with `alerts.prices_verified: false`).
struct ModelPriceDefault {
    const char *model;
    double inputPerMTok;
    double outputPerMTok;
    double perSearchUnit;
};
inline constexpr ModelPriceDefault modelPrices[] = {
    {"command-a-03-2025", 2.50, 10.00, 0.0}, {"command-r-plus-08-2024", 2.50, 10.00, 0.0},
    {"command-r-08-2024", 0.15, 0.60, 0.0},  {"command-r7b-12-2024", 0.0375, 0.15, 0.0},
    {"embed-v4.0", 0.12, 0.0, 0.0},          {"embed-english-v3.0", 0.10, 0.0, 0.0},
    {"rerank-v3.5", 0.0, 0.0, 0.002},        {"rerank-english-v3.0", 0.0, 0.0, 0.002},
};

// "Gradual Rollout": "P95 latency < 5s for chat, < 500ms for embed/rerank", "Monitor for 10
// minutes".
inline constexpr int chatP95GateMs = 5'000;
inline constexpr int embedP95GateMs = 500;
inline constexpr int rerankP95GateMs = 500;
inline constexpr int canaryWatchMinutes = 10;
inline constexpr bool canaryAutoRollback = false;
// The pod comparison (canary.*): a canary pod may be not Ready for this long after it started
// before it fails the verdict; its health failure share may exceed stable's by this many
// percentage points; its median health latency may be this many times stable's; and fewer
// canary health samples than this is "insufficient data".
inline constexpr int canaryGraceSeconds = 60;
inline constexpr double canaryHealthFailureTolerancePercent = 5.0;
inline constexpr double canaryHealthLatencyFactor = 2.0;
inline constexpr int canaryMinSamples = 3;

} // namespace golive::defaults
