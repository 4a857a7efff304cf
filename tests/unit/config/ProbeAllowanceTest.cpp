#include "src/config/ProbeAllowance.h"
#include "QStringPrinter.h"

#include <gtest/gtest.h>

using namespace golive;

// What probing costs: calls a day and a month from each Cohere probe's interval, against the
// allowances Cohere documents (1,000 calls a month for trial keys and the newer variants).

TEST(ProbeAllowance, CountsCallsADayAndAMonthFromTheInterval)
{
    Profile profile; // chat every 30 s, embed and rerank every 60 s
    const ProbeAllowance allowance(profile);
    ASSERT_EQ(allowance.plans().size(), 3);
    EXPECT_EQ(allowance.plans().at(0).role, QStringLiteral("chat"));
    EXPECT_EQ(allowance.plans().at(0).callsPerDay, 2880);
    EXPECT_EQ(allowance.plans().at(0).callsPerMonth, 86'400);
    EXPECT_EQ(allowance.plans().at(1).callsPerMonth, 43'200);
    EXPECT_EQ(allowance.totalCallsPerMonth(), 172'800);
}

TEST(ProbeAllowance, ANewerVariantProbedEvery30sOutrunsItsMonthlyLimitAndGetsAnIntervalThatFits)
{
    Profile profile;
    profile.cohere.chatModel = QStringLiteral("command-a-reasoning-08-2025");
    const QStringList warnings = ProbeAllowance(profile).warnings();
    ASSERT_EQ(warnings.size(), 2) << warnings.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(warnings.at(0).startsWith(
        QStringLiteral("probing command-a-reasoning-08-2025 every 30 s is ~86,400 calls a month; "
                       "it is limited to 1,000")))
        << warnings.at(0).toStdString();
    EXPECT_TRUE(warnings.at(0).contains(QStringLiteral("probes.chat.interval_s to at least 2640")));
    // The suggestion really fits, and a minute less would not.
    EXPECT_LE(ProbeAllowance::callsPerMonthAt(2640), 1000);
    EXPECT_GT(ProbeAllowance::callsPerMonthAt(2640 - 60), 1000);
    // Whether the key is a trial key is not something Cohere's API says: a conditional warning.
    EXPECT_TRUE(warnings.at(1).startsWith(QStringLiteral("if this is a trial key: ")));
}

TEST(ProbeAllowance, APlanWithinEveryAllowanceWarnsOfNothing)
{
    Profile profile;
    profile.cohere.chatModel = QStringLiteral("command-a-vision-07-2025");
    const int fitting = ProbeAllowance::fittingIntervalS(modelfacts::trialKeyMonthlyCalls, 3);
    for (ProbeTiming *timing :
         {&profile.probes.chat, &profile.probes.embed, &profile.probes.rerank})
        timing->intervalS = fitting;
    EXPECT_TRUE(ProbeAllowance(profile).warnings().isEmpty());
    EXPECT_LE(ProbeAllowance(profile).totalCallsPerMonth(), 1000);
}

TEST(ProbeAllowance, KnowsWhichModelsReasonAndWhichAreLimited)
{
    EXPECT_TRUE(modelfacts::isReasoningCapable(QStringLiteral("command-a-reasoning-08-2025")));
    EXPECT_FALSE(modelfacts::isReasoningCapable(QStringLiteral("command-a-03-2025")));
    EXPECT_FALSE(modelfacts::isReasoningCapable(QStringLiteral("rerank-v4.0-pro")));
    for (const char *limited :
         {"command-a-reasoning-08-2025", "command-a-vision-07-2025", "command-a-translate-08-2025"})
        EXPECT_EQ(modelfacts::monthlyCallLimit(QString::fromLatin1(limited)), 1000) << limited;
    EXPECT_FALSE(modelfacts::monthlyCallLimit(QStringLiteral("command-a-03-2025")).has_value());
}
