#pragma once

// The names under which probe results are recorded in the MetricsStore. The alert rules find
// their probes by these names (AlertSources), so a probe must record under one of them. They live
// in common because the profile's gates (GateThresholds::forProbe) name probes too.
namespace golive::probename {

inline constexpr auto healthStaging = "health-staging";
inline constexpr auto healthProduction = "health-production";
inline constexpr auto cohereChat = "cohere-chat";
inline constexpr auto cohereEmbed = "cohere-embed";
inline constexpr auto cohereRerank = "cohere-rerank";
inline constexpr auto statusPage = "status-page";
// Each pod's own health endpoint read through the API server's pod proxy, one series per version
// of the rollout (PodHealthProber).
inline constexpr auto podHealthCanary = "pod-health-canary";
inline constexpr auto podHealthStable = "pod-health-stable";

} // namespace golive::probename
