#include "src/config/GateThresholds.h"
#include "src/common/ProbeNames.h"

#include <gtest/gtest.h>

using namespace golive;

namespace {

std::optional<int> gateOf(const GateThresholds &gates, const char *probe)
{
    return gates.forProbe(QString::fromLatin1(probe));
}

} // namespace

// The charts, the canary verdict and the report draw and judge the gate this returns, so a team's
// own thresholds must reach each Cohere probe and no other.
TEST(GateThresholdsTest, EachCohereProbeHasItsOwnGateFromTheProfile)
{
    GateThresholds gates;
    gates.chatP95Ms = 4000;
    gates.embedP95Ms = 300;
    gates.rerankP95Ms = 700;
    EXPECT_EQ(gateOf(gates, probename::cohereChat), 4000);
    EXPECT_EQ(gateOf(gates, probename::cohereEmbed), 300);
    EXPECT_EQ(gateOf(gates, probename::cohereRerank), 700);
}

TEST(GateThresholdsTest, HealthEndpointsAndTheStatusPageHaveNoLatencyGate)
{
    const GateThresholds gates;
    EXPECT_EQ(gateOf(gates, probename::healthProduction), std::nullopt);
    EXPECT_EQ(gateOf(gates, probename::healthStaging), std::nullopt);
    EXPECT_EQ(gateOf(gates, probename::statusPage), std::nullopt);
    EXPECT_EQ(gates.forProbe(QStringLiteral("my-own-probe")), std::nullopt);
}
